from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from participants.models import Person
from privacy.services import person_anonymise


class Command(BaseCommand):
    help = (
        'Anonymise a person: their name becomes "Participant (organisation)" everywhere, their contacts and history '
        "are deleted, counts and organisations stay; the erasure log keeps why, without the name."
    )

    def add_arguments(self, parser):
        parser.add_argument("pk", type=int, help="the person's id (its number in /people/<id>/)")
        parser.add_argument("--reason", required=True, help="why, without the person's name")
        parser.add_argument(
            "--everywhere",
            action="store_true",
            help="search the text of every workshop and agreement for the name, not only the person's own (reads "
            "every row: minutes at a large database)",
        )

    def handle(self, *args, pk, reason, everywhere, **options):
        person = Person.objects.filter(pk=pk).first()
        if person is None:
            raise CommandError(f"No person #{pk}.")
        try:
            log = person_anonymise(person=person, user=None, reason=reason, everywhere=everywhere)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Anonymised person #{pk}; erasure log entry {log.entry}.")
