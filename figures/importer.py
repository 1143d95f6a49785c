"""Importing a release of figures from CSV files, checking every row first.

`import_release(dataset, files)` reads each file against its table (`figures.tables`): the
columns must all be there, each period must be a real year and quarter and appear once, and
wherever the source states a total (a "Total" column or row) its parts must add up to it. A
file that does not fit is refused with `Refused`, whose message names the file, the row and
the problem, and nothing is written: the whole import is one transaction. Tables not
uploaded are carried over from the current release, so a release is always complete.

`roll_back(dataset, release)` makes a new release holding an earlier release's figures, so
the roll-back is itself recorded; `compare(old, new)` lists what changed between two.
"""

import csv
import io
from collections import defaultdict

from django.db import transaction
from django.db.models import Max

from .models import Figure, Release, period_label
from .signals import release_published
from .tables import LOCATIONS, POLICE_AGES, TABLES, TOTAL

MIN_YEAR, MAX_YEAR = 1990, 2100
QUARTERS = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4}


class Refused(ValueError):
    """A file that does not fit its table; the message says where and why."""


def _text(file):
    data = file.read() if hasattr(file, "read") else file
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise Refused("The file is not UTF-8 text (save it as CSV UTF-8).") from error
    return data


def read_table(table, file):
    """The figures in `file` as {key: value}, key = (table, year, quarter, a, b, c)."""
    reader = csv.DictReader(io.StringIO(_text(file)))
    header = reader.fieldnames or []
    missing = [column for column in table.columns if column not in header]
    if missing:
        raise Refused(f"The file has no column {', '.join(repr(c) for c in missing)}.")
    figures, first_seen = {}, {}
    for line, row in enumerate(reader, start=2):
        year, quarter = _period(table, row, line)
        dims = []
        for column in table.dimensions:
            value = (row[column] or "").strip()
            allowed = table.allowed.get(column)
            if not value or (allowed and value not in allowed):
                raise Refused(f"Row {line}: {column} {value!r} is not one the table uses.")
            dims.append(value)
        ident = (year, quarter, *dims)
        if ident in first_seen:
            what = " ".join([period_label(year, quarter), *dims])
            raise Refused(f"Row {line}: {what} appears twice (first on row {first_seen[ident]}).")
        first_seen[ident] = line
        for column in table.values:
            value = _number(row[column], line, column)
            a, b, c = (*dims, "", "", "")[:3] if table.dimensions else _split(column)
            figures[(table.name, year, quarter, a, b, c)] = value
    if not figures:
        raise Refused("The file has no rows of figures.")
    CHECKS[table.name](figures, first_seen)
    return figures


def _period(table, row, line):
    try:
        year = int(row["Year"])
    except (TypeError, ValueError):
        raise Refused(f"Row {line}: the year {row['Year']!r} is not a year.") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Refused(f"Row {line}: the year {year} is not a year these figures can cover.")
    quarter = (row["Quarter"] or "").strip()
    if quarter == TOTAL and table.year_rows:
        return year, 0
    if quarter not in QUARTERS:
        raise Refused(f"Row {line}: the quarter {quarter!r} is not Q1, Q2, Q3 or Q4.")
    return year, QUARTERS[quarter]


def _number(text, line, column):
    try:
        value = int((text or "").replace(",", "").strip())
    except ValueError:
        raise Refused(f"Row {line}: {column} {text!r} is not a whole number.") from None
    if value < 0:
        raise Refused(f"Row {line}: {column} is negative ({value}).")
    return value


def _split(column):
    """A decision table's column as (age, decision): 'Child (17 or under) - Positive
    reasonable grounds' is ('Child (17 or under)', 'Positive'); 'Total' is ('Total', 'Total')."""
    if column == TOTAL:
        return TOTAL, TOTAL, ""
    age, _, decision = column.partition(" - ")
    return age, decision.split(" ")[0], ""


def _add_up(parts, total, line, what):
    if sum(parts) != total:
        raise Refused(f"Row {line}: {what} add up to {sum(parts)}, but the total says {total}.")


# The checks of each table's totals ---------------------------------------------------


def _check_referrals(figures, lines):
    groups = defaultdict(dict)
    for (_, year, quarter, age, location, _), value in figures.items():
        groups[year, quarter, age][location] = value
    for (year, quarter, age), values in groups.items():
        if TOTAL in values:
            _add_up(
                [values.get(location, 0) for location in LOCATIONS],
                values[TOTAL],
                lines[year, quarter, age, TOTAL],
                f"the locations of {period_label(year, quarter)} {age}",
            )


def _check_decisions(figures, lines):
    rows = defaultdict(dict)
    for (_, year, quarter, age, decision, _), value in figures.items():
        rows[year, quarter][age, decision] = value
    for (year, quarter), values in rows.items():
        line = lines[year, quarter]
        ages = [age for age, decision in values if decision == TOTAL and age != TOTAL]
        for age in ages:
            _add_up(
                [values[age, "Negative"], values[age, "Positive"]],
                values[age, TOTAL],
                line,
                f"the negative and positive decisions for {age}",
            )
        _add_up([values[age, TOTAL] for age in ages], values[TOTAL, TOTAL], line, "the age groups")
    _check_years(rows, lines)


