"""StreamField blocks shared by every content page.

The body of a page is built only from these blocks, so that editors cannot
add an h1, an embed that calls another host, or a link that says "click here".
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Rich text never offers headings (they have their own block) or embeds.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# Link texts that tell a screen-reader user nothing when read out of context
# (WCAG 2.4.4). Compared case-insensitively, ignoring punctuation.
VAGUE_LINK_TEXTS = {
    "click here",
    "here",
    "link",
    "more",
    "more information",
    "more info",
    "read more",
    "this link",
    "this page",
    "find out more",
    "learn more",
}


def validate_link_text(text):
    """Reject link text that hides where the link goes."""
    words = "".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace()).strip()
    if " ".join(words.split()) in VAGUE_LINK_TEXTS:
        raise ValidationError(
            "Say where the link goes, for example 'NSPCC guidance on child trafficking'."
        )
    if text.strip().lower().startswith(("http://", "https://", "www.")):
        raise ValidationError("Use words, not the web address, as the link text.")


def hostname(url):
    """The site a link leads to, without 'www.', for the label beside it."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Subheading (h3)")],
        default="h2",
        help_text="The page title is the only h1.",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", "Bulleted"), ("numbered", "Numbered")], default="bulleted"
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "core/blocks/list.html"


class ContactListBlock(blocks.ListBlock):
    """Contacts chosen from the registry, never typed into the page."""

    def __init__(self, **kwargs):
        super().__init__(SnippetChooserBlock("help.Contact"), **kwargs)


class CalloutBlock(blocks.StructBlock):
    """A boxed note for one audience, such as 'For First Responders'."""

    AUDIENCES = [
        ("first-responders", "For First Responders"),
        ("practitioners", "For practitioners"),
        ("public", "For parents, carers and the public"),
        ("children", "For children and young people"),
    ]

    audience = blocks.ChoiceBlock(choices=AUDIENCES)
    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    contacts = ContactListBlock(required=False, default=[])

    class Meta:
        icon = "help"
        template = "core/blocks/callout.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["audience_label"] = dict(self.AUDIENCES).get(value["audience"], "")
        context["anchor"] = "callout-" + slugify(value["heading"])
        return context


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label="Web address")
    text = blocks.CharBlock(
        max_length=160,
        validators=[validate_link_text],
        help_text="Words that say where the link goes, read on their own.",
    )
    description = blocks.CharBlock(max_length=300, required=False)

    class Meta:
        icon = "link-external"
        template = "core/blocks/external_link.html"


class FilmBlock(blocks.StructBlock):
    """A film on another site, shown as a link: no embed, no request to that host."""

    title = blocks.CharBlock(max_length=160)
    producer = blocks.CharBlock(max_length=120, help_text="Who made the film.")
    description = blocks.TextBlock(max_length=400)
    url = blocks.URLBlock(label="Where to watch it")
    audience = blocks.CharBlock(max_length=120, required=False, help_text="Who it is made for.")

    class Meta:
        icon = "media"
        template = "core/blocks/film.html"


class FigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(max_length=20)
    label = blocks.CharBlock(max_length=200)


class KeyFiguresBlock(blocks.StructBlock):
    """Figures always shown with their source and date, because figures are revised."""

    figures = blocks.ListBlock(FigureBlock(), min_num=1)
    source = blocks.CharBlock(max_length=300)
    source_date = blocks.CharBlock(max_length=40, help_text="For example 'May 2019'.")
    source_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "table"
        template = "core/blocks/key_figures.html"


class ResourceLinkBlock(blocks.StructBlock):
    """A document from the resource library, or a page on another site."""

    document = DocumentChooserBlock(
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


def _may_show(document, context, restricted_collections):
    """Whether a resources section may print this document.

    A public page never prints a restricted document, not even for a member who
    could read it, and not even if the document was moved into a private
    collection after the page linked to it. A page that is itself restricted may
    show it to someone who can read it. `restricted_collections` is
    `resources.access.restricted_collection_ids()`, worked out once per section.
    """
    from resources.access import can_read  # (see RelatedResourcesBlock)

    if not (document.sensitive or document.collection_id in restricted_collections):
        return True
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not page.get_view_restrictions().exists():
        return False
    return can_read(document, request)


class RelatedResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Resources")
    intro = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, required=False)
    items = blocks.ListBlock(ResourceLinkBlock(), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        template = "core/blocks/related_resources.html"

    def get_context(self, value, parent_context=None):
        """Each item as a document entry (from its library record) or a web link.

        A document links to its page in the library, which shows its marking,
        dates and review status beside the download; without a library on the
        site, it links to the file itself.
        """
        # Imported here: the resources app's models import page models built on these blocks.
        from resources.access import restricted_collection_ids
        from resources.pages import ResourceLibraryPage

        context = super().get_context(value, parent_context)
        documents = [item["document"] for item in value["items"] if item["document"]]
        restricted = restricted_collection_ids() if documents else set()
        items = [
            item
            for item in value["items"]
            if item["document"] is None or _may_show(item["document"], context, restricted)
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


class RelatedContactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Who to contact")
    contacts = ContactListBlock(min_num=1)

    class Meta:
        icon = "mail"
        template = "core/blocks/related_contacts.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow")
    list = ListBlock()
    callout = CalloutBlock()
    external_link = ExternalLinkBlock()
    film = FilmBlock()
    key_figures = KeyFiguresBlock()
    related_resources = RelatedResourcesBlock()
    related_contacts = RelatedContactsBlock()


class RouteBlock(blocks.StructBlock):
    """A way in for one audience, on the home page."""

    audience = blocks.CharBlock(max_length=60, help_text="Who this route is for.")
    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(max_length=300)
    page = blocks.PageChooserBlock()

    class Meta:
        icon = "arrow-right"
        template = "core/blocks/route.html"


def heading_anchors(stream_value):
    """(anchor, text) for each section of a page body, for an 'On this page' list.

    A section starts at an h2 heading block, or at a resources or contacts
    block, which carry their own h2.
    """
    anchors = []
    for block in stream_value:
        if block.block_type == "heading" and block.value["level"] == "h2":
            text = block.value["text"]
        elif block.block_type in {"related_resources", "related_contacts"}:
            text = block.value["heading"]
        else:
            continue
        anchors.append((slugify(text), text))
    return anchors
