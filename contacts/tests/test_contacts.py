import datetime

import pytest
from django.template.loader import render_to_string

from contacts.models import Contact
from safeguarding.testing import streams


def make_contact(**fields):
    defaults = {
        "organisation": "NSPCC",
        "service": "Helpline",
        "channel": Contact.Channel.PHONE,
        "value": "0808 800 5000",
        "source_url": "https://www.nspcc.org.uk/",
        "last_verified": datetime.date(2026, 11, 2),
        "verified_by": "Business unit",
    }
    return Contact(**(defaults | fields))


@pytest.mark.parametrize(
    ("channel", "value", "href"),
    [
        (Contact.Channel.PHONE, "0808 800 5000", "tel:08088005000"),
        (Contact.Channel.TEXTPHONE, "18001 101", "tel:18001101"),
        (Contact.Channel.PHONE, "+44 118 496 0100", "tel:+441184960100"),
        (Contact.Channel.TEXT, "88858", "sms:88858"),
        (Contact.Channel.EMAIL, "help@nspcc.org.uk", "mailto:help@nspcc.org.uk"),
        (
            Contact.Channel.WEB_FORM,
            "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
            "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
        ),
    ],
)
def test_contact_link_opens_the_right_channel(channel, value, href):
    assert make_contact(channel=channel, value=value).href == href


def test_contact_shows_number_as_grouped_and_when_it_was_checked():
    html = render_to_string("contacts/includes/contact.html", {"contact": make_contact()})
    assert '<a href="tel:08088005000">0808 800 5000</a>' in html
    assert 'Last checked <time datetime="2026-11-02">2 November 2026</time>' in html


def test_a_national_number_shows_no_last_checked_date():
    contact = make_contact(scope=Contact.Scope.NATIONAL)
    html = render_to_string("contacts/includes/contact.html", {"contact": contact})
    assert '<a href="tel:08088005000">0808 800 5000</a>' in html
    assert "Last checked" not in html and "This may have changed." not in html


@pytest.mark.parametrize("scope", Contact.Scope.values)
def test_a_stale_contact_shows_its_warning_whatever_its_scope(scope):
    contact = make_contact(scope=scope, last_verified=datetime.date(2024, 1, 10))
    html = render_to_string("contacts/includes/contact.html", {"contact": contact})
    assert html.count("This may have changed.") == 1
    assert "We last checked it on" in html and "10 January 2024" in html
    assert "Last checked" not in html


def test_web_form_contact_has_words_for_link_text_not_the_address():
    contact = make_contact(
        organisation="Home Office",
        service="Report modern slavery as a first responder",
        channel=Contact.Channel.WEB_FORM,
        value="https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
    )
    html = render_to_string("contacts/includes/contact.html", {"contact": contact})
    assert (
        '<a href="https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder">'
        "Report modern slavery as a first responder</a>"
    ) in html
    assert "(online form on gov.uk)" in html


@pytest.mark.django_db
@pytest.mark.parametrize("kept", [False, True], ids=["read-each-time", "kept-between-requests"])
def test_one_contact_record_changes_every_page_that_shows_it(client, make_article, request, kept):
    if kept:
        request.getfixturevalue("kept_site_configuration")
    contact = make_contact()
    contact.save()
    block = streams.related_contacts("Who to contact", [contact])
    first = make_article("Child trafficking", body=[block])
    second = make_article("County lines", body=[block])
    for page in (first, second):
        assert "0808 800 5000" in client.get(page.url).content.decode()

    contact.value = "0808 800 5001"
    contact.save()

    for page in (first, second):
        html = client.get(page.url).content.decode()
        assert '<a href="tel:08088005001">0808 800 5001</a>' in html
        assert "0808 800 5000" not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("08088005000", "Group the digits"),
        ("0808-800-5000", "only digits and spaces"),
        ("call 999", "only digits and spaces"),
    ],
)
def test_phone_numbers_must_be_grouped_digits(value, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        make_contact(value=value).clean()


def test_grouped_number_is_tidied_and_short_numbers_need_no_groups():
    contact = make_contact(value="  0808   800 5000 ")
    contact.clean()
    assert contact.value == "0808 800 5000"
    make_contact(value="999").clean()
    make_contact(value="18001 101", channel=Contact.Channel.TEXTPHONE).clean()


# A card is kept by each process under everything it shows (Contact.cache_key).


def card(contact):
    return render_to_string("contacts/includes/contact.html", {"contact": contact})


def test_a_kept_card_is_drawn_again_when_anything_it_shows_changes():
    from contacts.models.contacts import OpeningPeriod

    contact = make_contact(open_24_hours=False)
    contact.opening_periods = [
        OpeningPeriod(weekday=0, opens=datetime.time(9), closes=datetime.time(17))
    ]
    assert "0808 800 5000" in card(contact) and "9am to 5pm" in card(contact)

    contact.value = "0808 800 5001"
    assert "0808 800 5001" in card(contact) and "0808 800 5000" not in card(contact)

    contact.when_to_use = "For adults worried about a child at school."
    assert "For adults worried about a child at school." in card(contact)

    contact.opening_periods = [
        OpeningPeriod(weekday=0, opens=datetime.time(9), closes=datetime.time(16, 30))
    ]
    assert "9am to 4:30pm" in card(contact) and "9am to 5pm" not in card(contact)


def test_a_kept_card_warns_once_the_date_passes_its_next_check(monkeypatch):
    from django.utils import timezone

    from contacts import opening_hours

    contact = make_contact(last_verified=datetime.date(2026, 11, 2))
    checked = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: checked)
    monkeypatch.setattr(opening_hours, "now", lambda: checked)
    assert "This may have changed." not in card(contact)

    due = checked + datetime.timedelta(days=365)
    monkeypatch.setattr(timezone, "now", lambda: due)
    monkeypatch.setattr(opening_hours, "now", lambda: due)
    assert "This may have changed." in card(contact)
