"""The entry page's new people and organisations (hidden field `new_records`), its error summary, its drafts and
its time zone."""

import datetime
import json

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from institutes.models import Organisation
from participants.models import Person, Position
from tests.factories import OrganisationFactory, PersonFactory
from tests.workshops.test_races import _page_data
from tests.workshops.test_views import _entry, _management
from workshops.data import AttendanceRow, HostRow, NewOrganisation, NewPerson, WorkshopData
from workshops.models import ActionItem, Attachment, Attendance, Statement, Workshop, WorkshopOrganisation
from workshops.timezones import parse_timezone, timezone_choices

pytestmark = pytest.mark.django_db

SHI_LEI = {
    "key": "n1",
    "type": "person",
    "honorific": "Prof.",
    "family_name": "Shi",
    "given_name": "Lei",
    "name_order": Person.NameOrder.FAMILY_FIRST,
    "name_local": "石磊",
    "email": "shi.lei@example.org",
    "organisation": "new:n2",
    "title": "Professor",
}
BAOSHAN = {
    "key": "n2",
    "type": "organisation",
    "name": "Baoshan Technician College",
    "short_name": "BTC",
    "name_local": "宝山技师学院",
    "kind": Organisation.Kind.TVET,
    "country": "CN",
}


def _with_new_people(records, **rows):
    fields = {
        "new_records": json.dumps(records),
        **_management("attendance", 1),
        "attendance-0-person": "new:n1",
        "attendance-0-organisation": "new:n2",
        "attendance-0-title": "Professor",
        "attendance-0-role": Attendance.Role.SPEAKER,
        "attendance-0-presence": Attendance.Presence.PRESENT,
    }
    return _entry(**{**fields, **rows})


