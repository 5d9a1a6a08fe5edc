import datetime
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree

from agreements.iati import agreement_xml, programme_xml
from agreements.models import Agreement, AgreementDocument
from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory
from workshops.models import Programme

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "iati" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def activity(root, ref):
    return root.xpath(f"iati-activity[iati-identifier='{ref}']")[0]


def test_programme_export_validates_and_holds_the_reference_records(reference_workshop, schema):
    programme = Programme.objects.get(name="ILO–China Partnership Programme")
    agreement = Agreement.objects.get()
    root = etree.fromstring(programme_xml(programme, base_url="https://partnership.example/"))

    schema.assertValid(root)
    assert root.get("version") == "2.03"
    assert root.xpath("iati-activity/iati-identifier/text()") == [
        f"XM-DAC-41302-P{programme.pk}",
        f"XM-DAC-41302-A{agreement.pk}",
        f"XM-DAC-41302-W{reference_workshop.pk}",
    ]
    parent = activity(root, f"XM-DAC-41302-P{programme.pk}")
    assert parent.xpath("reporting-org/@ref") == ["XM-DAC-41302"]
    assert parent.xpath("reporting-org/@type") == ["40"]
    assert parent.xpath("reporting-org/narrative/text()") == ["International Labour Organization"]
    assert parent.xpath("related-activity/@type") == ["2", "2"]
    assert parent.xpath("activity-date/@iso-date") == ["2022-01-14"]


def test_agreement_activity_maps_parties_status_sector_and_collaboration(reference_workshop, schema):
    agreement = Agreement.objects.get()
    root = etree.fromstring(agreement_xml(agreement, base_url="https://partnership.example/"))
    schema.assertValid(root)

    item = activity(root, f"XM-DAC-41302-A{agreement.pk}")
    orgs = [
        (org.get("role"), org.get("type"), org.xpath("narrative[1]/text()")[0])
        for org in item.xpath("participating-org")
    ]
    assert orgs == [
        ("3", "40", "International Labour Organization"),
        ("4", "80", "Wuxi Institute of Technician"),
        ("4", "80", "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute"),
        ("4", "70", "Sihanoukville Special Economic Zone Co., Ltd."),
    ]
    # Drafting is in the pipeline: status 1 and a planned start on the day it was proposed.
    assert item.xpath("activity-status/@code") == ["1"]
    assert [(d.get("type"), d.get("iso-date")) for d in item.xpath("activity-date")] == [("1", "2022-01-14")]
    assert item.xpath("sector/@code") == ["11330"]
    assert item.xpath("collaboration-type/@code") == ["8"]
    assert item.xpath("document-link") == []
    assert [(r.get("ref"), r.get("type")) for r in item.xpath("related-activity")] == [
        (f"XM-DAC-41302-W{reference_workshop.pk}", "2")
    ]
    workshop = activity(root, f"XM-DAC-41302-W{reference_workshop.pk}")
    assert workshop.xpath("activity-status/@code") == ["4"]
    assert workshop.xpath("related-activity/@ref") == [f"XM-DAC-41302-A{agreement.pk}"]


def test_a_signed_mou_links_its_document_as_a09_and_is_in_implementation(db, schema, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory(
        title="MoU on trainer exchange",
        kind=Agreement.Kind.MOU,
        status=Agreement.Status.ACTIVE,
        signed_on=datetime.date(2023, 3, 1),
        effective_from=datetime.date(2023, 4, 1),
        expires_on=datetime.date(2028, 3, 31),
    )
    AgreementPartyFactory(agreement=agreement, organisation=OrganisationFactory(name="Kampot TVET", iati_type=""))
    document = AgreementDocument(agreement=agreement, version_label="signed")
    document.file.save("mou.pdf", ContentFile(b"%PDF-1.4"), save=True)

    root = etree.fromstring(
        agreement_xml(agreement, base_url="https://partnership.example/", today=datetime.date(2026, 11, 27))
    )
    schema.assertValid(root)
    item = root.xpath("iati-activity")[0]
    assert item.xpath("activity-status/@code") == ["2"]
    assert [(d.get("type"), d.get("iso-date")) for d in item.xpath("activity-date")] == [
        ("2", "2023-04-01"),
        ("3", "2028-03-31"),
    ]
    assert item.xpath("document-link/category/@code") == ["A09"]
    assert item.xpath("document-link/@format") == ["application/pdf"]
    assert item.xpath("document-link/@url") == [
        f"https://partnership.example/agreements/{agreement.pk}/documents/{document.pk}/"
    ]
    assert item.xpath("document-link/document-date/@iso-date") == ["2023-03-01"]
    # No multilateral body takes part: plain bilateral co-operation, and no organisation type is invented.
    assert item.xpath("collaboration-type/@code") == ["1"]
    assert item.xpath("participating-org/@type") == []


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("proposed", "1"),
        ("negotiation", "1"),
        ("signed", "2"),
        ("expired", "4"),
        ("abandoned", "5"),
        ("suspended", "6"),
    ],
)
def test_activity_status_follows_the_agreement_lifecycle(db, schema, status, code):
    agreement = AgreementFactory(status=status, proposed_on=datetime.date(2024, 1, 1))
    AgreementPartyFactory(agreement=agreement)
    root = etree.fromstring(agreement_xml(agreement, base_url="http://localhost/"))
    schema.assertValid(root)
    assert root.xpath("iati-activity/activity-status/@code") == [code]


def test_export_iati_command_writes_a_valid_file(reference_workshop, schema, tmp_path):
    programme = Programme.objects.get(name="ILO–China Partnership Programme")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_iati", "--programme", str(programme.pk), "-o", str(tmp_path / "iati.xml"), stdout=out, stderr=err
    )
    schema.assertValid(etree.parse(str(tmp_path / "iati.xml")))
    assert err.getvalue() == (
        f"Wrote 3 IATI activities for programme {programme.pk} (ILO–China Partnership Programme) "
        f"to {tmp_path / 'iati.xml'}.\n"
    )


def test_export_iati_command_without_options_exports_every_programme_once(reference_workshop, schema):
    out = io.StringIO()
    call_command("export_iati", stdout=out, stderr=io.StringIO())
    root = etree.fromstring(out.getvalue().encode())
    schema.assertValid(root)
    ids = root.xpath("iati-activity/iati-identifier/text()")
    assert len(ids) == 4
    assert len(set(ids)) == 4


def test_export_iati_command_rejects_an_unknown_agreement(db):
    with pytest.raises(CommandError, match="There is no agreement with id 999."):
        call_command("export_iati", "--agreement", "999")


def test_agreement_download_needs_a_signed_in_user_and_gives_xml(reference_workshop, client, coordinator):
    agreement = Agreement.objects.get()
    url = f"/agreements/{agreement.pk}/iati.xml"
    assert client.get(url).status_code == 302
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="iati-agreement-{agreement.pk}.xml"'
    assert client.get("/agreements/999/iati.xml").status_code == 404


def test_programme_download_is_forbidden_without_the_view_permission(reference_workshop, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="nobody"))
    programme = Programme.objects.get(name="ILO–China Partnership Programme")
    assert client.get(f"/agreements/programmes/{programme.pk}/iati.xml").status_code == 403
