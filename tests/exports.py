"""Readers for the CSV and XLSX downloads, shared by each app's tests/<app>/test_exports.py."""

import csv
import io

from openpyxl import load_workbook

WORKSHOP_TITLE = (
    "Workshop of Cooperation and Exchange between Wuxi Institute of Technician (WIT) and Preah Sihanouk "
    "Cambodia-China Friendship Polytechnic Institute (PCCFPI)"
)
AGREEMENT_TITLE = "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
