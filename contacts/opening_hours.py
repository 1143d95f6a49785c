"""Whether a service is open at a given moment, in UK time.

Opening hours are data (weekday time ranges and a bank-holiday rule), so the
site can say which number to call *now*. Bank holidays are England and Wales
ones from the `holidays` package, which ships its calendars: nothing is
fetched at run time.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone

UK = ZoneInfo("Europe/London")


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


def _covering_period(contact, local):
    """The weekday period that includes the UK-time `local`, or None."""
    return next(
        (
            period
            for period in contact.opening_periods.all()
            if period.weekday == local.weekday() and period.covers(local.time())
        ),
        None,
    )


def is_open(contact, moment):
    """Whether `contact` answers at `moment` (an aware datetime)."""
    if contact.open_24_hours:
        return True
    local = uk_time(moment)
    rule = _bank_holiday_rule(contact, local.date())
    if rule is not None:
        return rule == contact.BankHolidays.ALL_DAY
    return _covering_period(contact, local) is not None


def closes_at(contact, moment):
    """When the open period that includes `moment` ends (a time), or None."""
    if contact.open_24_hours:
        return None
    local = uk_time(moment)
    if _bank_holiday_rule(contact, local.date()) is not None:
        return None
    period = _covering_period(contact, local)
    return period.closes if period else None


def next_opening(contact, moment, days_ahead=14):
    """The next moment (UK time) `contact` opens after `moment`, or None."""
    if contact.open_24_hours:
        return None
    local = uk_time(moment)
    periods = list(contact.opening_periods.all())
    for offset in range(days_ahead + 1):
        day = local.date() + datetime.timedelta(days=offset)
        rule = _bank_holiday_rule(contact, day)
        if rule == contact.BankHolidays.ALL_DAY and offset > 0:
            return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=UK)
        if rule is not None:
            continue
        for period in sorted(
            (p for p in periods if p.weekday == day.weekday()), key=lambda p: p.opens
        ):
            opening = datetime.datetime.combine(day, period.opens, tzinfo=UK)
            if opening > local:
                return opening
    return None
