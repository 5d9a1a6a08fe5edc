import datetime
import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope import ScopedQuerySet
from common.choices import ChoiceLabels
from common.search import any_field_contains, estimated_rows, pk_among, search_words
from common.validators import DATE_RANGE, TEXT_LENGTH, dates_in_range
from institutes.models import Organisation, organisations_holding
from participants.models import Person
from workshops.models import Outcome, Programme, Topic, Workshop

COMMON_WORD = 2000  # matches the planner expects of a word above which it is read last (rarest_word)
RAREST_TRIED = 3  # words whose matches the planner is asked to estimate (a millisecond or two each), the longest


def word_parts(word):
    """values() querysets of the agreements holding the word, for pk_among(): by title (its trigram index, agreements/
    migrations/0008) and by their parties' organisations (institutes.models.organisations_holding). A UNION, not an
    OR: the OR read every agreement and every party."""
    titled = [
        Agreement.objects.filter(**{f"{field}__icontains": word}).order_by().values("pk")
        for field in Agreement.NAME_FIELDS
    ]
    parties = AgreementParty.objects.filter(pk_among(organisations_holding(word), "organisation_id"))
    return [*titled, parties.order_by().values("agreement_id")]


def holding_condition(word):
    """The same as word_parts(word), as a condition on each agreement: its title, or a party among the organisations
    holding the word (a hashed subquery)."""
    parties = AgreementParty.objects.filter(pk_among(organisations_holding(word), "organisation_id"))
    return any_field_contains(word, Agreement.NAME_FIELDS) | Q(pk__in=parties.order_by().values("agreement_id"))


def rarest_word(words):
    """The word whose matches are read first: the longest that the planner does not know to be common (more than
    COMMON_WORD estimated: "cooperation", in every agreement's title), of the RAREST_TRIED longest; the longest on
    SQLite, which estimates nothing."""
    by_length = sorted(dict.fromkeys(words), key=len, reverse=True)
    if connection.vendor != "postgresql" or len(by_length) == 1:
        return by_length[0]
    for word in by_length[:RAREST_TRIED]:
        parts = word_parts(word)
        if estimated_rows(parts[0].union(*parts[1:])) <= COMMON_WORD:
            return word
    return by_length[0]


class AgreementQuerySet(ScopedQuerySet):
    def search(self, words):
        """Agreements with every word typed in their title or in the name of one of their parties: managers look
        an agreement up by its partners ("WIT Sihanouk") as often as by its title. One word is read from its indexes
        (word_parts); of several, the one likely rarest is (rarest_word), and each agreement it finds is tested for the
        others (holding_condition): a set of ids per word, each row compared with every set ("= ANY(ARRAY(…))"), cost
        1.3 s for seven common words at 20,000 agreements (113 ms now)."""
        words = search_words(words)
        if not words:
            return self
        first = rarest_word(words)
        queryset = self.filter(pk_among(word_parts(first)))
        for word in words:
            if word != first:
                queryset = queryset.filter(holding_condition(word))
        return queryset

    def in_pipeline(self):
        return self.filter(status__in=Agreement.Status.pipeline())

    def in_force(self):
        return self.filter(status=Agreement.Status.ACTIVE)

    def expiring_within(self, days, today=None):
        """Signed or active agreements whose expiry date falls between today and today + `days`."""
        return self.filter(self.expiring_condition(days, today=today))

    @staticmethod
    def expiring_condition(days, today=None):
        """The condition of expiring_within(), for pages that count several windows in one aggregate."""
        today = today or timezone.localdate()
        return Q(
            status__in=Agreement.Status.current(),
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=days),
        )

    def stale(self, days, today=None):
        """In the pipeline with no step for more than `days` days, counted from the day the last step happened."""
        today = today or timezone.localdate()
        return self.in_pipeline().filter(status_since__lt=today - datetime.timedelta(days=days))


# Ten years: an agreement's review starts at most this long before it expires.
MAX_NOTICE_DAYS = 3650
NOTICE_PERIOD_MESSAGE = _("A notice period is at most 3,650 days (ten years).")


