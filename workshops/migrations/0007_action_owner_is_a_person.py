"""An action's owner becomes a person (ours or a partner's), with an optional organisation they act for.

Each user account that owns an action gets its person: the one linked already (User.person), else the only active
unlinked person with the account's e-mail, else the only one with its first and last name, else a new person made
from the account (participants.services.person_for_user follows the same rule). The account is linked to that
person, and the action's owner (its history rows too) moves from the account to the person."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _person_for(user, Person, HistoricalPerson, now):
    if user.person_id:
        return user.person_id
    unlinked = Person.objects.filter(user__isnull=True, is_active=True)
    found = []
    if user.email:
        found = list(unlinked.filter(email__iexact=user.email).values_list("pk", flat=True)[:2])
    if len(found) != 1 and user.first_name and user.last_name:
        found = list(
            unlinked.filter(given_name__iexact=user.first_name, family_name__iexact=user.last_name)
            .order_by("pk")
            .values_list("pk", flat=True)[:2]
        )
    if len(found) == 1:
        person_id = found[0]
    else:
        person = Person.objects.create(
            given_name=(user.first_name or ("" if user.last_name else user.username))[:150],
            family_name=user.last_name[:150],
            email=user.email[:254],
        )
        # The fields history keeps (a later migration may add ones it leaves out, e.g. participants 0005's keys).
        kept = {f.attname for f in HistoricalPerson._meta.concrete_fields}
        fields = {
            f.attname: getattr(person, f.attname)
            for f in Person._meta.concrete_fields
            if f.attname != "id" and f.attname in kept
        }
        HistoricalPerson.objects.create(
            id=person.pk,
            history_date=now,
            history_type="+",
            history_change_reason="Action owners became people",
            **fields,
        )
        person_id = person.pk
    user.person_id = person_id
    user.save(update_fields=["person"])
    return person_id


def owners_to_people(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Person = apps.get_model("participants", "Person")
    HistoricalPerson = apps.get_model("participants", "HistoricalPerson")
    ActionItem = apps.get_model("workshops", "ActionItem")
    HistoricalActionItem = apps.get_model("workshops", "HistoricalActionItem")
    now = timezone.now()
    owner_ids = set(ActionItem.objects.exclude(owner=None).values_list("owner_id", flat=True))
    owner_ids |= set(HistoricalActionItem.objects.exclude(owner=None).values_list("owner_id", flat=True))
    people = {}
    for user in User.objects.filter(pk__in=owner_ids).order_by("pk"):
        people[user.pk] = _person_for(user, Person, HistoricalPerson, now)
    for user_id, person_id in people.items():
        ActionItem.objects.filter(owner_id=user_id).update(owner_person_id=person_id)
        HistoricalActionItem.objects.filter(owner_id=user_id).update(owner_person_id=person_id)
    _check_constraints_now(schema_editor)


def people_to_owners(apps, schema_editor):
    """Back: each action owned by a person linked to an account is owned by that account; others lose their owner."""
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    ActionItem = apps.get_model("workshops", "ActionItem")
    HistoricalActionItem = apps.get_model("workshops", "HistoricalActionItem")
    for user_id, person_id in User.objects.exclude(person=None).values_list("pk", "person_id"):
        ActionItem.objects.filter(owner_person_id=person_id).update(owner_id=user_id)
        HistoricalActionItem.objects.filter(owner_person_id=person_id).update(owner_id=user_id)
    _check_constraints_now(schema_editor)


def _check_constraints_now(schema_editor):
    """PostgreSQL checks foreign keys at commit; the tables written here are altered next in the same transaction,
    which it refuses while those checks are pending ("pending trigger events"). Run them now."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_password_change_failures"),
        ("institutes", "0002_dates_and_texts_in_range"),
        ("participants", "0002_dates_and_texts_in_range"),
        ("workshops", "0006_dates_and_texts_in_range"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="actionitem",
            name="owner_person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="participants.person",
            ),
        ),
        migrations.AddField(
            model_name="historicalactionitem",
            name="owner_person",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="participants.person",
            ),
        ),
        migrations.RunPython(owners_to_people, people_to_owners),
        migrations.RemoveField(model_name="actionitem", name="owner"),
        migrations.RemoveField(model_name="historicalactionitem", name="owner"),
        migrations.RenameField(model_name="actionitem", old_name="owner_person", new_name="owner"),
        migrations.RenameField(model_name="historicalactionitem", old_name="owner_person", new_name="owner"),
        migrations.AlterField(
            model_name="actionitem",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="action_items",
                to="participants.person",
                verbose_name="owner",
            ),
        ),
        migrations.AlterField(
            model_name="historicalactionitem",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="participants.person",
                verbose_name="owner",
            ),
        ),
        migrations.AddField(
            model_name="actionitem",
            name="owner_organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The organisation the owner acts for, when it matters.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="owned_action_items",
                to="institutes.organisation",
                verbose_name="on behalf of",
            ),
        ),
        migrations.AddField(
            model_name="historicalactionitem",
            name="owner_organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The organisation the owner acts for, when it matters.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="institutes.organisation",
                verbose_name="on behalf of",
            ),
        ),
    ]
