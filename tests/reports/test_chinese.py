"""Chinese minutes (会议纪要) read by reports/zh.py into the proposal every report gets: the development reports of
tests/fixtures/reports/corpus/dev/ field by field, the abbreviation rule, and the corpus score."""

import pytest

from reports import zh
from reports.reader import read_report
from tests.reports.corpus_score import corpus_reports, score

DEV = {path.name: (path, facts) for path, facts in corpus_reports("dev", "zh")}


def _read(name):
    path, _facts = DEV[name]
    return read_report(path.read_text(encoding="utf-8"), name=name)


def _summary(proposal):
    """The proposal in rows: organisations by their names, people by family name."""
    orgs = {o["key"]: o["name"] for o in proposal["organisations"]}
    people = {p["key"]: p["family_name"] for p in proposal["people"]}
    owners = orgs | people
    value = lambda fact: fact and fact["value"]  # noqa: E731
    return {
        "workshop": (
            value(proposal["title"]),
            value(proposal["kind"]),
            value(proposal["format"]),
            value(proposal["date"]),
            proposal["date"]["precision"],
            value(proposal["platform"]),
            value(proposal["venue"]),
            value(proposal["reported_attendance"]),
            proposal["named_count"],
        ),
        "organisations": [
            (o["name"], o["short_name"], o["role"], o["country"], o["kind"], o["match"]["status"])
            for o in proposal["organisations"]
        ],
        "people": [
            (
                p["given_name"],
                p["family_name"],
                p["name_order"],
                value(p["title"]),
                orgs.get(p["organisation"]),
                p["role"],
                p["match"]["status"],
            )
            for p in proposal["people"]
        ],
        "quotes": [(people.get(s["speaker"]), s["text"]) for s in proposal["statements"]],
        "topics": [t["value"] for t in proposal["topics"]],
        "outcomes": [(o["kind"], o["text"]) for o in proposal["outcomes"]],
        "actions": [(a["title"], owners.get(a["owner"]), a["due_date"]) for a in proposal["actions"]],
    }


def test_an_online_seminar_with_the_ministrys_declared_abbreviation(report_records):
    assert _summary(_read("zh-mohrss-cambodia-online.txt")) == {
        "workshop": (
            "中柬职业技能开发合作线上研讨会",
            "bilateral",  # "中柬": China and Cambodia, two sides
            "online",
            "2022-06-21",
            "day",
            "Tencent Meeting",
            None,
            31,
            4,
        ),
        "organisations": [
            (
                "Ministry of Human Resources and Social Security of China",
                "MOHRSS",
                None,
                "CN",
                "government",
                "on_record",
            ),
            ("重庆工业职业技术学院", "", "host", "CN", "tvet", "new"),
            ("柬埔寨国立理工学院", "", "host", "KH", "tvet", "new"),
            # "…国家项目协调员Kimroeun Kouy出席会议并发言。": the ILO took part.
            ("International Labour Organization", "ILO", "participant", "", "international", "other_name"),
        ],
        "people": [
            (
                "Jianguo",
                "Wang",
                "family_first",
                "处长",
                "Ministry of Human Resources and Social Security of China",
                "chair",
                "on_record",
            ),
            ("Minghua", "Zhao", "family_first", "副校长", "重庆工业职业技术学院", "speaker", "new"),
            ("Pisey", "Sok", "family_first", "院长", "柬埔寨国立理工学院", "speaker", "new"),
            (
                "Kimroeun",
                "Kouy",
                "given_first",
                "国家项目协调员",
                "International Labour Organization",
                "speaker",
                "new",
            ),
        ],
        "quotes": [
            ("Wang", "中柬两国在职业技能开发领域合作基础良好，希望两校加强交流。"),
            ("Sok", "我们期待与中方学院共建培训中心。"),
        ],
        "topics": ["专业建设经验交流", "职业技能标准对接", "教师培训合作"],
        "outcomes": [
            ("consensus", "双方商定共同编写电工专业双语教材。"),
            ("decision", "会议决定成立中柬职业技能开发合作工作组。"),
        ],
        "actions": [
            ("制定工作组工作方案", "Zhao", "2022-08-31"),
            ("组织柬方教师赴渝培训", "重庆工业职业技术学院", "2022-12-31"),
        ],
    }


def test_a_training_with_label_lines_and_a_participants_list(report_records):
    assert _summary(_read("zh-wit-asean-training.txt")) == {
        "workshop": (
            "2024年东盟职业院校师资培训班开班会",
            "training",
            "in_person",
            "2024-05-20",
            "day",
            None,
            "无锡技师学院国际交流中心报告厅",
            42,
            4,
        ),
        "organisations": [
            ("Wuxi Institute of Technician", "WIT", "host", "CN", "tvet", "on_record"),
            (
                "Wuxi Human Resources and Social Security Bureau",
                "Wuxi HRSS Bureau",
                "participant",  # a row of the participants table (姓名 单位 职务)
                "CN",
                "government",
                "on_record",
            ),
            ("越南河内职业技术学院", "", "participant", "VN", "tvet", "new"),
        ],
        "people": [
            ("Zhenyun", "Li", "family_first", "院长", "Wuxi Institute of Technician", "chair", "new"),
            (
                "Ting",
                "Shen",
                "family_first",
                "副局长",
                "Wuxi Human Resources and Social Security Bureau",
                "speaker",
                "new",
            ),
            ("Van Minh", "Nguyen", "family_first", "副院长", "越南河内职业技术学院", "speaker", "new"),
            ("Wei", "Zhang", "family_first", "处长", "Wuxi Institute of Technician", "speaker", "new"),
        ],
        "quotes": [
            ("Shen", "培训班是落实南南合作的具体行动，要把课程办实办好。"),
            ("Nguyen", "我们非常珍惜这次学习机会。"),
        ],
        "topics": ["开班仪式", "培训课程安排说明", "学员代表发言"],
        "outcomes": [
            ("decision", "培训班为期两周，学员结业后颁发结业证书。"),
            ("consensus", "与会各方一致同意每年举办一期东盟师资培训班。"),
        ],
        "actions": [
            ("编制培训课程手册", "Wuxi Institute of Technician", "2024-05-25"),
            ("联系越方学员返程事宜", "Zhang", "2024-06-03"),
        ],
    }


def test_every_fact_has_its_evidence_in_the_report(report_records):
    path, _facts = DEV["zh-wit-asean-training.txt"]
    text = path.read_text(encoding="utf-8")
    proposal = read_report(text)
    assert text[slice(*proposal["venue"]["evidence"])] == "无锡技师学院国际交流中心报告厅"
    assert text[slice(*proposal["date"]["evidence"])] == "2024年5月20日"
    assert text[slice(*proposal["format"]["evidence"])] == "线下"
    assert text[slice(*proposal["reported_attendance"]["evidence"])] == "共42人"
    assert [text[slice(*m["evidence"])] for m in proposal["organisations"][0]["mentions"]] == [
        "无锡技师学院",
        "无锡技师学院",
        "无锡技院",
        "无锡技院",
    ]
    assert text[slice(*proposal["people"][0]["title"]["evidence"])] == "院长"


