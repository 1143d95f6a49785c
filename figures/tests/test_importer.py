"""The importer: the published files go in whole; a file that does not fit is refused with
its row and reason, and nothing changes."""

import datetime

import pytest

from figures import series
from figures.importer import Refused, import_release
from figures.models import Figure, Release
from figures.tables import CHILD, TOTAL

pytestmark = pytest.mark.django_db


def test_the_published_files_import_whole(imported):
    release = imported.current_release
    assert release.number == 1
    counts = {
        table: Figure.objects.filter(release=release, table=table).count()
        for table in (
            "referrals",
            "reasonable_grounds",
            "conclusive_grounds",
            "duty_to_notify",
            "police",
        )
    }
    # One figure per row, or per number column of the decision tables (10 columns, 50 rows).
    assert counts == {
        "referrals": 885,
        "reasonable_grounds": 500,
        "conclusive_grounds": 500,
        "duty_to_notify": 42,
        "police": 4218,
    }


def test_the_imported_figures_match_the_published_totals(imported):
    release = imported.current_release
    child_years = series.yearly(series.quarterly_referrals(release, CHILD))
    assert child_years[2022] == 7004
    assert child_years[2023] == 7432
    assert series.quarterly_referrals(release, TOTAL)[2023, 4] == 4142
    assert series.police_child_quarterly(release, "Thames Valley Police")[2023, 4] == 25


def assert_refused(dataset, files, *reason):
    releases, figures = Release.objects.count(), Figure.objects.count()
    current = dataset.current_release_id
    with pytest.raises(Refused) as refused:
        import_release(dataset, files, release_date=datetime.date(2024, 6, 13))
    for words in reason:
        assert words in str(refused.value)
    dataset.refresh_from_db()
    assert (Release.objects.count(), Figure.objects.count()) == (releases, figures)
    assert dataset.current_release_id == current
    return str(refused.value)


def test_a_missing_column_is_refused(imported, nrm_text, nrm_files):
    text = nrm_text["referrals"].replace("Location of exploitation,", "Location,", 1)
    message = assert_refused(
        imported, nrm_files(referrals=text), "no column 'Location of exploitation'"
    )
    assert message.startswith("nrm_referrals_longitudinal.csv:")


def test_a_duplicated_period_is_refused_naming_both_rows(imported, nrm_text, nrm_files):
    lines = nrm_text["referrals"].splitlines()
    # Row 3 (the file's third line) again at the end.
    text = "\n".join([*lines, lines[2]]) + "\n"
    assert_refused(
        imported,
        nrm_files(referrals=text),
        f"Row {len(lines) + 1}:",
        "2009 Q2 Adult (18 or over) UK appears twice (first on row 3)",
    )


def test_a_quarter_that_is_not_a_quarter_is_refused(imported, nrm_text, nrm_files):
    text = nrm_text["duty_to_notify"].replace("2023,Q4,1044", "2023,Q5,1044")
    assert_refused(imported, nrm_files(duty_to_notify=text), "the quarter 'Q5' is not Q1")


def test_parts_that_do_not_add_up_to_the_total_row_are_refused(imported, nrm_text, nrm_files):
    # 2023 Q4 children: the locations no longer add up to the stated 1,945.
    lines = nrm_text["referrals"].splitlines()
    (index,) = [
        i for i, line in enumerate(lines) if line.startswith("2023,Q4,Child (17 or under),UK,")
    ]
    year, quarter, age, location, value = lines[index].split(",")
    lines[index] = ",".join([year, quarter, age, location, str(int(value) + 1)])
    total_row = [
        i + 1
        for i, line in enumerate(lines)
        if line.startswith("2023,Q4,Child (17 or under),Total,")
    ][0]
    assert_refused(
        imported,
        nrm_files(referrals="\n".join(lines) + "\n"),
        f"Row {total_row}:",
        "the locations of 2023 Q4 Child (17 or under) add up to 1946, but the total says 1945",
    )


def test_decisions_that_do_not_add_up_are_refused(imported, nrm_text, nrm_files):
    # The quarters of 2023 must add up to the year's row: change one quarter's figures.
    text = (
        nrm_text["conclusive_grounds"]
        .replace("2023,Q4,1070,841,1911,", "2023,Q4,1071,841,1912,")
        .replace(",228,3148", ",228,3149")
    )
    assert_refused(imported, nrm_files(conclusive_grounds=text), "the quarters of 2023")


def test_a_refused_first_import_leaves_no_release(dataset, nrm_text, nrm_files):
    text = nrm_text["police"].replace("Age at exploitation", "Age", 1)
    assert_refused(dataset, nrm_files(police=text), "no column 'Age at exploitation'")
    assert dataset.current_release is None
    assert not dataset.releases.exists()
