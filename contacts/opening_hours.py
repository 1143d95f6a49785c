"""Whether a service is open at a given moment, in UK time, and when that next changes.

Opening hours are data (weekday time ranges and a bank-holiday rule), so the
site can say which number to call *now*. Bank holidays are England and Wales
ones from the `holidays` package, which ships its calendars: nothing is
fetched at run time.

A service is open or closed by the UK wall clock; the moments it opens and
closes (`changes`) are given in UTC, so a page can be kept by a cache until
the next one and no longer. In UTC because Python compares and subtracts two
datetimes of the same zone by their wall clocks (an hour out across a clock
change) and never finds a time in the hour the clocks repeat equal to any
other zone's.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone

UK = ZoneInfo("Europe/London")
MIDNIGHT = datetime.time(0, 0)
LOOK_AHEAD_DAYS = 14
ONE_DAY = datetime.timedelta(days=1)


def now():
    """The current moment. Tests replace this to fix the time."""
    return timezone.now()


def uk_time(moment):
    return moment.astimezone(UK)


@lru_cache(maxsize=16)
def _bank_holidays(year):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day):
    """True on an England and Wales bank holiday, substitute days included.

    The calendar also lists Christmas or Boxing Day when they fall at a
    weekend; the bank holiday is then the substitute weekday, so weekend
    dates never count.
    """
    return day.weekday() < 5 and day in _bank_holidays(day.year)


def _bank_holiday_rule(contact, day):
    """CLOSED or ALL_DAY on a bank holiday where that overrides the weekday hours, else None."""
    if is_bank_holiday(day) and contact.bank_holidays != contact.BankHolidays.USUAL_HOURS:
        return contact.bank_holidays
    return None


def _open_on_the_clock(contact, periods, local):
    """Whether `contact` answers when the UK clock reads `local` (24-hour services aside)."""
    rule = _bank_holiday_rule(contact, local.date())
    if rule is not None:
        return rule == contact.BankHolidays.ALL_DAY
    clock = local.time()
    return any(p.weekday == local.weekday() and p.covers(clock) for p in periods)


def is_open(contact, moment):
    """Whether `contact` answers at `moment` (an aware datetime)."""
    if contact.open_24_hours:
        return True
    return _open_on_the_clock(contact, contact.opening_periods.all(), uk_time(moment))


def _wall_clock_boundaries(periods, first_day, days):
    """Every UK wall-clock time (naive) at which opening hours could change: each
    midnight (bank-holiday rules start and end there) and each period's start and end."""
    for offset in range(days + 1):
        day = first_day + offset * ONE_DAY
        yield datetime.datetime.combine(day, MIDNIGHT)
        for period in periods:
            if period.weekday == day.weekday():
                yield datetime.datetime.combine(day, period.opens)
                if period.closes != MIDNIGHT:  # 00:00 is the next day's midnight, above
                    yield datetime.datetime.combine(day, period.closes)


def _instants(wall):
    """The timestamps at which the UK clock reads `wall`: two in the hour the clocks go
    back (both are kept). In the hour that never happens when they go forward, one of
    them is early, which is harmless: every candidate is checked."""
    return {wall.replace(tzinfo=UK, fold=fold).timestamp() for fold in (0, 1)}


def _clock_change(day):
    """The timestamp at which the UK clocks change on `day`, or None.

    Found by halving the day until the offset flips, to the second, so nothing here
    assumes when or by how much the clocks change.
    """
    start = datetime.datetime.combine(day, MIDNIGHT, tzinfo=UK).timestamp()
    end = datetime.datetime.combine(day + ONE_DAY, MIDNIGHT, tzinfo=UK).timestamp()

    def offset(timestamp):
        return datetime.datetime.fromtimestamp(timestamp, UK).utcoffset()

    before = offset(start)
    if offset(end) == before:
        return None
    low, high = int(start), int(end)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if offset(middle) == before else (low, middle)
    return float(high)


def changes(contact, moment, days_ahead=LOOK_AHEAD_DAYS):
    """The moments after `moment` at which `contact` opens or closes, in order, within
    `days_ahead` days: (the moment in UTC, whether it is open from then). A period
    closing at 17:00 and the next opening at 17:00, or at midnight, are no change; a
    24-hour service has none.

    Opening hours only change when the UK clock passes a period's start or end or a
    midnight, or when the clocks change: so it is enough to check those instants.
    """
    if contact.open_24_hours:
        return
    periods = list(contact.opening_periods.all())
    start = moment.timestamp()
    first_day = uk_time(moment).date()
    candidates = set()
    for wall in _wall_clock_boundaries(periods, first_day, days_ahead):
        candidates |= _instants(wall)
    for offset in range(days_ahead + 1):
        candidates.add(_clock_change(first_day + offset * ONE_DAY))
    candidates.discard(None)

    state = _open_on_the_clock(contact, periods, uk_time(moment))
    for timestamp in sorted(t for t in candidates if t > start):
        when = datetime.datetime.fromtimestamp(timestamp, datetime.UTC)
        if _open_on_the_clock(contact, periods, uk_time(when)) != state:
            state = not state
            yield when, state


def next_change(contact, moment, days_ahead=LOOK_AHEAD_DAYS):
    """The first moment (UTC) after `moment` at which `contact` opens or closes,
    or None if it does not within `days_ahead` days. Until then, whether it is open
    stays the same, and so do `closes_at` and `next_opening`."""
    return next((when for when, _ in changes(contact, moment, days_ahead)), None)


def closes_at(contact, moment, days_ahead=LOOK_AHEAD_DAYS):
    """When `contact`, open at `moment`, stops answering (UTC), or None if it is
    closed or answers throughout the look-ahead. Periods that run on into each other,
    across midnight too, count as one."""
    if not is_open(contact, moment):
        return None
    return next_change(contact, moment, days_ahead)


def next_opening(contact, moment, days_ahead=LOOK_AHEAD_DAYS):
    """The next moment (UTC) `contact` opens after `moment`, or None."""
    return next((when for when, opens in changes(contact, moment, days_ahead) if opens), None)
