"""Someone signed in without admin access who opens /admin/ is told so, in the site's layout."""

import pytest

from accounts.testing import login_with_mfa
from safeguarding.testing.layout import assert_in_site_layout

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["approved_user", "pending_user"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/"])
def test_a_signed_in_non_admin_gets_a_clear_refusal_not_a_redirect_loop(client, request, who, path):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(path, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403
    html = response.content.decode()
    assert_in_site_layout(html)
    assert "<h1>You do not have access to the editing area</h1>" in html
    assert user.email in html
    assert 'href="/accounts/logout/"' in html
    assert "private" in response["Cache-Control"]
    # The refusal leaves no message behind for a later page.
    assert "messages" not in response.cookies


def test_an_administrator_still_reaches_the_admin(client, administrator):
    login_with_mfa(client, administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Dashboard" in response.content.decode()
