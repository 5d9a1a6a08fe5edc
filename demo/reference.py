"""The reference record (tests/fixtures/reference/, copied from the report the project was created from) as demo data.

Every fact of the report sits in a structured field. Loading is idempotent: each row is looked up by its natural
key and written only when it is missing or differs, so a second run writes nothing (not even history rows).
"""

import datetime

from django.db import transaction

from agreements.models import Agreement, AgreementParty, AgreementStatusChange
from institutes.models import City, CityRelation, Organisation, OrganisationAlias
from participants.models import Person, Position
from workshops.data import ActionRow, AttendanceRow, HostRow, OutcomeRow, StatementRow, WorkshopData, ref
from workshops.models import (
    Attendance,
    Outcome,
    Programme,
    Topic,
    Workshop,
    WorkshopOrganisation,
)
from workshops.services import workshop_write

WORKSHOP_DATE = datetime.date(2022, 1, 14)
WORKSHOP_TITLE = (
    "Workshop of Cooperation and Exchange between Wuxi Institute of Technician (WIT) and Preah Sihanouk "
    "Cambodia-China Friendship Polytechnic Institute (PCCFPI)"
)
WORKSHOP_HEADLINE = (
    "Bilateral workshop of TVETs between Wuxi Institute of Technician of China and Preah Sihanouk Cambodia-China "
    "Friendship Polytechnic Institute of Cambodia"
)
WORKSHOP_SUMMARY = (
    "Under the Skills Development Network through South-South Cooperation initiative, the ILO-China Partnership "
    "Programme convened on-line Workshop of Cooperation and Exchange between Wuxi Institute of Technician (WIT) and "
    "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute (PCCFPI). A total of 19 representatives from WIT, "
    "PCCFPI, Sihanoukville Special Economic Zone (SSES), Ministry of Human Resources and Social Security of China "
    "attended the meeting. Participants agreed to discuss in more details of the cooperation at technical level and "
    "will draft the multilateral cooperation framework agreement."
)
WORKSHOP_MINUTES = """\
On January 14th, 2022, under the coordination of the ILO-China Partnership Project, the online paired consultation \
and discussion about cooperation went well between Wuxi Institute of Technician and Preah Sihanouk Cambodia-China \
Friendship Polytechnic Institute to jointly discuss about themetic topics of TVET development and bilateral skills \
development cooperation. The Principal of PCCFPI Mr. Samath Bou, the deputy director of Wuxi human resources and \
Social Security Bureau Mr. Ting Shen, The Principal of WIT Mr. Zhenyun Li, and vice-principal Jianbin Chen, Chairman \
of SSEZ Co., Ltd. Mr. Jiangang Chen, General manager of SSEZ. Mr. Jianjiang Cao , and Mr. Yutong Liu, ILO-China \
Project Manager, Mr. Kimroeun Kouy, Cambodia National Project Coordinator, attended the online meeting.

Mr. Ting Shen, deputy director of Wuxi human resources and Social Security Bureau, said “Wuxi and Sihanouk are \
sister cities. We will fully support the establishment of South-South cooperation of skills development network. \
Relying on the in-depth cooperation between WIT and PCCFPI, we will strengthen the training of Vocational and \
skilled talents through multiple channels, at multiple levels and in an all-round way, train more high-level \
skilled talents for enterprises in Sihanouk Province.” Then, Mr. Zhenyun Li, and Mr. Jianbin Chen introduced about \
digitalization of WIT in their training courses and the plan of school-to-school exchange.

“The PCCFPI provides technical training at different levels and vocational skills for various of people in \
Sihanouk city and SSEZ, which according to government policies. Therefore, the two institutes have a lot in \
common, we have good basics for skills development cooperation.” The Principal of SCCFPI Mr. Samath Bou said, he \
also introduced the Institute and expressed their commitment of cooperation with WIT and SSEZ Co., Ltd.

Mr. Jianjiang Cao, the general manager of SSEZ Co.,Ltd., congratulated the peer-to-peer TVET cooperation \
initiaitve, and said that “SSEZ as a model of Cambodia-China practical cooperation, will promote the skills \
development cooperation on skills development in SSEZ.

The three discussed about the details of cooperation, including about exchange of vocational training curriculum, \
exchange programmes for trainers and trainees etc.

Mr. Yutong Liu, the Project Manager of ILO-China, summarized the concensus acheived at this workshop, and thanked \
for their support of a skills dvelopment network through South-South Cooperation."""

CITIES = [
    # (key, name, name_local, other_names, country)
    ("wuxi", "Wuxi", "无锡", "", "CN"),
    ("sihanoukville", "Sihanoukville", "ព្រះសីហនុ", "Preah Sihanouk; Sihanouk", "KH"),
    ("beijing", "Beijing", "北京", "", "CN"),
]