@pytest.mark.parametrize(
    "short,full,expected",
    [
        ("无锡市人社局", "无锡市人力资源和社会保障局", True),
        ("无锡技院", "无锡技师学院", True),
        ("人力资源和社会保障部", "中华人民共和国人力资源和社会保障部", True),
        ("人社部", "中华人民共和国人力资源和社会保障部", True),
        ("无锡市人社局", "无锡技师学院", False),
        ("技师学院", "无锡技师学院", False),
        ("WIT", "Wuxi Institute of Technician", False),
        # The name less its place: "省教育厅" of a province's, "自治区教育厅" of an autonomous region's.
        ("省教育厅", "江西省教育厅", True),
        ("自治区教育厅", "宁夏回族自治区教育厅", True),
        ("省教育厅", "省", False),
    ],
)
def test_a_chinese_abbreviation_keeps_the_first_and_last_characters_in_order(short, full, expected):
    assert zh.abbreviates(short, full) is expected


def test_an_abbreviation_nobody_declared_is_matched_to_a_records_own_script_name(report_records):
    text = "无锡技师学院合作会议纪要\n会议时间：2022年3月1日\n出席：无锡市人社局副局长沈婷，参会人员共9人。"
    proposal = read_report(text)
    bureau = proposal["organisations"][1]
    assert (bureau["name"], bureau["match"]["status"], bureau["match"]["matched_on"], bureau["role"]) == (
        "Wuxi Human Resources and Social Security Bureau",
        "other_name",
        "无锡市人力资源和社会保障局",
        "participant",
    )
    assert [(p["family_name"], p["title"]["value"], p["organisation"]) for p in proposal["people"]] == [
        ("Shen", "副局长", bureau["key"])
    ]


def test_dates_and_counts_in_chinese_numerals(db):
    text = "中老职业教育交流会会议纪要\n时间：二〇二二年一月十四日\n形式：线上线下结合\n"
    text += "出席人数：三十一人\n会议在无锡召开。"
    proposal = read_report(text)
    assert (
        proposal["date"]["value"],
        proposal["date"]["precision"],
        proposal["format"]["value"],
        proposal["reported_attendance"]["value"],
    ) == ("2022-01-14", "day", "hybrid", 31)


def test_a_month_without_a_day_is_a_date_of_month_precision(db):
    proposal = read_report("中柬合作研讨会会议纪要\n2023年5月，中柬合作研讨会以线上方式召开，由双方学院共同主办。")
    assert (proposal["date"]["value"], proposal["date"]["precision"]) == ("2023-05-01", "month")


def test_an_english_report_is_not_read_as_chinese():
    assert zh.is_chinese("Mr. Zhenyun Li (李振云), Principal of WIT, said “we will send five teachers”.") is False
    assert zh.is_chinese("无锡技师学院与老挝巴巴萨技术学院合作交流会会议纪要，会议于2023年3月9日召开。") is True


def test_the_development_reports_have_their_facts_in_their_fields(report_records):
    scores = {name: score(_read(name), facts)[:2] for name, (_path, facts) in DEV.items()}
    assert scores == {"zh-mohrss-cambodia-online.txt": (43, 43), "zh-wit-asean-training.txt": (43, 43)}


def test_the_review_page_of_a_chinese_report(coordinator_client, report_records):
    path, _facts = DEV["zh-wit-asean-training.txt"]
    page = coordinator_client.post("/reports/", {"step": "read", "text": path.read_text(encoding="utf-8")})
    page = page.content.decode()
    assert '<p class="text-body-secondary">4 people named · 42 reported</p>' in page
    assert page.count('class="border-top py-2 report-entity"') == 7


def test_the_held_out_reports_as_scored_once_the_reader_was_done(report_records):
    """tests/fixtures/reports/corpus/holdout/: written before the reader, scored at the end (not tuned on). The
    numbered items under "双方达成以下共识：" (a heading it does not know) are found as sentences, without their
    numbers, since the fresh set (corpus/fresh/) showed numbers kept on such items: 33 of 39 before. Since the second
    fresh set (corpus/fresh2/), a 厅 (a provincial department) ends a name, a person listed after another with 、
    keeps their organisation and a venue written "地点为…" (no label) is read: 50 of 51 and 35 of 39 before."""
    scores = {
        path.name: score(read_report(path.read_text(encoding="utf-8")), facts)[:2]
        for path, facts in corpus_reports("holdout", "zh")
    }
    assert scores == {"zh-wit-pasak-minutes.txt": (51, 51), "zh-yunnan-laos-visit.txt": (39, 39)}


def test_a_numbered_section_heading_with_no_colon_heads_the_decisions(report_records):
    """A section heading with no colon, "三、会议决定", heads its numbered items, each a decision or a consensus,
    without its number; the next section's heading ("二、会议内容" after the agenda's "1. …") is no item of the
    section before it."""
    text = (
        "无锡技师学院与泰国清迈皇家理工大学合作推进会会议纪要\n\n会议时间：2025年3月12日\n会议形式：线上线下结合\n\n"
        "一、会议议程\n1. 师资交流工作回顾\n2. 专业共建方案\n\n二、会议内容\n李振云院长致辞。\n\n"
        "三、会议决定\n1. 两校共同开发课程标准，2025年9月起试行。\n2. 会议决定成立两校联合工作组。\n"
        "3. 双方一致同意每年轮流举办一次推进会。\n\n四、工作安排\n1. 起草课程标准框架。责任单位：无锡技师学院；"
        "完成时间：2025年4月30日。\n"
    )
    proposal = read_report(text)
    assert [(o["kind"], o["text"]) for o in proposal["outcomes"]] == [
        ("decision", "两校共同开发课程标准，2025年9月起试行。"),
        ("decision", "会议决定成立两校联合工作组。"),
        ("consensus", "双方一致同意每年轮流举办一次推进会。"),
    ]
    assert [t["value"] for t in proposal["topics"]] == ["师资交流工作回顾", "专业共建方案"]
    assert [(a["title"], a["due_date"]) for a in proposal["actions"]] == [("起草课程标准框架", "2025-04-30")]


