"""Spreadsheet formulas never run from a CSV the site writes (CSV injection).

A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or
a carriage return) is written with a leading single quote, which spreadsheets show as
text. The open-data export and the auditors' export are tested in their own apps;
here, the rule itself and the exports of Wagtail's own admin reports.
"""

import csv
import io

import pytest

from accounts.testing import login_with_mfa
from core.spreadsheets import safe_cell


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("https://evil.example","Open")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_cell_that_would_run_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Northbridge Primary", "0808 800 5000", "", " =1", 42, None])
def test_any_other_cell_is_left_as_it_is(value):
    assert safe_cell(value) == value


def test_wagtail_report_exports_write_formulas_as_text(client, make_user, make_article):
    make_article('=HYPERLINK("https://evil.example","Open")', slug="formula")
    login_with_mfa(client, make_user("root@test-valley.example", is_superuser=True))
    response = client.get("/admin/reports/aging-pages/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("https://evil.example","Open")' in titles
    assert not any(title.startswith("=") for title in titles)