ORGANISATIONS = [
    # (short name, name, name in own script, kind, IATI type, country, city key, aliases [(alias, kind, where)])
    (
        "WIT",
        "Wuxi Institute of Technician",
        "无锡技师学院",
        Organisation.Kind.TVET,
        Organisation.IatiType.ACADEMIC,
        "CN",
        "wuxi",
        [],
    ),
    (
        "PCCFPI",
        "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute",
        "",
        Organisation.Kind.TVET,
        Organisation.IatiType.ACADEMIC,
        "KH",
        "sihanoukville",
        [("SCCFPI", OrganisationAlias.Kind.MISSPELLING, "Workshop report of 2022-01-14")],
    ),
    (
        "SSEZ",
        "Sihanoukville Special Economic Zone Co., Ltd.",
        "",
        Organisation.Kind.ENTERPRISE,
        Organisation.IatiType.PRIVATE_SECTOR,
        "KH",
        "sihanoukville",
        [
            ("SSES", OrganisationAlias.Kind.MISSPELLING, "Workshop report of 2022-01-14"),
            ("Sihanoukville Special Economic Zone", OrganisationAlias.Kind.OTHER, "Workshop report of 2022-01-14"),
            ("SSEZ Co., Ltd.", OrganisationAlias.Kind.OTHER, "Workshop report of 2022-01-14"),
        ],
    ),
    (
        "Wuxi HRSS Bureau",
        "Wuxi Human Resources and Social Security Bureau",
        "无锡市人力资源和社会保障局",
        Organisation.Kind.GOVERNMENT,
        Organisation.IatiType.LOCAL_GOVERNMENT,
        "CN",
        "wuxi",
        [],
    ),
    (
        "MOHRSS",
        "Ministry of Human Resources and Social Security of China",
        "中华人民共和国人力资源和社会保障部",
        Organisation.Kind.GOVERNMENT,
        Organisation.IatiType.GOVERNMENT,
        "CN",
        "beijing",
        [],
    ),
    (
        "ILO",
        "International Labour Organization",
        "",
        Organisation.Kind.INTERNATIONAL,
        Organisation.IatiType.MULTILATERAL,
        "",
        None,
        [
            ("ILO–China Partnership Project", OrganisationAlias.Kind.OTHER, "Workshop report of 2022-01-14"),
            ("ILO-China Partnership Project", OrganisationAlias.Kind.OTHER, "Workshop report of 2022-01-14"),
            ("ILO/China Partnership Project", OrganisationAlias.Kind.OTHER, "Workshop report of 2022-01-14"),
            ("国际劳工组织", OrganisationAlias.Kind.TRANSLATION, "The ILO's name in Chinese"),
        ],
    ),
]

ILO_CHINA_PROJECT = "ILO–China Partnership Project"

PEOPLE = [
    # (given, family, title, organisation short name, unit, attendance role, contribution)
    (
        "Samath",
        "Bou",
        "Principal",
        "PCCFPI",
        "",
        Attendance.Role.SPEAKER,
        "Introduced the institute and expressed its commitment to cooperation with WIT and SSEZ Co., Ltd.",
    ),
    (
        "Ting",
        "Shen",
        "Deputy Director",
        "Wuxi HRSS Bureau",
        "",
        Attendance.Role.SPEAKER,
        "Noted that Wuxi and Sihanouk are sister cities; pledged full support for the South-South cooperation "
        "skills development network.",
    ),
    (
        "Zhenyun",
        "Li",
        "Principal",
        "WIT",
        "",
        Attendance.Role.SPEAKER,
        "Introduced WIT's digitalisation of its training courses and the plan of school-to-school exchange.",
    ),
    (
        "Jianbin",
        "Chen",
        "Vice-Principal",
        "WIT",
        "",
        Attendance.Role.SPEAKER,
        "Introduced WIT's digitalisation of its training courses and the plan of school-to-school exchange.",
    ),
    ("Jiangang", "Chen", "Chairman", "SSEZ", "", Attendance.Role.PARTICIPANT, ""),
    (
        "Jianjiang",
        "Cao",
        "General Manager",
        "SSEZ",
        "",
        Attendance.Role.SPEAKER,
        "Congratulated the peer-to-peer TVET cooperation initiative.",
    ),
    (
        "Yutong",
        "Liu",
        "Project Manager",
        "ILO",
        ILO_CHINA_PROJECT,
        Attendance.Role.ORGANISER,
        "Summarised the consensus achieved at the workshop and thanked participants for their support of a skills "
        "development network through South-South Cooperation.",
    ),
    ("Kimroeun", "Kouy", "National Project Coordinator, Cambodia", "ILO", "", Attendance.Role.PARTICIPANT, ""),
]

