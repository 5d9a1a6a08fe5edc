import re

from django.urls import reverse

from tests.factories import PersonFactory, StatementFactory, WorkshopFactory
from workshops.forms import StatementFormSet
from workshops.models import Statement


def test_a_statement_is_a_paraphrase_unless_marked_verbatim(db):
    assert Statement(text="We agreed.").is_verbatim is False
    assert 'name="statements-__prefix__-is_verbatim"' in str(StatementFormSet(prefix="statements").empty_form)
    assert "checked" not in str(StatementFormSet(prefix="statements").empty_form["is_verbatim"])


def test_only_verbatim_statements_are_printed_in_quotation_marks(coordinator_client):
    workshop = WorkshopFactory()
    speaker = PersonFactory(honorific="Mr.", given_name="Samath", family_name="Bou")
    StatementFactory(workshop=workshop, speaker=speaker, text="The institute will send teachers.", order=0)
    StatementFactory(
        workshop=workshop, speaker=speaker, text="We look forward to cooperation.", is_verbatim=True, order=1
    )

    page = coordinator_client.get(workshop.get_absolute_url()).content.decode()
    said = re.findall(r'<figure class="statement mb-3">\s*(.*?)\n', page)
    assert said == [
        '<p class="mb-1 paraphrase">The institute will send teachers.</p>',
        '<blockquote class="mb-1"><p>“We look forward to cooperation.”</p></blockquote>',
    ]


def test_a_statement_entered_without_ticking_is_saved_as_a_paraphrase(coordinator_client):
    speaker = PersonFactory()
    data = {
        "title": "Exchange",
        "kind": "bilateral",
        "format": "online",
        "status": "",
        "start_date": "2022-01-14",
        "date_precision": "day",
        "timezone": "Asia/Phnom_Penh",
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "0",
        "statements-0-speaker": speaker.pk,
        "statements-0-text": "The sides agreed to exchange teachers.",
    }
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 302
    assert list(Statement.objects.values_list("text", "is_verbatim")) == [
        ("The sides agreed to exchange teachers.", False)
    ]
