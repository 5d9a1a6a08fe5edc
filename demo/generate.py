"""Realistic data at scale, for benchmarks and load tests (`manage.py generate_data --workshops N --seed S`).

Everything is drawn from one `random.Random(seed)`, so the same N and seed give the same rows. On SQLite rows are
written with `bulk_create` in batches; models that keep history go through
`simple_history.utils.bulk_create_with_history` so that every generated row has its "+" history row, as a row saved
through the app would (the history pages and the audit trail then behave at scale as they will in production). On
PostgreSQL the same rows and history rows are streamed with COPY (`_copy`): ids are taken from each table's sequence
in one step, so nothing else may write to these tables while the command runs. Workshops and their children are
generated in chunks so memory stays flat at a million workshops and ten million attendance rows.
"""

import collections
import concurrent.futures
import contextlib
import datetime
import functools
import gc
import io
import itertools
import queue
import random
import threading
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from agreements.models import Agreement, AgreementParty, AgreementStatusChange
from institutes.models import City, Organisation, OrganisationAlias
from participants.models import Person, Position
from participants.names import USUAL_HONORIFICS
from workshops.models import (
    ActionItem,
    Attendance,
    Outcome,
    Programme,
    Statement,
    Topic,
    Workshop,
    WorkshopOrganisation,
)

BATCH = 2000
CHUNK = 2000  # workshops generated and written at a time
FIRST_DAY = datetime.date(2012, 1, 1)
DAYS = 15 * 365
REASON = "generate_data"

# (country, [(city in Latin script, city in own script)])
CITIES = {
    "CN": [
        ("Wuxi", "无锡"),
        ("Beijing", "北京"),
        ("Shanghai", "上海"),
        ("Tianjin", "天津"),
        ("Chongqing", "重庆"),
        ("Guangzhou", "广州"),
        ("Shenzhen", "深圳"),
        ("Hangzhou", "杭州"),
        ("Nanjing", "南京"),
        ("Suzhou", "苏州"),
        ("Wuhan", "武汉"),
        ("Chengdu", "成都"),
        ("Xi'an", "西安"),
        ("Kunming", "昆明"),
        ("Nanning", "南宁"),
        ("Changsha", "长沙"),
        ("Qingdao", "青岛"),
        ("Dalian", "大连"),
        ("Xiamen", "厦门"),
        ("Jinan", "济南"),
    ],
    "KH": [
        ("Phnom Penh", "ភ្នំពេញ"),
        ("Sihanoukville", "ព្រះសីហនុ"),
        ("Siem Reap", "សៀមរាប"),
        ("Battambang", "បាត់ដំបង"),
        ("Kampong Cham", "កំពង់ចាម"),
        ("Kampot", "កំពត"),
        ("Takeo", "តាកែវ"),
        ("Kratie", "ក្រចេះ"),
    ],
    "LA": [("Vientiane", "ວຽງຈັນ"), ("Luang Prabang", "ຫຼວງພະບາງ"), ("Pakse", "ປາກເຊ")],
    "VN": [("Hanoi", "Hà Nội"), ("Ho Chi Minh City", "Thành phố Hồ Chí Minh"), ("Da Nang", "Đà Nẵng")],
    "TH": [("Bangkok", "กรุงเทพมหานคร"), ("Chiang Mai", "เชียงใหม่"), ("Khon Kaen", "ขอนแก่น")],
    "MM": [("Yangon", "ရန်ကုန်"), ("Mandalay", "မန္တလေး")],
    "ID": [("Jakarta", ""), ("Surabaya", ""), ("Bandung", "")],
    "KE": [("Nairobi", ""), ("Mombasa", "")],
    "ET": [("Addis Ababa", "አዲስ አበባ")],
    "ZA": [("Johannesburg", ""), ("Cape Town", "")],
    "BR": [("São Paulo", ""), ("Recife", "")],
    "PK": [("Lahore", "لاہور"), ("Karachi", "کراچی")],
}
COUNTRY_WEIGHTS = {
    "CN": 40,
    "KH": 25,
    "LA": 5,
    "VN": 5,
    "TH": 5,
    "MM": 4,
    "ID": 4,
    "KE": 3,
    "ET": 3,
    "ZA": 2,
    "BR": 2,
    "PK": 2,
}

