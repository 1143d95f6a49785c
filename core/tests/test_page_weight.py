"""Compression over HTTP: pages gzipped for clients that accept it, files sent as they are,
and static files hashed, precompressed and cached for years under the production storage.

What a browser downloads, and how many requests it makes, is measured in
test_browser_page_weight.py.
"""

import base64
import gzip
import hashlib
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from wagtail.models import Collection

from resources.models import HandlingInstruction, Resource
from safeguarding.settings import base

ARTICLE = "/practitioners/child-trafficking/"
ACCEPTS_GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
ONE_YEAR = 365 * 24 * 60 * 60
STYLESHEET = "core/css/site.css"


def vary(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


def max_age(response):
    match = re.search(r"max-age=(\d+)", response.get("Cache-Control", ""))
    return int(match[1]) if match else None


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# Pages ------------------------------------------------------------------------


def test_a_page_is_gzipped_for_a_client_that_accepts_it_and_decodes_to_the_page(
    client, demo_data, db
):
    plain = client.get(ARTICLE)
    compressed = client.get(ARTICLE, **ACCEPTS_GZIP)
    assert compressed.status_code == plain.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 3


def test_a_page_is_sent_plain_to_a_client_that_does_not_accept_gzip(client, demo_data, db):
    response = client.get(ARTICLE)
    assert "Content-Encoding" not in response
    assert b"<h1>Child trafficking</h1>" in response.content
    # A shared cache keeps the two encodings apart.
    assert "accept-encoding" in vary(response)
    assert "accept-encoding" in vary(client.get(ARTICLE, **ACCEPTS_GZIP))


def test_the_inline_quick_exit_script_in_a_gzipped_page_still_matches_its_csp_hash(
    client, demo_data, db
):
    response = client.get(ARTICLE, **ACCEPTS_GZIP)
    html = gzip.decompress(response.content).decode()
    inlined = re.search(r"<script>(.*?)</script>", html, re.S)[1].encode()
    digest = base64.b64encode(hashlib.sha256(inlined).digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]


# Documents --------------------------------------------------------------------

# Text that gzip would shrink a great deal, so that compressing it could not go unnoticed.
CSV = (
    b"area,month,referrals\n"
    + b"".join(f"Northbridge,2026-{month:02},{month * 7}\n".encode() for month in range(1, 13)) * 40
)


@pytest.fixture
def csv_document(db):
    collection = Collection.get_first_root_node().add_child(name="Figures")
    document = Resource(
        title="Referrals by month",
        collection=collection,
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    )
    document.file.save("referrals.csv", ContentFile(CSV), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def test_a_document_is_sent_byte_for_byte_as_stored_even_to_a_client_that_accepts_gzip(
    client, csv_document
):
    response = client.get(csv_document.url, **ACCEPTS_GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert int(response["Content-Length"]) == len(CSV)
    assert body(response) == CSV


# Static files under the production storage --------------------------------------


@pytest.fixture
def production_static(settings, tmp_path):
    """collectstatic into a temporary STATIC_ROOT with the storage production uses (base
    settings), and WhiteNoise serving from there with its production defaults; the test
    settings serve straight from the apps instead."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    del settings.WHITENOISE_USE_FINDERS
    del settings.WHITENOISE_AUTOREFRESH
    call_command("collectstatic", interactive=False, verbosity=0)
    return Client()  # A new client loads the middleware, WhiteNoise's files included.


def source_bytes(path):
    with open(finders.find(path), "rb") as file:
        return file.read()


def test_pages_link_the_stylesheets_by_their_hashed_names(production_static, partnership):
    html = production_static.get("/").content.decode()
    linked = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert linked == [static(STYLESHEET), static("quickexit/quick-exit.css")]
    assert re.fullmatch(r"/static/core/css/site\.[0-9a-f]{12}\.css", linked[0])
    assert re.fullmatch(r"/static/quickexit/quick-exit\.[0-9a-f]{12}\.css", linked[1])


def test_a_hashed_static_file_is_cached_for_a_year_and_sent_gzipped(production_static):
    response = production_static.get(static(STYLESHEET), **ACCEPTS_GZIP)
    assert response.status_code == 200
    assert max_age(response) >= ONE_YEAR
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(response)
    compressed = body(response)
    assert int(response["Content-Length"]) == len(compressed)
    assert gzip.decompress(compressed) == source_bytes(STYLESHEET)
    assert len(compressed) < len(source_bytes(STYLESHEET)) / 3


def test_a_hashed_static_file_is_sent_plain_to_a_client_that_does_not_accept_gzip(
    production_static,
):
    response = production_static.get(static(STYLESHEET))
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert max_age(response) >= ONE_YEAR
    assert body(response) == source_bytes(STYLESHEET)
