"""The generic StreamField blocks that every page body is built from.

Page bodies offer only these blocks and those the capabilities add (contacts,
resources), so that editors cannot add an h1, an embed that calls another host,
or a link that says "click here".
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

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
        choices=[("h2", "Section heading"), ("h3", "Subheading within a section")],
        default="h2",
        help_text="Section headings start the main parts of the page and are listed under "
        "'On this page'. The page title is the only heading above them.",
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


class BaseBodyBlock(blocks.StreamBlock):
    """The blocks every page body offers; capabilities add their own by subclassing."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow")
    list = ListBlock()
    callout = CalloutBlock()
    external_link = ExternalLinkBlock()
    film = FilmBlock()
    key_figures = KeyFiguresBlock()

    def clean(self, value):
        """One film card per film: a second card with the same address would show readers
        the same film twice, and lead them to the same place."""
        value = super().clean(value)
        seen = set()
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "film":
                continue
            if child.value["url"] in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "url": ValidationError(
                            "A film card above already links here. Use one card for each "
                            "film; if one page holds several films, describe them in one card."
                        )
                    }
                )
            seen.add(child.value["url"])
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


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

    A section starts at an h2 heading block, or at a block that carries its own h2
    heading (one whose class sets `starts_section`).
    """
    anchors = []
    for block in stream_value:
        if block.block_type == "heading" and block.value["level"] == "h2":
            text = block.value["text"]
        elif getattr(block.block, "starts_section", False):
            text = block.value["heading"]
        else:
            continue
        anchors.append((slugify(text), text))
    return anchors