ORG_PATTERNS = [
    # (kind, iati type, English pattern, Chinese pattern, Khmer pattern)
    (
        Organisation.Kind.TVET,
        Organisation.IatiType.ACADEMIC,
        "{city} Institute of Technician",
        "{city}技师学院",
        "វិទ្យាស្ថានបច្ចេកទេស{city}",
    ),
    (
        Organisation.Kind.TVET,
        Organisation.IatiType.ACADEMIC,
        "{city} Polytechnic Institute",
        "{city}职业技术学院",
        "វិទ្យាស្ថានពហុបច្ចេកទេស{city}",
    ),
    (
        Organisation.Kind.TVET,
        Organisation.IatiType.ACADEMIC,
        "{city} Vocational Training Centre",
        "{city}职业培训中心",
        "មជ្ឈមណ្ឌលបណ្តុះបណ្តាលវិជ្ជាជីវៈ{city}",
    ),
    (
        Organisation.Kind.TVET,
        Organisation.IatiType.ACADEMIC,
        "{city} Technical College",
        "{city}技术学院",
        "មហាវិទ្យាល័យបច្ចេកទេស{city}",
    ),
    (
        Organisation.Kind.GOVERNMENT,
        Organisation.IatiType.LOCAL_GOVERNMENT,
        "{city} Human Resources and Social Security Bureau",
        "{city}人力资源和社会保障局",
        "មន្ទីរការងារ{city}",
    ),
    (
        Organisation.Kind.ENTERPRISE,
        Organisation.IatiType.PRIVATE_SECTOR,
        "{city} Special Economic Zone Co., Ltd.",
        "{city}经济特区有限公司",
        "តំបន់សេដ្ឋកិច្ចពិសេស{city}",
    ),
    (
        Organisation.Kind.SOCIAL_PARTNER,
        Organisation.IatiType.NATIONAL_NGO,
        "{city} Federation of Employers",
        "{city}企业联合会",
        "សហព័ន្ធនិយោជក{city}",
    ),
]
ORDINALS = ["", "Second ", "Third ", "Fourth ", "Fifth ", "Sixth ", "Seventh ", "Eighth ", "Ninth ", "Tenth "]

