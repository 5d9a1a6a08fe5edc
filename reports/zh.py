"""Read a meeting report written in Chinese (a 会议纪要 in 简体中文) into the same proposal as reports.reader does
(reports.schema.PROPOSAL_SCHEMA), offline and deterministically; reports.reader.read_report hands a Chinese text here.

Minutes in Chinese are written in a few set ways, and this reads them: label lines ("会议时间：2022年1月14日",
"会议形式：线上线下结合", "会议地点：…", "主持：…", "参会人员共23人"), a title line ending in 会议纪要, positions after
or before a name ("李振云院长", "无锡技师学院院长李振云"), a participants list of name / organisation / position
columns, quotations after 表示/指出/说, numbered decisions under 会议决定/商定/一致同意, and follow-up items with
责任单位/负责人 and 完成时间. Organisations are matched against the records' names in their own script, their other
names, and the abbreviations Chinese writing makes of them ("无锡市人社局" for 无锡市人力资源和社会保障局, or one the
report declares: "（以下简称“人社部”）") through the one finder (institutes.search); people through participants.search,
their names split by the one name rule (participants.names.split_name). Every fact carries its evidence span.
"""

import bisect
import datetime
import functools
import re
from dataclasses import dataclass, field

from institutes.matching import alias_names
from institutes.search import OrganisationMatcher
from participants.keys import name_tokens
from participants.names import CHINESE_COMPOUND_FAMILY_NAMES_HANZI, split_name
from participants.search import PeopleMatcher

from .limits import ABBREVIATION_CANDIDATES
from .reader import person_match

# ---------------------------------------------------------------------------------------------------------------
# Words of Chinese minutes

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")


def is_chinese(text):
    """True when most of the text's letters are Chinese characters: a report to read here."""
    sample = text[:5000]
    chinese = len(_CJK_RE.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return chinese >= 20 and chinese >= latin


# Positions written after a name (李振云院长) or before it (院长李振云), longest first when matched.
TITLES = [
    "党委书记", "副书记", "书记", "院长", "副院长", "执行院长", "校长", "副校长", "处长", "副处长", "司长", "副司长",
    "局长", "副局长", "部长", "副部长", "厅长", "副厅长", "主任", "副主任", "所长", "副所长", "科长", "副科长",
    "董事长", "副董事长", "总经理", "副总经理", "经理", "项目经理", "项目主任", "项目主管", "项目官员", "项目协调员",
    "国家项目协调员", "协调员", "总监", "技术总监", "调研员", "一级调研员", "二级调研员", "巡视员",
    "秘书长", "副秘书长", "主席", "副主席", "会长", "副会长", "理事长", "教授",
    "副教授", "讲师", "教师", "老师", "专家", "参赞", "大使", "领事", "总领事", "官员", "代表", "系主任", "督导",
    "常务秘书", "科员", "干事", "总干事", "副总干事", "首席执行官", "执行主任", "国务秘书", "国务部长", "部长助理",
    "总司长", "副总司长",
]  # fmt: skip
_TITLE_RE = "|".join(sorted(TITLES, key=len, reverse=True))
# A name and a position (李振云院长, 院长李振云): how reports.reader.within_people_cap counts the people named.
NAMED = re.compile(
    rf"(?P<name>[{CJK}]{{2,4}}?|[A-Z][a-z]+(?: [A-Z][a-z]+){{1,2}})(?:{_TITLE_RE})"
    rf"|(?:{_TITLE_RE})(?P<after>[{CJK}]{{2,4}})"
)
# Characters that end the words before an organisation's name: "会议由国际劳工组织" is 国际劳工组织.
_BREAKERS = "由在与同及向对为是被将经于从和了的把让请邀给我"
# The last characters of an organisation's name; a unit of one (处, 司, 中心…) right after it belongs to it.
_ORG_END = (
    r"(?:大学|学院|学校|技校|技院|职院|研究院|研究所|培训所|事务所|研究中心|中心|委员会|协会|学会|商会|联合会|基金会|集团|公司|"
    r"有限公司|组织|机构|办事处|代表处|办公室|大使馆|领事馆|教育厅|社厅|育厅|人社局|联盟|"
    # 司 of 司马, 司徒 starts a family name; 北部 of "曼谷北部技术学院" goes on to the college's name.
    rf"(?<![东西南北中])部(?![长校门])|(?<=[东西南北中])部(?![长校门]|[^{_BREAKERS}，。、\s]{{0,10}}?(?:大学|学院|学校))|"
    r"司(?![长马徒空])|[局处署院厅](?![长校门]))"
)
_NOT_ORG_START = (
    r"(?:共建|筹建|建设|围绕|签署|支持|继续|目前|开展|推进|会议|双方|表示|希望|"
    r"获得|提供|参观|考察|邀请|感谢|协助|帮助|配合|他|她|年|月|日)"
)
_UNIT_END = ("处", "司", "部", "中心", "科", "系", "办公室", "研究中心")
# "…线上会商会", "…座谈会": a meeting's name, not an organisation's (商会 ends a chamber of commerce's).
_MEETING_END = re.compile(
    r"(?:会商|座谈|研讨|交流|推进|洽谈|对接|协调|联席|见面|签约|恳谈|论证|评审|启动|总结|部署|工作)会(?:议)?$"
)
# The words a name joins with 与 inside it ("技术教育与职业培训局"): 与 there breaks no organisation's name (a unit's,
# "国际合作与交流处", is read with the position after it).
_JOINED_FIELD = (
    "教育", "培训", "合作", "交流", "技术", "科学", "科技", "发展", "改革", "保障", "资源", "规划", "信息",
    "管理", "贸易", "经济", "文化", "创业", "就业", "职业", "标准", "研究", "开发", "工程",
)  # fmt: skip
_GENERIC = (
    "该", "本", "两", "双", "各", "我", "贵", "中方", "外方", "柬方", "老方", "越方", "学院", "学校", "大学", "相关",
)  # fmt: skip
# Common family names in characters: a name of three characters before a position starts with one of them.
FAMILY_CHARACTERS = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Words for groups of people before a position ("师生代表", "企业代表"), no name.
_GROUPS = {"师生", "学生", "教师", "企业", "学员", "青年", "各方", "双方"}
_NOT_IN_NAME = set("表指说主出等致介发代参和与及、，。；：的了在向对为是将也还并就都会议上下同陪率带")
COUNTRIES = {
    "中华人民共和国": "CN", "中国": "CN", "老挝人民民主共和国": "LA", "老挝": "LA", "柬埔寨王国": "KH", "柬埔寨": "KH",
    "越南社会主义共和国": "VN", "越南": "VN", "印度尼西亚": "ID", "印尼": "ID", "泰国": "TH", "缅甸": "MM",
    "马来西亚": "MY", "菲律宾": "PH", "新加坡": "SG", "文莱": "BN", "东帝汶": "TL", "蒙古国": "MN", "蒙古": "MN",
    "巴基斯坦": "PK", "孟加拉国": "BD", "斯里兰卡": "LK", "尼泊尔": "NP", "哈萨克斯坦": "KZ", "乌兹别克斯坦": "UZ",
    "埃塞俄比亚": "ET", "肯尼亚": "KE", "南非": "ZA", "埃及": "EG", "德国": "DE", "瑞士": "CH", "日本": "JP",
    "韩国": "KR", "吉尔吉斯斯坦": "KG", "塔吉克斯坦": "TJ", "土库曼斯坦": "TM", "俄罗斯": "RU", "白俄罗斯": "BY",
    "阿塞拜疆": "AZ", "格鲁吉亚": "GE", "赞比亚": "ZM", "乌干达": "UG", "坦桑尼亚": "TZ", "尼日利亚": "NG",
    "加纳": "GH", "卢旺达": "RW", "津巴布韦": "ZW", "马拉维": "MW", "莫桑比克": "MZ", "安哥拉": "AO",
    "纳米比亚": "NA", "博茨瓦纳": "BW", "塞内加尔": "SN", "科特迪瓦": "CI", "喀麦隆": "CM", "吉布提": "DJ",
    "苏丹": "SD", "摩洛哥": "MA", "阿尔及利亚": "DZ", "突尼斯": "TN", "沙特阿拉伯": "SA", "阿联酋": "AE",
    "伊朗": "IR", "伊拉克": "IQ", "土耳其": "TR", "约旦": "JO", "印度": "IN", "阿富汗": "AF", "马尔代夫": "MV",
    "不丹": "BT", "英国": "GB", "法国": "FR", "意大利": "IT", "西班牙": "ES", "荷兰": "NL", "比利时": "BE",
    "奥地利": "AT", "芬兰": "FI", "瑞典": "SE", "挪威": "NO", "丹麦": "DK", "波兰": "PL", "匈牙利": "HU",
    "塞尔维亚": "RS", "捷克": "CZ", "希腊": "GR", "葡萄牙": "PT", "澳大利亚": "AU", "新西兰": "NZ", "美国": "US",
    "加拿大": "CA", "巴西": "BR", "阿根廷": "AR", "智利": "CL", "秘鲁": "PE", "墨西哥": "MX", "斐济": "FJ",
    "巴布亚新几内亚": "PG", "乌克兰": "UA", "亚美尼亚": "AM",
}  # fmt: skip
# "中塞…座谈会", "中老…论坛": China and one other country, each by its first character, name a meeting of two sides
# (not 中老年 the elderly, 中英文 the two languages, 中肯 to the point, 中新网 a news site).
_TWO_COUNTRIES = re.compile(r"中(?:印尼|[越柬泰缅马菲蒙俄哈吉塔乌巴孟塞埃坦赞德法日韩澳]|老(?!年)|英(?![文语]))")
# The first characters of the sides "中方", "外方", "蒙方", "塞方"…: "X方" before a position is a side, no name.
_SIDES = set("中外双我对各贵印越柬泰缅马菲蒙俄哈吉塔乌巴孟塞埃坦赞德法日韩澳老英")
# The ministries and national bodies of China, named without the country ("人力资源社会保障部", "国家…局").
_CHINESE_MINISTRIES = re.compile(
    r"(?:国家|国务院|教育部|人力资源(?:和)?社会保障部|人社部|商务部|外交部|科学技术部|科技部|工业和信息化部|财政部|"
    r"农业农村部|交通运输部|文化和旅游部|生态环境部|住房和城乡建设部|水利部|自然资源部|应急管理部|民政部)"
)
# A name starting with a province or a large city of China is a Chinese organisation.
_CHINESE_PLACES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "无锡", "苏州", "南京", "杭州", "宁波", "广州", "深圳", "昆明",
    "南宁", "成都", "武汉", "长沙", "西安", "青岛", "大连", "厦门", "郑州", "济南", "合肥", "福州", "贵阳", "常州",
)  # fmt: skip
_PLATFORMS = {
    "腾讯会议": "Tencent Meeting",
    "钉钉": "DingTalk",
    "飞书": "Feishu",
    "zoom": "Zoom",
    "teams": "Microsoft Teams",
}
_NUMERALS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"[0-9０-９]+|[〇零一二两三四五六七八九十百]+"
_DATE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_NUMBER})\s*月(?:\s*(?P<d>{_NUMBER})\s*[日号])?"
)
_SPEECH = r"(?:表示|指出|说|强调|认为|提出|谈到|讲道|致辞|发言称)"
_LABEL_WORDS = (
    "会议时间", "时间", "日期", "会议日期", "会议地点", "地点", "会议形式", "形式", "召开形式", "主持人", "主持",
    "出席人员", "出席", "参会人员", "参加人员", "与会人员", "参会单位", "出席人数", "参会人数", "与会人数", "会议主题",
    "主题", "议题", "主办单位", "主办方", "承办单位", "协办单位", "陪同人员", "陪同", "列席人员", "列席", "出席领导",
    "参会领导", "出席嘉宾", "参会嘉宾", "参加单位", "会议主持", "会议名称", "活动名称",
)  # fmt: skip
# "主 持 人：", "出席人员（共15人）：": a label's characters may be spaced out, a note in brackets may follow it.
_LABEL = re.compile(
    r"^[ \t\u3000]*(?P<label>"
    + "|".join("[ \u3000]?".join(word) for word in sorted(_LABEL_WORDS, key=len, reverse=True))
    + r")(?P<note>[（(][^）)\n]{1,12}[)）])?[ \t\u3000]*[：:][ \t\u3000]*(?P<value>[^\n]*)",
    re.MULTILINE,
)
# Lines naming who attended ("出席：", "陪同人员：", "出席嘉宾："): their organisations take part.
_ATTENDANCE_LABELS = (
    "出席", "出席人员", "出席领导", "参会领导", "出席嘉宾", "参会嘉宾", "参会人员", "参加人员", "与会人员", "参会单位",
    "参加单位", "陪同", "陪同人员",
)  # fmt: skip
_ITEM = re.compile(
    r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.、．)）]|[•·\-*])"
    r"[ \t\u3000]*(?P<text>[^\n]+)",
    re.MULTILINE,
)
_DECISION_HEAD = (
    r"会议决定|会议议定|议定事项|决定事项|形成如下|达成如下|商定如下|会议纪要如下|一致同意如下|如下决定|如下意见"
)
# A deadline: "6月底", "2025年1月15日", "9月中旬" (before 前).
_DUE = r"(?:[0-9]{4}年|今年|明年)?[0-9]{1,2}月(?:底|末|上旬|中旬|下旬|[0-9]{1,2}[日号])"
_ACTION_HEAD = r"后续工作|后续安排|会后工作|下一步|任务分工|工作安排|责任分工|行动计划|落实事项|工作任务"
_TOPIC_HEAD = r"议程|议题|主要内容|会议内容"
# "双方将在…共建…": what both sides will do together, said as one, is agreed too.
_CONSENSUS = (
    r"一致同意|达成共识|达成一致|商定|一致认为|同意|(?<![^，。；：\n])(?:双方|两校|三方|各方)(?:还|也|均|都)?将"
)


