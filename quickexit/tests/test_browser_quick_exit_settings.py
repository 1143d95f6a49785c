"""Browser tests that need the quick-exit settings changed on the served site.

Items 4 (the rendered destination is the saved setting) and 12 (double Escape, only
behind the setting). The settings are changed in the served site's database through
`manage.py shell` once for this module, validated as the admin form would validate
them, and put back afterwards, so every other test sees the defaults.
"""

import json

import pytest

from quickexit.tests.helpers import (
    ARTICLE,
    EXIT_CONTROL,
    INJECT_FORM,
    INJECT_OPEN_DIALOG,
    OTHER_HOST,
    SERVER_PAGES,
    assert_no_exit,
    click_control,
    control,
    freeze_exit,
    open_page,
    served,
    wait_for_exit,
)

pytestmark = pytest.mark.browser

# Another neutral site an editor might choose; the quick-exit browsers map its host
# onto the stub as well.
SAVED_DESTINATION = f"https://{OTHER_HOST}/start"

# Changes the default site's QuickExitSettings; prints the previous values as JSON.
CHANGE_SETTINGS = """
import json
from wagtail.models import Site
from quickexit.models import QuickExitSettings

settings = QuickExitSettings.for_site(Site.objects.get(is_default_site=True))
before = {{"destination": settings.destination, "escape_shortcut": settings.escape_shortcut}}
for name, value in json.loads({changes!r}).items():
    setattr(settings, name, value)
settings.full_clean()
settings.save()
print(json.dumps(before))
"""


def change_settings(demo_manage, **changes):
    code = CHANGE_SETTINGS.format(changes=json.dumps(changes))
    output = demo_manage("shell", "-v", "0", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def saved_settings(demo_manage):
    """The served site, with another destination and the Escape shortcut switched on."""
    before = change_settings(demo_manage, destination=SAVED_DESTINATION, escape_shortcut=True)
    try:
        yield
    finally:
        change_settings(demo_manage, **before)


@pytest.fixture
def escape_page(saved_settings, exit_browser, exit_contexts):
    page = exit_contexts(exit_browser).new_page()
    page.goto(ARTICLE)
    assert page.evaluate("document.documentElement.hasAttribute('data-exit-escape')"), (
        "The Escape setting is on, but the page does not say so"
    )
    return page


def test_item04_rendered_destination_is_the_saved_setting(
    saved_settings, exit_browser, exit_contexts, neutral_site, demo_site
):
    page = exit_contexts(exit_browser).new_page()
    failures = []
    for path, status in served(SERVER_PAGES, demo_site):
        problem = open_page(page, path, status)
        if problem:
            failures.append(problem)
            continue
        hrefs = control(page).evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
        if not hrefs or set(hrefs) != {SAVED_DESTINATION}:
            failures.append(f"{path}: control hrefs {hrefs}, expected {SAVED_DESTINATION}")
        configured = page.evaluate("document.documentElement.dataset.exit")
        if configured != SAVED_DESTINATION:
            failures.append(f"{path}: the script is configured with {configured!r}")
    assert not failures, "\n".join(failures)

    page.goto(ARTICLE)
    mark = neutral_site.mark()
    click_control(page)
    requests = wait_for_exit(page, neutral_site, mark, "click", destination=SAVED_DESTINATION)
    assert requests[0].url == SAVED_DESTINATION


def test_item12_escape_twice_exits_when_switched_on(escape_page, neutral_site):
    mark = neutral_site.mark()
    escape_page.keyboard.press("Escape")
    escape_page.keyboard.press("Escape")
    wait_for_exit(escape_page, neutral_site, mark, "Esc Esc", destination=SAVED_DESTINATION)


def test_item12_escape_once_does_not_exit(escape_page, neutral_site):
    freeze_exit(escape_page)
    mark = neutral_site.mark()
    escape_page.keyboard.press("Escape")
    assert_no_exit(escape_page, neutral_site, mark, "one Escape")


def test_item12_escape_presses_more_than_1_second_apart_do_not_exit(escape_page, neutral_site):
    freeze_exit(escape_page)
    mark = neutral_site.mark()
    escape_page.keyboard.press("Escape")
    escape_page.wait_for_timeout(1_100)  # the gap under test, not a wait for a result
    escape_page.keyboard.press("Escape")
    assert_no_exit(escape_page, neutral_site, mark, "Esc, 1.1 s, Esc")


def test_item12_escape_is_ignored_while_a_dialog_is_open(escape_page, neutral_site):
    escape_page.evaluate(INJECT_OPEN_DIALOG)
    freeze_exit(escape_page)
    mark = neutral_site.mark()
    for _ in range(3):
        escape_page.keyboard.press("Escape")
    assert_no_exit(escape_page, neutral_site, mark, "Esc x3 with a <dialog open>")


def test_item12_escape_is_ignored_in_an_editable_field(escape_page, neutral_site):
    escape_page.evaluate(INJECT_FORM)
    escape_page.locator("#qx-message").click()
    freeze_exit(escape_page)
    mark = neutral_site.mark()
    for _ in range(3):
        escape_page.keyboard.press("Escape")
    assert_no_exit(escape_page, neutral_site, mark, "Esc x3 in a textarea")


def test_item12_escape_is_ignored_when_the_page_already_handled_it(escape_page, neutral_site):
    # A widget that closes on Escape calls preventDefault; listening on window in the
    # capture phase runs before any listener on document.
    escape_page.evaluate(
        """() => addEventListener("keydown", (e) => {
            if (e.key === "Escape") e.preventDefault(); }, true)"""
    )
    freeze_exit(escape_page)
    mark = neutral_site.mark()
    for _ in range(3):
        escape_page.keyboard.press("Escape")
    assert_no_exit(escape_page, neutral_site, mark, "Esc x3 already handled by the page")


def test_item12_escape_handled_by_a_widget_does_not_count(escape_page, neutral_site):
    # The usual way a widget handles Escape: its own keydown listener (bubble phase)
    # closes it and calls preventDefault. Those presses must not count towards an exit.
    escape_page.evaluate(
        """() => {
          const button = document.createElement("button");
          button.type = "button";
          button.id = "qx-menu";
          button.textContent = "Menu";
          button.addEventListener("keydown", (e) => {
            if (e.key === "Escape") e.preventDefault();
          });
          document.querySelector("main").prepend(button);
        }"""
    )
    escape_page.locator("#qx-menu").focus()
    freeze_exit(escape_page)
    mark = neutral_site.mark()
    escape_page.keyboard.press("Escape")
    escape_page.keyboard.press("Escape")
    assert_no_exit(escape_page, neutral_site, mark, "Esc Esc, each handled by a focused widget")


def test_item12_shift_still_exits_with_escape_switched_on(escape_page, neutral_site):
    assert escape_page.locator(EXIT_CONTROL).count() >= 1
    mark = neutral_site.mark()
    for _ in range(3):
        escape_page.keyboard.press("Shift")
    wait_for_exit(escape_page, neutral_site, mark, "Shift x3", destination=SAVED_DESTINATION)