CN_FAMILY = [
    ("Li", "李"),
    ("Wang", "王"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Zhao", "赵"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
    ("Xu", "徐"),
    ("Sun", "孙"),
    ("Shen", "沈"),
    ("Cao", "曹"),
    ("Hu", "胡"),
    ("Guo", "郭"),
]
CN_GIVEN = [
    ("Zhenyun", "振云"),
    ("Jianbin", "建斌"),
    ("Ting", "挺"),
    ("Jiangang", "建刚"),
    ("Jianjiang", "建江"),
    ("Yutong", "雨桐"),
    ("Wei", "伟"),
    ("Fang", "芳"),
    ("Min", "敏"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Yang", "洋"),
    ("Xiaoming", "小明"),
    ("Hua", "华"),
    ("Lina", "丽娜"),
    ("Hong", "红"),
]
KH_FAMILY = [
    ("Bou", "ប៊ូ"),
    ("Kouy", "គួយ"),
    ("Sok", "សុខ"),
    ("Chan", "ចាន់"),
    ("Heng", "ហេង"),
    ("Keo", "កែវ"),
    ("Lim", "លឹម"),
    ("Meas", "មាស"),
    ("Nguon", "ង៉ួន"),
    ("Phan", "ផាន"),
    ("Seng", "សេង"),
    ("Touch", "ទូច"),
]
KH_GIVEN = [
    ("Samath", "សាម៉ាត"),
    ("Kimroeun", "គីមរឿន"),
    ("Dara", "ដារ៉ា"),
    ("Sophea", "សុភា"),
    ("Vanna", "វណ្ណា"),
    ("Rithy", "រិទ្ធី"),
    ("Sreymom", "ស្រីមុំ"),
    ("Bopha", "បុប្ផា"),
    ("Chenda", "ចិន្តា"),
    ("Piseth", "ពិសិដ្ឋ"),
]
LATIN_GIVEN = [
    "Amina",
    "Joseph",
    "Maria",
    "João",
    "Ayesha",
    "Somchai",
    "Nguyen Van",
    "Thu",
    "Budi",
    "Siti",
    "Tesfaye",
    "Grace",
    "Thabo",
    "Ana",
    "Kwame",
    "Aung",
    "Khin",
    "Souk",
    "Bounmy",
    "Imran",
]
LATIN_FAMILY = [
    "Otieno",
    "Silva",
    "Khan",
    "Tran",
    "Santoso",
    "Bekele",
    "Dlamini",
    "Oliveira",
    "Wanjiru",
    "Phommavong",
    "Win",
    "Suksawat",
    "Pereira",
    "Mensah",
    "Hussain",
    "Kyaw",
]
TITLES = [
    "Principal",
    "Vice-principal",
    "Director",
    "Deputy director",
    "Head of international cooperation",
    "Teacher",
    "Training officer",
    "General manager",
    "Project manager",
    "National project coordinator",
    "Dean of mechanical engineering",
    "Programme officer",
]
HONORIFICS = [*USUAL_HONORIFICS, ""]
TOPICS = [
    "Digitalization of training",
    "Curriculum exchange",
    "Trainer exchange",
    "Trainee exchange",
    "Skills competitions",
    "Green skills",
    "Apprenticeship",
    "Industry partnership",
    "Quality assurance",
    "Recognition of prior learning",
    "Electrical installation",
    "Mechatronics",
    "Hospitality and tourism",
    "Automotive repair",
    "Welding",
    "Logistics",
    "E-commerce",
    "Construction",
    "Agriculture",
    "Care work",
    "数字化培训",
    "校企合作",
    "ការអប់រំបច្ចេកទេស",
    "ជំនាញឌីជីថល",
]
PROGRAMMES = [
    ("Skills Development Network through South-South Cooperation", "SSC Skills", Programme.Kind.INITIATIVE),
    ("ILO-China South-South Cooperation Programme", "ILO-China SSC", Programme.Kind.PROGRAMME),
    ("Mekong TVET Partnership", "Mekong TVET", Programme.Kind.PROGRAMME),
    ("Belt and Road Skills Alliance", "BRSA", Programme.Kind.INITIATIVE),
    ("Africa-Asia Vocational Exchange", "AAVE", Programme.Kind.PROJECT),
    ("Green Jobs Skills Initiative", "Green Skills", Programme.Kind.INITIATIVE),
]
STATEMENTS = [
    "We will fully support the establishment of a South-South skills development network.",
    "Our two institutes have a lot in common; we have good basics for cooperation.",
    "We propose an exchange of curricula for the electrical and mechatronics programmes.",
    "Trainers from both sides should spend a semester at the partner institute.",
    "我们将全力支持南南合作技能发展网络的建立。",
    "双方将在技术层面进一步讨论合作细节。",
    "យើងនឹងគាំទ្រកិច្ចសហប្រតិបត្តិការនេះយ៉ាងពេញទំហឹង។",
    "The economic zone needs two hundred skilled technicians a year.",
]
OUTCOMES = [
    (Outcome.Kind.CONSENSUS, "Discuss the cooperation in more detail at technical level."),
    (Outcome.Kind.DECISION, "Draft a cooperation framework agreement."),
    (Outcome.Kind.DECISION, "Exchange vocational training curricula before the next meeting."),
    (Outcome.Kind.RECOMMENDATION, "Set up a joint skills competition."),
    (Outcome.Kind.CONSENSUS, "双方同意开展教师交流项目。"),
]
ACTIONS = [
    "Send the draft framework agreement",
    "Share the curriculum of the electrical programme",
    "Nominate trainers for the exchange",
    "Book the venue for the next workshop",
    "Translate the minutes into Chinese",
    "Translate the minutes into Khmer",
    "Circulate the photos",
]
TIMEZONES = {
    "CN": "Asia/Shanghai",
    "KH": "Asia/Phnom_Penh",
    "LA": "Asia/Vientiane",
    "VN": "Asia/Ho_Chi_Minh",
    "TH": "Asia/Bangkok",
    "MM": "Asia/Yangon",
    "ID": "Asia/Jakarta",
    "KE": "Africa/Nairobi",
    "ET": "Africa/Addis_Ababa",
    "ZA": "Africa/Johannesburg",
    "BR": "America/Sao_Paulo",
    "PK": "Asia/Karachi",
}


# Enum values listed once (each .values builds a new list).
WORKSHOP_KINDS = Workshop.Kind.values
WORKSHOP_FORMATS = Workshop.Format.values
ACTION_STATUSES = ActionItem.Status.values

# The tables that get about a row per workshop or more (their indexes are rebuilt after the load on PostgreSQL).
# _new() makes their instances: none has an __init__ of its own or a post_init receiver.
LARGE_MODELS = [
    Workshop,
    WorkshopOrganisation,
    Attendance,
    Statement,
    Outcome,
    ActionItem,
    Workshop.topics.through,
]


_Origin = collections.namedtuple("_Origin", "pk start_date")


@dataclass
class Counts:
    rows: dict = field(default_factory=dict)

    def add(self, name, n):
        self.rows[name] = self.rows.get(name, 0) + n


def _initials(text):
    return "".join(w[0] for w in text.replace("-", " ").split() if w[0].isupper())


def _day(rng):
    return FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))


def _bulk(model, objs, counts, history=True, when=None):
    if not objs:
        return objs
    if connection.vendor == "postgresql":
        objs = _copy(model, objs, history=history, when=when or timezone.now())
    elif history:
        objs = bulk_create_with_history(objs, model, batch_size=BATCH, default_change_reason=REASON, default_date=when)
    else:
        objs = model.objects.bulk_create(objs, batch_size=BATCH)
    counts.add(model._meta.label, len(objs))
    return objs


def _new(model, **values):
    """An unsaved instance made without Model.__init__ (which cost a third of the run at a million workshops):
    `values` by attname (workshop_id=...), every other field at its default. For the models with millions of rows,
    which have no __init__ of their own and no post_init receiver."""
    constants, callables = _defaults(model)
    obj = model.__new__(model)
    obj._state = ModelState()
    fields = obj.__dict__
    fields.update(constants)
    for name, default in callables:
        fields[name] = default()
    fields.update(values)
    return obj


