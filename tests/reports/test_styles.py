"""Reports of each style (tests/fixtures/reports/corpus/dev/) read into their fields: a news release, bullet-point
minutes as .txt and .docx, a participants table in a .docx, a pasted e-mail, a PDF and narrative minutes."""

from pathlib import Path

import pytest

from reports.files import report_text
from reports.reader import read_report

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "corpus" / "dev"


def _value(fact):
    return fact["value"] if fact else None


def fields(proposal):
    """The proposal's facts in their fields: workshop facts, organisations, people, quotes, outcomes, actions."""
    orgs = {o["key"]: o["name"] for o in proposal["organisations"]}
    people = {p["key"]: p["family_name"] for p in proposal["people"]}
    owners = {**orgs, **people}
    return {
        "workshop": (
            _value(proposal["title"]),
            _value(proposal["kind"]),
            _value(proposal["format"]),
            _value(proposal["venue"]),
            _value(proposal["date"]),
            (proposal["date"] or {}).get("precision"),
            _value(proposal["reported_attendance"]),
            (proposal["programme"] or {}).get("record_name"),
            (proposal["initiative"] or {}).get("record_name"),
        ),
        "organisations": [(o["name"], o["role"], o["country"]) for o in proposal["organisations"]],
        "people": [
            (
                p["honorific"],
                p["given_name"],
                p["family_name"],
                _value(p["title"]),
                orgs.get(p["organisation"]),
                p["role"],
            )
            for p in proposal["people"]
        ],
        "quotes": [(people.get(s["speaker"]), s["text"][:30]) for s in proposal["statements"] if s["is_verbatim"]],
        "outcomes": [(o["kind"], o["text"]) for o in proposal["outcomes"]],
        "actions": [(a["title"], owners.get(a["owner"]), a["due_date"]) for a in proposal["actions"]],
        "topics": [t["value"] for t in proposal["topics"]],
    }


def _read(name):
    path = CORPUS / name
    return fields(read_report(report_text(path.name, path.read_bytes()), name=path.name))


@pytest.fixture
def records(corpus_records):
    return corpus_records


def test_a_news_release_of_an_online_bilateral_workshop(records):
    """A news release: the meeting's name in the body (not the headline), the initiative by its name, a new company's
    country in brackets, quotes by surname, a consensus."""
    assert _read("ytc-lgtc-news-online.txt") == {
        "workshop": (
            "Workshop on Solar Installation Skills between Yunnan Technician College and Lao-German Technical College",
            "bilateral",
            "online",
            None,
            "2022-04-13",
            "day",
            30,
            None,
            "Skills Development Network through South-South Cooperation",
        ),
        "organisations": [
            ("Yunnan Technician College", "host", "CN"),
            ("Lao-German Technical College", "host", "LA"),
            ("Kunming Solar Engineering Co., Ltd.", "participant", "CN"),
            ("International Labour Organization", "participant", ""),
        ],
        "people": [
            (
                "Mr.",
                "Jinlin",
                "Xiang",
                "Dean of the Electrical Engineering School",
                "Yunnan Technician College",
                "speaker",
            ),
            ("Ms.", "Phonevilay", "Sisouphanh", "Director", "Lao-German Technical College", "speaker"),
        ],
        "quotes": [
            ("Xiang", "Every trainee installs a real "),
            ("Xiang", "We are ready to share the modu"),
            ("Sisouphanh", "Laos will need hundreds of sol"),
        ],
        "outcomes": [
            ("consensus", "The two colleges agreed to exchange their training modules before the end of June.")
        ],
        "actions": [("Exchange their training modules before the end of June", None, None)],
        "topics": ["Solar installation skills", "Solar installation curricula", "Certification of trainers"],
    }


