"""Signing out leaves nothing in the browser: no session, no CSRF token, no message.

A cookie left behind would tell the next person at a shared computer that the site
was used, and would make the shared cache pass every later request to the app.
"""

import pytest
from django.test import Client

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def live_cookies(client):
    """The cookies the client would still send (a deleted one is kept with no value)."""
    return {name: morsel.value for name, morsel in client.cookies.items() if morsel.value}


@pytest.mark.parametrize("who", ["approved_user", "pending_user"])
def test_signing_out_and_reading_a_public_page_leaves_no_cookie(request, home_page, who):
    client = Client(enforce_csrf_checks=True)
    user = request.getfixturevalue(who)
    # The CSRF check is on: the token comes from the forms, as in a browser.
    client.get("/accounts/login/")
    # Kept until the browser closes, not for a year.
    assert not client.cookies["csrftoken"]["max-age"]
    assert not client.cookies["csrftoken"]["expires"]
    token = client.cookies["csrftoken"].value
    client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert "sessionid" in live_cookies(client)
    client.get("/accounts/profile/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/").status_code == 200
    assert live_cookies(client) == {}
