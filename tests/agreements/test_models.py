import datetime

import pytest
from django.core.files.base import ContentFile

from agreements.models import Agreement, AgreementDocument, AgreementParty
from tests.constraints import assert_refused
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2022, 1, 14)


def test_an_agreement_does_not_expire_before_it_is_in_force():
    agreement = Agreement(title="MoU", effective_from=DAY, expires_on=DAY - datetime.timedelta(days=1))
    assert_refused(agreement, "An agreement cannot expire before it comes into force.")


def test_the_notice_period_is_not_negative():
    assert_refused(Agreement(title="MoU", notice_period_days=-30), "The notice period cannot be negative.")


def test_an_agreement_does_not_renew_itself():
    agreement = AgreementFactory()
    agreement.renews = agreement
    assert_refused(agreement, "An agreement cannot renew itself.")


def test_an_agreement_needs_a_title():
    assert_refused(Agreement(title=""), "This field cannot be blank.")


def test_an_organisation_is_a_party_once():
    party = AgreementPartyFactory()
    assert_refused(
        AgreementParty(agreement=party.agreement, organisation=party.organisation, role=AgreementParty.Role.WITNESS),
        "This organisation is already a party to this agreement.",
    )


def test_a_signing_date_needs_a_signatory():
    party = AgreementParty(agreement=AgreementFactory(), organisation=OrganisationFactory(), signed_on=DAY)
    assert_refused(party, "A signing date needs a signatory.")
    party.signatory = PersonFactory()
    party.full_clean()


def test_a_version_label_is_used_once_per_agreement(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory()
    AgreementDocument.objects.create(agreement=agreement, version_label="v1", file=ContentFile(b"%PDF-1.4", "a.pdf"))
    duplicate = AgreementDocument(agreement=agreement, version_label="v1", file="agreements/b.pdf")
    assert_refused(duplicate, "This agreement already has a document with this version label.")


def test_expiring_within_counts_signed_and_active_agreements_only():
    AgreementFactory(title="Active", status=Agreement.Status.ACTIVE, expires_on=DAY + datetime.timedelta(days=30))
    AgreementFactory(title="Later", status=Agreement.Status.ACTIVE, expires_on=DAY + datetime.timedelta(days=31))
    AgreementFactory(title="Ended", status=Agreement.Status.TERMINATED, expires_on=DAY + datetime.timedelta(days=3))
    titles = Agreement.objects.expiring_within(days=30, today=DAY).values_list("title", flat=True)
    assert list(titles) == ["Active"]


def searched_titles(words):
    return list(Agreement.objects.search(words).order_by("title").values_list("title", flat=True))


def test_search_needs_every_word_in_the_title():
    AgreementFactory(title="Framework agreement between WIT, PCCFPI and SSEZ")
    AgreementFactory(title="Trainer exchange", summary="WIT sends two trainers")
    assert searched_titles("framework wit") == ["Framework agreement between WIT, PCCFPI and SSEZ"]
    assert searched_titles("wit") == ["Framework agreement between WIT, PCCFPI and SSEZ"]
    assert searched_titles("trainer exchange") == ["Trainer exchange"]
    assert searched_titles("framework exchange") == []


def test_search_finds_an_agreement_by_a_partys_name_or_alias():
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    OrganisationAliasFactory(organisation=wit, name="Wuxi Technician Institute")
    agreement = AgreementFactory(title="Trainer exchange")
    AgreementPartyFactory(agreement=agreement, organisation=wit)
    AgreementFactory(title="Curriculum MoU")
    assert searched_titles("wuxi") == ["Trainer exchange"]
    assert searched_titles("technician exchange") == ["Trainer exchange"]
    assert searched_titles("wuxi curriculum") == []


def test_search_lists_an_agreement_found_by_its_title_and_by_two_parties_once():
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    bureau = OrganisationFactory(name="Wuxi Human Resources Bureau", short_name="WHRB")
    agreement = AgreementFactory(title="Wuxi trainer exchange")
    AgreementPartyFactory(agreement=agreement, organisation=wit)
    AgreementPartyFactory(agreement=agreement, organisation=bureau)
    AgreementFactory(title="Wuxi visit")
    assert searched_titles("wuxi") == ["Wuxi trainer exchange", "Wuxi visit"]
    assert Agreement.objects.search("wuxi exchange").count() == 1


@pytest.mark.parametrize(
    "words, titles",
    [
        ("trainer wuxi technician", ["Trainer exchange"]),  # the longest word ("technician") by a party
        ("cambodia technician", ["Welding exchange in Cambodia"]),
        ("trainer exchange cambodia welding wuxi", []),
        ("exchange", ["Trainer exchange", "Welding exchange in Cambodia"]),
        ("curriculum exchange", []),
    ],
)
def test_several_words_read_the_likely_rarest_first_and_test_the_others_on_what_it_finds(words, titles):
    """Several words: the longest not known to be common is read from its indexes (agreements.models.rarest_word),
    the others are tested on each agreement it finds; the answer is every agreement holding every word."""
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    pccfpi = OrganisationFactory(name="Cambodia-China Friendship Polytechnic", short_name="PCCFPI")
    first = AgreementFactory(title="Trainer exchange")
    AgreementPartyFactory(agreement=first, organisation=wit)
    second = AgreementFactory(title="Welding exchange in Cambodia")
    AgreementPartyFactory(agreement=second, organisation=wit)
    AgreementPartyFactory(agreement=second, organisation=pccfpi)
    AgreementFactory(title="Curriculum MoU")
    assert searched_titles(words) == titles
