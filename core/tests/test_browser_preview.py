"""An editor previews a draft in the side panel beside the page editor: the frame shows
the draft, under the "Preview – not published" banner. The draft is never saved."""

import secrets

import pytest
from playwright.sync_api import expect

from core.tests.test_browser_editor import open_article_editor, sign_in

pytestmark = pytest.mark.browser


def test_the_preview_panel_shows_the_draft_with_the_not_published_banner(page):
    sign_in(page)
    draft_summary = f"A draft summary from the preview test {secrets.token_hex(4)}."
    open_article_editor(page).fill(draft_summary)

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("region", name="Preview")).to_contain_text(
        "Preview – not published."
    )
    expect(preview.locator("p.lead")).to_have_text(draft_summary)
