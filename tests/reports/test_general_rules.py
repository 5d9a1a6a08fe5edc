"""General rules the fresh reports (tests/fixtures/reports/corpus/fresh/) showed the reader lacked, each on a short
text of its own (not one of the corpus reports)."""

import pytest

from reports.reader import read_report
from tests.reports.test_styles import fields


@pytest.fixture
def records(corpus_records):
    return corpus_records


def test_a_quote_speaker_named_by_a_given_name_alone_or_by_position_and_family_name(records):
    text = (
        "Khon Kaen, 3 June 2024 — Dr. Anucha Prasertsri, Director of Khon Kaen Technical College, welcomed "
        "Ms. Wang Hui, Principal of Nanjing Technician College.\n"
        '"Our students need practice on modern machines before they graduate," Dr. Anucha said.\n'
        '"We can offer our welding workshop for a month each summer," Principal Wang said.\n'
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Dr.", "Anucha", "Prasertsri", "Director", "Khon Kaen Technical College", "speaker"),
        ("Ms.", "Hui", "Wang", "Principal", "Nanjing Technician College", "speaker"),
    ]
    assert got["quotes"] == [
        ("Prasertsri", "Our students need practice on "),
        ("Wang", "We can offer our welding works"),
    ]


def test_co_ltd_and_office_of_the_names_keep_their_words_and_of_a_country_is_their_country(records):
    text = (
        "Udon Thani, 5 May 2024 — Udon Thani Technical College hosted a meeting on solar panel maintenance. Some 30 "
        "teachers attended, including staff of Isan Solar Power Co., Ltd. of Thailand and the Office of the "
        "Vocational Education Commission of Thailand.\n"
        "Mr. Li Wei, Sales Manager of Siam Battery Co., Ltd., spoke about storage.\n"
    )
    got = fields(read_report(text))
    # "… attended, including staff of A and the Office of B": A and B took part.
    assert got["organisations"] == [
        ("Udon Thani Technical College", None, ""),
        ("Isan Solar Power Co., Ltd.", "participant", "TH"),
        ("Office of the Vocational Education Commission", "participant", "TH"),
        ("Siam Battery Co., Ltd.", None, ""),
    ]
    assert got["people"] == [("Mr.", "Wei", "Li", "Sales Manager", "Siam Battery Co., Ltd.", "participant")]
    # Who attended is no topic: "including staff of … Co., Ltd. of Thailand and the Office of …".
    assert got["topics"] == []


def test_hosted_by_one_side_of_a_workshop_between_two_institutes_makes_only_that_side_host(records):
    text = (
        "Seminar on Mechatronics Teaching between Hanoi Vocational College and Guangxi Technician Institute\n\n"
        "Hanoi, 2 March 2024 — The seminar was hosted by Hanoi Vocational College and attended by twelve teachers "
        "of Guangxi Technician Institute.\n"
    )
    got = fields(read_report(text))
    assert got["organisations"] == [
        ("Hanoi Vocational College", "host", ""),
        ("Guangxi Technician Institute", "participant", ""),
    ]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # A meeting between two institutes on a training programme is a bilateral meeting …
        (
            "Review Meeting between Luang Prabang Technical College and Kunming Technician College on the "
            "Hospitality Training Programme",
            "bilateral",
        ),
        # … a training programme itself stays a training.
        ("Hospitality Training Programme for Luang Prabang Technical College Teachers", "training"),
    ],
)
def test_training_words_naming_what_a_meeting_was_about_do_not_make_it_a_training(records, title, kind):
    text = (
        f"{title}\n\nDate: 8 April 2024\nVenue: Meeting Room 1, Luang Prabang Technical College\n\n"
        "Decisions\n1. The next cohort of trainees will start in June 2024.\n"
    )
    proposal = read_report(text)
    assert (proposal["title"]["value"], proposal["kind"]["value"]) == (title, kind)
    assert [(o["kind"], o["text"]) for o in proposal["outcomes"]] == [
        ("decision", "The next cohort of trainees will start in June 2024.")
    ]


@pytest.mark.parametrize(
    "venue_line",
    [
        "Room 4, Battambang Polytechnic Institute, Battambang; online via Zoom",
        "Room 4, Battambang Polytechnic Institute, Battambang, and online (Tencent Meeting)",
    ],
)
def test_a_venue_line_with_an_online_part_is_the_place_and_a_hybrid_meeting(records, venue_line):
    text = (
        "Coordination Meeting between Battambang Polytechnic Institute and Nanning Technician College\n\n"
        f"Date: 12 March 2024\nVenue: {venue_line}\n\n"
        "Decisions\n1. The exchange of teachers will start in May 2024.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"] == (
        "Coordination Meeting between Battambang Polytechnic Institute and Nanning Technician College",
        "bilateral",
        "hybrid",
        "Room 4, Battambang Polytechnic Institute, Battambang",
        "2024-03-12",
        "day",
        None,
        None,
        None,
    )


def test_a_coordinated_by_label_line_makes_its_organisation_the_coordinator(records):
    text = (
        "Coordination Meeting between Battambang Polytechnic Institute and Nanning Technician College\n\n"
        "Date: 12 March 2024\nVenue: Room 4, Battambang Polytechnic Institute, Battambang\n"
        "Coordinated by: Mekong Vocational Training Centre (MVTC)\n\n"
        "Participants\n• Mr. Sokun Chan, Director, Battambang Polytechnic Institute\n"
    )
    got = fields(read_report(text))
    assert got["organisations"] == [
        ("Battambang Polytechnic Institute", "host", ""),
        ("Nanning Technician College", "host", ""),
        ("Mekong Vocational Training Centre", "coordinator", ""),
    ]
    assert got["people"] == [("Mr.", "Sokun", "Chan", "Director", "Battambang Polytechnic Institute", "participant")]


def test_label_line_minutes_with_a_title_in_capitals_and_sub_numbered_sections(records):
    text = (
        "MINUTES OF THE REVIEW MEETING BETWEEN MEKONG VALLEY TECHNICAL COLLEGE AND GUILIN TECHNICIAN INSTITUTE ON "
        "WELDING TRAINING\n\n"
        "Date: 4 March 2025\nVenue: Room 2, Mekong Valley Technical College, Pakse\n"
        "Host: Mekong Valley Technical College\n"
        "Chair: Mr. Khamla Souvannavong, Director, Mekong Valley Technical College\n\n"
        "1. Opening\n1.1 The Chair welcomed the delegation of Guilin Technician Institute (GTI).\n\n"
        "2. Decisions\n2.1 The welding course will start on 1 June 2025.\n2.2 GTI will send one trainer.\n\n"
        "3. Action points\n3.1 Prepare the workshop - Mekong Valley Technical College - by 30 April 2025\n\n"
        "Participants\n- Ms. Dara Phan, Lecturer, Champasak Provincial Skills Centre\n"
    )
    got = fields(read_report(text))
    # The title in capitals written as a title, not "1. Opening"; its names are no organisations of their own.
    assert got["workshop"] == (
        "Review Meeting between Mekong Valley Technical College and Guilin Technician Institute on Welding Training",
        "bilateral",
        "in_person",
        "Room 2, Mekong Valley Technical College, Pakse",
        "2025-03-04",
        "day",
        None,
        None,
        None,
    )
    # "Host:" makes its organisation the host; a listed participant's organisation takes part.
    assert got["organisations"] == [
        ("Mekong Valley Technical College", "host", ""),
        ("Guilin Technician Institute", "participant", ""),
        ("Champasak Provincial Skills Centre", "participant", ""),
    ]
    assert got["outcomes"] == [
        ("decision", "The welding course will start on 1 June 2025."),
        ("decision", "GTI will send one trainer."),
    ]
    assert got["actions"] == [("Prepare the workshop", "Mekong Valley Technical College", "2025-04-30")]


def test_a_numbered_agenda_item_named_like_a_section_is_no_heading(records):
    text = (
        "Coordination Meeting between Battambang Polytechnic Institute and Nanning Technician College\n\n"
        "Date: 12 March 2024\n\nAgenda\n1. Opening\n2. Review of the welding curriculum\n3. Closing\n"
    )
    assert fields(read_report(text))["topics"] == ["Review of the welding curriculum"]


def test_a_position_then_its_organisation_after_a_name_and_a_unit_in_the_position(records):
    text = (
        "Welding Review Meeting between Pakse Technical College and Guilin Technician Institute (GTI)\n\n"
        "Date: 4 March 2025\n\n"
        "Ms. Chen Xiaohua, Dean of the School of Mechanical Engineering, GTI, presented the curriculum. Mr. Boun Keo, "
        "Training Manager, Mekong Motors Co., Ltd. (Lao PDR), spoke about placements. Mr. Somsak Dara, Deputy "
        "Director General, Department of Skills and Vocational Training of Lao PDR, welcomed the plan. Mr. Li Ming, "
        "Lecturer, GTI (online), explained the welding standards.\n"
    )
    got = fields(read_report(text))
    # "Title, Unit, Organisation": the unit is in the title, no organisation of its own; "… and … of Lao PDR" is
    # one name, in LA.
    assert got["organisations"] == [
        ("Pakse Technical College", "host", ""),
        ("Guilin Technician Institute", "host", ""),
        ("Mekong Motors Co., Ltd.", None, "LA"),
        ("Department of Skills and Vocational Training", None, "LA"),
    ]
    assert got["people"] == [
        (
            "Ms.",
            "Xiaohua",
            "Chen",
            "Dean of the School of Mechanical Engineering",
            "Guilin Technician Institute",
            "speaker",
        ),
        ("Mr.", "Boun", "Keo", "Training Manager", "Mekong Motors Co., Ltd.", "participant"),
        ("Mr.", "Somsak", "Dara", "Deputy Director General", "Department of Skills and Vocational Training", "speaker"),
        ("Mr.", "Ming", "Li", "Lecturer", "Guilin Technician Institute", "speaker"),
    ]


