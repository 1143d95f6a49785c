"""The related-resources block: documents from the library, or pages on other sites."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from core.access import (
    can_read_document,
    in_restricted_collection,
    is_restricted_material,
    restricted_collection_ids,
)
from core.blocks import PARAGRAPH_FEATURES
from core.references import FetchedTogetherChooserMixin
from resources.models import ResourceLibraryPage


class ResourceChooserBlock(FetchedTogetherChooserMixin, DocumentChooserBlock):
    """A document from the library, fetched with whether it is in a restricted collection.

    Stored and edited exactly as Wagtail's own document chooser, the name migrations use.
    """

    canonical_module_path = "wagtail.documents.blocks.DocumentChooserBlock"

    def display_queryset(self):
        return self.model_class.objects.select_related("collection").annotate(
            in_restricted_collection=in_restricted_collection()
        )


def restricted_collections_of(documents):
    """The ids of the restricted collections among those `documents` are in: from what
    was fetched with them (`ResourceChooserBlock`) when it can be, else one query."""
    if all(hasattr(document, "in_restricted_collection") for document in documents):
        return {d.collection_id for d in documents if d.in_restricted_collection}
    return restricted_collection_ids()


class ResourceLinkBlock(blocks.StructBlock):
    """A document from the resource library, or a page on another site."""

    document = ResourceChooserBlock(
        required=False,
        help_text="Its title, summary, source and format come from the library record.",
    )
    url = blocks.URLBlock(required=False, label="Or a web address")
    title = blocks.CharBlock(
        max_length=200, required=False, help_text="For a web address: the page's title."
    )
    description = blocks.CharBlock(
        max_length=300, required=False, help_text="For a web address: what the reader will find."
    )
    publisher = blocks.CharBlock(
        max_length=120, required=False, help_text="For a web address: who publishes it."
    )

    class Meta:
        icon = "doc-full"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("url")):
            message = "Choose a document or give a web address, not both."
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        if value.get("url") and not value.get("title"):
            message = "Give the title of the web page."
            raise StructBlockValidationError(block_errors={"title": ValidationError(message)})
        return value


def may_show(document, context, restricted_collections):
    """Whether a resources section may print this document.

    A public page never prints restricted material, not even for a member who
    could read it, and not even if the document was moved into a private
    collection after the page linked to it. A page that is itself restricted may
    show it to someone who can read it.
    """
    if not is_restricted_material(document, restricted_collections):
        return True
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not page.get_view_restrictions():
        return False
    return can_read_document(document, request)


class RelatedResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Resources")
    intro = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, required=False)
    items = blocks.ListBlock(ResourceLinkBlock(), min_num=1)

    starts_section = True

    class Meta:
        icon = "folder-open-inverse"
        template = "resources/blocks/related_resources.html"

    def get_context(self, value, parent_context=None):
        """Each item as a document entry (from its library record) or a web link.

        A document links to its page in the library, which shows its marking,
        dates and review status beside the download; without a library on the
        site, it links to the file itself.
        """
        context = super().get_context(value, parent_context)
        documents = [item["document"] for item in value["items"] if item["document"]]
        restricted = restricted_collections_of(documents) if documents else set()
        items = [
            item
            for item in value["items"]
            if item["document"] is None or may_show(item["document"], context, restricted)
        ]
        request = context.get("request")
        library = None
        if any(item["document"] for item in items):
            library = ResourceLibraryPage.for_request(request)
        context["entries"] = [
            {"link": item}
            if item["document"] is None
            else {
                "resource": item["document"],
                "href": library.resource_url(item["document"], request)
                if library
                else item["document"].url,
            }
            for item in items
        ]
        return context