# Words a family name's character ends ("来华研修" is coming to China, "秋季" autumn, "课程" a course): the
# character after such a word's first is no name's start.
_WORD_ENDS = {
    "来华", "访华", "赴华", "在华", "驻华", "留华", "旅华", "中华", "秋季", "春季", "夏季", "冬季", "四季", "届时",
    "及时", "同时", "按时", "准时", "随时", "适时", "此时", "课程", "工程", "过程", "流程", "进程", "规程", "章程",
    "专程", "行程", "全程", "日程", "全体", "集体", "具体", "整体", "主体", "媒体", "完成", "形成", "组成", "达成",
    "建成", "促成", "构成", "集成", "提高", "最高", "资金", "基金", "中文", "英文", "人文", "相关", "有关", "机关",
    "相应", "适应", "方向", "面向", "经常", "日常", "正常", "安全", "完全", "健全", "名单", "清单", "订单", "事项",
    "各项", "专项", "汽车", "协商", "厂商", "思路", "铁路", "道路", "线路", "担任", "责任", "历史", "贸易", "列席",
    "背景", "前景", "经费", "学费", "地方", "对方", "官方", "设计", "了解", "理解",
}  # fmt: skip


_COMPOUND_RE = f"(?:{'|'.join(CHINESE_COMPOUND_FAMILY_NAMES_HANZI)})"


def _compound(written):
    """True when a name in characters starts with a compound family name (欧阳, 司马, 诸葛, 上官…)."""
    return written[:2] in CHINESE_COMPOUND_FAMILY_NAMES_HANZI


def _item_style(item):
    """How a list item is numbered: "一、", "（一）", "1." or a bullet."""
    mark = item.group()[: item.start("text") - item.start()].strip()
    if mark[0].isdigit():
        return "1"
    if mark[0] in "（(":
        return "("
    return "、" if mark.endswith("、") else mark


def _number(written):
    """An integer written in digits or in Chinese numerals (二〇二二, 三十一, 十四)."""
    written = written.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if written.isdigit():
        return int(written)
    if all(c in _NUMERALS for c in written):  # 二〇二二: digit by digit
        return int("".join(str(_NUMERALS[c]) for c in written))
    total, current = 0, 0
    for c in written:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _NUMERALS[c]
    return total + current


def _fact(value, start, end, **more):
    return {"value": value, "evidence": [start, end], **more}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    match: dict | None = None


@dataclass
class Entity:
    key: str
    kind: str
    mentions: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    match: dict = field(default_factory=dict)


_COUNTRY_NAMES = sorted(COUNTRIES, key=len, reverse=True)
# A foreign country then the words of a name, up to a 与 inside it ("柬埔寨劳工与…").
_FOREIGN_BEFORE = re.compile(
    rf"(?:{'|'.join(c for c in _COUNTRY_NAMES if COUNTRIES[c] != 'CN')})[^{_BREAKERS}，。、\s]{{1,10}}$"
)


@functools.lru_cache(maxsize=4096)
def _without_country(name):
    """(name without a country before it, ISO code of that country or "")."""
    for written in _COUNTRY_NAMES:
        if name.startswith(written) and len(name) > len(written) + 1:
            return name[len(written) :], COUNTRIES[written]
    return name, ""


class _Spans(list):
    """The (start, end, entity) spans of a report's mentions, in the order added (or sorted), found by position:
    which span holds a position, which end there, which lie within a stretch. Each was a scan of every span, asked of
    every phrase and name read: 178 s for 100,000 characters naming a new college in every sentence. Only append(),
    sort() and relabel() change it."""

    def __init__(self, spans=()):
        super().__init__()
        self._first = {}  # position -> place of the first span holding it
        self._ending = {}  # end -> place of the first span ending there
        self._starts = []  # (start, place), sorted
        for span in spans:
            self.append(span)

    def append(self, span):
        place = len(self)
        super().append(span)
        start, end = span[0], span[1]
        for position in range(start, end):
            self._first.setdefault(position, place)
        self._ending.setdefault(end, place)
        bisect.insort(self._starts, (start, place))

    def sort(self, *, key=None, reverse=False):
        spans = sorted(self, key=key, reverse=reverse)
        super().clear()
        self._first, self._ending, self._starts = {}, {}, []
        for span in spans:
            self.append(span)

    def relabel(self, entities, entity):
        """The spans of the entities (a set of their id()s) given to `entity` instead, in place."""
        for place, (start, end, other) in enumerate(self):
            if id(other) in entities:
                super().__setitem__(place, (start, end, entity))

    def holds(self, position):
        return position in self._first

    def holding(self, position):
        """The first span holding the position, or None."""
        place = self._first.get(position)
        return None if place is None else self[place]

    def ending(self, end):
        """The first span ending at `end`, or None."""
        place = self._ending.get(end)
        return None if place is None else self[place]

    def overlaps(self, start, end):
        if end <= start:  # no stretch: a span around it (never asked of a name read)
            return any(s < end and start < e for s, e, _entity in self)
        return any(position in self._first for position in range(start, end))

    def within(self, start, end):
        """The spans lying within start..end, in their order."""
        places = []
        for span_start, place in self._starts[bisect.bisect_left(self._starts, (start, -1)) :]:
            if span_start > end:
                break
            if self[place][1] <= end:
                places.append(place)
        return [self[place] for place in sorted(places)]


_PLACE_STARTS = ("省", "市", "自治区", "区", "县")


class _Names(dict):
    """{organisation's name: entity} of a report, in the order named, with the first name a phrase abbreviates
    (abbreviated()), found among the names that can be: those whose name less its country is the phrase, which end
    with a phrase starting with a place ("省教育厅"), or the first ABBREVIATION_CANDIDATES with the phrase's first and
    last characters. Comparing each phrase with every name was quadratic (a report naming a new college in every
    sentence)."""

    def __init__(self):
        super().__init__()
        self._order = {}  # name -> place
        self._bare = {}  # the name less its country -> first name
        self._ending = {}  # a place's end of a name ("省教育厅") -> first name
        self._ends = {}  # (first, last character) of a name or of it less its country -> [names]

    def __setitem__(self, name, entity):
        if name not in self:
            self._order[name] = len(self._order)
            bare, _country = _without_country(name)
            self._bare.setdefault(bare, name)
            for i in range(1, len(name) - 1):
                if name.startswith(_PLACE_STARTS, i):
                    self._ending.setdefault(name[i:], name)
            for whole in dict.fromkeys((name, bare)):
                if whole:
                    names = self._ends.setdefault((whole[0], whole[-1]), [])
                    if len(names) < ABBREVIATION_CANDIDATES:
                        names.append(name)
        super().__setitem__(name, entity)

    def setdefault(self, name, entity):
        if name not in self:
            self[name] = entity
        return self[name]

    def abbreviated(self, phrase):
        """The first name (in the order named) that the phrase abbreviates, or None."""
        if not phrase:
            return None
        candidates = {self._bare.get(phrase), self._ending.get(phrase), *self._ends.get((phrase[0], phrase[-1]), ())}
        candidates.discard(None)
        for name in sorted(candidates, key=self._order.__getitem__):
            if abbreviates(phrase, name):
                return name
        return None


def abbreviates(short, full):
    """True when `short` is a Chinese abbreviation of `full`: the same first and last characters, and the others in
    the same order ("无锡市人社局" of 无锡市人力资源和社会保障局), or the name without its country before it
    ("人力资源和社会保障部" of 中华人民共和国人力资源和社会保障部)."""
    if not short or not full or short == full or not _CJK_RE.search(short):
        return False
    bare, _country = _without_country(full)
    if short == bare:
        return True
    # "省教育厅" of 浙江省教育厅, "自治区教育厅" of 新疆维吾尔自治区教育厅: the name less its place.
    if short.startswith(_PLACE_STARTS) and full.endswith(short) and len(full) > len(short) + 1:
        return True
    for whole in (full, bare):
        if short[0] == whole[0] and short[-1] == whole[-1] and len(short) < len(whole):
            rest = iter(whole)
            if all(c in rest for c in short):
                return True
    return False


