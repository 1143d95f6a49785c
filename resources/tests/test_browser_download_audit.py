"""From an approved practitioner's sign-in to a sensitive download that the auditor sees.

On the served demo site (demo/data/library.toml): the practitioner finds the May 2019
briefing in the library, opens its page (marked top and bottom), downloads it and
signs out; the administrator, who is also an auditor, signs in with a code, opens
Reports → Sensitive downloads and finds the download there and in the CSV export.
A pending account, signed in, is shown no sensitive title and is refused the file.
The demo server's /media/ path serves no document file either (P2; the production
and development servers are checked in test_serve_modes.py).
"""

import json
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from playwright.sync_api import expect

from demo.facts import data_file, unused_totp_code
from safeguarding.testing.browser import sign_in

pytestmark = pytest.mark.browser

PRACTITIONER = "practitioner@demo.example"
PENDING = "pending@demo.example"
ADMIN = "admin@demo.example"
PASSWORD = getattr(settings, "DEMO_PASSWORD", "demo-valley-2026")
BRIEFING = "Non law enforcement briefing on modern slavery operations, May 2019"
MARKING = "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"
LIBRARY = data_file("library.toml")["resource"]
SENSITIVE_TITLES = [document["title"] for document in LIBRARY if document.get("sensitive")]
PUBLIC_TITLES = [document["title"] for document in LIBRARY if not document.get("sensitive")]

# Prints {title: [serve URL, stored file name]} for every document of the demo site.
DOCUMENTS_SCRIPT = (
    "import json; from resources.models import Resource; "
    "print(json.dumps({r.title: [r.url, r.file.name] for r in Resource.objects.all()}))"
)


@pytest.fixture(scope="module")
def demo_documents(demo_manage):
    documents = json.loads(demo_manage("shell", "-c", DOCUMENTS_SCRIPT).strip().splitlines()[-1])
    assert BRIEFING in documents, f"the demo has no {BRIEFING!r}: {sorted(documents)}"
    return documents


def sign_out(page):
    page.goto("/")
    page.locator(".account-bar").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_practitioner_downloads_the_briefing_and_the_auditor_sees_it(
    browser, demo_site, page, demo_documents
):
    sign_in(page, PRACTITIONER, PASSWORD)
    page.goto("/resources/")
    page.get_by_role("link", name=BRIEFING, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(BRIEFING)
    article = page.locator("article.resource")
    expect(article.locator("> .marking-banner")).to_have_count(2)
    expect(article.locator("> :first-child")).to_have_text(f"Protective marking: {MARKING}")
    expect(article.locator("> :last-child")).to_have_text(f"Protective marking: {MARKING}")

    download_link = page.get_by_role("link", name=f"Download {BRIEFING}")
    assert download_link.get_attribute("href") == demo_documents[BRIEFING][0]
    with page.expect_response(lambda response: "/documents/" in response.url) as served:
        download_link.click()
    # Chromium shows the PDF in its viewer, so the body here is the viewer's page:
    # the served file is known by its headers (its bytes: test_serving.py).
    response = served.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert int(response.headers["content-length"]) > 0
    cache_control = response.headers["cache-control"]
    assert "private" in cache_control and "no-store" in cache_control
    sign_out(page)

    auditor_context = browser.new_context(base_url=demo_site, accept_downloads=True)
    try:
        auditor = auditor_context.new_page()
        sign_in(auditor, ADMIN, PASSWORD, code=unused_totp_code())
        auditor.goto("/admin/")
        auditor.get_by_role("button", name="Reports").click()
        auditor.get_by_role("link", name="Sensitive downloads").click()
        expect(auditor.get_by_role("heading", name="Sensitive downloads")).to_be_visible()
        row = auditor.get_by_role("row").filter(has_text=PRACTITIONER).filter(has_text=BRIEFING)
        expect(row.first).to_contain_text("Northbridge Primary School")
        expect(row.first).to_contain_text(MARKING)

        auditor.get_by_role("button", name="Actions").click()
        with auditor.expect_download() as exported:
            auditor.get_by_role("link", name="Download CSV").click()
        csv_text = exported.value.path().read_text(encoding="utf-8-sig")
        assert any(PRACTITIONER in line and BRIEFING in line for line in csv_text.splitlines())
    finally:
        auditor_context.close()


def test_pending_account_sees_no_sensitive_title_and_is_refused_the_file(page, demo_documents):
    sign_in(page, PENDING, PASSWORD)
    page.goto("/resources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resources")
    html = page.content()
    for title in SENSITIVE_TITLES:
        assert title not in html, title
    assert all(title in html for title in PUBLIC_TITLES), "the public documents are listed"

    url, _ = demo_documents[BRIEFING]
    response = page.goto(url)
    assert response.status == 404  # as for a document that does not exist
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert BRIEFING not in page.content()


def test_demo_server_does_not_serve_the_media_path(demo_site, demo_documents):
    for title, (_, file_name) in demo_documents.items():
        assert file_name.startswith("documents/")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{demo_site}/media/{file_name}", timeout=15)
        assert refused.value.code == 404, title
