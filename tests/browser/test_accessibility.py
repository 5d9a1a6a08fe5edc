"""Every page a role can reach passes axe-core (no serious or critical WCAG 2.x A/AA violation) and the Nu HTML Checker.

The pages are found, not listed: every route of the URL catalogue (tests/urls_catalogue.py) filled with the demo
ids, the sign-in and password pages, then every link on those pages (one URL per path shape and set of query
parameters), for an anonymous visitor and for each role. Pages whose content (the navigation bar aside) is the
same for two roles are checked once. Each form with fields is also posted blank, so the page with its errors shown
is checked too, and a file form is sent a small Zoom report (the attendance import's preview step).

Checked (within the CI budget of a few minutes on two cores):
- English: every page at 1280 px and at 360 px;
- 简体中文 and ខ្មែរ: every page at 360 px, where longer and taller labels break first;
- the Nu HTML Checker over the server's HTML of all of these, in one run of vnu.jar (one JVM start).
"""

import codecs
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.urls_catalogue import project_routes, url_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
WIDE, NARROW = 1280, 360
OTHER_LANGUAGES = ["zh-hans", "km"]

# Not pages of this app: Django's admin site, the REST API (its own browsable renderer), files and feeds.
NOT_CRAWLED = ("/admin/", "/api/", "/static/", "/media/", "/i18n/")
# Posting these changes who is signed in or which language is shown: not forms with errors to look at.
NOT_POSTED = {"/accounts/logout/", "/i18n/setlang/", "/calendar/reset/"}
ROLES = ["anonymous", "coordinator", "manager", "admin"]
ZOOM_REPORT = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Samath Bou (PCCFPI),,01/14/2022 09:01:00 AM,01/14/2022 10:00:00 AM,59,Yes\n"
    "李振云,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes\n"
    "Mr. Chen,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes\n"
)


class PageParser(HTMLParser):
    """The links of a page and its POST forms (action, fields with their values, file fields)."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "hidden": {}, "visible": [], "files": []}
            self.forms.append(self._form)
        if self._form is None or not attrs.get("name"):
            return
        name, kind = attrs["name"], (attrs.get("type") or "text").lower()
        if tag == "input" and kind == "hidden":
            self._form["hidden"][name] = attrs.get("value") or ""
        elif tag == "input" and kind == "file":
            self._form["files"].append(name)
        elif (tag == "input" and kind not in {"submit", "button", "reset", "image"}) or tag in {"select", "textarea"}:
            self._form["visible"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _shape(url):
    """A URL's path with its ids as <id>, plus the names of its query parameters: one page of each shape is enough."""
    parts = urlsplit(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query) if key != "page"})
    return re.sub(r"/\d+(?=/)", "/<id>", parts.path) + ("?" + "&".join(keys) if keys else "")


def _fingerprint(html):
    """The page without its navigation bar and per-request tokens: the same for two roles that see the same page."""
    html = re.sub(r"<nav class=\"navbar.*?</nav>", "", html, count=1, flags=re.S)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return hashlib.sha256(html.encode()).hexdigest()


def _is_html(response):
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _crawl(client, ids):
    """Every HTML page the client reaches from the catalogue and the links on its pages: {url: html}."""
    start = []
    for route in project_routes():
        if route.name.startswith("api:"):
            continue
        try:
            start.append(url_for(route, ids))
        except KeyError:
            continue  # the permission matrix names every route that lacks demo arguments
    start.append("/search/?q=Samath")
    queue, seen, pages = deque(start), set(), {}
    while queue:
        url = queue.popleft()
        if _shape(url) in seen or url.startswith(NOT_CRAWLED):
            continue
        seen.add(_shape(url))
        response = client.get(url)
        if not _is_html(response):
            continue
        html = response.content.decode()
        pages[url] = html
        parser = PageParser()
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(href)
            if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def _error_pages(client, pages, posted):
    """Each form with fields posted blank (and a file form given a small Zoom report), once for all roles (`posted`,
    by the form's URL shape): {label: (url, html)}."""
    found = {}
    for url, html in pages.items():
        parser = PageParser()
        parser.feed(html)
        for form in parser.forms:
            action = form["action"] or url
            if action in NOT_POSTED or not (form["visible"] or form["files"]) or _shape(action) in posted:
                continue
            data = dict(form["hidden"])
            for name in form["files"]:
                data[name] = _zoom_report(name)
            response = client.post(action, data)
            if _is_html(response):
                posted.add(_shape(action))
                found[f"POST {action} (from {url})"] = (action, response.content.decode())
    return found