def test_a_numbered_decision_sentence_outside_a_section_loses_its_number(report_records):
    text = "合作交流会会议纪要\n\n会议时间：2025年3月12日\n\n2. 会议决定成立两校联合工作组，由陈建斌牵头。\n"
    proposal = read_report(text)
    assert [(o["kind"], o["text"]) for o in proposal["outcomes"]] == [
        ("decision", "会议决定成立两校联合工作组，由陈建斌牵头。")
    ]


def test_a_list_of_people_keeps_its_organisation_a_named_host_and_three_sides(report_records):
    """In "参会人员：A院长甲、副院长乙、国际交流处处长丙，B…" the people after 、 are of A (丙 of its unit), a ，
    starts B's; a province's department (…厅) is an organisation and its division (…处) is no organisation of its own;
    "主办单位：A" makes A the only host, the title's other sides taking part; three sides make a multilateral meeting;
    国际劳工组织 is the ILO's record by its Chinese name."""
    text = (
        "南京技师学院、昆明技师学院与老挝万象职业学院合作交流会会议纪要\n\n"
        "会议时间：2025年3月12日\n会议地点：南京技师学院会议室\n主办单位：南京技师学院\n"
        "参会人员：南京技师学院院长王建国、副院长李红、国际交流处处长张伟，昆明技师学院副院长陈明，"
        "老挝万象职业学院院长Somphone Keo、国际合作办公室主任Noy Vong，"
        "云南省人力资源和社会保障厅职业能力建设处处长赵强，国际劳工组织项目官员刘洋。\n"
    )
    got = _summary(read_report(text))
    assert got["workshop"][1] == "multilateral"
    assert [(name, role, country) for name, _short, role, country, _kind, _status in got["organisations"]] == [
        ("南京技师学院", "host", "CN"),
        ("昆明技师学院", "participant", "CN"),
        ("老挝万象职业学院", "participant", "LA"),
        ("云南省人力资源和社会保障厅", "participant", "CN"),
        ("International Labour Organization", "participant", ""),
    ]
    assert [(given, family, title, org) for given, family, _order, title, org, _role, _status in got["people"]] == [
        ("Jianguo", "Wang", "院长", "南京技师学院"),
        ("Hong", "Li", "副院长", "南京技师学院"),
        ("Wei", "Zhang", "处长", "南京技师学院"),
        ("Ming", "Chen", "副院长", "昆明技师学院"),
        ("Somphone", "Keo", "院长", "老挝万象职业学院"),
        ("Noy", "Vong", "主任", "老挝万象职业学院"),
        ("Qiang", "Zhao", "处长", "云南省人力资源和社会保障厅"),
        ("Yang", "Liu", "项目官员", "International Labour Organization"),
    ]


def test_a_venue_said_in_a_sentence_with_no_label(db):
    text = (
        "南京技师学院与老挝万象职业学院座谈会会议纪要\n\n"
        "2025年3月12日，双方召开座谈会。座谈会采用线下方式进行，地点为万象职业学院综合楼二层会议室。\n"
    )
    assert read_report(text)["venue"]["value"] == "万象职业学院综合楼二层会议室"


MINUTES_WITH_A_PARTICIPANTS_BLOCK = (
    "常州技师学院与老挝沙湾拿吉职业学院合作推进会\n会议纪要\n\n"
    "时间：2024年4月2日\n"
    "地点：常州技师学院图书馆三楼报告厅（主会场），沙湾拿吉职业学院（线上分会场）\n"
    "主持人：顾文华 常州技师学院副院长\n"
    "参会人员：\n"
    "常州技师学院：钱国平院长、浦丽娟处长（合作交流处）、沈涛（机电工程系主任）\n"
    "老挝沙湾拿吉职业学院（线上）：宋萨·帕西（Somsack Phasy）院长、维莱·坎潘（Vilay Khamphanh）教务处长\n"
    "记录：孔洁（合作交流处）\n\n"
    "一、会议内容\n\n"
    "（一）宋萨·帕西院长介绍了学院情况。\n\n"
    "二、会议议定事项\n\n"
    "（一）经友好协商，双方一致同意共建机电一体化专业。\n"
    "（二）会议决定，联合招生简章于5月发布，具体时间由双方另行商定。\n\n"
    "三、工作安排\n\n"
    "1. 编制专业教学标准。责任单位：常州技师学院；负责人：沈涛；完成时间：2024年5月31日。\n"
)


def test_a_participants_block_of_organisations_and_their_people(db):
    summary = _summary(read_report(MINUTES_WITH_A_PARTICIPANTS_BLOCK))
    assert summary["workshop"][6] == "常州技师学院图书馆三楼报告厅"
    assert [(o[0], o[2]) for o in summary["organisations"]][:2] == [
        ("常州技师学院", "host"),
        ("老挝沙湾拿吉职业学院", "participant"),
    ]
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Wenhua", "Gu", "副院长", "常州技师学院", "chair"),
        ("Guoping", "Qian", "院长", "常州技师学院", "participant"),
        ("Lijuan", "Pu", "处长", "常州技师学院", "participant"),
        ("Tao", "Shen", "机电工程系主任", "常州技师学院", "participant"),
        ("Somsack", "Phasy", "院长", "老挝沙湾拿吉职业学院", "speaker"),
        ("Vilay", "Khamphanh", "教务处长", "老挝沙湾拿吉职业学院", "participant"),
        ("Jie", "Kong", None, "常州技师学院", "participant"),
    ]
    assert summary["outcomes"] == [
        ("consensus", "双方一致同意共建机电一体化专业。"),
        ("decision", "会议决定，联合招生简章于5月发布，具体时间由双方另行商定。"),
    ]
    assert summary["actions"] == [("编制专业教学标准", "Shen", "2024-05-31")]


def test_words_of_a_sentence_are_no_organisation_and_who_said_something_spoke(db):
    text = (
        "常州技师学院与老挝沙湾拿吉职业学院共建海外分院座谈会会议纪要\n\n"
        "时间：2024年4月2日\n\n"
        "常州技师学院钱国平院长表示，学院将继续支持分院建设。2022年双方签署合作协议，会议围绕海外分院进行了讨论。\n"
    )
    summary = _summary(read_report(text))
    assert [o[0] for o in summary["organisations"]] == ["常州技师学院", "老挝沙湾拿吉职业学院"]
    assert summary["workshop"][1] == "bilateral"
    assert [(p[1], p[5]) for p in summary["people"]] == [("Qian", "speaker")]


NEWS_ITEM = (
    "中老职教携手  共育数控技能人才\n"
    "——我院与老挝万象职业技术学院举行数控专业交流会\n\n"
    "2024年5月8日上午，常州机电技师学院与老挝万象职业技术学院数控专业交流会以线上线下相结合的方式举行。"
    "主会场设在常州机电技师学院图书馆报告厅，老方师生代表通过视频连线参会。"
    "我院院长钱国平，老挝万象职业技术学院校长坎平（Khamphing Vongsa），以及两校师生代表共30余人参加交流。\n\n"
    "坎平校长介绍了学院的办学情况。随后，我院机械工程系主任沈涛介绍了实训基地。\n\n"
    "双方就数控专业建设、师资培训等进行了深入交流。据悉，我院将于6月底前向老方提供数控专业课程标准。\n"
)


