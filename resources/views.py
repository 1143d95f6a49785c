"""Serving documents: Wagtail's permission-checking view, with honest cache headers.

Wagtail sends no `Cache-Control` with a private document or with the redirect
to sign in (P3), and a CDN that caches PDFs by extension would hand a
practitioner's copy to the next visitor. Every document response here is
`no-store`, so no browser keeps a copy on a shared device either; restricted
ones are also `private` and `noindex`.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.documents.views.serve import serve as wagtail_serve

from core.middleware import NOINDEX
from resources.access import is_restricted
from resources.models import Resource


def mark_restricted(response):
    """Headers for a response about restricted material: no cache keeps it, no index lists it."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = NOINDEX
    return response


def refusal(request):
    """The answer to someone who may not read a restricted item.

    Signed out: the sign-in page, which comes back here. Signed in but not in the
    sharing group: a plain refusal that names nothing, not even the title.
    """
    if not request.user.is_authenticated:
        response = redirect_to_login(request.get_full_path())
    else:
        response = TemplateResponse(request, "resources/not_shared.html", status=403)
    return mark_restricted(response)


def serve(request, document_id, document_filename):
    document = get_object_or_404(Resource.objects.select_related("collection"), id=document_id)
    response = wagtail_serve(request, document_id, document_filename)
    if is_restricted(document) or document.sensitive:
        return mark_restricted(response)
    patch_cache_control(response, no_store=True)
    return response


def refuse_restricted_page(page, request, serve_args, serve_kwargs):
    """A `before_serve_page` hook: restricted pages refuse as restricted documents do.

    Wagtail sends everyone who fails a page's restriction to sign in, the signed-in
    too; the sign-in page sends a signed-in visitor straight back, so a practitioner
    outside the group met a redirect loop instead of an answer. Here the anonymous
    visitor is sent to sign in and the signed-in one gets the plain refusal, both
    marked `private, no-store` and `noindex`.
    """
    restrictions = page.get_view_restrictions()
    if not all(restriction.accept_request(request) for restriction in restrictions):
        return refusal(request)
    if restrictions:
        # The page is served: core.middleware adds `noindex` to the response.
        request.serves_restricted_material = True
    return None