def test_a_numbered_minutes_line_with_its_subject_before_the_speaker(records):
    text = (
        "Minutes of the Coordination Meeting between Pakse Technical College and Guilin Technician Institute\n\n"
        "Date: 4 March 2025\n\n"
        "2. Discussion\n"
        "2.1 Workshop equipment: Mr. Boun Keo, Workshop Manager, Pakse Technical College, said that the benches "
        "arrived in April.\n"
        "2.2 Mr. Li Ming, Lecturer, Guilin Technician Institute, offered remote guidance.\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Mr.", "Boun", "Keo", "Workshop Manager", "Pakse Technical College", "speaker"),
        ("Mr.", "Ming", "Li", "Lecturer", "Guilin Technician Institute", "speaker"),
    ]


def test_a_news_item_with_a_dateline_line_a_course_named_in_its_body_and_things_online(records):
    text = (
        "Trainers from two countries finish a welding course in Nanning\n\n"
        "Nanning, 9 May 2025\n\n"
        "Twelve teachers from Laos and Cambodia completed the Training Course on Pipe Welding for Mekong Instructors, "
        "held from 28 April to 8 May 2025 at the Welding Training Centre, Guangxi Technician Institute, Nanning. All "
        "sessions were held in person.\n\n"
        "Over ten days the course covered pipe welding, weld inspection and a workshop safety drill. Ms. Dara Phan, "
        "Lecturer of Guangxi Technician Institute, led the practical sessions.\n\n"
        "The participating colleges agreed to form a regional welding network that will meet online twice a year.\n\n"
        "Next steps\n"
        "1. Ms. Phan will send the photos to the colleges, by 15 May 2025.\n"
        "2. Guangxi Technician Institute will publish the videos on its online platform by 30 June 2025.\n"
    )
    got = fields(read_report(text))
    # The dateline is neither the title nor the date; "online" of a platform or of later meetings is not the format;
    # "Twelve teachers" on the line after a year is the attendance.
    assert got["workshop"] == (
        "Training Course on Pipe Welding for Mekong Instructors",
        "training",
        "in_person",
        "Welding Training Centre, Guangxi Technician Institute, Nanning",
        "2025-04-28",
        "day",
        12,
        None,
        None,
    )
    # Where they completed the course is no organisation taking part, nor is an action's owner.
    assert got["organisations"] == [("Welding Training Centre", None, ""), ("Guangxi Technician Institute", None, "")]
    assert got["outcomes"] == [
        (
            "consensus",
            "The participating colleges agreed to form a regional welding network that will meet online twice a year.",
        )
    ]
    assert got["actions"] == [
        ("Form a regional welding network that will meet online twice a year", None, None),
        ("Send the photos to the colleges", "Phan", "2025-05-15"),
        ("Publish the videos on its online platform", "Guangxi Technician Institute", "2025-06-30"),
    ]
    assert got["topics"] == ["Pipe welding", "Weld inspection", "Workshop safety drill"]


def test_a_meeting_of_two_institutes_and_the_subjects_of_a_discussions_numbered_items(records):
    text = (
        "Coordination Meeting of Pakse Technical College and Guilin Technician Institute\n\n"
        "Date: 4 March 2025\n\n"
        "2. Discussion\n"
        "2.1 Welding equipment: the benches arrived in April.\n"
        "2.2 Teacher exchange: Mr. Boun Keo, Workshop Manager, Pakse Technical College, proposed two visits a year.\n"
        "2.3 Pakse Technical College: the new building opens in May.\n"
    )
    got = fields(read_report(text))
    # "Coordination Meeting of A and B" names A and B, not an organisation "Coordination Meeting of A".
    assert got["organisations"] == [
        ("Pakse Technical College", "host", ""),
        ("Guilin Technician Institute", "host", ""),
    ]
    # An item's subject before its colon is a topic; an organisation's name there is not.
    assert got["topics"] == ["Welding equipment", "Teacher exchange"]


def test_a_name_whose_acronym_holds_its_country_keeps_it_and_topics_after_a_capital_topics_label(records):
    text = (
        "Workshop on Welding Assessment\n\n"
        "Venue: Hall A, Royal Polytechnic Institute of Cambodia, Phnom Penh\n\n"
        "The workshop was hosted by the Royal Polytechnic Institute of Cambodia (RPIC) on 6 March 2024. Mr. Wang "
        "Jun, Lecturer of Suzhou Technician College of China (STC), presented the rubric.\n\n"
        "Topics covered: welding inspection, rubric design and recognition of prior learning.\n"
    )
    got = fields(read_report(text))
    # RPIC has the C of Cambodia: the country is part of the name; STC has none of China: it is the college's country
    # (and its lecturer presented: it took part).
    assert got["organisations"] == [
        ("Royal Polytechnic Institute of Cambodia", "host", "KH"),
        ("Suzhou Technician College", "participant", "CN"),
    ]
    assert got["topics"] == ["Welding inspection", "Rubric design", "Recognition of prior learning"]


def test_the_position_ending_the_paragraph_before_is_not_the_next_persons(records):
    text = (
        "Workshop on Welding Assessment\n\n"
        "The workshop was chaired by Ms. Dara Phan, Director of Pakse Technical College.\n\n"
        "Mrs. Nguyen Thi Hoa, Deputy Director General of the Directorate of Vocational Training, presented the plan.\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Ms.", "Dara", "Phan", "Director", "Pakse Technical College", "chair"),
        ("Mrs.", "Thi Hoa", "Nguyen", "Deputy Director General", "Directorate of Vocational Training", "speaker"),
    ]


def test_the_place_right_after_the_dates_of_a_meeting_named_before_them(records):
    text = (
        "Udon Thani, 5 May 2024 — Udon Thani Technical College held a Workshop on Solar Panel Maintenance on 2–3 May "
        "2024 at the Energy Training Centre of Udon Thani Technical College. Some 30 teachers attended.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"][3:5] == ("Energy Training Centre of Udon Thani Technical College", "2024-05-02")


def test_a_sub_numbered_participants_line_with_its_role_in_brackets(records):
    text = (
        "Minutes of the Coordination Meeting between Pakse Technical College and Guilin Technician Institute\n\n"
        "Date: 4 March 2025\n\n1. Participants\n"
        "1.1 Mr. Boun Keo, Workshop Manager, Pakse Technical College\n"
        "1.2 Ms. Chen Xiaohua, Dean, Guilin Technician Institute (chair)\n"
    )
    assert fields(read_report(text))["people"] == [
        ("Mr.", "Boun", "Keo", "Workshop Manager", "Pakse Technical College", "participant"),
        ("Ms.", "Xiaohua", "Chen", "Dean", "Guilin Technician Institute", "chair"),
    ]


def test_labelled_decisions_members_agreeing_and_a_table_of_actions(records):
    text = (
        "Minutes of the Third Meeting of the Pakse Technical College and Guilin Technician Institute Working Group\n\n"
        "Date: 4 March 2025\n\n"
        "Participants\n\n"
        "Ms. Dara Phan, Director, Pakse Technical College\n"
        "Ms. Chen Xiaohua, Dean, Guilin Technician Institute\n\n"
        "1. Welding curriculum\n\n"
        "Ms. Chen Xiaohua presented the draft curriculum.\n\n"
        "Decision: The working group adopted the draft curriculum.\n\n"
        "Members agreed that trainers who pass the course will receive a certificate.\n\n"
        "Action points\n\n"
        "No.\tAction\tResponsible\tDeadline\n"
        "1\tTranslate the curriculum into Lao\tGuilin Technician Institute (Ms. Chen)\t15 April 2025\n"
        "2\tCirculate the minutes\tPakse Technical College\t11 March 2025\n"
    )
    got = fields(read_report(text))
    assert got["outcomes"] == [
        ("decision", "The working group adopted the draft curriculum."),
        ("consensus", "Members agreed that trainers who pass the course will receive a certificate."),
    ]
    assert got["actions"] == [
        ("Translate the curriculum into Lao", "Chen", "2025-04-15"),
        ("Circulate the minutes", "Pakse Technical College", "2025-03-11"),
    ]


