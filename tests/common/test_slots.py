"""Slots: a lower app's page shows the partials higher apps registered, and nothing when none did."""

import pytest
from django.template import Context, Template

from common import slots


@pytest.fixture
def no_slots(monkeypatch):
    monkeypatch.setattr(slots, "_slots", {})


def render(source, **context):
    return Template("{% load slots %}" + source).render(Context(context))


def test_a_slot_nobody_filled_renders_nothing(no_slots):
    assert render('[{% slot "nobody.filled.this" thing=1 %}]') == "[]"


def test_a_slot_renders_its_partials_in_order_each_once_without_their_last_newline(no_slots):
    slots.register("test.buttons", "reports/_log_from_report_button.html")
    slots.register("test.buttons", "agreements/_start_from_decision.html")
    slots.register("test.buttons", "reports/_log_from_report_button.html")

    assert slots.partials("test.buttons") == (
        "reports/_log_from_report_button.html",
        "agreements/_start_from_decision.html",
    )
    # The second partial renders nothing for an outcome that is no decision.
    assert render('[{% slot "test.buttons" outcome=outcome %}]', outcome={"kind": "consensus"}) == (
        '[<a class="btn btn-outline-primary btn-sm" href="/reports/">Log from a report</a>]'
    )


def test_the_slot_arguments_are_gone_after_the_slot(no_slots):
    slots.register("test.outcome", "agreements/_start_from_decision.html")

    assert render('{% slot "test.outcome" outcome=1 %}[{{ outcome }}]') == "[]"
