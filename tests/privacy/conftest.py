import datetime

import pytest
from django.utils import timezone

from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person, PersonAlias
from tests.factories import ActionItemFactory, AttendanceFactory, StatementFactory, WorkshopFactory
from workshops.models import MeetingRecordSending


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    # The erasure log is kept in the file storage: no test may replay another's erasures.
    settings.MEDIA_ROOT = tmp_path / "media"


EMAIL = "samath.bou@pccfpi.example"
PHONE = "+855 12 345 678"
# What must not be found anywhere afterwards: the names he is known by, his e-mail and his phone.
TRACES = ["Samath", "BOU Samath", "ប៊ូ សាម៉ាត", EMAIL, PHONE]
SIGNED_ON = datetime.date(2022, 3, 1)


@pytest.fixture
def samath(reference_workshop):
    """Samath Bou of the reference workshop (he attended and spoke there), given contacts, an other name, an
    action he owns, his signature on the framework agreement, a meeting record sent to him, a recent workshop whose
    minutes and another speaker name him, and a few versions of each."""
    samath = Person.objects.get(given_name="Samath")
    samath.email, samath.phone, samath.name_local = EMAIL, PHONE, "ប៊ូ សាម៉ាត"
    samath.notes = "Met Samath at the 2022 workshop."
    samath.save()
    PersonAlias.objects.create(person=samath, name="BOU Samath")
    ActionItemFactory(owner=samath, workshop=reference_workshop, title="Send the list of trainers")
    agreement = Agreement.objects.get(origin_workshops=reference_workshop)
    party = agreement.parties.get(organisation__short_name="PCCFPI")
    party.signatory, party.signatory_title, party.signed_on = samath, "Principal of PCCFPI", SIGNED_ON
    party.save()
    sending = MeetingRecordSending.objects.create(
        workshop=reference_workshop, revision=1, addresses=f"{EMAIL}, wit@example.org", message="For Mr. Samath Bou"
    )
    sending.recipients.add(samath)
    recent = WorkshopFactory(
        title="Follow-up call",
        summary="A call with Mr. Samath Bou on the trainers.",
        start_date=timezone.localdate() - datetime.timedelta(days=5),
        minutes=f"Mr. Samath Bou ({EMAIL}, {PHONE}) reported on the trainers. BOU Samath will write.",
    )
    AttendanceFactory(workshop=recent, person=samath, organisation=Organisation.objects.get(short_name="PCCFPI"))
    other = Person.objects.get(given_name="Ting")
    StatementFactory(workshop=recent, speaker=other, text="We thank Mr. Samath for the visit.")
    StatementFactory(workshop=recent, speaker=samath, text="I, Samath Bou, will send the list.")
    recent.minutes += " Corrected."
    recent.save()
    return samath