@functools.cache
def _defaults(model):
    constants, callables = {}, []
    for f in model._meta.concrete_fields:
        if f.has_default() and callable(f.default):
            callables.append((f.attname, f.default))
        else:
            constants[f.attname] = f.get_default()
    return constants, callables


# --- COPY on PostgreSQL ------------------------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_TEXT_TYPES = {"CharField", "TextField", "EmailField", "URLField", "SlugField"}
_INT_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "ForeignKey",
    "OneToOneField",
}


def _cell(field, i, env):
    """The expression writing `field`'s value (read from the row's dict `v`) in COPY's text format; helpers in env."""
    kind = field.get_internal_type()
    if kind in _INT_TYPES:
        convert = "str(x)"
    elif kind in _TEXT_TYPES:
        convert = "(x.translate(T) if x else '')"  # str or a str enum; most are blank
    elif kind in {"DateField", "TimeField", "DateTimeField"}:
        convert = "x.isoformat()"
    elif kind == "BooleanField":
        convert = "('t' if x else 'f')"
    else:
        env[f"prep{i}"] = lambda value, field=field: field.get_db_prep_save(value, connection)
        convert = f"str(prep{i}(x)).translate(T)"
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return f"s[{field.attname!r}]"  # the batch's one moment, written once (see _copy)
    return f"(N if (x := v[{field.attname!r}]) is None else {convert})"


def _row_writer(cells, env):
    """A function from a row's dict to its line for COPY, compiled once per table: one expression per column instead
    of a call per cell (the rows of the big tables are written a hundred million cells at a time)."""
    env = {"T": _ESCAPES, "N": r"\N", **env}
    source = "def row(v, s, w=None):\n    return '\\t'.join((" + ", ".join(cells) + ",))\n"
    exec(compile(source, "<generate_data row>", "exec"), env)  # noqa: S102 - source built from field names only
    return env["row"]


@functools.cache
def _writers(model, history):
    """(columns, row function) of the model's table and, with history, of its history table ("+" rows made at
    `w` by generate_data, as bulk_create_with_history would write them)."""
    fields = model._meta.concrete_fields
    env = {}
    main = (tuple(f.column for f in fields), _row_writer([_cell(f, i, env) for i, f in enumerate(fields)], env))
    if not history:
        return main, None
    own = {f.attname: f for f in fields}
    columns, cells, fixed = [], [], {"history_change_reason": repr(REASON), "history_type": "'+'"}
    for i, f in enumerate(model.history.model._meta.concrete_fields):
        if f.attname == "history_id":
            continue
        columns.append(f.column)
        if f.attname in own:
            cells.append(_cell(own[f.attname], i, env))
        elif f.attname == "history_date":
            cells.append("w")
        else:
            cells.append(fixed.get(f.attname, "N"))
    return main, (tuple(columns), _row_writer(cells, env))


