"""The Chinese reader's work grows with the text, not with pairs of its names: the lookups by position (reports.zh.
_Spans) and by abbreviation (reports.zh._Names) give what a scan of every span or name gives, and a text naming a new
college in every sentence compares each name with a bounded number of others."""

import random

import pytest

from bench.hostile_reports import paste_long_chinese
from reports import limits, zh


def _scan_holding(spans, position):
    return next((span for span in spans if span[0] <= position < span[1]), None)


def _scan_within(spans, start, end):
    return [span for span in spans if start <= span[0] and span[1] <= end]


def test_the_spans_found_by_position_are_those_a_scan_finds():
    generator = random.Random(7)
    spans = zh._Spans()
    plain = []
    for number in range(300):
        start = generator.randrange(0, 500)
        span = (start, start + generator.randrange(1, 12), f"entity {number}")
        spans.append(span)
        plain.append(span)
        if number == 150:
            spans.sort(key=lambda s: s[0])
            plain.sort(key=lambda s: s[0])
    for position in range(0, 520):
        assert spans.holding(position) == _scan_holding(plain, position)
        assert spans.holds(position) == (_scan_holding(plain, position) is not None)
        assert spans.ending(position) == next((s for s in plain if s[1] == position), None)
        end = position + generator.randrange(0, 30)
        assert spans.within(position, end) == _scan_within(plain, position, end)
        assert spans.overlaps(position, end) == any(s[0] < end and position < s[1] for s in plain)
    assert list(spans) == plain


def test_spans_given_to_another_entity_keep_their_places():
    first, second, home = object(), object(), object()
    spans = zh._Spans([(0, 4, first), (5, 9, second), (10, 14, first)])
    spans.relabel({id(first)}, home)
    assert list(spans) == [(0, 4, home), (5, 9, second), (10, 14, home)]
    assert spans.holding(11) == (10, 14, home)
    assert spans.within(0, 9) == [(0, 4, home), (5, 9, second)]


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("无锡市人社局", "无锡市人力资源和社会保障局"),  # first and last characters, the others in order
        ("人力资源和社会保障部", "中华人民共和国人力资源和社会保障部"),  # the name less its country
        ("省教育厅", "浙江省教育厅"),  # the name less its place
        ("自治区教育厅", "新疆维吾尔自治区教育厅"),
        ("无锡技院", "无锡技师学院"),
        ("柬埔寨理工学院", None),  # 柬埔寨国立理工学院 is named after it
        ("无锡技师学院", None),  # itself
        ("ILO", None),
        ("", None),
    ],
)
def test_the_name_a_phrase_abbreviates_is_the_first_a_scan_finds(phrase, expected):
    names = zh._Names()
    for name in [
        "无锡市人力资源和社会保障局",
        "中华人民共和国人力资源和社会保障部",
        "浙江省教育厅",
        "新疆维吾尔自治区教育厅",
        "无锡技师学院",
        "无锡职业技术学院",
    ]:
        names[name] = object()
    assert names.abbreviated(phrase) == expected
    assert expected == next((n for n in names if zh.abbreviates(phrase, n)), None)


def test_a_text_naming_a_new_college_in_every_sentence_compares_each_name_with_a_bounded_few(monkeypatch, db):
    from reports.reader import read_report

    calls = []
    original = zh.abbreviates
    monkeypatch.setattr(zh, "abbreviates", lambda short, full: calls.append(1) or original(short, full))
    text = paste_long_chinese(20_000)
    proposal = read_report(text)
    colleges = text.count("职业技术学院副院长")
    assert colleges == 842
    # Each phrase (the college, less its country, its first two characters) is compared with at most
    # ABBREVIATION_CANDIDATES names of the same first and last characters (and two more): 842 colleges with every
    # earlier one were 354,000 comparisons.
    assert len(calls) <= colleges * (limits.ABBREVIATION_CANDIDATES + 2)
    assert len(proposal["people"]) == 99
