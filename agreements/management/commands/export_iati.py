from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from agreements.iati import agreement_xml, all_programmes_xml, programme_xml
from agreements.models import Agreement
from workshops.models import Programme


class Command(BaseCommand):
    help = "Write IATI activity XML 2.03 for a programme, an agreement, or every programme."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--programme", type=int, metavar="ID", help="Export this programme and its records.")
        which.add_argument("--agreement", type=int, metavar="ID", help="Export this agreement and its workshops.")
        parser.add_argument("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output.")
        parser.add_argument(
            "--base-url",
            default=settings.IATI_BASE_URL,
            help="Site address that document links start with.",
        )

    def handle(self, *args, programme=None, agreement=None, output=None, base_url, **options):
        if programme is not None:
            record = Programme.objects.filter(pk=programme).first()
            if record is None:
                raise CommandError(f"There is no programme with id {programme}.")
            xml, what = programme_xml(record, base_url=base_url), f"programme {record.pk} ({record.name})"
        elif agreement is not None:
            record = Agreement.objects.filter(pk=agreement).first()
            if record is None:
                raise CommandError(f"There is no agreement with id {agreement}.")
            xml, what = agreement_xml(record, base_url=base_url), f"agreement {record.pk} ({record.title})"
        else:
            xml, what = all_programmes_xml(base_url=base_url), "every programme"
        count = xml.count(b"<iati-activity ")
        if output:
            with open(output, "wb") as file:
                file.write(xml)
            self.stderr.write(f"Wrote {count} IATI activities for {what} to {output}.")
        else:
            self.stdout.write(xml.decode())
            self.stderr.write(f"Wrote {count} IATI activities for {what}.")
