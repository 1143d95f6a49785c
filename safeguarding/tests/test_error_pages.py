"""Every error page is in the site layout, with the exit control: through HTTP.

404 and 500 are tested with the layout (core/tests/test_layout.py); here the rest, each
reached the way a visitor reaches it where that is cheap, else through the test-only
paths of safeguarding/testing/urls.py.
"""

import pytest
from django.test import Client

from safeguarding.testing.layout import assert_in_site_layout
from safeguarding.testing.urls import ERROR_PAGES

pytestmark = pytest.mark.django_db


def assert_error_page(response, status, heading):
    assert response.status_code == status
    html = response.content.decode()
    assert_in_site_layout(html)
    assert f"<h1>{heading}</h1>" in html
    assert "no-store" in response["Cache-Control"]
    assert "CDN-Cache-Control" not in response


def test_400_bad_request(client, partnership):
    response = client.get("/__test__/bad-request/")
    assert_error_page(response, 400, "Sorry, that request was not understood")


def test_400_for_a_host_the_site_does_not_serve_still_has_the_exit_link(partnership):
    response = Client(raise_request_exception=False).get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Exit this page" in html
    assert 'href="tel:999"' in html


def test_403_forbidden(client, partnership):
    response = client.get("/__test__/forbidden/")
    assert_error_page(response, 403, "You do not have permission to see this")


def test_403_when_a_form_fails_the_csrf_check(partnership):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"login": "someone@school.example", "password": "x"}
    )
    assert_error_page(response, 403, "Sorry, the form could not be sent")


def test_405_method_not_allowed_keeps_the_allowed_methods(client, partnership):
    response = client.post("/contacts.json")
    assert_error_page(response, 405, "Sorry, that cannot be done here")
    assert response["Allow"] == "GET"


def test_429_too_many_attempts_to_sign_in(client, partnership):
    """allauth's limit on sign-in attempts from one address (20 a minute)."""
    for _ in range(25):
        response = client.post(
            "/accounts/login/", {"login": "target@school.example", "password": "wrong-password"}
        )
        if response.status_code == 429:
            break
    assert_error_page(response, 429, "Too many attempts")


@pytest.mark.parametrize(("name", "status"), sorted(ERROR_PAGES.items()))
def test_every_test_only_error_page_answers_its_status_in_the_layout(partnership, name, status):
    response = Client(raise_request_exception=False).get(f"/__test__/{name}/")
    assert response.status_code == status
    assert_in_site_layout(response.content.decode())