def _zoom_report(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("participants_81234567890.csv", codecs.BOM_UTF8 + ZOOM_REPORT.encode(), "text/csv")


def _client_for(role, language="en"):
    client = Client()
    if role != "anonymous":
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=role))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _axe(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")  # the page's resize handlers ran
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [v for v in result["violations"] if v["impact"] in FAILING_IMPACTS]


def _describe(where, violations):
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
        lines.append(f"{where}: {violation['id']} [{violation['impact']}] {violation['help']} — {targets}{more}")
    return lines


def _vnu(documents, folder):
    """The Nu HTML Checker's errors over all documents ({label: html}), in one run: ["label: line:col message"]."""
    names = {}
    folder.mkdir()
    for number, (label, html) in enumerate(documents.items()):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = label
    run = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *sorted(str(p) for p in folder.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = []
    for message in json.loads(run.stdout)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
            errors.append(f"{where}: line {message.get('lastLine')}: {message['message']}")
    return errors


def _serve(html):
    return lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")


def _tools_or_skip():
    missing = [str(p.relative_to(ROOT)) for p in (AXE, VNU) if not p.exists()]
    if not shutil.which("java"):
        missing.append("java")
    if missing:
        message = f"missing {', '.join(missing)}: `make setup` runs npm ci; apt-get install default-jre-headless"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_every_page_passes_axe_and_the_nu_checker(
    browser, live_server, demo_ids, coordinator, manager, admin_user, tmp_path
):
    _tools_or_skip()

    # Which pages each role reaches (Django's test client: fast), checked once where two roles see the same.
    visits, fingerprints, shapes, documents, crawled = [], set(), set(), {}, {}
    for role in ROLES:
        crawled[role] = pages = _crawl(_client_for(role), demo_ids)
        for number, (url, html) in enumerate(pages.items()):
            fingerprint = _fingerprint(html)
            if number and fingerprint in fingerprints:
                continue  # every role's first page is checked, for its own navigation bar
            fingerprints.add(fingerprint)
            languages = ["en"]
            if _shape(url) not in shapes:  # Chinese and Khmer: each kind of page once, as the first role sees it
                shapes.add(_shape(url))
                languages += OTHER_LANGUAGES
            visits.append((role, url, None, languages))
            documents[f"{role} en {url}"] = html
            for language in languages[1:]:
                response = _client_for(role, language).get(url)
                if _is_html(response):
                    documents[f"{role} {language} {url}"] = response.content.decode()
    # Forms posted blank only now: a post that goes through may change what the crawl would have found.
    posted = set()
    for role in ROLES:
        for label, (url, html) in _error_pages(_client_for(role), crawled[role], posted).items():
            visits.append((role, url, html, ["en"]))
            documents[f"{role} en {label}"] = html
    assert len({visit[1] for visit in visits}) > 30, visits  # the crawl found the app, not a sign-in page

    problems = []
    contexts = {}
    for role, url, html, languages in visits:
        for language in languages:
            key = (role, language)
            if key not in contexts:
                context = browser.new_context(base_url=live_server.url, bypass_csp=True)  # axe is injected
                cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
                if role != "anonymous":
                    session = _client_for(role).cookies[settings.SESSION_COOKIE_NAME].value
                    cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
                context.add_cookies(cookies)
                contexts[key] = context.new_page()
            page = contexts[key]
            if html is None:
                page.goto(url)
                label = url
            else:  # the server's page with errors, shown as the browser would after the failed post
                target = live_server.url + url
                page.route(lambda address, target=target: address == target, _serve(html))
                page.goto(url)
                page.unroute_all()
                label = f"{url} (form posted blank)"
            widths = [WIDE, NARROW] if language == "en" else [NARROW]
            for width in widths:
                problems += _describe(f"{role} {language} {width}px {label}", _axe(page, width))
    for page in contexts.values():
        page.context.close()

    html_errors = _vnu(documents, tmp_path / "nu")
    checked = sum(len(languages) + 1 for _role, _url, _html, languages in visits)
    print(f"\naxe: {len(visits)} page views × widths/languages = {checked} checks; Nu: {len(documents)} documents")
    report = "\n".join(
        [
            f"{len(problems)} serious or critical axe violations:",
            *problems,
            f"{len(html_errors)} Nu HTML errors:",
            *html_errors,
        ]
    )
    assert problems == [] and html_errors == [], report