def test_a_news_release_of_a_signing_on_the_day_of_its_dateline(records):
    text = (
        "FOR IMMEDIATE RELEASE\n\n"
        "Guilin college and Pakse partner sign agreement on a welding centre\n\n"
        "GUILIN, China, 9 April 2025 – Guilin Technician Institute and Pakse Technical College today signed an "
        "agreement to set up a welding centre, at a ceremony in Lijiang Hall on Guilin Technician Institute's "
        "Yanshan campus.\n\n"
        "The Signing Ceremony of the Agreement on the Pakse Welding Centre was attended by 40 guests. The centre "
        "will open on 1 September 2025.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"][0] == "Signing Ceremony of the Agreement on the Pakse Welding Centre"
    assert got["workshop"][2:6] == (
        "in_person",
        "Lijiang Hall, Yanshan campus, Guilin Technician Institute",
        "2025-04-09",
        "day",
    )
    assert got["organisations"][0] == ("Guilin Technician Institute", "host", "")


def test_positions_at_an_organisation_and_a_course_given_day_by_day(records):
    text = (
        "Report on the Training of Trainers on Solar Installation\n\n"
        "The course was hosted by Pakse Technical College. The sessions were led by Mr. Wei Zhang, Chief Solar "
        "Trainer at Guilin Technician Institute, with Mr. Boun Keo, a solar instructor from Pakse Technical "
        "College.\n\n"
        "Day 1 introduced the basics of photovoltaics and the tools of the trade. Day 2 was devoted to roof safety, "
        "and Day 3 to the wiring of inverters. On Day 4 the trainees worked in pairs on testing battery banks for "
        "homes. Day 5 dealt with fault finding and with the maintenance of small systems.\n"
    )
    got = fields(read_report(text))
    assert [p[1:5] for p in got["people"]] == [
        ("Wei", "Zhang", "Chief Solar Trainer", "Guilin Technician Institute"),
        ("Boun", "Keo", "solar instructor", "Pakse Technical College"),
    ]
    topics = [t["value"] for t in read_report(text)["topics"]]
    assert topics == [
        "basics of photovoltaics",
        "Tools of the trade",  # "introduced A and B" (an earlier rule)
        "roof safety",
        "wiring of inverters",
        "testing battery banks",
        "fault finding",
        "maintenance of small systems",
    ]


def test_a_delegations_size_and_a_list_of_what_was_agreed(records):
    text = (
        "Summary of the Study Visit to Guilin Technician Institute\n\n"
        "Our six-member delegation was led by Ms. Dara Phan, Director of Pakse Technical College. Two instructors "
        "from the college also came.\n\n"
        "At the working session the two colleges agreed that:\n"
        "- Guilin Technician Institute will share its welding curriculum;\n"
        "- the two colleges will explore a joint certificate.\n"
    )
    proposal = read_report(text)
    assert proposal["reported_attendance"]["value"] == 6
    assert fields(proposal)["outcomes"] == [
        ("consensus", "Guilin Technician Institute will share its welding curriculum."),
        ("consensus", "The two colleges will explore a joint certificate."),
    ]


def test_roles_from_a_venue_line_a_coordinator_said_in_passing_and_who_the_trainees_came_from(records):
    text = (
        "Minutes of the Coordination Meeting on Welding Assessment\n\n"
        "Date: 4 March 2025\n\n"
        "Venue: Meeting Room 1, Pakse Technical College, Pakse\n\n"
        "The working group was set up with the ILO as coordinator. In total 12 trainees took part: eight from "
        "Guilin Technician Institute and four from Udon Thani Technical College.\n\n"
        "Decision: The next meeting will be held in Guilin in May 2025, hosted by Guilin Technician Institute.\n"
    )
    got = fields(read_report(text))
    assert [(o[0], o[1]) for o in got["organisations"]] == [
        ("Pakse Technical College", "host"),
        ("International Labour Organization", "coordinator"),
        ("Guilin Technician Institute", "participant"),
        ("Udon Thani Technical College", "participant"),
    ]


def test_a_meeting_of_a_working_group_is_multilateral(records):
    text = (
        "Minutes of the First Meeting of the Mekong Welding Network Working Group\n\n"
        "Date: 4 March 2025\n\nThe members met in Pakse.\n"
    )
    assert fields(read_report(text))["workshop"][1] == "multilateral"


def test_a_study_visit_is_in_person_hosted_by_the_institute_visited_with_an_answer_and_the_things_discussed(records):
    text = (
        "From: Dara Phan <dara@ptc.example.la>\n"
        "Subject: Summary: Study Visit to Guilin Technician Institute on Welding Training (3-5 June 2025)\n\n"
        "Dear colleagues, please find below a short summary of our visit for our records and the follow-up.\n\n"
        "Ms. Dara Phan, Director of Pakse Technical College, led our group. Mr. Li Gang, Workshop Manager of Guilin "
        "Technician Institute, showed us the welding hall. When Ms. Dara asked how long the trainees practise, he "
        'answered: "Every trainee welds for three hours a day before any theory lesson."\n\n'
        "At the end we discussed two things: teacher placements, joint assessment and a shared question bank.\n"
    )
    proposal = read_report(text)
    got = fields(proposal)
    assert got["workshop"][1:3] == ("study_visit", "in_person")
    assert ("Guilin Technician Institute", "host") in [(o[0], o[1]) for o in got["organisations"]]
    assert got["quotes"] == [("Li", "Every trainee welds for three ")]
    assert got["topics"] == ["Teacher placements", "Joint assessment", "Shared question bank"]


def test_a_session_that_covered_things_a_due_date_at_a_months_end_and_they_also_agreed(records):
    text = (
        "Udon Thani, 5 June 2024 — Udon Thani Technical College and Guilin Technician Institute today signed an "
        "agreement on a welding centre.\n\n"
        "The two sides agreed to open the centre in 2025. They also agreed that Guilin Technician Institute will "
        "train ten Udon Thani teachers in Guilin.\n\n"
        "Afterwards the delegations held a working session that covered the welding bench list, the certificate "
        "exam, and English lessons for students.\n\n"
        "Guilin Technician Institute will send two experts to Udon Thani by the end of March to survey the site. "
        "Udon Thani Technical College will choose the first 20 students by the end of August 2025.\n"
    )
    got = fields(read_report(text))
    assert ("consensus", "They also agreed that Guilin Technician Institute will train ten Udon Thani teachers in "
            "Guilin.") in got["outcomes"]  # fmt: skip
    assert got["topics"] == ["Welding bench list", "Certificate exam", "English lessons for students"]
    assert [a for a in got["actions"] if a[2]] == [
        ("Send two experts to Udon Thani", "Guilin Technician Institute", "2025-03-31"),
        ("Choose the first 20 students", "Udon Thani Technical College", "2025-08-31"),
    ]


def test_the_numbered_section_headings_of_minutes_are_their_topics(records):
    text = (
        "Minutes of the Meeting of the Mekong Welding Network Working Group\n"
        "Date: 4 March 2025\n\n"
        "1. Opening\n"
        "The chair opened the meeting and welcomed the members who joined from Pakse and Guilin.\n"
        "2. Review of the last meeting's actions\n"
        "Members noted that two of the three actions of the last meeting had been carried out.\n"
        "3. Welding assessment rubrics\n"
        "The members compared the rubrics that the colleges use for the fillet weld and the butt weld.\n"
        "4. Exchange of trainers in 2026\n"
        "Guilin Technician Institute offered to receive four trainers from Pakse for a month next year.\n"
        "5. Any other business\n"
        "There was no other business and the chair closed the meeting at noon.\n"
    )
    assert fields(read_report(text))["topics"] == ["Welding assessment rubrics", "Exchange of trainers in 2026"]


def test_who_led_sessions_prepared_or_signed_and_the_organisations_of_speakers_and_guests(records):
    text = (
        "Udon Thani, 5 June 2024 — Udon Thani Technical College and Laos's Pakse Technical College today signed "
        "an agreement on a welding centre, at a ceremony in Sala Hall on Udon Thani Technical College's Nongsamrong "
        "campus.\n\n"
        "The ceremony was attended by 40 guests. They included officials of the Udon Thani Provincial Education "
        "Office and staff of Isan Steel Co., Ltd.\n\n"
        "The agreement was signed by Dr. Anucha Prasertsri, Director of Udon Thani Technical College, and "
        "Mr. Somphone Keola, Director of Pakse Technical College.\n\n"
        "The practical sessions were led by Mr. Li Gang, Chief Trainer at Guilin Technician Institute, with "
        "Ms. Xiaoli Zhou, Lecturer in Welding at Guilin Technician Institute. Mr. Narong Chai, Workshop Manager of "
        "Siam Welding Co., Ltd., prepared test plates while Mr. Li explained the marking.\n\n"
        "Mr. Somsak Boonma, Director of Khorat Technical College, announced that his college would join next "
        "year.\n"
    )
    got = fields(read_report(text))
    assert [(o[0], o[1], o[2]) for o in got["organisations"]] == [
        ("Udon Thani Technical College", "host", ""),
        ("Pakse Technical College", "participant", "LA"),
        ("Udon Thani Provincial Education Office", "participant", ""),
        ("Isan Steel Co., Ltd.", "participant", ""),
        ("Guilin Technician Institute", "participant", ""),
        ("Siam Welding Co., Ltd.", "participant", ""),
        ("Khorat Technical College", "participant", ""),
    ]
    assert [(p[2], p[5]) for p in got["people"]] == [
        ("Prasertsri", "participant"),
        ("Keola", "participant"),
        ("Li", "speaker"),
        ("Zhou", "speaker"),
        ("Chai", "speaker"),
        ("Boonma", "speaker"),
    ]


