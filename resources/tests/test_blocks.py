"""The related-resources block: a document from the library or a web page, never both."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from resources.blocks import ResourceLinkBlock


def test_resource_needs_a_document_or_a_web_address():
    block = ResourceLinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Leaflet", "url": "", "document": None}))


def test_resource_cannot_have_both_document_and_web_address(db):
    document = get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4 demo", name="leaflet.pdf")
    )
    block = ResourceLinkBlock()
    value = {"title": "Leaflet", "url": "https://example.org/a", "document": document.pk}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))


def test_resource_with_web_address_is_valid():
    block = ResourceLinkBlock()
    cleaned = block.clean(block.to_python({"title": "Leaflet", "url": "https://example.org/a"}))
    assert cleaned["url"] == "https://example.org/a"
