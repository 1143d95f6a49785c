"""Serving documents: who gets the file, and the headers every answer carries (P2, P3)."""

import pytest
from django.conf import settings

from resources.models import SensitiveDownload
from resources.testing import PERSONAS, REFUSED


def test_documents_are_always_served_through_the_checking_view():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_document_is_served_to_everyone_and_kept_by_no_browser(
    persona, client_as, public_resource
):
    response = client_as(persona).get(public_resource.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert "X-Robots-Tag" not in response


@pytest.mark.parametrize("persona", REFUSED)
def test_sensitive_document_is_not_found_and_kept_by_no_cache(
    persona, client_as, sensitive_resource
):
    # Not found, as a missing document is (test_existence.py compares the two).
    response = client_as(persona).get(sensitive_resource.url)
    assert response.status_code == 404
    assert b"Zanzibarquartz" not in response.content
    assert "no-store" in response["Cache-Control"]
    assert "CDN-Cache-Control" not in response
    assert not SensitiveDownload.objects.exists()


def test_member_gets_sensitive_document_privately_and_the_download_is_logged(
    client_as, sensitive_resource
):
    response = client_as("member").get(sensitive_resource.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    record = SensitiveDownload.objects.get()
    assert record.user_email == "member@school.example"
    assert record.document == sensitive_resource
    assert record.marking == "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"


def test_sensitive_document_without_a_group_restriction_is_served_to_nobody(
    client_as, sensitive_resource, public_collection
):
    # A bulk move skips the form's rules; serving still fails closed.
    type(sensitive_resource).objects.filter(pk=sensitive_resource.pk).update(
        collection=public_collection
    )
    for persona in PERSONAS:
        assert client_as(persona).get(sensitive_resource.url).status_code == 404
