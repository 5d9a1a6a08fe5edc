"""Replay the findings of the security and robustness review (issue 25) against a running server, and say for each
whether it holds. Not part of the test suite: it drives a server over HTTP, as an attacker or a careless client would.

Run it against a throwaway demo database only: a finding that does not hold may delete or change records.

    export DATABASE_URL=sqlite:////tmp/attack.sqlite3
    DJANGO_DEBUG=1 .venv/bin/python manage.py migrate -v0
    DJANGO_DEBUG=1 .venv/bin/python manage.py seed_demo --password partnership-demo
    DJANGO_DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8731 --noreload 2> /tmp/attack-server.log &
    .venv/bin/python bench/attack.py http://127.0.0.1:8731 --password partnership-demo \
        --project . --server-log /tmp/attack-server.log

--password is the demo users' password (coordinator, manager, admin); --coordinator-password, --manager-password
and --admin-password override it per user. --project (the project folder, with the server's DATABASE_URL in the
environment) lets the checks that need the server's machine run manage.py there (backup, API tokens, reminders,
attachments); --server-log (the server's log file) lets the sign-in log check read it. Without them those checks
print "skipped (why)".

Prints one line per finding: its number, what was tried, "held" or "NOT HELD" (or "skipped (why)"), and the figure
measured. Every loop is bounded and every request has a timeout; any host but 127.0.0.1 or localhost is refused.
"""

import argparse
import datetime
import html
import io
import os
import re
import secrets
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

TIMEOUT = 60  # seconds for any one request: a bomb that hangs the server is reported, not waited on forever
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
RESULTS = []


# ---- reporting ----------------------------------------------------------------------------------------------------


def report(number, what, held, figure=""):
    verdict = "held" if held else "NOT HELD"
    line = f"({number}) {what}: {verdict}" + (f" — {figure}" if figure else "")
    RESULTS.append((number, verdict))
    print(line, flush=True)


def skipped(number, what, why):
    RESULTS.append((number, "skipped"))
    print(f"({number}) {what}: skipped ({why})", flush=True)


class Skip(Exception):
    """A prerequisite of a check is missing: the check says so instead of guessing."""


# ---- HTTP helpers -------------------------------------------------------------------------------------------------


