"""Honorifics, written once: what a report puts before or after a person's name and is not part of it. Matching drops
them from the names compared, a name typed for a new person keeps them apart, and the demo data gives them out."""

import re
import unicodedata

# The usual ones, as they are written before a name.
USUAL_HONORIFICS = ("Mr.", "Ms.", "Dr.", "Prof.", "H.E.")
# Written before a Latin or Khmer name ("Lok Chumteav" is Khmer for Madam).
HONORIFICS = (
    *USUAL_HONORIFICS,
    "Mrs.",
    "Miss",
    "Mx.",
    "Professor",
    "Sir",
    "Madam",
    "Dame",
    "Eng.",
    "Ir.",
    "Lok",
    "Lok Chumteav",
    "Oknha",
)
# Written after a Chinese name, with no space: 陈建斌先生.
CHINESE_HONORIFICS = ("先生", "女士", "博士", "教授")


def honorific_key(word):
    """A word as honorifics are compared: "Mr." = "mr" = "MR", "H.E." = "he"."""
    return word.lower().replace(".", "")


HONORIFIC_KEYS = frozenset(honorific_key(h) for h in (*HONORIFICS, *CHINESE_HONORIFICS))


def is_honorific(word):
    return honorific_key(word) in HONORIFIC_KEYS


def _words(text):
    return frozenset(text.split())


# Family names, as written in Latin script, of the naming traditions that put the family name first. A compact list
# of the common ones: enough to preselect the order of a name typed, which the person adding it can still change.
CHINESE_FAMILY_NAMES = _words(
    """ai an bai bao bi bian cai cao chai chang chen cheng chu cui dai deng ding dong du duan fan fang fei feng fu gao
    ge geng gong gu guan guo han hao he hong hou hu hua huang ji jia jiang jin kang ke kong kuang lai lan lei li lian
    liang liao lin ling liu long lu luo lv lyu ma mao meng miao mo mu ni ning niu ou pan pang peng qi qian qiao qin qiu
    qu ran rao ren rong ruan shao shen sheng shi shu song su sun tan tang tao tian wan wang wei wen weng wu xia xiang
    xiao xie xin xing xiong xu xue yan yang yao ye yi yin you yu yuan yue yun zeng zhai zhan zhang zhao zheng zhong
    zhou zhu zhuang zou"""
)
CHINESE_COMPOUND_FAMILY_NAMES = _words(
    "ouyang sima zhuge shangguan situ dongfang huangfu xiahou zhangsun yuwen murong gongsun"
)
KHMER_FAMILY_NAMES = _words(
    """bou chan chea chhay chhim chum heng hem hun im kao keo khiev kim kong kouy kuoy lim long ly mam mao meas mean
    men nhem nuon ouk pich prak ros sam san sar seng sin sok som srey tep touch ung yim you"""
)
VIETNAMESE_FAMILY_NAMES = _words(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trinh truong mai lam"
)
KOREAN_FAMILY_NAMES = _words(
    """kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh shin seo
    kwon hwang"""
)
LAO_FAMILY_NAMES = _words(
    """phommachanh sisoulith vongsay keomany inthavong siphandone phomvihane souvanna sayasone phengkhammy
    vongphachanh xaysana sengdara"""
)
FAMILY_FIRST_NAMES = (
    CHINESE_FAMILY_NAMES
    | CHINESE_COMPOUND_FAMILY_NAMES
    | KHMER_FAMILY_NAMES
    | VIETNAMESE_FAMILY_NAMES
    | KOREAN_FAMILY_NAMES
    | LAO_FAMILY_NAMES
)
# What a Chinese honorific written after a name is in Latin script.
CHINESE_HONORIFIC_LATIN = {"先生": "Mr.", "女士": "Ms.", "博士": "Dr.", "教授": "Prof."}
FAMILY_FIRST, GIVEN_FIRST = "family_first", "given_first"  # participants.models.Person.NameOrder

_CANONICAL = {honorific_key(h): h for h in HONORIFICS}
_OWN_SCRIPT = re.compile(r"[\u1780-\u17ff\u0e80-\u0eff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|ve|er|"
    r"a|o|e|i|u|v)"
)


def _plain(word):
    """A word as family names are compared: no accents, no hyphens or apostrophes, lower case."""
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c)).lower()


def _is_pinyin(word):
    """Whether a word can be read as pinyin syllables ("Jinlin", "Zhen-yun", "Xi'an")."""
    text = _plain(word)
    reachable = {0}
    for start in range(len(text)):
        if start in reachable:
            for match_end in range(start + 1, min(len(text), start + 6) + 1):
                if _PINYIN.fullmatch(text, start, match_end):
                    reachable.add(match_end)
    return bool(text) and len(text) in reachable


