"""What a page can show from a release: headline figures, charts and the local view.

Each is computed from the release's rows, never typed, so a page shows the new figures as
soon as a release is imported. A release never changes once made (a roll-back is a new
release), so what is computed from one is kept in memory by release (`kept_for_release`).
"""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from .models import Figure, period_label
from .tables import ADULT, AGES, CHILD, TOTAL, UNKNOWN_AGE

SHORT_AGE = {ADULT: "Adults", CHILD: "Children", UNKNOWN_AGE: "Age unknown", TOTAL: "All ages"}

WHO = {
    ADULT: "adults",
    CHILD: "children",
    UNKNOWN_AGE: "people of unknown age",
    TOTAL: "people of all ages",
}

_memo = OrderedDict()
MEMO_SIZE = 64


def kept_for_release(release, key, compute):
    """`compute()`, kept in memory under `key` for `release`: what is made from a release's
    figures never changes, and a release's creation time tells it from a later one that
    reuses its id."""
    key = (release.pk, release.created_at.isoformat(), *key)
    value = _memo.get(key)
    if value is None:
        value = _memo[key] = compute()
        while len(_memo) > MEMO_SIZE:
            try:
                _memo.popitem(last=False)
            except KeyError:  # emptied by another thread meanwhile
                break
    return value


def _rows(release, table, **filters):
    """[(year, quarter, a, b, c, value)] of one table of `release`, kept by release."""
    query = Figure.objects.filter(release_id=release.pk, table=table, **filters)
    return kept_for_release(
        release,
        (table, tuple(sorted(filters.items()))),
        lambda: list(query.values_list("year", "quarter", "a", "b", "c", "value")),
    )


@dataclass
class Line:
    label: str
    points: list  # [(period label, value)]


@dataclass
class Chart:
    kind: str  # "line" or "bar"
    title: str
    unit: str
    lines: list = field(default_factory=list)  # for a line chart
    bars: list = field(default_factory=list)  # [(label, value)] for a bar chart
    period: str = ""
    description: str = ""

    @property
    def columns(self):
        """The table's header: what each column of `rows` holds."""
        if self.kind == "bar":
            return ["Category", self.unit]
        return ["Period", *(line.label for line in self.lines)]

    @property
    def rows(self):
        """Exactly the figures drawn, one row per mark (or per period of the lines)."""
        if self.kind == "bar":
            return [[label, value] for label, value in self.bars]
        periods = list(dict.fromkeys(p for line in self.lines for p, _ in line.points))
        values = [dict(line.points) for line in self.lines]
        return [[period, *(v.get(period, "") for v in values)] for period in periods]


# Series of the referrals table ---------------------------------------------------------


def quarterly_referrals(release, age):
    """{(year, quarter): referrals} for an age group (TOTAL: every age group)."""
    ages = AGES if age == TOTAL else (age,)
    result = defaultdict(int)
    for year, quarter, a, _, _, value in _rows(release, "referrals", b=TOTAL):
        if a in ages:
            result[year, quarter] += value
    return dict(sorted(result.items()))


def yearly(quarterly):
    """{year: sum} over the years with all four quarters."""
    years = defaultdict(list)
    for (year, _), value in quarterly.items():
        years[year].append(value)
    return {year: sum(values) for year, values in sorted(years.items()) if len(values) == 4}


def last_years(quarterly, years):
    keys = list(quarterly)[-4 * years :]
    return {key: quarterly[key] for key in keys}


def _points(quarterly):
    return [(period_label(*key), value) for key, value in quarterly.items()]


def describe_trend(label, quarterly):
    """The main finding of a quarterly series: the latest quarter against a year before."""
    keys = list(quarterly)
    if not keys:
        return f"There are no figures for {label.lower()}."
    last = keys[-1]
    earlier = (last[0] - 1, last[1]) if (last[0] - 1, last[1]) in quarterly else keys[0]
    a, b = quarterly[earlier], quarterly[last]
    then, now = period_label(*earlier), period_label(*last)
    if a == b:
        return f"{label} stayed the same, at {b:,}, from {then} to {now}."
    verb = "rose" if b > a else "fell"
    return f"{label} {verb} from {a:,} in {then} to {b:,} in {now}."