STATEMENTS = [
    (
        ("Ting", "Shen"),
        "Wuxi and Sihanouk are sister cities. We will fully support the establishment of South-South cooperation of "
        "skills development network. Relying on the in-depth cooperation between WIT and PCCFPI, we will strengthen "
        "the training of Vocational and skilled talents through multiple channels, at multiple levels and in an "
        "all-round way, train more high-level skilled talents for enterprises in Sihanouk Province.",
    ),
    (
        ("Samath", "Bou"),
        "The PCCFPI provides technical training at different levels and vocational skills for various of people in "
        "Sihanouk city and SSEZ, which according to government policies. Therefore, the two institutes have a lot in "
        "common, we have good basics for skills development cooperation.",
    ),
    (
        ("Jianjiang", "Cao"),
        "SSEZ as a model of Cambodia-China practical cooperation, will promote the skills development cooperation on "
        "skills development in SSEZ.",
    ),
]

TOPICS = [
    "Thematic topics of TVET development",
    "Bilateral skills development cooperation",
    "Digitalisation of training courses",
    "School-to-school exchange",
    "Exchange of vocational training curriculum",
    "Exchange programmes for trainers and trainees",
    "Skills development in SSEZ",
]

CONSENSUS = "Participants agreed to discuss the cooperation in more detail at technical level."
DECISION = (
    "The parties will draft a multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd., "
    "facilitated by the ILO–China Partnership Project."
)

AGREEMENT_TITLE = "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."

ACTIONS = [
    ("Draft the multilateral cooperation framework agreement", True),
    ("Hold technical-level discussions on the details of the cooperation", False),
    ("Plan the exchange of vocational training curricula and of trainers and trainees", False),
]