def _family_name_weight(word, rest):
    """How surely `word` is a family name of a family-first tradition when the other words are `rest`: 2 for a
    compound Chinese family name, 1 for another known one, 0 for none."""
    plain = _plain(word)
    if plain in CHINESE_COMPOUND_FAMILY_NAMES and all(_is_pinyin(w) for w in rest):
        return 2
    if plain in CHINESE_FAMILY_NAMES and all(_is_pinyin(w) for w in rest):
        return 1
    if plain in FAMILY_FIRST_NAMES - CHINESE_FAMILY_NAMES - CHINESE_COMPOUND_FAMILY_NAMES:
        return 1
    return 0


def _capitalised(word):
    """A word typed all in lower or upper case written as a name is ("shi" → "Shi", "MIN-JUN" → "Min-jun")."""
    if word.islower() or word.isupper():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def _take_honorifics(words):
    """(honorific, rest): the honorifics before a name, one or two words each ("H.E. Dr.", "Lok Chumteav")."""
    taken = []
    while len(words) > 1:
        if len(words) > 2 and honorific_key(f"{words[0]} {words[1]}") in _CANONICAL:
            taken.append(_CANONICAL[honorific_key(f"{words[0]} {words[1]}")])
            words = words[2:]
        elif honorific_key(words[0]) in _CANONICAL and ("." in words[0] or _plain(words[0]) not in FAMILY_FIRST_NAMES):
            # "He Ning" is Ning of the He family; "H.E." is the honorific.
            taken.append(_CANONICAL[honorific_key(words[0])])
            words = words[1:]
        else:
            break
    return " ".join(taken), words


def split_name(text):
    """A name as typed, in its parts: {"honorific", "family_name", "given_name", "name_order", "name_local"}.

    "Prof. Shi Lei" → Prof. / Shi / Lei, family first; "Yutong Liu" → Yutong / Liu, given first (a Chinese name in
    the western order, as the reference report writes them); "H.E. Dr. Sok Chenda" → H.E. Dr. / Sok / Chenda;
    "李振云" → 李振云 in own script with Li / Zhenyun, family first. The family name comes first when the first word
    is a known Chinese, Khmer, Vietnamese, Korean or Lao family name (a Chinese one followed by pinyin), when it is
    the one word in capitals ("SHI Lei"), before a comma ("Shi, Lei") and for a name in its own script only."""
    text = " ".join(str(text).split())
    parts = {"honorific": "", "family_name": "", "given_name": "", "name_order": GIVEN_FIRST, "name_local": ""}
    honorific, words = _take_honorifics(text.split())
    local = [w for w in words if _OWN_SCRIPT.search(w)]
    latin = [w for w in words if not _OWN_SCRIPT.search(w)]
    if local:
        own = " ".join(local)
        for chinese, latin_honorific in CHINESE_HONORIFIC_LATIN.items():
            if own.endswith(chinese) and len(own) > len(chinese):
                own, honorific = own.removesuffix(chinese), honorific or latin_honorific
        parts["name_local"] = own
        parts["name_order"] = FAMILY_FIRST
        if not latin and _CJK.search(own):
            from pypinyin import lazy_pinyin  # on the first Chinese name: its dictionaries are large

            characters = own.replace(" ", "")
            surname_length = 2 if "".join(lazy_pinyin(characters[:2])) in CHINESE_COMPOUND_FAMILY_NAMES else 1
            family = "".join(lazy_pinyin(characters[:surname_length])).capitalize()
            given = "".join(lazy_pinyin(characters[surname_length:])).capitalize()
            parts["family_name"], parts["given_name"] = family, given
    parts["honorific"] = honorific[:30]
    if latin:
        parts.update(_split_latin(latin, has_honorific=bool(honorific)))
    return parts


def _split_latin(words, *, has_honorific):
    text = " ".join(words)
    if "," in text:
        family, given = (" ".join(part.split()) for part in text.split(",", 1))
        order = FAMILY_FIRST if _family_name_weight(family, given.split()) else GIVEN_FIRST
        return {"family_name": _capitalised(family), "given_name": _capitalised(given), "name_order": order}
    if len(words) == 1:
        key = "family_name" if has_honorific else "given_name"  # "Mr. Chen" is Chen's family name
        return {key: _capitalised(words[0])}
    capitals = [i for i, w in enumerate(words) if w.isupper() and len(_plain(w)) > 1]
    if len(capitals) == 1 and capitals[0] in (0, len(words) - 1):
        family_at = capitals[0]
    else:
        first = _family_name_weight(words[0], words[1:])
        last = _family_name_weight(words[-1], words[:-1])
        family_at = 0 if first and first >= last else len(words) - 1
    names = [_capitalised(w) for w in words]
    if family_at == 0:
        return {"family_name": names[0], "given_name": " ".join(names[1:]), "name_order": FAMILY_FIRST}
    return {"family_name": names[-1], "given_name": " ".join(names[:-1]), "name_order": GIVEN_FIRST}
