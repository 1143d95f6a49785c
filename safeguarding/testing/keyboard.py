"""Keyboard helpers for browser tests: walk a page with Tab and check that every focused
element is on screen and visibly focused (a yellow background, an outline or a shadow
that differs from the element unfocused)."""

import pytest

FOCUS_YELLOW = "rgb(255, 221, 0)"
MAX_TABS = 300

# Remember how every focusable element looks unfocused, so a focused element can be
# compared with itself. Called once a page has loaded and before the first Tab.
RECORD_UNFOCUSED = """() => {
    const pick = (el) => {
        const s = getComputedStyle(el);
        return {
            backgroundColor: s.backgroundColor, color: s.color,
            outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
            outlineColor: s.outlineColor, boxShadow: s.boxShadow,
        };
    };
    window.__kbd = {pick, unfocused: new Map(), seen: new Set()};
    const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
    for (const el of document.querySelectorAll(selector)) {
        window.__kbd.unfocused.set(el, pick(el));
    }
}"""

# What has focus now: where it is, how it looks, and how it looked unfocused.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const kbd = window.__kbd;
    const seenBefore = kbd.seen.has(el);
    kbd.seen.add(el);
    const r = el.getBoundingClientRect();
    const text = (el.innerText || el.getAttribute("aria-label") || el.value || "").trim();
    return {
        description: `<${el.tagName.toLowerCase()}` +
            (el.id ? ` id="${el.id}"` : "") +
            (el.className && typeof el.className === "string" ? ` class="${el.className}"` : "") +
            (el.getAttribute("href") ? ` href="${el.getAttribute("href")}"` : "") +
            `> "${text.replace(/\\s+/g, " ").slice(0, 80)}"`,
        tag: el.tagName.toLowerCase(),
        id: el.id,
        href: el.getAttribute("href"),
        path: el.href ? new URL(el.href, location.href).pathname : null,
        seenBefore,
        rect: {top: r.top, left: r.left, bottom: r.bottom, right: r.right,
               width: r.width, height: r.height},
        viewport: {width: window.innerWidth, height: window.innerHeight},
        focused: kbd.pick(el),
        unfocused: kbd.unfocused.get(el) || null,
    };
}"""

# Links a keyboard user should have reached: every rendered link not yet focused.
UNREACHED_LINKS = """() => [...document.querySelectorAll("a[href]")]
    .filter((a) => a.getClientRects().length > 0 && !window.__kbd.seen.has(a))
    .map((a) => `<a href="${a.getAttribute("href")}"> "${a.innerText.trim().slice(0, 80)}"`)"""


def transparent(colour):
    return colour == "transparent" or colour.replace(" ", "").endswith(",0)")


def focus_indicator_problem(state):
    """Why the focused element does not visibly show focus, or None if it does."""
    focused, unfocused = state["focused"], state["unfocused"]
    if unfocused is None:
        return "it was not on the page when the page loaded, so it cannot be compared"
    if focused == unfocused:
        return f"it looks exactly the same focused and unfocused ({focused})"
    yellow = focused["backgroundColor"] == FOCUS_YELLOW
    outline = (
        focused["outlineStyle"] != "none"
        and float(focused["outlineWidth"].removesuffix("px") or 0) > 0
        and not transparent(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] != "none" and focused["boxShadow"] != unfocused["boxShadow"]
    if not (yellow or outline or shadow):
        return (
            "no yellow background, visible outline or box-shadow when focused "
            f"(focused {focused}, unfocused {unfocused})"
        )
    return None


def viewport_problem(state):
    rect, viewport = state["rect"], state["viewport"]
    if rect["width"] <= 0 or rect["height"] <= 0:
        return f"it has no size on screen ({rect})"
    if (
        rect["top"] < -0.5
        or rect["left"] < -0.5
        or rect["bottom"] > viewport["height"] + 0.5
        or rect["right"] > viewport["width"] + 0.5
    ):
        return f"it is outside the viewport {viewport} at {rect}"
    return None


def focus_problems(state):
    return [
        f"{state['description']}: {problem}"
        for problem in (viewport_problem(state), focus_indicator_problem(state))
        if problem
    ]


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def walk_every_link(page, where):
    """Tab from the top of the loaded page to the end; report every focus problem."""
    page.evaluate(RECORD_UNFOCUSED)
    problems, focused_links = [], 0
    for _ in range(MAX_TABS):
        state = tab(page)
        if state is None or state["seenBefore"]:
            break  # Past the last element (focus back on the document) or wrapped round.
        if state["tag"] == "a":
            focused_links += 1
        problems.extend(focus_problems(state))
    else:
        pytest.fail(f"{where}: focus never came back round after {MAX_TABS} presses of Tab")
    unreached = page.evaluate(UNREACHED_LINKS)
    problems.extend(f"{link}: never receives focus from Tab" for link in unreached)
    assert focused_links, f"{where}: Tab never focused a link"
    assert not problems, f"{where}: keyboard focus is not visible on:\n" + "\n".join(problems)


def tab_to_link(page, path, where):
    """Press Tab until the link to `path` has focus; fail if it never does."""
    for _ in range(MAX_TABS):
        state = tab(page)
        if state is None or state["seenBefore"]:
            break
        if state["tag"] == "a" and state["path"] == path:
            assert not focus_problems(state), focus_problems(state)
            return state
    pytest.fail(f"{where}: Tab never reached a link to {path}")