def test_a_vietnamese_name_used_alone_a_day_before_the_subject_and_an_organisation_in_brackets(records):
    text = (
        "Summary of the Study Visit to Guilin Technician Institute\n\n"
        "The delegation of Mr. Do Van Hai, Director of Hai Phong Technical College, was received by Prof. Ye Min, "
        "Vice-President of Guilin Technician Institute, and a Siem Reap guest, Mr. Dara Sok (Siem Reap Provincial "
        "Training Centre, Cambodia), joined them.\n\n"
        "Monday 2 June: Prof. Ye chaired the welcome meeting. Mr. Hai thanked the institute for its welcome.\n"
        "Mr. Dara Sok (Siem Reap Provincial Training Centre) reported that his centre has trainers ready.\n"
    )
    got = fields(read_report(text))
    assert [(p[2], p[5]) for p in got["people"]] == [("Do", "speaker"), ("Ye", "chair"), ("Sok", "speaker")]
    assert ("Siem Reap Provincial Training Centre", "participant", "KH") in got["organisations"]


def test_the_people_received_on_an_organisations_side_and_an_action_the_writer_owns(records):
    text = (
        "From: Dara Phan <dara@ptc.example.la>\n"
        "To: Somphone Keola <somphone@ptc.example.la>\n"
        "Subject: Summary: Study Visit to Guilin Technician Institute (3-5 June 2025)\n\n"
        "Dear colleagues, please find below a short summary of our visit for our records and the follow-up.\n\n"
        "Our group was led by Ms. Dara Phan, Director of Pakse Technical College. On the Guilin Technician "
        "Institute side we were received by Prof. Ye Min, Vice-President, together with Mr. Zhou Bin, Head of the "
        "Student Affairs Office.\n\n"
        "Follow-up actions\n"
        "- Send the welding curriculum - Mr. Zhou Bin - by 30 June 2025\n"
        "- Write the visit report for the college - myself - by 20 June 2025\n"
    )
    got = fields(read_report(text))
    assert [p[1:5] for p in got["people"]] == [
        ("Dara", "Phan", "Director", "Pakse Technical College"),
        ("Min", "Ye", "Vice-President", "Guilin Technician Institute"),
        ("Bin", "Zhou", "Head of the Student Affairs Office", "Guilin Technician Institute"),
    ]
    assert got["actions"] == [
        ("Send the welding curriculum", "Zhou", "2025-06-30"),
        ("Write the visit report for the college", "Phan", "2025-06-20"),
    ]


def test_a_pasted_mail_chain_is_read_from_its_notes_with_a_present_block_by_organisation(records):
    text = (
        "From: Reyes, Ana B. <abreyes@example.ph>\n"
        "Sent: Monday, June 9, 2025 8:02 AM\n"
        "To: Santos, Paolo <psantos@example.ph>\n"
        "Subject: FW: Notes of our call with Guilin Technician Institute\n\n"
        "Hi Paolo, see the notes below, sent on Friday. Ana\n\n"
        "-----Original Message-----\n"
        "From: Cruz, Ramon T. <rtcruz@example.ph>\n"
        "Sent: Friday, June 6, 2025 5:40 PM\n"
        "To: Reyes, Ana B. <abreyes@example.ph>\n"
        "Subject: Notes of our call with Guilin Technician Institute\n\n"
        "Dear Ma'am Ana,\n\n"
        "Please find below my notes of the call we had this week with our partners in Guilin about the welding "
        "course.\n\n"
        "Coordination Meeting on the Welding Instructor Exchange\n"
        "Pakse Technical College and Guilin Technician Institute\n\n"
        "Date/time: 5 June 2025 (Thursday), 3:00-4:00 PM\n"
        "Platform: Zoom\n\n"
        "Present:\n"
        "Pakse Technical College - Ms. Ana B. Reyes, Head, Welding Department (presiding); Engr. Ramon T. Cruz, "
        "Senior Instructor, Welding\n"
        "Guilin Technician Institute - Mr. Huang Zhiqiang, Director, Foreign Affairs Office\n\n"
        "The two sides reviewed the exchange of instructors planned for the autumn.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"][:5] == (
        "Coordination Meeting on the Welding Instructor Exchange",
        "bilateral",
        "online",
        None,
        "2025-06-05",
    )
    assert got["people"] == [
        ("Ms.", "Ana", "Reyes", "Head, Welding Department", "Pakse Technical College", "chair"),
        ("Engr.", "Ramon", "Cruz", "Senior Instructor, Welding", "Pakse Technical College", "participant"),
        ("Mr.", "Zhiqiang", "Huang", "Director, Foreign Affairs Office", "Guilin Technician Institute", "participant"),
    ]


def test_a_place_word_after_a_centre_kept_with_its_acronym_and_agency(records):
    text = (
        "Minutes of the Planning Meeting on Solar Installer Training\n\n"
        "The meeting between DOLE Provincial Training Centre Cebu (PTC Cebu) and Guilin Technician Institute was "
        "held online on 2 May 2025. DOLE Provincial Training Centre Cebu will host the pilot course.\n"
    )
    names = [o[0] for o in fields(read_report(text))["organisations"]]
    assert "DOLE Provincial Training Centre Cebu" in names


def test_actions_by_a_day_without_its_year_not_later_than_and_i_of_the_sender(records):
    text = (
        "From: Cruz, Ramon T. <rtcruz@example.ph>\n"
        "Sent: Friday, November 7, 2025 5:40 PM\n"
        "Subject: Notes of the Planning Meeting on Solar Installer Training\n\n"
        "Please find below my notes of the Planning Meeting on Solar Installer Training held on 6 November 2025 "
        "with our partners from Guilin Technician Institute.\n\n"
        "Present: Mr. Huang Zhiqiang, Director of Guilin Technician Institute; Engr. Ramon T. Cruz, Senior "
        "Instructor.\n\n"
        "Mr. Huang will send the course outline by 20 January. I will send the list of trainees by 28 November. "
        "Guilin Technician Institute will confirm the dates not later than 15th December 2025.\n"
    )
    assert fields(read_report(text))["actions"] == [
        ("Send the course outline", "Huang", "2026-01-20"),
        ("Send the list of trainees", "Cruz", "2025-11-28"),
        ("Confirm the dates", "Guilin Technician Institute", "2025-12-15"),
    ]


def test_a_report_title_below_a_letterhead_of_several_lines_and_items_agreed_as_following(records):
    text = (
        "Kingdom of Cambodia\nNation Religion King\n\nKampot Technical Institute\nOffice of Partnership\n"
        "No. 12/25 KTI\n\n"
        "Report on the Online Meeting on Welding Training between Kampot Technical Institute and Guilin "
        "Technician Institute\n\n"
        "1. Introduction\n\n"
        "On 3 February 2025 the two institutes held an online meeting to discuss the training of welding teachers.\n\n"
        "After the discussion, both sides were agreed as following:\n"
        "- Guilin Technician Institute will train 4 teachers of Kampot Technical Institute;\n"
        "- the two institutes will sign an agreement in 2025.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"][:2] == (
        "Online Meeting on Welding Training between Kampot Technical Institute and Guilin Technician Institute",
        "bilateral",
    )
    assert got["outcomes"] == [
        ("consensus", "Guilin Technician Institute will train 4 teachers of Kampot Technical Institute."),
        ("consensus", "The two institutes will sign an agreement in 2025."),
    ]


def test_a_pdf_table_s_cells_wrap_by_their_own_line_and_a_running_footer_with_a_page_number_is_left_out():
    from reports.extract import _pdf_paragraphs

    text = (
        "The annual seminar of the network met in the new library of the college this year, and most of\n"
        "its members came.\n"
        "Place Lecture Hall B, Kandy Technical College, Kandy\n"
        "Host Kandy Technical College, Sri Lanka\n"
        "Chair: Dr. Ruwan Perera, Principal, Kandy\n"
        "Technical College, Sri Lanka\n"
        "Ms. Li Na, Dean of the School of Cross-\n"
        "border Trade and\n"
        "Mechanics, Wuxi Institute of Technology\n"
        "Network Seminar Report | page 1\n"
        "\n"
        "(WXIT)\n"
        "10:30 Tea break\n"
        "Network Seminar Report | page 2\n"
    )
    assert _pdf_paragraphs(text).split("\n") == [
        "The annual seminar of the network met in the new library of the college this year, and most of its "
        "members came.",
        "Place Lecture Hall B, Kandy Technical College, Kandy",
        "Host Kandy Technical College, Sri Lanka",
        "Chair: Dr. Ruwan Perera, Principal, Kandy Technical College, Sri Lanka",
        "Ms. Li Na, Dean of the School of Cross-border Trade and Mechanics, Wuxi Institute of Technology (WXIT)",
        "10:30 Tea break",
    ]


