"""Opening hours in UK time: day ranges, weekdays, evenings, weekends, bank holidays,
dates with other hours, clock changes.

The rules are pure logic over a contact and its opening periods, so the contacts here are
built in memory (a Contact is clusterable: its periods need no saved row) and these tests
touch no database; pytest-django would fail any test that tried. Only the check constraint
on a period needs the database.
"""

import datetime
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts import opening_hours
from contacts.blocks import OtherHoursBlock
from contacts.models import Contact, OpeningPeriod

UTC = datetime.UTC
UK = ZoneInfo("Europe/London")
MON_TO_THU, FRIDAY, MON_TO_FRI, WEEKEND = range(0, 4), [4], range(0, 5), range(5, 7)
BankHolidays = Contact.BankHolidays


def at(year, month, day, hour, minute=0, tz=UK):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


def contact(*spans, **fields):
    """An unsaved contact open in `spans`: (weekdays, "08:30", "17:00"), ..."""
    unsaved = Contact(organisation="Test Valley", service="Test service", **fields)
    unsaved.opening_periods = [
        OpeningPeriod(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for days, opens, closes in spans
        for day in days
    ]
    return unsaved


def time(value):
    return datetime.time.fromisoformat(value) if value else None


def with_ranges(*ranges, exceptions=(), **fields):
    """An unsaved contact open in day `ranges`, as an editor enters them: (first weekday,
    last weekday or None, "opens", "closes"); and `exceptions`: (date, "opens", "closes"),
    with no times for a day it is closed."""
    other_hours = [
        ("date", {"date": day, "opens": time(opens), "closes": time(closes)})
        for day, opens, closes in exceptions
    ]
    unsaved = Contact(
        organisation="Test Valley", service="Test service", other_hours=other_hours, **fields
    )
    unsaved.opening_periods = [
        OpeningPeriod(weekday=first, last_weekday=last, opens=time(opens), closes=time(closes))
        for first, last, opens, closes in ranges
    ]
    return unsaved


# A council's front door: office hours, shorter on Fridays, closed on bank holidays.
FRONT_DOOR = contact((MON_TO_THU, "08:30", "17:00"), (FRIDAY, "08:30", "16:30"))
# The team that covers when the front doors are closed, with periods that run to and
# from midnight and whole days.
OUT_OF_HOURS = contact(
    (MON_TO_FRI, "00:00", "09:00"),
    (MON_TO_FRI, "16:30", "00:00"),
    (WEEKEND, "00:00", "00:00"),
    bank_holidays=BankHolidays.ALL_DAY,
)
HELPLINE = contact(
    (MON_TO_FRI, "08:00", "22:00"),
    (WEEKEND, "09:00", "18:00"),
    bank_holidays=BankHolidays.USUAL_HOURS,
)
ALWAYS_OPEN = contact(open_24_hours=True)
# Weekdays only, but open all day on bank holidays: they start and end at midnight.
OPEN_ON_BANK_HOLIDAYS = contact((MON_TO_FRI, "09:00", "17:00"), bank_holidays=BankHolidays.ALL_DAY)
# Monday's two shifts meet at 1pm; Tuesday's evening runs on into Wednesday's early hours;
# Sunday has a night shift in the hour the clocks skip in spring and repeat in autumn.
SPLIT_DAY = contact(
    ([0], "09:00", "13:00"),
    ([0], "13:00", "17:00"),
    ([1], "20:00", "00:00"),
    ([2], "00:00", "02:00"),
    ([6], "01:30", "04:00"),
)


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
def test_front_door_hours(moment, expected):
    assert FRONT_DOOR.is_open(moment) is expected


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
def test_out_of_hours_team_covers_when_front_doors_are_closed(moment, expected):
    assert OUT_OF_HOURS.is_open(moment) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 12, 25, 21), True),  # Christmas Day, a Friday: Friday's hours
        (at(2026, 12, 25, 23), False),
        (at(2026, 12, 28, 8, 30), True),  # the substitute Monday: Monday's hours
    ],
)
def test_usual_hours_on_bank_holidays_follow_the_weekday(moment, expected):
    assert HELPLINE.is_open(moment) is expected


