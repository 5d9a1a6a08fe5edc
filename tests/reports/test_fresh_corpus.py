"""tests/fixtures/reports/corpus/fresh/: four reports (a news release, bullet-point minutes, a 会议纪要, an e-mail)
written with their facts by someone who had not seen the reader read them, and scored once, before any change made
for them: 178 of 212 facts (84.0 %, bench/report_reader.py --fresh). The scores below are the corpus scorer's, after
the three fixes they led to and the general rules of issue 26's review (tests/reports/test_general_rules.py), then
the rules the second fresh set (corpus/fresh2/) led to: the organisations of listed participants take part, "Both
institutes agreed …", 国际劳工组织 with no (ILO) beside it (the ILO's record has its Chinese name as an alias), a
person's organisation carried over a list (副院长陈建斌 after 无锡技师学院院长李振云); before them 40, 64, 37 and 54.
Then "… attended, including staff of A and the Office of B" (both take part) and the place right after the dates of a
meeting named before them ("… held a two-day Workshop on … on 16–17 September 2024 at the …"): the news 40 before. What
the reader still misses there: "Ms. Liu will …" owned by the e-mail's addressee (named only in its headers), and
Mr. Bou's position and the format of the e-mail's study visit. Then (branch r26e) a person first named without an
honorific and later by "Mr." and one word: the e-mail 39 before."""

from tests.reports.corpus_score import corpus_scores


def test_the_fresh_reports_as_scored(corpus_records):
    assert corpus_scores("fresh") == {
        "cmtc-wit-ev-news.txt": (43, 43),
        "pccfpi-wit-welding-minutes.txt": (66, 66),
        "pccfpi-wuxi-study-visit-email.eml": (42, 44),
        "zh-wit-chiangmai-nev-minutes.txt": (59, 59),
    }