class FormReader(HTMLParser):
    """The fields of the HTML forms on a page, as a browser would post them: {form id or index: {name: value}}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"id": a.get("id", ""), "action": a.get("action", ""), "fields": {}})
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[a["name"]] = a.get("value") or "on"
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields[a["name"]] = a.get("value") or ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            fields.setdefault(self._select, None)
        elif tag == "option" and self._select:
            if "selected" in a or fields.get(self._select) is None:
                fields[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def form_fields(page_html, form_id=None, having=None):
    reader = FormReader()
    reader.feed(page_html)
    for form in reader.forms:
        if (form_id and form["id"] == form_id) or (having and having in form["fields"]):
            return {k: v for k, v in form["fields"].items() if v is not None}
    raise Skip(f"no form {form_id or having!r} on the page")


class Client:
    """A signed-in (or anonymous) browser: a session, the CSRF token, and JSON API calls with the session."""

    def __init__(self, base, username=None, password=None):
        self.base = base
        self.session = requests.Session()
        self.username = username
        if username:
            self.signed_in = self.sign_in(username, password)
            if not self.signed_in:
                raise Skip(f"cannot sign in as {username}")

    def url(self, path):
        return urljoin(self.base + "/", path.lstrip("/"))

    def csrf(self):
        token = self.session.cookies.get("csrftoken")
        if not token:
            self.get("/accounts/login/")
            token = self.session.cookies.get("csrftoken", "")
        return token

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.get(self.url(path), **kwargs)

    def post(self, path, data=None, files=None, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        data = dict(data or {})
        data.setdefault("csrfmiddlewaretoken", self.csrf())
        headers = {"Referer": self.url(path), **kwargs.pop("headers", {})}
        return self.session.post(self.url(path), data=data, files=files, headers=headers, **kwargs)

    def api(self, method, path, json=None, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        headers = {"Accept": "application/json", "X-CSRFToken": self.csrf(), "Referer": self.url(path)}
        headers.update(kwargs.pop("headers", {}))
        return self.session.request(method, self.url(path), json=json, headers=headers, **kwargs)

    def sign_in(self, username, password):
        page = self.get("/accounts/login/")
        response = self.post(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf_from(page.text)},
        )
        return response.status_code == 302 and "/accounts/login/" not in response.headers.get("Location", "")

    def csrf_from(self, page_html):
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_html)
        return found.group(1) if found else self.csrf()


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def results(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def api_list(client, path, limit=200):
    """Every record of a list endpoint, page by page, at most `limit`."""
    found, url = [], path
    for _page in range(20):
        response = client.api("GET", url)
        if response.status_code != 200:
            raise Skip(f"GET {url} answered {response.status_code}")
        body = response.json()
        found += results(response)
        url = body.get("next") if isinstance(body, dict) else None
        if not url or len(found) >= limit:
            break
    return found[:limit]


def manage(project, *args, env=None, timeout=300):
    if not project:
        raise Skip("no --project to run manage.py in")
    environment = {**os.environ, "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "1"), **(env or {})}
    done = subprocess.run(
        [str(Path(project) / ".venv" / "bin" / "python"), "manage.py", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
    )
    if done.returncode != 0:
        raise Skip(f"manage.py {args[0]} failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return done.stdout


# ---- the scene: records the checks need, made through the API as a manager would -----------------------------------


class Scene:
    def __init__(self, manager):
        self.manager = manager
        self.marker = secrets.token_hex(3)
        self.organisations = [o["id"] for o in api_list(manager, "/api/organisations/", limit=10)]
        self.people = [p["id"] for p in api_list(manager, "/api/people/", limit=10)]
        if len(self.organisations) < 2 or len(self.people) < 2:
            raise Skip("the demo data has fewer than two organisations or people")

    def agreement(self, *, title, signed_on, expires_on=None, notice_period_days=None):
        """A signed agreement with two parties, signed on `signed_on`."""
        body = {"title": f"{title} {self.marker}", "kind": "mou", "scope": "bilateral", "proposed_on": str(signed_on)}
        if expires_on:
            body.update(expires_on=str(expires_on), effective_from=str(signed_on))
        if notice_period_days is not None:
            body["notice_period_days"] = notice_period_days
        created = self.manager.api("POST", "/api/agreements/", body)
        if created.status_code != 201:
            raise Skip(f"could not create an agreement: {created.status_code} {created.text[:200]}")
        agreement = created.json()
        for organisation, person in zip(self.organisations[:2], self.people[:2], strict=True):
            party = self.manager.api(
                "POST",
                "/api/agreement-parties/",
                {
                    "agreement": agreement["id"],
                    "organisation": organisation,
                    "role": "party",
                    "signatory": person,
                    "signed_on": str(signed_on),
                },
            )
            if party.status_code != 201:
                raise Skip(f"could not add a party: {party.status_code} {party.text[:200]}")
        self.step(agreement["id"], "start_drafting", occurred_on=signed_on)
        self.step(agreement["id"], "sign", occurred_on=signed_on)
        return self.manager.api("GET", f"/api/agreements/{agreement['id']}/").json()

    def step(self, pk, name, **body):
        body = {k: str(v) for k, v in body.items()}
        response = self.manager.api("POST", f"/api/agreements/{pk}/transitions/{name}/", body)
        if response.status_code != 200:
            raise Skip(f"transition {name} refused: {response.status_code} {response.text[:200]}")
        return response.json()


# ---- the checks ---------------------------------------------------------------------------------------------------


def check_api_basics(args, anonymous, coordinator):
    what = "API sign-in basics (anonymous 401, wrong password no session, session read, POST without CSRF 403)"
    anon = anonymous.api("GET", "/api/agreements/")
    wrong = Client(args.url)
    wrong_ok = wrong.sign_in("coordinator", "not-the-password-" + secrets.token_hex(4))
    after_wrong = wrong.api("GET", "/api/agreements/").status_code
    read = coordinator.api("GET", "/api/agreements/").status_code
    no_csrf = coordinator.session.post(
        coordinator.url("/api/workshops/"), json={"title": "x"}, timeout=TIMEOUT, headers={"Accept": "application/json"}
    ).status_code
    held = anon.status_code == 401 and not wrong_ok and after_wrong in (401, 403) and read == 200 and no_csrf == 403
    report(
        0,
        what,
        held,
        f"anonymous {anon.status_code}, after a wrong password {after_wrong}, signed in {read}, no CSRF {no_csrf}",
    )


def check_delete_signed(scene, manager):
    agreement = scene.agreement(title="Attack signed", signed_on=datetime.date.today() - datetime.timedelta(days=30))
    response = manager.api("DELETE", f"/api/agreements/{agreement['id']}/")
    still = manager.api("GET", f"/api/agreements/{agreement['id']}/").status_code
    report(
        1,
        "DELETE a signed agreement as manager → 409, still there",
        response.status_code == 409 and still == 200,
        f"DELETE {response.status_code}, then GET {still}",
    )


def check_delete_terminated(scene, manager):
    agreement = scene.agreement(
        title="Attack terminated", signed_on=datetime.date.today() - datetime.timedelta(days=60)
    )
    scene.step(agreement["id"], "terminate", comment="Attack script: ended by both parties")
    response = manager.api("DELETE", f"/api/agreements/{agreement['id']}/")
    still = manager.api("GET", f"/api/agreements/{agreement['id']}/").status_code
    report(
        2,
        "DELETE a terminated agreement → 409",
        response.status_code == 409 and still == 200,
        f"DELETE {response.status_code}, then GET {still}",
    )


def check_delete_approved_workshop(manager, coordinator):
    workshops = api_list(coordinator, "/api/workshops/", limit=100)
    approved = [w for w in workshops if w.get("approved_at")]
    if not approved:
        for workshop in workshops[:5]:
            page = manager.get(f"/workshops/{workshop['id']}/")
            manager.post(f"/workshops/{workshop['id']}/approve/", {"csrfmiddlewaretoken": manager.csrf_from(page.text)})
            again = manager.api("GET", f"/api/workshops/{workshop['id']}/").json()
            if again.get("approved_at"):
                approved = [again]
                break
    if not approved:
        raise Skip("no approved workshop, and none could be approved")
    pk = approved[0]["id"]
    response = coordinator.api("DELETE", f"/api/workshops/{pk}/")
    still = coordinator.api("GET", f"/api/workshops/{pk}/").status_code
    report(
        3,
        "DELETE an approved workshop as coordinator → 409",
        response.status_code == 409 and still == 200,
        f"DELETE {response.status_code}, then GET {still}",
    )


def docx_bomb(paragraphs=1_000_000):
    body = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * paragraphs
    document = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + b"</w:body></w:document>"
    )
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
        b'+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return out.getvalue(), len(document)


def pdf_bomb(repeats=2_000_000):
    """One page whose content stream inflates from about 100 KB to tens of MB of text operators."""
    stream = b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * repeats + b"ET"
    packed = zlib.compress(stream, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue(), len(stream)


def big_html(size=4_800_000):
    paragraph = "<p>" + " ".join(["cooperation"] * 40) + "</p>\n"
    return ("<html><body>" + paragraph * (size // len(paragraph)) + "</body></html>").encode()


BOMB_TIMEOUT = 30  # seconds: a reader still busy after this is reported as not answering


def _report_post(coordinator, *, files=None, text=""):
    """POST a report to "Log from a report": (status or None when no answer came, seconds, read, refused)."""
    page = coordinator.get("/reports/")
    if page.status_code != 200:
        raise Skip(f"/reports/ answered {page.status_code}")
    token = coordinator.csrf_from(page.text)
    start = time.perf_counter()
    try:
        response = coordinator.post(
            "/reports/",
            {"csrfmiddlewaretoken": token, "text": text},
            files=files,
            allow_redirects=True,
            timeout=BOMB_TIMEOUT,
        )
    except requests.Timeout:
        return None, time.perf_counter() - start, False, False
    seconds = time.perf_counter() - start
    read = 'name="payload"' in response.text
    return response.status_code, seconds, read, not read and response.status_code < 500


def _bomb_figure(status, seconds, read):
    if status is None:
        return f"no answer in {BOMB_TIMEOUT} s"
    return f"{status} {'read' if read else 'refused'} in {seconds:.2f} s"


def check_docx_bomb(coordinator):
    content, inflated = docx_bomb()
    status, seconds, read, refused = _report_post(
        coordinator, files={"file": ("bomb.docx", content, "application/octet-stream")}
    )
    report(
        4,
        f"a .docx bomb ({len(content) // 1024} KB → {inflated / 1e6:.0f} MB, 1,000,000 paragraphs) to /reports/ "
        "→ refused under 2 s",
        refused and seconds < 2,
        _bomb_figure(status, seconds, read),
    )


def check_pdf_bomb(coordinator):
    content, inflated = pdf_bomb()
    status, seconds, read, _refused = _report_post(
        coordinator, files={"file": ("bomb.pdf", content, "application/pdf")}
    )
    report(
        5,
        f"a PDF bomb ({len(content) // 1024} KB → {inflated / 1e6:.0f} MB content stream) → refused or read under 2 s",
        status is not None and status < 500 and seconds < 2,
        _bomb_figure(status, seconds, read),
    )


def check_big_html(coordinator):
    content = big_html()
    status, seconds, read, _refused = _report_post(coordinator, files={"file": ("big.html", content, "text/html")})
    report(
        6,
        f"a {len(content) / 1e6:.1f} MB HTML report → refused or read under 2 s",
        status is not None and status < 500 and seconds < 2,
        _bomb_figure(status, seconds, read),
    )


def check_long_paste(coordinator):
    text = ("The delegation of WIT visited PCCFPI and agreed to exchange trainers. " * 3000)[:200_000]
    status, seconds, read, refused = _report_post(coordinator, text=text)
    report(
        7,
        f"a {len(text):,}-character paste → refused under 2 s",
        refused and seconds < 2,
        _bomb_figure(status, seconds, read),
    )


def check_long_name_search(coordinator):
    name = (
        "Preah Sihanouk Cambodia China Friendship Polytechnic Institute of Technical Vocational Education and Training"
    )
    assert len(name.split()) == 13
    figures, worst, statuses = [], 0.0, set()
    for path in ("/institutes/match/", "/search/"):
        times = []
        for _round in range(3):
            response, seconds = timed(coordinator.get, path, params={"q": name})
            statuses.add(response.status_code)
            times.append(seconds)
        worst = max(worst, *times)
        figures.append(f"{path} slowest of 3 {max(times):.2f} s")
    report(
        8,
        "a 13-word organisation name in the organisation type-ahead and the site search → answers under 1 s",
        worst < 1 and statuses == {200},
        ", ".join(figures) + f", answers {sorted(statuses)}",
    )


def check_backup_mode(args):
    target = Path(tempfile.mkdtemp(prefix="attack-backup-")) / "backup.zip"
    manage(args.project, "backup", str(target), timeout=600)
    if not target.exists():
        raise Skip("manage.py backup wrote no file")
    mode = stat.S_IMODE(target.stat().st_mode)
    report(9, "the backup file's mode → 0600", mode == 0o600, f"mode {mode:04o}")
    target.unlink()
    target.parent.rmdir()


ATTACHMENT_SCRIPT = """
from django.core.files.base import ContentFile
from workshops.models import Attachment, Workshop
attachment = Attachment.objects.exclude(file="").order_by("id").first()
if attachment is None:
    workshop = Workshop.objects.order_by("id").first()
    attachment = Attachment(workshop=workshop, title="Attack script attachment")
    attachment.file.save("attack-attachment.txt", ContentFile(b"confidential minutes"), save=False)
    attachment.save()
