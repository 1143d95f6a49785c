import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.blocks.stream_block import StreamBlockValidationError

from core.blocks import (
    BaseBodyBlock,
    ExternalLinkBlock,
    heading_anchors,
    hostname,
    validate_link_text,
)


@pytest.mark.parametrize("text", ["Click here", "here", "Read more.", "  MORE INFO ", "link"])
def test_vague_link_text_is_refused(text):
    with pytest.raises(ValidationError, match="Say where the link goes"):
        validate_link_text(text)


@pytest.mark.parametrize("text", ["https://www.nspcc.org.uk", "www.gov.uk/guidance"])
def test_web_address_as_link_text_is_refused(text):
    with pytest.raises(ValidationError, match="Use words"):
        validate_link_text(text)


def test_honest_link_text_is_accepted():
    validate_link_text("NSPCC guidance on child trafficking")


def test_external_link_block_validates_its_text():
    block = ExternalLinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://www.nspcc.org.uk/", "text": "click here"}))


def test_external_link_renders_destination_host():
    block = ExternalLinkBlock()
    value = block.to_python(
        {"url": "https://www.nspcc.org.uk/what-is-child-abuse/", "text": "NSPCC guidance"}
    )
    html = block.render(value)
    assert '<a href="https://www.nspcc.org.uk/what-is-child-abuse/">NSPCC guidance</a>' in html
    assert "(nspcc.org.uk)" in html
    assert "target=" not in html


def test_hostname_drops_www():
    assert hostname("https://www.ecpat.org.uk/films") == "ecpat.org.uk"
    assert hostname("https://gov.uk/x") == "gov.uk"


def test_body_offers_no_h1_and_no_embeds():
    block = BaseBodyBlock()
    levels = block.child_blocks["heading"].child_blocks["level"].field.choices
    assert [value for value, _ in levels if value] == ["h2", "h3"]
    features = block.child_blocks["paragraph"].features
    assert not {"h1", "h2", "embed", "image"} & set(features)
    assert "embed" not in block.child_blocks


def test_film_renders_as_a_link_not_an_embed():
    block = BaseBodyBlock()
    stream = StreamValue(
        block,
        [
            {
                "type": "film",
                "value": {
                    "title": "Identifying migrant children who may be exploited",
                    "producer": "ECPAT UK",
                    "description": "For practitioners.",
                    "url": "https://www.ecpat.org.uk/films-for-practitioners",
                    "audience": "practitioners",
                },
            }
        ],
        is_lazy=True,
    )
    html = block.render(stream)
    assert '<a href="https://www.ecpat.org.uk/films-for-practitioners">' in html
    assert "watch on ecpat.org.uk" in html
    assert "<iframe" not in html and "<video" not in html


def film(title, url):
    return {
        "type": "film",
        "value": {
            "title": title,
            "producer": "ECPAT UK",
            "description": "For practitioners.",
            "url": url,
            "audience": "",
        },
    }


def test_one_film_card_per_film_address():
    block = BaseBodyBlock()
    page_of_films = "https://www.ecpat.org.uk/films-for-practitioners"
    stream = block.to_python(
        [
            film("Vietnamese children in cannabis cultivation", page_of_films),
            film("Another film", "https://www.ecpat.org.uk/another-film"),
            film("Exploited migrant children", page_of_films),
        ]
    )
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(stream)
    assert list(refused.value.block_errors) == [2]
    assert "already links here" in str(refused.value.block_errors[2].block_errors["url"])
    block.clean(
        block.to_python([film("One card", page_of_films), film("Other", "https://a.example/")])
    )


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock()

    starts_section = True


class BodyWithSections(BaseBodyBlock):
    section = SectionBlock()


def test_heading_anchors_list_only_section_headings():
    block = BodyWithSections()
    stream = StreamValue(
        block,
        [
            {"type": "heading", "value": {"text": "What it is", "level": "h2"}},
            {"type": "heading", "value": {"text": "A detail", "level": "h3"}},
            {"type": "heading", "value": {"text": "What to do", "level": "h2"}},
            {"type": "section", "value": {"heading": "Resources for practitioners"}},
        ],
        is_lazy=True,
    )
    assert heading_anchors(stream) == [
        ("what-it-is", "What it is"),
        ("what-to-do", "What to do"),
        ("resources-for-practitioners", "Resources for practitioners"),
    ]
