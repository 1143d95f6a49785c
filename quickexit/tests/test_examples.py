"""The component's examples (examples.toml), rendered without a browser: each must
keep the markup contract in README.md, and the README's markup must be what renders."""

import re
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.template import engines
from django.test import RequestFactory

from home.models import StandardPage
from quickexit.messages import MESSAGES
from quickexit.models import QuickExitSettings
from safeguarding.testing.fixtures import publish_child

APP_DIR = Path(__file__).resolve().parent.parent
EXAMPLES = tomllib.loads((APP_DIR / "examples.toml").read_text(encoding="utf-8"))["example"]
README = APP_DIR / "README.md"
WORDS = {key: str(message) for key, message in MESSAGES.items()}

# The component's pieces, where a page puts them (README.md, "On a page").
PAGE = """{% load quickexit_tags %}{% quick_exit_settings as quick_exit %}\
<html lang="en-GB"{% quick_exit_attributes quick_exit %}>
<head>{% quick_exit_script %}</head>
<body>
{% include "quickexit/notice.html" %}
<a class="skip-link" href="#main-content">Skip to main content</a>
{% include "quickexit/control.html" %}
<footer><ul>{% include "quickexit/footer_link.html" %}</ul></footer>
</body>
</html>"""


def text(element):
    return " ".join(element.get_text().split())


@pytest.fixture
def render(site, home_page):
    """Save an example's options for the default site; return the page as it renders."""

    def render_example(options):
        settings = QuickExitSettings.for_site(site)
        settings.destination = options.get("destination", settings.destination)
        settings.escape_shortcut = options.get("escape_shortcut", False)
        if slug := options.get("staying_safe_page"):
            page = StandardPage(title="Staying safe", slug=slug, body=[], content_owner="T")
            settings.staying_safe_page = publish_child(home_page, page)
        settings.save()  # not full_clean: an example may store an address gone invalid
        request = RequestFactory().get("/")
        return engines["django"].from_string(PAGE).render({"request": request}, request)

    return render_example


def test_there_is_an_example_for_every_option():
    used = {name for example in EXAMPLES for name in example["options"]}
    assert used == {"destination", "escape_shortcut", "staying_safe_page"}
    assert len({example["name"] for example in EXAMPLES}) == len(EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[example["name"] for example in EXAMPLES])
def test_example_keeps_the_markup_contract(render, example):
    expect = example["expect"]
    soup = BeautifulSoup(render(example["options"]), "html.parser")

    root = soup.html
    assert root["data-exit"] == expect["href"]
    assert root.has_attr("data-exit-escape") == expect["escape"]

    scripts = soup.head.find_all("script")
    assert len(scripts) == 1 and not scripts[0].attrs
    with open(finders.find("quickexit/quick-exit.js"), encoding="utf-8") as file:
        assert scripts[0].string == file.read()

    notice = soup.body.find(True)
    assert notice.name == "p" and "visually-hidden" in notice["class"]
    assert text(notice) == WORDS["notice"]

    controls = soup.select("[data-quick-exit-control]")
    assert len(controls) == 1
    control = controls[0]
    assert control.name == "a"
    assert control["href"] == expect["href"]
    assert {"nofollow", "noreferrer"} <= set(control["rel"])
    assert control["role"] == "button" and control["draggable"] == "false"
    assert not control.has_attr("target")
    hidden = control.select(".visually-hidden")
    assert [text(span) for span in hidden] == [WORDS["hidden_prefix"]]
    assert text(control) == f"{WORDS['hidden_prefix']} {WORDS['label']}"
    for span in hidden:
        span.extract()
    visible = text(control)
    assert visible == WORDS["label"]
    if "accessible_name" in expect:
        assert f"{WORDS['hidden_prefix']} {WORDS['label']}" == expect["accessible_name"]
        assert visible == expect["visible_label"]

    dots = control.select("[data-quick-exit-dot]")
    assert len(dots) == 3
    assert all(dot.find_parent(attrs={"aria-hidden": "true"}) for dot in dots)
    assert not any(dot.has_attr("data-lit") for dot in dots)

    regions = soup.select("[data-quick-exit-status]")
    assert len(regions) == 1
    region = regions[0]
    assert region["role"] == "status" and text(region) == ""
    assert region.parent is control.parent
    for key, attribute in [
        ("press_2_more", "data-message-2"),
        ("press_1_more", "data-message-1"),
        ("expired", "data-message-expired"),
        ("loading", "data-message-loading"),
    ]:
        assert region[attribute] == WORDS[key]

    # The bar's only link is the one that leaves; the safety page is linked from the footer.
    assert control.parent.find_all("a") == [control]
    footer_links = soup.footer.find_all("a")
    if "help_href" in expect:
        assert [(a["href"], text(a)) for a in footer_links] == [
            (expect["help_href"], WORDS["footer_link"])
        ]
    else:
        assert not footer_links


def test_readme_shows_the_markup_that_renders(render):
    """README.md's "Markup contract" block is the with-safety-page example as it renders
    (the inline script shortened to "…")."""
    example = next(e for e in EXAMPLES if e["name"] == "with-safety-page")
    rendered = re.sub(
        r"<script>.*?</script>", "<script>…</script>", render(example["options"]), flags=re.S
    )
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- rendered: with-safety-page -->\n```html\n(.*?)\n```", readme, re.S)
    assert block, "README.md has no rendered markup block for the with-safety-page example"

    def squeeze(html):
        return re.sub(r">\s+<", "><", " ".join(html.split()))

    assert squeeze(block.group(1)) == squeeze(rendered)
