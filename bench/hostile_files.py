"""Files made to exhaust the attendance import, and what reading them costs: time and peak memory.

    python bench/hostile_files.py            # reads each file with workshops.attendance_files.read_table
    python bench/hostile_files.py --write /tmp/files   # also keeps the files, to upload them by hand

- an XLSX of 2,000,000 rows of inline strings, about 290 KB zipped (the sheet XML is written directly: openpyxl
  would take minutes to write it);
- a 5 MB CSV of short rows (about 400,000);
- a CSV of one row 200,000 columns wide.
Each must be refused with a message, quickly and in little memory.
"""

import argparse
import io
import os
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", help="a folder to keep the files in")
    args = parser.parse_args()
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
