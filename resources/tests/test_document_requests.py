"""What the document view answers besides a plain GET, and which requests count as downloads.

Only a GET answered with the file (200) is logged as a sensitive download, whether or
not the client reads the whole body: the file has left the site. A HEAD, a conditional
GET answered 304 and any refusal send no file and are not logged. The view allows GET
and HEAD only; every other method is 405 and never reaches the file.
"""

import pytest
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from resources.models import SensitiveDownload


def test_the_shared_password_form_for_collections_is_not_mounted(client, sensitive_collection):
    restriction = CollectionViewRestriction.objects.get(collection=sensitive_collection)
    path = f"/documents/authenticate_with_password/{restriction.pk}/"
    assert client.get(path).status_code == 404
    response = client.post(path, {"password": "guess", "return_url": "/"})
    assert response.status_code == 404
    assert not response.cookies
    # Known and unknown restriction ids answer alike.
    assert client.get("/documents/authenticate_with_password/999999/").status_code == 404


def test_the_shared_password_form_for_pages_is_not_mounted(client, restricted_page):
    restriction = PageViewRestriction.objects.get(page=restricted_page)
    path = f"/_util/authenticate_with_password/{restriction.pk}/{restricted_page.pk}/"
    assert client.get(path).status_code == 404
    response = client.post(path, {"password": "", "return_url": "/"})
    assert response.status_code == 404
    assert not response.cookies


def test_a_get_of_the_file_is_logged_once(client_as, sensitive_resource):
    response = client_as("member").get(sensitive_resource.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert SensitiveDownload.objects.count() == 1


def test_head_is_answered_without_the_file_and_not_logged(client_as, sensitive_resource):
    response = client_as("member").head(sensitive_resource.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b""
    assert not SensitiveDownload.objects.exists()


def test_a_revalidation_answered_304_is_not_logged(client_as, sensitive_resource):
    member = client_as("member")
    first = member.get(sensitive_resource.url)
    b"".join(first.streaming_content)
    again = member.get(sensitive_resource.url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert SensitiveDownload.objects.count() == 1


@pytest.mark.parametrize("method", ["options", "trace", "post", "put", "patch", "delete"])
def test_other_methods_are_refused_without_the_file_or_a_log(client_as, sensitive_resource, method):
    response = getattr(client_as("member"), method)(sensitive_resource.url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"%PDF" not in response.content
    assert not SensitiveDownload.objects.exists()
