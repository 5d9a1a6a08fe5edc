from django.utils import translation

from agreements.models import Agreement, AgreementParty
from workshops.models import Workshop


def test_a_choice_label_comes_in_the_language_of_the_moment():
    agreement = Agreement(status=Agreement.Status.NEGOTIATION, kind=Agreement.Kind.MOU)

    assert agreement.get_status_display() == "Negotiation"
    with translation.override("zh-hans"):
        assert agreement.get_status_display() == translation.gettext("Negotiation") != "Negotiation"
    assert agreement.get_kind_display() == "Memorandum of understanding (MoU)"


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    assert Workshop(format="carrier pigeon").get_format_display() == "carrier pigeon"
    assert AgreementParty(role="").get_role_display() == ""