class ChineseReader:
    def __init__(self, text, *, name=""):
        self.text = text
        self.name = name
        self.organisations = []
        self.people = []
        self._org_spans = _Spans()  # (start, end, entity), sorted
        self._person_spans = _Spans()
        self._quotes = [
            (m.start(), m.end(), m.start() + 1, m.end() - 1) for m in re.finditer(r"“[^“”\n]*”|\"[^\"\n]*\"", text)
        ]
        self._labels = {}
        self._listed_orgs = []  # (organisation, span) heading a line of the participants
        self._unit_spans = set()  # (start, end) of a unit named right after its organisation, or a college's school
        self._table = []  # rows of a participants table
        self._written_title = ""  # the title line as written, before the words around the event's name are left out
        self._home = None  # the college writing, that 我院 and 学院 alone name
        for match in _LABEL.finditer(text):
            self._labels.setdefault(re.sub(r"[ \u3000]", "", match.group("label")), match)

    # -- helpers ----------------------------------------------------------------------------------------------
    def label(self, *names):
        """The match of the first label line among `names` ("会议地点：…"), or None."""
        for name in names:
            if name in self._labels and self._labels[name].group("value").strip():
                return self._labels[name]
        return None

    def in_quote(self, position):
        return any(s < position < e for s, e, _i, _j in self._quotes)

    def org_at(self, start, end):
        within = self._org_spans.within(start, end)
        return within[0][2] if within else None

    def orgs_in(self, start, end):
        found = []
        for _s, _e, entity in self._org_spans.within(start, end):
            if entity not in found:
                found.append(entity)
        return found

    def people_in(self, start, end):
        return self._person_spans.within(start, end)

    def clause(self, position, *, stops="。；;！？\n"):
        """(start, end) of the sentence holding position."""
        start = max(self.text.rfind(c, 0, position) for c in stops) + 1
        ends = [i for i in (self.text.find(c, position) for c in stops) if i >= 0]
        return start, min(ends) if ends else len(self.text)

    def _date_at(self, text, offset=0):
        match = _DATE.search(text)
        if not match:
            return None
        try:
            day = _number(match.group("d")) if match.group("d") else 1
            value = datetime.date(_number(match.group("y")), _number(match.group("m")), day)
        except (ValueError, KeyError):
            return None
        precision = "day" if match.group("d") else "month"
        return _fact(value.isoformat(), offset + match.start(), offset + match.end(), precision=precision)

    # -- reading ----------------------------------------------------------------------------------------------
    def read(self):
        title, body_start = self._title()
        self._find_organisations()
        self._find_people()
        # "会议名称：…": the meeting's name as the record's label line gives it, over any masthead or headline.
        named = self.label("会议名称", "活动名称")
        if named:
            value = named.group("value").strip()
            start = named.start("value") + named.group("value").find(value)
            title = _fact(value, start, start + len(value))
        else:
            title = self._meeting_name(title) or title
        kind = self._kind(title)
        proposal = {
            "reader": "reports.zh/1",
            "source_name": self.name,
            "title": title,
            "other_title": None,
            "kind": kind,
            "format": None,
            "status": "held",
            "date": self._date(body_start),
            "platform": self._platform(),
            "venue": self._venue(kind),
            "programme": None,
            "initiative": None,
            "reported_attendance": self._count(),
        }
        proposal["format"] = self._format(proposal["venue"])
        self._roles(proposal)
        proposal["statements"] = self._statements()
        self._person_roles(proposal["statements"])
        proposal["topics"] = self._topics()
        proposal["outcomes"] = self._outcomes()
        proposal["actions"] = self._actions(proposal["date"])
        proposal["summary"], proposal["minutes"] = self._summary(body_start)
        proposal["organisations"] = [self._organisation_dict(o) for o in self.organisations]
        proposal["people"] = [self._person_dict(p) for p in self.people]
        proposal["named_count"] = len(self.people)
        return proposal

    def _title(self):
        """The first line, less its "会议纪要": (fact, where the body starts). A 工作简报's masthead ("工 作 简 报",
        "2024年第7期", the unit and the day it was issued) is no title: the headline below it is, less the words saying
        how the event went ("…培训班顺利开班": the 培训班)."""
        first = None
        for line in re.finditer(r"[^\s][^\n]*", self.text):
            bare = re.sub(r"[\s\u3000]+", "", line.group())
            masthead = re.fullmatch(
                rf"(?:工作|会议|信息|情况)?(?:简报|简讯|动态|通报|快报)(?:[（(].*[)）])?|(?:[0-9]{{4}}年)?第(?:{_NUMBER})期",
                bare,
            )
            # "浙江某学院国际处　　　2024年3月14日": the unit issuing it and the day, apart.
            issued = re.search(r"[\u3000 ]{2,}[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*$", line.group())
            # "首页 > 新闻中心 > 学院要闻", "发布时间：2025-05-20": a web page's breadcrumb, its post's details.
            # "山东省教育厅　　首页 > 政务公开 > …": the site's name before its breadcrumb too.
            page = re.match(
                r"(?:[^>›»]{0,30}?)首页\s*[>›»]|(?:发布时间|发布日期|来源|作者|浏览次数|点击数|信息来源)[：:]", bare
            )
            if line.start() < 300 and (masthead or issued or page):
                continue
            first = line
            break
        if not first or len(first.group()) > 80 or first.group().rstrip().endswith("。"):
            return None, 0
        start, end = first.span()
        written = self.text[start:end].rstrip()
        # A title of two or three lines over a line of its own saying what it is ("会 议 纪 要"): the lines together.
        following = list(re.finditer(r"[^\n]+", self.text[end : end + 200]))[:3]
        for i, line in enumerate(following):
            if re.fullmatch(r"(?:会议)?(?:纪要|记录)", re.sub(r"[\s\u3000]+", "", line.group())):
                lines = [first.group().strip()] + [m.group().strip() for m in following[:i]]
                if i and all(len(t) <= 40 and not t.endswith("。") for t in lines):
                    value = "".join(lines)
                    last_end = end + following[i - 1].end()
                    return _fact(value, start, last_end), end + line.end()
                break
        # "【简讯】…", "【图文】…": the tag of a news item's kind is no part of its headline.
        title = re.sub(r"^[【\[][^】\]\n]{1,6}[】\]]\s*", "", written)
        title = re.sub(r"(?:的)?(?:会议纪要|纪要|会议记录|会议简报)$", "", title)
        title = re.sub(
            r"(?<=[会班坛式])(?:顺利|隆重|圆满|成功)?(?:开班|开幕|举行|举办|召开|结业|闭幕|落幕|结束)$", "", title
        )
        self._written_title = title
        title = re.sub(r"^关于", "", title)
        # "我院举办2025年…研修班", "湖南某学院举办…培训班": who held it is no part of the event's name.
        title = re.sub(
            r"^(?:我[院校]|学[院校]|[^，。、与和\s]{2,30}?(?:学院|大学|学校|中心|部|厅|局))(?:成功|隆重)?(?:举办|举行|召开)"
            r"(?=\S{4,}(?:会|班|论坛|仪式)$)",
            "",
            title,
        )
        offset = written.find(title)
        return _fact(title, start + offset, start + offset + len(title)), end

    # -- organisations ----------------------------------------------------------------------------------------
    def _meeting_name(self, title):
        """A news item's headline names no meeting ("中越职教“云端”牵手"): the meeting's name as the body gives it,
        "A与B…交流会" before 以/在/于/举行/召开, when it names two organisations."""
        # A post's headline of two parts ("中哈吉职教话合作丨我院举办…交流会") or saying who held it ("我院举办…")
        # names the meeting in the body's words, "A与B…交流会" with one organisation named and the other side a group.
        headline = title and re.search(r"[丨｜|]|^(?:我[院校]|学[院校])", self._written_title or title["value"])
        if title and re.search(r"(?:会|班|论坛|仪式|研讨)$", title["value"]) and not headline:
            return None
        for match in re.finditer(
            r"(?:^|[，。\n])(?P<t>[^，。\n“”]{4,60}?(?:会|班|论坛|仪式))(?:以|在|于|举行|召开|隆重|顺利)", self.text
        ):
            two_sides = _TWO_COUNTRIES.match(match.group("t"))
            if (re.search(r"与|和", match.group("t")) or two_sides) and len(self.orgs_in(*match.span("t"))) >= (
                0 if two_sides else 1 if headline else 2
            ):
                return _fact(match.group("t"), *match.span("t"))
        # "…率代表团到访A，并出席“…”合作协议签约仪式": the ceremony the guests attended, when the headline names none.
        if title and not re.search(r"(?:会|班|论坛|仪式|典礼|式)$", title["value"]):
            ceremony = re.search(
                r"(?:出席|参加|举行|举办)(?:了)?(?P<t>[^，。；、\n]{2,40}?(?:仪式|典礼|开幕式|闭幕式|揭牌式))",
                self.text[title["evidence"][1] :],
            )
            if ceremony:
                offset = title["evidence"][1]
                return _fact(ceremony.group("t"), offset + ceremony.start("t"), offset + ceremony.end("t"))
        return None

    def _org_phrases(self):
        """(start, end, phrase, acronym or "") of every phrase that may name an organisation."""
        found = []
        # "中国—东盟职业教育联盟": a dash between two places inside a name.
        for run in re.finditer(rf"[{CJK}]+(?:[—－-][{CJK}]+)*", self.text):
            position = run.start()
            for match in re.finditer(rf"[{CJK}](?:[{CJK}]|[—－-](?=[{CJK}])){{1,40}}?{_ORG_END}", run.group()):
                start, phrase = run.start() + match.start(), match.group()
                # "和" inside a name ("人力资源和社会保障部") breaks nothing; the other words before a name do.
                # Nor does 经 of 财经 or 经济 ("江西财经职业学院").
                cut = max(
                    (
                        i
                        for i, c in enumerate(phrase)
                        if c in _BREAKERS
                        and c != "和"
                        and not (
                            c == "与"
                            and phrase[:i].endswith(_JOINED_FIELD)
                            and len(phrase) - i <= 7
                            and not phrase.endswith(_UNIT_END)
                        )
                        and not (c == "经" and (phrase[i - 1 : i] == "财" or phrase[i + 1 : i + 2] in "济贸管营"))
                        # "柬埔寨劳工与职业培训部", "越南劳动荣军与社会部": a foreign ministry's 与 joins its fields.
                        and not (
                            c == "与"
                            and _FOREIGN_BEFORE.search(phrase, 0, i)
                            and len(phrase) - i <= 10
                            and not phrase.startswith(tuple(_COUNTRY_NAMES), i + 1)
                        )
                    ),
                    default=-1,
                )
                if cut >= 0:
                    # "我院水利工程学院": the college's own unit after 我院.
                    cut += 1 if phrase[cut : cut + 2] in ("我院", "我校") else 0
                    start, phrase = start + cut + 1, phrase[cut + 1 :]
                # "程晓峰院长代表学院": the words before 代表 are a person's.
                stand_in = phrase.rfind("代表")
                if stand_in >= 0 and not phrase.startswith("处", stand_in + 2) and len(phrase) - stand_in - 2 >= 2:
                    start, phrase = start + stand_in + 2, phrase[stand_in + 2 :]
                # "来自万隆国立理工学院", "学员赴杭州…公司", "线上连线吉尔吉斯斯坦…学院", "编印汇编并报省教育厅": the
                # verb is no part of the name.
                # "一行3人来访A", "副部长李明会见B": the visit or the meeting is no part of the name either.
                lead = re.match(
                    r"[^来赴连报到访见晤]{0,12}?(?:来自|赴|连线|并报|报送|到访|来访|访问|拜访|走访|会见|会晤|拜会)",
                    phrase,
                )
                if lead and len(phrase) - lead.end() >= 4:
                    start, phrase = start + lead.end(), phrase[lead.end() :]
                # "…厅" is a department of a province's or a city's government ("江苏省人力资源和社会保障厅"), not a
                # hall ("多功能厅").
                if phrase.endswith("厅") and not (
                    re.search(r"[省市]|(?<!校)区", phrase) or phrase.startswith(_CHINESE_PLACES)
                ):
                    continue  # "…校区学术报告厅" is a hall too
                # "智能制造实训中心", "节水灌溉实训基地": a college's training facility, a place and no organisation.
                if re.search(r"实训(?:中心|基地)$", phrase) and not phrase.startswith((*_CHINESE_PLACES, *COUNTRIES)):
                    continue
                # "共建海外分院", "会议围绕海外分院", "2022年双方签署": words of a sentence, no name.
                if re.match(_NOT_ORG_START, phrase) or _MEETING_END.search(phrase) or phrase.endswith(("签署", "部署")):
                    continue
                # "由王海牵头组织", "负责组织": organising, a verb, not an organisation.
                if re.search(r"(?:牵头|负责|共同|统一|精心|积极|认真|协助|另行|具体)组织$", phrase):
                    continue
                # "实训中心和湖南湘电智能装备有限公司": 和 joins it to the words before, a place starts the name.
                if phrase.startswith("和") and phrase[1:].startswith((*_CHINESE_PLACES, *COUNTRIES)):
                    start, phrase = start + 1, phrase[1:]
                # "首页 > 新闻中心 > 学院要闻": a website's breadcrumb names its pages.
                line_start = self.text.rfind("\n", 0, start) + 1
                if re.search(r"首页[ \t\u3000]*[>›»]", self.text[line_start : start + 1]):
                    continue
                # "赞比亚技术教育、职业与创业培训局": fields listed with 、 before "…与…" in one name.
                listed = re.search(rf"[{CJK}]{{2,12}}、$", self.text[max(0, start - 13) : start])
                if listed and re.match(r"[^与]{2,4}与", phrase) and listed.group()[:-1].endswith(_JOINED_FIELD):
                    start, phrase = start - len(listed.group()), listed.group() + phrase
                if len(phrase) >= 3:
                    found.append((start, start + len(phrase), phrase))
            del position
        # "教育部中外人文交流中心": a centre or an institute of a ministry of China is named with the ministry.
        merged = []
        for start, end, phrase in found:
            if (
                merged
                and merged[-1][1] == start
                and _CHINESE_MINISTRIES.fullmatch(merged[-1][2])
                and re.search(r"(?:中心|研究所|研究院|基金会|学会|协会)$", phrase)
            ):
                merged[-1] = (merged[-1][0], end, merged[-1][2] + phrase)
            else:
                merged.append((start, end, phrase))
        found = merged
        result = []
        self._latin_names = {}  # start of a phrase -> the Latin name in brackets after it
        for start, end, phrase in found:
            acronym = re.match(r"[（(](?P<a>[A-Z][A-Za-z0-9&\-]{1,15})[)）]", self.text[end : end + 20])
            # "万隆国立理工学院（Politeknik Negeri Bandung）": the organisation's own name in Latin letters.
            latin = re.match(r"[（(](?P<l>[A-Z][A-Za-z'’.&\-]*(?: [A-Za-z][A-Za-z'’.&\-]*){1,8})[)）]", self.text[end:])
            if latin:
                self._latin_names[start] = latin.group("l")
            result.append((start, end, phrase, acronym.group("a") if acronym else ""))
        return result

    def _find_organisations(self):
        matcher = OrganisationMatcher()
        phrases = self._org_phrases()
        declared = {}  # abbreviation -> (full phrase's entity); "（以下简称“人社部”）"
        texts = []
        for _s, _e, phrase, acronym in phrases:
            bare, _country = _without_country(phrase)
            texts += [phrase, bare, bare[:2]] + ([acronym] if acronym else [])
        texts += list(self._latin_names.values())
        latin = [
            (m.start(), m.end(), m.group()) for m in re.finditer(r"(?<![A-Za-z])[A-Z]{2,10}(?![A-Za-z])", self.text)
        ]
        texts += [t for _s, _e, t in latin]
        matcher.prefetch(texts)
        by_record, by_name = {}, _Names()
        previous = None  # (end, entity) of the organisation just before
        for start, end, phrase, acronym in phrases:
            if self._org_spans.holds(start):
                continue  # "（以下简称“人社部”）": read with the name before it
            bare, country = _without_country(phrase)
            between = self.text[previous[0] : start] if previous else "x"
            # "…学院院长孙海涛、副院长周立新、国际合作处处长钱敏": a unit after people of the organisation named
            # before it in a list (、 between them, no ，), not an organisation of its own.
            listed_unit = (
                # (the people before it perhaps with their names in Latin letters in brackets)
                re.fullmatch(rf"(?:{_TITLE_RE})(?:[^，,；;。\n（）()]|[（(][A-Za-z .'’\-]+[)）]){{1,80}}、", between)
                and re.search(_TITLE_RE, between)
                and not phrase.startswith((*_CHINESE_PLACES, *COUNTRIES))
            )
            # "西安华拓数控设备有限公司：孟庆 海外业务部经理": a unit written before a position, after a person listed
            # under the organisation named before the colon (or after the one listed before, "院长、冯露 …"), is the
            # position's unit.
            colon_unit = re.fullmatch(
                rf"(?:[：:][ \t\u3000]*(?:[^，,；;。\n：:]{{1,40}}?、)*|(?:{_TITLE_RE})、)"
                rf"[{CJK}·]{{2,12}}(?:[（(][A-Za-z .'’\-]+[)）])?[ \t\u3000]*",
                between,
            ) and re.match(_TITLE_RE, self.text[end:])
            if (
                (re.fullmatch(r"(?:[（(][^）)\n]{0,30}[)）])?", between) or listed_unit or colon_unit)
                and phrase.endswith(_UNIT_END)
                and len(phrase) <= 8
            ):
                # "人社部国际合作司": a unit of the organisation just named.
                previous[1].data.setdefault("units", []).append(phrase)
                self._org_spans.append((start, end, previous[1]))
                # "阿拉木图农业技术学院国际合作部主任": a department's name is part of the position; a government's
                # division is not ("…厅国际合作处副处长": 副处长, as the earlier sets' facts have it).
                # After a colon and a person, a college's or a company's unit is of the position too ("孟庆 海外业务部
                # 经理", "杜鹃 国际合作与交流处处长"); a government's division still is not.
                government = self.text[previous[0] - 1 : previous[0]] in "厅局署部委"
                # A college's or a company's 处 is ("…学院国际交流合作处处长").
                # In a list ("…院长A、国际合作部主任B"), a department's is too, a division's or an office's (…处,
                # …办公室) is not.
                division = phrase.endswith(("处", "司", "局")) or listed_unit and phrase.endswith("办公室")
                if not division or not (listed_unit or government):
                    self._unit_spans.add((start, end))
                previous = (end, previous[1])
                continue
            latin_name = self._latin_names.get(start)
            record, matched_on, status = self._match(matcher, phrase, bare, acronym)
            if record is None and latin_name:
                matches = matcher.match(latin_name)
                if matches and matches[0].score == 100:
                    record, matched_on, status = matches[0].record, matches[0].matched_on, "other_name"
            entity = None
            if record is None and phrase in declared:
                entity = declared[phrase]
            elif record is None and by_name.abbreviated(phrase) is not None:
                entity = by_name[by_name.abbreviated(phrase)]
            if entity is None and record is not None:
                entity = by_record.get(record.pk)
                if entity is None:
                    entity = by_record[record.pk] = self._new("organisation", record=record)
            if entity is None:
                # "来源：国际交流与合作处": a unit alone, of no organisation named, is the writer's and no new one.
                unit_alone = (
                    phrase.endswith(("处", "科", "室", "办公室"))
                    and not phrase.endswith(("办事处", "代表处"))
                    and len(phrase) <= 8
                    and not phrase.startswith((*_CHINESE_PLACES, *COUNTRIES))
                )
                # "肯尼亚劳动部": a country's ministry may be named in three characters after the country.
                # So is China's ministry in three ("教育部", "商务部").
                short = len(bare) < 4 and not (
                    (country and len(bare) == 3 and bare.endswith(("部", "局", "署", "委")))
                    or _CHINESE_MINISTRIES.fullmatch(bare)
                )
                # "贵院" is the listener's college, "贵州…学院" a college of Guizhou.
                generic = bare.startswith(_GENERIC) and not bare.startswith(_CHINESE_PLACES)
                if self.in_quote(start) or generic or short or unit_alone:
                    previous = None
                    continue
                entity = by_name.get(phrase)
                if entity is None:
                    entity = by_name[phrase] = self._new(
                        "organisation",
                        record=None,
                        name=latin_name or phrase,
                        short_name=acronym,
                        country=country or self._country(bare),
                    )
                status = "new"
            if status == "new" and entity.data.get("record") is not None:
                status, matched_on = "other_name", phrase  # an abbreviation the report declares, of a record's name
            by_name.setdefault(phrase, entity)
            mention = Mention(start, end, phrase)
            mention.match = {"status": status, "matched_on": matched_on}
            entity.mentions.append(mention)
            self._org_spans.append((start, end, entity))
            previous = (end, entity)
            # "（以下简称“巴巴萨学院”）" or "（ILO）" right after the name.
            after = self.text[end : end + 40]
            short = re.match(r"[（(](?:以下简称|下称|简称)[“\"]?(?P<s>[^”\"）)]{2,20})[”\"]?[)）]", after)
            if short:
                declared[short.group("s")] = entity
                if entity.data.get("record") is None:
                    entity.data["short_name"] = short.group("s")
                s_start = end + short.start("s")
                entity.mentions.append(Mention(s_start, s_start + len(short.group("s")), short.group("s")))
                self._org_spans.append((s_start, s_start + len(short.group("s")), entity))
            elif latin_name:
                l_start = self.text.index(latin_name, end)
                entity.mentions.append(Mention(l_start, l_start + len(latin_name), latin_name))
                self._org_spans.append((l_start, l_start + len(latin_name), entity))
            elif acronym:
                a_start = self.text.index(acronym, end)
                entity.mentions.append(Mention(a_start, a_start + len(acronym), acronym))
                self._org_spans.append((a_start, a_start + len(acronym), entity))
        for start, end, written in latin:
            if self._org_spans.holds(start):
                continue
            matches = matcher.match(written)
            if matches and matches[0].score == 100:
                record = matches[0].record
                entity = by_record.get(record.pk) or self._new("organisation", record=record)
                by_record[record.pk] = entity
                entity.mentions.append(Mention(start, end, written, {"status": "on_record", "matched_on": written}))
                self._org_spans.append((start, end, entity))
        # "我院", "我校" in a college's news: the first Chinese college or school it names.
        home = None
        for s, e, entity in sorted(self._org_spans, key=lambda span: span[0]):
            written = self.text[s:e]
            if written.endswith(("学院", "学校", "大学")) and not written.startswith(tuple(COUNTRIES)):
                home = entity
                break
        self._home = home
        if home is not None:
            covered = {i for s, e, _o in self._org_spans for i in range(s, e)}
            # "由学院副院长…主持", "，学院将于…": 学院 alone, after no name, is the college writing.
            alone = rf"我[院校]|(?:(?<![{CJK}])|(?<=[{_BREAKERS}]))学[院校](?![{CJK}]*(?:{_ORG_END}))"
            for match in re.finditer(alone, self.text):
                if not covered & {match.start(), match.start() + 1}:
                    home.mentions.append(Mention(match.start(), match.end(), match.group()))
                    self._org_spans.append((match.start(), match.end(), home))
            self._schools_of(home)
        self._org_spans.sort(key=lambda s: s[0])
        self._listed_countries()
        self.organisations.sort(key=lambda e: min(m.start for m in e.mentions))
        for i, entity in enumerate(self.organisations, start=1):
            entity.key = f"o{i}"
            entity.mentions.sort(key=lambda m: m.start)
            entity.match = self._organisation_match(entity)

    def _listed_countries(self):
        """ "来自A、B、C等5所印度尼西亚职业院校": the country said after a list is each listed organisation's."""
        countries = "|".join(sorted(COUNTRIES, key=len, reverse=True))
        for match in re.finditer(rf"等\s*(?:(?:{_NUMBER})\s*[所家个])?(?P<c>{countries})", self.text):
            start = self.clause(match.start(), stops="。；;！？\n，,")[0]
            for entity in self.orgs_in(start, match.start()):
                if entity.data.get("record") is None and not entity.data.get("country"):
                    entity.data["country"] = COUNTRIES[match.group("c")]

    def _schools_of(self, home):
        """A college's own news names its schools (二级学院) without the college: "水利工程学院", "智能制造学院" —
        short names of no place nor country, on no record and with no Latin name, are units of the college writing,
        and part of their people's positions ("智能制造学院院长")."""
        if not home.mentions[0].text.endswith(("学院", "大学")) and not any(
            m.text.endswith(("学院", "大学")) for m in home.mentions
        ):
            return
        schools = []
        for entity in self.organisations:
            name = entity.data.get("name") or ""
            if (
                entity is home
                or entity.data.get("record") is not None
                or entity.data.get("country")
                or not name.endswith("学院")
                or len(name) > 8
                or name.startswith((*_CHINESE_PLACES, *COUNTRIES, "中", "国家", "省", "市"))
                or any(m.text != name for m in entity.mentions)
            ):
                continue
            schools.append(entity)
        # All at once: one removal and one relabelling of the spans, not one for each school (quadratic).
        folded = {id(entity) for entity in schools}
        self.organisations[:] = [entity for entity in self.organisations if id(entity) not in folded]
        for entity in schools:
            home.data.setdefault("units", []).append(entity.data.get("name") or "")
            for mention in entity.mentions:
                home.mentions.append(Mention(mention.start, mention.end, mention.text))
                self._unit_spans.add((mention.start, mention.end))
        self._org_spans.relabel(folded, home)

    @staticmethod
    def _match(matcher, phrase, bare, acronym):
        """(record, name matched, status) of a Chinese name: its own-script name or another name, the name less its
        country, an abbreviation of a candidate's name, or the acronym written after it."""
        for text in dict.fromkeys([phrase, bare]):
            matches = matcher.match(text)
            if matches and matches[0].score == 100:
                record = matches[0].record
                own = {record.name_local, record.name, record.short_name}
                return record, matches[0].matched_on, "on_record" if matches[0].matched_on in own else "other_name"
        for text in dict.fromkeys([phrase, bare, bare[:2]]):
            for record in matcher.candidates(text):
                names = [record.name_local, *alias_names(record)]
                for known in names:
                    if known and abbreviates(phrase, known):
                        return record, known, "other_name"
        if acronym:
            matches = matcher.match(acronym)
            if matches and matches[0].score == 100:
                return matches[0].record, matches[0].matched_on, "other_name"
        return None, "", "new"

    @staticmethod
    def _country(name):
        return "CN" if name.startswith(_CHINESE_PLACES) or _CHINESE_MINISTRIES.match(name) else ""

    def _new(self, kind, **data):
        entity = Entity(key="", kind=kind, data=data)
        (self.organisations if kind == "organisation" else self.people).append(entity)
        return entity

    def _organisation_match(self, entity):
        record = entity.data.get("record")
        if record is None:
            return {"status": "new", "record_id": None, "matched_on": "", "candidates": []}
        order = ["on_record", "other_name"]
        statuses = [m.match["status"] for m in entity.mentions if m.match]
        status = min(statuses, key=order.index) if statuses else "other_name"
        matched_on = next(m.match["matched_on"] for m in entity.mentions if m.match and m.match["status"] == status)
        for mention in entity.mentions:
            mention.match = {
                "status": (mention.match or {"status": status})["status"],
                "record_id": record.pk,
                "matched_on": (mention.match or {"matched_on": matched_on})["matched_on"],
                "candidates": [{"id": record.pk, "label": str(record), "score": 100, "matched_on": matched_on}],
            }
        return {
            "status": status,
            "record_id": record.pk,
            "matched_on": matched_on,
            "candidates": [{"id": record.pk, "label": str(record)}],
        }

    # -- people -----------------------------------------------------------------------------------------------
    def _name_before(self, position):
        """(start, written) of a Chinese name of two or three characters ending at position, or None."""
        text = self.text
        two, three = text[max(0, position - 2) : position], text[max(0, position - 3) : position]
        if three[:1] == "方" and text[position - 4 : position - 3] in "中越老柬泰缅外双我对":
            return None  # "越方师生代表": a side's people, no name
        if two[1:] == "方" and two[:1] in _SIDES:
            return None  # "蒙方教师", "塞方专家": a side's people, no name
        if "·" in text[max(0, position - 5) : position]:
            return None  # "卡卢卡·穆本加处长": the end of a foreign name, read whole with its Latin spelling
        # "欧阳建平书记": a compound family name (欧阳, 司马, 诸葛, 上官…) starts a name of three or four characters.
        four = text[max(0, position - 4) : position]
        for written in (four, three):
            if (
                len(written) >= 3
                and _compound(written)
                and _CJK_RE.fullmatch(written[-1])  # "诸葛文（副院长）": the bracket is no part of the name
                and not set(written[2:]) & _NOT_IN_NAME
                and not self.in_org(position - len(written), position)
            ):
                return position - len(written), written
        for written in (three, two):
            if written[-2:] in _GROUPS:
                return None  # "两校师生代表": a group, no name
            # "来华研修教师", "秋季互派教师": 华 of 来华 is China, 季 of 秋季 a season, no family name.
            if text[position - len(written) - 1 : position - len(written) + 1] in _WORD_ENDS:
                continue
            if (
                len(written) >= 2
                and written[0] in FAMILY_CHARACTERS
                and not set(written) & _NOT_IN_NAME
                and not self.in_org(position - len(written), position)
            ):
                return position - len(written), written
        latin = re.search(r"(?:[A-Z][a-z'’\-]+\s+){1,3}[A-Z][a-z'’\-]+\s*$", text[max(0, position - 60) : position])
        if latin:
            written = latin.group().rstrip()
            return position - len(latin.group()), written
        return None

    def _name_after(self, position):
        text = self.text
        latin = re.match(r"\s*(?P<n>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,3})", text[position : position + 60])
        if latin:
            return position + latin.start("n"), latin.group("n")
        # 上官, 东方: a compound family name's characters may be words of a sentence elsewhere.
        compound = _compound(text[position : position + 2])
        written = text[position : position + 2] if compound else ""
        for c in text[position + len(written) : position + (4 if compound else 3)]:
            if not _CJK_RE.fullmatch(c) or c in _NOT_IN_NAME:
                break
            written += c
        if (
            len(written) >= (3 if _compound(written) else 2)
            and (written[0] in FAMILY_CHARACTERS or _compound(written))
            and not self.in_org(position, position + 1)
        ):
            return position, written
        return None

    def in_org(self, start, end):
        return self._org_spans.overlaps(start, end)

    def _find_people(self):
        found = []  # (start, end, written, title fact or None, organisation or None)
        table = self._table = self._table_rows()
        for start, end, written, title, org in table:
            found.append((start, end, written, title, org))
        aliases = []  # (the name in characters, the Latin name it is written with)
        for start, end, written, title, org, local in self._listed_people():
            found.append((start, end, written, title, org))
            if local:
                aliases.append((local, written))
        ends = {e: o for _s, e, o in self._org_spans}  # looked up by position, not scanned for each position
        by_end = {}  # end -> [(its place in _org_spans, start, organisation)]
        for i, (s, e, o) in enumerate(self._org_spans):
            by_end.setdefault(e, []).append((i, s, o))
        between_re = re.compile(r"[)）\s]*(?:[（(][A-Za-z .,，&'’\-]{2,80}[)）]\s*)?")
        for match in re.finditer(_TITLE_RE, self.text):
            t_start, t_end = match.span()
            if self.in_org(t_start, t_end):
                continue
            title = _fact(match.group(), t_start, t_end)
            # The organisation right before the position: "无锡技师学院院长", "人社部国际合作司王建国处长".
            # "北方技术学院（Northern Technical College，NORTEC）院长": its names in Latin letters between. The
            # organisations ending at most 100 characters before, looked up by their ends.
            near = [
                span
                for e in range(max(0, t_start - 100), t_start + 1)
                if e in by_end and between_re.fullmatch(self.text, e, t_start)
                for span in by_end[e]
            ]
            before = [(s, o) for _i, s, o in sorted(near, key=lambda span: span[0])]
            # "水利工程学院院长", "国际合作部主任": a unit named right before the position is part of it.
            unit_start = next((s for s, _o in before if (s, t_start) in self._unit_spans), None)
            if unit_start is not None:
                title = _fact(self.text[unit_start:t_end], unit_start, t_end)
            # "我院汽车工程系主任": a unit of no name's ending, between the organisation and the position, is part
            # of the position (a unit named as one, "…厅职业能力建设处处长", is not: the position is 处长).
            if not before:
                # "…教育厅国际交流与合作处一级调研员": a unit's name may join two words with 与 or 和.
                host = [(e, ends[e]) for e in range(t_start - 12, t_start - 1) if e in ends]
                unit = self.text[host[-1][0] : t_start] if host else ""
                if (
                    unit
                    and re.fullmatch(rf"[{CJK}]+", unit)
                    and not set(unit) & (_NOT_IN_NAME - set("与和"))
                    and (re.search(r"(?:系|处|部|科|室|中心)$", unit) or match.group().startswith("系"))
                ):
                    before = [host[-1]]
                    title = _fact(self.text[t_start - len(unit) : t_end], t_start - len(unit), t_end)
                # "，国际交流合作处处长郝慧敏": a unit after a list's comma, of no organisation named, is of the
                # position.
                unit = re.search(
                    rf"(?<=[，、：:；\s])[{CJK}]{{1,10}}(?:处|部|系|科|室|中心|办公室)$",
                    "\n" + self.text[max(0, t_start - 12) : t_start],
                )
                u_start = t_start - len(unit.group()) if unit else t_start
                # (a unit's name may join two words with 与 or 和: "国际交流与合作处")
                free = unit and not set(unit.group()) & (_NOT_IN_NAME - set("与和"))
                if not before and free and not self.in_org(u_start, t_start):
                    title = _fact(self.text[u_start:t_end], u_start, t_end)
            before = [o for _s, o in before]
            # "访问A，与该院院长宋萨会谈": 该院 (该校, 该中心) is the organisation named last before it in the sentence.
            if not before and re.search(r"该(?:院|校|中心|公司|机构)$", self.text[max(0, t_start - 3) : t_start]):
                named = self._org_spans.within(self.clause(t_start)[0], t_start)
                before = [named[-1][2]] if named else []
            after = self._name_after(t_end)
            # "校长坎平（Khamphing Vongsa）": a foreign name in characters, with its Latin spelling after it.
            foreign = re.match(
                rf"[{CJK}·]{{1,10}}(?=[（(][A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){{1,3}}[)）])",
                self.text[t_end : t_end + 60],
            )
            if foreign and not set(foreign.group()) & _NOT_IN_NAME:
                after = (t_end, foreign.group())
            name_before = self._name_before(t_start)
            if after and not (name_before and not before and self.text[t_end : t_end + 1] in "表指说主，、。"):
                n_start, written = after
                org = before[0] if before else None
                found.append((n_start, n_start + len(written), written, title, org))
            elif name_before:
                n_start, written = name_before
                org = (self._org_spans.ending(n_start) or (None, None, None))[2]
                # "（无锡技师学院副院长）": the position in brackets after the name.
                found.append((n_start, n_start + len(written), written, title, org))
        for match in re.finditer(rf"(?P<n>[{CJK}]{{2,4}})[（(](?P<o>[^）)\n]{{2,60}})[)）]", self.text):
            inner = match.group("o")
            position = re.search(f"(?:{_TITLE_RE})$", inner)
            if not position:
                continue
            start = match.start("n")
            written = match.group("n")
            if len(written) == 4 and not _compound(written):  # four characters: a compound family name's only
                written, start = written[1:], start + 1
            while written and written[0] not in FAMILY_CHARACTERS and not _compound(written):
                written, start = written[1:], start + 1
            if len(written) < 2:
                continue
            t_start = match.start("o") + position.start()
            org = self.org_at(match.start("o"), t_start)
            found.append((start, start + len(written), written, _fact(position.group(), t_start, match.end("o")), org))
        # "校长阮文胜（Nguyen Van Thang）": a name in characters with its Latin spelling in brackets is read in Latin.
        for i, (_start, end, written, title, org) in enumerate(found):
            latin = re.match(
                r"[（(](?P<l>[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){1,3})[)）]", self.text[end : end + 50]
            )
            if latin and _CJK_RE.match(written):
                l_start = end + latin.start("l")
                found[i] = (l_start, l_start + len(latin.group("l")), latin.group("l"), title, org)
                aliases.append((written, latin.group("l")))
        # The name in characters said again ("阮文胜校长介绍了…"): the same person.
        latin_of = dict(aliases)
        found = [(s, e, latin_of.get(w, w), t, o) for s, e, w, t, o in found]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        # "…学院院长孙海涛、副院长周立新": a person listed after another with 、 between them (and perhaps a unit of
        # theirs, "、国际合作办公室主任Ly Sreymom") is of the same organisation; a ，starts the next one's people.
        carried, last = [], None
        for start, end, written, title, org in found:
            if org is None and last is not None and title is not None:
                first = min(start, title["evidence"][0])
                between = self.text[last[0] : first] if first >= last[0] else "x"
                unit = rf"[^、，,；;。\n（）()\s]{{0,12}}(?:{'|'.join(_UNIT_END)}|办公室)"
                # "院长额尔登巴特（Erdenebat GANBOLD）、副院长…": after a name's Latin spelling in brackets too.
                listed = re.fullmatch(rf"[)）]?(?:[（(][^）)\n]{{0,10}}[)）])?\s*、\s*(?P<u>{unit})?", between)
                # "、重型设备维修系主任图门": the words of a 系 before 系主任 name the unit.
                listed = listed or (
                    title["value"].startswith("系")
                    and re.fullmatch(rf"[)）]?(?:[（(][^）)\n]{{0,10}}[)）])?\s*、\s*(?P<u>[{CJK}]{{2,12}})", between)
                )
                if listed:
                    org = last[1]
                    # "、国际合作部主任…": the unit is part of the position.
                    if listed.group("u") and title["evidence"][0] == first:
                        u_start = first - len(listed.group("u"))
                        title = _fact(self.text[u_start : title["evidence"][1]], u_start, title["evidence"][1])
            carried.append((start, end, written, title, org))
            if org is not None:
                last = (max(end, title["evidence"][1] if title else end), org)
            elif last is not None and end > last[0]:
                last = None
        found = carried
        by_tokens = {}
        for start, end, written, title, org in found:
            held = self._person_spans.holding(start)
            if held:
                person = held[2]
            else:
                parts = split_name(written, evidence=self.text)
                tokens = name_tokens(f"{parts['given_name']} {parts['family_name']}")
                if not tokens:
                    continue
                person = by_tokens.get(tokens)
                if person is None:
                    person = by_tokens[tokens] = self._new("person", **parts, title=None, organisation=None)
                person.mentions.append(Mention(start, end, written))
                self._person_spans.append((start, end, person))
            if title and not person.data["title"]:
                person.data["title"] = title
            if org and not person.data["organisation"]:
                person.data["organisation"] = org
        # A name said again alone ("李振云院长表示" after "院长李振云"): every other mention of a known name, and of
        # the characters a foreign name is written in ("本通·西萨瓦（Bounthong Sisavath）").
        covered = {i for s, e, _p in self._person_spans for i in range(s, e)}  # positions of a person's mention
        for person in self.people:
            local = person.data.get("name_local") or person.mentions[0].text
            written = {m.text for m in person.mentions}
            for name in [local] + [cn for cn, latin in aliases if latin in written]:
                for match in re.finditer(re.escape(name), self.text):
                    if match.start() not in covered:
                        person.mentions.append(Mention(match.start(), match.end(), name))
                        self._person_spans.append((match.start(), match.end(), person))
                        covered.update(range(match.start(), match.end()))
        self._person_spans.sort(key=lambda s: s[0])
        index = PeopleMatcher()
        index.prefetch_unmatched([(f"{p.data['given_name']} {p.data['family_name']}", "") for p in self.people])
        for i, person in enumerate(self.people, start=1):
            person.key = f"p{i}"
            person.mentions.sort(key=lambda m: m.start)
            person.match = self._person_match(index, person)

    def _listed_people(self):
        """People of a participants block: lines "单位：name+position、name（unit）、…" (the organisation before the
        colon is everyone's on the line), and a "主持人：" or "记录：" line of one person ("邹建新 无锡技师学院副院长",
        "王悦（国际交流处）", whose unit is the organisation's another listed person is of). A foreign name written in
        characters with its Latin spelling in brackets ("本通·西萨瓦（Bounthong Sisavath）院长") is read in Latin.
        Rows of (start, end, written, title fact, organisation, the name in characters or None)."""
        rows, unit_orgs, single = [], {}, []
        starts = self._org_starts = {}
        for span in self._org_spans:
            starts.setdefault(span[0], span)
        self._listed_orgs = []
        latin = r"[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){1,3}"
        cn = rf"[{CJK}]{{1,6}}·[{CJK}]{{1,8}}|{_COMPOUND_RE}[{CJK}]{{1,2}}|[{CJK}]{{2,3}}"
        name = rf"(?P<cn>{cn})(?:[（(](?P<latin>{latin})[)）])?"
        entry_re = re.compile(rf"{name}[ \t\u3000]*(?P<rest>[^、，,；;。·\n]*)")
        for line in re.finditer(
            r"^[ \t\u3000]*(?P<head>[^：:\n]{2,40}?)[ \t\u3000]*[：:](?P<value>[^\n]+)$", self.text, re.MULTILINE
        ):
            head = line.group("head")
            if re.fullmatch(r"主持人|主持|会议主持|记录|记录人", re.sub(r"[ \u3000]", "", head)):
                single.append(line)
                continue
            # The whole head is the organisation, perhaps with a note in brackets: "老挝琅勃拉邦技术学院（线上）".
            h_start, h_end = line.span("head")
            span = starts.get(h_start)
            if span is None or not re.fullmatch(r"\s*(?:[（(][^）)\n]{1,10}[)）])?\s*", self.text[span[1] : h_end]):
                continue
            org = span[2]
            self._listed_orgs.append((org, span[:2]))
            offset = line.start("value")
            for piece in re.finditer(r"[^、]+", line.group("value")):
                row = self._listed_entry(
                    entry_re,
                    piece.group().strip(),
                    offset + piece.start() + len(piece.group()) - len(piece.group().lstrip()),
                    org,
                )
                if row:
                    rows.append(row)
                    if row[6]:
                        unit_orgs.setdefault(row[6], org)
        for line in single:
            value = line.group("value").strip()
            offset = line.start("value") + len(line.group("value")) - len(line.group("value").lstrip())
            row = self._listed_entry(entry_re, value, offset, None, alone=True)
            if row:
                org = row[4] or unit_orgs.get(row[6])
                rows.append((*row[:4], org, row[5], row[6]))
        return [row[:6] for row in rows]

    def _listed_entry(self, entry_re, text, offset, org, *, alone=False):
        """(start, end, written, title, organisation, the name in characters, unit) of one listed person, or None."""
        entry = entry_re.fullmatch(text)
        if not entry or not entry.group("latin") and "·" in entry.group("cn"):
            return None
        rest, r_start = entry.group("rest"), offset + entry.start("rest")
        unit = None
        bracket = re.search(r"[（(](?P<b>[^）)]{2,30})[)）]\s*$", rest)
        if bracket:
            rest, inner = rest[: bracket.start()], bracket.group("b")
            if re.search(f"(?:{_TITLE_RE})$", inner) and not rest.strip():
                rest, r_start = inner, r_start + bracket.start("b")
            else:
                unit = inner
        title = None
        rest = rest.rstrip()
        if org is not None and bracket and rest == bracket.group("b"):
            # "华磊（智能制造学院院长）" on a line of its organisation: all of it is the position (of a unit); alone,
            # "陈建斌（无锡技师学院副院长）" is the organisation and the position.
            title = _fact(rest, r_start, r_start + len(rest))
        elif rest:
            # "邹建新 无锡技师学院副院长": an organisation then the position
            o = self._org_starts.get(r_start)
            if o and re.fullmatch(f"(?:{_TITLE_RE})", self.text[o[1] : r_start + len(rest)]):
                org = org or o[2]
                # "孟庆 海外业务部经理": a unit of the organisation the line is under is part of the position.
                t_start = o[0] if (o[0], o[1]) in self._unit_spans else o[1]
                title = _fact(self.text[t_start : r_start + len(rest)], t_start, r_start + len(rest))
            elif re.search(f"(?:{_TITLE_RE})$", rest) and len(rest) <= 12:
                title = _fact(rest, r_start, r_start + len(rest))
            else:
                return None
        elif (
            not unit and not entry.group("latin") and not (alone and (_compound(text) or text[0] in FAMILY_CHARACTERS))
        ):
            return None  # a name alone is one only on a line of one person's ("记录人：东方晓")
        if entry.group("latin"):
            start, written, local = offset + entry.start("latin"), entry.group("latin"), entry.group("cn")
        else:
            start, written, local = offset + entry.start("cn"), entry.group("cn"), None
        return (start, start + len(written), written, title, org, local, unit)

    def _table_rows(self):
        """People of a participants list: lines of name, organisation and position apart (full-width spaces, tabs or
        two spaces), under a header naming the columns (姓名 单位 职务) or in that order."""
        rows = []
        columns = ["name", "org", "title"]
        for line in re.finditer(r"[^\n]+", self.text):
            # Cells apart by tabs, full-width spaces, two spaces or a table's bars ("| 姓名 | 单位 | 职务 |").
            cells = [
                (m.start(), m.group()) for m in re.finditer(r"[^\t\u3000|｜]+?(?=[\t\u3000|｜]| {2,}|$)", line.group())
            ]
            cells = [(s + len(c) - len(c.lstrip()), c.strip()) for s, c in cells if c.strip()]
            if len(cells) < 2:
                continue
            header = [c for _s, c in cells]
            if "姓名" in header:
                names = {"姓名": "name", "单位": "org", "工作单位": "org", "职务": "title", "职称": "title"}
                columns = [names.get(c, "") for c in header]
                continue
            values = {columns[i]: (line.start() + s, c) for i, (s, c) in enumerate(cells) if i < len(columns)}
            if "name" not in values or "title" not in values:
                continue
            n_start, written = values["name"]
            t_start, title = values["title"]
            # "国际交流处处长": a unit's position in the position's cell too.
            if not re.fullmatch(rf"[{CJK}]{{0,12}}?(?:{_TITLE_RE})", title):
                continue
            org = None
            if "org" in values:
                o_start, o_text = values["org"]
                org = self.org_at(o_start, o_start + len(o_text))
            rows.append((n_start, n_start + len(written), written, _fact(title, t_start, t_start + len(title)), org))
        return rows

    @staticmethod
    def _person_match(index, person):
        return person_match(index, person.data)

    def _kind(self, title):
        rules = [
            (r"多边", "multilateral"),
            (r"双边", "bilateral"),
            (r"培训班|培训会|研修班|师资培训|培训", "training"),
            (r"考察|参访|访问|访学", "study_visit"),
            (r"论坛|大会|年会|峰会|博览会", "conference"),
            # "…合作协议签约仪式": an agreement signed by two sides.
            (r"签约|签署", "bilateral"),
        ]
        spans = [tuple(title["evidence"])] if title else []
        for pattern, kind in rules:
            for start, end in spans:
                # "…职业培训所代表团来访": words inside an organisation's name say nothing of the meeting.
                match = next(
                    (m for m in re.compile(pattern).finditer(self.text, start, end) if not self.in_org(*m.span())), None
                )
                if match:
                    return _fact(kind, *match.span())
        if title and len(self.orgs_in(*title["evidence"])) == 2 and re.search(r"与|和", title["value"]):
            return _fact("bilateral", *title["evidence"])
        if title and _TWO_COUNTRIES.match(title["value"]):
            return _fact("bilateral", *title["evidence"])
        # "A与中亚院校…交流会": one organisation and a group of them (院校, 高校, 各国) on the other side.
        if title and re.search(r"与[^与和，]{0,12}?(?:院校|高校|各国|多国|国家)", title["value"]):
            return _fact("multilateral", *title["evidence"])
        # "A、B与C…交流会": a meeting of three organisations or more.
        if title and len(self.orgs_in(*title["evidence"])) >= 3 and re.search(r"与|和", title["value"]):
            return _fact("multilateral", *title["evidence"])
        return None

    def _format(self, venue=None):
        rules = [
            (r"线上线下(?:相)?结合|线上\s*[+＋]\s*线下|线下\s*[+＋]\s*线上|混合式", "hybrid"),
            (r"线上|视频会议|网络会议|云端|在线|腾讯会议|钉钉|飞书|Zoom|zoom", "online"),
            (r"线下|现场|面对面", "in_person"),
        ]
        label = self.label("会议形式", "形式", "召开形式")
        spans = [label.span("value")] if label else []
        spans.append((0, len(self.text)))
        for start, end in spans:
            for pattern, value in rules:
                match = re.compile(pattern).search(self.text, start, end)
                if match:
                    return _fact(value, *match.span())
        # Nothing said online: a meeting held in a room or a hall ("在学院行政楼一楼报告厅举行") was in person.
        if venue and re.search(r"(?:会议室|报告厅|礼堂|大厅|厅|室|楼|馆)$", venue["value"]):
            return _fact("in_person", *venue["evidence"])
        return None

    def _date(self, body_start=0):
        label = self.label("会议时间", "时间", "日期", "会议日期")
        if label:
            fact = self._date_at(label.group("value"), label.start("value"))
            # "时间：2025.3.12", "日期：2025-03-12": the day in figures apart by dots, dashes or slashes.
            figures = re.match(r"\s*(?P<y>[0-9]{4})([-/.])(?P<m>[0-9]{1,2})\2(?P<d>[0-9]{1,2})", label.group("value"))
            if not fact and figures:
                try:
                    value = datetime.date(*(int(figures.group(k)) for k in "ymd"))
                    start = label.start("value") + figures.start("y")
                    fact = _fact(value.isoformat(), start, label.start("value") + figures.end(), precision="day")
                except ValueError:
                    fact = None
            if fact:
                return fact
        # A news item or a 简报 says the day in its first paragraph ("2024年3月12日上午，…", "4月18日上午，…"); the
        # dates above it are the day it was posted or issued, which gives a day without a year its year.
        prose = next(
            (m for m in re.finditer(r"[^\n]+", self.text) if m.start() >= body_start and "。" in m.group()), None
        )
        if prose and body_start:
            fact = self._date_at(prose.group(), prose.start())
            day = re.search(r"(?<![0-9年])(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]", prose.group())
            if fact and not (day and day.start() < fact["evidence"][0] - prose.start()):
                return fact
            # "2024年3月14日", or a web page's "发布时间：2025-05-20".
            posted = list(
                re.finditer(
                    # and a briefing's issue, "2025年第12期"
                    rf"{_DATE.pattern}|(?P<iso>[0-9]{{4}})(?:[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}|\s*年\s*第)",
                    self.text[: prose.start()],
                )
            )
            if day and posted:
                year = posted[-1].group("iso") or posted[-1].group("y")
                try:
                    value = datetime.date(_number(year), int(day.group("m")), int(day.group("d")))
                except ValueError:
                    value = None
                if value:
                    start, end = prose.start() + day.start(), prose.start() + day.end()
                    return _fact(value.isoformat(), start, end, precision="day")
        return self._date_at(self.text)

    def _platform(self):
        for written, name in _PLATFORMS.items():
            match = re.search(re.escape(written), self.text, re.IGNORECASE)
            if match:
                return _fact(name, *match.span())
        return None

    def _venue(self, kind=None):
        """Where the meeting was held; a place of the college writing ("学院行政楼报告厅") with the college's name."""
        fact = self._venue_written(kind)
        own = fact and re.match(r"(?:我院|我校|本院|本校|学院|学校)(?=[^，。]{2})", fact["value"])
        if own and self._home is not None:
            names = [m.text for m in self._home.mentions if len(m.text) > 3 and not m.text.startswith("我")]
            if names:
                fact["value"] = names[0] + fact["value"][own.end() :]
        return fact

    def _venue_written(self, kind=None):
        label = self.label("会议地点", "地点")
        if label:
            start, end = label.span("value")
            value = self.text[start:end].strip().rstrip("。；;")
            # "A会议室（主会场），B（线上分会场）": the main site's place.
            main = re.match(r"\s*(?P<v>[^，,；;（(]+?)\s*[（(]主会场[)）]", self.text[start:end])
            if main:
                start, value = start + main.start("v"), main.group("v")
            return _fact(value, start, start + len(value))
        # A training opened in a hall and held elsewhere: "培训…全部在X进行" is where it is.
        if kind and kind["value"] == "training":
            match = re.search(
                rf"培训[^。\n]{{0,30}}?(?:全部|均|主要)在(?P<v>[{CJK}A-Za-z0-9]{{3,40}}?)(?:进行|开展|举办)", self.text
            )
            if match:
                return _fact(match.group("v"), *match.span("v"))
        match = re.search(rf"在(?P<v>[{CJK}A-Za-z0-9]{{3,40}}?)(?:召开|举行|举办)", self.text)
        if match:
            return _fact(match.group("v"), *match.span("v"))
        # "地点为老德学院综合楼二层会议室。": the place said in a sentence, with no label line.
        match = re.search(
            rf"(?:(?:会议)?地点(?:为|是|设在)|主会场设在)(?P<v>[{CJK}A-Za-z0-9]{{3,40}}?)(?=[，。；,;\n]|$)", self.text
        )
        if match:
            return _fact(match.group("v"), *match.span("v"))
        return None

    def _count(self):
        patterns = [
            rf"(?:出席|参会|与会|参加)人数\s*[：:为]?\s*(?P<n>{_NUMBER})\s*[人名]?",
            rf"(?:共|共计|合计|总计)\s*(?P<n>{_NUMBER})\s*[人名]",
            rf"(?P<n>{_NUMBER})\s*[人名](?:参加|出席|参会|与会)",
            # "20名骨干教师参加培训": the people counted, then the verb.
            rf"(?P<n>{_NUMBER})\s*名[{CJK}]{{1,6}}?(?:参加|参训|出席|参会|与会)",
        ]
        for pattern in patterns:
            match = re.search(pattern, self.text)
            if match:
                return _fact(_number(match.group("n")), *match.span())
        return None

    def _roles(self, proposal):
        """Hosts (the two sides of "A与B…" in the title or a sentence with 召开/主办, or the organisation the meeting is
        held at), the coordinator (由…协调, 指导) and the participants (the organisations of the attendance line)."""
        roles, evidence = {}, {}

        def give(orgs, role, span):
            for org in orgs:
                if org.key not in roles:
                    roles[org.key], evidence[org.key] = role, list(span)

        # 主办 (organised), 承办 (hosted), 协办 (co-organised): each of them an organiser, a host.
        for match in re.finditer(r"(?:由)?(?P<o>[^，。；\n]{2,80}?)(?:共同)?(?:主办|承办|协办|联合举办)", self.text):
            # "今后每年轮流举办，2025年交流会由A承办": who hosts a later meeting, not this one.
            clause = self.text[self.clause(match.start())[0] : match.end()]
            year = re.search(r"([0-9]{4})年", clause)
            if re.search(r"今后|下届|下一届|明年|下次|轮流", clause) or (
                year and proposal["date"] and int(year.group(1)) > int(proposal["date"]["value"][:4])
            ):
                continue
            give(self.orgs_in(*match.span("o")), "host", match.span())
        # A post's headline "…丨我院举办…交流会": the college posting it held it.
        held = re.search(r"(?:^|[丨｜|\n])\s*(?P<o>我[院校])(?:举办|主办|承办|召开)", self.text[:200])
        if held:
            give(self.orgs_in(*held.span("o")), "host", held.span())
        for match in re.finditer(r"由(?P<o>[^，。；\n]{2,60}?)(?:协调|指导|支持)", self.text):
            if "协调" in match.group():
                give(self.orgs_in(*match.span("o")), "coordinator", match.span())
        # "主办单位：A": A hosts; the other organisations of the title ("A、B与C…交流会") are the other sides.
        hosts_said = self.label("主办单位", "主办方", "承办单位", "协办单位")
        # "主办单位：A　　地址：…　　网站标识码：…": a web page's footer names the site's owner, not the event's host.
        if hosts_said and re.search(r"地址[：:]|网站标识码|ICP|备案|版权|Copyright|©", hosts_said.group("value")):
            hosts_said = None
        if hosts_said:
            give(self.orgs_in(*hosts_said.span("value")), "host", hosts_said.span())
        title = proposal["title"]
        # "地点：A行政楼会议室（主会场），B（线上分会场）": the organisation of the main site hosts.
        venue = proposal["venue"]
        if venue and (
            re.match(r"\s*[（(]主会场[)）]", self.text[venue["evidence"][1] :])
            or self.text[: venue["evidence"][0]].endswith("主会场设在")
        ):
            main = [o for s, e, o in self._org_spans if s == venue["evidence"][0]]
            give(main[:1], "host", venue["evidence"])
            hosts_said = hosts_said or bool(main)
        # "A院长率代表团一行4人到访B", "A代表团来访我院": the organisation visited hosts, the visitors' takes part.
        for match in re.finditer(
            r"(?P<a>[^，。；\n]{2,60}?)(?:代表团|考察团|访问团|一行)[^，。；\n]{0,8}?(?:到访|来访|莅临|访问)(?P<b>[^，。；\n]{2,40})",
            self.text,
        ):
            visited = self.orgs_in(*match.span("b"))[:1]
            visitors = [o for o in self.orgs_in(*match.span("a")) if o not in visited]
            if visited and visitors:
                give(visited, "host", match.span())
                give(visitors, "participant", match.span())
        if title and re.search(r"与|和", title["value"]):
            orgs = self.orgs_in(*title["evidence"])
            # "A与B…会议" held in person at A ("地点：A实训楼…"): A hosts, B visiting takes part (online or both
            # ways, each side holds the meeting at its end).
            in_person = (proposal["format"] or {}).get("value") == "in_person"
            at = self.orgs_in(*venue["evidence"])[:1] if venue and in_person and not hosts_said else []
            if len(orgs) >= 2 and at and at[0] in orgs:
                give(at, "host", venue["evidence"])
                hosts_said = True
            if len(orgs) >= 2:
                give(orgs, "participant" if hosts_said else "host", title["evidence"])
        # Read in the clauses holding both 与 and 召开 (a match never crosses ，。；): tried from every position of a
        # text of 与 alone, the pattern took ~80 × 80 steps at each.
        for clause in re.finditer(r"[^，。；\n]+", self.text):
            if "与" not in clause.group() or "召开" not in clause.group():
                continue
            for match in re.compile(r"[^，。；\n]{0,80}与[^，。；\n]{2,80}?召开").finditer(self.text, *clause.span()):
                orgs = self.orgs_in(*match.span())
                if len(orgs) >= 2:
                    give(orgs, "host", match.span())
        if not any(role == "host" for role in roles.values()) and proposal["venue"]:
            start, end = proposal["venue"]["evidence"]
            give(self.orgs_in(start, end)[:1], "host", (start, end))
        for name in _ATTENDANCE_LABELS:
            label = self._labels.get(name)
            if label and label.group("value").strip():
                give(self.orgs_in(*label.span("value")), "participant", label.span())
            elif label:
                # "出席：" over lines of its own ("塞方：…", "中方：…"): the lines up to a blank one.
                block = re.match(r"(?:[ \t\u3000]*\n)?(?:[ \t\u3000]*[^\s][^\n]*(?:\n|$))+", self.text[label.end() :])
                if block:
                    span = (label.end(), label.end() + block.end())
                    give(self.orgs_in(*span), "participant", span)
        # A table of the participants (姓名 单位 职务): the organisations of its rows.
        for _s, _e, _w, _t, org in self._table:
            if org is not None:
                give([org], "participant", (_s, _e))
        for org, span in self._listed_orgs:
            give([org], "participant", span)
        # "A处长X，B院长Y……共40余人参加交流": the organisations of the sentence saying who took part.
        for match in re.finditer(
            r"(?:^|(?<=[。\n]))[^。\n]*(?:参加|出席|参会|参训)(?:了)?[^，。；\n]{0,8}。", self.text
        ):
            # "来自A、B等5所院校的20名教师参加培训": the organisations the people came from.
            if re.search(rf"(?:{_TITLE_RE})|来自", match.group()):
                give(self.orgs_in(*match.span()), "participant", match.span())
        for org in self.organisations:
            org.data["role"] = roles.get(org.key)
            org.data["role_evidence"] = evidence.get(org.key)
        # "中方：副院长韩志刚，国际交流合作处处长郝慧敏": the people of the Chinese side's line, of no organisation
        # named, are of the Chinese host's.
        hosts = [o for o in self.organisations if o.data["role"] == "host" and self._organisation_dict(o)["country"]]
        home = next((o for o in hosts if self._organisation_dict(o)["country"] == "CN"), None)
        if home is not None:
            for line in re.finditer(r"^[ \t\u3000]*(?:中方|我方)[ \t\u3000]*[：:][^\n]*", self.text, re.MULTILINE):
                for _s, _e, person in self.people_in(*line.span()):
                    if person.data["organisation"] is None:
                        person.data["organisation"] = home

    def _statements(self):
        statements = []
        for start, end, inner_start, inner_end in self._quotes:
            words = self.text[inner_start:inner_end]
            if len(words) < 6 or re.search(r"(?:简称|下称)[“\"]?$", self.text[max(0, start - 6) : start]):
                continue
            speaker = self._speaker(start)
            statements.append(
                {
                    "speaker": speaker.key if speaker else None,
                    "text": words,
                    "is_verbatim": True,
                    "evidence": [start, end],
                }
            )
        return statements

    def _speaker(self, quote_start):
        """The person who said it: named before a verb of speech in the sentence ("李振云院长表示：“…”"), or
        the one named last before it when the sentence says 他/她."""
        sentence_start = max(self.text.rfind(c, 0, quote_start) for c in "。；\n”") + 1
        before = self.text[sentence_start:quote_start]
        if not re.search(rf"{_SPEECH}[：:，,]?\s*$", before):
            # "他表示，学院…。“赞比亚是…”": a quote opening a sentence goes on with the speech of the sentence before.
            if before.strip() or self.text[sentence_start - 1 : sentence_start] != "。":
                return None
            sentence_start = max(self.text.rfind(c, 0, sentence_start - 1) for c in "。；\n") + 1
            before = self.text[sentence_start:quote_start]
            if not re.match(rf"[^，。]{{0,20}}?{_SPEECH}", before):
                return None
        people = self.people_in(sentence_start, quote_start)
        if people:
            return people[0][2]
        if re.search(r"[他她]", before):
            earlier = [p for s, e, p in self._person_spans if e <= quote_start]
            return earlier[-1] if earlier else None
        return None

    def _person_roles(self, statements):
        speakers = {s["speaker"] for s in statements if s["speaker"]}
        # "问（王副院长）：…", "答（李处长）：…": who asked and who answered in a record of questions spoke.
        for match in re.finditer(
            r"^[ \t\u3000]*(?:问|答|提问|回答|答复)[ \t\u3000]*[（(](?P<p>[^）)\n]{2,40})[)）][ \t\u3000]*[：:]",
            self.text,
            re.MULTILINE,
        ):
            speakers |= {p.key for _s, _e, p in self.people_in(*match.span("p"))}
        chairs = set()
        label = self.label("主持人", "主持", "会议主持")
        if label:
            chairs |= {p.key for _s, _e, p in self.people_in(*label.span("value"))}
        for match in re.finditer(r"由(?P<p>[^，。；\n]{2,60}?)主持", self.text):
            chairs |= {p.key for _s, _e, p in self.people_in(*match.span("p"))}
        # "欧阳明辉主持会议", "副院长夏侯平主持座谈": the person named right before 主持 (and a position) chairs.
        for match in re.finditer(r"主持(?:了|召开)?(?:会议|座谈|会谈|本次|仪式|签约仪式|开班仪式|开幕式)", self.text):
            named = [
                p
                for s, e, p in self.people_in(max(0, match.start() - 20), match.start())
                if re.fullmatch(rf"(?:{_TITLE_RE})?", self.text[e : match.start()])
            ]
            chairs |= {p.key for p in named[-1:]}
        for person in self.people:
            person.data["contribution"] = None
            role = "participant"
            if person.key in chairs:
                role = "chair"
            elif person.key in speakers:
                role = "speaker"
            else:
                for _s, e, p in self._person_spans:
                    if p is not person:
                        continue
                    clause_end = self.clause(e)[1]
                    tail = self.text[e:clause_end]
                    done = re.search(
                        r"(?:介绍了|作了|致辞|发言|汇报了|讲话|表示|指出|提出了|代表[^，。]{0,10}发言)", tail
                    )
                    # "A、B分别介绍了…": each of them spoke.
                    if done and (not self.people_in(e, e + done.start()) or tail[: done.start()].endswith("分别")):
                        role = "speaker"
                        what = self.text[e + done.start() : clause_end]
                        person.data["contribution"] = _fact(what, e + done.start(), clause_end)
                        break
            person.data["role"] = role

    def _section_items(self, head):
        """(start, end, text) of the numbered lines under each heading line matching `head` (up to a line that is
        neither an item nor empty); and of the items of the heading line itself after a colon, split at 、 and ；."""
        items = []
        for heading in re.finditer(rf"^[^\n]*(?:{head})[^\n]*$", self.text, re.MULTILINE):
            inline = re.search(r"[：:](?P<rest>[^\n]+)$", heading.group())
            if inline and inline.group("rest").strip():
                offset = heading.start() + inline.start("rest")
                for piece in re.finditer(r"[^、；;，,。]+", inline.group("rest")):
                    text = piece.group().strip()
                    if text:
                        items.append((offset + piece.start(), offset + piece.end(), text))
                continue
            position = heading.end() + 1
            items_style = []
            while position < len(self.text):
                line_end = self.text.find("\n", position)
                line_end = len(self.text) if line_end < 0 else line_end
                line = self.text[position:line_end]
                item = _ITEM.match(self.text, position)
                if item and items_style and _item_style(item) != items_style[0]:
                    break  # "1. … 2. …" then "二、会议内容": the next section's heading, not an item
                if item and item.start() == position and item.end() <= line_end:
                    items_style[:1] = [_item_style(item)]
                    items.append((item.start("text"), item.end("text"), item.group("text")))
                elif line.strip():
                    break
                position = line_end + 1
        return items

    def _topics(self):
        topics, seen = [], set()
        for start, _end, text in self._section_items(_TOPIC_HEAD):
            value = re.sub(r"[；;。，,]+$", "", text).strip()
            # "一、会议主要内容", "二、会议议定事项": a numbered section's heading, no topic.
            numbered = re.search(r"(?:^|\n)[ \t\u3000]*[一二三四五六七八九十]+、[ \t\u3000]*$", self.text[:start])
            heading = re.search(rf"(?:{_TOPIC_HEAD}|{_DECISION_HEAD}|{_ACTION_HEAD}|事项|纪要)$", value)
            if numbered and heading:
                continue
            if 2 <= len(value) <= 30 and value not in seen:
                seen.add(value)
                topics.append(_fact(value, start, start + len(value)))
        for match in re.finditer(
            r"围绕(?P<t>[^，。；\n]+?)等?(?:议题|主题|问题)|就(?P<u>[^，。；\n]+?)等?(?:进行了|展开了|开展了)(?:深入|充分)?(?:的)?"
            r"(?:交流|讨论|探讨|研讨)",
            self.text,
        ):
            key = "t" if match.group("t") else "u"

            offset = match.start(key)
            for piece in re.finditer(r"[^、和及]+", match.group(key)):
                value = piece.group().strip()
                if 2 <= len(value) <= 30 and value not in seen:
                    seen.add(value)
                    topics.append(_fact(value, offset + piece.start(), offset + piece.end()))
        # "共设置A、B、C四个模块": the modules or courses of a training.
        for match in re.finditer(
            rf"(?:设置|开设|设有|包括|涵盖|分为)(?:了)?(?P<t>[^，。；：\n]+?)等?(?:{_NUMBER})\s*(?:个|门|大)?"
            r"(?:模块|课程|专题|单元|板块)",
            self.text,
        ):
            offset = match.start("t")
            for piece in re.finditer(r"[^、]+", match.group("t")):
                value = piece.group().strip()
                if 2 <= len(value) <= 30 and value not in seen:
                    seen.add(value)
                    topics.append(_fact(value, offset + piece.start(), offset + piece.end()))
        return topics

    @staticmethod
    def _outcome(kind, start, text):
        """(kind, start, text) of an outcome: one "会议决定，…" is a decision even if it names a later agreement
        ("具体日期由双方另行商定"); the words leading to an agreement ("经充分协商，双方一致同意…") are left out."""
        if re.match(r"会议决定", text):
            return "decision", start, text
        lead = re.match(rf"经[^，,。]{{1,12}}[，,]\s*(?=[^，,。]*(?:{_CONSENSUS}))", text)
        if lead:
            start, text = start + lead.end(), text[lead.end() :]
        return kind, start, text

    def _outcomes(self):
        outcomes, taken = [], []
        for heading in re.finditer(
            rf"^[^\n]*(?:{_DECISION_HEAD}|{_CONSENSUS})[^\n]*[：:]\s*$"
            rf"|^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?[ \t\u3000]*"
            rf"(?:{_DECISION_HEAD})\s*$",
            self.text,
            re.MULTILINE,
        ):  # "会议决定：", or a section heading with no colon: "三、会议决定"
            consensus_head = not re.search(_DECISION_HEAD, heading.group()) or re.search(r"商定|共识", heading.group())
            for start, end, text in self._section_items(re.escape(heading.group().strip())):
                if any(s <= start < e for s, e in taken):
                    continue
                kind = "decision"
                if re.search(_CONSENSUS, text) or consensus_head and not re.search(r"决定", text):
                    kind = "consensus"
                kind, start, text = self._outcome(kind, start, text)
                taken.append((start, end))
                outcomes.append({"kind": kind, "text": text.strip(), "evidence": [start, end]})
        # A sentence of the minutes saying it elsewhere: "双方一致同意…。", "会议决定…。".
        for match in re.finditer(
            rf"(?:^|(?<=[。；\n]))[^。；\n]*(?:{_CONSENSUS}|会议决定|决定)[^。；\n]*[。；]?", self.text
        ):
            start, end = match.span()
            if (
                any(s < end and start < e for s, e in taken)
                or self.in_quote(start)
                or re.search(r"[：:]\s*$", match.group())
            ):
                continue
            text = match.group().strip()
            if len(text) < 8:
                continue
            numbered = _ITEM.match(text)  # "2. 会议决定…": the item's text, without its number
            if numbered and not re.match(r"[•·\-*]", text):
                start, text = start + match.group().index(text) + numbered.start("text"), numbered.group("text")
            kind, start, text = self._outcome("consensus" if re.search(_CONSENSUS, text) else "decision", start, text)
            taken.append((start, end))
            outcomes.append({"kind": kind, "text": text, "evidence": [start, end]})
        outcomes.sort(key=lambda o: o["evidence"][0])
        return outcomes

    def _actions(self, date=None):
        actions = []
        # "会后我院将于10月底前向越方提供…": an organisation that will do something by a date, said in a sentence.
        for match in re.finditer(
            r"(?P<who>[^，。；\n]{2,40}?)将(?:于|在)(?P<d>(?:[0-9]{4}年|今年|明年)?[0-9]{1,2}月(?:底|末|[0-9]{1,2}[日号]))(?:之)?前"
            r"(?P<a>[^，。；\n]{4,60})",
            self.text,
        ):
            owners = self.orgs_in(*match.span("who"))
            due = self._due(match.group("d"), date)
            if owners and due and not self.in_quote(match.start()):
                actions.append(
                    {
                        "title": match.group("a"),
                        "owner": owners[-1].key,
                        "due_date": due,
                        "evidence": [match.start("who"), match.end()],
                    }
                )
        for start, end, text in self._section_items(_ACTION_HEAD):
            title = re.split(r"[。；;，,]|责任单位|负责人|责任人|牵头单位|完成时间", text, maxsplit=1)[0].strip()
            owner = None
            unit = re.search(r"(?:责任单位|牵头单位|负责单位)[：:]\s*(?P<o>[^；;，,。\n]+)", text)
            if unit:
                o_start = start + unit.start("o")
                owner = self.org_at(o_start, start + unit.end("o"))
                # "牵头单位：国际交流处": a unit of no organisation named is the writer's, the college writing.
                if owner is None and re.search(r"(?:处|科|室|办公室|部|系)$", unit.group("o").strip()):
                    owner = self._home
            # "责任单位：A；责任人：X": the person answering for it rather than the unit.
            who = re.search(r"(?:负责人|责任人|牵头人)[：:]\s*(?P<p>[^；;，,。\n]+)", text)
            if who:
                p_start = start + who.start("p")
                people = self.people_in(p_start, start + who.end("p"))
                owner = people[0][2] if people else owner
            # "由王海牵头组织…", "国际处负责起草…": who answers for it, then what is to be done.
            lead = re.match(r"(?:由)?(?P<who>[^，,。；;：:\s]{2,24}?)(?:负责|牵头)(?P<what>[^，,。；;]{4,})", title)
            if lead and owner is None:
                w_start = start + text.index(title) + lead.start("who")
                people = self.people_in(w_start, w_start + len(lead.group("who")))
                orgs = self.orgs_in(w_start, w_start + len(lead.group("who")))
                # A unit of no organisation named ("国际处") is the writer's: the college writing.
                unit = re.search(r"(?:处|科|室|办公室|部|系|中心)$", lead.group("who")) and self._home
                owner = people[0][2] if people else (orgs[0] if orgs else unit or None)
                if owner is not None:
                    title = lead.group("what").strip()
            # "双方于2024年9月底前确定…": the deadline before what is to be done is no part of it.
            ahead = re.match(
                rf"(?:双方|我院|我校|各方)?(?:于|在)?(?:{_DUE}(?:之)?前|(?:[0-9]{{4}}年)?(?:年底|年末)(?:之)?前|年内)"
                rf"(?P<what>[^，,。；;]{{4,}})",
                title,
            )
            if ahead:
                title = ahead.group("what").strip()
            due = None
            when = re.search(r"(?:完成时间|完成时限|截止时间|完成日期|时间节点)[：:]\s*(?P<d>[^；;，,。\n]+)", text)
            if when:
                fact = self._date_at(when.group("d"))
                due = fact["value"] if fact else self._due_in(when.group("d"), date)
            # "…，6月底前完成", "年内完成": the deadline said in the item.
            due = due or self._due_in(text, date)
            actions.append(
                {"title": title, "owner": owner.key if owner else None, "due_date": due, "evidence": [start, end]}
            )
        return actions

    def _due_in(self, text, date):
        """The deadline an action's words give: "6月底前", "2025年1月15日前", "9月中旬前", "年内", "年底前",
        "上半年" — the day it falls on, in the year of the meeting unless said; or None."""
        match = re.search(
            rf"(?P<d>{_DUE})(?:之)?前|(?P<y>(?:[0-9]{{4}}年|今年|明年|本年度?)?)(?P<p>年内|年底|年末|上半年|下半年)",
            text,
        )
        if not match:
            return None
        if match.group("d"):
            return self._due(match.group("d"), date)
        year = re.match(r"[0-9]{4}", match.group("y"))
        year = int(year.group()) if year else (int(date["value"][:4]) if date else None)
        if year is None:
            return None
        year += match.group("y") == "明年"
        return f"{year}-06-30" if match.group("p") == "上半年" else f"{year}-12-31"

    @staticmethod
    def _due(written, date):
        """The day of "10月底" (the month's last day, in the year of the meeting) or "2023年7月31日"."""
        when = re.fullmatch(
            r"(?:(?P<y>[0-9]{4})年|(?P<rel>今年|明年))?(?P<m>[0-9]{1,2})月"
            r"(?:(?P<end>底|末|下旬)|(?P<d>[0-9]{1,2})[日号]|(?P<part>上旬|中旬))",
            written,
        )
        year = int(when.group("y")) if when and when.group("y") else (int(date["value"][:4]) if date else None)
        if when and year is not None and when.group("rel") == "明年":
            year += 1
        if not when or year is None:
            return None
        month = int(when.group("m"))
        try:
            if when.group("end"):
                return (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).isoformat()
            if when.group("part"):
                return datetime.date(year, month, 10 if when.group("part") == "上旬" else 20).isoformat()
            return datetime.date(year, month, int(when.group("d"))).isoformat()
        except ValueError:
            return None

    def _summary(self, body_start):
        paragraphs = [
            m.span() for m in re.finditer(r"[^\n]+", self.text) if m.start() >= body_start and m.group().strip()
        ]
        prose = [(s, e) for s, e in paragraphs if e - s > 40 and not _LABEL.match(self.text, s)]
        if not prose:
            return None, None
        s, e = prose[0]
        summary = _fact(self.text[s:e].strip(), s, e)
        rest = [(s1, e1) for s1, e1 in paragraphs if s1 > s]
        minutes = _fact(self.text[rest[0][0] : rest[-1][1]], rest[0][0], rest[-1][1]) if rest else None
        return summary, minutes

    # -- output -----------------------------------------------------------------------------------------------
    def _organisation_dict(self, entity):
        record = entity.data.get("record")
        mentions = [
            {"text": m.text, "evidence": [m.start, m.end], **({"match": m.match} if m.match else {})}
            for m in entity.mentions
        ]
        name = record.name if record else entity.data["name"]
        return {
            "key": entity.key,
            "name": name,
            "short_name": record.short_name if record else entity.data.get("short_name", ""),
            "written": entity.mentions[0].text,
            "kind": record.kind if record else _organisation_kind(name),
            "country": str(record.country or "") if record else entity.data.get("country", ""),
            "role": entity.data.get("role"),
            "role_evidence": entity.data.get("role_evidence"),
            "mentions": mentions,
            "match": entity.match,
        }

    def _person_dict(self, entity):
        data = entity.data
        org = data["organisation"]
        family_first = data["name_order"] == "family_first"
        return {
            "key": entity.key,
            "honorific": data["honorific"],
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "name_order": data["name_order"],
            "name": " ".join(
                p
                for p in (
                    (data["family_name"], data["given_name"])
                    if family_first
                    else (data["given_name"], data["family_name"])
                )
                if p
            ),
            "title": data["title"],
            "organisation": org.key if org else None,
            "role": data.get("role", "participant"),
            "contribution": data.get("contribution"),
            "mentions": [{"text": m.text, "evidence": [m.start, m.end]} for m in entity.mentions],
            "match": entity.match,
        }


def _organisation_kind(name):
    """The Organisation.Kind a new organisation's Chinese name suggests."""
    if re.search(r"部|厅|局|司|委员会|政府|署", name):
        return "government"
    if re.search(r"公司|集团|企业", name):
        return "enterprise"
    if re.search(r"学院|大学|学校|技校|职院|技院|培训中心", name):
        return "tvet"
    if re.search(r"协会|商会|联合会|工会", name):
        return "social_partner"
    return "other"


def read_chinese(text, *, name=""):
    """The proposed workshop record of a Chinese report's text (normalised as reports.reader.normalise_text does)."""
    return ChineseReader(text, name=name).read()