def ensure(model, lookup, **values):
    """Get the row matching `lookup` and bring it to `values`, saving only when something differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, field) == value for field, value in values.items()):
        return obj
    else:
        for field, value in values.items():
            setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def ensure_m2m(manager, objects):
    if set(manager.all()) != set(objects):
        manager.set(objects)


@transaction.atomic
def load_reference_workshop():
    """Load the report of the 2022-01-14 WIT–PCCFPI workshop. Returns the workshop."""
    cities = {
        key: ensure(City, {"name": name, "country": country}, name_local=local, other_names=other)
        for key, name, local, other, country in CITIES
    }
    ensure(
        CityRelation,
        {"from_city": cities["wuxi"], "kind": CityRelation.Kind.SISTER_CITY, "to_city": cities["sihanoukville"]},
        source_note="Mr. Ting Shen at the workshop of 2022-01-14: “Wuxi and Sihanouk are sister cities.”",
    )

    orgs = {}
    for short, name, local, kind, iati, country, city, aliases in ORGANISATIONS:
        org = ensure(
            Organisation,
            {"name": name},
            short_name=short,
            name_local=local,
            kind=kind,
            iati_type=iati,
            country=country,
            city=cities[city] if city else None,
        )
        for alias, alias_kind, where in aliases:
            ensure(OrganisationAlias, {"organisation": org, "name": alias}, kind=alias_kind, source_note=where)
        orgs[short] = org

    programme = ensure(
        Programme,
        {"name": "ILO–China Partnership Programme"},
        other_names="ILO-China Partnership Programme; ILO-China Partnership Project; ILO/China Partnership Project",
        kind=Programme.Kind.PROGRAMME,
        coordinating_organisation=orgs["ILO"],
        coordinating_unit=ILO_CHINA_PROJECT,
    )
    initiative = ensure(
        Programme,
        {"name": "Skills Development Network through South-South Cooperation"},
        kind=Programme.Kind.INITIATIVE,
        parent=programme,
        coordinating_organisation=orgs["ILO"],
        coordinating_unit=ILO_CHINA_PROJECT,
    )

    people = {}
    for given, family, title, org_short, unit, _role, _contribution in PEOPLE:
        person = ensure(
            Person,
            {"given_name": given, "family_name": family},
            honorific="Mr.",
            name_order=Person.NameOrder.GIVEN_FIRST,
        )
        ensure(Position, {"person": person, "organisation": orgs[org_short], "title": title}, unit=unit)
        people[given, family] = person

    agreement = Agreement.objects.filter(title=AGREEMENT_TITLE).first()
    if agreement is None:
        agreement = ensure(
            Agreement,
            {"title": AGREEMENT_TITLE},
            kind=Agreement.Kind.FRAMEWORK,
            scope=Agreement.Scope.MULTILATERAL,
            status=Agreement.Status.DRAFTING,
            status_changed_at=datetime.datetime(2022, 1, 14, tzinfo=datetime.UTC),
            status_since=WORKSHOP_DATE,
            programme=programme,
            proposed_on=WORKSHOP_DATE,
            summary="To be drafted, as decided at the WIT–PCCFPI workshop of 2022-01-14.",
        )
        AgreementStatusChange.objects.create(
            agreement=agreement,
            from_status="",
            to_status=Agreement.Status.DRAFTING,
            changed_at=agreement.status_changed_at,
            occurred_on=WORKSHOP_DATE,
            comment="Decided at the workshop of 2022-01-14: the parties will draft the agreement.",
        )

    # The workshop and its rows are written as every door writes them: one WorkshopData through workshop_write,
    # which writes only what differs (a second load writes nothing).
    stored = Workshop.objects.filter(title=WORKSHOP_TITLE, start_date=WORKSHOP_DATE).first()
    data = WorkshopData.from_workshop(stored) if stored else WorkshopData()
    kept = {kind: list(data.rows(kind) or []) for kind in ("hosts", "attendance", "statements", "outcomes", "actions")}

    def same(kind, **match):
        return next((r.id for r in kept[kind] if all(getattr(r, k) == v for k, v in match.items())), None)

    data.title, data.start_date, data.date_precision = WORKSHOP_TITLE, WORKSHOP_DATE, Workshop.DatePrecision.DAY
    data.other_title = WORKSHOP_HEADLINE
    data.kind, data.format, data.status = Workshop.Kind.BILATERAL, Workshop.Format.ONLINE, Workshop.Status.HELD
    data.timezone = "Asia/Shanghai"
    data.programme, data.initiative = programme.pk, initiative.pk
    data.reported_attendance = 19
    data.summary, data.minutes = WORKSHOP_SUMMARY, WORKSHOP_MINUTES
    data.topics = sorted(Topic.objects.get_or_create(name=name)[0].pk for name in TOPICS)
    data.hosts = [
        HostRow(ref(orgs[short].pk), role, same("hosts", organisation=ref(orgs[short].pk)))
        for short, role in [
            ("WIT", WorkshopOrganisation.Role.HOST),
            ("PCCFPI", WorkshopOrganisation.Role.HOST),
            ("ILO", WorkshopOrganisation.Role.COORDINATOR),
            ("SSEZ", WorkshopOrganisation.Role.PARTICIPANT),
            ("MOHRSS", WorkshopOrganisation.Role.PARTICIPANT),
        ]
    ]
    data.attendance = [
        AttendanceRow(
            person=ref(people[given, family].pk),
            organisation=ref(orgs[org_short].pk),
            title=title,
            role=role,
            presence=Attendance.Presence.PRESENT,
            contribution=contribution,
            id=same("attendance", person=ref(people[given, family].pk)),
        )
        for given, family, title, org_short, _unit, role, contribution in PEOPLE
    ]
    data.statements = [
        StatementRow(
            ref(people[speaker].pk), text, True, kept["statements"][i].id if i < len(kept["statements"]) else None
        )
        for i, (speaker, text) in enumerate(STATEMENTS)
    ]
    data.outcomes = [
        OutcomeRow(kind, text, kept["outcomes"][i].id if i < len(kept["outcomes"]) else None)
        for i, (kind, text) in enumerate([(Outcome.Kind.CONSENSUS, CONSENSUS), (Outcome.Kind.DECISION, DECISION)])
    ]
    parties = [orgs["WIT"], orgs["PCCFPI"], orgs["SSEZ"]]
    data.actions = [
        ActionRow(
            title=title,
            agreement=agreement.pk if about_agreement else None,
            responsible_organisations=sorted(o.pk for o in parties),
            id=same("actions", title=title),
        )
        for title, about_agreement in ACTIONS
    ]
    for row in data.actions:
        stored_row = next((r for r in kept["actions"] if r.id == row.id), None)
        if stored_row is not None:  # its follow-up is kept as it is
            row.status, row.completed_on = stored_row.status, stored_row.completed_on
            row.owner, row.owner_organisation, row.due_date = (
                stored_row.owner,
                stored_row.owner_organisation,
                stored_row.due_date,
            )
    # The reference record finds itself by title and date above: any other workshop near it is another one.
    workshop = workshop_write(data=data, workshop=stored, user=None, allow_duplicate=True)
    decision = workshop.outcomes.get(kind=Outcome.Kind.DECISION)
    ensure_m2m(agreement.origin_workshops, [workshop])
    ensure_m2m(agreement.origin_outcomes, [decision])
    ensure_m2m(agreement.scope_topics, list(Topic.objects.filter(name__in=TOPICS[3:6])))
    for short, role in [
        ("WIT", AgreementParty.Role.PARTY),
        ("PCCFPI", AgreementParty.Role.PARTY),
        ("SSEZ", AgreementParty.Role.PARTY),
        ("ILO", AgreementParty.Role.FACILITATOR),
    ]:
        ensure(AgreementParty, {"agreement": agreement, "organisation": orgs[short]}, role=role)
    return workshop