def test_label_lines_without_their_colons_in_a_block_of_such_lines(records):
    text = (
        "Second Regional Forum on Dual Training\n"
        "Date 14 March 2024\n"
        "Venue Conference Hall, Kandy Technical College, Kandy\n"
        "Host Kandy Technical College, Sri Lanka\n"
        "The forum was opened by Mr. Ruwan Perera. Some 40 teachers attended.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"] == (
        "Second Regional Forum on Dual Training",
        "conference",
        "in_person",
        "Conference Hall, Kandy Technical College, Kandy",
        "2024-03-14",
        "day",
        40,
        None,
        None,
    )
    assert got["organisations"] == [("Kandy Technical College", "host", "LK")]


def test_a_lone_line_beginning_with_a_label_word_is_no_label_line(records):
    text = "Host institutions in Kandy welcomed the delegates on 2 May 2024.\nVenue changes were announced.\n"
    assert read_report(text)["venue"] is None


def test_the_lines_after_took_the_following_decisions_are_decisions_bulleted_or_not(records):
    text = (
        "Annual meeting of the Mekong TVET Network, Vientiane, 4 June 2024\n\n"
        "3. General Assembly\n"
        "The General Assembly heard the report of the secretariat and took the following decisions:\n"
        "The Assembly adopted the budget for 2025.\n"
        "The next meeting will be held in Hue, Viet Nam. Mr. Tran Van Binh invited everyone.\n"
        "4. Other business\n"
        "None.\n"
    )
    assert fields(read_report(text))["outcomes"] == [
        ("decision", "The Assembly adopted the budget for 2025."),
        ("decision", "The next meeting will be held in Hue, Viet Nam."),
    ]


def test_the_items_under_the_issues_raised_were_are_topics(records):
    text = (
        "Visit of Hue Industrial College to Kandy Technical College, 3 May 2024\n"
        "The issues raised during the visit were:\n"
        "(1) exchange of welding teachers;\n"
        "(2) joint short courses in mechatronics; and\n"
        "(3) student scholarships.\n"
        "The visit ended at noon.\n"
    )
    assert fields(read_report(text))["topics"] == [
        "exchange of welding teachers",
        "joint short courses in mechatronics",
        "student scholarships",
    ]


def test_a_news_page_s_guests_er_as_an_honorific_pvt_ltd_and_the_order_of_chinese_names(records):
    text = (
        "Pokhara, 3 May 2024 – Pokhara Technical School hosted a delegation of Chongqing Water Resources College. "
        "Er. Hari Prasad Thapa, Principal of Pokhara Technical School, welcomed Prof. Deng Jianguo of Chongqing Water "
        "Resources College. Mr. Anil Karki, Chief Executive Officer of Gandaki Hydro Engineering Pvt. Ltd., spoke "
        "about internships. After the talks the two sides held a discussion on turbine maintenance courses and "
        "teacher exchanges.\n\n"
        "Guests\n\n"
        "Ms. Zhou Lin, Director, International Office, Chongqing Water Resources College\n"
        "Mr. Ram Gurung, Teacher, Pokhara Technical School\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Er.", "Hari Prasad", "Thapa", "Principal", "Pokhara Technical School", "speaker"),
        ("Prof.", "Jianguo", "Deng", None, None, "participant"),
        ("Mr.", "Anil", "Karki", "Chief Executive Officer", "Gandaki Hydro Engineering Pvt. Ltd.", "participant"),
        (
            "Ms.",
            "Lin",
            "Zhou",
            "Director, International Office",
            "Chongqing Water Resources College",
            "participant",
        ),
        ("Mr.", "Ram", "Gurung", "Teacher", "Pokhara Technical School", "participant"),
    ]
    assert "Gandaki Hydro Engineering Pvt. Ltd." in [name for name, _role, _country in got["organisations"]]
    assert got["topics"] == ["Turbine maintenance courses", "Teacher exchanges"]


def test_a_company_s_country_in_brackets_before_co_ltd_is_part_of_its_name(records):
    text = (
        "Svay Rieng, 3 May 2024 - Svay Rieng Polytechnic Institute held a meeting with employers.\n"
        "Participants:\n"
        "- Ms. Sophea Lim, HR Manager, Golden Thread (Cambodia) Co., Ltd., Manhattan SEZ\n"
        "- Mr. Dara Sok, Director, Svay Rieng Polytechnic Institute\n"
    )
    got = fields(read_report(text))
    assert ("Golden Thread (Cambodia) Co., Ltd.", "participant", "") in got["organisations"]
    assert got["people"][0] == (
        "Ms.",
        "Sophea",
        "Lim",
        "HR Manager",
        "Golden Thread (Cambodia) Co., Ltd.",
        "participant",
    )


def test_the_organisation_whose_hall_a_meeting_was_held_in_hosts_it(records):
    text = (
        "Pokhara, 3 May 2024 – A meeting on solar training was held in the Seminar Hall of Pokhara Technical School "
        "on Friday. Teachers of Chongqing Water Resources College attended."
    )
    got = fields(read_report(text))
    assert got["workshop"][3] == "Seminar Hall, Pokhara Technical School"
    assert got["organisations"] == [
        ("Pokhara Technical School", "host", ""),
        ("Chongqing Water Resources College", None, ""),
    ]


def test_a_centre_s_short_name_with_its_place_names_it_wherever_it_is_written(records):
    text = (
        "Online meeting of TESDA Provincial Training Center Iloilo (PTC Iloilo) and Ningbo Polytechnic, 4 March 2025\n"
        "Present:\n"
        "PTC Iloilo - Ms. Ana Reyes, Center Administrator; Mr. Jose Cruz, Trainer\n"
        "Ningbo Polytechnic - Dr. Wu Gang, Dean\n"
    )
    got = fields(read_report(text))
    assert [p[4] for p in got["people"]] == [
        "TESDA Provincial Training Center Iloilo",
        "TESDA Provincial Training Center Iloilo",
        "Ningbo Polytechnic",
    ]


def test_a_degree_after_a_listed_name_is_no_part_of_the_title(records):
    text = (
        "Programme\n"
        "Chair: Dr. Budi Santoso, M.T., Director, Politeknik Negeri Malang\n"
        "Speaker: Ms. Rina Dewi, Ph.D., Lecturer, Politeknik Negeri Malang\n"
    )
    got = fields(read_report(text))
    assert [p[3:5] for p in got["people"]] == [
        ("Director", "Politeknik Negeri Malang"),
        ("Lecturer", "Politeknik Negeri Malang"),
    ]


def test_next_steps_each_owner_first_then_what_in_lower_case_and_the_writer_s_own_item(records):
    text = (
        "From: Sengdao Vongsa <sengdao@example.la>\n"
        "Sent: Monday, 12 May 2025 10:15\n"
        "Subject: Notes of our video call on the bakery course\n\n"
        "Dear colleagues,\n\n"
        "Thank you for the video call of 9 May 2025 with Ms. Meiling Xu and Mr. Chanthy Douangdala.\n\n"
        "Next steps:\n"
        "1. GBVC (Ms. Xu) - send the draft outline of the course - by 23 May 2025\n"
        "2. SVC (Mr. Chanthy) - confirm the list of 10 trainees - by 30 June 2025\n"
        "3. Me - check with the Ministry about the certificate - by 31 May 2025\n"
        "4. Next video call in early July, I will send a poll for the date.\n\n"
        "Best regards,\n"
        "Sengdao\n\n"
        "--\n"
        "Ms. Sengdao Vongsa\n"
        "International Cooperation Officer\n"
    )
    assert fields(read_report(text))["actions"] == [
        ("Send the draft outline of the course", "Xu", "2025-05-23"),
        ("Confirm the list of 10 trainees", "Douangdala", "2025-06-30"),
        ("Check with the Ministry about the certificate", "Vongsa", "2025-05-31"),
        ("Next video call in early July", "Vongsa", None),
    ]


def test_a_follow_up_section_s_lead_in_roman_numbered_items_initials_and_an_office_of_an_organisation(records):
    text = (
        "Report of the Study Visit to Wuhu Polytechnic\n\n"
        "1. Members of the delegation\n\n"
        "Dr. Amina Njeri Otieno, Principal, Nyeri Technical Training Institute; Mr. Peter Kamau Ndirangu, "
        "Registrar, Nyeri Technical Training Institute.\n\n"
        "2. Recommendations and follow-up\n\n"
        "The delegation recommends the following follow-up actions:\n\n"
        "(i) Share with Wuhu Polytechnic the welding standard - Dr. Amina Njeri Otieno - by 15 November 2024.\n"
        "(ii) Prepare the draft agreement - Office of the Registrar, Nyeri Technical Training Institute - by 31 "
        "January 2025.\n"
        "(iii) Seek funding for the attachment - Mr. P. K. Ndirangu - by 28 February 2025.\n"
    )
    assert fields(read_report(text))["actions"] == [
        ("Share with Wuhu Polytechnic the welding standard", "Otieno", "2024-11-15"),
        ("Prepare the draft agreement", "Nyeri Technical Training Institute", "2025-01-31"),
        ("Seek funding for the attachment", "Ndirangu", "2025-02-28"),
    ]


