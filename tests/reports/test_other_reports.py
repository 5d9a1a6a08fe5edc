"""Three more reports in the reference report's style (tests/fixtures/reports/): Laos–China in person, Viet
Nam–China hybrid with family names first in capitals, Indonesia–China online with a misspelt acronym and two people
of one name."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from bench.report_reader import REPORTS, found, gold_reports, score
from reports.drafts import build_draft
from reports.reader import read_report


def _read(name):
    return read_report((REPORTS / name).read_text(encoding="utf-8"), name=name)


def _summary(proposal, orgs):
    """The proposal in a few rows: organisation keys become short names (records') or "new: name"."""
    by_id = {org.pk: short for short, org in orgs.items()}
    names = {o["key"]: by_id.get(o["match"]["record_id"]) or f"new: {o['name']}" for o in proposal["organisations"]}
    people = {p["key"]: p["family_name"] for p in proposal["people"]}
    value = lambda fact: fact and fact["value"]  # noqa: E731
    return {
        "workshop": (
            value(proposal["kind"]),
            value(proposal["format"]),
            value(proposal["date"]),
            proposal["date"]["precision"],
            value(proposal["platform"]),
            value(proposal["venue"]),
            proposal["programme"]["record_name"],
            proposal["initiative"]["record_name"],
            value(proposal["reported_attendance"]),
            proposal["named_count"],
        ),
        "organisations": [(names[o["key"]], o["role"], o["match"]["status"]) for o in proposal["organisations"]],
        "people": [
            (
                p["honorific"],
                p["given_name"],
                p["family_name"],
                p["name_order"],
                value(p["title"]),
                names.get(p["organisation"]),
                p["role"],
                p["match"]["status"],
            )
            for p in proposal["people"]
        ],
        "quotes": [(people.get(s["speaker"]), s["text"][:30]) for s in proposal["statements"]],
        "topics": [t["value"] for t in proposal["topics"]],
        "outcomes": [(o["kind"], o["text"]) for o in proposal["outcomes"]],
        "actions": [(a["title"], names.get(a["owner"]), a["due_date"]) for a in proposal["actions"]],
    }


def test_in_person_laos_china(report_records):
    orgs, _people = report_records
    summary = _summary(_read("ytc-lgtc-workshop-2023-05-18.txt"), orgs)
    assert summary["workshop"] == (
        "study_visit",
        "in_person",
        "2023-05-18",
        "day",
        None,
        "LGTC campus, Vientiane",
        "ILO–China Partnership Programme",
        "Skills Development Network through South-South Cooperation",
        34,
        4,
    )
    assert summary["organisations"] == [
        ("ILO", "coordinator", "on_record"),
        ("YTC", "host", "on_record"),
        ("LGTC", "host", "on_record"),
        ("new: Vientiane Capital Department of Labour and Social Welfare", "participant", "new"),
    ]
    assert summary["people"] == [
        ("Ms.", "Phonevilay", "Sisouphanh", "given_first", "Director", "LGTC", "speaker", "other_name"),
        ("Mr.", "Wei", "Zhang", "given_first", "Vice-President", "YTC", "speaker", "new"),
        (
            "Mr.",
            "Khamphone",
            "Vongsa",
            "given_first",
            "Deputy Director",
            "new: Vientiane Capital Department of Labour and Social Welfare",
            "speaker",
            "new",
        ),
        ("Ms.", "Xiaomei", "Zhao", "given_first", "Project Officer", "ILO", "organiser", "new"),
    ]
    # Before the quotation; "…,” he said" (the person named before); "“…” The Deputy Director … said".
    assert summary["quotes"] == [
        ("Sisouphanh", "Our college trains more than t"),
        ("Zhang", "We will send five teachers to "),
        ("Vongsa", "The Department will recognise "),
    ]
    assert summary["topics"] == [
        "Skills standards for electricians",
        "Teacher training in automotive repair",
        "Recognition of prior learning",
        "Training workshops of YTC",
        "Plan of teacher exchange",
    ]
    assert summary["outcomes"] == [
        ("consensus", "Participants agreed to set up a joint working group on skills standards."),
        ("decision", "Participants will sign a memorandum of understanding on teacher exchange."),
    ]
    assert summary["actions"] == [
        ("Set up a joint working group on skills standards", None, None),
        ("Sign a memorandum of understanding on teacher exchange", None, None),
        ("Send the list of teachers for the first exchange to YTC", "LGTC", "2023-06-30"),
    ]


def test_hybrid_viet_nam_china_family_names_first(report_records):
    orgs, people = report_records
    proposal = _read("tvi-hvct-workshop-2023-09-07.txt")
    summary = _summary(proposal, orgs)
    assert summary["workshop"] == (
        "bilateral",
        "hybrid",
        "2023-09-07",
        "day",
        "Zoom",
        "HVCT, Hanoi",
        "ILO–China Partnership Programme",
        "Skills Development Network through South-South Cooperation",
        26,
        5,
    )
    assert summary["organisations"] == [
        ("ILO", "coordinator", "on_record"),
        ("TVI", "host", "on_record"),
        ("new: Hanoi Vocational College of Technology", "host", "new"),
        ("DVET", "participant", "on_record"),
    ]
    hvct = next(o for o in proposal["organisations"] if o["match"]["status"] == "new")
    assert (hvct["name"], hvct["short_name"], hvct["kind"], hvct["country"]) == (
        "Hanoi Vocational College of Technology",
        "HVCT",
        "tvet",
        "VN",
    )
    new_hvct = "new: Hanoi Vocational College of Technology"
    assert summary["people"] == [
        ("Mr.", "Van Minh", "Nguyen", "family_first", "Rector", new_hvct, "speaker", "new"),
        ("Ms.", "Thi Lan", "Tran", "family_first", "Head of International Cooperation", new_hvct, "participant", "new"),
        ("Mr.", "Jianguo", "Wang", "family_first", "Vice-President", "TVI", "speaker", "on_record"),
        ("Dr.", "Na", "Li", "family_first", "Dean", "TVI", "speaker", "new"),
        ("Mr.", "Quoc Hung", "Pham", "family_first", "Deputy Director General", "DVET", "speaker", "new"),
    ]
    assert proposal["people"][2]["match"]["record_id"] == people["wang"].pk
    assert summary["quotes"] == [
        ("Nguyen", "Green skills are the future of"),
        ("Pham", "DVET supports this partnership"),
    ]
    assert summary["topics"] == [
        "Green skills for the energy transition",
        "Digital training platforms",
        "Dual training with enterprises",
    ]
    assert summary["outcomes"] == [
        ("consensus", "Participants agreed to develop a joint curriculum for solar energy technicians."),
        ("decision", "Participants will organise a training of trainers in Tianjin."),
    ]
    assert summary["actions"] == [
        ("Develop a joint curriculum for solar energy technicians", None, None),
        ("Organise a training of trainers in Tianjin", None, None),
        ("Send the draft curriculum to HVCT", "TVI", "2023-11-15"),
    ]
    # In the entry page's draft, an organisation named as an action's owner is who the action is on behalf of.
    draft = build_draft(proposal)
    assert [(action.owner, action.owner_organisation) for action in draft.actions] == [
        ("", ""),
        ("", ""),
        ("", str(orgs["TVI"].pk)),
    ]


def test_online_indonesia_china_a_misspelt_acronym_and_a_choice(report_records):
    orgs, people = report_records
    proposal = _read("polban-cipc-workshop-2024-03.txt")
    summary = _summary(proposal, orgs)
    assert summary["workshop"] == (
        "bilateral",
        "online",
        "2024-03-01",
        "month",
        "Microsoft Teams",
        None,
        "ILO–China Partnership Programme",
        "Skills Development Network through South-South Cooperation",
        42,
        3,
    )
    # The ministry's name has commas in it: read whole ("Ministry of A, B, C and D").
    assert summary["organisations"] == [
        ("ILO", "coordinator", "on_record"),
        ("CIPC", "host", "on_record"),
        ("POLBAN", "host", "on_record"),
        ("new: Ministry of Education, Culture, Research and Technology", "participant", "new"),
    ]
    polban = proposal["organisations"][2]
    assert [m["match"]["status"] for m in polban["mentions"] if m["text"] == "POLBEN"] == ["other_name"]
    assert summary["people"] == [
        ("Mr.", "Budi", "Santoso", "given_first", "Director", "POLBAN", "speaker", "choice"),
        ("Ms.", "Hong", "Yang", "given_first", "Vice-President", "CIPC", "speaker", "new"),
        ("Mr.", "Ahmad", "Fauzi", "given_first", "Head of Cooperation", "POLBAN", "speaker", "new"),
    ]
    # Reported speech is a statement too, not verbatim.
    assert [(s["speaker"], s["text"], s["is_verbatim"]) for s in proposal["statements"]][2] == (
        "p3",
        "POLBAN already runs two automation laboratories with equipment from Chinese enterprises.",
        False,
    )
    assert [c["id"] for c in proposal["people"][0]["match"]["candidates"]] == sorted(
        [people["santoso-1"].pk, people["santoso-2"].pk]
    )
    assert summary["quotes"] == [
        ("Yang", "Our college has trained automa"),
        ("Santoso", "Politeknik Negeri Bandung will"),
        ("Fauzi", "POLBAN already runs two automa"),
    ]
    assert summary["topics"] == [
        "Industrial automation curricula",
        "Internships in Chinese enterprises in Indonesia",
        "Joint certification",
    ]
    assert summary["outcomes"] == [("consensus", "Participants agreed to exchange lecturers in industrial automation.")]
    assert summary["actions"] == [
        ("Exchange lecturers in industrial automation", None, None),
        ("Send the list of lecturers to CIPC", "POLBAN", "2024-04-30"),
    ]


def test_precision_and_recall_over_all_four_reports(report_records):
    pairs = [
        (read_report(path.read_text(encoding="utf-8"), name=path.name), gold) for path, gold in gold_reports().items()
    ]
    assert len(pairs) == 4
    assert score(pairs) == {
        "people": (20, 20, 20),
        "organisations": (18, 18, 18),
        "quotes": (10, 10, 10),
    }
    assert found(pairs[0][0])["people"] == {tuple(p) for p in pairs[0][1]["people"]}


def test_the_command_prints_the_same_proposals_and_writes_nothing(report_records):
    from institutes.models import Organisation
    from participants.models import Person

    before = (Organisation.objects.count(), Person.objects.count())
    out = StringIO()
    call_command("read_report", str(REPORTS), stdout=out)
    printed = json.loads(out.getvalue())
    assert [p["source_name"] for p in printed] == [
        "polban-cipc-workshop-2024-03.txt",
        "tvi-hvct-workshop-2023-09-07.txt",
        "ytc-lgtc-workshop-2023-05-18.txt",
    ]
    assert printed[1] == _read("tvi-hvct-workshop-2023-09-07.txt")
    assert (Organisation.objects.count(), Person.objects.count()) == before


def test_the_command_prints_its_schema_and_the_proposals_follow_it(report_records):
    jsonschema = pytest.importorskip("jsonschema")
    out = StringIO()
    call_command("read_report", "--json-schema", stdout=out)
    schema = json.loads(out.getvalue())
    assert schema["title"] == "Proposed workshop record read from a meeting report"
    for path in gold_reports():
        jsonschema.validate(read_report(path.read_text(encoding="utf-8"), name=path.name), schema)


def test_the_command_refuses_what_it_cannot_read(tmp_path, db):
    from django.core.management.base import CommandError

    (tmp_path / "notes.docx").write_bytes(b"not a zip")
    with pytest.raises(CommandError, match=r"notes\.docx: The file could not be read: is it really a \.docx file\?"):
        call_command("read_report", str(tmp_path / "notes.docx"), stdout=StringIO())
    with pytest.raises(CommandError, match="No such file or folder: missing.txt"):
        call_command("read_report", "missing.txt", stdout=StringIO())
