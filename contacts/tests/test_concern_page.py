"""'Worried about a child?': the right number for the area, for the moment, over HTTP."""

import csv
import datetime
import io
import json
import re

import pytest

from contacts.models import Contact


def answer_of(client, area):
    html = client.get(f"/worried-about-a-child/?area={area}").content.decode()
    match = re.search(r'<section class="answer" id="answer".*?</section>', html, re.S)
    return match.group() if match else ""


def test_999_is_one_line_with_the_other_ways_folded_under_it_before_the_area_question(
    client, concern
):
    html = client.get("/worried-about-a-child/").content.decode()
    question = html.index("Where does the child live?")
    danger = re.search(r'<div class="site-header__danger">.*?</details>\s*</div>', html, re.S)
    danger = danger.group()
    assert html.index(danger) < question
    assert 'If a child is in immediate danger, call <a class="immediate-danger__number"' in danger
    assert html.count('href="tel:999"') == 1
    # Text relay and textphone only behind the disclosure under the 999 line.
    other_ways = re.search(r'<details class="other-ways">.*?</details>', danger, re.S).group()
    assert '<summary class="other-ways__summary">Other ways to contact 999</summary>' in other_ways
    assert '<a href="tel:18000">18000</a>' in other_ways
    assert '<a href="sms:999">999</a>' in other_ways
    # Only one 999 line on the page, and no breadcrumbs above the title.
    assert html.count("If a child is in immediate danger") == 1
    assert 'class="breadcrumbs"' not in html


def test_area_choice_is_plain_links_with_the_places_in_each_area(client, concern):
    response = client.get("/worried-about-a-child/")
    html = response.content.decode()
    links = re.findall(r'<a class="area-chooser__link" href="([^"]+)"[^>]*>(.*?)</a>', html)
    page = "/worried-about-a-child/"
    assert [(href, re.sub(r"<[^>]+>", "", text)) for href, text in links] == [
        (
            f"{page}?area=northbridge#answer",
            "Northbridge: Newbury, Thatcham, Hungerford, Theale, Pangbourne",
        ),
        (
            f"{page}?area=eastwood#answer",
            "Eastwood: Wokingham, Woodley, Earley, Twyford, Finchampstead",
        ),
        (
            f"{page}?area=riverside#answer",
            "Riverside: Reading, Caversham, Tilehurst, Whitley, Emmer Green",
        ),
        (f"{page}?area=somewhere-else#answer", "Somewhere else"),
    ]
    assert not response.cookies
    assert 'id="answer"' not in html  # nothing chosen yet


@pytest.mark.parametrize(
    ("area", "number", "hours", "closes"),
    [
        ("northbridge", "0118 496 0100", "Monday to Thursday, 8:30am to 5pm", "5pm"),
        ("eastwood", "0118 496 0200", "Monday to Friday, 9am to 5pm", "5pm"),
        ("riverside", "0118 496 0300", "Monday to Friday, 8am to 6pm", "6pm"),
    ],
)
def test_in_office_hours_each_area_gets_its_front_door(
    client, concern, clock, area, number, hours, closes
):
    clock(2026, 12, 2, 11)  # Wednesday 11am
    answer = answer_of(client, area)
    now_part = answer[: answer.index('class="answer__later"')]
    assert f"Open now until {closes} today (UK time)." in now_part
    assert f'<a href="tel:{number.replace(" ", "")}">{number}</a>' in now_part
    assert hours in now_part
    assert "0118 496 0900" not in now_part  # out of hours comes after, as "when it is closed"
    assert "When it is closed, call the Emergency Duty Team instead" in answer


@pytest.mark.parametrize("area", ["northbridge", "eastwood", "riverside"])
@pytest.mark.parametrize(
    "moment",
    [
        (2026, 12, 2, 19),  # Wednesday evening
        (2026, 12, 5, 11),  # Saturday
        (2026, 12, 28, 11),  # bank holiday Monday
    ],
)
def test_out_of_hours_each_area_gets_the_emergency_duty_team_first(
    client, concern, clock, area, moment
):
    clock(*moment)
    answer = answer_of(client, area)
    assert "is closed now." in answer
    first_number = re.search(r'href="tel:(\d+)"', answer).group(1)
    assert first_number == "01184960900"
    assert "Call the Emergency Duty Team now:" in answer


def test_closed_answer_says_when_the_front_door_opens_again(client, concern, clock):
    clock(2026, 12, 24, 18)  # Christmas Eve: then Christmas, the weekend and a substitute day
    answer = answer_of(client, "northbridge")
    assert "It opens again at 8:30am on Tuesday 29 December (UK time)." in answer
    # Not the day it was worked out for: a shared copy of the page may be shown later.
    assert "Thursday 24 December" not in answer


def test_friday_afternoon_boundary(client, concern, clock):
    clock(2026, 12, 4, 16, 29)
    assert "Open now until 4:30pm" in answer_of(client, "northbridge")
    clock(2026, 12, 4, 16, 30)
    assert "is closed now." in answer_of(client, "northbridge")


def test_somewhere_else_explains_how_to_find_the_council(client, concern):
    answer = answer_of(client, "somewhere-else")
    assert "If the child lives somewhere else" in answer
    assert 'href="https://www.gov.uk/find-local-council"' in answer


def test_unknown_area_shows_no_answer(client, concern):
    assert answer_of(client, "atlantis") == ""


