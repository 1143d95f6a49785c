"""How long the shared cache may keep the 'Worried about a child?' page: never past the
moment a front door or out-of-hours service opens or closes, and what a copy says stays
true until then. Through HTTP, at set moments (UK time) around the demo's opening hours:

Northbridge  Monday to Thursday 8:30am to 5pm, Friday 8:30am to 4:30pm
Eastwood     Monday to Friday 9am to 5pm
Riverside    Monday to Friday 8am to 6pm
             all three closed on bank holidays
Emergency Duty Team (out of hours, for all three)  weekdays midnight to 9am and 4:30pm
             to midnight, weekends and bank holidays all day
"""

import datetime
import re

import pytest

from contacts.models import Contact, OpeningPeriod

HOUR, DAY = 3600, 86400
PAGE = "/worried-about-a-child/"


@pytest.fixture
def long_cache(settings):
    """A default lifetime longer than any wait in these tests, so that the limit shows whole."""
    settings.SHARED_CACHE_MAX_AGE = 14 * DAY
    return settings.SHARED_CACHE_MAX_AGE


def get(client, area="northbridge"):
    """The page's lifetime in the shared cache (seconds), and its answer."""
    response = client.get(f"{PAGE}?area={area}")
    assert response.status_code == 200
    lifetime = response["CDN-Cache-Control"]
    assert response["Surrogate-Control"] == lifetime
    seconds = int(re.fullmatch(r"max-age=(\d+), stale-if-error=\d+", lifetime).group(1))
    html = response.content.decode()
    answer = re.search(r'<section class="answer" id="answer".*?</section>', html, re.S)
    return seconds, answer.group() if answer else ""


def status(answer):
    return re.search(r'<p class="answer__now">(.*?)</p>', answer, re.S).group(1)


