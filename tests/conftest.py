import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone, translation

from accounts.roles import ADMIN, COORDINATOR, MANAGER
from demo.reference import load_reference_workshop
from demo.results import load_reference_results
from tests.factories import IndicatorFactory, TargetFactory, UserFactory

pytest_plugins = ["tests.mail", "tests.template_db"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 is deliberately slow; tests hash passwords for every demo account they create.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    # A page asked for in Chinese leaves Chinese active in the thread (LocaleMiddleware activates it, nothing
    # deactivates it), and an email or a command run by the next test would come out in Chinese.
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    # Pages cache what they compute (the insights figures); no test may see another's.
    cache.clear()


def _tables():
    return [
        model for model in apps.get_models(include_auto_created=True) if model._meta.managed and not model._meta.proxy
    ]


@pytest.fixture(scope="session")
def reference_rows(django_db_setup, django_db_blocker):
    """Every row the reference workshop adds, read once per session.

    Loading it cleans and saves its rows one by one and writes their history (some 180 rows in 40 tables);
    inserting the rows it left, table by table, takes a tenth of the time. The load itself is rolled back.
    """
    from workshops.models import Workshop

    with django_db_blocker.unblock(), transaction.atomic():
        counts = {model: model._base_manager.count() for model in _tables()}
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in counts if counts[model]}
        started = timezone.now()
        workshop = load_reference_workshop()
        ended = timezone.now()
        rows = {}
        for model in counts:
            fields = [field.attname for field in model._meta.concrete_fields]
            added = [
                row
                for row in model._base_manager.values(*fields)
                if row[model._meta.pk.attname] not in before.get(model, ())
            ]
            if added:
                rows[model] = added
        transaction.set_rollback(True)
    assert workshop.pk in {row["id"] for row in rows[Workshop]}
    return {
        "workshop": workshop.pk,
        "counts": {model: counts[model] for model in rows},
        "rows": rows,
        "loaded": (started, ended),
    }


def _as_if_loaded_at(now, model, rows, loaded):
    """The rows with every moment stamped during the session's load moved to now, as if loaded by this test: a test
    on a frozen clock then sees the demo's history before its own changes, as it would after a load of its own.
    Moments the demo data gives (a status change in 2022) lie outside the load and are kept."""
    started, ended = loaded
    shift = now - ended
    moments = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
    if not moments or not shift:
        return rows
    shifted = []
    for row in rows:
        row = dict(row)
        for name in moments:
            if row[name] is not None and started <= row[name] <= ended:
                row[name] += shift
        shifted.append(row)
    return shifted


@pytest.fixture
def reference_workshop(db, reference_rows):
    """The 2022-01-14 WIT–PCCFPI workshop of tests/fixtures/reference/, as the demo data loads it.

    Its rows are inserted as the session's one load left them, with the same ids, when the tables they go to are
    as that load found them; otherwise (a test that made records first) it is loaded afresh.
    """
    from workshops.models import Workshop

    tables = reference_rows["counts"]
    if any(model._base_manager.count() != count for model, count in tables.items()):
        return load_reference_workshop()
    now = timezone.now()  # one moment for every table, so a row and its history keep the same version
    with transaction.atomic():
        for model, rows in reference_rows["rows"].items():
            # A raw insert, as loaddata's: bulk_create would stamp updated_at anew, and edit pages compare it with
            # the history rows' copy to find the version a form started from.
            fields = model._meta.concrete_fields
            objs = [model(**row) for row in _as_if_loaded_at(now, model, rows, reference_rows["loaded"])]
            batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
            for start in range(0, len(objs), batch):
                model._base_manager._insert(objs[start : start + batch], fields=fields, raw=True)
        # PostgreSQL: the sequences must pass the ids inserted; SQLite keeps track itself.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(tables)):
                cursor.execute(sql)
    return Workshop._base_manager.get(pk=reference_rows["workshop"])


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=COORDINATOR)


