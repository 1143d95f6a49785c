"""Opening hours in UK time: weekdays, evenings, weekends, bank holidays, clock changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from help import opening_hours
from help.demo import load_contacts
from help.models import OpeningPeriod

UTC = datetime.UTC
UK = ZoneInfo("Europe/London")


def at(year, month, day, hour, minute=0, tz=UK):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


@pytest.fixture
def contacts(db):
    return load_contacts()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 12, 1, 10), True),  # Tuesday morning
        (at(2026, 12, 1, 8, 29), False),  # a minute before opening
        (at(2026, 12, 1, 8, 30), True),  # opening time
        (at(2026, 12, 1, 16, 59), True),
        (at(2026, 12, 1, 17, 0), False),  # closes at 5pm Monday to Thursday
        (at(2026, 12, 1, 19), False),  # evening
        (at(2026, 12, 4, 16, 45), False),  # Friday closes at 4:30pm
        (at(2026, 12, 5, 11), False),  # Saturday
        (at(2026, 12, 6, 11), False),  # Sunday
        (at(2026, 12, 25, 11), False),  # Christmas Day, a Friday
        (at(2026, 12, 28, 11), False),  # Boxing Day substitute, a Monday
        (at(2026, 12, 29, 11), True),  # back to normal on Tuesday
        (at(2027, 5, 3, 11), False),  # early May bank holiday
    ],
)
def test_front_door_hours(contacts, moment, expected):
    assert contacts["front_door_northbridge"].is_open(moment) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 12, 1, 23, 30), True),  # runs to midnight
        (at(2026, 12, 2, 0, 30), True),  # and from midnight to 9am
        (at(2026, 12, 1, 12), False),  # daytime: the front doors are open
        (at(2026, 12, 4, 16, 45), True),  # Friday evening starts at 4:30pm
        (at(2026, 12, 5, 12), True),  # weekends, all day
        (at(2026, 12, 28, 12), True),  # bank holidays, all day
    ],
)
def test_out_of_hours_team_covers_when_front_doors_are_closed(contacts, moment, expected):
    assert contacts["out_of_hours"].is_open(moment) is expected


def test_clocks_changing_uses_uk_time_not_utc(contacts):
    northbridge = contacts["front_door_northbridge"]
    # Friday 23 October 2026 is British Summer Time (UTC+1).
    assert northbridge.is_open(datetime.datetime(2026, 10, 23, 7, 45, tzinfo=UTC))  # 8:45 BST
    assert not northbridge.is_open(datetime.datetime(2026, 10, 23, 7, 15, tzinfo=UTC))  # 8:15
    # The clocks go back on Sunday 25 October: Monday 26 October is GMT (UTC+0).
    assert not northbridge.is_open(datetime.datetime(2026, 10, 26, 8, 15, tzinfo=UTC))  # 8:15
    assert northbridge.is_open(datetime.datetime(2026, 10, 26, 8, 45, tzinfo=UTC))  # 8:45 GMT
    # Clocks go forward on Sunday 28 March 2027; Tuesday 30 March is BST again.
    assert northbridge.is_open(datetime.datetime(2027, 3, 30, 7, 45, tzinfo=UTC))  # 8:45 BST
    assert not northbridge.is_open(datetime.datetime(2027, 3, 30, 16, 5, tzinfo=UTC))  # 5:05pm


def test_weekend_dates_in_the_calendar_are_not_bank_holidays():
    assert not opening_hours.is_bank_holiday(datetime.date(2026, 12, 26))  # Saturday
    assert opening_hours.is_bank_holiday(datetime.date(2026, 12, 28))  # its substitute Monday
    assert opening_hours.is_bank_holiday(datetime.date(2027, 3, 29))  # Easter Monday
    assert not opening_hours.is_bank_holiday(datetime.date(2026, 12, 1))


def test_next_opening_skips_weekends_and_bank_holidays(contacts):
    northbridge = contacts["front_door_northbridge"]
    friday_evening = at(2026, 11, 27, 18)
    assert opening_hours.next_opening(northbridge, friday_evening) == at(2026, 11, 30, 8, 30)
    christmas_eve = at(2026, 12, 24, 18)  # Thursday: then Christmas, weekend, substitute day
    assert opening_hours.next_opening(northbridge, christmas_eve) == at(2026, 12, 29, 8, 30)


def test_closes_at_gives_the_end_of_the_current_period(contacts):
    northbridge = contacts["front_door_northbridge"]
    assert opening_hours.closes_at(northbridge, at(2026, 12, 4, 10)) == datetime.time(16, 30)
    assert opening_hours.closes_at(northbridge, at(2026, 12, 5, 10)) is None


def test_24_hour_services_are_always_open(contacts):
    for key in ["emergency", "childline", "modern_slavery_helpline"]:
        assert contacts[key].is_open(at(2026, 12, 25, 3))


def test_hours_summary_reads_naturally(contacts):
    assert contacts["front_door_northbridge"].hours_summary() == [
        "Monday to Thursday, 8:30am to 5pm",
        "Friday, 8:30am to 4:30pm",
        "Closed on bank holidays",
    ]
    assert contacts["out_of_hours"].hours_summary() == [
        "Monday to Friday, midnight to 9am and 4:30pm to midnight",
        "Saturday and Sunday, all day",
        "Open all day on bank holidays",
    ]
    assert contacts["childline"].hours_summary() == ["24 hours a day, every day"]


def test_a_period_must_close_after_it_opens(contacts):
    from django.db import IntegrityError, transaction

    contact = contacts["front_door_eastwood"]
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningPeriod.objects.create(
            contact=contact, weekday=5, opens=datetime.time(17), closes=datetime.time(9)
        )
    OpeningPeriod.objects.create(  # closing at 00:00 means midnight, which is allowed
        contact=contact, weekday=5, opens=datetime.time(17), closes=datetime.time(0)
    )
