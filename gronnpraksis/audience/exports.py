"""The dashboard's tables as files: CSV (UTF-8 with a byte order mark and semicolons, as Norwegian
spreadsheet programs expect) and XLSX (one sheet per table, with openpyxl)."""

import csv
import datetime
import io

from openpyxl import Workbook

from .stats import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: object) -> object:
    """A value a spreadsheet takes as it is: numbers and dates stay, everything else becomes text.

    Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe."""
    if isinstance(value, int | float | datetime.date):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_cell(c) for c in table.columns])
    writer.writerows([[_cell(v) for v in row] for row in table.rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tables_xlsx(tables: list[Table]) -> bytes:
    """One workbook with a sheet per table (sheet names cut to Excel's 31 characters)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=table.slug[:31])
        sheet.append([str(c) for c in table.columns])
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