def test_bullet_minutes_with_headings_as_text(records):
    """Bullet-point minutes: title from the 'Minutes —' line, hybrid from 'in person and online (blended)', the
    delegates' count not the year, chairs, two decisions and two owned action points, the agenda as topics."""
    assert _read("lgtc-vientiane-bullet-minutes.txt") == {
        "workshop": (
            "Joint Review Meeting of the Lao-German Technical College and Yunnan Technician College Teacher Exchange",
            "bilateral",
            "hybrid",
            "Conference Room, Lao-German Technical College, Vientiane",
            "2022-12-09",
            "day",
            21,
            None,
            None,
        ),
        "organisations": [
            ("Lao-German Technical College", "host", "LA"),
            ("Yunnan Technician College", "host", "CN"),
            ("Vientiane Capital Department of Labour and Social Welfare", "participant", ""),
            ("International Labour Organization", "participant", ""),
        ],
        "people": [
            ("Ms.", "Phonevilay", "Sisouphanh", "Director", "Lao-German Technical College", "chair"),
            ("Mr.", "Wei", "Zhang", "Vice-President", "Yunnan Technician College", "chair"),
            (
                "Mr.",
                "Khamphone",
                "Vongsa",
                "Deputy Director",
                "Vientiane Capital Department of Labour and Social Welfare",
                "participant",
            ),
            ("Ms.", "Xiaomei", "Zhao", "Project Officer", "International Labour Organization", "participant"),
        ],
        "quotes": [],
        "outcomes": [
            ("decision", "The teacher exchange will continue in 2023 with twelve teachers."),
            ("decision", "The automotive repair curriculum will be revised jointly."),
        ],
        "actions": [
            ("Send the 2023 exchange list to Yunnan Technician College", "Lao-German Technical College", "2023-01-31"),
            ("Prepare the revised curriculum outline", "Zhang", "2023-03-31"),
        ],
        "topics": ["Results of the 2022 teacher exchange", "Automotive repair curriculum", "Plan for 2023"],
    }


def test_bullet_minutes_with_headings_as_docx(records):
    """The same style as a .docx: headings and list items come through without their bullets."""
    assert _read("tvi-dvet-bullet-minutes.docx") == {
        "workshop": (
            "Bilateral Consultation between Tianjin Vocational Institute and Hanoi Vocational College of Technology",
            "bilateral",
            "hybrid",
            "Room 305, Hanoi Vocational College of Technology, Hanoi",
            "2024-02-22",
            "day",
            28,
            None,
            None,
        ),
        "organisations": [
            ("Tianjin Vocational Institute", "host", "CN"),
            ("Hanoi Vocational College of Technology", "host", ""),
            ("Directorate of Vocational Education and Training", "participant", "VN"),
        ],
        "people": [
            ("Mr.", "Van Minh", "Nguyen", "Rector", "Hanoi Vocational College of Technology", "chair"),
            (
                "Mr.",
                "Jianguo",
                "Wang",
                "Dean of International Cooperation",
                "Tianjin Vocational Institute",
                "participant",
            ),
            (
                "Ms.",
                "Thi Lan",
                "Tran",
                "Head of Training Department",
                "Hanoi Vocational College of Technology",
                "participant",
            ),
            (
                "Mr.",
                "Quoc Hung",
                "Pham",
                "Deputy Director General",
                "Directorate of Vocational Education and Training",
                "participant",
            ),
        ],
        "quotes": [],
        "outcomes": [
            ("decision", "The two institutions will sign a memorandum of understanding on industrial robotics."),
            ("decision", "Tianjin Vocational Institute will host six Vietnamese teachers in 2024."),
        ],
        "actions": [
            ("Draft the memorandum of understanding", "Tianjin Vocational Institute", "2024-04-30"),
            ("Nominate the six teachers", "Tran", "2024-05-31"),
        ],
        "topics": ["Industrial robotics programme", "Dual training with enterprises"],
    }