def _check_duty_to_notify(figures, lines):
    rows = defaultdict(dict)
    for (_, year, quarter, a, b, _), value in figures.items():
        rows[year, quarter][a, b] = value
    _check_years(rows, lines)


def _check_years(rows, lines):
    """The quarters of each year add up to its "Total" row, column by column."""
    for (year, quarter), total in rows.items():
        if quarter != 0:
            continue
        for column, value in total.items():
            parts = [rows[year, q][column] for q in range(1, 5) if (year, q) in rows]
            name = " - ".join(part for part in column if part) or TOTAL
            _add_up(parts, value, lines[year, 0], f"the quarters of {year} ({name})")


def _check_police(figures, lines):
    by_type = defaultdict(dict)
    for (_, year, quarter, force, kind, age), value in figures.items():
        by_type[year, quarter, force, kind][age] = value
    forces = defaultdict(dict)
    for (year, quarter, force, kind), ages in by_type.items():
        if TOTAL in ages and kind != TOTAL:
            forces[year, quarter, force][kind] = ages[TOTAL]
        parts = [ages[age] for age in POLICE_AGES if age in ages]
        if TOTAL in ages and parts:
            _add_up(
                parts,
                ages[TOTAL],
                lines[year, quarter, force, kind, TOTAL],
                f"the age groups of {period_label(year, quarter)} {force} {kind}",
            )
    for (year, quarter, force), kinds in forces.items():
        total = by_type.get((year, quarter, force, TOTAL), {}).get(TOTAL)
        if total is not None:
            _add_up(
                list(kinds.values()),
                total,
                lines[year, quarter, force, TOTAL, TOTAL],
                f"the exploitation types of {period_label(year, quarter)} {force}",
            )


CHECKS = {
    "referrals": _check_referrals,
    "reasonable_grounds": _check_decisions,
    "conclusive_grounds": _check_decisions,
    "duty_to_notify": _check_duty_to_notify,
    "police": _check_police,
}


# Releases -----------------------------------------------------------------------------


def read_files(files):
    """{table name: figures} for {table name: file}; a refusal names the file."""
    tables = {}
    for name, file in files.items():
        if file is None:
            continue
        try:
            tables[name] = read_table(TABLES[name], file)
        except Refused as error:
            label = getattr(file, "name", None) or TABLES[name].label
            raise Refused(f"{label}: {error}") from None
    return tables


def _new_release(dataset, **fields):
    number = (dataset.releases.aggregate(n=Max("number"))["n"] or 0) + 1
    return Release.objects.create(dataset=dataset, number=number, **fields)


def _save(dataset, release, figures):
    Figure.objects.bulk_create(
        Figure(release=release, table=t, year=y, quarter=q, a=a, b=b, c=c, value=v)
        for (t, y, q, a, b, c), v in figures.items()
    )
    dataset.current_release = release
    dataset.release_date = release.release_date
    dataset.save(update_fields=["current_release", "release_date"])
    transaction.on_commit(lambda: release_published.send(sender=type(dataset), dataset=dataset))


def figures_of(release):
    if release is None:
        return {}
    return {
        (f.table, f.year, f.quarter, f.a, f.b, f.c): f.value
        for f in Figure.objects.filter(release=release).only(
            "table", "year", "quarter", "a", "b", "c", "value"
        )
    }


@transaction.atomic
def import_release(dataset, files, release_date=None, user=None, note=""):
    """Check every file, then make a release of their figures (and the current release's
    figures of the tables not uploaded). Raises `Refused`, writing nothing."""
    tables = read_files(files)
    if not tables:
        raise Refused("Choose at least one file to import.")
    if dataset.current_release_id is None and "referrals" not in tables:
        raise Refused("The first release needs the referrals file.")
    figures = {
        key: value
        for key, value in figures_of(dataset.current_release).items()
        if key[0] not in tables
    }
    for table_figures in tables.values():
        figures.update(table_figures)
    names = ", ".join(getattr(files[name], "name", name) for name in tables)
    release = _new_release(
        dataset,
        kind=Release.IMPORT,
        created_by=user,
        release_date=release_date or dataset.release_date,
        files=names[:500],
        note=note,
    )
    _save(dataset, release, figures)
    return release


@transaction.atomic
def roll_back(dataset, release, user=None):
    """A new release with the figures of `release`, an earlier one; recorded as a roll-back."""
    new = _new_release(
        dataset,
        kind=Release.ROLLBACK,
        created_by=user,
        release_date=release.release_date,
        restores=release,
        note=f"Rolled back to release {release.number}",
    )
    _save(dataset, new, figures_of(release))
    return new


def compare(old, new):
    """What changed from release `old` to release `new`: (added, changed, removed), each a
    list of (key, old value, new value) sorted by table and period."""
    before, after = figures_of(old), figures_of(new)
    added = [(k, None, after[k]) for k in sorted(after.keys() - before.keys())]
    removed = [(k, before[k], None) for k in sorted(before.keys() - after.keys())]
    changed = [
        (k, before[k], after[k])
        for k in sorted(before.keys() & after.keys())
        if before[k] != after[k]
    ]
    return added, changed, removed