def test_clocks_changing_uses_uk_time_not_utc():
    # Friday 23 October 2026 is British Summer Time (UTC+1).
    assert FRONT_DOOR.is_open(datetime.datetime(2026, 10, 23, 7, 45, tzinfo=UTC))  # 8:45 BST
    assert not FRONT_DOOR.is_open(datetime.datetime(2026, 10, 23, 7, 15, tzinfo=UTC))  # 8:15
    # The clocks go back on Sunday 25 October: Monday 26 October is GMT (UTC+0).
    assert not FRONT_DOOR.is_open(datetime.datetime(2026, 10, 26, 8, 15, tzinfo=UTC))  # 8:15
    assert FRONT_DOOR.is_open(datetime.datetime(2026, 10, 26, 8, 45, tzinfo=UTC))  # 8:45 GMT
    # Clocks go forward on Sunday 28 March 2027; Tuesday 30 March is BST again.
    assert FRONT_DOOR.is_open(datetime.datetime(2027, 3, 30, 7, 45, tzinfo=UTC))  # 8:45 BST
    assert not FRONT_DOOR.is_open(datetime.datetime(2027, 3, 30, 16, 5, tzinfo=UTC))  # 5:05pm


def test_weekend_dates_in_the_calendar_are_not_bank_holidays():
    assert not opening_hours.is_bank_holiday(datetime.date(2026, 12, 26))  # Saturday
    assert opening_hours.is_bank_holiday(datetime.date(2026, 12, 28))  # its substitute Monday
    assert opening_hours.is_bank_holiday(datetime.date(2027, 3, 29))  # Easter Monday
    assert not opening_hours.is_bank_holiday(datetime.date(2026, 12, 1))


def test_next_opening_skips_weekends_and_bank_holidays():
    friday_evening = at(2026, 11, 27, 18)
    assert opening_hours.next_opening(FRONT_DOOR, friday_evening) == at(2026, 11, 30, 8, 30)
    christmas_eve = at(2026, 12, 24, 18)  # Thursday: then Christmas, weekend, substitute day
    assert opening_hours.next_opening(FRONT_DOOR, christmas_eve) == at(2026, 12, 29, 8, 30)


def test_closes_at_gives_the_end_of_the_current_period():
    assert opening_hours.closes_at(FRONT_DOOR, at(2026, 12, 4, 10)) == at(2026, 12, 4, 16, 30)
    assert opening_hours.closes_at(FRONT_DOOR, at(2026, 12, 5, 10)) is None


def test_closes_at_runs_on_through_periods_that_meet():
    # Friday 4pm-midnight, then the whole weekend, then Monday midnight-9am: one stretch.
    assert opening_hours.closes_at(OUT_OF_HOURS, at(2026, 12, 4, 20)) == at(2026, 12, 7, 9)
    assert opening_hours.closes_at(SPLIT_DAY, at(2026, 11, 30, 10)) == at(2026, 11, 30, 17)


def test_24_hour_services_are_always_open():
    assert ALWAYS_OPEN.is_open(at(2026, 12, 25, 3))
    assert opening_hours.closes_at(ALWAYS_OPEN, at(2026, 12, 25, 3)) is None


def test_hours_summary_reads_naturally():
    assert FRONT_DOOR.hours_summary() == [
        "Monday to Thursday, 8:30am to 5pm",
        "Friday, 8:30am to 4:30pm",
        "Closed on bank holidays",
    ]
    assert OUT_OF_HOURS.hours_summary() == [
        "Monday to Friday, midnight to 9am and 4:30pm to midnight",
        "Saturday and Sunday, all day",
        "Open all day on bank holidays",
    ]
    assert HELPLINE.hours_summary() == [
        "Monday to Friday, 8am to 10pm",
        "Saturday and Sunday, 9am to 6pm",
        "Usual hours on bank holidays",
    ]
    assert ALWAYS_OPEN.hours_summary() == ["24 hours a day, every day"]


