"""P1: images are never private, so none may go into a private collection.

Wagtail applies collection privacy to documents only: an image's original and
its renditions are plain files under /media/, which no permission check guards.
The admin therefore refuses images in private collections (single and multiple
upload, and moving one later). For an image that gets there anyway, the tests
below record that its rendition URL is an unchecked media path, so nobody relies
on the collection to hide it. The app itself serves nothing under /media/, in
any mode: the web server in front serves renditions, and never documents.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from resources.testing import private_collection

from .editors import admin_fixture, admin_limited_to, editor_fixture  # noqa: F401

Image = get_image_model()
REFUSAL = "Images in a private collection are still public on this website."


def png(name="chart.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def restricted(practitioners):
    return private_collection("OFFICIAL-SENSITIVE: Test Valley", practitioners)


def add_single(admin, collection):
    return admin.post(
        "/admin/images/add/",
        {"title": "Chart", "file": png(), "collection": collection.pk, "description": ""},
    )


def add_multiple(admin, collection):
    response = admin.post(
        "/admin/images/multiple/add/",
        {"title": "Chart", "collection": collection.pk, "files[]": png()},
    )
    assert response.status_code == 200
    return json.loads(response.content)


def test_single_upload_into_a_private_collection_is_refused(admin, restricted):
    response = add_single(admin, restricted)
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Image.objects.exists()


def test_single_upload_into_a_public_collection_works(admin, public_collection):
    assert add_single(admin, public_collection).status_code == 302
    assert Image.objects.get().collection == public_collection


def test_multiple_upload_into_a_private_collection_is_refused_with_the_reason(admin, restricted):
    result = add_multiple(admin, restricted)
    assert result["success"] is False
    assert REFUSAL in result["error_message"]
    assert not Image.objects.exists()


def test_multiple_upload_into_a_public_collection_works(admin, public_collection):
    result = add_multiple(admin, public_collection)
    assert result["success"] is True, result
    assert Image.objects.get(pk=result["image_id"]).collection == public_collection


def test_moving_an_image_into_a_private_collection_is_refused(admin, public_collection, restricted):
    image = Image.objects.create(title="Chart", file=png(), collection=public_collection)
    response = admin.post(
        f"/admin/images/{image.pk}/",
        {"title": "Chart", "collection": restricted.pk, "description": ""},
    )
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    image.refresh_from_db()
    assert image.collection == public_collection


def test_uploader_whose_only_collection_is_private_is_refused(client, make_user, restricted):
    """Wagtail hides the collection field when there is one choice: the rule still holds."""
    admin = admin_limited_to(client, make_user, restricted, "wagtailimages", "image")
    response = admin.post("/admin/images/add/", {"title": "Chart", "file": png()})
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Image.objects.exists()


def test_editing_an_image_already_in_a_private_collection_explains_instead_of_failing(
    client, make_user, restricted
):
    image = Image.objects.create(title="Chart", file=png(), collection=restricted)
    admin = admin_limited_to(client, make_user, restricted, "wagtailimages", "image")
    response = admin.post(f"/admin/images/{image.pk}/", {"title": "Renamed", "description": ""})
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    image.refresh_from_db()
    assert image.title == "Chart"


def test_an_image_in_a_private_collection_anyway_has_an_unchecked_public_rendition(
    restricted,
):
    """The limitation, recorded: collection privacy does not reach images (P1)."""
    image = Image.objects.create(title="Chart", file=png(), collection=restricted)
    rendition = image.get_rendition("fill-20x20")
    assert rendition.url.startswith("/media/images/")
    assert image.file.url.startswith("/media/original_images/")
    # Nothing in the URL passes through a view that could check who is asking.
    assert "/documents/" not in rendition.url


@pytest.mark.parametrize("debug", [False, True])
def test_the_app_serves_nothing_under_media(
    client, restricted, sensitive_resource, debug, settings
):
    image = Image.objects.create(title="Chart", file=png(), collection=restricted)
    rendition = image.get_rendition("fill-20x20")
    with override_settings(DEBUG=debug):
        for url in (rendition.url, image.file.url, sensitive_resource.file.url):
            assert url.startswith("/media/")
            assert client.get(url).status_code == 404, url