def test_a_news_item_of_a_college_about_its_exchange(db):
    summary = _summary(read_report(NEWS_ITEM))
    assert summary["workshop"][:2] == ("常州机电技师学院与老挝万象职业技术学院数控专业交流会", "bilateral")
    assert summary["workshop"][6] == "常州机电技师学院图书馆报告厅"
    assert [(o[0], o[2]) for o in summary["organisations"]] == [
        ("常州机电技师学院", "host"),
        ("老挝万象职业技术学院", "participant"),
    ]
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Guoping", "Qian", "院长", "常州机电技师学院", "participant"),
        ("Khamphing", "Vongsa", "校长", "老挝万象职业技术学院", "speaker"),
        ("Tao", "Shen", "机械工程系主任", "常州机电技师学院", "speaker"),
    ]
    assert summary["topics"] == ["数控专业建设", "师资培训"]
    assert summary["actions"] == [("向老方提供数控专业课程标准", "常州机电技师学院", "2024-06-30")]


BRIEFING = (
    "工 作 简 报\n"
    "2025年第3期\n\n"
    "江苏建筑职业技术学院国际交流处　　　　　　2025年5月22日\n\n"
    "2025年老挝职业院校教师建筑信息模型技术培训班隆重开班\n\n"
    "一、基本情况\n\n"
    "2025年5月20日上午，由江苏建筑职业技术学院承办的培训班开班仪式在学院图书馆报告厅举行。"
    "来自老挝万象建筑学院等3所老挝职业院校的15名青年教师参加培训。\n\n"
    "二、培训内容\n\n"
    "本次培训共设置建筑识图与建模、BIM协同设计、智慧工地管理三个模块，由建筑工程学院教师主讲。\n"
)


def test_a_briefings_masthead_is_no_title_and_its_first_paragraph_gives_the_day(db):
    summary = _summary(read_report(BRIEFING))
    title, kind, _format, date, precision, _platform, _venue, attendance, _named = summary["workshop"]
    assert (title, kind, date, precision, attendance) == (
        "2025年老挝职业院校教师建筑信息模型技术培训班",
        "training",
        "2025-05-20",
        "day",
        15,
    )
    assert summary["topics"] == ["建筑识图与建模", "BIM协同设计", "智慧工地管理"]


WECHAT_POST = (
    "中塔职教话合作丨我院举办光伏技术人才培养交流会\n\n"
    "陕西能源职业技术学院  2025年06月11日 18:20  陕西\n\n"
    "点击蓝字 关注我们\n\n"
    "初夏时节，6月10日上午，陕西能源职业技术学院与中亚院校光伏技术人才培养交流会以线上线下相结合的方式举行。"
    "塔吉克斯坦杜尚别能源技术学院院长一行3人来院访问并现场参会。\n\n"
    "双方商定，今后每年轮流举办一次交流会，2026年交流会由塔吉克斯坦杜尚别能源技术学院承办。\n"
)


def test_a_wechat_posts_headline_gives_way_to_the_meetings_name_and_its_day_takes_the_posts_year(db):
    summary = _summary(read_report(WECHAT_POST))
    title, kind, _format, date, precision, *_rest = summary["workshop"]
    assert (title, kind, date, precision) == (
        "陕西能源职业技术学院与中亚院校光伏技术人才培养交流会",
        "multilateral",
        "2025-06-10",
        "day",
    )
    # Who hosts next year's meeting does not host this one; the college whose people took part is a participant.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("陕西能源职业技术学院", "host", "CN"),
        ("塔吉克斯坦杜尚别能源技术学院", "participant", "TJ"),
    ]


TRAINING_BRIEFING = (
    "工作简报\n\n"
    "2025年6月3日上午，由江苏建筑职业技术学院承办的培训班开班仪式举行。"
    "来自清迈皇家理工大学（Rajamangala University of Technology Lanna）、春武里技术学院（Chonburi Technical College）"
    "等4所泰国职业院校的12名教师参加培训。\n\n"
    "开班仪式由学院副院长周建国主持。江苏省教育厅国际合作与交流处一级调研员吴海燕，"
    "南京筑成建设有限公司技术总监钱立新，我院建筑工程学院院长孙卫东出席开班仪式。\n\n"
    "清迈皇家理工大学国际合作部主任颂猜·通迪（Somchai Thongdee）、春武里技术学院土木系主任 "
    "Nida Chaiyo 分别介绍了两校专业设置。建筑工程学院院长孙卫东介绍了实训基地。\n\n"
    "据悉，学院将于今年7月底前完成双语课程资源开发。\n"
)


def test_a_colleges_briefing_names_its_schools_its_guests_in_latin_and_positions_with_their_units(db):
    summary = _summary(read_report(TRAINING_BRIEFING))
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("江苏建筑职业技术学院", "host", "CN"),
        # A name in Latin letters after the Chinese one is the organisation's own; the country said after the list
        # ("等4所泰国职业院校") is each listed one's.
        ("Rajamangala University of Technology Lanna", "participant", "TH"),
        ("Chonburi Technical College", "participant", "TH"),
        ("江苏省教育厅", "participant", "CN"),
        ("南京筑成建设有限公司", "participant", "CN"),
    ]
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Jianguo", "Zhou", "副院长", "江苏建筑职业技术学院", "chair"),
        ("Haiyan", "Wu", "国际合作与交流处一级调研员", "江苏省教育厅", "participant"),
        ("Lixin", "Qian", "技术总监", "南京筑成建设有限公司", "participant"),
        # 建筑工程学院 is the college's own school: part of the position, and the person is the college's.
        ("Weidong", "Sun", "建筑工程学院院长", "江苏建筑职业技术学院", "speaker"),
        ("Somchai", "Thongdee", "国际合作部主任", "Rajamangala University of Technology Lanna", "speaker"),
        ("Nida", "Chaiyo", "土木系主任", "Chonburi Technical College", "speaker"),
    ]
    # "学院将于今年7月底前…": the college, by the end of July of the meeting's year.
    assert summary["actions"] == [("完成双语课程资源开发", "江苏建筑职业技术学院", "2025-07-31")]


