"""Rich text links that read what was fetched for the page being served (`core.references`).

Registered in place of Wagtail's own page and document link handlers (`core.wagtail_hooks`):
each rich text value then shows its links without a query of its own.
"""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core.references import linked_pages, objects_by_pk, primary_key, request_served
from core.site_settings import site_root_paths


class FetchedTogetherPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, with pages fetched for the page being served."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = objects_by_pk(Page, ids, linked_pages)
        linked = [pages.get(primary_key(Page, id_)) for id_ in ids]
        # Wagtail makes each link's URL without the request, reading the sites' root URLs
        # from the cache again for each page: give them the request's copy.
        request = request_served()
        if request is not None:
            paths = site_root_paths(request)
            for page in linked:
                if page is not None:
                    page._wagtail_cached_site_root_paths = paths
        # Wagtail's handler makes each URL from the page as its own type; a plain page
        # gives the same URL unless its type makes URLs its own way.
        return [
            page if page is None or makes_urls_as_wagtail(page) else page.specific
            for page in linked
        ]


# What a page's URL is made with (`Page.url` and what it calls).
URL_ATTRIBUTES = ("url", "localized", "get_url", "get_url_parts", "relative_url")


def makes_urls_as_wagtail(page):
    """Whether the page's own type makes its URL as Wagtail's `Page` does."""
    specific_class = page.specific_class
    return specific_class is not None and all(
        getattr(specific_class, name) is getattr(Page, name) for name in URL_ATTRIBUTES
    )


class FetchedTogetherDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document link handler, with documents fetched for the page being served."""

    @classmethod
    def get_many(cls, attrs_list):
        model, ids = cls.get_model(), [attrs.get("id") for attrs in attrs_list]
        documents = objects_by_pk(model, ids, model._default_manager.all)
        return [documents.get(primary_key(model, id_)) for id_ in ids]