@pytest.mark.django_db
def test_a_period_must_close_after_it_opens():
    saved = Contact.objects.create(
        organisation="Test Valley",
        service="Test service",
        value="0118 496 0999",
        source_url="https://example.org/",
        last_verified=datetime.date(2026, 11, 1),
        verified_by="Test team",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningPeriod.objects.create(
            contact=saved, weekday=5, opens=datetime.time(17), closes=datetime.time(9)
        )
    OpeningPeriod.objects.create(  # closing at 00:00 means midnight, which is allowed
        contact=saved, weekday=5, opens=datetime.time(17), closes=datetime.time(0)
    )


def seconds_between(start, end):
    """Elapsed seconds, not wall-clock ones: they differ across a clock change."""
    return end.timestamp() - start.timestamp()


@pytest.mark.parametrize(
    ("service", "moment", "expected"),
    [
        (FRONT_DOOR, at(2026, 12, 1, 16, 59), at(2026, 12, 1, 17)),  # closes
        (FRONT_DOOR, at(2026, 12, 1, 17), at(2026, 12, 2, 8, 30)),  # opens next morning
        (FRONT_DOOR, at(2026, 12, 4, 17), at(2026, 12, 7, 8, 30)),  # over the weekend
        # The evening before Christmas: closed on the bank holidays, open again on Tuesday.
        (FRONT_DOOR, at(2026, 12, 24, 18), at(2026, 12, 29, 8, 30)),
        (FRONT_DOOR, at(2026, 12, 28, 11), at(2026, 12, 29, 8, 30)),  # on the substitute day
        # Midnight between two periods is not a change; the weekend and bank holidays
        # (all day) run on from Friday evening into Tuesday morning.
        (OUT_OF_HOURS, at(2026, 12, 1, 23, 30), at(2026, 12, 2, 9)),
        (OUT_OF_HOURS, at(2026, 12, 4, 17), at(2026, 12, 7, 9)),
        (OUT_OF_HOURS, at(2026, 12, 24, 17), at(2026, 12, 29, 9)),
        (OUT_OF_HOURS, at(2026, 12, 24, 10), at(2026, 12, 24, 16, 30)),
        # Open all day on a bank holiday: it opens as the day starts and closes as it ends.
        (OPEN_ON_BANK_HOLIDAYS, at(2026, 12, 24, 18), at(2026, 12, 25, 0)),
        (OPEN_ON_BANK_HOLIDAYS, at(2026, 12, 25, 12), at(2026, 12, 26, 0)),  # Saturday: closed
        (OPEN_ON_BANK_HOLIDAYS, at(2026, 12, 28, 12), at(2026, 12, 29, 0)),  # Tuesday: at 9am
        (HELPLINE, at(2026, 12, 25, 21), at(2026, 12, 25, 22)),  # usual hours on the day
        (SPLIT_DAY, at(2026, 11, 30, 12, 59), at(2026, 11, 30, 17)),  # 1pm is no change
        (SPLIT_DAY, at(2026, 12, 1, 23, 59), at(2026, 12, 2, 2)),  # nor is midnight
    ],
)
def test_next_change(service, moment, expected):
    assert opening_hours.next_change(service, moment) == expected


def test_nothing_changes_for_a_24_hour_service_or_beyond_the_look_ahead():
    assert opening_hours.next_change(ALWAYS_OPEN, at(2026, 12, 1, 12)) is None
    assert opening_hours.next_change(contact(), at(2026, 12, 1, 12)) is None  # never open
    friday_evening = at(2026, 12, 4, 18)
    assert opening_hours.next_change(FRONT_DOOR, friday_evening, days_ahead=2) is None
    assert opening_hours.next_change(FRONT_DOOR, friday_evening, days_ahead=3) == at(
        2026, 12, 7, 8, 30
    )


def test_next_change_counts_real_time_across_clock_changes():
    # Saturday evening in summer time to Monday morning in winter time: an hour longer.
    saturday = at(2026, 10, 24, 20)
    monday = opening_hours.next_change(FRONT_DOOR, saturday)
    assert monday == at(2026, 10, 26, 8, 30)
    assert seconds_between(saturday, monday) == (36.5 + 1) * 3600
    # Good Friday evening in winter time to Tuesday after Easter in summer time: an hour
    # shorter.
    good_friday = at(2027, 3, 26, 18)
    tuesday = opening_hours.next_change(FRONT_DOOR, good_friday)
    assert tuesday == at(2027, 3, 30, 8, 30)
    assert seconds_between(good_friday, tuesday) == (86.5 - 1) * 3600


def test_a_night_shift_when_the_clocks_change():
    # Spring: at 1am GMT the clocks jump to 2am, past the 1:30am start, which is then.
    assert opening_hours.next_change(SPLIT_DAY, at(2027, 3, 28, 0, 45)) == datetime.datetime(
        2027, 3, 28, 1, tzinfo=UTC
    )
    # Autumn: 1:30am comes twice; the first time, the shift starts as usual.
    assert opening_hours.next_change(SPLIT_DAY, at(2026, 10, 25, 0, 45)) == datetime.datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


# Stretches of time with bank holidays and clock changes, walked every quarter of an hour
# (every opening time in these tests is on one) to check next_change against is_open.
STRETCHES = [
    (at(2026, 10, 22, 0), at(2026, 10, 29, 0)),  # clocks go back
    (at(2026, 12, 21, 0), at(2027, 1, 3, 0)),  # Christmas and New Year
    (at(2027, 3, 24, 0), at(2027, 4, 1, 0)),  # Easter, clocks go forward
]
QUARTER = datetime.timedelta(minutes=15)


@pytest.mark.parametrize(
    "service", [FRONT_DOOR, OUT_OF_HOURS, HELPLINE, OPEN_ON_BANK_HOLIDAYS, SPLIT_DAY]
)
@pytest.mark.parametrize(("start", "end"), STRETCHES)
def test_next_change_is_exactly_where_is_open_flips(service, start, end):
    grid = []
    step = start.astimezone(UTC)
    while step < end:
        grid.append(step)
        step += QUARTER
    flips = [
        moment
        for before, moment in zip(grid, grid[1:], strict=False)
        if service.is_open(moment) != service.is_open(before)
    ]
    assert flips  # the stretch has something to find
    found = [when for when, _ in opening_hours.changes(service, start) if when < end]
    assert found == flips
    for flip in flips:  # from just before each flip, and from the flip itself
        following = next((later for later in flips if later > flip), None)
        assert opening_hours.next_change(service, flip - QUARTER) == flip
        if following is not None:
            assert opening_hours.next_change(service, flip) == following


# The front door above, as an editor enters it now: two rows, not five.
FRONT_DOOR_IN_RANGES = with_ranges((0, 3, "08:30", "17:00"), (4, None, "08:30", "16:30"))
CHRISTMAS_EVE, NEW_YEARS_EVE = datetime.date(2026, 12, 24), datetime.date(2026, 12, 31)
BOXING_DAY_SUBSTITUTE = datetime.date(2026, 12, 28)
# Mornings only on Christmas Eve, closed on New Year's Eve, and open on the substitute
# Boxing Day although it closes on bank holidays.
FRONT_DOOR_AT_CHRISTMAS = with_ranges(
    (0, 3, "08:30", "17:00"),
    (4, None, "08:30", "16:30"),
    exceptions=[
        (CHRISTMAS_EVE, "08:30", "12:30"),
        (NEW_YEARS_EVE, None, None),
        (BOXING_DAY_SUBSTITUTE, "10:00", "14:00"),
    ],
)


def test_a_day_range_expands_to_the_same_weekly_times_as_a_row_for_each_day():
    by_range = opening_hours.Schedule(FRONT_DOOR_IN_RANGES).weekly
    by_day = opening_hours.Schedule(FRONT_DOOR).weekly
    assert by_range == by_day
    assert sorted(by_range) == [0, 1, 2, 3, 4]
    assert by_range[3] == [opening_hours.Times(datetime.time(8, 30), datetime.time(17))]
    assert FRONT_DOOR_IN_RANGES.hours_summary() == FRONT_DOOR.hours_summary()
    assert [str(period) for period in FRONT_DOOR_IN_RANGES.opening_periods.all()] == [
        "Monday to Thursday, 8:30am to 5pm",
        "Friday, 8:30am to 4:30pm",
    ]


@pytest.mark.parametrize("service", [FRONT_DOOR, FRONT_DOOR_IN_RANGES])
@pytest.mark.parametrize(("start", "end"), STRETCHES)
def test_day_ranges_open_and_close_as_rows_for_each_day_do(service, start, end):
    found = list(opening_hours.changes(service, start))
    assert found == list(opening_hours.changes(FRONT_DOOR, start))
    assert [service.is_open(when) for when, _ in found] == [opens for _, opens in found]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 12, 24, 12), True),  # Christmas Eve morning
        (at(2026, 12, 24, 13), False),  # closed from 12:30pm, not 5pm
        (at(2026, 12, 31, 10), False),  # closed all day on New Year's Eve, a Thursday
        (at(2026, 12, 28, 11), True),  # open on a bank holiday it would be closed on
        (at(2026, 12, 28, 9), False),  # but only at the times given for that date
        (at(2026, 12, 29, 9), True),  # the next day, its weekday's hours again
    ],
)
def test_a_date_with_other_hours_replaces_the_weekday_and_bank_holiday(moment, expected):
    assert FRONT_DOOR_AT_CHRISTMAS.is_open(moment) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 12, 24, 12), at(2026, 12, 24, 12, 30)),  # closes early
        (at(2026, 12, 24, 13), at(2026, 12, 28, 10)),  # opens on the substitute day
        (at(2026, 12, 28, 11), at(2026, 12, 28, 14)),  # and closes at 2pm
        (at(2026, 12, 30, 18), at(2027, 1, 4, 8, 30)),  # past New Year's Eve and Day
    ],
)
def test_the_next_change_comes_from_a_dates_other_hours(moment, expected):
    assert opening_hours.next_change(FRONT_DOOR_AT_CHRISTMAS, moment) == expected


