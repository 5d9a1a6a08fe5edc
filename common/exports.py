"""CSV and XLSX writers for the list pages' downloads; each app's exports.py chooses the rows.

CSV starts with a UTF-8 byte order mark: without it Excel reads the file as the local code page and turns
无锡技师学院 or ព្រះសីហនុ into mojibake. Headers are translated like the pages' column headings.
"""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The format part of an export route: re_path(rf"^export\.{FORMAT}$", view, name="export").
FORMAT = r"(?P<fmt>csv|xlsx)"
# A cell that starts with one of these is run as a formula by spreadsheet programs: quote it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    value = value if isinstance(value, int | float) or hasattr(value, "isoformat") else str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _spreadsheet(value):
    """A spreadsheet cell has no time zone: an aware moment is written as the site's local time (CSV keeps it
    with its offset)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value).replace(microsecond=0)
    return value


def _text(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_text(_cell(v)) for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode()


def xlsx_bytes(title, headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_spreadsheet(_cell(v)) for v in row])
        for cell in sheet[sheet.max_row]:
            if hasattr(cell.value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(fmt, name, title, headers, rows):
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(title, headers, rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response