def _copy(model, objs, *, history, when):
    """Write objs (unsaved instances) and, with history, their "+" history rows with COPY; give each its id.

    The same rows as bulk_create_with_history writes: auto_now(_add) fields are filled by pre_save (once, the same
    moment for the whole batch), the history row copies every field and carries `when`, the change reason and no user.
    """
    pk = model._meta.pk
    n = len(objs)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        # Reserve n ids at once: the next value, then move the sequence past the last one.
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + n - 1])
    stamped = [
        (f.attname, f.pre_save(objs[0], True))
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    (columns, row), historical = _writers(model, history)
    alias, pk_name, stamp = connection.alias, pk.attname, when.isoformat()
    stamps = {name: value.isoformat() for name, value in stamped}
    rows, history_rows = [], []
    for i, obj in enumerate(objs):
        values = obj.__dict__
        values[pk_name] = first + i
        for name, value in stamped:
            values[name] = value
        obj._state.adding = False
        obj._state.db = alias
        rows.append(row(values, stamps))
        if historical:
            history_rows.append(historical[1](values, stamps, stamp))
    _copy_rows(table, columns, rows)
    if historical:
        _copy_rows(model.history.model._meta.db_table, historical[0], history_rows)
    return objs


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector off while the rows are made: they hold no cycles, and each full collection walks every
    object alive (a million workshops' origins, a hundred thousand people), more often as they grow."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Writer:
    """COPY on a connection of its own, in a thread of its own: PostgreSQL stores one batch while Python makes the
    next (psycopg2 lets go of the GIL while it waits on the server), so the load takes the longer of the two instead
    of their sum. Batches are written in the order they were put, each committed on its own: a row's foreign keys
    point at rows of earlier batches. The first error stops the writer and is raised in the generating thread."""

    def __init__(self):
        self.batches = queue.Queue(maxsize=4)  # at most 4 batches (≤ 50,000 rows each) waiting: memory stays flat
        self.error = None
        self.thread = threading.Thread(target=self._run, name="generate_data COPY", daemon=True)
        self.thread.start()

    def put(self, sql, text):
        if self.error:
            raise self.error
        self.batches.put((sql, text))

    def close(self):
        self.batches.put(None)
        self.thread.join()
        if self.error:
            raise self.error

    def _run(self):
        try:
            _session_for_load()
            with connection.cursor() as cursor:
                while (batch := self.batches.get()) is not None:
                    if not self.error:
                        cursor.cursor.copy_expert(batch[0], io.StringIO(batch[1]), size=1 << 20)
        except Exception as error:  # noqa: BLE001 - handed to the generating thread
            self.error = error
            while self.batches.get() is not None:  # let the generating thread finish putting, then stop
                pass
        finally:
            connection.close()


_writer = None  # the _Writer of the load under way, if it runs in a thread


def _session_for_load():
    """This connection's settings for a bulk load: no wait on the disk at each commit, and no foreign-key check per
    row where the role may turn them off (session_replication_role is a superuser's setting; the generator writes
    only ids it has just made). Returns whether the checks are off."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        with contextlib.suppress(Exception), transaction.atomic():
            cursor.execute("SET session_replication_role = replica")
            return True
    return False


def _build_indexes(definitions, threads):
    """CREATE INDEX for each definition, `threads` at a time, each thread on a connection of its own."""

    def build(definition):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '1GB'")
                cursor.execute(definition)
        finally:
            if threads > 1:
                connection.close()

    if threads == 1:
        for definition in definitions:
            build(definition)
        with connection.cursor() as cursor:
            cursor.execute("RESET maintenance_work_mem")
        return
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        for done in pool.map(build, definitions):
            del done


@contextlib.contextmanager
def _fast_load(models):
    """On PostgreSQL: the secondary indexes of these models' tables (and of their history tables) dropped while the
    rows stream in, and built again at the end, however it ends (one sort per index instead of an insert per row;
    the trigram and full-text GIN indexes most of all); commits not waiting on the disk and foreign keys not checked
    row by row (`_session_for_load`). Constraint indexes (primary keys, unique constraints) stay.

    Outside a transaction (the command, the benchmarks) the rows go through a `_Writer` on a second connection and
    the indexes are built two at a time, one per core; inside one (the tests) everything stays on this connection."""
    global _writer
    if connection.vendor != "postgresql":
        yield
        return
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        if hasattr(model, "history"):
            tables.add(model.history.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
               WHERE t.relname = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
               ORDER BY i.relname""",
            [sorted(tables)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    threaded = not connection.in_atomic_block
    replica = _session_for_load()
    _writer = _Writer() if threaded else None
    try:
        yield
    finally:
        writer, _writer = _writer, None
        try:
            if writer:
                writer.close()
        finally:
            with connection.cursor() as cursor:
                if replica:
                    cursor.execute("SET session_replication_role = DEFAULT")
                cursor.execute("SET synchronous_commit = DEFAULT")
            # The GIN indexes first: they take longest, and the short ones fill in beside them.
            definitions = sorted((d for _n, d in indexes), key=lambda d: " USING gin" not in d)
            _build_indexes(definitions, threads=2 if threaded else 1)


def _copy_rows(table, columns, rows):
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    for start in range(0, len(rows), 50_000):
        text = "\n".join(rows[start : start + 50_000]) + "\n"
        if _writer:
            _writer.put(sql, text)
        else:
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(sql, io.StringIO(text), size=1 << 20)


def generate(*, workshops, seed=1, today=None, progress=None):
    """Create `workshops` workshops and everything around them; return {model label: rows created}.

    Dates are drawn from a fixed 15-year window (2012–2026); only whether a workshop is still planned or already
    held depends on `today`, so the same seed and the same `today` give the same rows.
    """
    today = today or timezone.localdate()
    rng = random.Random(seed)
    counts = Counts()
    when = timezone.now()
    say = progress or (lambda message: None)
    n_orgs = max(4, round(workshops / 100))
    n_agreements = max(1, round(workshops * 2 / 100))

    with transaction.atomic():
        topics = _topics(counts)
        programmes = _programmes(counts, when)
        cities = _cities(rng, n_orgs, counts, when)
        orgs = _organisations(rng, n_orgs, cities, counts, when)
        people_by_org = _people(rng, orgs, counts, when)
        say(f"{len(orgs)} organisations, {sum(len(p) for p in people_by_org.values())} people")

    ws_by_chunk_hosts = []
    with _fast_load(LARGE_MODELS), _no_cycle_collection():
        for start in range(0, workshops, CHUNK):
            with transaction.atomic():
                size = min(CHUNK, workshops - start)
                ws_by_chunk_hosts.extend(
                    _workshops(rng, size, orgs, people_by_org, programmes, topics, counts, when, today)
                )
            say(f"{start + size} workshops")
    say("indexes built again")

    with transaction.atomic():
        _agreements(rng, n_agreements, ws_by_chunk_hosts, people_by_org, programmes, counts, when)
    say(f"{n_agreements} agreements")
    return dict(sorted(counts.rows.items()))


def _topics(counts):
    existing = set(Topic.objects.values_list("name", flat=True))
    new = [Topic(name=name) for name in TOPICS if name not in existing]
    _bulk(Topic, new, counts, history=False)
    return list(Topic.objects.filter(name__in=TOPICS).order_by("name"))


def _programmes(counts, when):
    existing = set(Programme.objects.values_list("name", flat=True))
    new = [
        Programme(name=name, short_name=short, kind=kind) for name, short, kind in PROGRAMMES if name not in existing
    ]
    _bulk(Programme, new, counts, when=when)
    return list(Programme.objects.filter(name__in=[p[0] for p in PROGRAMMES]).order_by("name"))


def _country(rng):
    return rng.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[0]


def _cities(rng, n_orgs, counts, when):
    existing = {
        (name.lower(), str(country)): pk for pk, name, country in City.objects.values_list("pk", "name", "country")
    }
    wanted = []
    for country, names in CITIES.items():
        for name, local in names:
            wanted.append((country, name, local))
    # Every listed city: a small fixed set that the organisations share.
    new = [
        City(name=name, name_local=local if local != name else "", country=country)
        for country, name, local in wanted
        if (name.lower(), country) not in existing
    ]
    # City has no history (it is reference data), so a plain bulk_create.
    _bulk(City, new, counts, history=False)
    by_country = {}
    for city in City.objects.filter(country__in=list(CITIES)).order_by("country", "name"):
        by_country.setdefault(str(city.country), []).append(city)
    return by_country


def _organisations(rng, n_orgs, cities, counts, when):
    taken = {name.lower() for name in Organisation.objects.values_list("name", flat=True)}
    alias_taken = {name.lower() for name in OrganisationAlias.objects.values_list("name", flat=True)}
    orgs, aliases = [], []
    local_names = {c.pk: (c.name_local or c.name) for cs in cities.values() for c in cs}
    for _ in range(n_orgs):
        country = _country(rng)
        city = rng.choice(cities[country])
        kind, iati, en, zh, km = rng.choices(ORG_PATTERNS, weights=[5, 5, 4, 3, 2, 1, 1])[0]
        base = en.format(city=city.name)
        for ordinal in itertools.chain(ORDINALS, (f"No. {i} " for i in range(11, 10000))):
            name = f"{ordinal}{base}"
            if name.lower() not in taken:
                break
        taken.add(name.lower())
        local = ""
        if country == "CN":
            local = zh.format(city=local_names[city.pk])
        elif country == "KH":
            local = km.format(city=local_names[city.pk])
        short = _initials(name)[:50]
        org = Organisation(
            name=name,
            short_name=short,
            name_local=local,
            kind=kind,
            iati_type=iati,
            country=country,
            city=city,
            website=f"https://{short.lower() or 'org'}{len(orgs)}.example.org",
        )
        orgs.append(org)
        # An alias as seen in documents: a misspelt acronym, made unique.
        alias = short[:-1] + rng.choice("SXZ") if len(short) > 2 else f"{short}X"
        candidate, n = alias, 1
        while candidate.lower() in alias_taken or candidate.lower() == short.lower():
            n += 1
            candidate = f"{alias}{n}"
        alias_taken.add(candidate.lower())
        aliases.append((org, candidate))
    orgs = _bulk(Organisation, orgs, counts, when=when)
    _bulk(
        OrganisationAlias,
        [
            OrganisationAlias(
                organisation=org, name=name, kind=OrganisationAlias.Kind.MISSPELLING, source_note="Workshop report"
            )
            for org, name in aliases
        ],
        counts,
        when=when,
    )
    return orgs


def _person(rng, country):
    if country == "CN":
        (fam, fam_l), (giv, giv_l) = rng.choice(CN_FAMILY), rng.choice(CN_GIVEN)
        return (
            giv,
            fam,
            fam_l + giv_l,
            Person.NameOrder.GIVEN_FIRST if rng.random() < 0.7 else Person.NameOrder.FAMILY_FIRST,
        )
    if country == "KH":
        (fam, fam_l), (giv, giv_l) = rng.choice(KH_FAMILY), rng.choice(KH_GIVEN)
        return (
            giv,
            fam,
            f"{fam_l} {giv_l}",
            Person.NameOrder.GIVEN_FIRST if rng.random() < 0.7 else Person.NameOrder.FAMILY_FIRST,
        )
    return rng.choice(LATIN_GIVEN), rng.choice(LATIN_FAMILY), "", Person.NameOrder.GIVEN_FIRST


def _people(rng, orgs, counts, when):
    people, positions = [], []
    for org in orgs:
        for _ in range(rng.randint(8, 12)):
            country = str(org.country)
            given, family, local, order = _person(rng, country)
            person = Person(
                honorific=rng.choice(HONORIFICS),
                given_name=given,
                family_name=family,
                name_local=local,
                name_order=order,
                country=country,
                email=f"{given.lower().replace(' ', '.')}.{family.lower()}.{len(people)}@{org.website[8:]}",
            )
            people.append(person)
            start = _day(rng)
            positions.append(
                (
                    org,
                    person,
                    rng.choice(TITLES),
                    start,
                    None if rng.random() < 0.8 else start + datetime.timedelta(days=rng.randrange(365, 3000)),
                )
            )
    _bulk(Person, people, counts, when=when)
    _bulk(
        Position,
        [
            Position(person=person, organisation=org, title=title, start_date=start, end_date=end)
            for org, person, title, start, end in positions
        ],
        counts,
        when=when,
    )
    by_org = {}
    for org, person, title, _start, _end in positions:
        by_org.setdefault(org.pk, []).append((person, title))
    return by_org


def _workshops(rng, size, orgs, people_by_org, programmes, topics, counts, when, today):
    plans = []
    for _ in range(size):
        day = _day(rng)
        hosts = rng.sample(orgs, 2 if rng.random() < 0.8 else 3)
        a, b = hosts[0], hosts[1]
        kind = rng.choice(WORKSHOP_KINDS)
        fmt = rng.choice(WORKSHOP_FORMATS)
        # Planned and held follow from the dates (blank); only postponed and cancelled are chosen.
        if day >= today:
            status = "" if rng.random() < 0.9 else Workshop.Status.POSTPONED
        else:
            status = "" if rng.random() < 0.93 else Workshop.Status.CANCELLED
        title = f"Workshop of Cooperation and Exchange between {a.name} ({a.short_name}) and {b.name} ({b.short_name})"
        if kind == Workshop.Kind.STUDY_VISIT:
            title = f"Study visit of {a.short_name} to {b.name}"
        days = rng.choice([0, 0, 0, 1, 2])
        hour = rng.choice([8, 9, 10, 14])
        workshop = _new(
            Workshop,
            title=title[:500],
            kind=kind,
            format=fmt,
            status=status,
            start_date=day,
            start_time=datetime.time(hour, 0),
            end_date=day + datetime.timedelta(days=days),
            end_time=datetime.time(hour + 3, 30),
            timezone=TIMEZONES.get(str(a.country), "UTC"),
            venue="" if fmt == Workshop.Format.ONLINE else f"{a.city.name}, {a.name}"[:300],
            platform="" if fmt == Workshop.Format.IN_PERSON else rng.choice(["Zoom", "Teams", "Tencent Meeting"]),
            programme_id=rng.choice(programmes).pk,
            reported_attendance=None,
            summary=f"{a.short_name} and {b.short_name} discussed {rng.choice(topics).name.lower()}.",
        )
        pool = [p for h in hosts for p in people_by_org[h.pk]]
        pool_orgs = [h for h in hosts for _p in people_by_org[h.pk]]
        n_att = min(len(pool), rng.randint(7, 13)) if status or day < today else 0
        picks = rng.sample(range(len(pool)), n_att)
        workshop.reported_attendance = n_att + rng.randint(0, 6) if n_att else None
        plans.append((workshop, hosts, [(pool[i], pool_orgs[i]) for i in picks], rng.sample(topics, 2)))
        plans[-1] += (
            [rng.choice(STATEMENTS) for _ in range(rng.randint(1, 3))] if n_att else [],
            [rng.choice(OUTCOMES) for _ in range(rng.randint(1, 2))] if n_att else [],
            [
                (rng.choice(ACTIONS), rng.choice(ACTION_STATUSES), rng.randrange(14, 90))
                for _ in range(rng.randint(0, 2))
            ],
        )

    _bulk(Workshop, [p[0] for p in plans], counts, when=when)
    links, attendances, statements, outcomes, actions, topic_links = [], [], [], [], [], []
    for workshop, hosts, attendees, ws_topics, says, decides, todo in plans:
        wid = workshop.pk
        links.extend(_new(WorkshopOrganisation, workshop_id=wid, organisation_id=h.pk, role="host") for h in hosts)
        for order, ((person, title), org) in enumerate(attendees):
            attendances.append(
                _new(
                    Attendance,
                    workshop_id=wid,
                    person_id=person.pk,
                    organisation_id=org.pk,
                    title=title,
                    order=order,
                    role=Attendance.Role.CHAIR if order == 0 else Attendance.Role.PARTICIPANT,
                )
            )
        for order, text in enumerate(says):
            statements.append(
                _new(
                    Statement,
                    workshop_id=wid,
                    speaker_id=attendees[order % len(attendees)][0][0].pk,
                    text=text,
                    order=order,
                )
            )
        for order, (kind, text) in enumerate(decides):
            outcomes.append(_new(Outcome, workshop_id=wid, kind=kind, text=text, order=order))
        for title, status, due in todo:
            actions.append(
                _new(
                    ActionItem,
                    workshop_id=wid,
                    title=title,
                    # A partner's person owns it: the one who chaired, for the organisation they came for.
                    owner=attendees[0][0][0] if attendees else None,
                    owner_organisation=attendees[0][1] if attendees else None,
                    status=status,
                    due_date=workshop.start_date + datetime.timedelta(days=due),
                    completed_on=workshop.start_date + datetime.timedelta(days=due)
                    if status == ActionItem.Status.DONE
                    else None,
                )
            )
        topic_links.extend(_new(Workshop.topics.through, workshop_id=wid, topic_id=t.pk) for t in ws_topics)
    _bulk(WorkshopOrganisation, links, counts, when=when)
    _bulk(Attendance, attendances, counts, when=when)
    _bulk(Statement, statements, counts, when=when)
    _bulk(Outcome, outcomes, counts, when=when)
    _bulk(ActionItem, actions, counts, when=when)
    # The m2m through table has no history of its own (simple_history records m2m only on m2m_changed).
    _bulk(Workshop.topics.through, topic_links, Counts(), history=False)
    counts.add("workshops.Workshop_topics", len(topic_links))
    # What the agreements need of a workshop, not the instance (a million of them would hold ~1 GB).
    return [(_Origin(w.pk, w.start_date), hosts) for w, hosts, *_rest in plans]


def _agreements(rng, n, workshops, people_by_org, programmes, counts, when):
    statuses = Agreement.Status.values
    agreements, parties, changes, origins, actions = [], [], [], [], []
    for i in range(n):
        workshop, hosts = rng.choice(workshops)
        status = statuses[i % len(statuses)]
        proposed = workshop.start_date + datetime.timedelta(days=rng.randrange(7, 120))
        signed = proposed + datetime.timedelta(days=rng.randrange(30, 400))
        is_signed = status in Agreement.Status.frozen()
        effective = signed if is_signed and status != Agreement.Status.SIGNED else None
        expires = effective + datetime.timedelta(days=365 * rng.choice([2, 3, 5])) if effective else None
        changed = datetime.datetime.combine(signed if is_signed else proposed, datetime.time(9), tzinfo=datetime.UTC)
        agreement = Agreement(
            title=f"Framework agreement on skills cooperation between {hosts[0].short_name} and {hosts[1].short_name}",
            kind=rng.choice(Agreement.Kind.values),
            scope="bilateral" if len(hosts) == 2 else "multilateral",
            status=status,
            status_changed_at=changed,
            status_since=changed.date(),
            programme=rng.choice(programmes),
            summary="Exchange of curricula, trainers and trainees.",
            proposed_on=proposed,
            target_signing_date=proposed + datetime.timedelta(days=180),
            signed_on=signed if is_signed else None,
            effective_from=effective,
            expires_on=expires,
            notice_period_days=rng.choice([None, 30, 90]),
        )
        agreements.append(agreement)
        for org in hosts[:2]:
            person, title = rng.choice(people_by_org[org.pk])
            parties.append(
                (
                    agreement,
                    org,
                    person if is_signed else None,
                    title if is_signed else "",
                    signed if is_signed else None,
                )
            )
        changes.append((agreement, "", "proposed", proposed))
        if status != "proposed":
            changes.append((agreement, "proposed", status, changed.date()))
        origins.append((agreement, workshop))
        actions.append((agreement, rng.choice(ACTIONS), proposed + datetime.timedelta(days=30)))
    _bulk(Agreement, agreements, counts, when=when)
    _bulk(
        AgreementParty,
        [
            AgreementParty(agreement=a, organisation=o, signatory=p, signatory_title=t, signed_on=s)
            for a, o, p, t, s in parties
        ],
        counts,
        when=when,
    )
    _bulk(
        AgreementStatusChange,
        [
            AgreementStatusChange(
                agreement=a,
                from_status=f,
                to_status=t,
                changed_at=datetime.datetime.combine(d, datetime.time(9), tzinfo=datetime.UTC),
                occurred_on=d,
            )
            for a, f, t, d in changes
        ],
        counts,
        history=False,  # the status change log is itself the history; the model keeps none
    )
    _bulk(
        Agreement.origin_workshops.through,
        [Agreement.origin_workshops.through(agreement_id=a.pk, workshop_id=w.pk) for a, w in origins],
        Counts(),
        history=False,
    )
    counts.add("agreements.Agreement_origin_workshops", len(origins))
    _bulk(ActionItem, [ActionItem(agreement=a, title=t, due_date=d) for a, t, d in actions], counts, when=when)