def northbridge_hours(concern, *periods, **fields):
    """Give Northbridge's front door these periods, (weekday, "opens", "closes"), instead."""
    front_door = concern[1]["contact", "front-door-northbridge"]
    front_door.opening_periods.all().delete()
    for weekday, opens, closes in periods:
        OpeningPeriod.objects.create(
            contact=front_door,
            weekday=weekday,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
    Contact.objects.filter(pk=front_door.pk).update(**fields)


def test_a_minute_before_closing_the_copy_lasts_a_minute(client, concern, clock, settings):
    clock(2026, 12, 2, 16, 59)  # Wednesday: Northbridge and Eastwood close at 5pm
    seconds, answer = get(client)
    assert seconds == 60
    assert status(answer).startswith("<strong>Open now until 5pm today (UK time).</strong>")
    # Every area's copy, and the page before an area is chosen: any could show the change.
    assert get(client, "riverside")[0] == 60
    assert get(client, "")[0] == 60
    clock(2026, 12, 2, 16, 58, 30)
    assert get(client)[0] == 90
    clock(2026, 12, 2, 15)  # the next change, the Emergency Duty Team at 4:30pm, is further
    assert get(client)[0] == settings.SHARED_CACHE_MAX_AGE  # off than the usual lifetime


def test_just_after_one_closes_the_copy_lasts_until_the_next_change(client, concern, clock):
    clock(2026, 12, 4, 16, 29)  # Friday: Northbridge closes at 4:30pm
    assert get(client)[0] == 60
    clock(2026, 12, 4, 16, 30)  # then Eastwood at 5pm
    seconds, answer = get(client)
    assert seconds == 30 * 60
    assert "is closed now." in status(answer)


def test_closed_for_the_weekend(client, concern, clock, long_cache):
    clock(2026, 12, 4, 18)  # Friday after all three close; Riverside opens first, Monday 8am
    seconds, answer = get(client)
    assert seconds == 2 * DAY + 14 * HOUR
    assert "It opens again at 8:30am on Monday 7 December (UK time)." in status(answer)
    assert "Call the Emergency Duty Team now:" in answer


def test_out_of_hours_running_past_midnight_is_no_change(client, concern, clock, long_cache):
    clock(2026, 12, 2, 23, 30)  # the Emergency Duty Team's 4:30pm-midnight meets midnight-9am
    assert get(client)[0] == 8 * HOUR + 30 * 60  # to Riverside opening at 8am


def test_the_evening_before_a_bank_holiday(client, concern, clock, long_cache):
    # Thursday 24 December: Christmas Day, the weekend and the substitute Boxing Day follow,
    # closed for the front doors, all day for the Emergency Duty Team.
    clock(2026, 12, 24, 18)
    seconds, answer = get(client)
    assert seconds == 4 * DAY + 14 * HOUR  # to Riverside opening at 8am on Tuesday
    assert "It opens again at 8:30am on Tuesday 29 December (UK time)." in status(answer)


def test_on_a_bank_holiday_the_front_doors_are_closed(client, concern, clock, long_cache):
    clock(2026, 12, 28, 11)  # Monday, substitute Boxing Day: not Monday's usual hours
    seconds, answer = get(client)
    assert seconds == 21 * HOUR
    assert "is closed now." in status(answer)


def test_a_bank_holiday_open_all_day_starts_and_ends_at_midnight(client, concern, clock):
    northbridge_hours(
        concern, *[(day, "08:30", "17:00") for day in range(5)], bank_holidays="all_day"
    )
    clock(2026, 12, 24, 23, 30)
    seconds, answer = get(client)
    assert seconds == 30 * 60
    assert "It opens again at midnight tonight (UK time)." in status(answer)
    clock(2026, 12, 25, 23, 30)  # Christmas Day (Friday) ends; Saturday it is closed
    seconds, answer = get(client)
    assert seconds == 30 * 60
    assert "Open now until midnight tonight (UK time)." in status(answer)
    clock(2026, 12, 28, 23, 30)  # the substitute Boxing Day ends; Tuesday it opens at 8:30am
    assert get(client)[0] == 30 * 60


def test_a_period_closing_at_midnight(client, concern, clock):
    northbridge_hours(concern, (5, "20:00", "00:00"))  # Saturday evenings
    clock(2026, 12, 5, 23, 59)
    seconds, answer = get(client)
    assert seconds == 60
    assert "Open now until midnight tonight (UK time)." in status(answer)


def test_periods_that_meet_are_one(client, concern, clock, long_cache):
    northbridge_hours(concern, (5, "10:00", "13:00"), (5, "13:00", "15:00"), (6, "00:00", "02:00"))
    clock(2026, 12, 5, 12, 59)  # Saturday, a minute before one period ends and the next begins
    seconds, answer = get(client)
    assert seconds == 2 * HOUR + 60
    assert "Open now until 3pm today (UK time)." in status(answer)

    northbridge_hours(concern, (5, "20:00", "00:00"), (6, "00:00", "02:00"))  # across midnight
    clock(2026, 12, 5, 23, 59)
    seconds, answer = get(client)
    assert seconds == 2 * HOUR + 60
    assert "Open now until 2am on Sunday 6 December (UK time)." in status(answer)


def test_24_hour_services_keep_the_usual_lifetime(client, concern, clock, settings):
    Contact.objects.filter(kind__in=["front_door", "out_of_hours"]).update(open_24_hours=True)
    clock(2026, 12, 2, 16, 59)
    seconds, answer = get(client)
    assert seconds == settings.SHARED_CACHE_MAX_AGE
    assert "<strong>Open now.</strong>" in status(answer)


def test_the_night_the_clocks_go_forward(client, concern, clock):
    northbridge_hours(concern, (6, "02:30", "04:00"))
    # Sunday 28 March 2027, 12:45am GMT. At 1am the clocks jump to 2am BST: 2:30am is
    # 45 minutes away, not an hour and 45.
    clock(2027, 3, 28, 0, 45)
    seconds, answer = get(client)
    assert seconds == 45 * 60
    assert "It opens again at 2:30am today (UK time)." in status(answer)


def test_the_weekend_the_clocks_go_back(client, concern, clock, long_cache):
    clock(2026, 10, 24, 20)  # Saturday, summer time, to Riverside's 8am on Monday, winter time
    assert get(client)[0] == 37 * HOUR


def test_a_date_with_other_hours_sets_the_lifetime_and_the_answer(
    client, concern, clock, long_cache
):
    front_door = concern[1]["contact", "front-door-northbridge"]
    wednesday_morning = {"opens": datetime.time(8, 30), "closes": datetime.time(12, 30)}
    closed = {"opens": None, "closes": None}
    front_door.other_hours = [
        ("date", {"date": datetime.date(2026, 12, 2), **wednesday_morning}),
        ("date", {"date": datetime.date(2026, 12, 3), **closed}),
    ]
    front_door.save()
    clock(2026, 12, 2, 12)  # Wednesday: Northbridge closes at 12:30pm today, not 5pm
    seconds, answer = get(client)
    assert seconds == 30 * 60
    assert "Open now until 12:30pm today (UK time)." in status(answer)
    clock(2026, 12, 2, 18)  # closed all day on Thursday: it opens again on Friday
    seconds, answer = get(client)
    assert "It opens again at 8:30am on Friday 4 December (UK time)." in status(answer)
    assert seconds == 14 * HOUR  # to Riverside opening at 8am on Thursday
