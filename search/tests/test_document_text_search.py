"""Search finds a document by a word inside its file, for those who may read the document
and for nobody else. Each search goes through the search view as one kind of visitor;
the checks read only whether the document's title is in the response, so that they hold
whatever the results look like."""

import pytest
from django.core.files.base import ContentFile

from resources.models import HandlingInstruction
from resources.testing import PERSONAS, text_pdf

# Words that occur only inside the files under test: in no title, summary or page.
PUBLIC_WORD = "quillbramble"
RESTRICTED_WORD = "marrowtangle"


def found(client, query, title):
    response = client.post("/search/", {"query": query})
    assert response.status_code == 200
    return title in response.content.decode()


@pytest.fixture
def public_pdf(partnership, make_resource, public_collection):
    return make_resource(
        "Leaflet for parents",
        public_collection,
        summary="What parents can do.",
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
        content=text_pdf(f"Ask about {PUBLIC_WORD} at the family hub."),
    )


@pytest.fixture
def restricted_pdf(partnership, make_resource, sensitive_collection, practitioners):
    return make_resource(
        "Operations briefing",
        sensitive_collection,
        summary="Figures for partner agencies only.",
        sensitive=True,
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
        sharing_group=practitioners,
        content=text_pdf(f"Operation {RESTRICTED_WORD} covered three areas."),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_word_inside_a_public_pdf_finds_it_for_everyone(persona, client_as, public_pdf):
    assert found(client_as(persona), PUBLIC_WORD, public_pdf.title)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_word_inside_a_restricted_pdf_finds_it_for_its_group_only(
    persona, client_as, restricted_pdf
):
    found_it = found(client_as(persona), RESTRICTED_WORD, restricted_pdf.title)
    assert found_it == (persona == "member")


def test_a_word_of_a_replaced_file_no_longer_finds_the_document(client, public_pdf):
    public_pdf.file.save("leaflet-v2.pdf", ContentFile(text_pdf("Ask at the family hub.")))
    assert not found(client, PUBLIC_WORD, public_pdf.title)


def test_a_file_that_cannot_be_read_is_found_by_its_title_and_summary(
    client, partnership, make_resource, public_collection
):
    resource = make_resource(
        "Frimbleworth leaflet",
        public_collection,
        summary="Advice on sleevenock arrangements.",
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
        content=b"%PDF-1.4\nnot a PDF after all",
    )
    assert found(client, "frimbleworth", resource.title)
    assert found(client, "sleevenock", resource.title)


def test_a_word_inside_a_pdf_finds_it_in_another_form_of_the_word(client, partnership, public_pdf):
    """Stemming, on SQLite as on PostgreSQL: 'exploited' finds a file that says 'exploitation'."""
    public_pdf.file.save("leaflet-v3.pdf", ContentFile(text_pdf("Signs of exploitation.")))
    assert found(client, "exploited", public_pdf.title)