def test_a_training_with_a_participants_table_in_a_docx(records):
    """A ToT with a participants table (name / title / organisation): each person's title and organisation from their
    row; 'Ms. Yang Hong' in the order the text writes its other Chinese names ("Mr. Chen Gang")."""
    assert _read("cipc-tot-table.docx") == {
        "workshop": (
            "Training of Trainers on Industrial Automation for Indonesian Polytechnic Lecturers",
            "training",
            "in_person",
            "Automation Laboratory, Chongqing Industry Polytechnic College, Chongqing",
            "2023-07-04",
            "day",
            15,
            None,
            "Belt and Road Skills Alliance",
        ),
        "organisations": [
            ("Chongqing Industry Polytechnic College", "host", "CN"),
            ("Ministry of Education, Culture, Research and Technology", "coordinator", "ID"),
            ("Politeknik Negeri Bandung", "participant", "ID"),
            ("Politeknik Negeri Semarang", "participant", "ID"),
        ],
        "people": [
            ("Ms.", "Hong", "Yang", "Vice-President", "Chongqing Industry Polytechnic College", "speaker"),
            ("Mr.", "Gang", "Chen", "Senior Trainer", "Chongqing Industry Polytechnic College", "speaker"),
            ("Dr.", "Budi", "Santoso", "Director of Academic Affairs", "Politeknik Negeri Bandung", "speaker"),
            ("Ms.", "Sri", "Wahyuni", "Lecturer", "Politeknik Negeri Semarang", "participant"),
        ],
        "quotes": [("Santoso", "The lab sessions showed our le")],
        "outcomes": [],
        "actions": [
            ("Share the training materials", "Chongqing Industry Polytechnic College", "2023-07-31"),
            ("Report back to the Ministry", "Santoso", "2023-08-31"),
        ],
        "topics": ["PLC programming", "Sensor calibration"],
    }


def test_a_pasted_e_mail(records):
    """A pasted e-mail: the headers' date is not the meeting's, the body's name beats the subject's shorter one, a
    range's first day, a 'Next steps' action with its owner."""
    assert _read("sihanoukville-pasted-mail.txt") == {
        "workshop": (
            "Study Visit of Sihanoukville Enterprises to Wuxi Institute of Technician",
            "study_visit",
            "in_person",
            None,
            "2023-03-14",
            "day",
            12,
            None,
            None,
        ),
        "organisations": [
            ("Wuxi Institute of Technician", "host", "CN"),
            ("Sihanoukville Special Economic Zone Co., Ltd.", "participant", "KH"),
            ("Angkor Garment Factory", "participant", "KH"),
            ("Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", None, "KH"),
            ("International Labour Organization", None, ""),
        ],
        "people": [
            ("Mr.", "Jianbin", "Chen", "Vice-Principal", "Wuxi Institute of Technician", "speaker"),
            ("Ms.", "Sreymom", "Chan", "Human Resources Manager", "Angkor Garment Factory", "speaker"),
        ],
        "quotes": [("Chan", "What we saw in Wuxi is the lev")],
        "outcomes": [],
        "actions": [
            ("Send its training needs to Wuxi Institute of Technician", "Angkor Garment Factory", "2023-04-30")
        ],
        "topics": ["Internships for polytechnic students", "Training of line supervisors"],
    }


def test_a_pdf_of_a_multilateral_meeting(records):
    """A PDF: the title line kept apart, venue with its city, the programme by name, a decision with no action made
    from it."""
    assert _read("mekong-regional-meeting.pdf") == {
        "workshop": (
            "Regional Meeting on Teacher Mobility in the Mekong Region",
            "multilateral",
            "hybrid",
            "Sofitel Hotel, Vientiane",
            "2023-10-17",
            "day",
            48,
            "Mekong TVET Partnership",
            None,
        ),
        "organisations": [
            ("International Labour Organization", "coordinator", ""),
            ("Lao-German Technical College", "host", "LA"),
            ("Vientiane Capital Department of Labour and Social Welfare", None, ""),
            ("Technical and Vocational Education Department", None, "LA"),
        ],
        "people": [
            (
                "Mr.",
                "Khamphone",
                "Vongsa",
                "Deputy Director",
                "Vientiane Capital Department of Labour and Social Welfare",
                "chair",
            ),
            (
                "Dr.",
                "Sombath",
                "Keovongsa",
                "Director General",
                "Technical and Vocational Education Department",
                "speaker",
            ),
            ("Ms.", "Xiaomei", "Zhao", "Project Officer", "International Labour Organization", "speaker"),
        ],
        "quotes": [("Keovongsa", "Teachers who have worked abroa"), ("Zhao", "Two in three exchanged teacher")],
        "outcomes": [
            ("decision", "The meeting decided to set up a regional register of exchange teachers."),
            ("consensus", "Delegates agreed that recognition of teacher qualifications is a priority for 2024."),
        ],
        "actions": [("Draft the register's terms of reference", "International Labour Organization", "2023-12-15")],
        "topics": ["Mutual recognition of teacher qualifications", "Funding for exchanges"],
    }


