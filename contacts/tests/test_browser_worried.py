"""The 'Worried about a child?' journey in a real browser, on phones and a desktop: what is
in the first screen, the place and postcode finder, the keyboard alone, and axe."""

import pytest

from safeguarding.testing.browser import axe_violations, format_violations
from safeguarding.testing.keyboard import RECORD_UNFOCUSED, focus_problems, tab

pytestmark = pytest.mark.browser

PAGE = "/worried-about-a-child/"
SCREENS = {
    "320 px phone": {"width": 320, "height": 568},
    "390 px phone": {"width": 390, "height": 844},
    "1280 px desktop": {"width": 1280, "height": 800},
}
# Whatever the time, the first number in an area's answer is its front door or, when that
# is closed, the out-of-hours team.
NUMBERS = {
    "northbridge": {"tel:01184960100", "tel:01184960900"},
    "eastwood": {"tel:01184960200", "tel:01184960900"},
    "riverside": {"tel:01184960300", "tel:01184960900"},
}

WHERE_ON_SCREEN = """(el) => {
    const r = el.getBoundingClientRect();
    const bar = document.querySelector(".quick-exit");
    return {top: r.top, bottom: r.bottom, height: window.innerHeight,
            below: bar ? bar.getBoundingClientRect().bottom : 0};
}"""


def assert_on_first_screen(locator, what):
    """`locator` is wholly in the viewport as it is now, and not under the sticky exit bar."""
    box = locator.evaluate(WHERE_ON_SCREEN)
    assert box["bottom"] <= box["height"], f"{what} ends below the first screen: {box}"
    assert box["top"] >= box["below"] - 1, f"{what} is under the exit bar or above it: {box}"


def assert_no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def first_number(page):
    return page.locator('#answer a[href^="tel:"]').first


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request, page):
    page.set_viewport_size(SCREENS[request.param])
    return page


def test_999_and_the_area_question_are_on_the_first_screen(screen):
    screen.goto(PAGE)
    assert_on_first_screen(screen.locator("header .immediate-danger__number"), "999")
    assert_on_first_screen(
        screen.get_by_role("heading", name="Where does the child live?"), "the question"
    )
    assert not screen.locator(".other-ways .contact").first.is_visible()  # folded away
    assert_no_sideways_scroll(screen)


def test_the_other_ways_to_contact_999_unfold(page):
    page.set_viewport_size(SCREENS["320 px phone"])
    page.goto(PAGE)
    page.get_by_text("Other ways to contact 999").click()
    assert page.locator('.other-ways a[href="tel:18000"]').is_visible()
    assert page.locator('.other-ways a[href="sms:999"]').is_visible()


@pytest.mark.parametrize("area", ["Northbridge", "Riverside"])
def test_after_choosing_the_number_is_on_the_first_screen(screen, area):
    screen.goto(PAGE)
    screen.locator(".area-chooser__link", has_text=area).click()
    screen.wait_for_url(f"**{PAGE}?area={area.lower()}#answer")
    number = first_number(screen)
    assert number.get_attribute("href") in NUMBERS[area.lower()]
    assert_on_first_screen(number, f"the number for {area}")
    assert_no_sideways_scroll(screen)


@pytest.mark.parametrize(
    ("typed", "area"),
    [("Thatcham", "northbridge"), ("rg5 4jg", "eastwood"), ("RG1 1AA", "riverside")],
)
def test_a_place_or_postcode_finds_its_area_and_its_number(screen, typed, area):
    screen.goto(PAGE)
    screen.get_by_label("Not sure which area? Enter a town, village or postcode").fill(typed)
    screen.get_by_role("button", name="Find the area").click()
    screen.wait_for_url(f"**{PAGE}?area={area}#answer")
    assert typed.lower() not in screen.url.lower()  # posted: not in the address or history
    number = first_number(screen)
    assert number.get_attribute("href") in NUMBERS[area]
    assert_on_first_screen(number, f"the number for {typed}")


def test_nothing_found_is_said_next_to_the_box(page):
    page.set_viewport_size(SCREENS["320 px phone"])
    page.goto(PAGE)
    box = page.get_by_label("Not sure which area? Enter a town, village or postcode")
    box.fill("Atlantis")
    page.get_by_role("button", name="Find the area").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    message = page.get_by_text("We could not find that place in our areas.")
    assert_on_first_screen(message, "the message")
    assert box.input_value() == "Atlantis"


def test_a_place_in_two_areas_offers_both(page):
    page.set_viewport_size(SCREENS["320 px phone"])
    page.goto(PAGE)
    page.get_by_label("Not sure which area? Enter a town, village or postcode").fill("Tilehurst")
    page.get_by_role("button", name="Find the area").click()
    page.wait_for_load_state()
    choices = page.locator(".area-finder__choices .area-chooser__link")
    assert choices.count() == 2
    choices.filter(has_text="Riverside").click()
    page.wait_for_url(f"**{PAGE}?area=riverside#answer")
    assert_on_first_screen(first_number(page), "the number for Riverside")


def test_the_finder_works_with_the_keyboard_alone(page):
    page.set_viewport_size(SCREENS["390 px phone"])
    page.goto(PAGE)
    page.evaluate(RECORD_UNFOCUSED)
    for _ in range(40):
        state = tab(page)
        if state and state["id"] == "id_place":
            break
    else:
        pytest.fail("Tab never reached the place box")
    assert not focus_problems(state), focus_problems(state)
    page.keyboard.type("Newbury")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{PAGE}?area=northbridge#answer")
    assert_on_first_screen(first_number(page), "the number for Newbury")


def test_three_taps_from_the_home_page_to_the_number_on_a_small_phone(browser, demo_site):
    context = browser.new_context(
        base_url=demo_site, viewport=SCREENS["320 px phone"], has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto("/")
        taps = 0
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Worried about a child?"
        ).tap()
        taps += 1
        page.wait_for_url(f"**{PAGE}")
        page.locator(".area-chooser__link", has_text="Eastwood").tap()
        taps += 1
        page.wait_for_url(f"**{PAGE}?area=eastwood#answer")
        number = first_number(page)
        assert number.get_attribute("href") in NUMBERS["eastwood"]
        assert_on_first_screen(number, "the number")
        assert taps <= 3  # and the third tap calls it
    finally:
        context.close()


@pytest.mark.parametrize("path", [PAGE, f"{PAGE}?area=northbridge", f"{PAGE}?area=somewhere-else"])
def test_no_accessibility_violations(page, path):
    page.goto(path)
    page.locator(".other-ways summary").click()
    violations = axe_violations(page)
    assert not violations, format_violations(violations, path)


def test_the_finders_answers_have_no_accessibility_violations(page):
    page.goto(PAGE)
    box = page.get_by_label("Not sure which area? Enter a town, village or postcode")
    for typed in ("Atlantis", "Tilehurst"):
        box.fill(typed)
        page.get_by_role("button", name="Find the area").click()
        page.wait_for_load_state()
        violations = axe_violations(page)
        assert not violations, format_violations(violations, f"finder, {typed}")
