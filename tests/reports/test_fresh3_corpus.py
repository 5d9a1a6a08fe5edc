"""tests/fixtures/reports/corpus/fresh3/: six reports in six styles (a news release of a signing, minutes
of a hybrid meeting as a .docx with a participants table and an action table, an e-mail after a study
visit, a narrative report of a training of trainers, a 会议纪要 and a Chinese 新闻稿), about 4,500 characters
each, written with their facts by a writer who never saw the reader's code, while the fixes the second
fresh set led to were made, and scored once when those were done, with no change to the reader: 290 of
440 facts (65.9 %, bench/report_reader.py --fresh3; English 231/313 = 73.8 %, Chinese 59/127 = 46.5 %);
by the corpus scorer (tests/reports/corpus_score.py, stricter on exact values) 61, 69, 48, 51, 24 and 35
as first read.

The scores below are after the general rules they led to (tests/reports/test_general_rules.py,
test_chinese.py): these reports are no longer held out. What the reader missed there at first: the roles
of most organisations; a "Coordination Meeting of the … Working Group" as multilateral; a Chinese
participants block of "Organisation：name+title、name+title（unit）" lines, and Lao and Vietnamese names
written in Chinese with their Latin spelling in brackets; 我院 in a college's news, the meeting's name in
its body, 主会场 as venue and host; 会议决定 and 一致同意 inside numbered paragraphs and 负责人 owning an action;
"Decision:" labels and an action table (No. / Action / Responsible / Deadline) in a .docx; a training's
topics given day by day and positions "at" an organisation; a news release's "FOR IMMEDIATE RELEASE"
headline taken as its title, its dateline's date and the ceremony's hall; a "nine-member delegation" and
the items after "agreed that:".

What it missed after those, read since by general rules (test_general_rules.py): the roles of speakers who "led
the sessions" or "prepared test pieces", a Vietnamese person called by the last given name ("Mr. Hai"), the news
release's other signatory and the guests' organisations as participants, "They also agreed that TVI will train …",
"by the end of May" (the month's last day), the topics of a session "that covered …", the e-mail's format (a study
visit, in person) and host (the institute visited), "On the NBPT side … Ms. Chen Lu, Director of the International
Exchange Office", the quote after "he answered:", the topics after "we discussed three things:", an action owned by
"myself" (the writer), and the .docx's numbered section headings as topics.

What it still misses: a unit in a Chinese position ("职业能力建设处处长", "国际合作部主任": earlier reports' facts keep
the unit out, "处长"); "Training Manager of the terminal" (the organisation by a word of its name named before) and so
the terminal's role; and a trainee who "said that" in the feedback, whom the facts keep a participant.

Branch r26g (Chinese rules from fresh6's misses: a college's division or a department listed in a position): the
Chinese news 51 → 52."""

from tests.reports.corpus_score import corpus_scores


def test_the_third_fresh_reports_after_their_fixes(corpus_records):
    assert corpus_scores("fresh3") == {
        "dvet-ningbo-port-study-visit-email.eml": (78, 81),
        "lgtc-green-skills-hybrid-coordination-minutes.docx": (93, 94),
        "polban-wit-welding-assessment-tot-report.txt": (68, 70),
        "tvi-rayong-rail-centre-signing-news.txt": (66, 68),
        "zh-guangxi-langson-auto-exchange-news.txt": (52, 53),
        "zh-wit-luangprabang-branch-minutes.txt": (74, 74),
    }