TRAINING_HELD_ELSEWHERE = (
    "2025年缅甸职业院校教师电子商务培训班开班\n\n"
    "2025年9月2日上午，培训班开班仪式在学院南湖校区学术报告厅举行。"
    "培训为期十天（9月2日至11日），全部在江西财经职业学院电子商务实训中心进行。"
    "王建平院长代表学院致欢迎辞。学员将赴南昌云创电子商务有限公司开展企业实践，结业后获得学院颁发的证书。"
    "江西省教育厅副处长刘芳出席开班仪式。培训成果汇编将编印后并报省教育厅。\n"
)


def test_a_trainings_venue_is_where_all_of_it_is_held_and_no_hall_nor_verb_is_an_organisation(db):
    summary = _summary(read_report(TRAINING_HELD_ELSEWHERE))
    assert summary["workshop"][1] == "training"
    assert summary["workshop"][6] == "江西财经职业学院电子商务实训中心"
    # No "南湖校区学术报告厅", "电子商务实训中心", "王建平院长代表学院", "获得学院" nor "…并报省教育厅": 省教育厅 is
    # 江西省教育厅, and 财经 breaks no name.
    assert [(o[0], o[2]) for o in summary["organisations"]] == [
        ("江西财经职业学院", "host"),
        ("南昌云创电子商务有限公司", None),
        ("江西省教育厅", "participant"),
    ]


ONLINE_MINUTES_WITH_UNITS = (
    "江南职业技术学院与清迈皇家理工大学\n"
    "电气专业合作线上会商会\n"
    "会 议 纪 要\n\n"
    "会议时间：2024年10月15日\n"
    "会议形式：线上（腾讯会议）\n"
    "参会人员：\n"
    "江南职业技术学院：王建国 副院长、李明 国际合作与交流处处长、赵丽 国际合作与交流处项目主管\n"
    "泰国北方省技术教育与职业培训局：颂猜（Somchai Dee） 国际合作处处长\n"
    "南京明远电气有限公司：周涛 海外业务部经理\n\n"
    "2024年10月15日，江南职业技术学院与清迈皇家理工大学以线上方式召开电气专业合作会商会，围绕课程共建、教师培训等议题进行了"
    "讨论。现纪要如下：\n\n"
    "一、会议主要内容\n\n"
    "（一）王建国副院长致辞。他表示，两校自签署合作意向书以来多次线上沟通，合作基础日益扎实。\n"
)


def test_a_meetings_name_a_unit_after_a_listed_person_and_a_numbered_heading_are_no_organisation_nor_topic(db):
    summary = _summary(read_report(ONLINE_MINUTES_WITH_UNITS))
    names = [o[0] for o in summary["organisations"]]
    # Not "电气专业合作线上会商会" (a meeting), "职业培训局" (与 inside a name breaks it not), "国际合作处",
    # "海外业务部" nor "国际合作与交流处" (units of the organisation the line is under).
    assert names == ["江南职业技术学院", "清迈皇家理工大学", "泰国北方省技术教育与职业培训局", "南京明远电气有限公司"]
    for junk in ("电气专业合作线上会商会", "职业培训局", "国际合作处", "海外业务部", "国际合作与交流处"):
        assert not any(junk == name or name.endswith("会商会") for name in names)
    assert [(p[1], p[3], p[4]) for p in summary["people"]] == [
        ("Wang", "副院长", "江南职业技术学院"),
        ("Li", "国际合作与交流处处长", "江南职业技术学院"),
        ("Zhao", "国际合作与交流处项目主管", "江南职业技术学院"),
        # A government's division is not part of the position; a company's department is.
        ("Dee", "处长", "泰国北方省技术教育与职业培训局"),
        ("Zhou", "海外业务部经理", "南京明远电气有限公司"),
    ]
    # "一、会议主要内容" is the heading of a section, not a topic.
    assert summary["topics"] == ["课程共建", "教师培训"]


NEWS_WITH_A_BREADCRUMB = (
    "首页 > 新闻中心 > 学院要闻\n\n"
    "来源：国际交流与合作处\n\n"
    "2025年5月19日上午，赞比亚北方技术学院院长本森·班达（Benson Banda）率代表团一行4人到访湖南机电职业技术学院。"
    "赞比亚技术教育、职业与创业培训局（TEVETA）处长卡卢卡·穆本加（Kaluka Mubanga），以及相关职能部门负责人参加活动。"
    "刘志强院长与本森·班达院长签署了合作协议。代表团参观了工业机器人实训中心和湖南湘电智能装备有限公司生产车间。\n"
)


def test_a_breadcrumb_a_unit_alone_and_a_verb_are_no_organisation_and_a_list_of_fields_is_one_name(db):
    summary = _summary(read_report(NEWS_WITH_A_BREADCRUMB))
    # Not "新闻中心", "国际交流与合作处", "人到访…", "相关职能部", "班达院长签署" nor "和湖南湘电…".
    assert [(o[0], o[3]) for o in summary["organisations"]] == [
        ("湖南机电职业技术学院", "CN"),  # the college writing ("学院要闻"), first named by 学院
        ("赞比亚北方技术学院", "ZM"),
        ("赞比亚技术教育、职业与创业培训局", "ZM"),
        ("湖南湘电智能装备有限公司", "CN"),
    ]


VISIT_NEWS_PAGE = (
    "首页 > 学院新闻 > 综合新闻\n\n"
    "乌干达坎帕拉技术学院代表团来访我院  两校签署合作备忘录\n\n"
    "发布时间：2025-03-18　　来源：国际处　　浏览次数：210\n\n"
    "3月17日上午，乌干达坎帕拉技术学院（Kampala Technical Institute，KTI）院长约翰·奥凯罗（John Okello）"
    "率代表团一行3人到访四川交通职业技术学院，并出席“中乌交通技能人才培养基地”合作备忘录签约仪式。"
    "学院党委书记欧阳建华、院长司马琳参加活动。签约仪式在学院图书馆二楼报告厅举行，由司马琳院长主持。\n\n"
    "欧阳建华书记致欢迎辞。他表示，学院愿与非洲院校分享办学经验。“乌干达的道路建设需要大量技术工人，我们愿意提供帮助。”\n\n"
    "双方将在坎帕拉共建交通技能人才培养基地。\n"
)


