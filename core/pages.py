"""The base classes of the site's page types, and the rule on links to restricted material."""

from django.core.exceptions import ValidationError
from django.template.response import SimpleTemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from core import references
from core.access import is_restricted_material
from core.blocks import BaseBodyBlock, heading_anchors
from core.models import ReviewedContentMixin


def public_pages_linking_to(obj):
    """Live pages without view restrictions whose content links to `obj` (a document, say)."""
    pages = []
    for source, _references in ReferenceIndex.get_grouped_references_to(obj):
        if isinstance(source, Page) and source.live and not source.get_view_restrictions():
            pages.append(source)
    return pages


def restricted_documents_linked_from(page):
    """The documents that are restricted material among those the page's content links to."""
    document_model = get_document_model()
    ids = set()
    for field in page._meta.concrete_fields:
        if not hasattr(field, "extract_references"):
            continue
        for model, object_id, _model_path, _content_path in field.extract_references(
            field.value_from_object(page)
        ):
            if issubclass(model, document_model):
                ids.add(object_id)
    documents = document_model.objects.filter(pk__in=ids).select_related("collection")
    return [document for document in documents if is_restricted_material(document)]


class SitePage(Page):
    """A page of this site: group-only privacy, and no public link to restricted material.

    - Being signed in grants nothing, so the privacy dialog offers only "private,
      accessible to users in specific groups" (a system check in `accounts` catches
      restrictions made any other way).
    - A public page may not link to a restricted document: the link would print the
      document's title, and its filename in the URL, on a page anyone can read. A
      page that is itself private may.
    """

    private_page_options = ["groups"]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        """The page, with what its content refers to fetched together (`core.references`),
        and shown before they are let go."""
        with references.fetched_together(self, request):
            response = super().serve(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                response.render()
        return response

    @property
    def meta_description(self):
        """What search engines and link previews show under the title: the page's search
        description, else its summary or intro (the page types that have one), in one line."""
        for name in ("search_description", "summary", "intro"):
            if text := getattr(self, name, ""):
                return " ".join(text.split())
        return ""

    def get_view_restrictions(self):
        """The restrictions, read once while the page is served (`core.wagtail_hooks`),
        from the line of pages its route found (`core.routing`) when it has one."""
        serving = getattr(self, "view_restrictions_while_serving", None)
        if serving is not None:
            return serving
        lineage = getattr(self, "lineage", None)
        if lineage is not None:
            return lineage.view_restrictions()
        return super().get_view_restrictions()

    def get_breadcrumb_ancestors(self):
        """The pages above this one, home page first, for its breadcrumbs."""
        lineage = getattr(self, "lineage", None)
        if lineage is not None:
            return [page for page in lineage.ancestors if page.depth > 1]
        return list(self.get_ancestors().filter(depth__gt=1))

    def clean(self):
        super().clean()
        if self.pk and self.get_view_restrictions().exists():
            return
        documents = restricted_documents_linked_from(self)
        if documents:
            raise ValidationError(
                "This page is public, so it cannot link to "
                + ", ".join(f"'{document.title}'" for document in documents)
                + ": that material is shared only with a named group. Remove the link, "
                "or make the page private to that group."
            )


class ContentPage(ReviewedContentMixin, SitePage):
    """A page with a body of blocks, an 'On this page' list, an owner and review dates.

    A subclass may give `body` a richer stream of blocks, and builds its panels and
    search fields with the fields it shows above the body:
    `content_panels = ContentPage.panels_with("summary")`.
    """

    body = StreamField(BaseBodyBlock())

    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        abstract = True

    @staticmethod
    def panels_with(*lead_fields):
        """The editor's panels: title, the lead fields, the body, then ownership and review."""
        return (
            Page.content_panels
            + [FieldPanel(name) for name in lead_fields]
            + [FieldPanel("body")]
            + ReviewedContentMixin.review_panels
        )

    @staticmethod
    def search_fields_with(*lead_fields):
        """The search fields: title, body and the lead fields."""
        return ContentPage.search_fields + [index.SearchField(name) for name in lead_fields]

    @property
    def contents(self):
        """(anchor, text) for each section of the body."""
        return heading_anchors(self.body)
