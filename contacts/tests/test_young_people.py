"""Pages for young people: the "Help for young people" page and every page under it lead
with the helpline the site's settings choose (Childline in the demo), say "If you are in
danger now, call 999" to the young person, and show no owner or review dates; every page's
footer links to them. Over HTTP, on the demo site."""

import datetime
import re

import pytest

from contacts.models import Contact, YoungPeopleSettings
from home.models import StandardPage
from safeguarding.testing import streams
from safeguarding.testing.fixtures import default_site, publish_child

YOUNG_PEOPLE = "/children-and-young-people/"
CHILDLINE = '<a class="helpline-lead__number" href="tel:08001111">0800 1111</a>'


@pytest.fixture
def child_page(concern):
    """A page under the young people's page."""
    page, demo = concern
    return publish_child(
        demo["page", "children-and-young-people"],
        StandardPage(
            title="Staying safe at parties",
            slug="parties",
            intro="What to do if a party feels wrong.",
            body=[
                streams.heading("Before you go"),
                streams.paragraph("<p>Tell someone where you are going.</p>"),
                streams.heading("If it feels wrong"),
                streams.paragraph("<p>Leave, and call someone you trust.</p>"),
            ],
            content_owner="Young people's team",
            last_review_date=datetime.date(2026, 11, 2),
        ),
    )


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("url", [YOUNG_PEOPLE, f"{YOUNG_PEOPLE}parties/"])
def test_pages_for_young_people_lead_with_childline(client, child_page, url):
    main = main_of(client.get(url).content.decode())
    lead = main.index(CHILDLINE)
    assert lead < main.index("<h1")
    assert lead < main.index('class="contents"')
    assert "Talk to Childline, any time:" in main
    assert "It does not show on a phone bill." in main


@pytest.mark.parametrize("url", [YOUNG_PEOPLE, f"{YOUNG_PEOPLE}parties/"])
def test_pages_for_young_people_speak_to_them_and_show_no_review_dates(client, child_page, url):
    html = client.get(url).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "If you are in danger now, call" in header
    assert "immediate danger" not in header
    assert "review-notice" not in html
    assert "Owner" not in main_of(html) and "Next review due" not in html


@pytest.mark.parametrize("url", ["/practitioners/child-trafficking/", "/accessibility-statement/"])
def test_other_pages_keep_the_adult_header_and_their_review_dates(client, concern, url):
    html = client.get(url).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "If a child is in immediate danger, call" in header
    assert "helpline-lead" not in html
    notice = re.search(r'<aside class="review-notice.*?</aside>', html, re.S).group()
    assert "Owner" in notice and "Next review due" in notice


def test_an_editors_preview_still_shows_the_review_dates(rf, concern, admin_user):
    page, demo = concern
    young_people = demo["page", "children-and-young-people"].specific
    request = rf.get(YOUNG_PEOPLE)
    request.user = admin_user
    html = young_people.make_preview_request(request).content.decode()
    assert "Next review due" in html


def test_every_page_links_to_help_for_young_people_from_its_footer(client, concern):
    for url in ["/", "/worried-about-a-child/", "/practitioners/", "/search/"]:
        html = client.get(url).content.decode()
        footer = html[html.index("<footer") :]
        assert f'<a href="{YOUNG_PEOPLE}">Help for young people</a>' in footer, url


def test_a_helpline_past_its_check_date_is_shown_with_the_warning(client, concern):
    page, demo = concern
    Contact.objects.filter(pk=demo["contact", "childline"].pk).update(
        last_verified=datetime.date(2025, 1, 10)
    )
    lead = re.search(
        r'<div class="helpline-lead">.*?</div>\s*</div>',
        client.get(YOUNG_PEOPLE).content.decode(),
        re.S,
    ).group()
    assert '<a href="tel:08001111">0800 1111</a>' in lead
    assert "This may have changed." in lead


def test_no_helpline_is_shown_when_none_is_chosen_or_it_is_unpublished(client, concern):
    page, demo = concern
    Contact.objects.get(pk=demo["contact", "childline"].pk).unpublish()
    assert "helpline-lead" not in client.get(YOUNG_PEOPLE).content.decode()
    YoungPeopleSettings.objects.filter(site=default_site()).update(helpline_contact=None)
    html = client.get(YOUNG_PEOPLE).content.decode()
    assert "helpline-lead" not in html
    assert "If you are in danger now, call" in html


def test_choosing_another_helpline_purges_the_site(
    concern, purged_urls, django_capture_on_commit_callbacks
):
    settings = YoungPeopleSettings.for_site(default_site())
    settings.helpline_contact = None
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    assert any(url.endswith(YOUNG_PEOPLE) for url in purged_urls)