class Agreement(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding (MoU)")
        FRAMEWORK = "framework", _("Framework agreement")
        EXCHANGE = "exchange", _("Exchange agreement")
        OTHER = "other", _("Other")

    class Scope(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral")
        MULTILATERAL = "multilateral", _("Multilateral")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DRAFTING = "drafting", _("Drafting")
        NEGOTIATION = "negotiation", _("Negotiation")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        SUSPENDED = "suspended", _("Suspended")
        ABANDONED = "abandoned", _("Abandoned")

        # The groups every page, job and door shares (methods, since the enum would make attributes members).
        @classmethod
        def pipeline(cls):
            """Not signed yet, still being worked on."""
            return (cls.PROPOSED, cls.DRAFTING, cls.NEGOTIATION)

        @classmethod
        def frozen(cls):
            """Signed at some point: the text and parties are settled, and changes go through an amendment."""
            return (cls.SIGNED, cls.ACTIVE, cls.SUSPENDED, cls.EXPIRED, cls.TERMINATED)

        @classmethod
        def binding(cls):
            """Signed and not over: it can be amended, terminated or expire."""
            return (cls.SIGNED, cls.ACTIVE, cls.SUSPENDED)

        @classmethod
        def current(cls):
            """Signed or in force: the agreements whose coming expiry someone must act on."""
            return (cls.SIGNED, cls.ACTIVE)

        @classmethod
        def closed(cls):
            """Over, one way or another: nothing more is done under it."""
            return (cls.EXPIRED, cls.TERMINATED, cls.ABANDONED)

    # Settled at signing: afterwards they change through an amendment or a transition, never by editing.
    SETTLED_FIELDS = (
        "title",
        "kind",
        "scope",
        "programme",
        "scope_topics",
        "proposed_on",
        "target_signing_date",
        "signed_on",
        "effective_from",
        "expires_on",
        "notice_period_days",
        "renews",
    )

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MOU)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.BILATERAL)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_changed_at = models.DateTimeField(_("status recorded"), default=timezone.now)
    # The day the current status began, which for an agreement recorded late is long before it was recorded.
    status_since = models.DateField(_("status since"), default=timezone.localdate, validators=DATE_RANGE)
    summary = models.TextField(
        _("scope note"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    scope_topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="agreements")
    organisations = models.ManyToManyField(
        Organisation, through="AgreementParty", related_name="agreements", verbose_name=_("parties")
    )
    origin_workshops = models.ManyToManyField(
        Workshop, verbose_name=_("came from workshops"), blank=True, related_name="agreements"
    )
    origin_outcomes = models.ManyToManyField(
        Outcome, verbose_name=_("came from decisions"), blank=True, related_name="agreements"
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True, validators=DATE_RANGE)
    target_signing_date = models.DateField(_("target signing date"), null=True, blank=True, validators=DATE_RANGE)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=DATE_RANGE)
    effective_from = models.DateField(_("in force from"), null=True, blank=True, validators=DATE_RANGE)
    expires_on = models.DateField(_("expires on"), null=True, blank=True, validators=DATE_RANGE)
    notice_period_days = models.IntegerField(
        _("notice period (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_NOTICE_DAYS, message=NOTICE_PERIOD_MESSAGE)],
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        help_text=_("The earlier agreement this one renews or extends."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Focal points: who answers for it on our side (users), and whom to call at the parties (people). Reminders and
    # status notices go to them first (overview/reminders.py, notifications); they stay editable after signing.
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible on our side"),
        blank=True,
        related_name="responsible_for_agreements",
        help_text=_("They get its reminders and are told when its status changes."),
    )
    contact_people = models.ManyToManyField(
        Person,
        verbose_name=_("contact persons at the parties"),
        blank=True,
        related_name="agreement_contacts",
        help_text=_("People at the parties' organisations (a position there, or their signatory)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[scope_topics, origin_workshops, origin_outcomes, responsible_users, contact_people]
    )

    objects = AgreementQuerySet.as_manager()

    NAME_FIELDS = ("title",)
    PROGRAMME_PATHS = ("programme_id",)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-updated_at", "-id"]
        indexes = [
            # Status first: the lists filter by it; the dates after it let the home page count stale and expiring
            # agreements from the index alone.
            models.Index(fields=["status", "status_since", "expires_on"], name="agreement_status_dates_idx"),
            models.Index(fields=["expires_on"], name="agreement_expires_idx"),
            # The list's order (Meta.ordering): its first page without sorting every agreement.
            models.Index(fields=["updated_at", "id"], name="agreement_updated_idx"),
            models.Index(fields=["status_changed_at"], name="agreement_status_changed_idx"),
            models.Index(fields=["status_since"], name="agreement_status_since_idx"),
            models.Index(fields=["kind"], name="agreement_kind_idx"),
        ]
        constraints = [
            dates_in_range(
                "agreement", "proposed_on", "target_signing_date", "signed_on", "effective_from", "expires_on"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(expires_on__gte=F("effective_from")),
                name="agreement_expires_after_effective",
                violation_error_message=_("An agreement cannot expire before it comes into force."),
            ),
            models.CheckConstraint(
                condition=Q(notice_period_days__isnull=True) | Q(notice_period_days__gte=0),
                name="agreement_notice_period_not_negative",
                violation_error_message=_("The notice period cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(notice_period_days__isnull=True) | Q(notice_period_days__lte=MAX_NOTICE_DAYS),
                name="agreement_notice_period_at_most_ten_years",
                violation_error_message=NOTICE_PERIOD_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(renews=F("id")),
                name="agreement_does_not_renew_itself",
                violation_error_message=_("An agreement cannot renew itself."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="agreement_title_not_blank",
                violation_error_message=_("Give the agreement a title."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.pk])

    def clean(self):
        self.title = " ".join((self.title or "").split())

    def party_people(self):
        """The people who may be its contact persons: a position at one of its parties' organisations, or a
        party's signatory."""
        if self.pk is None:
            return Person.objects.none()
        organisations = self.parties.values("organisation_id")
        return Person.objects.filter(
            Q(positions__organisation__in=organisations) | Q(signed_agreements__agreement=self)
        ).distinct()

    @property
    def is_frozen(self):
        return self.status in self.Status.frozen()

    @property
    def is_amendable(self):
        return self.status in self.Status.binding()


class AgreementParty(ChoiceLabels, models.Model):
    class Role(models.TextChoices):
        PARTY = "party", _("Party")
        WITNESS = "witness", _("Witness")
        FACILITATOR = "facilitator", _("Facilitator")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    signatory = models.ForeignKey(
        Person,
        verbose_name=_("signatory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_agreements",
    )
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=DATE_RANGE)
    # A party is also changed on its own (the API): its version, as a record's, refuses a stale write.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("agreement__programme_id",)

    class Meta:
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        ordering = ["agreement", "role", "id"]
        constraints = [
            dates_in_range("agreementparty", "signed_on"),
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="agreementparty_unique",
                violation_error_message=_("This organisation is already a party to this agreement."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(signatory__isnull=False),
                name="agreementparty_signing_date_needs_signatory",
                violation_error_message=_("A signing date needs a signatory."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation.label} ({self.get_role_display()})"


# The comments the app writes on a status change itself. They are stored in English with their values filled in, and
# shown in the reader's language (AgreementStatusChange.comment_shown): the timeline reads the same in every language.
EXPIRY_COMMENT = gettext_noop("Expiry date %(date)s passed.")
RENEWAL_COMMENT = gettext_noop("Renewal of “%(title)s”.")
FROM_DECISION_COMMENT = gettext_noop("Started from a decision of the workshop of %(date)s.")
AUTOMATIC_COMMENTS = (EXPIRY_COMMENT, RENEWAL_COMMENT, FROM_DECISION_COMMENT)


def automatic_comment(msgid, **values):
    """One of AUTOMATIC_COMMENTS with its values, as stored."""
    return msgid % values


@functools.cache
def _comment_patterns():
    """(msgid, pattern) for each automatic comment as stored now (English) and in each language, for the comments
    stored in the writer's language before they were stored in English."""
    patterns = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for msgid in AUTOMATIC_COMMENTS:
                written = re.escape(gettext(msgid))
                pattern = re.sub(r"%\\\(([a-z_]+)\\\)s", r"(?P<\1>.+)", written)
                patterns.append((msgid, re.compile(pattern, re.DOTALL)))
    return patterns


class AgreementStatusChange(ChoiceLabels, models.Model):
    """One step in an agreement's life: the day it happened, who recorded it and when, from what to what, and why."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Agreement.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Agreement.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("recorded"), default=timezone.now)
    occurred_on = models.DateField(_("date it happened"), default=timezone.localdate, validators=DATE_RANGE)
    comment = models.TextField(
        _("comment"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("agreement__programme_id",)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["agreement", "occurred_on", "changed_at", "id"]

    def __str__(self):
        return f"{self.agreement}: {self.from_status or '—'} → {self.to_status}"

    @property
    def comment_shown(self):
        """The comment in the active language if the app wrote it (AUTOMATIC_COMMENTS), else as typed."""
        for msgid, pattern in _comment_patterns():
            match = pattern.fullmatch(self.comment)
            if match:
                return gettext(msgid) % match.groupdict()
        return self.comment


class Amendment(ChoiceLabels, models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="amendments"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("what it changes"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=DATE_RANGE)
    effective_from = models.DateField(_("in force from"), null=True, blank=True, validators=DATE_RANGE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("agreement__programme_id",)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["agreement", "created_at", "id"]
        constraints = [dates_in_range("amendment", "signed_on", "effective_from")]

    def __str__(self):
        return self.title

    def clean(self):
        if self._state.adding and self.agreement_id and not self.agreement.is_amendable:
            raise ValidationError(_("Only a signed agreement is amended; edit a draft directly."))


def agreement_document_path(instance, filename):
    return f"agreements/{instance.agreement_id}/{filename}"


class AgreementDocument(ChoiceLabels, models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=agreement_document_path)
    version_label = models.CharField(_("version"), max_length=50)
    note = models.TextField(_("note"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("agreement__programme_id",)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["agreement", "-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "version_label"],
                name="agreementdocument_unique_version",
                violation_error_message=_("This agreement already has a document with this version label."),
            )
        ]

    def __str__(self):
        return f"{self.agreement} — {self.version_label}"

    def download_url(self):
        """The permission-checked download of the file (the storage's own address is never handed out)."""
        return reverse("agreements:document", args=[self.agreement_id, self.pk])
