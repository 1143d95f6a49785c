"""Restricted pages and documents are refused by the one access policy."""

from django.http import Http404
from wagtail import hooks

from core.access import accepts, can_read_document
from core.responses import refusal
from core.rich_text import FetchedTogetherDocumentLinkHandler, FetchedTogetherPageLinkHandler


@hooks.register("before_serve_page")
def refuse_restricted_page(page, request, serve_args, serve_kwargs):
    """Send the anonymous visitor to sign in and refuse the signed-in non-member.

    Wagtail sends everyone who fails a page's restriction to sign in, the signed-in
    too; the sign-in page sends a signed-in visitor straight back, so a practitioner
    outside the group would meet a redirect loop instead of an answer. The
    restrictions are fetched once: Wagtail's own check, which runs after this one,
    reads the same list (`core.pages.SitePage.get_view_restrictions`).
    """
    restrictions = list(page.get_view_restrictions())
    page.view_restrictions_while_serving = restrictions
    if not accepts(restrictions, request):
        return refusal(request)
    if restrictions:
        # The page is served: core.middleware adds `noindex` to the response.
        request.serves_restricted_material = True
    return None


@hooks.register("before_serve_document")
def refuse_unreadable_document(document, request):
    """Runs before Wagtail's own check: ours also fails closed on sensitive material.

    A document the visitor may not read is not found, as a missing one is, so that
    trying ids tells nobody which restricted documents exist.
    """
    if not can_read_document(document, request):
        raise Http404
    return None


@hooks.register("register_rich_text_features", order=1)
def links_fetched_together(features):
    """Rich text page and document links read what was fetched for the page being served
    (`core.references`). Ordered after Wagtail's own hooks, whose handlers these replace."""
    features.register_link_type(FetchedTogetherPageLinkHandler)
    features.register_link_type(FetchedTogetherDocumentLinkHandler)