def _row_counts():
    """Rows in every table of the project's apps (history tables included)."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("institutes", "participants", "workshops", "agreements")
        for model in apps.get_app_config(app).get_models()
    }


def test_new_people_and_organisations_are_created_with_the_workshop(coordinator_client, coordinator):
    data = _with_new_people(
        [SHI_LEI, BAOSHAN],
        **_management("statements", 1),
        **{"statements-0-speaker": "new:n1", "statements-0-text": "We welcome the cooperation."},
        **_management("hosts", 1),
        **{"hosts-0-organisation": "new:n2", "hosts-0-role": WorkshopOrganisation.Role.HOST},
    )
    response = coordinator_client.post(reverse("workshops:create"), data)
    workshop = Workshop.objects.get()
    assert (response.status_code, response["Location"]) == (302, workshop.get_absolute_url())
    person = Person.objects.get()
    assert (
        person.honorific,
        person.family_name,
        person.given_name,
        person.name_order,
        person.name_local,
        person.email,
        person.full_name,
    ) == ("Prof.", "Shi", "Lei", "family_first", "石磊", "shi.lei@example.org", "Shi Lei")
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.short_name, organisation.name_local, organisation.kind) == (
        "Baoshan Technician College",
        "BTC",
        "宝山技师学院",
        "tvet",
    )
    assert str(organisation.country) == "CN"
    assert list(workshop.attendances.values_list("person", "organisation", "title")) == [
        (person.pk, organisation.pk, "Professor")
    ]
    assert list(Statement.objects.values_list("speaker", flat=True)) == [person.pk]
    assert list(workshop.organisation_links.values_list("organisation", "role")) == [(organisation.pk, "host")]
    assert list(Position.objects.values_list("person", "organisation", "title", "start_date")) == [
        (person.pk, organisation.pk, "Professor", workshop.start_date)
    ]
    assert person.history.get().history_user == coordinator
    assert organisation.history.get().history_user == coordinator


def test_an_existing_organisation_can_be_a_new_persons_organisation(coordinator_client):
    wit = OrganisationFactory(short_name="WIT")
    person = {**SHI_LEI, "organisation": str(wit.pk)}
    data = _with_new_people([person], **{"attendance-0-organisation": str(wit.pk)})
    assert coordinator_client.post(reverse("workshops:create"), data).status_code == 302
    assert list(Position.objects.values_list("person__family_name", "organisation", "title")) == [
        ("Shi", wit.pk, "Professor")
    ]


def test_a_new_record_no_row_refers_to_is_not_created(coordinator_client):
    bou = PersonFactory(given_name="Samath", family_name="Bou")
    data = _with_new_people(
        [SHI_LEI, BAOSHAN, {**BAOSHAN, "key": "n3", "name": "Abandoned Institute"}],
        **{"attendance-0-person": str(bou.pk)},
    )
    assert coordinator_client.post(reverse("workshops:create"), data).status_code == 302
    # Baoshan is the row's organisation and is created; Shi Lei and the third are chosen nowhere.
    assert list(Person.objects.values_list("family_name", flat=True)) == ["Bou"]
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Baoshan Technician College"]


def test_a_refused_save_writes_nothing_and_keeps_the_new_records_chosen(coordinator_client):
    before = _row_counts()
    data = _with_new_people(
        [SHI_LEI, BAOSHAN],
        reported_attendance="-3",
        **_management("actions", 1),
        **{"actions-0-title": "Send the curricula", "actions-0-status": ActionItem.Status.OPEN},
    )
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 200
    assert _row_counts() == before
    html = response.content.decode()
    assert '<option value="new:n1" selected>Shi Lei (new)</option>' in html
    assert '<option value="new:n2" selected>Baoshan Technician College (BTC) (new)</option>' in html
    assert response.context["form"]["new_records"].value() == json.dumps([SHI_LEI, BAOSHAN])


def test_a_refused_new_record_is_named_in_the_summary_and_nothing_is_written(coordinator_client):
    before = _row_counts()
    nameless = {**SHI_LEI, "family_name": "", "given_name": "", "name_local": "", "email": "not an address"}
    response = coordinator_client.post(reverse("workshops:create"), _with_new_people([nameless, BAOSHAN]))
    assert response.status_code == 200
    assert _row_counts() == before
    assert [text for text, _anchor in response.context["error_summary"]] == [
        "New people and organisations — New person “”: email: Enter a valid email address.",
        "New people and organisations — New person “”: Give at least a given name, a family name or a name in "
        "own script.",
    ]


def test_unreadable_new_records_are_a_message_not_a_server_error(coordinator_client):
    response = coordinator_client.post(reverse("workshops:create"), _with_new_people([], new_records="[{not json"))
    assert response.status_code == 200
    assert response.context["form"].errors["new_records"] == [
        "The new people and organisations of this page could not be read; add them again."
    ]
    assert Workshop.objects.count() == 0


@pytest.mark.parametrize(
    ("reference", "records"),
    [
        ("new:n9", [SHI_LEI, BAOSHAN]),  # no such key
        ("new:n2", [SHI_LEI, BAOSHAN]),  # an organisation in a person's select
        ("new:", [SHI_LEI, BAOSHAN]),
    ],
)
def test_a_reference_to_no_new_record_of_the_kind_is_refused(coordinator_client, reference, records):
    data = _with_new_people(records, **{"attendance-0-person": reference})
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 200
    assert response.context["formsets"][1].errors[0] == {
        "person": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert (Person.objects.count(), Organisation.objects.count()) == (0, 0)


def test_a_new_persons_organisation_must_be_on_record_or_new_on_the_page(coordinator_client):
    data = _with_new_people([{**SHI_LEI, "organisation": "new:n7"}, BAOSHAN])
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.context["form"].errors["new_records"] == [
        "New person “Shi Lei”: Its organisation is not among the new organisations of this page."
    ]


def test_the_error_summary_lists_every_message_with_a_link_to_its_field(coordinator_client):
    bou = PersonFactory(given_name="Samath", family_name="Bou")
    data = _entry(
        title="",
        **_management("attendance", 3),
        **{f"attendance-{i}-person": str(bou.pk) for i in (0, 1)},
        **{f"attendance-{i}-role": Attendance.Role.PARTICIPANT for i in (0, 1, 2)},
        **{f"attendance-{i}-presence": Attendance.Presence.PRESENT for i in (0, 1, 2)},
        **{"attendance-1-DELETE": "on", "attendance-2-title": "Principal"},
    )
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.context["error_summary"] == [
        ("Title — This field is required.", "id_title"),
        ("Who attended, row 3: Person — This field is required.", "id_attendance-2-person"),
    ]
    html = response.content.decode()
    assert 'role="alert" id="error-summary" tabindex="-1"' in html
    assert '<a href="#id_attendance-2-person" class="alert-link">Who attended, row 3: Person — ' in html
    assert "The workshop was not saved: 2 things to correct" in html


def test_a_page_without_errors_has_no_summary(coordinator_client):
    response = coordinator_client.get(reverse("workshops:create"))
    assert response.context["error_summary"] == []
    assert "error-summary" not in response.content.decode()


def _draft(client, token, draft):
    """Keep `draft` (a WorkshopData) for the signed-in user, as the report reader's "Accept" does."""
    session = client.session
    expires = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    session["workshop_drafts"] = {token: {"data": draft.to_json(), "expires": expires}}
    session.save()


