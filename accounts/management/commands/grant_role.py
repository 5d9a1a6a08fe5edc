from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from accounts.models import RoleGrant
from accounts.services import role_grant, role_revoke


class Command(BaseCommand):
    help = "Give a user a role for one programme (--programme) or for all of them; --revoke takes it away."

    def add_arguments(self, parser):
        parser.add_argument("username")
        # The role in any case: "coordinator" (as the issue and people type it) is Coordinator.
        parser.add_argument("role", type=str.capitalize, choices=RoleGrant.Role.values)
        parser.add_argument(
            "--programme", default=None, help="The programme's name or short name; without it, all programmes."
        )
        parser.add_argument("--revoke", action="store_true", help="Take the role away instead.")

    def handle(self, *args, username, role, programme, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        record = None
        if programme is not None:
            Programme = apps.get_model("workshops", "Programme")
            found = list(Programme.objects.filter(Q(name__iexact=programme) | Q(short_name__iexact=programme))[:2])
            if len(found) != 1:
                raise CommandError(f"No single programme is called {programme!r}.")
            record = found[0]
        where = f"programme {record.name!r}" if record else "all programmes"
        if revoke:
            count = role_revoke(user=user, role=role, programme=record)
            if not count:
                raise CommandError(f"{username} does not hold {role} for {where}.")
            self.stdout.write(f"{username} no longer holds {role} for {where}.")
            return
        try:
            role_grant(user=user, role=role, programme=record)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{username} now holds {role} for {where}.")
