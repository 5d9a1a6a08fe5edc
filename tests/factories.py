import datetime

import factory

from accounts.models import User
from agreements.models import Agreement, AgreementParty
from institutes.models import City, Organisation, OrganisationAlias
from participants.models import Person, Position
from workshops.models import ActionItem, Attendance, Outcome, Programme, Statement, Workshop, WorkshopOrganisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        # The role for all programmes, unless `role__programme` names one (accounts.services.role_grant).
        if create and extracted:
            from accounts.services import role_grant

            role_grant(user=self, role=extracted, programme=kwargs.get("programme"))


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"City {n}")
    country = "CN"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Vocational Institute {n}")
    short_name = factory.Sequence(lambda n: f"VI{n}")
    kind = Organisation.Kind.TVET
    country = "KH"


class OrganisationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAlias

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    honorific = "Ms."
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Lecturer"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Workshop {n}")
    start_date = datetime.date(2024, 3, 1)
    status = Workshop.Status.HELD
    timezone = "Asia/Phnom_Penh"


class WorkshopOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopOrganisation

    workshop = factory.SubFactory(WorkshopFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = WorkshopOrganisation.Role.HOST


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    workshop = factory.SubFactory(WorkshopFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Lecturer"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    workshop = factory.SubFactory(WorkshopFactory)
    speaker = factory.SubFactory(PersonFactory)
    text = "We will cooperate."


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    workshop = factory.SubFactory(WorkshopFactory)
    text = "Participants agreed to meet again."


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Agreement {n}")
    status = Agreement.Status.DRAFTING


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    title = factory.Sequence(lambda n: f"Action {n}")
    workshop = factory.SubFactory(WorkshopFactory)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workshops.Topic"

    name = factory.Sequence(lambda n: f"Topic {n}")


def stored_version(record):
    """The record's `updated_at` as stored, as an API client sends it back with a change."""
    return type(record).objects.get(pk=record.pk).updated_at.isoformat()


def person_of(user):
    """The person a test user account stands for, made and linked on first use (as seed_demo does)."""
    from participants.services import person_for_user

    return person_for_user(user)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "results.Indicator"

    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "workshops"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "results.Target"

    indicator = factory.SubFactory(IndicatorFactory)
    start = datetime.date(2022, 1, 1)
    end = datetime.date(2022, 12, 31)
    value = 10


class EnteredValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "results.EnteredValue"

    target = factory.SubFactory(TargetFactory)
    value = 5
    source = "document"
    source_title = "Annual report 2022"
