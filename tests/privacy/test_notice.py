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
    ("language", "heading"),
    [("zh-hans", "您的数据副本与删除"), ("km", "ការនាំចេញ និងការលុបទិន្នន័យរបស់អ្នក")],
)
def test_the_notice_reads_in_chinese_and_khmer(client, language, heading):
    response = client.get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE=language)
    assert heading in response.content.decode()


def test_the_notice_gives_the_retention_period_when_one_is_set(client, settings):
    settings.RETENTION_DAYS = 1825
    html = client.get(reverse("privacy:notice")).content.decode()
    assert "for 1825 days is anonymised automatically" in html