def test_an_actions_table_owner_named_by_a_title_only_one_person_holds(records):
    text = (
        "Minutes of the Second Meeting of the Joint Committee of Udon Technical College and Nanning College\n\n"
        "Present: Mr. Somchai Rattana, Chair; Ms. Pim Kaewmanee, Secretary; Dr. Wei Liang, Dean.\n\n"
        "Action items\n"
        "No.\tAction\tResponsible\tDeadline\n"
        "1\tCirculate these minutes to members\tSecretary\t21 March 2025\n"
    )
    assert fields(read_report(text))["actions"] == [("Circulate these minutes to members", "Kaewmanee", "2025-03-21")]


def test_who_was_on_the_call_lines_of_an_organisation_and_its_colon_and_chaired_the_call(records):
    text = (
        "Notes of the video call between Savannakhet Technical College (STC) and Guangxi Agricultural College "
        "on 3 June 2025.\n\n"
        "Who was on the call (5 people):\n"
        "* STC: Mr. Somphone Vilay, Director (chaired the call); Ms. Noy Chanthavong, Head of Food Department\n"
        "* Guangxi Agricultural College: Dr. Li Ming, Dean of the School of Food Science\n\n"
        "Dr. Li presented the outline of the course.\n"
    )
    got = fields(read_report(text))
    assert [p[3:6] for p in got["people"]] == [
        ("Director", "Savannakhet Technical College", "chair"),
        ("Head of Food Department", "Savannakhet Technical College", "participant"),
        ("Dean of the School of Food Science", "Guangxi Agricultural College", "speaker"),
    ]


def test_an_ampersand_inside_an_organisation_s_name_keeps_it_one_name(records):
    text = (
        "Minutes of the meeting of Hat Yai Technical College (HTC) and Nanning Vocational & Technical College "
        "(NVTC), 5 March 2025\n\n"
        "Present:\n"
        "- Ms. Lan Wei, Director, Nanning Vocational & Technical College\n"
    )
    got = fields(read_report(text))
    assert [o[0] for o in got["organisations"]] == [
        "Hat Yai Technical College",
        "Nanning Vocational & Technical College",
    ]
    assert [p[3:5] for p in got["people"]] == [("Director", "Nanning Vocational & Technical College")]


def test_stacked_honorifics_a_chair_label_after_a_programme_slot_and_a_ministry_with_commas_in_its_name(records):
    text = (
        "Regional Forum on Solar Skills\n\n"
        "Kupang, 3 March 2025\n\n"
        "08:30–09:00 Welcome Chair: Prof. Dr. Maria Lestari, M.Eng., Rector, Politeknik Negeri Kupang\n"
        "Keynote: Mr. Arif Nugroho, Director of Skills Standards, Ministry of Energy, Mines and Industry, Indonesia\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Prof.", "Maria", "Lestari", "Rector", "Politeknik Negeri Kupang", "chair"),
        (
            "Mr.",
            "Arif",
            "Nugroho",
            "Director of Skills Standards",
            "Ministry of Energy, Mines and Industry",
            "participant",
        ),
    ]


def test_a_unit_after_a_position_is_part_of_the_title_and_its_organisation_is_the_one_it_belongs_to(records):
    text = (
        "Report of the Visit to Guilin Technician Institute\n\n"
        "Nanning Polytechnic also sent two teachers to the visit.\n\n"
        "We were received at Guilin Technician Institute by Prof. Zhao Ming, Vice-President, together with "
        "Ms. Tang Li, Head of the Foreign Affairs Office. Ms. Tang presented the institute's programmes.\n\n"
        "Mr. Keo Sophal, Senior Lecturer, Department of Civil Engineering, Pakse Technical College, thanked the hosts. "
        "Ms. Chen Yu, Director of the Training Office of Nanning Polytechnic, also spoke.\n"
    )
    got = fields(read_report(text))
    assert [p[1:5] for p in got["people"]][1:] == [
        ("Li", "Tang", "Head of the Foreign Affairs Office", "Guilin Technician Institute"),
        ("Sophal", "Keo", "Senior Lecturer, Department of Civil Engineering", "Pakse Technical College"),
        ("Yu", "Chen", "Director of the Training Office", "Nanning Polytechnic"),
    ]


def test_a_signature_s_position_and_organisation_lines_and_a_bulleted_speaker_who_said_or_asked(records):
    text = (
        "Dear colleagues,\n\n"
        "Below are my notes of the call on the solar course between Pakse Technical College and Guilin "
        "Technician Institute, held on 4 March 2025.\n\n"
        "* Mr. Wei Zhang, Dean, Guilin Technician Institute, opened the call.\n"
        "* Mr. Zhang said the trainers can come in May.\n"
        "* Ms. Dara Phan asked about the number of trainees.\n\n"
        "Best regards,\n\n"
        "Ms. Dara Phan\n"
        "International Relations Officer\n"
        "Pakse Technical College\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Mr.", "Wei", "Zhang", "Dean", "Guilin Technician Institute", "speaker"),
        ("Ms.", "Dara", "Phan", "International Relations Officer", "Pakse Technical College", "speaker"),
    ]


def test_resolved_lines_a_committee_agreeing_in_principle_and_the_following_was_agreed_with_a_list(records):
    text = (
        "Minutes of the Second Meeting of the Joint Board of Pakse Technical College and Guilin Technician Institute\n"
        "Date: 4 March 2025\n\n"
        "1. The Board agreed in principle that trainees should sit a joint final test.\n"
        "Resolved: The next meeting will be held in Guilin in October 2025.\n\n"
        "2. The following was agreed with the Guilin side at the end of the day:\n"
        "- the two colleges will exchange their welding syllabi;\n"
        "- a trainer of Guilin will spend a month in Pakse.\n"
    )
    outcomes = fields(read_report(text))["outcomes"]
    assert outcomes == [
        ("decision", "The next meeting will be held in Guilin in October 2025."),
        ("consensus", "The two colleges will exchange their welding syllabi."),
        ("consensus", "A trainer of Guilin will spend a month in Pakse."),
        ("consensus", "The Board agreed in principle that trainees should sit a joint final test."),
    ]


def test_two_people_on_one_chairs_line_a_later_part_line_and_an_action_owned_by_that_part(records):
    text = (
        "Minutes of the Joint Board of Pakse Technical College and Guilin Technician Institute\n"
        "Date: 4 March 2025\n"
        "Chairpersons: Mr. Boun Keo, Director, Pakse Technical College, and Ms. Chen Xiaohua, Dean, "
        "Guilin Technician Institute\n"
        "Participants\n"
        "Name\tPosition\tInstitution\n"
        "Ms. Dara Phan\tLiaison Officer\tPakse Technical College\n\n"
        "Action items\n"
        "No.\tAction\tResponsible\tDeadline\n"
        "1\tCirculate the minutes\tRapporteur\t11 March 2025\n\n"
        "Prepared by: Ms. Dara Phan, Rapporteur\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Mr.", "Boun", "Keo", "Director", "Pakse Technical College", "chair"),
        ("Ms.", "Xiaohua", "Chen", "Dean", "Guilin Technician Institute", "chair"),
        ("Ms.", "Dara", "Phan", "Liaison Officer", "Pakse Technical College", "organiser"),
    ]
    assert got["actions"] == [("Circulate the minutes", "Phan", "2025-03-11")]


def test_a_country_after_a_place_after_the_name_or_at_the_head_of_the_name(records):
    text = (
        "Meeting on Welding Skills\n"
        "Date: 4 March 2025\n"
        "Venue: Room 12, Udon Thani Welding Institute, Udon Thani, Thailand\n\n"
        "Teachers of Nepal Skills Academy and of Mongolia-Korea Vocational Centre attended.\n"
    )
    got = fields(read_report(text))
    assert [o[0::2] for o in got["organisations"]] == [
        ("Udon Thani Welding Institute", "TH"),
        ("Nepal Skills Academy", "NP"),
        ("Mongolia-Korea Vocational Centre", "MN"),
    ]


def test_a_list_line_naming_without_honorific_someone_named_elsewhere_and_a_charge_in_the_position(records):
    text = (
        "Report on the Welding Workshop at Pakse Technical College\n\n"
        "Participants:\n"
        "- Mr. Boun Keo, Director of Pakse Technical College\n"
        "- Dara PHAN, Deputy Director of Pakse Technical College in charge of Training\n"
        "- Lan CHEN, Head of Welding Office, Guilin Technician Institute\n\n"
        "Ms. Phan Dara opened the workshop. Ms. Chen Lan presented the welding course.\n"
    )
    got = fields(read_report(text))
    assert [p[1:5] for p in got["people"]] == [
        ("Boun", "Keo", "Director", "Pakse Technical College"),
        ("Dara", "Phan", "Deputy Director in charge of Training", "Pakse Technical College"),
        ("Lan", "Chen", "Head of Welding Office", "Guilin Technician Institute"),
    ]


def test_a_title_line_below_a_letterhead_and_the_document_s_kind(records):
    text = (
        "PAKSE TECHNICAL COLLEGE\n"
        "P.O. Box 12, Pakse\n"
        "MISSION REPORT\n"
        "Study Visit to Guilin Technician Institute on Welding Training\n"
        "Dates of mission: 3-4 March 2025\n"
        "Prepared by: Mr. Boun Keo, Director\n\n"
        "1. Purpose\n\n"
        "The purpose of the mission was to learn how Guilin Technician Institute trains welders with industry.\n"
    )
    proposal = read_report(text)
    assert proposal["title"]["value"] == "Study Visit to Guilin Technician Institute on Welding Training"
    assert proposal["kind"]["value"] == "study_visit"
    assert fields(proposal)["organisations"][0] == ("Guilin Technician Institute", "host", "")


