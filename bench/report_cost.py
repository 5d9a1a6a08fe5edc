"""What reading a report costs: seconds for reports of 5,000, 20,000 and 100,000 characters, a 10.8 KB .docx, and
a paste of 199,000 characters naming 2,262 people, each through the doors a user meets.

    python bench/report_cost.py              # an in-memory test database (SQLite), or DATABASE_URL's server
    python bench/report_cost.py --profile    # and the 15 costliest functions of each, by cProfile

- "reports": the reports of tests/fixtures/reports/ one after another, to the length (a few dozen people, each
  named again and again, as a long report does);
- "worst case": a new person and a new organisation in every sentence (bench/hostile_reports.paste_long);
- "Chinese reports": the Chinese reports of the corpus (tests/fixtures/reports/corpus/*/zh-*.txt) one after another,
  and "Chinese worst case": a new person of a new college in every sentence (hostile_reports.paste_long_chinese);
- texts of one piece repeated (hostile_reports.REPEATED: 20,000 spaces on a title line, "Dr. " 5,000 times, a Chinese
  surname, 学院, 院长 or a Chinese date repeated), each of which a pattern once read in quadratic time or worse;
- the .docx: bullet-point minutes as a word processor writes them (the upload's path: reports.files.report_text,
  whose child process unpacks it, then read_report);
- the paste: the whole request through the page (the form, the reader, the review page), then "Accept".
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

django.setup()

from bench import hostile_reports  # noqa: E402

REPORTS = ROOT / "tests" / "fixtures" / "reports"
BULLET_MINUTES = """Minutes — Exchange meeting between Wuxi Institute of Technician and Preah Sihanouk Cambodia-China \
Friendship Polytechnic Institute
Date: 14 January 2022
Venue: Meeting Room 2, Wuxi Institute of Technician, and online (Tencent Meeting)
Chair: Mr. Zhenyun Li, Principal, Wuxi Institute of Technician
Participants
• Mr. Samath Bou, Principal, Preah Sihanouk Cambodia-China Friendship Polytechnic Institute
• Mr. Ting Shen, Deputy Director, Wuxi Human Resources and Social Security Bureau
• Mr. Jianbin Chen, Vice-Principal, Wuxi Institute of Technician
• Mr. Jianjiang Cao, General Manager, Sihanoukville Special Economic Zone Co., Ltd.
• Mr. Yutong Liu, Project Manager, ILO-China Partnership Project
• Mr. Kimroeun Kouy, National Project Coordinator, ILO
Agenda
1. Welcome and introductions
2. Digitalisation of training courses at WIT
3. School-to-school exchange plan
Key figures
• 19 delegates attended in person and online (blended).
Decisions
• The two institutes will exchange teachers in the 2022 autumn term.
• A joint curriculum working group is set up, chaired by Mr. Jianbin Chen.
Action points
• Draft the teacher exchange plan — owner: Wuxi Institute of Technician — due 28 February 2022.
• Share the PCCFPI course catalogue — owner: Mr. Samath Bou — due 15 February 2022.
"""


def minimal_docx(text):
    """A .docx as a word processor writes a short document (about 10 KB): one paragraph a line, a bulleted line as
    a list paragraph, the parts a reader looks for."""
    from xml.sax.saxutils import escape

    paragraphs = []
    for line in text.splitlines():
        style = '<w:pPr><w:pStyle w:val="ListParagraph"/></w:pPr>' if line.startswith("•") else ""
        paragraphs.append(f'<w:p>{style}<w:r><w:t xml:space="preserve">{escape(line.lstrip("• "))}</w:t></w:r></w:p>')
    body = "".join(paragraphs)
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{namespace}"><w:body>'
    document += body + "</w:body></w:document>"
    styles = f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{namespace}">' + "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="Style {i}"/><w:rPr><w:sz w:val="{20 + i % 8}"/>'
        "</w:rPr></w:style>"
        for i in range(120)
    )
    styles += "</w:styles>"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        archive.writestr("word/styles.xml", styles)
    return buffer.getvalue()


def reports_of_length(length):
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt"))]
    text = ""
    while len(text) < length:
        text += "\n\n".join(texts) + "\n\n"
    return text[:length]


def chinese_reports_of_length(length):
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPORTS / "corpus").glob("*/zh-*.txt"))]
    text = ""
    while len(text) < length:
        text += "\n\n".join(texts) + "\n\n"
    return text[:length]


_cpu = []  # the CPU seconds of each timed() call, in order


def timed(function, profile):
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    outcome = function()
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    _cpu.append(time.process_time() - cpu)  # this process's CPU: what a busy machine disturbs far less than wall time
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
        print(out.getvalue())
    return seconds, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from django.conf import settings
    from django.contrib.auth.models import Permission
    from django.test import Client
    from django.test.utils import setup_databases

    from accounts.models import User
    from reports import limits
    from reports.files import report_text
    from reports.reader import read_report
    from tests.reports.conftest import records_for_reports

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    setup_databases(verbosity=0, interactive=False)
    records_for_reports()
    read_report(reports_of_length(2000))  # the first reading loads dateparser's and pypinyin's data
    rows = []
    for length in (5_000, 20_000, 100_000):
        for label, text in (
            ("reports", reports_of_length(length)),
            ("worst case", hostile_reports.paste_long(length)),
            ("Chinese reports", chinese_reports_of_length(length)),
            ("Chinese worst case", hostile_reports.paste_long_chinese(length)),
        ):
            seconds, proposal = timed(lambda text=text: read_report(text), args.profile)
            rows.append(
                (
                    f"read_report, {label}",
                    f"{len(text):,} chars",
                    seconds,
                    _cpu[-1],
                    f"{len(proposal['people'])} people",
                )
            )
    for label, text in hostile_reports.REPEATED.items():
        seconds, proposal = timed(lambda text=text: read_report(text[:20_000]), args.profile)
        rows.append((f"read_report, {label}", "20,000 chars", seconds, _cpu[-1], f"{len(proposal['people'])} people"))
    docx = minimal_docx(BULLET_MINUTES)
    seconds, text = timed(lambda: report_text("minutes.docx", docx), args.profile)
    rows.append(
        ("report_text (child process)", f"{len(docx) / 1024:.1f} KB .docx", seconds, _cpu[-1], f"{len(text)} chars")
    )
    seconds, proposal = timed(lambda: read_report(text), args.profile)
    rows.append(
        ("read_report of that .docx", f"{len(text):,} chars", seconds, _cpu[-1], f"{len(proposal['people'])} people")
    )

    user = User.objects.create_user(username="bench-coordinator", password="bench-only-password")
    user.user_permissions.add(Permission.objects.get(codename="add_workshop"))
    client = Client()
    client.force_login(user)
    pasted = hostile_reports.paste_long(199_000)
    seconds, response = timed(
        lambda: client.post("/reports/", {"step": "read", "text": pasted}, secure=True), args.profile
    )
    page = response.content.decode()
    named = page.count('class="border-top py-2 report-entity"')
    notes = page.count('class="alert alert-warning report-cut"')
    outcome = f"{response.status_code}, {named} rows, {notes} cut notes"
    rows.append(("paste: read and review page", f"{len(pasted):,} chars", seconds, _cpu[-1], outcome))
    from reports import reader

    readings = reader.calls
    if 'name="payload" value="' in page:
        payload = page.split('name="payload" value="', 1)[1].split('"', 1)[0]
        seconds, response = timed(
            lambda: client.post("/reports/", {"step": "accept", "payload": payload}, secure=True), args.profile
        )
        outcome = f"{response.status_code}, {reader.calls - readings} readings"
        rows.append(("paste: accept", f"{len(payload) / 1024:,.0f} KB payload", seconds, _cpu[-1], outcome))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"caps: {limits.MAX_CHARS:,} characters, {limits.MAX_PEOPLE:,} people; load average {load} (2 cores)")
    print(f"{'input':<34} {'size':>18} {'seconds':>8} {'CPU s':>6}  outcome")
    for name, size, seconds, cpu, outcome in rows:
        print(f"{name:<34} {size:>18} {seconds:>8.2f} {cpu:>6.2f}  {outcome}")


if __name__ == "__main__":
    main()