def referrals_chart(release, ages, years):
    by_age = {age: last_years(quarterly_referrals(release, age), years) for age in ages}
    lines = [Line(SHORT_AGE[age], _points(values)) for age, values in by_age.items()]
    first = by_age[ages[0]]
    if len(ages) == 1:
        title = f"{SHORT_AGE[ages[0]]}: NRM referrals per quarter"
        description = describe_trend(f"NRM referrals of {WHO[ages[0]]}", first)
    else:
        title = "NRM referrals per quarter, by age group"
        description = " ".join(
            describe_trend(f"Referrals of {WHO[age]}", values) for age, values in by_age.items()
        )
    return Chart(
        "line", title, "NRM referrals", lines=lines, period=_span(first), description=description
    )


def _span(quarterly):
    keys = list(quarterly)
    return f"{period_label(*keys[0])} to {period_label(*keys[-1])}" if keys else ""


def yearly_child_chart(release, years):
    values = yearly(quarterly_referrals(release, CHILD))
    values = dict(list(values.items())[-years:])
    bars = [(str(year), value) for year, value in values.items()]
    description = _describe_bars_over_time("NRM referrals of children", bars)
    period = f"{bars[0][0]} to {bars[-1][0]}" if bars else ""
    return Chart(
        "bar",
        "NRM referrals of children per year",
        "NRM referrals",
        bars=bars,
        period=period,
        description=description,
    )


def _describe_bars_over_time(what, bars):
    if len(bars) < 2:
        return f"{what}: {bars[0][1]:,} in {bars[0][0]}." if bars else f"No figures for {what}."
    (first, a), (last, b) = bars[0], bars[-1]
    highest = max(bars, key=lambda bar: bar[1])
    return (
        f"{what} went from {a:,} in {first} to {b:,} in {last}; the highest was {highest[1]:,} "
        f"in {highest[0]}."
    )


# Decisions and Duty to Notify -----------------------------------------------------------


def decisions_chart(release, table, kind):
    rows = _rows(release, table, quarter=0)
    if not rows:
        return Chart("bar", f"{kind.capitalize()} decisions by age group", "Decisions")
    year = max(row[0] for row in rows)
    values = {(a, b): value for y, _, a, b, _, value in rows if y == year}
    bars = []
    for age in AGES:
        for decision in ("Positive", "Negative"):
            bars.append((f"{SHORT_AGE[age]}: {decision.lower()}", values.get((age, decision), 0)))
    child_total = values.get((CHILD, TOTAL), 0)
    child_positive = values.get((CHILD, "Positive"), 0)
    share = round(100 * child_positive / child_total) if child_total else 0
    description = (
        f"In {year}, {child_total:,} {kind} decisions were made about children; "
        f"{child_positive:,} ({share}%) were positive."
    )
    return Chart(
        "bar",
        f"{kind.capitalize()} decisions in {year}, by age group",
        "Decisions",
        bars=bars,
        period=str(year),
        description=description,
    )


def duty_to_notify_chart(release, years):
    rows = _rows(release, "duty_to_notify", quarter=0)
    bars = [(str(year), value) for year, _, _, _, _, value in sorted(rows)][-years:]
    description = _describe_bars_over_time("Duty to Notify reports", bars)
    period = f"{bars[0][0]} to {bars[-1][0]}" if bars else ""
    return Chart(
        "bar",
        "Duty to Notify reports per year (adults)",
        "Reports",
        bars=bars,
        period=period,
        description=description,
    )


CHARTS = {
    "child-referrals-quarterly": (
        "Child referrals per quarter (line)",
        lambda r, y: referrals_chart(r, (CHILD,), y),
    ),
    "all-referrals-quarterly": (
        "All referrals per quarter (line)",
        lambda r, y: referrals_chart(r, (TOTAL,), y),
    ),
    "referrals-by-age-quarterly": (
        "Referrals per quarter by age group (lines)",
        lambda r, y: referrals_chart(r, AGES, y),
    ),
    "child-referrals-yearly": ("Child referrals per year (bars)", yearly_child_chart),
    "reasonable-grounds-by-age": (
        "Reasonable grounds decisions by age group, latest year (bars)",
        lambda r, y: decisions_chart(r, "reasonable_grounds", "reasonable grounds"),
    ),
    "conclusive-grounds-by-age": (
        "Conclusive grounds decisions by age group, latest year (bars)",
        lambda r, y: decisions_chart(r, "conclusive_grounds", "conclusive grounds"),
    ),
    "duty-to-notify-yearly": ("Duty to Notify reports per year (bars)", duty_to_notify_chart),
}
CHART_CHOICES = [(name, label) for name, (label, _) in CHARTS.items()]