def test_narrative_minutes_of_a_study_visit(records):
    """Narrative minutes with label lines: the chair from 'Chair:', the visitors and the hosts, a consensus that is not
    an action."""
    assert _read("tvi-study-visit-narrative.txt") == {
        "workshop": (
            "Study Visit of the Directorate of Vocational Education and Training to Tianjin",
            "study_visit",
            "in_person",
            "Tianjin Vocational Institute, Tianjin",
            "2023-09-05",
            "day",
            16,
            None,
            None,
        ),
        "organisations": [
            ("Directorate of Vocational Education and Training", "participant", "VN"),
            ("Tianjin Vocational Institute", "host", "CN"),
            ("International Labour Organization", "coordinator", ""),
        ],
        "people": [
            ("Mr.", "Jianguo", "Wang", "Dean", "Tianjin Vocational Institute", "chair"),
            (
                "Mr.",
                "Quoc Hung",
                "Pham",
                "Deputy Director General",
                "Directorate of Vocational Education and Training",
                "speaker",
            ),
            ("Ms.", "Na", "Li", "Lecturer", "Tianjin Vocational Institute", "speaker"),
        ],
        "quotes": [("Pham", "Viet Nam wants to build three ")],
        "outcomes": [
            ("consensus", "The two sides agreed that TVI will train eight Vietnamese robotics teachers in 2024.")
        ],
        "actions": [("Nominate the eight teachers", "Directorate of Vocational Education and Training", "2023-10-31")],
        "topics": ["Industrial robotics centre", "School-enterprise cooperation", "Teacher training"],
    }


def test_an_action_owner_written_with_her_organisation_in_brackets_is_the_person(records):
    """An action line's "Ms. Sokha Lim (PCCFPI)": the person, of PCCFPI, not an organisation "Sokha Lim" (no word of
    it starts as the acronym does)."""
    text = (
        "Minutes — Coordination Meeting between PCCFPI and WIT\n\nDate: 4 February 2025\n\nParticipants\n"
        "- Ms. Sokha Lim, Head of Welding Department, PCCFPI\n\nAction points\n"
        "- Finalise the list of trainees – Ms. Sokha Lim (PCCFPI) – due 20 February 2025\n"
    )
    got = fields(read_report(text))
    assert got["organisations"] == [
        ("Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", "host", "KH"),
        ("Wuxi Institute of Technician", "host", "CN"),
    ]
    assert got["people"] == [
        (
            "Ms.",
            "Sokha",
            "Lim",
            "Head of Welding Department",
            "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute",
            "participant",
        )
    ]
    assert got["actions"] == [("Finalise the list of trainees", "Lim", "2025-02-20")]


def test_the_dates_in_brackets_after_an_e_mail_subject_are_not_in_the_title(records):
    text = (
        "From: Sreyneang Ouk <ouk@pccfpi.example.edu.kh>\nTo: Yutong Liu <liuyt@ilo.example.org>\n"
        "Subject: Report: Study Visit of PCCFPI Teachers to Wuxi Institute of Technician (7-11 October 2024)\n"
        "Date: Mon, 14 Oct 2024 10:22:31 +0700\n\nDear Ms. Liu,\n\nFrom 7 to 11 October 2024, a delegation of eight "
        "teachers from PCCFPI visited Wuxi Institute of Technician.\n"
    )
    workshop = fields(read_report(text))["workshop"]
    assert workshop[:2] == ("Study Visit of PCCFPI Teachers to Wuxi Institute of Technician", "study_visit")
    assert (workshop[4], workshop[6]) == ("2024-10-07", 8)