def test_a_news_pages_visit_its_ceremony_the_hosts_room_and_compound_family_names(db):
    summary = _summary(read_report(VISIT_NEWS_PAGE))
    # The breadcrumb and the post's details are no title; the ceremony attended names the event; the day without
    # its year takes the year of the post's ISO date; a signing is bilateral; a room of the college is in person, with
    # the college's name.
    assert summary["workshop"][:4] == (
        "“中乌交通技能人才培养基地”合作备忘录签约仪式",
        "bilateral",
        "in_person",
        "2025-03-17",
    )
    assert summary["workshop"][6] == "四川交通职业技术学院图书馆二楼报告厅"
    # The college visited hosts, the visitors' takes part; 乌干达 before a name is its country.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("四川交通职业技术学院", "host", "CN"),
        ("乌干达坎帕拉技术学院", "participant", "UG"),
    ]
    # 欧阳 and 司马 are family names of two characters; the Latin names in brackets between an organisation and a
    # position leave the position the organisation's.
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("John", "Okello", "院长", "乌干达坎帕拉技术学院", "participant"),
        ("Jianhua", "Ouyang", "党委书记", "四川交通职业技术学院", "speaker"),
        ("Lin", "Sima", "院长", "四川交通职业技术学院", "chair"),
    ]
    # A quote opening a sentence goes on with the speech of the sentence before ("他表示，…。“…”").
    assert ("Ouyang", "乌干达的道路建设需要大量技术工人，我们愿意提供帮助。") in summary["quotes"]
    assert summary["outcomes"] == [("consensus", "双方将在坎帕拉共建交通技能人才培养基地。")]


MINUTES_WITH_NEXT_STEPS = (
    "四川交通职业技术学院与加纳阿克拉技术大学\n"
    "道路桥梁专业合作线上研讨会\n"
    "会 议 纪 要\n\n"
    "会议时间：2025年4月2日\n"
    "主持人：上官文 四川交通职业技术学院副院长\n"
    "记录人：诸葛云\n"
    "参会人员：\n"
    "四川交通职业技术学院：上官文 副院长、何平 道桥学院院长\n"
    "加纳阿克拉技术大学：夸梅·阿杜（Kwame Addo） 土木工程系主任\n\n"
    "下一步工作：\n"
    "1. 道桥学院负责编写双语课程标准，6月底前完成。\n"
    "2. 由何平牵头组织秋季教师研修，年内完成。\n"
    "3. 双方于2025年5月中旬前确定研修教师名单。\n"
    "4. 翻译教学资源。责任单位：四川交通职业技术学院；责任人：何平；完成时限：7月底前。\n"
)


def test_minutes_titled_over_two_lines_a_recorder_and_next_steps_with_owners_and_deadlines(db):
    summary = _summary(read_report(MINUTES_WITH_NEXT_STEPS))
    assert summary["workshop"][:4] == (
        "四川交通职业技术学院与加纳阿克拉技术大学道路桥梁专业合作线上研讨会",
        "bilateral",
        "online",
        "2025-04-02",
    )
    assert [(o[0], o[3]) for o in summary["organisations"]] == [
        ("四川交通职业技术学院", "CN"),
        ("加纳阿克拉技术大学", "GH"),
    ]
    # 上官 and 诸葛 start names (上 is no word here); the recorder's line names one person alone.
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Wen", "Shangguan", "副院长", "四川交通职业技术学院", "chair"),
        ("Yun", "Zhuge", None, None, "participant"),
        ("Ping", "He", "道桥学院院长", "四川交通职业技术学院", "participant"),
        ("Kwame", "Addo", "土木工程系主任", "加纳阿克拉技术大学", "participant"),
    ]
    # "X负责…", "由X牵头…": the owner, then what is to be done (a unit alone is the writing college's); "6月底前",
    # "年内", "5月中旬前" and "7月底前" are deadlines in the meeting's year; 季 of 秋季 starts no name.
    assert summary["actions"] == [
        ("编写双语课程标准", "四川交通职业技术学院", "2025-06-30"),
        ("组织秋季教师研修", "He", "2025-12-31"),
        ("确定研修教师名单", None, "2025-05-20"),
        ("翻译教学资源", "He", "2025-07-31"),
    ]


MINISTRY_TALKS = (
    "人力资源社会保障部与肯尼亚劳动部举行技能合作会谈\n\n"
    "2025年6月12日，人力资源社会保障部副部长汪洋会见肯尼亚劳动部常务秘书姆万吉·卡马乌（Mwangi Kamau）一行，"
    "双方就职业技能开发合作进行会谈。"
    "本次会谈由中国—非洲职业教育联盟主办，湖南铁道职业技术学院承办，湖南交通职业技术学院协办。\n"
)


def test_a_ministrys_talks_organised_hosted_and_co_organised(db):
    summary = _summary(read_report(MINISTRY_TALKS))
    # China's ministry named without its country is China's; a foreign ministry of three characters after its
    # country is one; 会见 before a name is no part of it; a dash joins the two places of an alliance's name; 主办,
    # 承办 and 协办 make hosts.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("人力资源社会保障部", "host", "CN"),
        ("肯尼亚劳动部", "host", "KE"),
        ("中国—非洲职业教育联盟", "host", "CN"),
        ("湖南铁道职业技术学院", "host", "CN"),
        ("湖南交通职业技术学院", "host", "CN"),
    ]
    assert [(p[1], p[3], p[4]) for p in summary["people"]] == [
        ("Wang", "副部长", "人力资源社会保障部"),
        ("Kamau", "常务秘书", "肯尼亚劳动部"),
    ]


def test_a_table_of_participants_a_direction_inside_a_name_and_who_chairs_by_name(db):
    text = (
        "泰国曼谷北部技术学院教师研修班开班\n\n"
        "2025年7月8日上午，研修班在湖南交通职业技术学院开班。\n\n"
        "参会人员名单\n"
        "姓名\t单位\t职务\n"
        "司马健\t湖南交通职业技术学院\t副院长\n"
        "颂萨\t泰国曼谷北部技术学院\t讲师\n\n"
        "开班仪式上，司马健副院长主持会议并致辞。\n"
    )
    summary = _summary(read_report(text))
    # 北部 inside 曼谷北部技术学院 ends no name; the organisations of a participants table take part.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("泰国曼谷北部技术学院", "participant", "TH"),
        ("湖南交通职业技术学院", "participant", "CN"),
    ]
    # "X副院长主持会议": the person named before 主持 chairs.
    assert [(p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Sima", "副院长", "湖南交通职业技术学院", "chair"),
        ("Song", "讲师", "泰国曼谷北部技术学院", "participant"),
    ]


def test_a_record_of_a_talk_with_a_chair_in_brackets_a_recorder_and_work_arranged(db):
    text = (
        "湖南交通职业技术学院与老挝万象交通学院合作座谈会会议记录\n\n"
        "时间：2025年9月3日\n"
        "地点：湖南交通职业技术学院行政楼三楼会议室\n"
        "主持：皇甫军（湖南交通职业技术学院副院长）\n"
        "记录：慕容雪\n"
        "出席人员：老挝万象交通学院院长宋通·西潘敦（Somthong Siphandone）、湖南省教育厅国际处处长欧阳丽\n"
        "发言摘要：\n"
        "（一）皇甫军副院长介绍了学院基本情况。\n"
        "（二）宋通·西潘敦院长表示，希望双方开展师资培训合作。\n"
        "工作安排：\n"
        "（一）学院国际处负责制定教师培训方案，10月底前报学院审定。\n"
        "（二）年底前完成首批教师来华培训。\n"
    )
    summary = _summary(read_report(text))
    assert summary["workshop"][:4] == (
        "湖南交通职业技术学院与老挝万象交通学院合作座谈会",
        "bilateral",
        "in_person",
        "2025-09-03",
    )
    # Held in person at one side's college (its 地点): the college visited hosts, the visitors take part.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("湖南交通职业技术学院", "host", "CN"),
        ("老挝万象交通学院", "participant", "LA"),
        ("湖南省教育厅", "participant", "CN"),
    ]
    # 皇甫 and 慕容 are family names; 成 of 完成 starts no name before 教师.
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Jun", "Huangfu", "副院长", "湖南交通职业技术学院", "chair"),
        ("Xue", "Murong", None, None, "participant"),
        ("Somthong", "Siphandone", "院长", "老挝万象交通学院", "speaker"),
        ("Li", "Ouyang", "处长", "湖南省教育厅", "participant"),
    ]
    assert summary["actions"] == [
        ("制定教师培训方案", "湖南交通职业技术学院", "2025-10-31"),
        ("完成首批教师来华培训", None, "2025-12-31"),
    ]


