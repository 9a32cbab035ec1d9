"""The dashboard's tables as files: CSV (UTF-8 with a byte order mark and semicolons, as Norwegian
spreadsheet programs expect) and XLSX (one sheet per table, with openpyxl)."""

import csv
import io

from openpyxl import Workbook

from gronnpraksis.core.spreadsheet import safe_cell

from .stats import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([safe_cell(c) for c in table.columns])
    writer.writerows([[safe_cell(v) for v in row] for row in table.rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tables_xlsx(tables: list[Table]) -> bytes:
    """One workbook with a sheet per table (sheet names cut to Excel's 31 characters)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=table.slug[:31])
        sheet.append([str(c) for c in table.columns])
        for row in table.rows:
            sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