def test_route_for_children_and_one_line_to_the_practitioners_page(client, concern):
    html = client.get("/worried-about-a-child/").content.decode()
    children = html.index('<h2 id="if-you-are-a-child-or-young-person">')
    assert html.index('<a href="tel:08001111">0800 1111</a>') > children
    line = re.search(r'<p class="practitioners-link">.*?</p>', html, re.S).group()
    assert '<a href="/practitioners/">' in line
    # What practitioners and First Responders need is on their page, not this one.
    assert "0118 496 0400" not in html  # the consultation line
    assert "First Responder Organisation" not in html


def test_practitioners_page_has_the_consultation_line_and_the_nrm_route(client, concern):
    html = client.get("/practitioners/").content.decode()
    assert '<a href="tel:01184960400">0118 496 0400</a>' in html  # consultation line
    assert "If you think a child has been trafficked or exploited" in html
    assert "A child does not have to agree" in html
    assert "child welfare referral" in html
    assert "Duty to Notify" in html
    assert 'href="https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder"' in html


def test_stale_contact_is_shown_with_a_warning_never_as_current(client, concern, clock):
    page, contacts = concern
    clock(2026, 12, 2, 11)
    front_door = contacts["contact", "front-door-eastwood"]
    front_door.last_verified = datetime.date(2025, 1, 10)
    front_door.save()
    answer = answer_of(client, "eastwood")
    card = answer[answer.index("Eastwood Council: Children") :]
    assert "This may have changed." in card
    assert "We last checked it on" in card and "10 January 2025" in card
    assert "Last checked" not in card[: card.index("This may have changed.")]


def test_draft_change_to_a_number_is_not_public_until_published(client, concern, clock):
    page, contacts = concern
    clock(2026, 12, 2, 11)
    front_door = Contact.objects.get(pk=contacts["contact", "front-door-riverside"].pk)
    front_door.value = "0118 496 0399"
    front_door.save_revision()  # a draft, waiting for approval
    assert "0118 496 0300" in answer_of(client, "riverside")
    assert "0118 496 0399" not in answer_of(client, "riverside")

    front_door.get_latest_revision().publish()
    assert "0118 496 0399" in answer_of(client, "riverside")


def test_unpublished_contact_disappears_from_every_page(client, concern, clock):
    page, contacts = concern
    clock(2026, 12, 2, 11)
    Contact.objects.get(pk=contacts["contact", "childline"].pk).unpublish()
    html = client.get("/worried-about-a-child/").content.decode()
    assert "0800 1111" not in html


def test_registry_export_json_and_csv(client, concern, clock):
    clock(2026, 12, 2, 11)
    response = client.get("/contacts.json")
    assert response.status_code == 200 and not response.cookies
    data = json.loads(response.content)
    assert data["timezone"] == "Europe/London"
    by_value = {(c["organisation"], c["value"]): c for c in data["contacts"]}
    northbridge = by_value[("Northbridge Council", "0118 496 0100")]
    assert northbridge["link"] == "tel:01184960100"
    assert northbridge["areas"] == ["Northbridge"]
    # Entered as "Monday to Thursday" and "Friday": exported for each day.
    assert [(t["day"], t["closes"]) for t in northbridge["opening_times"]] == [
        ("Monday", "17:00"),
        ("Tuesday", "17:00"),
        ("Wednesday", "17:00"),
        ("Thursday", "17:00"),
        ("Friday", "16:30"),
    ]
    assert northbridge["other_hours"] == []
    consultation = by_value[("Demo Valley Safeguarding Children Partnership", "0118 496 0400")]
    assert consultation["other_hours"][0] == {
        "date": "2026-12-24",
        "times": [{"opens": "09:00", "closes": "12:00"}],
    }
    assert northbridge["last_checked"] == "2026-11-02"
    assert northbridge["source"].startswith("https://")
    assert "verification_note" not in northbridge
    nspcc = by_value[("NSPCC", "0808 800 5000")]
    assert "verification_note" not in nspcc and "older page" not in response.content.decode()

    csv = client.get("/contacts.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("id,organisation,service,kind,channel,value,link")
    assert any("Northbridge Council" in line and "Friday 08:30-16:30" in line for line in lines)
    assert any("2026-12-24 09:00-12:00; 2026-12-31 09:00-12:00" in line for line in lines)
    assert len(lines) == len(data["contacts"]) + 1


def test_the_csv_export_writes_formulas_as_text(client, make_contact):
    make_contact(
        organisation="@Northbridge",
        service="=1+1",
        when_to_use='=HYPERLINK("https://evil.example","Call")',
        hours_note="-2+3",
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/contacts.csv").content.decode())))
    assert rows[0]["organisation"] == "'@Northbridge"
    assert rows[0]["service"] == "'=1+1"
    assert rows[0]["when_to_use"] == '\'=HYPERLINK("https://evil.example","Call")'
    assert rows[0]["hours_note"] == "'-2+3"
    assert rows[0]["value"] == "0808 800 5000"


def test_export_leaves_out_unpublished_contacts(client, concern):
    page, contacts = concern
    Contact.objects.get(pk=contacts["contact", "crimestoppers"].pk).unpublish()
    data = json.loads(client.get("/contacts.json").content)
    assert "Crimestoppers" not in {c["organisation"] for c in data["contacts"]}