@pytest.mark.parametrize(
    "table",
    [
        "| 序号 | 姓名 | 单位 | 职务 |\n|------|------|------|------|\n"
        "| 1 | 欧阳勇 | 江西交通职业技术学院 | 副院长 |\n| 2 | 巴特尔 | 蒙古国乌兰巴托技术学院 | 院长 |\n",
        "序号  姓名  单位  职务\n1  欧阳勇  江西交通职业技术学院  副院长\n2  巴特尔  蒙古国乌兰巴托技术学院  院长\n",
    ],
)
def test_a_participants_table_with_bars_or_spaces_and_a_number_column(db, table):
    text = (
        "江西交通职业技术学院与蒙古国乌兰巴托技术学院合作洽谈会会议纪要\n\n会议时间：2025年5月6日\n参会人员：\n\n"
        + table
        + "\n巴特尔院长表示：“我们希望学习中国的职业教育经验。”\n"
    )
    summary = _summary(read_report(text))
    assert [(o[0], o[3]) for o in summary["organisations"]] == [
        ("江西交通职业技术学院", "CN"),
        ("蒙古国乌兰巴托技术学院", "MN"),
    ]
    assert [(p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Ouyang", "副院长", "江西交通职业技术学院", "participant"),
        ("Ba", "院长", "蒙古国乌兰巴托技术学院", "speaker"),
    ]


def test_foreign_ministries_whose_names_join_fields_with_yu_and_their_officials(db):
    text = (
        "中柬职业技能合作会谈纪要\n\n"
        "2025年3月12日，柬埔寨劳工与职业培训部国务秘书索·索坤（So Sokhun）、越南劳动荣军与社会部副部长阮文平"
        "（Nguyen Van Binh）访问广西职业技术学院。会谈由广西职业技术学院与老挝教育体育部共同主办。\n"
    )
    summary = _summary(read_report(text))
    # 与 after a foreign country's name joins the fields of its ministry's name; 国务秘书 is a position.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("柬埔寨劳工与职业培训部", None, "KH"),
        ("越南劳动荣军与社会部", None, "VN"),
        ("广西职业技术学院", "host", "CN"),
        ("老挝教育体育部", "host", "LA"),
    ]
    assert [(p[3], p[4]) for p in summary["people"]] == [
        ("国务秘书", "柬埔寨劳工与职业培训部"),
        ("副部长", "越南劳动荣军与社会部"),
    ]


def test_a_day_in_figures_on_its_label_line_and_a_chair_on_a_meeting_chair_line(db):
    text = (
        "江西交通职业技术学院与蒙古国乌兰巴托技术学院合作洽谈会会议纪要\n\n"
        "时间：2025.5.6\n"
        "会议主持：令狐强 江西交通职业技术学院副院长\n"
        "会议商定，双方于2025年下半年互派教师。\n"
    )
    summary = _summary(read_report(text))
    assert summary["workshop"][3:5] == ("2025-05-06", "day")
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in summary["people"]] == [
        ("Qiang", "Linghu", "副院长", "江西交通职业技术学院", "chair"),
    ]


def test_a_short_news_items_issue_year_a_ministrys_centre_and_who_attended_or_accompanied(db):
    text = (
        "我院举办2025年东盟国家职业院校教师新能源汽车技术研修班\n\n"
        "简讯（2025年第12期）\n\n"
        "7月8日，由教育部中外人文交流中心主办的研修班开班。湖南省教育厅副厅长夏侯明出席并讲话，"
        "学院党委副书记东方红陪同。来自泰国、老挝等5个国家的32名职业院校教师参加研修。开班仪式由副院长司徒平主持。\n"
    )
    summary = _summary(read_report(text))
    # "我院举办" is no part of the name; the issue's year gives the day its year.
    title, kind, _format, date, *_rest = summary["workshop"]
    assert (title, kind, date) == ("2025年东盟国家职业院校教师新能源汽车技术研修班", "training", "2025-07-08")
    # A centre of a ministry of China is named with the ministry, and is China's.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("教育部中外人文交流中心", "host", "CN"),
        ("湖南省教育厅", None, "CN"),
    ]
    # 陪 of 陪同 is no part of a name; 夏侯, 东方 and 司徒 are family names.
    assert [(p[1], p[0], p[3], p[5]) for p in summary["people"]] == [
        ("Xiahou", "Ming", "副厅长", "speaker"),  # 出席并讲话
        ("Dongfang", "Hong", "副书记", "participant"),
        ("Situ", "Ping", "副院长", "chair"),
    ]


