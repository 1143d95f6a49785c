"""The privacy pitfalls (P1 to P14 in the README) that serving and access touch,
tried through HTTP as each of the four personas: P2, P3, P6, P8, P9, P10 and P11.

Each section says what other test modules already prove, and adds only what is
missing there (usually the persona dimension). Elsewhere:
- P1, P12: test_images.py, test_admin_forms.py; P4, P5: search/tests/; P7, P14:
  core/tests/test_purge.py; P13: test_page_links.py.
- The production server and the development server: test_serve_modes.py.
"""

import re

import pytest
from django.conf import settings

from resources.models import HandlingInstruction, ResourceLibraryPage, SensitiveDownload
from resources.testing import PERSONAS, REFUSED
from safeguarding.testing.fixtures import PASSWORD, publish_child

pytestmark = pytest.mark.django_db

SIGNED_IN = ["pending", "other_group", "member"]


def assert_private_no_store(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control, cache_control
    assert "no-store" in cache_control, cache_control


def assert_marked_restricted(response):
    """The headers every answer about restricted material carries (P3)."""
    assert_private_no_store(response)
    assert "noindex" in response["X-Robots-Tag"]


def assert_signs_in_first(response):
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.fixture
def official_resource(make_resource, sensitive_collection):
    """OFFICIAL (not sensitive) practitioner material in the group's private collection."""
    return make_resource(
        "Quillmarrow multi-agency practice guide",
        sensitive_collection,
        filename="practice-guide.pdf",
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
    )


@pytest.fixture
def nested_resource(make_resource, sensitive_collection, practitioners):
    """A sensitive document one collection below the private one: it inherits the restriction."""
    return make_resource(
        "Thistlewick case review minutes",
        sensitive_collection.add_child(name="Case reviews"),
        filename="minutes.pdf",
        sensitive=True,
        handling_instruction=HandlingInstruction.RECIPIENTS_ONLY,
        sharing_group=practitioners,
    )


@pytest.fixture
def restricted_documents(sensitive_resource, official_resource, nested_resource):
    return [sensitive_resource, official_resource, nested_resource]


# P2. Direct media URLs bypass document privacy ------------------------------
# test_serving.py proves the serve method is "serve_view" and what each persona gets
# from /documents/<id>/<file>. Here: the file's own media URL answers nobody.


@pytest.mark.parametrize("persona", PERSONAS)
def test_p2_media_path_of_every_document_is_not_served(
    persona, client_as, public_resource, restricted_documents
):
    client = client_as(persona)
    for document in [public_resource, *restricted_documents]:
        assert document.file.storage.exists(document.file.name), "the file must be there"
        media_url = settings.MEDIA_URL + document.file.name
        assert media_url.startswith("/media/documents/")
        response = client.get(media_url)
        assert response.status_code == 404, f"{persona} got {media_url}"
        assert b"%PDF" not in response.content


# P3. Restricted documents carry never-cache headers --------------------------
# test_serving.py covers the sensitive document (not found for each refused persona,
# the member's 200) and the public document's `no-store` without `noindex`. Here:
# restricted material that is not sensitive, and material one collection down, behave
# the same; and the public document is `private` for anyone signed in. Refused, each
# answers as a missing document does (test_existence.py compares the two).


@pytest.mark.parametrize("persona", REFUSED)
def test_p3_restricted_official_and_nested_documents_are_not_found_and_not_kept(
    persona, client_as, official_resource, nested_resource
):
    client = client_as(persona)
    for document in (official_resource, nested_resource):
        response = client.get(document.url)
        assert response.status_code == 404
        assert document.title.encode() not in response.content
        assert "no-store" in response["Cache-Control"]


def test_p3_member_gets_official_and_nested_documents_privately(
    client_as, official_resource, nested_resource
):
    client = client_as("member")
    for document in (official_resource, nested_resource):
        response = client.get(document.url)
        assert response.status_code == 200
        assert_marked_restricted(response)
    # Only sensitive downloads are audited.
    assert [record.document for record in SensitiveDownload.objects.all()] == [nested_resource]


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_p3_public_document_is_private_for_anyone_signed_in(persona, client_as, public_resource):
    response = client_as(persona).get(public_resource.url)
    assert response.status_code == 200
    assert_private_no_store(response)
    assert "X-Robots-Tag" not in response


# P6. Cache headers on pages -------------------------------------------------
# accounts/tests/test_privacy_and_checks.py proves that "/" and "/worried/" set no
# cookie and no `Vary: Cookie` for anonymous visitors, and that an approved user's
# responses are `private, no-store`. Here: the browser-facing `no-store`, an article,
# every signed-in persona, and the restricted page's own headers.


def test_p6_anonymous_public_pages_are_no_store_cookie_free_and_not_varied(
    client, partnership, make_article
):
    for url in ("/", make_article().url):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
        assert "private" not in response["Cache-Control"], url
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_p6_signed_in_views_of_public_pages_are_private(
    persona, client_as, partnership, make_article
):
    client = client_as(persona)
    for url in ("/", make_article().url):
        response = client.get(url)
        assert response.status_code == 200
        assert_private_no_store(response)


def test_p6_restricted_page_redirects_anonymous_visitors_without_caching(client, restricted_page):
    response = client.get(restricted_page.url)
    assert_signs_in_first(response)
    assert_marked_restricted(response)


def test_p6_member_sees_the_restricted_page_privately(client_as, restricted_page):
    response = client_as("member").get(restricted_page.url)
    assert response.status_code == 200
    assert b"Briefing for practitioners" in response.content
    assert_private_no_store(response)
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_p6_sign_in_and_sign_up_are_never_cached(client, partnership, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_private_no_store(response)
    assert "s-maxage" not in response["Cache-Control"]


# P8. Signed in is not approved; another partnership's approval is not ours ---
# accounts/tests/test_privacy_and_checks.py proves the system check fails on any
# login or password restriction of a page or a collection, and that the admin offers
# group restrictions only. Here: each refused persona against every restricted item.


@pytest.mark.parametrize("persona", ["pending", "other_group"])
def test_p8_signed_in_non_members_are_refused_every_restricted_page_and_document(
    persona, client_as, restricted_page, restricted_documents
):
    client = client_as(persona)
    # A refusal, not Wagtail's "sign in" redirect: signed in already, they would be
    # sent straight back, round and round.
    response = client.get(restricted_page.url)
    assert response.status_code == 403
    assert b"Briefing for practitioners" not in response.content
    assert_marked_restricted(response)
    # A document is not found, as a missing one would be.
    for document in restricted_documents:
        response = client.get(document.url)
        assert response.status_code == 404, document.title
        assert document.title.encode() not in response.content
    assert not SensitiveDownload.objects.exists()


# P9. Wagtail's login views sign nobody in -----------------------------------
# accounts/tests/test_login_and_mfa.py proves that an unverified user's credentials
# posted to /_util/login/ and /admin/login/ do not sign them in, and that an enrolled
# editor's password alone opens no admin page. Here: the verified personas' own
# credentials, after which their restricted material is still refused.


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/"])
@pytest.mark.parametrize("persona", SIGNED_IN)
def test_p9_wagtail_login_views_sign_in_no_persona(
    persona, path, client_as, sensitive_resource, restricted_page
):
    client = client_as(persona)
    client.logout()
    email = f"{persona}@school.example"
    response = client.post(path, {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert client.get(sensitive_resource.url).status_code == 404  # as to anyone signed out
    assert_signs_in_first(client.get(restricted_page.url))


# P10. The document and page APIs are not mounted ----------------------------

API_PATHS = ["/api/v2/", "/api/v2/documents/", "/api/v2/pages/", "/api/v3/", "/api/v3/documents/"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_p10_no_api_answers_anyone(persona, client_as, partnership, sensitive_resource):
    client = client_as(persona)
    for path in API_PATHS:
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"Zanzibarquartz" not in response.content
        assert "json" not in response.get("Content-Type", "")


# P11. Public pages carry no form that needs a cookie -------------------------
# accounts/tests/test_privacy_and_checks.py checks "/" and "/worried/" for a CSRF
# token. Comments are not built yet: when they are, the comment form must live on
# its own URL, and this test keeps it off the article.


def library_page(home_page):
    return publish_child(
        home_page,
        ResourceLibraryPage(title="Resources", slug="resources", content_owner="Test team"),
    )


def test_p11_public_pages_have_no_form_that_needs_a_cookie_and_set_none(
    client, partnership, home_page, make_article, public_resource, sensitive_resource
):
    urls = ["/", make_article().url, library_page(home_page).url]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html, url
        # The one form posted is the header's search box, which needs no token.
        posted = re.findall(r"<form[^>]*method=\"?post[^>]*>", html, re.I)
        assert all('action="/search/"' in form for form in posted), url
        assert 'name="comment"' not in html, url
        assert not response.cookies, url
