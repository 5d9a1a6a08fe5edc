"""Files made to exhaust the attendance import and the report reader, and what reading them costs: time and peak
memory.

    python bench/hostile_files.py            # reads each file with workshops.attendance_files.read_table
    python bench/hostile_files.py --write /tmp/files   # also keeps the files, to upload them by hand
    python bench/hostile_files.py --reports  # the report reader's files (bench/hostile_reports.py), as a table

- an XLSX of 2,000,000 rows of inline strings, about 290 KB zipped (the sheet XML is written directly: openpyxl
  would take minutes to write it);
- a 5 MB CSV of short rows (about 400,000);
- a CSV of one row 200,000 columns wide.
Each must be refused with a message, quickly and in little memory.

With --reports: each file of bench/hostile_reports.py through reports.files.report_text (the upload's path), the
200,000-character paste through ReportForm, and a paste at the cap read by read_report (an in-memory test database).
The request's process is measured (tracemalloc's peak, and its maximum resident size at the end); the child that
reads each file is stopped at reports.limits.READ_MEMORY_BYTES, and its largest resident size is printed too.
"""

import argparse
import io
import os
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()
SETUP_RESIDENT_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

from workshops import attendance_files  # noqa: E402
from workshops.attendance_files import ImportFileError, read_table  # noqa: E402

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def xlsx_rows(rows=2_000_000, *, dimension=False):
    """An XLSX whose one sheet holds a Name header and `rows` rows of one inline-string cell each; with `dimension`,
    the sheet says how large it is, as Excel writes it (without, openpyxl reads the whole sheet to find out)."""
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + (f'<dimension ref="A1:A{rows + 1}"/>'.encode() if dimension else b"")
                + b"<sheetData>"
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
            )
            row = b'<row><c t="inlineStr"><is><t>A B</t></is></c></row>'
            for _ in range(rows // 10_000):
                sheet.write(row * 10_000)
            sheet.write(b"</sheetData></worksheet>")
    return content.getvalue()


def csv_of_size(size=5 * 1024 * 1024):
    line = b"Samath Bou,samath@example.org\n"
    return b"Name,Email\n" + line * ((size - 11) // len(line))


def csv_wide(columns=200_000):
    return b"Name" + b",x" * columns + b"\n"


def measure(name, filename, data):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        table = read_table(filename, data)
        outcome = f"read {len(table.rows)} rows"
    except ImportFileError as error:
        outcome = f"refused: {error}"
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{name}: {len(data) / 1024:,.0f} KB, {seconds:.2f} s, peak {peak / 2**20:.1f} MB, {outcome}")


def _timed(work):
    """(outcome, seconds, tracemalloc peak in MB) of work(), which returns a description or raises: timed on its
    own, then run again under tracemalloc (which slows Python down) for the memory."""

    def run():
        try:
            return work()
        except Exception as error:  # the refusals are what is measured
            return f"refused: {error}"

    started = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return outcome, seconds, peak


def reports_table(write=None):
    from django.test.utils import setup_databases

    from bench import hostile_reports
    from reports import limits
    from reports.files import report_text
    from reports.forms import ReportForm
    from reports.reader import read_report

    files = [
        ("docx bomb: 34 MB, a million paragraphs", "bomb.docx", hostile_reports.docx_bomb()),
        ("docx bomb: 6 MB of empty paragraphs", "small-bomb.docx", hostile_reports.docx_small_bomb()),
        ("docx of 250,000 paragraphs", "many.docx", hostile_reports.docx_many_elements()),
        ("pdf bomb: a 32 MB page", "bomb.pdf", hostile_reports.pdf_bomb()),
        ("pdf of 600 pages of 1 MB", "pages.pdf", hostile_reports.pdf_many_pages()),
        ("html of 4.8 MB, small paragraphs", "large.html", hostile_reports.html_large()),
        ("html of 4 MB of text", "long.html", hostile_reports.html_long_text()),
    ]
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = []
    for name, filename, data in files:
        if write:
            Path(write, filename).write_bytes(data)
        outcome, seconds, peak = _timed(lambda data=data, filename=filename: f"read {len(report_text(filename, data))}")
        rows.append((name, f"{len(data) / 1024:,.1f} KB", seconds, peak, outcome))

    def paste(text):
        form = ReportForm({"text": text})
        return "read" if form.is_valid() else f"refused: {form.errors['text'][0]}"

    long_paste = hostile_reports.paste_long()
    outcome, seconds, peak = _timed(lambda: paste(long_paste))
    rows.append(("paste of 200,000 characters", f"{len(long_paste):,} chars", seconds, peak, outcome))
    setup_databases(verbosity=0, interactive=False)  # the reader looks names up: an in-memory database
    at_cap = long_paste[: limits.MAX_CHARS]
    outcome, seconds, peak = _timed(
        lambda: f"read: {len(read_report(at_cap)['people']):,} people, {paste(at_cap)} by the form"
    )
    rows.append(("paste at the cap, read_report", f"{len(at_cap):,} chars", seconds, peak, outcome))

    print(
        f"request process: resident {SETUP_RESIDENT_MB:.0f} MB with Django loaded, "
        f"{baseline:.0f} MB once the files were made"
    )
    print(f"{'input':<42} {'size':>16} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, size, seconds, peak, outcome in rows:
        print(f"{name:<42} {size:>16} {seconds:>8.2f} {peak:>8.1f}  {outcome[:90]}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"request process after: largest resident size {own:.0f} MB; "
        f"child readers: largest resident size {children:.0f} MB, "
        f"limit {limits.READ_MEMORY_BYTES / 2**20:.0f} MB of address space, {limits.READ_SECONDS} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", help="a folder to keep the files in")
    parser.add_argument("--reports", action="store_true", help="the report reader's files instead")
    args = parser.parse_args()
    if args.reports:
        reports_table(args.write)
        return
    files = [
        ("xlsx 2,000,000 rows", "rows.xlsx", xlsx_rows()),
        ("csv 5 MB", "big.csv", csv_of_size()),
        ("csv 200,000 columns", "wide.csv", csv_wide()),
    ]
    for name, filename, data in files:
        if args.write:
            Path(args.write, filename).write_bytes(data)
        measure(name, filename, data)
    # The row limit on its own, without the unpacked-size check that refuses the workbook first.
    attendance_files.MAX_UNPACKED_BYTES = 2**40
    measure("xlsx 2,000,000 rows with a dimension, by the row limit", "rows.xlsx", xlsx_rows(dimension=True))


if __name__ == "__main__":
    main()