@pytest.mark.parametrize(("start", "end"), STRETCHES[1:2])
def test_next_change_is_exactly_where_is_open_flips_with_dates_with_other_hours(start, end):
    test_next_change_is_exactly_where_is_open_flips(FRONT_DOOR_AT_CHRISTMAS, start, end)


def test_the_summary_lists_dates_still_to_come(monkeypatch):
    monkeypatch.setattr(opening_hours, "now", lambda: at(2026, 12, 24, 15))
    assert FRONT_DOOR_AT_CHRISTMAS.hours_summary() == [
        "Monday to Thursday, 8:30am to 5pm",
        "Friday, 8:30am to 4:30pm",
        "Closed on bank holidays",
        "Thursday 24 December, 8:30am to 12:30pm",
        "Monday 28 December, 10am to 2pm",
        "Closed on Thursday 31 December",
    ]
    monkeypatch.setattr(opening_hours, "now", lambda: at(2026, 12, 29, 9))
    assert FRONT_DOOR_AT_CHRISTMAS.hours_summary()[3:] == ["Closed on Thursday 31 December"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            OpeningPeriod(weekday=4, last_weekday=0, opens=time("09:00"), closes=time("17:00")),
            "The last day must come after the first",
        ),
        (
            OpeningPeriod(weekday=0, opens=time("17:00"), closes=time("09:00")),
            "The closing time must be after the opening time",
        ),
    ],
)
@pytest.mark.django_db
def test_opening_times_an_editor_gets_wrong_are_explained(row, message):
    row.contact = with_ranges()
    with pytest.raises(ValidationError) as refused:
        row.validate_constraints()
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("opens", "closes", "field", "message"),
    [
        ("09:00", None, "closes", "Give both times, or leave both empty"),
        (None, "12:00", "opens", "Give both times, or leave both empty"),
        ("12:00", "09:00", "closes", "The closing time must be after the opening time"),
    ],
)
def test_dates_with_other_hours_an_editor_gets_wrong_are_explained(opens, closes, field, message):
    block = OtherHoursBlock()
    value = block.to_python({"date": "2026-12-24", "opens": opens, "closes": closes})
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert message in str(refused.value.block_errors[field])


