"""Whether a service is open at a given moment, in UK time, and when that next changes;
and its opening hours in words.

Opening hours are data: day ranges with their times ("Monday to Friday, 9:00 to
17:00"), which expand to a weekly schedule of times for each weekday; exceptions for
given dates (closed, or other times); and a bank-holiday rule. So the site can say
which number to call *now*. On a date with exceptions only they count, then the
bank-holiday rule, then the weekday's times. Bank holidays are England and Wales
ones from the `holidays` package, which ships its calendars: nothing is fetched at
run time.

A service is open or closed by the UK wall clock; the moments it opens and
closes (`changes`) are given in UTC, so a page can be kept by a cache until
the next one and no longer. In UTC because Python compares and subtracts two
datetimes of the same zone by their wall clocks (an hour out across a clock
change) and never finds a time in the hour the clocks repeat equal to any
other zone's.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone
from django.utils.dateformat import format as format_date

UK = ZoneInfo("Europe/London")
MIDNIGHT = datetime.time(0, 0)
LOOK_AHEAD_DAYS = 14
ONE_DAY = datetime.timedelta(days=1)
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CLOSES_AFTER_OPENS = (
    "The closing time must be after the opening time. "
    "For a service open until midnight, close at 00:00."
)


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


@dataclass(frozen=True)
class Times:
    """One time range within a day (UK time). Closing at 00:00 means midnight at the
    end of the day, so an evening is 17:00 to 00:00 and a whole day 00:00 to 00:00."""

    opens: datetime.time
    closes: datetime.time

    def covers(self, clock):
        return self.opens <= clock and (clock < self.closes or self.closes == MIDNIGHT)

    @property
    def closes_after_opens(self):
        return self.closes > self.opens or self.closes == MIDNIGHT


ALL_DAY = (Times(MIDNIGHT, MIDNIGHT),)


def weekly_schedule(day_ranges):
    """{weekday (0 is Monday): its Times, in order} from day ranges: each has `days`
    (the weekdays it covers), `opens` and `closes`."""
    schedule = {}
    for day_range in day_ranges:
        for weekday in day_range.days:
            schedule.setdefault(weekday, []).append(Times(day_range.opens, day_range.closes))
    return {weekday: sorted(times, key=lambda t: t.opens) for weekday, times in schedule.items()}


def dated_schedule(dates):
    """{date: its Times, in order} from (date, opens, closes) for each date with other
    hours; a date it is closed has no times (and is listed with none)."""
    schedule = {}
    for day, opens, closes in dates:
        times = schedule.setdefault(day, [])
        if opens is not None and closes is not None:
            times.append(Times(opens, closes))
    return {day: sorted(times, key=lambda t: t.opens) for day, times in schedule.items()}


class Schedule:
    """A contact's opening times on any date, read once from its rows."""

    def __init__(self, contact):
        self.weekly = weekly_schedule(contact.opening_periods.all())
        self.dated = dated_schedule(contact.dates_with_other_hours())
        self.bank_holidays = contact.bank_holidays
        self.rules = contact.BankHolidays

    def times_on(self, day):
        """The Times of `day`: its exceptions if it has any, else the bank-holiday rule
        on a bank holiday (unless it keeps the usual hours), else its weekday's."""
        if day in self.dated:
            return self.dated[day]
        if is_bank_holiday(day) and self.bank_holidays != self.rules.USUAL_HOURS:
            return ALL_DAY if self.bank_holidays == self.rules.ALL_DAY else ()
        return self.weekly.get(day.weekday(), ())

    def is_open_on_the_clock(self, local):
        """Whether it answers when the UK clock reads `local`."""
        clock = local.time()
        return any(times.covers(clock) for times in self.times_on(local.date()))


def is_open(contact, moment):
    """Whether `contact` answers at `moment` (an aware datetime)."""
    if contact.open_24_hours:
        return True
    return Schedule(contact).is_open_on_the_clock(uk_time(moment))


