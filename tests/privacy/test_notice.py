"""The privacy notice: linked from every page's footer, readable without signing in, in three languages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_notice_is_open_to_anyone(client):
    response = client.get(reverse("privacy:notice"))
    assert (response.status_code, response.context["retention_days"]) == (200, 0)
    html = response.content.decode()
    assert '<h2 class="h5 mt-4">Your export and your erasure</h2>' in html


def test_every_page_links_the_notice_in_its_footer(client):
    html = client.get(reverse("login")).content.decode()
    assert '<a href="/privacy/">Privacy</a>' in html


@pytest.mark.parametrize(
    ("language", "heading", "contact", "statements"),
    [
        (
            "zh-hans",
            "您的数据副本与删除",
            '请写信至 <a href="mailto:privacy@ilo.example">privacy@ilo.example</a>，或联系项目协调人。',
            "但如果保存您数据的依据是您的同意，您的发言将被删除。",
        ),
        (
            "km",
            "ការនាំចេញ និងការលុបទិន្នន័យរបស់អ្នក",
            'សូមសរសេរទៅ <a href="mailto:privacy@ilo.example">privacy@ilo.example</a> ឬទៅអ្នកសម្របសម្រួលកម្មវិធី។',
            "ពេលនោះ សេចក្ដីថ្លែងការណ៍របស់អ្នកត្រូវបានលុប។",
        ),
    ],
)
def test_the_notice_reads_in_chinese_and_khmer(client, settings, language, heading, contact, statements):
    settings.PRIVACY_CONTACT = "privacy@ilo.example"
    html = client.get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert (heading in html, contact in html, statements in html) == (True, True, True)


def test_the_notice_says_where_to_write(client, settings):
    settings.PRIVACY_CONTACT = "privacy@ilo.example"
    html = client.get(reverse("privacy:notice")).content.decode()
    assert (
        '<p class="privacy-contact">Write to <a href="mailto:privacy@ilo.example">privacy@ilo.example</a>, or to the '
        "programme's coordinators.</p>"
    ) in html.replace("&#x27;", "'")


def test_the_contact_is_the_sender_of_the_sites_mail_unless_set(client, settings):
    assert settings.PRIVACY_CONTACT == settings.DEFAULT_FROM_EMAIL
    html = client.get(reverse("privacy:notice")).content.decode()
    assert f'href="mailto:{settings.DEFAULT_FROM_EMAIL}"' in html


def test_the_notice_names_the_basis_the_shared_records_and_what_erasure_keeps(client):
    html = client.get(reverse("privacy:notice")).content.decode().replace("&#x27;", "'")
    paragraphs = [
        "For each person the site also records the basis on which their data is held (their consent, the "
        "programme's legitimate interest, or a contract), where and when it was given, and whether they may be named "
        "in shared records.",
        "Someone who may not be named in shared records appears as “Participant (their organisation)” in everything "
        "the site gives out: the meeting record's PDF and print, the lists for partners and the meeting records "
        "mailed to them. Published IATI files name no person at all.",
        "Erasure replaces your name by “Participant (your organisation)” everywhere, also where the minutes and other "
        "texts mention you, and deletes your other names, e-mail, phone, notes and every earlier version of your "
        "records. The head counts, the organisations and dates of your attendance and positions, the actions you "
        "owned and the dates of the agreements you signed stay, under “Participant (your organisation)”, so the "
        "meetings' records still add up. What you said at meetings stays too, said by “Participant (your "
        "organisation)”, unless you were recorded on your consent: then your statements are deleted.",
    ]
    assert [f"<p>{paragraph}</p>" in html for paragraph in paragraphs] == [True, True, True]
    assert "keeps only the counts" not in html


def test_the_notice_gives_the_retention_period_when_one_is_set(client, settings):
    settings.RETENTION_DAYS = 1825
    html = client.get(reverse("privacy:notice")).content.decode()
    assert "for 1825 days is anonymised automatically" in html