def test_online_said_of_an_exchange_modules_or_a_network_to_be_hosted_is_not_how_the_meeting_was_held(records):
    text = (
        "Report on the Welding Course at Pakse Technical College\n\n"
        "The course was held at Pakse Technical College on 3 March 2025. The colleges discussed an online exchange "
        "between students, online refresher modules and a network of trainers to be hosted online by Pakse "
        "Technical College.\n"
    )
    assert read_report(text)["format"]["value"] == "in_person"
    text = (
        "Report on the Welding Course of Pakse Technical College\n\n"
        "On 3 March 2025 the colleges discussed an online exchange between students and online refresher modules. "
        "The course itself was given online.\n"
    )
    assert read_report(text)["format"]["value"] == "online"


def test_participants_from_a_list_after_a_colon_and_a_coordinator_with_an_aside(records):
    text = (
        "Report on the Welding Course\n\n"
        "The course was held at Pakse Technical College on 3 March 2025. The trainees came from three "
        "colleges: Savan Technical College; Luang Prabang Technical College; and, from China, Guilin Technician "
        "Institute. Mekong Skills Agency, through its Vientiane office, coordinated the selection of "
        "trainees.\n"
    )
    got = fields(read_report(text))
    assert [o[:2] for o in got["organisations"]] == [
        ("Pakse Technical College", None),
        ("Savan Technical College", "participant"),
        ("Luang Prabang Technical College", "participant"),
        ("Guilin Technician Institute", "participant"),
        ("Mekong Skills Agency", "coordinator"),
    ]


def test_a_person_named_first_without_honorific_and_later_by_honorific_and_one_word(records):
    text = (
        "Report on the Welding Course at Pakse Technical College\n\n"
        "The practical sessions were led by Zhou Peng, a senior welding trainer at Guilin Technician Institute. "
        '"Safety comes first, and we spent more hours on it than on anything else," Mr. Zhou said.\n'
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Mr.", "Peng", "Zhou", "senior welding trainer", "Guilin Technician Institute", "speaker"),
    ]
    assert got["quotes"] == [("Zhou", "Safety comes first, and we spe")]


def test_a_position_at_an_organisation_s_office_and_a_participle_before_the_speaker(records):
    text = (
        "Report on the Welding Course at Pakse Technical College\n\n"
        "Ms. Mali Vong, Programme Officer at the ILO Country Office, said the course was the first of its kind. "
        "Speaking for the trainees, Mr. Boun Keo, Lecturer at Pakse Technical College, thanked the trainers.\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("Ms.", "Mali", "Vong", "Programme Officer", "International Labour Organization", "speaker"),
        ("Mr.", "Boun", "Keo", "Lecturer", "Pakse Technical College", "speaker"),
    ]


def test_he_said_after_a_quote_stands_for_the_paragraph_s_subject_and_he_said_that_before_a_colon(records):
    text = (
        "Notes of the call on the welding course\n\n"
        "* Mr. Boun Keo opened the call and recalled the visit of Dr. Maria Lopez to Pakse in May. "
        '"If our young people can weld here, the factories will stay here," he said.\n'
        "* Dr. Maria Lopez presented the course. She said that Manila had the same problem ten years ago: "
        '"Our factories also waited for welders from other provinces for years."\n'
    )
    got = fields(read_report(text))
    assert got["quotes"] == [("Keo", "If our young people can weld h"), ("Lopez", "Our factories also waited for ")]


def test_a_video_call_is_online_and_a_position_s_organisation_is_the_one_the_sentence_named_before(records):
    text = (
        "Notes of the video call on the welding course, 4 March 2025\n\n"
        "We then visited Mekong Steel Co., Ltd., where Mr. Boun Keo, Workshop Manager, showed us the training room.\n"
    )
    proposal = read_report(text)
    assert proposal["format"]["value"] == "online"
    assert fields(proposal)["people"] == [
        ("Mr.", "Boun", "Keo", "Workshop Manager", "Mekong Steel Co., Ltd.", "participant")
    ]


def test_each_of_a_group_will_do_something_by_a_date_is_an_action_without_owner(records):
    text = (
        "Report on the Welding Course at Pakse Technical College, 4 March 2025\n\n"
        "As a follow-up, every trainee will run a short course at their own college by 30 June 2025.\n"
    )
    assert fields(read_report(text))["actions"] == [("Run a short course at their own college", None, "2025-06-30")]


def test_a_topic_s_examples_after_such_as_are_left_out_and_a_second_object_of_its_preposition_kept(records):
    text = (
        "Report on the Welding Course at Pakse Technical College, 4 March 2025\n\n"
        "The course covered welding joints for pipes and steel frames, the safe use of shielding gases such as "
        "argon and helium, and the inspection of welds.\n"
    )
    topics = [t["value"] for t in read_report(text)["topics"]]
    assert topics == ["Welding joints for pipes and steel frames", "Safe use of shielding gases", "Inspection of welds"]


def test_an_agenda_written_on_its_label_s_line_gives_its_numbered_items_as_topics(records):
    text = (
        "Notes of the call between Pakse Technical College and Guilin Technician Institute, 4 March 2025\n\n"
        "Agenda: (1) welcome; (2) welding course outline; (3) exchange of trainers in 2026.\n"
    )
    topics = [t["value"] for t in read_report(text)["topics"]]
    assert topics == ["Welding course outline", "Exchange of trainers in 2026"]


def test_a_place_word_the_acronym_leaves_out_at_a_list_line_s_start_is_part_of_the_name(records):
    text = (
        "Notes of the call on the welding course, 4 March 2025\n\n"
        "Who was on the call:\n"
        "* Savannakhet Provincial Labour Office (PLO): Mr. Boun Keo, Head of Skills Section\n"
    )
    got = fields(read_report(text))
    assert [o[0] for o in got["organisations"]] == ["Savannakhet Provincial Labour Office"]
    assert got["people"] == [
        ("Mr.", "Boun", "Keo", "Head of Skills Section", "Savannakhet Provincial Labour Office", "participant")
    ]


def test_the_organisation_of_a_name_title_organisation_line_outside_a_list_takes_part(records):
    text = (
        "Regional Forum on Solar Skills\n"
        "Kupang, 3 March 2025\n"
        "Opening remarks: Mr. Arif Nugroho, Director of Skills Standards, Ministry of Energy and Mines, Indonesia\n"
        "Mr. Tran Van Minh, Deputy Head of the Solar Unit, Directorate of Vocational Training, Viet Nam\n"
    )
    got = fields(read_report(text))
    assert [o[:2] for o in got["organisations"]] == [
        ("Ministry of Energy and Mines", "participant"),
        ("Directorate of Vocational Training", "participant"),
    ]


def test_a_title_line_with_runs_of_spaces_and_three_stacked_honorifics_are_read_as_before(records):
    # The patterns bounded against hostile texts (bench/hostile_reports.REPEATED) read ordinary ones as before: the
    # title after "Minutes —" less the spaces around it, and up to three honorifics stacked after the first.
    text = (
        "Minutes   —   Joint Review of the Welding Course        \n\n"
        "Date: 4 March 2025\n"
        "Chair: Prof. Dr. Ir. Dr. Hendra Wijaya, Rector, Politeknik Negeri Kupang\n"
    )
    proposal = read_report(text)
    assert (proposal["title"]["value"], text[slice(*proposal["title"]["evidence"])]) == (
        "Joint Review of the Welding Course",
        "Joint Review of the Welding Course",
    )
    assert fields(proposal)["people"] == [("Prof.", "Hendra", "Wijaya", "Rector", "Politeknik Negeri Kupang", "chair")]


def test_an_actions_table_written_with_pipes_is_found_by_its_header_row_under_any_heading(records):
    text = (
        "Minutes of the Coordination Meeting between Tamale Technical University and Jinhua Polytechnic\n"
        "Tamale, 12 May 2025\n\n"
        "Ms. Abena Owusu, Head of the Welding Department, chaired the meeting. Mr. Chen Gang presented the course.\n\n"
        "Table 2: What was agreed and where it stands\n"
        "| # | Responsible | Task | Deadline | Status |\n"
        "| 1 | Ms. Abena Owusu | Send the list of welding trainees | 30 June 2025 | Done |\n"
        "| 2 | Mr. Chen (Jinhua Polytechnic) | Share the course outline in English | Jul 15 | Open |\n"
    )
    assert fields(read_report(text))["actions"] == [
        ("Send the list of welding trainees", "Owusu", "2025-06-30"),
        ("Share the course outline in English", "Chen", "2025-07-15"),
    ]


