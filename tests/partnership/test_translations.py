"""Every message is translated into Simplified Chinese and Khmer, and no user-facing string escapes the catalogues."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["zh_Hans", "km"]


def _catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    # A fuzzy or empty entry shows English in the middle of a Chinese or Khmer page.
    catalogue = _catalogue(language)
    # A fuzzy header is dropped by msgfmt, and with it the plural rule: plurals would fall back to English.
    assert not catalogue.metadata_is_fuzzy
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    for entry in _catalogue(language).translated_entries():
        if entry.msgid_plural:
            continue
        assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(entry.msgstr)), entry.msgid


def test_makemessages_finds_no_string_missing_from_the_catalogues(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "media", "*.sqlite3*", "node_modules", "__pycache__", ".hypothesis"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            *[arg for language in LANGUAGES for arg in ("-l", language)],
            *["--ignore", "tests/*", "--ignore", "bench/*", "--ignore", "locale_extra/*"],
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    for language in LANGUAGES:
        committed = {(e.msgctxt, e.msgid) for e in _catalogue(language) if not e.obsolete}
        fresh_file = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(fresh_file)) if not e.obsolete}
        assert sorted(fresh - committed, key=str) == []


def test_khmer_covers_country_names_and_django_form_errors():
    from django import forms
    from django.utils import translation
    from django_countries.fields import Country

    with translation.override("km"):
        assert (str(Country("KH").name), str(Country("CN").name)) == ("កម្ពុជា", "ចិន")
        assert str(forms.DateField().error_messages["invalid"]) == "សូមបញ្ចូលកាលបរិច្ឆេទដែលត្រឹមត្រូវ។"