def chart(release, name, years):
    return CHARTS[name][1](release, years)


# Headline figures ----------------------------------------------------------------------


@dataclass
class Headline:
    number: str
    label: str
    period: str
    comparison: str = ""


def _change(now, before, when):
    """'up from 7,004 in 2022' (or down, or the same as)."""
    if before is None:
        return ""
    if now == before:
        return f"the same as in {when}"
    return f"{'up' if now > before else 'down'} from {before:,} in {when}"


def _latest_year_child(release):
    values = yearly(quarterly_referrals(release, CHILD))
    year = max(values)
    comparison = _change(values[year], values.get(year - 1), str(year - 1))
    return Headline(
        f"{values[year]:,}", f"NRM referrals of children in {year}", str(year), comparison
    )


def _latest_quarter(age):
    def headline(release):
        values = quarterly_referrals(release, age)
        last = list(values)[-1]
        before = (last[0] - 1, last[1])
        comparison = _change(values[last], values.get(before), period_label(*before))
        return Headline(
            f"{values[last]:,}",
            f"NRM referrals of {WHO[age]} in {period_label(*last)}",
            period_label(*last),
            comparison,
        )

    return headline


def _child_share(release):
    child = yearly(quarterly_referrals(release, CHILD))
    everyone = yearly(quarterly_referrals(release, TOTAL))
    year = max(child)
    share = round(100 * child[year] / everyone[year])
    return Headline(
        f"{share}%",
        f"of all NRM referrals in {year} were of people exploited as children",
        str(year),
    )


HEADLINES = {
    "child-referrals-latest-year": ("Child referrals in the latest full year", _latest_year_child),
    "child-referrals-latest-quarter": (
        "Child referrals in the latest quarter",
        _latest_quarter(CHILD),
    ),
    "all-referrals-latest-quarter": ("All referrals in the latest quarter", _latest_quarter(TOTAL)),
    "child-share-latest-year": (
        "Children's share of all referrals in the latest full year",
        _child_share,
    ),
}
HEADLINE_CHOICES = [(name, label) for name, (label, _) in HEADLINES.items()]


def headline(release, name):
    return kept_for_release(release, ("headline", name), lambda: HEADLINES[name][1](release))


# The local view ------------------------------------------------------------------------


def police_child_quarterly(release, force):
    """{(year, quarter): child referrals the force made}: the child rows of every
    exploitation type (the source gives the "Total" type no age groups)."""
    result = defaultdict(int)
    for year, quarter, _, kind, _, value in _rows(release, "police", a=force, c=CHILD):
        if kind != TOTAL:
            result[year, quarter] += value
    return dict(sorted(result.items()))


def police_forces(release):
    return sorted({a for _, _, a, _, _, _ in _rows(release, "police", b=TOTAL, c=TOTAL)})


@dataclass
class Local:
    force: str
    force_chart: Chart
    national_chart: Chart
    table: Chart
    latest_period: str = ""
    latest_value: int = 0
    latest_share: str = ""
    total_share: str = ""


def _share(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "–"


def local_view(release, force, years):
    local = last_years(police_child_quarterly(release, force), years)
    national_all = quarterly_referrals(release, CHILD)
    national = {key: national_all[key] for key in local if key in national_all}
    if not local:
        return None
    force_chart = referrals_like(
        f"{force}: child referrals it made per quarter",
        force,
        local,
        f"Child referrals made by {force}",
    )
    national_chart = referrals_like(
        "UK: child referrals per quarter, by every first responder",
        "UK",
        national,
        "Child referrals across the UK",
    )
    table = Chart(
        "line",
        f"{force} and the UK: child referrals per quarter",
        "NRM referrals",
        lines=[
            Line(force, _points(local)),
            Line("UK", _points(national)),
            Line(
                f"{force}'s share of the UK",
                [(period_label(*k), _share(v, national.get(k, 0))) for k, v in local.items()],
            ),
        ],
        period=_span(local),
    )
    last = list(local)[-1]
    return Local(
        force,
        force_chart,
        national_chart,
        table,
        latest_period=period_label(*last),
        latest_value=local[last],
        latest_share=_share(local[last], national.get(last, 0)),
        total_share=_share(sum(local.values()), sum(national.values())),
    )


def referrals_like(title, label, quarterly, finding):
    return Chart(
        "line",
        title,
        "NRM referrals",
        lines=[Line(label, _points(quarterly))],
        period=_span(quarterly),
        description=describe_trend(finding, quarterly),
    )