def test_follow_up_tasks_with_their_assignee_and_a_due_date_without_year_on_the_line_below(records):
    text = (
        "Call between Tamale Technical University and Jinhua Polytechnic\n"
        "Date: 12 May 2025\n\n"
        "Attendees\n"
        "  Abena Owusu (Tamale Technical University)    Organizer\n"
        "  Chen, Gang (Jinhua Polytechnic)\n\n"
        "Follow-up tasks\n"
        "  ☐ Send the list of welding trainees\n"
        "      Assigned to: Abena Owusu · Due: Fri, Jun 6\n"
        "  ☐ Share the course outline in English\n"
        "      Assigned to: Gang Chen · Due: Mon, Jun 16\n"
    )
    got = fields(read_report(text))
    assert got["actions"] == [
        ("Send the list of welding trainees", "Owusu", "2025-06-06"),
        ("Share the course outline in English", "Chen", "2025-06-16"),
    ]


def test_attendees_listed_by_display_name_with_their_organisation_and_named_later_with_a_title(records):
    text = (
        "Call between Tamale Technical University and Jinhua Polytechnic\n"
        "Date: 12 May 2025\n\n"
        "Attendees\n"
        "  Abena Owusu (Tamale Technical University)    Organizer\n"
        "  Kwame Mensah (Tamale Technical University)\n"
        "  Chen, Gang (Jinhua Polytechnic)\n\n"
        "Notes\n"
        "Kwame Mensah, Head of the Welding Department, presented the workshop plan.\n"
    )
    got = fields(read_report(text))
    assert got["people"] == [
        ("", "Abena", "Owusu", None, "Tamale Technical University", "organiser"),
        ("", "Kwame", "Mensah", "Head of the Welding Department", "Tamale Technical University", "speaker"),
        ("", "Gang", "Chen", None, "Jinhua Polytechnic", "participant"),
    ]


def test_the_name_cells_of_a_participants_table_and_a_family_name_of_two_words_used_alone(records):
    text = (
        "Second Meeting on Solar Technician Training\n"
        "Cochabamba, 4 March 2025\n\n"
        "Name\tPosition\tOrganisation\n"
        "Lic. Rosa María Rojas Quiroga\tDirector\tInstituto Técnico de Cochabamba\n"
        "Mr. Andrés Peña\tSenior Trainer\tInstituto Técnico de Cochabamba\n\n"
        "Lic. Rojas opened the meeting. Mr. Peña presented the solar workshop.\n"
    )
    got = fields(read_report(text))
    assert [p[:5] for p in got["people"]] == [
        ("", "Rosa María", "Rojas Quiroga", "Director", "Instituto Técnico de Cochabamba"),
        ("Mr.", "Andrés", "Peña", "Senior Trainer", "Instituto Técnico de Cochabamba"),
    ]


def test_topics_from_a_list_under_a_line_naming_the_sessions_and_from_timed_chapters(records):
    text = (
        "Workshop on Welding Skills at Tamale Technical University\n"
        "Tamale, 12 May 2025\n\n"
        "The workshop was organised in three sessions:\n"
        "  - Opening\n"
        "  - Pipe welding standards\n"
        "  - Trainer exchange with Jinhua\n\n"
        "Chapters\n"
        "  00:00  Welcome\n"
        "  00:12  Safety in the welding workshop\n"
        "  00:40  Assessment of welders\n"
    )
    topics = [t["value"] for t in read_report(text)["topics"]]
    assert topics == [
        "Pipe welding standards",
        "Trainer exchange with Jinhua",
        "Safety in the welding workshop",
        "Assessment of welders",
    ]


def test_a_two_column_table_s_rows_are_label_lines_and_a_participants_cell_gives_the_attendance(records):
    text = (
        "Quarterly report of the solar technician project\n\n"
        "Submitted 2 June 2025.\n\n"
        "Item\tDetails\n"
        "Dates\t14–15 May 2025\n"
        "Venue\tWorkshop B, Instituto Técnico de Cochabamba, Bolivia\n"
        "Participants\t31 (12 women)\n"
    )
    workshop = fields(read_report(text))["workshop"]
    assert workshop[3:7] == ("Workshop B, Instituto Técnico de Cochabamba, Bolivia", "2025-05-14", "day", 31)


def test_a_meeting_app_s_attended_count_is_the_attendance(records):
    text = (
        "Meeting recap\n\n"
        "Call between Tamale Technical University and Jinhua Polytechnic\n"
        "Date: 12 May 2025\n\n"
        "Attendance\n"
        "Invited (8) · Attended (6)\n"
    )
    assert fields(read_report(text))["workshop"][6] == 6


def test_an_attendee_before_an_acronym_is_no_organisation_and_a_mixed_case_acronym_or_legal_form_names_a_body(records):
    text = (
        "Call on the welding course\n"
        "Date: 12 May 2025\n\n"
        "Attendees\n"
        "  Kofi Boateng (MoTI)\n"
        "  Ama Darko (GPC)\n\n"
        "Notes\n"
        "Representatives of the Ministry of Trade and Industry (MoTI) and of Ghana Pipe Works S.A. (GPC) joined. "
        "Kofi Boateng, Director of Industrial Skills at MoTI, presented the plan.\n"
    )
    got = fields(read_report(text))
    assert sorted(o[0] for o in got["organisations"]) == ["Ghana Pipe Works S.A.", "Ministry of Trade and Industry"]
    assert [p[1:5] for p in got["people"]] == [
        ("Kofi", "Boateng", "Director of Industrial Skills", "Ministry of Trade and Industry"),
        ("Ama", "Darko", None, "Ghana Pipe Works S.A."),
    ]


def test_a_name_in_its_own_script_in_brackets_then_the_position_and_bilingual_table_labels(records):
    text = (
        "Workshop on Tea Processing Skills\n\n"
        "Date 日期\t9 May 2025\n"
        "Format 形式\tIn person\n\n"
        "The workshop was opened by Ms. Lin Xiaoyu (林晓雨), Vice-President of Fujian Tea College.\n"
    )
    got = fields(read_report(text))
    assert got["workshop"][4] == "2025-05-09"
    assert got["people"][0][1:5] == ("Xiaoyu", "Lin", "Vice-President", "Fujian Tea College")


def test_a_programme_table_s_session_column_gives_topics(records):
    text = (
        "Workshop on Tea Processing Skills\n"
        "Date: 9 May 2025\n\n"
        "Speaker\tTime\tSession\n"
        "Ms. Lin Xiaoyu\t09:00\tOpening ceremony\n"
        "Mr. Chen Bo\t09:30\tGreen tea withering and rolling 绿茶萎凋\n"
        "Ms. Lin Xiaoyu\t11:00\tQuality grading of oolong\n"
    )
    assert [t["value"] for t in read_report(text)["topics"]] == [
        "Green tea withering and rolling",
        "Quality grading of oolong",
    ]


def test_points_agreed_on_lines_of_their_own_without_bullets(records):
    text = (
        "Workshop on Tea Processing Skills\n"
        "Date: 9 May 2025\n\n"
        "The talks went well. At the close the two colleges reached consensus on two points:\n\n"
        "Fujian Tea College will host four trainers from Kandy in October.\n\n"
        "The two colleges will write a joint syllabus for tea tasting.\n\n"
        "Decisions of the Joint Committee:\n"
        "The syllabus will be submitted to the ministry by 30 June 2025.\n"
    )
    assert fields(read_report(text))["outcomes"] == [
        ("consensus", "Fujian Tea College will host four trainers from Kandy in October."),
        ("consensus", "The two colleges will write a joint syllabus for tea tasting."),
        ("decision", "The syllabus will be submitted to the ministry by 30 June 2025."),
    ]


def test_persons_met_listed_under_their_organisation_s_line(records):
    text = (
        "BACK-TO-OFFICE REPORT\n"
        "Date of travel: 3 March 2025\n\n"
        "2. PERSONS MET\n\n"
        "Kandy Technical College (KTC), Sri Lanka (host)\n"
        "  - Mr. Nimal Perera, Principal (chaired the meeting)\n"
        "  - Ms. Dilani Silva, Head of the Tea Department\n\n"
        "Fujian Tea College (FTC), China\n"
        "  - Prof. Lin Xiaoyu, Vice-President, head of the delegation\n"
    )
    got = fields(read_report(text))
    assert [p[1:5] for p in got["people"]] == [
        ("Nimal", "Perera", "Principal", "Kandy Technical College"),
        ("Dilani", "Silva", "Head of the Tea Department", "Kandy Technical College"),
        ("Xiaoyu", "Lin", "Vice-President", "Fujian Tea College"),
    ]
    assert got["people"][0][5] == "chair"


def test_a_pasted_meeting_recap_s_name_is_the_title_and_a_platform_meeting_is_online(records):
    text = (
        "Dear colleagues, the recap of Monday's call is below.\n\n"
        "Meeting recap\n\n"
        "Second Planning Call on the Tea Tasting Course\n"
        "Mon, 5 May 2025 · 09:00 – 10:00\n"
        "Zoom meeting · Recording\n"
    )
    workshop = fields(read_report(text))["workshop"]
    assert workshop[:3] == ("Second Planning Call on the Tea Tasting Course", None, "online")
    assert workshop[4] == "2025-05-05"


def test_a_venue_s_name_in_another_script_beside_it_is_left_out(records):
    text = (
        "Workshop on Tea Processing Skills\nDate: 9 May 2025\nVenue: Tasting Room 3, Fuzhou Campus (福州校区品鉴室)\n"
    )
    assert fields(read_report(text))["workshop"][3] == "Tasting Room 3, Fuzhou Campus"
