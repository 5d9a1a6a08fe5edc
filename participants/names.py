"""Honorifics, written once: what a report puts before or after a person's name and is not part of it. Matching drops
them from the names compared, a name typed for a new person keeps them apart, and the demo data gives them out."""

import functools
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
    "Engr.",
    "Er.",
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
    """ouyang sima zhuge shangguan situ dongfang huangfu xiahou zhangsun yuwen murong gongsun linghu yuchi duanmu
    nangong xuanyuan dugu huyan shentu"""
)
KHMER_FAMILY_NAMES = _words(
    """bou chan chea chhay chhim chhorn chhun chum heng hem hing hun im kao keo khiev khun kim kong kouy kuoy lim long
    ly mam mao meas mean men nget nhem nuon oum ouk pich prak ros sam san sar seng sin sok som srey tep touch uch ung
    yim you"""
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
# Compound Chinese family names in characters, with their reading as a family name (pypinyin reads 长孙 "zhangsun"
# but 尉迟 "yuchi" as "yu chi" only by luck): the first two characters of a name are its family name when listed here.
CHINESE_COMPOUND_FAMILY_NAMES_HANZI = {
    "欧阳": "Ouyang",
    "司马": "Sima",
    "诸葛": "Zhuge",
    "上官": "Shangguan",
    "司徒": "Situ",
    "东方": "Dongfang",
    "皇甫": "Huangfu",
    "夏侯": "Xiahou",
    "长孙": "Zhangsun",
    "宇文": "Yuwen",
    "慕容": "Murong",
    "公孙": "Gongsun",
    "令狐": "Linghu",
    "尉迟": "Yuchi",
    "端木": "Duanmu",
    "南宫": "Nangong",
    "轩辕": "Xuanyuan",
    "独孤": "Dugu",
    "呼延": "Huyan",
    "申屠": "Shentu",
    "歐陽": "Ouyang",
    "司馬": "Sima",
    "諸葛": "Zhuge",
}
# Family names whose characters are read otherwise in a family name than in other words (曾 is Zeng, not ceng).
CHINESE_FAMILY_NAME_READINGS = {
    "曾": "Zeng",
    "单": "Shan",
    "仇": "Qiu",
    "解": "Xie",
    "查": "Zha",
    "区": "Ou",
    "朴": "Piao",
    "翟": "Zhai",
    "乐": "Yue",
    "缪": "Miao",
    "覃": "Qin",
    "盖": "Ge",
    "华": "Hua",
    "任": "Ren",
    "沈": "Shen",
    "柏": "Bai",
    "贾": "Jia",
    "种": "Chong",
    "秘": "Bi",
}
# Written in lower case before a western family name, and part of it: "Maria de la Cruz" is of the de la Cruz family.
FAMILY_NAME_PARTICLES = _words("da das de del della der di do dos du la le van von ten ter")
# What a Chinese honorific written after a name is in Latin script.
CHINESE_HONORIFIC_LATIN = {"先生": "Mr.", "女士": "Ms.", "博士": "Dr.", "教授": "Prof."}
# Written before a name and not part of it, besides HONORIFICS: Myanmar's U and Daw (a Burmese name has no family
# name) and the Khmer honorifics in Khmer script (Lok, Lok Srey, H.E., Lok Chumteav). Kept out of HONORIFICS, which
# the report reader looks for in running text, where a lone "U" is too often something else.
MYANMAR_HONORIFICS = ("U", "Daw")
KHMER_SCRIPT_HONORIFICS = ("លោក", "លោកស្រី", "ឯកឧត្តម", "លោកជំទាវ", "អ្នកស្រី", "បណ្ឌិត")
FAMILY_FIRST, GIVEN_FIRST = "family_first", "given_first"  # participants.models.Person.NameOrder
# The fields of a Person that split_name fills.
NAME_PARTS = ("honorific", "family_name", "given_name", "name_order", "name_local")
# Limits: a name longer than this is cut before it is read; a report longer than this is read for evidence up to it.
MAX_NAME_LENGTH = 200
MAX_EVIDENCE_LENGTH = 500_000

_CANONICAL = {honorific_key(h): h for h in (*HONORIFICS, *MYANMAR_HONORIFICS, *KHMER_SCRIPT_HONORIFICS)}
_OWN_SCRIPT = re.compile(
    r"[\u1000-\u109f\u0e00-\u0e7f\u1780-\u17ff\u0e80-\u0eff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff]"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_PARENTHESES = re.compile(r"[(（]([^()（）]*)[)）]")
_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|ve|er|"
    r"a|o|e|i|u|v)"
)
# In a report: an honorific and one capitalised word that no other name word follows ("Mr. Xiang said",
# "Ms. Sok noted"): that word is a family name.
_HONORIFIC_ALONE = re.compile(
    r"(?<![\w.])(?:Mr|Ms|Mrs|Dr|Prof|Professor|H\.E|Madam|Miss)\.?\s+(?P<name>[A-Z][\w'-]+)\b(?!\s+[A-Z])"
)
_CAPITAL_FAMILY = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z][\w'-]*\s+(?P<cap>[A-Z]{2,15})|(?P<cap2>[A-Z]{2,15})\s+[A-Z][a-z][\w'-]*)\b(?!\s+[A-Z])"
)
_HONORIFIC_FULL = re.compile(
    r"(?<![\w.])(?:Mr|Ms|Mrs|Dr|Prof|Professor|H\.E|Madam|Miss)\.?\s+(?P<name>[A-Z][\w'-]+\s+[A-Z][\w'-]+)\b"
    r"(?!\s+[A-Z])"
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


def _capitalised(word, *, typed_lower=False):
    """A word written as a name is: one in capitals ("SHI" → "Shi", "MIN-JUN" → "Min-jun") and, in a name typed all in
    lower case, one in lower case ("shi" → "Shi"); "de la" in "Maria de la Cruz" and "DESKTOP-4F2K9" stay."""
    if any(c.isdigit() for c in word):
        return word
    if word.isupper() or typed_lower and word.islower():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def _written(words, *, typed_lower=None):
    """Words of a name as a name is written (see _capitalised), joined."""
    if typed_lower is None:
        typed_lower = " ".join(words).islower()
    return " ".join(_capitalised(w, typed_lower=typed_lower) for w in words)


def _take_honorifics(words):
    """(honorific, rest): the honorifics before a name, one or two words each ("H.E. Dr.", "Lok Chumteav")."""
    taken = []
    while len(words) > 1:
        if len(words) > 2 and honorific_key(f"{words[0]} {words[1]}") in _CANONICAL:
            taken.append(_CANONICAL[honorific_key(f"{words[0]} {words[1]}")])
            words = words[2:]
        elif honorific_key(words[0]) in _CANONICAL and ("." in words[0] or _plain(words[0]) not in FAMILY_FIRST_NAMES):
            # "He Ning" is Ning of the He family; "H.E." is the honorific. Myanmar's U only before two more words.
            if words[0] in MYANMAR_HONORIFICS and len(words) < 3:
                break
            taken.append(_CANONICAL[honorific_key(words[0])])
            words = words[1:]
        else:
            break
    return " ".join(taken), words


def _chinese_parts(characters):
    """(family, given) in pinyin of a Chinese name in characters: 欧阳振云 → Ouyang, Zhenyun."""
    from pypinyin import lazy_pinyin  # on the first Chinese name: its dictionaries are large

    if characters[:2] in CHINESE_COMPOUND_FAMILY_NAMES_HANZI:
        family, given = CHINESE_COMPOUND_FAMILY_NAMES_HANZI[characters[:2]], characters[2:]
    else:
        first = characters[:1]
        family = CHINESE_FAMILY_NAME_READINGS.get(first) or "".join(lazy_pinyin(first)).capitalize()
        given = characters[1:]
    return family, _joined(lazy_pinyin(given)).capitalize()


def _joined(syllables):
    """Pinyin syllables as one word, with the apostrophe pinyin puts before a, o or e after another (Wan'er)."""
    return "".join(("'" if i and s[:1] in "aoe" else "") + s for i, s in enumerate(syllables))


class NameEvidence:
    """What a report's text says about the names in it, read once: the words written alone after an honorific
    ("Mr. Xiang said": Xiang is a family name), the words written in capitals at a name's end and the order its
    other two-word names (its Chinese ones, if it has some) are surely written in."""

    def __init__(self, text):
        text = str(text or "")[:MAX_EVIDENCE_LENGTH]
        self.family_names = {_plain(m["name"]) for m in _HONORIFIC_ALONE.finditer(text)}
        # "Sreyleak NGOUN", "NGUYEN Van Minh": the word in capitals at one end of a name is its family name, wherever
        # else the text writes the name in another order ("Ms. Ngoun Sreyleak").
        self.capital_family_names = {_plain(m["cap"] or m["cap2"]) for m in _CAPITAL_FAMILY.finditer(text)}
        # The order its Chinese names are surely written in, when it writes some ("Prof. Luo Ming"); else that of
        # all its names: the order of a text's Nepali or Thai names says less of its Chinese ones.
        orders = [
            (_read_latin(m["name"].split(), has_honorific=True), m["name"].split())
            for m in _HONORIFIC_FULL.finditer(text)
        ]
        surely = [parts["name_order"] for (parts, sure), _words in orders if sure]
        chinese = [
            parts["name_order"]
            for (parts, sure), words in orders
            if sure and any(_plain(w) in CHINESE_FAMILY_NAMES for w in words)
        ]
        surely = chinese or surely
        given_first, family_first = surely.count(GIVEN_FIRST), surely.count(FAMILY_FIRST)
        self.usual_order = (
            GIVEN_FIRST if given_first > family_first else FAMILY_FIRST if family_first > given_first else ""
        )


def name_used_alone(given_name, family_name):
    """The word a person is called by with an honorific alone, besides the family name: a Vietnamese person by the
    last word of the given name ("Mr. Hai" of Do Van Hai, "Dr. Thang" of Vu Duc Thang), as Vietnamese usage has it;
    "" for other names (a given name of one word is matched as it is)."""
    words = given_name.split()
    if len(words) > 1 and family_name.casefold() in VIETNAMESE_FAMILY_NAMES:
        return words[-1]
    return ""


@functools.lru_cache(maxsize=8)
def name_evidence(text):
    """The NameEvidence of a report's text, read once however many names in it are split."""
    return NameEvidence(text)


def split_name(text, *, evidence=""):
    """A name as written, in its parts: {"honorific", "family_name", "given_name", "name_order", "name_local",
    "sure", "alternatives"}. The one rule for every door that turns a written name into a person.

    "Prof. Shi Lei" → Prof. / Shi / Lei, family first, but not sure (Lei is a family name too); "Yutong Liu" → Yutong
    / Liu, given first (a Chinese name in the western order, as the reference report writes them); "H.E. Dr. Sok
    Chenda" → H.E. Dr. / Sok / Chenda; "欧阳振云" → 欧阳振云 in own script with Ouyang / Zhenyun, family first; "Wang
    Fang (王芳)" → Wang / Fang with 王芳 in own script, whose first character settles the family name. The family name
    comes first when the first word is a known Chinese, Khmer, Vietnamese or Korean family name (a Chinese one
    followed by pinyin), when it is the one word in capitals ("NGUYEN Van Minh"), before a comma ("Shi, Lei") and
    for a name in its own script only; otherwise (Lao, Thai, Indonesian, Myanmar and western names) the given name
    comes first. When both ends may be the family name, `evidence` (a report's text) settles it if it names the
    person with an honorific and one word ("Mr. Xiang said"), else the order of its other names picks one.

    "sure" is False when the order is a guess; then "alternatives" lists the readings ({"family_name",
    "given_name", "name_order"}), the one picked first, for the person adding the name to choose from."""
    text = " ".join(str(text).replace("\x00", "")[:MAX_NAME_LENGTH].split())
    parts = {"honorific": "", "family_name": "", "given_name": "", "name_order": GIVEN_FIRST, "name_local": ""}
    # Zoom and Teams write "Wang Fang (王芳)", "Samath Bou (PCCFPI)", "Yutong Liu (Host)": the own-script name is
    # kept, anything else in brackets is not part of the name.
    bracketed = [inner.strip() for inner in _PARENTHESES.findall(text)]
    text = " ".join(_PARENTHESES.sub(" ", text).split()) or text
    honorific, words = _take_honorifics(text.split())
    local = [w for w in words if _OWN_SCRIPT.search(w)] + [b for b in bracketed if _OWN_SCRIPT.search(b)][:1]
    latin = [w for w in words if not _OWN_SCRIPT.search(w)]
    family_in_script = ""
    if local:
        own = " ".join(local)
        for chinese, latin_honorific in CHINESE_HONORIFIC_LATIN.items():
            if own.endswith(chinese) and len(own) > len(chinese):
                own, honorific = own.removesuffix(chinese), honorific or latin_honorific
        parts["name_local"] = own[:200]
        parts["name_order"] = FAMILY_FIRST
        if _CJK.search(own):
            family, given = _chinese_parts(own.replace(" ", ""))
            if latin:
                family_in_script = _plain(family)
            else:
                parts["family_name"], parts["given_name"] = family, given
    parts["honorific"] = honorific[:30]
    sure, alternatives = True, []
    if latin and honorific.split()[-1:] in (["U"], ["Daw"]):
        parts["given_name"] = _written(latin)  # a Burmese name has no family name
    elif latin:
        read, sure = _read_latin(latin, has_honorific=bool(honorific), family=family_in_script, evidence=evidence)
        parts.update(read)
        if not sure:
            alternatives = _readings(latin)
            if alternatives[0]["name_order"] != read["name_order"]:
                alternatives.reverse()
    parts["family_name"], parts["given_name"] = parts["family_name"][:150], parts["given_name"][:150]
    return parts | {"sure": sure, "alternatives": alternatives}


def _readings(words):
    """The two readings of a name whose first and last word may each be its family name."""
    names = _written(words).split()
    return [
        {"family_name": names[0], "given_name": " ".join(names[1:]), "name_order": FAMILY_FIRST},
        {"family_name": names[-1], "given_name": " ".join(names[:-1]), "name_order": GIVEN_FIRST},
    ]


def _read_latin(words, *, has_honorific, family="", evidence=""):
    """(parts, sure) of a name in Latin script: family_name, given_name and name_order."""
    text = " ".join(words)
    if "," in text:
        surname, given = (" ".join(part.split()) for part in text.split(",", 1))
        order = FAMILY_FIRST if _family_name_weight(surname, given.split()) else GIVEN_FIRST
        lower = text.islower()
        return {
            "family_name": _written(surname.split(), typed_lower=lower),
            "given_name": _written(given.split(), typed_lower=lower),
            "name_order": order,
        }, True
    if len(words) == 1:
        key = "family_name" if has_honorific else "given_name"  # "Mr. Chen" is Chen's family name
        order = FAMILY_FIRST if key == "family_name" and _family_name_weight(words[0], []) else GIVEN_FIRST
        return {key: _written(words), "name_order": order}, True
    sure = True
    capitals = [i for i, w in enumerate(words) if w.isupper() and len(_plain(w)) > 1]
    if family and _plain(words[0]) == family and _plain(words[-1]) != family:
        family_at = 0  # the name in characters says so
    elif family and _plain(words[-1]) == family and _plain(words[0]) != family:
        family_at = len(words) - 1
    elif len(capitals) == 1 and capitals[0] in (0, len(words) - 1) and len(capitals) < len(words):
        family_at = capitals[0]
    elif marked := _marked_family(words, evidence):
        family_at = marked[0]
    else:
        first = _family_name_weight(words[0], words[1:])
        last = _family_name_weight(words[-1], words[:-1])
        family_at = 0 if first and first >= last else len(words) - 1
        if first and first == last:
            family_at, sure = _settle(words, evidence)
    names = _written(words).split()
    if family_at == 0:
        return {"family_name": names[0], "given_name": " ".join(names[1:]), "name_order": FAMILY_FIRST}, sure
    family_from = len(names) - 1
    while family_from > 1 and words[family_from - 1] in FAMILY_NAME_PARTICLES and not text.islower():
        family_from -= 1
    family, given = " ".join(names[family_from:]), " ".join(names[:family_from])
    return {"family_name": family, "given_name": given, "name_order": GIVEN_FIRST}, sure


def _marked_family(words, evidence):
    """[where the family name is] when the report writes one end of the name, and not the other, in capitals
    elsewhere ("Sreyleak NGOUN" settles "Ms. Ngoun Sreyleak"); [] else."""
    if not evidence:
        return []
    if not isinstance(evidence, NameEvidence):
        evidence = name_evidence(str(evidence))
    first, last = _plain(words[0]) in evidence.capital_family_names, _plain(words[-1]) in evidence.capital_family_names
    return [0 if first else len(words) - 1] if first != last else []


def _settle(words, evidence):
    """(where the family name is, sure) of a name whose first and last word are both known family names: what the
    report says of it, else family first (the order of the traditions these names come from), unsure."""
    if not evidence:
        return 0, False
    if not isinstance(evidence, NameEvidence):
        evidence = name_evidence(str(evidence))
    first, last = _plain(words[0]) in evidence.family_names, _plain(words[-1]) in evidence.family_names
    if first != last:
        return (0 if first else len(words) - 1), True
    return (len(words) - 1 if evidence.usual_order == GIVEN_FIRST else 0), False
