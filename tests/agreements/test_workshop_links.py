"""The agreements' links on a workshop page, put there through the workshops' slots (agreements/apps.py)."""

from django.urls import reverse

from tests.factories import OutcomeFactory, ProgrammeFactory, WorkshopFactory
from workshops.models import Outcome


def test_the_workshop_page_links_its_programme_iati_file(coordinator_client):
    programme = ProgrammeFactory(name="WIT")
    workshop = WorkshopFactory(programme=programme)

    page = coordinator_client.get(reverse("workshops:detail", args=[workshop.pk])).content.decode()

    link = reverse("agreements:iati-programme", args=[programme.pk])
    results = reverse("results:programme", args=[programme.pk])
    # The results app's link follows, through the same slot (results/apps.py).
    assert (
        f'WIT <a class="small d-print-none" href="{link}" download>IATI XML of the programme</a> '
        f'<a class="small d-print-none" href="{results}">Results</a></dd>'
    ) in page


def test_a_decision_offers_managers_to_start_an_agreement(client, coordinator, manager):
    decision = OutcomeFactory(kind=Outcome.Kind.DECISION, text="Sign an MoU.")
    OutcomeFactory(workshop=decision.workshop, kind=Outcome.Kind.CONSENSUS, text="Meet again.")
    url = reverse("workshops:detail", args=[decision.workshop.pk])
    button = (
        f'Sign an MoU. <a class="btn btn-sm btn-outline-primary ms-2 d-print-none" '
        f'href="{reverse("agreements:from-decision", args=[decision.pk])}">Start an agreement</a></dd>'
    )

    client.force_login(manager)
    page = client.get(url).content.decode()
    assert (button in page, page.count("Start an agreement")) == (True, 1)

    client.force_login(coordinator)
    assert client.get(url).content.decode().count("Start an agreement") == 0