print(attachment.workshop_id, attachment.file.name)
"""


def check_attachment(args, anonymous, coordinator):
    output = manage(args.project, "shell", "-v", "0", "-c", ATTACHMENT_SCRIPT).split()
    if len(output) != 2:
        raise Skip("could not find or make an attachment with a file")
    workshop_id, name = output
    direct = anonymous.get(f"/media/{name}", allow_redirects=False)
    page = coordinator.get(f"/workshops/{workshop_id}/").text
    prefix = f"/workshops/{workshop_id}/attachments/"
    links = sorted({html.unescape(href) for href in re.findall(r'href="([^"]+)"', page) if href.startswith(prefix)})
    exposed = [
        href for href in re.findall(r'href="([^"]+)"', page) if urlsplit(html.unescape(href)).path.startswith("/media/")
    ]
    # Through the app: the anonymous are sent to sign in, a coordinator gets the file.
    anonymous_status = anonymous.get(links[0], allow_redirects=False).status_code if links else None
    signed_in_status = coordinator.get(links[0], allow_redirects=False).status_code if links else None
    report(
        10,
        "an attachment's /media/ URL anonymously → not served; the workshop page links it through the app",
        direct.status_code != 200
        and bool(links)
        and not exposed
        and anonymous_status == 302
        and signed_in_status == 200,
        f"anonymous GET /media/… {direct.status_code}; page links {links or 'none found'} (and {len(exposed)} to "
        f"/media/); through the app: anonymous {anonymous_status}, coordinator {signed_in_status}",
    )


TOKEN_SCRIPT = """
from django.apps import apps
token = TOKEN
hits = []
for model in apps.get_models():
    for field in model._meta.concrete_fields:
        text = field.get_internal_type() in ("CharField", "TextField")
        if text and model._default_manager.filter(**{field.name: token}).exists():
            hits.append(f"{model._meta.label}.{field.name}")
