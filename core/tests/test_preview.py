"""Previews of drafts, over HTTP: the admin may frame them, no one else may frame any
page, every preview says it is not published, and no cache keeps one."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.testing import login_with_mfa
from core.http_cache import SHARED_CACHE_HEADERS

BANNER = "Preview – not published."
DRAFT_WORDING = "Draft wording, not yet approved."


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name="Moderators"))
    # Admin pages need MFA (accounts.middleware).
    return login_with_mfa(client, user)


def csp_directives(response):
    """{directive: value} of the response's Content-Security-Policy."""
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict(part.partition(" ")[::2] for part in directives if part)


def preview_in_panel(editor_client, article):
    """Send the editor's unsaved draft to the preview, as the side panel does, and open it."""
    url = f"/admin/pages/{article.pk}/edit/preview/"
    draft = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{DRAFT_WORDING}</p>"))]),
            "content_owner": article.content_owner,
            "last_review_date": "2026-11-02",
        }
    )
    assert editor_client.post(url, draft).json() == {"is_valid": True, "is_available": True}
    return editor_client.get(url, {"in_preview_panel": "true"})


def test_a_preview_shows_the_draft_under_a_not_published_banner(editor_client, make_article):
    response = preview_in_panel(editor_client, make_article())
    html = response.content.decode()
    assert response.status_code == 200
    assert DRAFT_WORDING in html
    assert BANNER in html
    assert html.index(BANNER) < html.index('id="main-content"')


def test_only_the_admins_own_pages_may_frame_a_preview(editor_client, make_article):
    response = preview_in_panel(editor_client, make_article())
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Otherwise the public page's policy: no inline script but the quick exit's.
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["style-src"] == "'self'"


def test_no_cache_keeps_a_preview(editor_client, make_article):
    response = preview_in_panel(editor_client, make_article())
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert not any(header in response for header in SHARED_CACHE_HEADERS)


def test_published_pages_may_be_framed_by_no_one_and_carry_no_banner(editor_client, make_article):
    article = make_article()
    for visitor in (editor_client, Client()):
        response = visitor.get(article.url)
        assert response.status_code == 200
        assert csp_directives(response)["frame-ancestors"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"
        assert BANNER not in response.content.decode()
