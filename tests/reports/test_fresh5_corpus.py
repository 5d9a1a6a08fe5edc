"""tests/fixtures/reports/corpus/fresh5/: six reports in six more styles (formal minutes of a joint steering
committee as a .docx with "Resolved:" decisions and an action table, an .eml summarising a video call in bullet
points, a delegation's mission report of a two-day study visit written as "we", a press release of a training of
trainers, a 会议纪要 of an online meeting with 参会人员 lines and 责任单位/责任人/完成时限 actions, and a college
website's 新闻 of a signing), written with their facts by a writer who never saw the reader's code, while the rules
the fourth fresh set led to were made, and scored once when all of them were merged, with no change to the reader
after: 264 of 468 facts (56.4 %, bench/report_reader.py --fresh5; English 163/319 = 51.1 %, Chinese 101/149 =
67.8 %).

These values are that first read, kept as it is: they pin what the reader does with reports nobody tuned it on, so
that a later rule that loses a fact here is seen. Raise them only with rules written for other reports, or say
that this set is no longer unseen. What it missed, by kind (bench -v): people found but not their organisation
(28), title (23) or role (18); actions (41 facts: "Me"/"we" owners in an e-mail, "Next steps" bullets, a .docx
action table's rows); organisations' roles (20) and countries (19); six topics, six quotes, five titles and kinds."""

from bench.report_reader import report_text
from reports.reader import read_report
from tests.reports.corpus_score import corpus_reports, score


def test_the_fifth_fresh_reports_as_first_read(corpus_records):
    scores = {
        path.name: score(read_report(report_text(path), name=path.name), facts)[:2]
        for path, facts in corpus_reports("fresh5")
    }
    assert scores == {
        "cgtti-qtc-cold-chain-tot-press-release.txt": (31, 68),
        "ctvc-yavtc-coffee-course-video-call.eml": (54, 76),
        "kktc-lzvtc-nev-steering-committee-minutes.docx": (65, 80),
        "kttc-shenzhen-dongguan-mission-report.txt": (58, 95),
        "zh-hnmep-nortec-zambia-signing-news.txt": (42, 71),
        "zh-sxpi-lahore-cnc-online-minutes.txt": (59, 78),
    }