@pytest.fixture
def manager(db):
    return UserFactory(username="manager", role=MANAGER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=ADMIN, is_staff=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def admin_client_with_role(client, admin_user):
    """A client signed in as the demo-style admin: staff, in the Admin group, not a superuser."""
    client.force_login(admin_user)
    return client


def _feed_owner():
    return UserFactory(username="calendar-owner", role=COORDINATOR)


@pytest.fixture
def demo_ids(reference_workshop, settings, tmp_path):
    """URL arguments for every route, taken from the demo data (see tests/urls_catalogue.py)."""
    from django.core.files.base import ContentFile

    from agreements.models import Agreement, AgreementDocument
    from institutes.models import Organisation
    from participants.models import Person

    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.get(origin_workshops=reference_workshop)
    document = AgreementDocument.objects.create(
        agreement=agreement, version_label="draft 1", file=ContentFile(b"%PDF-1.4 draft", "framework-draft-1.pdf")
    )
    organisation = Organisation.objects.get(short_name="PCCFPI").pk
    person = Person.objects.get(given_name="Samath").pk
    initiative = load_reference_results()
    indicator = initiative.indicators.get(name="Bilateral workshops held")
    period = indicator.targets.order_by("start").first()
    agreement_indicator = IndicatorFactory(
        agreement=agreement, name="Bilateral workshops under the agreement", rule="bilateral_workshops"
    )
    TargetFactory(indicator=agreement_indicator, label="2022", value=2)
    return {
        "workshops": reference_workshop.pk,
        "agreements": agreement.pk,
        "institutes": organisation,
        "participants": person,
        "privacy": person,
        "agreements:transition.name": "abandon",
        "calendar:feed.token": _feed_owner().calendar_token,
        "calendar:feed.name": "workshops",
        "agreements:document.document_pk": document.pk,
        "workshops:attachment.attachment_pk": reference_workshop.attachments.create(
            title="Source report", kind="report", file=ContentFile(b"Minutes", "source-report.txt")
        ).pk,
        "agreements:from-decision.outcome_pk": reference_workshop.outcomes.get(kind="decision").pk,
        "actions:status.pk": reference_workshop.action_items.order_by("id").first().pk,
        "*.fmt": "csv",
        "agreements:iati-programme.pk": reference_workshop.programme_id,
        "api:organisation-detail.pk": organisation,
        "api:person-detail.pk": person,
        "api:organisation-merge.pk": organisation,
        "api:person-merge.pk": person,
        "api:workshop-detail.pk": reference_workshop.pk,
        "api:workshop-approve.pk": reference_workshop.pk,
        "api:attendance-detail.pk": reference_workshop.attendances.order_by("id").first().pk,
        "api:agreement-detail.pk": agreement.pk,
        "api:agreement-transition.pk": agreement.pk,
        "api:agreement-transition.name": "abandon",
        "api:agreement-renew.pk": agreement.pk,
        "api:agreementparty-detail.pk": agreement.parties.order_by("id").first().pk,
        "api:actionitem-detail.pk": reference_workshop.action_items.order_by("id").first().pk,
        "results:programme.pk": initiative.pk,
        "results:programme-indicator-create.pk": initiative.pk,
        "results:agreement.pk": agreement.pk,
        "results:agreement-indicator-create.pk": agreement.pk,
        "results:indicator.pk": indicator.pk,
        "results:indicator-edit.pk": indicator.pk,
        "results:target-create.pk": indicator.pk,
        "results:history.pk": indicator.pk,
        "results:records.pk": period.pk,
        "results:value-create.pk": period.pk,
        "api:indicator-detail.pk": indicator.pk,
        "api:indicatorperiod-detail.pk": period.pk,
        "api:indicatorperiod-records.pk": period.pk,
        "api:indicatorvalue-detail.pk": period.values.first().pk,
        **_partner_link_ids(reference_workshop, Person.objects.get(given_name="Samath")),
    }


def _partner_link_ids(workshop, partner):
    """A partner's confirmation link (to a revision not approved: it says it was replaced), action link and
    report, for the URLs that take them."""
    import datetime

    from django.utils import timezone

    from workshops.models import ActionReport, MeetingRecordSending, RecordConfirmation
    from workshops.partners import action_report_link_create, token_hash

    sending = MeetingRecordSending.objects.create(
        workshop=workshop, revision=workshop.revision, was_approved=True, addresses=partner.email
    )
    confirmation = RecordConfirmation.objects.create(
        sending=sending,
        person=partner,
        token_hash=token_hash("demo-confirmation-link"),
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    link, token = action_report_link_create(person=partner)
    report = ActionReport.objects.create(
        action=workshop.action_items.order_by("id").first(), link=link, kind="comment", comment="On it."
    )
    return {
        "workshops:confirm.token": "demo-confirmation-link",
        "workshops:report-actions.token": token,
        "workshops:confirmation-revoke.link_pk": confirmation.pk,
        "workshops:action-report-decide.report_pk": report.pk,
    }
