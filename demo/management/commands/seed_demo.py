import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import ADMIN, COORDINATOR, MANAGER
from accounts.services import role_grant
from demo.pipeline import load_demo_pipeline
from demo.reference import load_reference_workshop
from demo.results import load_reference_results
from participants.services import person_for_user

DEMO_ACCOUNTS = [
    # (username, group, first name, may use the admin site)
    ("coordinator", COORDINATOR, "Demo coordinator", False),
    ("manager", MANAGER, "Demo manager", False),
    ("admin", ADMIN, "Demo admin", True),
]


class Command(BaseCommand):
    help = "Load the reference workshop of 2022-01-14 and the three demo sign-in accounts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo accounts. Without it, new accounts get a random password that is printed; "
            "existing accounts keep theirs.",
        )

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        workshop = load_reference_workshop()
        generated = None
        if (
            password is None
            and not get_user_model().objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).exists()
        ):
            password = generated = secrets.token_urlsafe(12)
        created = [
            self.ensure_account(username, group, name, staff, password)
            for username, group, name, staff in DEMO_ACCOUNTS
        ]
        # A few more agreements and actions around the reference one, so the manager's home has something to show;
        # their owners are the demo accounts' people.
        pipeline = load_demo_pipeline()
        # The reference initiative's indicators, with the network's published figures (demo/results.py).
        initiative = load_reference_results()

        self.stdout.write(
            f"Demo data ready: workshop #{workshop.pk} “{workshop.title[:60]}…”, "
            f"{workshop.attendances.count()} named of {workshop.reported_attendance} reported; "
            f"accounts created: {sum(created)} of {len(DEMO_ACCOUNTS)}; "
            f"demo pipeline agreements created: {pipeline}; "
            f"indicators of the initiative: {initiative.indicators.count()}."
        )
        if generated:
            self.stdout.write(f"Sign in as coordinator, manager or admin with the password: {generated}")

    def ensure_account(self, username, group_name, first_name, staff, password):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "email": f"{username}@example.org", "is_staff": staff},
        )
        changed = False
        if password is not None and not user.check_password(password):
            user.set_password(password)
            changed = True
        if user.is_staff != staff:
            user.is_staff = staff
            changed = True
        if changed:
            user.save()
        # The demo accounts hold their role for all programmes (accounts.services.role_grant also sets the group).
        if not user.role_grants.filter(role=group_name, programme=None).exists():
            role_grant(user=user, role=group_name)
        # Each account stands for a person, who can own follow-up actions ("my actions").
        person_for_user(user)
        return created
