"""Every CSV the site writes keeps spreadsheet formulas from running (CSV injection).

A spreadsheet opening a CSV runs a cell that starts with =, +, - or @ as a formula
(a tab or carriage return first does the same in some), so a name typed at sign-up
could become a live link or command in an auditor's spreadsheet. Such a cell is
written with a leading single quote, which spreadsheets show as text (OWASP's advice).

`safe_cell` is the rule. Wagtail's admin reports export through one mixin, which
`protect_wagtail_exports` wraps once, so that their CSVs follow the rule too; their
spreadsheet (xlsx) exports already store every cell as text.
"""

from functools import wraps

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row):
    """A dict of cells for `csv.DictWriter`, each passed through `safe_cell`."""
    return {field: safe_cell(value) for field, value in row.items()}


def protect_wagtail_exports():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    preprocess = SpreadsheetExportMixin.preprocess_field_value
    if getattr(preprocess, "writes_safe_csv", False):
        return

    @wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    preprocess_field_value.writes_safe_csv = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