def _new(record):
    fields = {k: v for k, v in record.items() if k != "type"}
    return NewPerson(**fields) if record["type"] == "person" else NewOrganisation(**fields)


def test_a_draft_fills_the_page_in_without_messages_and_is_saved_with_its_report(
    coordinator_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    wit = OrganisationFactory(short_name="WIT", name="Wuxi Institute of Technician", country="CN")
    draft = WorkshopData(
        title="Digitalisation of training courses",
        start_date=datetime.date(2022, 1, 14),
        timezone="",
        source_report="Minutes\nProf. Shi Lei of Baoshan Technician College spoke.",
        source_report_name="minutes-2022-01-14.docx",
        hosts=[HostRow(str(wit.pk), WorkshopOrganisation.Role.HOST)],
        attendance=[AttendanceRow("new:n1", "new:n2", title="", role=Attendance.Role.SPEAKER)],  # a gap to fill
        new_people=[_new(SHI_LEI)],
        new_organisations=[_new(BAOSHAN)],
    )
    _draft(coordinator_client, "abc123", draft)
    response = coordinator_client.get(reverse("workshops:create"), {"draft": "abc123"})
    assert response.status_code == 200
    form, formsets = response.context["form"], response.context["formsets"]
    assert form["title"].value() == "Digitalisation of training courses"
    assert formsets[0].forms[0]["organisation"].value() == str(wit.pk)
    assert formsets[1].forms[0]["person"].value() == "new:n1"
    assert formsets[1].forms[0]["organisation"].value() == "new:n2"
    assert (form.errors, [f.errors for f in formsets[1].forms], response.context["error_summary"]) == ({}, [{}], [])
    html = response.content.decode()
    assert "is-invalid" not in html and "invalid-feedback" not in html
    assert '<option value="new:n1" selected>Shi Lei (new)</option>' in html
    assert '<input type="hidden" name="draft" value="abc123">' in html
    assert (Workshop.objects.count(), Person.objects.count()) == (0, 0)

    # The user completes it and saves: the page as a browser posts it back.
    posted = {**_page_data(response), "timezone": "UTC+8", "draft": "abc123", "attendance-0-title": "Professor"}
    response = coordinator_client.post(reverse("workshops:create"), posted)
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert (workshop.timezone, Person.objects.get().full_name) == ("Etc/GMT-8", "Shi Lei")
    assert list(workshop.organisation_links.values_list("organisation", "role")) == [(wit.pk, "host")]
    assert list(workshop.attendances.values_list("organisation__name", "title")) == [
        ("Baoshan Technician College", "Professor")
    ]
    attachment = Attachment.objects.get()
    assert (attachment.workshop, attachment.kind, attachment.title) == (workshop, "report", "minutes-2022-01-14.docx")
    assert attachment.file.name.endswith(".txt")
    assert attachment.file.read().decode() == "Minutes\nProf. Shi Lei of Baoshan Technician College spoke."
    assert coordinator_client.session["workshop_drafts"] == {}


def test_an_expired_draft_is_not_shown(coordinator_client):
    session = coordinator_client.session
    past = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    session["workshop_drafts"] = {"old": {"data": WorkshopData(title="Old").to_json(), "expires": past}}
    session.save()
    response = coordinator_client.get(reverse("workshops:create"), {"draft": "old"})
    assert response.context["form"]["title"].value() == ""
    assert [str(m) for m in response.context["messages"]] == [
        "That draft is no longer available: start the entry here."
    ]


def test_an_unknown_draft_gives_an_empty_page_and_a_message(coordinator_client):
    response = coordinator_client.get(reverse("workshops:create"), {"draft": "gone"}, follow=True)
    assert response.status_code == 200
    assert response.context["form"].is_bound is False
    assert [str(m) for m in response.context["messages"]] == [
        "That draft is no longer available: start the entry here."
    ]


def test_a_refused_save_of_a_draft_keeps_its_report_and_writes_nothing(coordinator_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = _with_new_people([SHI_LEI, BAOSHAN], title="", source_report="The report text.")
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 200
    assert response.context["form"]["source_report"].value() == "The report text."
    assert (Attachment.objects.count(), Workshop.objects.count(), Person.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Asia/Shanghai", "Asia/Shanghai"),
        ("asia/phnom_penh", "Asia/Phnom_Penh"),
        ("China — Asia/Shanghai (UTC+8)", "Asia/Shanghai"),
        ("UTC+8", "Etc/GMT-8"),
        ("GMT-3", "Etc/GMT+3"),
        ("UTC", "UTC"),
        ("Mars/Olympus", "Mars/Olympus"),
    ],
)
def test_a_time_zone_is_read_from_its_name_label_or_offset(typed, zone):
    assert parse_timezone(typed) == zone


def test_the_time_zones_of_the_hosts_come_first_with_their_common_names():
    choices = timezone_choices(["KH", "CN"])
    assert choices[:3] == [
        {"value": "Asia/Phnom_Penh", "label": "Cambodia — Asia/Phnom_Penh (UTC+7)"},
        {"value": "Asia/Shanghai", "label": "China — Asia/Shanghai (UTC+8)"},
        {"value": "Asia/Urumqi", "label": "China — Asia/Urumqi (UTC+6)"},
    ]
    assert choices[-1] == {"value": "UTC", "label": "Coordinated Universal Time — UTC"}
    assert [c["value"] for c in choices if "(UTC+8)" in c["label"]][:2] == ["Asia/Shanghai", "Antarctica/Casey"]


def test_a_new_workshop_takes_the_time_zone_of_its_hosts(coordinator_client):
    wit = OrganisationFactory(short_name="WIT", country="CN")
    draft = WorkshopData(title="T", timezone="", hosts=[HostRow(str(wit.pk), "host")])
    _draft(coordinator_client, "t1", draft)
    response = coordinator_client.get(reverse("workshops:create"), {"draft": "t1"})
    assert response.context["timezone_choices"][0]["value"] == "Asia/Shanghai"
    assert response.context["form"]["timezone"].value() == "Asia/Shanghai"


def test_the_name_parts_endpoint_splits_a_name(coordinator_client):
    answer = coordinator_client.get(reverse("participants:name-parts"), {"name": "Prof. Shi Lei"}).json()
    assert answer == {
        "honorific": "Prof.",
        "family_name": "Shi",
        "given_name": "Lei",
        "name_order": "family_first",
        "name_local": "",
        "sure": False,
        "alternatives": [
            {"family_name": "Shi", "given_name": "Lei", "name_order": "family_first"},
            {"family_name": "Lei", "given_name": "Shi", "name_order": "given_first"},
        ],
    }


def test_the_entry_page_no_longer_offers_quick_add(coordinator_client):
    html = coordinator_client.get(reverse("workshops:create")).content.decode()
    assert "quick-add" not in html
    assert 'id="new-person-dialog"' in html and 'id="new-organisation-dialog"' in html
    assert '<input type="hidden" name="new_records" id="id_new_records">' in html


def test_a_new_person_is_added_to_a_workshop_being_edited(coordinator_client):
    from tests.factories import WorkshopFactory

    workshop = WorkshopFactory(title="Old title")
    url = reverse("workshops:edit", args=[workshop.pk])
    form = coordinator_client.get(url).context["form"]
    data = _with_new_people(
        [{**SHI_LEI, "organisation": "", "name_local": ""}],
        title="Old title",
        version=form["version"].value(),
        **{"attendance-0-organisation": ""},
    )
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    assert list(workshop.attendances.values_list("person__family_name", "title")) == [("Shi", "Professor")]
    assert Position.objects.count() == 0  # no organisation: no position


@pytest.mark.parametrize("value", ["99999999999999999999999", "²", "1e309"])
def test_an_organisation_id_out_of_range_is_refused_not_a_server_error(coordinator_client, value):
    data = _with_new_people(
        [{**SHI_LEI, "organisation": value}],
        **_management("hosts", 1),
        **{"hosts-0-organisation": value, "hosts-0-role": WorkshopOrganisation.Role.HOST},
        **{"attendance-0-organisation": ""},
    )
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 200
    assert response.context["formsets"][0].errors == [{"organisation": ["Choose from the list."]}]
    assert Person.objects.count() == 0
    # With the host's box fixed, the service names the new person's organisation.
    data["hosts-TOTAL_FORMS"] = "0"
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.context["form"].errors["new_records"] == [
        "New person “Shi Lei”: Its organisation is not on record."
    ]
    assert Person.objects.count() == 0
