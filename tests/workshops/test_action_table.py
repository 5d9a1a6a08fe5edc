"""The follow-up actions table: one partial on the workshop page and on the agreement page."""

import datetime
import re

from tests.factories import ActionItemFactory, AgreementFactory, WorkshopFactory


def _first_row(page, heading_id):
    section = page.split(f'id="{heading_id}"')[1].split("</section>")[0]
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", section.split("<tbody>")[1])]


def test_each_page_links_the_other_record_of_an_action(coordinator_client):
    workshop = WorkshopFactory(start_date=datetime.date(2024, 3, 1))
    agreement = AgreementFactory(title="MoU")
    ActionItemFactory(title="Draft it", workshop=workshop, agreement=agreement, due_date=datetime.date(2024, 5, 1))

    on_workshop = coordinator_client.get(workshop.get_absolute_url())
    on_agreement = coordinator_client.get(agreement.get_absolute_url())

    assert [
        "workshops/_action_table.html" in [t.name for t in response.templates]
        for response in (on_workshop, on_agreement)
    ] == [True, True]
    assert _first_row(on_workshop.content.decode(), "actions-heading") == [
        f'Draft it · <a href="{agreement.get_absolute_url()}">MoU</a>',
        "—",
        "2024-05-01",
        "Open",
    ]
    assert _first_row(on_agreement.content.decode(), "agreement-actions-heading") == [
        f'Draft it · <a href="{workshop.get_absolute_url()}">2024-03-01</a>',
        "—",
        "2024-05-01",
        "Open",
    ]


def test_a_record_without_actions_says_so(coordinator_client):
    workshop = WorkshopFactory()

    page = coordinator_client.get(workshop.get_absolute_url()).content.decode()

    assert _first_row(page, "actions-heading") == ["No follow-up actions."]