def _wall_clock_boundaries(schedule, first_day, days):
    """Every UK wall-clock time (naive) at which opening hours could change: each
    midnight (exceptions and bank-holiday rules start and end there) and the start and
    end of each day's times."""
    for offset in range(days + 1):
        day = first_day + offset * ONE_DAY
        yield datetime.datetime.combine(day, MIDNIGHT)
        for times in schedule.times_on(day):
            yield datetime.datetime.combine(day, times.opens)
            if times.closes != MIDNIGHT:  # 00:00 is the next day's midnight, above
                yield datetime.datetime.combine(day, times.closes)


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

    Opening hours only change when the UK clock passes the start or end of a day's
    times or a midnight, or when the clocks change: so it is enough to check those
    instants.
    """
    if contact.open_24_hours:
        return
    schedule = Schedule(contact)
    start = moment.timestamp()
    first_day = uk_time(moment).date()
    candidates = set()
    for wall in _wall_clock_boundaries(schedule, first_day, days_ahead):
        candidates |= _instants(wall)
    for offset in range(days_ahead + 1):
        candidates.add(_clock_change(first_day + offset * ONE_DAY))
    candidates.discard(None)

    state = schedule.is_open_on_the_clock(uk_time(moment))
    for timestamp in sorted(t for t in candidates if t > start):
        when = datetime.datetime.fromtimestamp(timestamp, datetime.UTC)
        if schedule.is_open_on_the_clock(uk_time(when)) != state:
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


# Opening hours in words, for the public.


def format_time(value):
    """9:00 -> '9am', 8:30 -> '8:30am', 17:00 -> '5pm', 0:00 -> 'midnight'."""
    if value == MIDNIGHT:
        return "midnight"
    if value == datetime.time(12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def times_in_words(times):
    """'all day', or '8:30am to 5pm' (ranges joined by 'and')."""
    if tuple(times) == ALL_DAY:
        return "all day"
    return " and ".join(f"{format_time(t.opens)} to {format_time(t.closes)}" for t in times)


def days_in_words(first, last):
    """'Monday', 'Saturday and Sunday' or 'Monday to Friday'."""
    if first == last:
        return DAY_NAMES[first]
    joiner = "and" if last == first + 1 else "to"
    return f"{DAY_NAMES[first]} {joiner} {DAY_NAMES[last]}"


def weekly_in_words(weekly):
    """One line for each run of consecutive weekdays with the same times, for example
    'Monday to Thursday, 8:30am to 5pm'; days with no times are left out."""
    runs = []  # [first weekday, last weekday, times]
    for weekday in range(7):
        times = tuple(weekly.get(weekday, ()))
        if not times:
            continue
        if runs and runs[-1][1] == weekday - 1 and runs[-1][2] == times:
            runs[-1][1] = weekday
        else:
            runs.append([weekday, weekday, times])
    return [f"{days_in_words(first, last)}, {times_in_words(times)}" for first, last, times in runs]


def exception_in_words(day, times):
    """'Closed on Thursday 24 December' or 'Thursday 24 December, 9am to midday'."""
    date_in_words = format_date(day, "l j F")
    if not times:
        return f"Closed on {date_in_words}"
    return f"{date_in_words}, {times_in_words(times)}"


def bank_holidays_in_words(contact):
    rules = contact.BankHolidays
    return {
        rules.CLOSED: "Closed on bank holidays",
        rules.USUAL_HOURS: "Usual hours on bank holidays",
        rules.ALL_DAY: "Open all day on bank holidays",
    }[contact.bank_holidays]


def summary(contact, today=None):
    """A contact's opening hours as lines of plain English: the weekly hours, days with the
    same times grouped ("Monday to Friday, 9am to 5pm"), the bank-holiday rule, then the
    exceptions still to come, soonest first."""
    if contact.open_24_hours:
        return ["24 hours a day, every day"]
    today = today or uk_time(now()).date()
    schedule = Schedule(contact)
    lines = weekly_in_words(schedule.weekly)
    lines.append(bank_holidays_in_words(contact))
    lines.extend(
        exception_in_words(day, times)
        for day, times in sorted(schedule.dated.items())
        if day >= today
    )
    return lines