print(",".join(hits) or "-")
"""


def check_token_storage(args):
    output = manage(args.project, "api_token_create", "coordinator", "--name", "attack")
    found = re.search(r": ([A-Za-z0-9_\-]{20,})\s*$", output.strip())
    if not found:
        raise Skip(f"api_token_create printed no key: {output.strip()[:80]}")
    token = found.group(1)
    works = requests.get(
        urljoin(args.url + "/", "api/agreements/"), headers={"Authorization": f"Token {token}"}, timeout=TIMEOUT
    ).status_code
    stored = manage(args.project, "shell", "-v", "0", "-c", TOKEN_SCRIPT.replace("TOKEN", repr(token))).strip()
    report(
        11,
        "an API token is not stored in clear",
        stored == "-" and works == 200,
        f"the token answers {works}; found verbatim in: {stored if stored != '-' else 'no column'}",
    )


def check_renewal_dates(scene, manager):
    today = datetime.date.today()
    signed_on = today - datetime.timedelta(days=400)
    proposed_on = today - datetime.timedelta(days=120)
    renewal_signed_on = today - datetime.timedelta(days=90)
    original = scene.agreement(title="Attack renewal original", signed_on=signed_on)
    page = manager.get(f"/agreements/{original['id']}/renew/")
    response = manager.post(
        f"/agreements/{original['id']}/renew/",
        {"csrfmiddlewaretoken": manager.csrf_from(page.text), "proposed_on": str(proposed_on)},
    )
    found = re.search(r"/agreements/(\d+)/", response.headers.get("Location", ""))
    if response.status_code != 302 or not found or int(found.group(1)) == original["id"]:
        report(12, "a renewal recorded with its real past dates", False, f"renew page answered {response.status_code}")
        return
    renewal_id = int(found.group(1))
    for party in api_list(manager, f"/api/agreement-parties/?agreement={renewal_id}"):
        changed = manager.api(
            "PATCH",
            f"/api/agreement-parties/{party['id']}/",
            {
                "signatory": scene.people[0] if party["organisation"] == scene.organisations[0] else scene.people[1],
                "signed_on": str(renewal_signed_on),
                "updated_at": party["updated_at"],
            },
        )
        if changed.status_code != 200:
            raise Skip(f"could not record a party's signature: {changed.status_code} {changed.text[:200]}")
    sign = manager.api(
        "POST", f"/api/agreements/{renewal_id}/transitions/sign/", {"occurred_on": str(renewal_signed_on)}
    )
    renewal = manager.api("GET", f"/api/agreements/{renewal_id}/").json()
    held = (
        sign.status_code == 200
        and renewal.get("proposed_on") == str(proposed_on)
        and renewal.get("signed_on") == str(renewal_signed_on)
    )
    detail = sign.json().get("detail", "") if sign.status_code != 200 else ""
    report(
        12,
        f"a renewal proposed on {proposed_on} and signed on {renewal_signed_on} (recorded today)",
        held,
        f"proposed_on {renewal.get('proposed_on')}, signing {sign.status_code} {detail}".strip(),
    )


def _decision_ids(client, limit=10):
    for workshop in api_list(client, "/api/workshops/", limit=limit):
        page = client.get(f"/workshops/{workshop['id']}/").text
        yield from (int(pk) for pk in re.findall(r'href="/agreements/from-decision/(\d+)/"', page))


def check_start_twice(manager):
    decision = next(_decision_ids(manager), None)
    if decision is None:
        raise Skip("no workshop decision offers “Start an agreement”")
    url = f"/agreements/from-decision/{decision}/"
    count = lambda: manager.api("GET", "/api/agreements/").json().get("count")  # noqa: E731
    first_page = manager.get(url).text
    fields = form_fields(first_page, form_id="from-decision")
    fields["confirm_another"] = "on"  # ignored where the decision led to nothing yet
    made = manager.post(url, fields)
    if made.status_code != 302:
        raise Skip(f"the first start from decision {decision} answered {made.status_code}")
    before = count()
    page = manager.get(url).text
    shows = made.headers["Location"] in page
    fields = form_fields(page, form_id="from-decision")
    fields.pop("confirm_another", None)
    asked = manager.post(url, fields)
    api = manager.api("POST", "/api/agreements/from-decision/", {"outcome": decision})
    after = count()
    held = shows and asked.status_code == 200 and api.status_code == 409 and after == before
    report(
        13,
        "start an agreement twice from one decision → the page shows the first and asks, the API answers 409",
        held,
        f"page shows the first: {shows}, unconfirmed POST {asked.status_code}, API {api.status_code}, "
        f"agreements {before} → {after}",
    )


def check_reminders(args, scene):
    today = datetime.date.today()
    expires_on = today + datetime.timedelta(days=2500 + secrets.randbelow(500))
    agreement = scene.agreement(
        title="Attack notice",
        signed_on=today - datetime.timedelta(days=10),
        expires_on=expires_on,
        notice_period_days=180,
    )
    start = expires_on - datetime.timedelta(days=180)
    env = {"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    on_day = manage(args.project, "send_reminders", "--date", str(start), env=env)
    day_before = manage(args.project, "send_reminders", "--date", str(start - datetime.timedelta(days=1)), env=env)
    title = agreement["title"]
    announced = title in on_day and title not in day_before
    lines = on_day.splitlines()
    near = next((i for i, line in enumerate(lines) if title in line), None)
    block = "\n".join(lines[near : near + 4]) if near is not None else ""
    linked = bool(re.search(rf"https?://\S+/agreements/{agreement['id']}/", block))
    named = "Responsible" in block
    sender = re.search(r"^From: (.+)$", on_day, re.MULTILINE)
    report(
        14,
        "an agreement with 180 days' notice is announced the day its notice period starts, linked, naming people",
        announced and linked and named,
        f"announced {start} (180 days ahead): {announced}; link: {linked}; responsible named: {named}; "
        f"from {sender.group(1) if sender else '?'}",
    )


def check_feed(coordinator):
    me = None
    for words in ("Demo coordinator", "coordinator"):
        people = results(coordinator.api("GET", "/api/people/", params={"q": words}))
        me = me or next((p for p in people if (p.get("email") or "").lower() == "coordinator@example.org"), None)
    if me is None:
        raise Skip("the coordinator's person record was not found through the API")
    workshop = api_list(coordinator, "/api/workshops/", limit=1)[0]
    title = f"Attack feed done {secrets.token_hex(3)}"
    done_on = datetime.date.today()
    created = coordinator.api(
        "POST",
        "/api/action-items/",
        {
            "title": title,
            "workshop": workshop["id"],
            "owner": me["id"],
            "due_date": str(done_on + datetime.timedelta(days=3)),
            "status": "done",
            "completed_on": str(done_on),
        },
    )
    if created.status_code != 201:
        raise Skip(f"could not create a done action: {created.status_code} {created.text[:200]}")
    page = coordinator.get("/calendar/").text
    feed = next((html.unescape(u) for u in re.findall(r"(https?://[^\s\"<]+/actions\.ics)", page)), None)
    if feed is None:
        raise Skip("no actions feed address on /calendar/")
    ics = requests.get(feed, timeout=TIMEOUT).text.replace("\r\n ", "")
    events = ics.split("BEGIN:VEVENT")[1:] + ics.split("BEGIN:VTODO")[1:]
    event = next((e for e in events if title in e), "")
    summary = re.search(r"^SUMMARY:(.*)$", event, re.MULTILINE)
    status = re.search(r"^STATUS:(.*)$", event, re.MULTILINE)
    summary = summary.group(1).strip() if summary else ""
    status = status.group(1).strip() if status else ""
    marked = status == "COMPLETED" or (summary and not summary.startswith("Due:") and "done" in summary.lower())
    report(
        15,
        "the calendar feed marks a done action done",
        bool(event) and marked,
        f"SUMMARY:{summary} STATUS:{status}",
    )


def check_newline_title(coordinator):
    workshops = [w for w in api_list(coordinator, "/api/workshops/", limit=50) if not w.get("approved_at")]
    if not workshops:
        raise Skip("no workshop that is not approved")
    workshop = workshops[0]
    response = coordinator.api(
        "PATCH",
        f"/api/workshops/{workshop['id']}/",
        {"title": "Curriculum exchange\nApproved by the minister", "updated_at": workshop["updated_at"]},
    )
    if response.status_code == 200:  # put it back
        coordinator.api(
            "PATCH",
            f"/api/workshops/{workshop['id']}/",
            {"title": workshop["title"], "updated_at": response.json()["updated_at"]},
        )
    report(
        16,
        "a newline in a workshop title through the API → 400",
        response.status_code == 400,
        f"PATCH answered {response.status_code}",
    )


def check_sign_in_log(args):
    if not args.server_log:
        raise Skip("no --server-log to read")
    log = Path(args.server_log)
    if not log.exists():
        raise Skip(f"{log} does not exist")
    marker = f"attack{secrets.token_hex(4)}"
    size = log.stat().st_size
    client = Client(args.url)
    client.sign_in(f"{marker}\n2026-12-07 06:00:00,000 INFO common.security sign-in user=admin ip=10.0.0.1", "wrong")
    forged = []
    for _wait in range(20):
        time.sleep(0.1)
        with log.open("rb") as handle:
            handle.seek(size)
            added = handle.read().decode("utf-8", "replace").splitlines()
        mine = [line for line in added if marker in line]
        forged = [line for line in added if "sign-in user=admin ip=10.0.0.1" in line and marker not in line]
        if mine:
            break
    if not mine:
        raise Skip("the failed sign-in left no line with the username in the log")
    report(
        17,
        "a username with a newline in the sign-in → one line in the security log",
        len(mine) == 1 and not forged,
        f"lines with the username: {len(mine)}, forged lines: {len(forged)}",
    )


def check_idempotency_replay(coordinator, manager):
    key = secrets.token_hex(16)
    first = coordinator.post(
        "/institutes/quick-add/",
        {"name": f"Attack First Institute {key[:6]}", "anyway": "on", "key": key},
        headers={"X-CSRFToken": coordinator.csrf()},
    )
    if first.status_code not in (200, 201):
        raise Skip(f"the first quick add answered {first.status_code}")
    second = manager.post(
        "/institutes/quick-add/",
        {"name": f"Attack Second Institute {key[:6]}", "anyway": "on", "key": key},
        headers={"X-CSRFToken": manager.csrf()},
    )
    same = second.headers.get("Content-Type", "").startswith("application/json") and (
        second.json().get("id") == first.json().get("id")
    )
    report(
        18,
        "an idempotency key replayed by another user → not the first user's answer",
        not same,
        f"first {first.status_code} id {first.json().get('id')}; replay {second.status_code} "
        f"{second.json().get('id') if second.headers.get('Content-Type', '').startswith('application/json') else ''}",
    )


def check_history_long_text(coordinator):
    workshops = [w for w in api_list(coordinator, "/api/workshops/", limit=50) if not w.get("approved_at")]
    if not workshops:
        raise Skip("no workshop that is not approved")
    workshop = workshops[-1]
    words = ["cooperation"] * 400
    before = " ".join(words[:200] + ["ZEBRA" + secrets.token_hex(2)] + words[200:])
    old_word = before.split()[200]
    new_word = "GIRAFFE" + secrets.token_hex(2)
    after = before.replace(old_word, new_word)
    first = coordinator.api(
        "PATCH", f"/api/workshops/{workshop['id']}/", {"summary": before, "updated_at": workshop["updated_at"]}
    )
    if first.status_code != 200:
        raise Skip(f"could not set the workshop's summary: {first.status_code}")
    second = coordinator.api(
        "PATCH", f"/api/workshops/{workshop['id']}/", {"summary": after, "updated_at": first.json()["updated_at"]}
    )
    if second.status_code != 200:
        raise Skip(f"could not change the workshop's summary: {second.status_code}")
    page = coordinator.get(f"/workshops/{workshop['id']}/history/")
    shows = old_word in page.text and new_word in page.text
    report(
        19,
        f"the history page shows a one-word change in a {len(after):,}-character text",
        page.status_code == 200 and shows,
        f"history {page.status_code}; removed word shown: {old_word in page.text}, added word shown: "
        f"{new_word in page.text}",
    )


# ---- main ---------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the server, e.g. http://127.0.0.1:8731 (127.0.0.1 or localhost only)")
    parser.add_argument("--password", default="", help="the demo users' password")
    parser.add_argument("--coordinator-password")
    parser.add_argument("--manager-password")
    parser.add_argument("--admin-password")
    parser.add_argument("--project", help="the project folder, to run manage.py (with the server's DATABASE_URL)")
    parser.add_argument("--server-log", help="the server's log file (its stderr), for the sign-in log check")
    args = parser.parse_args()
    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
        sys.exit(f"Refusing {args.url!r}: this script only attacks a server on 127.0.0.1 or localhost.")
    args.url = args.url.rstrip("/")

    anonymous = Client(args.url)
    try:
        coordinator = Client(args.url, "coordinator", args.coordinator_password or args.password)
        manager = Client(args.url, "manager", args.manager_password or args.password)
    except Skip as why:
        sys.exit(f"Cannot start: {why}.")
    scene = None
    try:
        scene = Scene(manager)
    except Skip as why:
        print(f"(no scene: {why})")

    checks = [
        (0, "API sign-in basics", lambda: check_api_basics(args, anonymous, coordinator)),
        (1, "DELETE a signed agreement", lambda: check_delete_signed(need(scene), manager)),
        (2, "DELETE a terminated agreement", lambda: check_delete_terminated(need(scene), manager)),
        (3, "DELETE an approved workshop", lambda: check_delete_approved_workshop(manager, coordinator)),
        # Timed first: a bomb the server is still reading would slow it.
        (8, "a 13-word name in type-ahead and search", lambda: check_long_name_search(coordinator)),
        (4, "a .docx bomb", lambda: check_docx_bomb(coordinator)),
        (5, "a PDF bomb", lambda: check_pdf_bomb(coordinator)),
        (6, "a 4.8 MB HTML report", lambda: check_big_html(coordinator)),
        (7, "a 200,000-character paste", lambda: check_long_paste(coordinator)),
        (9, "the backup file's mode", lambda: check_backup_mode(args)),
        (10, "attachments through the app", lambda: check_attachment(args, anonymous, coordinator)),
        (11, "API token storage", lambda: check_token_storage(args)),
        (12, "a renewal with real past dates", lambda: check_renewal_dates(need(scene), manager)),
        (13, "start an agreement twice from one decision", lambda: check_start_twice(manager)),
        (14, "reminders for 180 days' notice", lambda: check_reminders(args, need(scene))),
        (15, "the calendar feed's done action", lambda: check_feed(coordinator)),
        (16, "a newline in a workshop title", lambda: check_newline_title(coordinator)),
        (17, "a newline in a sign-in username", lambda: check_sign_in_log(args)),
        (18, "an idempotency key replayed by another user", lambda: check_idempotency_replay(coordinator, manager)),
        (19, "long text differences in the history", lambda: check_history_long_text(coordinator)),
    ]
    for number, what, check in checks:
        try:
            check()
        except Skip as why:
            skipped(number, what, why)
        except requests.RequestException as error:
            report(number, what, False, f"the request failed: {type(error).__name__}: {str(error)[:120]}")
    counts = {verdict: sum(1 for _n, v in RESULTS if v == verdict) for verdict in ("held", "NOT HELD", "skipped")}
    print(f"Summary: {counts['held']} held, {counts['NOT HELD']} NOT HELD, {counts['skipped']} skipped.")
    return 1 if counts["NOT HELD"] else 0


def need(scene):
    if scene is None:
        raise Skip("the records this check needs could not be made")
    return scene


if __name__ == "__main__":
    sys.exit(main())