def test_a_date_closed_all_day_or_open_until_midnight_is_accepted():
    block = OtherHoursBlock()
    for opens, closes in [(None, None), ("17:00", "00:00")]:
        block.clean(block.to_python({"date": "2026-12-24", "opens": opens, "closes": closes}))


def test_rows_saved_for_each_day_merge_into_day_ranges_and_back(make_contact):
    migration = importlib.import_module("contacts.migrations.0007_merge_weekdays_into_ranges")
    rows = [(range(5), "09:00", "17:00"), ([0, 1, 3], "16:30", "00:00"), ([5], "10:00", "14:00")]
    saved = make_contact(
        opening_periods=[
            OpeningPeriod(weekday=day, opens=time(opens), closes=time(closes))
            for days, opens, closes in rows
            for day in days
        ]
    )
    weekly = opening_hours.Schedule(saved).weekly

    def stored():
        contact = Contact.objects.get(pk=saved.pk)
        assert opening_hours.Schedule(contact).weekly == weekly
        return sorted(
            (p.weekday, p.last_weekday or p.weekday, f"{p.opens:%H:%M}", f"{p.closes:%H:%M}")
            for p in contact.opening_periods.all()
        )

    migration.merge_into_ranges(apps, None)
    assert stored() == [
        (0, 1, "16:30", "00:00"),
        (0, 4, "09:00", "17:00"),
        (3, 3, "16:30", "00:00"),
        (5, 5, "10:00", "14:00"),
    ]
    migration.split_into_days(apps, None)
    assert len(stored()) == 9
    assert not OpeningPeriod.objects.filter(last_weekday__isnull=False).exists()