def test_a_record_named_on_its_label_line_with_spaced_labels_and_questions_and_answers(db):
    text = (
        "甘肃农林职业技术学院\n"
        "会 议 记 录\n\n"
        "会议名称：甘肃农林职业技术学院与吉尔吉斯斯坦比什凯克农业学院畜牧专业合作会议\n"
        "会议时间：2025年4月9日上午\n"
        "会议地点：甘肃农林职业技术学院图书馆二楼会议室\n"
        "会议形式：现场会议\n"
        "主 持 人：诸葛文（副院长）\n"
        "记 录 人：何静（国际处科员）\n"
        "出席人员（共9人）：略\n\n"
        "问（诸葛文副院长）：贵院学生实习多久？\n"
        "答（马明哲主任）：三个月。\n"
    )
    summary = _summary(read_report(text))
    title, kind, _format, date, *_rest, count, _named = summary["workshop"]
    assert (title, kind, date, count) == (
        "甘肃农林职业技术学院与吉尔吉斯斯坦比什凯克农业学院畜牧专业合作会议",
        "bilateral",
        "2025-04-09",
        9,
    )
    # Held in person at one side's college: that college hosts, the other takes part.
    assert [(o[0], o[2]) for o in summary["organisations"]] == [
        ("甘肃农林职业技术学院", "host"),
        ("吉尔吉斯斯坦比什凯克农业学院", "participant"),
    ]
    # "主 持 人", "记 录 人": spaced labels; who asks and who answers (问（…）/答（…）) speaks.
    assert [(p[1], p[0], p[3], p[5]) for p in summary["people"]] == [
        ("Zhuge", "Wen", "副院长", "chair"),
        ("He", "Jing", "国际处科员", "participant"),
        ("Ma", "Mingzhe", "主任", "speaker"),
    ]


def test_a_provincial_pages_news_item_with_an_attendance_block_and_a_footer(db):
    text = (
        "江西省人力资源和社会保障厅　　首页 > 新闻中心 > 工作动态\n\n"
        "【简讯】泰国国家技能发展办公室代表团访问江西交通职业技术学院\n\n"
        "2025年3月5日下午，中泰汽车维修人才培养交流会在江西交通职业技术学院图书馆报告厅举行。\n\n"
        "出席：\n"
        "泰方：泰国国家技能发展办公室副秘书长颂猜·通邦（Somchai Thongbang）\n"
        "中方：江西华东汽车配件有限公司总经理熊伟\n\n"
        "会议由江西交通职业技术学院副院长廖平主持。\n\n"
        "主办单位：江西省人力资源和社会保障厅　　地址：南昌市红谷滩区\n"
    )
    summary = _summary(read_report(text))
    title, kind, *_rest = summary["workshop"]
    # The site's name before its breadcrumb is no title, nor the tag 【简讯】; "中泰" (China, Thailand) are two sides.
    assert (title, kind) == ("中泰汽车维修人才培养交流会", "bilateral")
    # The college visited hosts; the organisations of the lines under "出席：" take part; the page's footer names
    # the site's owner, no host; "…办公室" ends an organisation's name.
    assert [(o[0], o[2], o[3]) for o in summary["organisations"]] == [
        ("江西省人力资源和社会保障厅", None, "CN"),
        ("泰国国家技能发展办公室", "participant", "TH"),
        ("江西交通职业技术学院", "host", "CN"),
        ("江西华东汽车配件有限公司", "participant", "CN"),
    ]


def test_listed_people_after_a_latin_spelling_and_the_units_of_their_positions(db):
    text = (
        "宁夏工商职业技术学院与哈萨克斯坦阿拉木图建筑学院合作座谈会纪要\n\n"
        "时间：2025年6月3日\n"
        "出席：阿拉木图建筑学院院长努尔兰（Nurlan AKHMETOV）、副院长阿依古丽（Aigul SEITOVA）、"
        "土木工程系主任叶尔兰（Yerlan BEKOV）、国际合作部主任达娜（Dana ORAZOVA），"
        "宁夏工商职业技术学院国际交流合作处处长马骏\n"
    )
    summary = _summary(read_report(text))
    # A person after another's Latin spelling and 、 is of the same organisation; a 系 named before 系主任, a
    # department (…部) before the position and a college's division (…处) are part of the position.
    assert [(p[1], p[3], p[4]) for p in summary["people"]] == [
        ("Akhmetov", "院长", "哈萨克斯坦阿拉木图建筑学院"),
        ("Seitova", "副院长", "哈萨克斯坦阿拉木图建筑学院"),
        ("Bekov", "土木工程系主任", "哈萨克斯坦阿拉木图建筑学院"),
        ("Orazova", "国际合作部主任", "哈萨克斯坦阿拉木图建筑学院"),
        ("Ma", "国际交流合作处处长", "宁夏工商职业技术学院"),
    ]


def test_the_chinese_sides_line_of_people_with_units_and_a_side_that_is_no_name(db):
    text = (
        "青海交通职业技术学院与蒙古国科布多技术学院合作会议记录\n\n"
        "会议时间：2025年7月1日\n"
        "会议地点：青海交通职业技术学院行政楼会议室\n"
        "会议形式：现场会议\n"
        "出席人员：\n"
        "外方：蒙古国科布多技术学院院长巴雅尔（Bayar TSEND）\n"
        "中方：副院长上官杰，科研处处长苗青，汽车系副主任钟敏，国际交流与合作处科员包宁\n\n"
        "会议商定，明年由学院为蒙方教师开设培训。\n"
    )
    summary = _summary(read_report(text))
    # The people of the Chinese side's line are of the Chinese host; a unit after the list's comma is of the
    # position; "蒙方教师" is the Mongolian side's teachers, no one named.
    assert [(p[1], p[3], p[4]) for p in summary["people"]] == [
        ("Tsend", "院长", "蒙古国科布多技术学院"),
        ("Shangguan", "副院长", "青海交通职业技术学院"),
        ("Miao", "科研处处长", "青海交通职业技术学院"),
        ("Zhong", "汽车系副主任", "青海交通职业技术学院"),
        ("Bao", "国际交流与合作处科员", "青海交通职业技术学院"),
    ]


def test_a_visit_reports_delegation_table_a_college_named_as_gaiyuan_and_a_lead_unit(db):
    text = (
        "我院赴柬埔寨开展职业教育合作交流出访报告\n\n"
        "一、出访人员名单\n"
        "姓名　单位　职务\n"
        "袁浩　贵州交通职业技术学院　副院长\n"
        "罗丹　贵州交通职业技术学院　国际合作处处长\n"
        "二、行程安排\n"
        "2025年4月21日，访问柬埔寨马德望理工学院，与该院院长索昆（Sokhom CHEA）会谈。\n"
        "三、下一步工作\n"
        "1. 拟定学生交换方案。牵头单位：国际合作处；完成时间：2025年5月31日。\n"
    )
    summary = _summary(read_report(text))
    # A unit's position in the table's 职务 cell; 该院 is the college named before it in the sentence; 贵州 (a
    # province) starts a name, not 贵 (your).
    assert [(p[1], p[3], p[4]) for p in summary["people"]] == [
        ("Yuan", "副院长", "贵州交通职业技术学院"),
        ("Luo", "国际合作处处长", "贵州交通职业技术学院"),
        ("Chea", "院长", "柬埔寨马德望理工学院"),
    ]
    # 牵头单位 a unit of no organisation named: the college writing (我院).
    assert summary["actions"] == [("拟定学生交换方案", "贵州交通职业技术学院", "2025-05-31")]
