import datetime
import io

from openpyxl import load_workbook

from agreements.models import Agreement
from tests.exports import AGREEMENT_TITLE, xlsx_rows


def test_agreements_export_lists_parties_with_their_roles(reference_workshop, manager, client):
    client.force_login(manager)
    agreement = Agreement.objects.get()
    rows = xlsx_rows(client.get("/agreements/export.xlsx", {"status": "drafting"}))
    assert rows[1:] == [
        [
            agreement.pk,
            AGREEMENT_TITLE,
            "Framework agreement",
            "Multilateral",
            "Drafting",
            "ILO–China Partnership Programme",
            "ILO (Facilitator); WIT (Party); PCCFPI (Party); SSEZ (Party)",
            datetime.datetime(2022, 1, 14, 0, 0),
            "",
            "",
            "",
            datetime.datetime(2022, 1, 14, 0, 0),
        ]
    ]
    sheet = load_workbook(io.BytesIO(client.get("/agreements/export.xlsx").content)).active
    assert sheet["H2"].number_format == "yyyy-mm-dd"
    assert xlsx_rows(client.get("/agreements/export.xlsx", {"status": "signed"}))[1:] == []
