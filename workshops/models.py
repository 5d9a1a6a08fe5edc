import calendar
import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope import ScopedQuerySet
from common.choices import ChoiceLabels
from common.cjk import HasCjkGram, is_short_cjk
from common.pagination import CountedQuerySet
from common.search import every_word_in_any_field, search_words
from common.validators import DATE_RANGE, MINUTES_LENGTH, TEXT_LENGTH, dates_in_range, single_line
from institutes.models import Organisation
from participants.models import Person


def validate_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Shanghai or Asia/Phnom_Penh."),
            code="invalid_timezone",
            params={"value": value},
        ) from None


class Programme(ChoiceLabels, models.Model):
    # A programme is visible with its initiatives and projects (accounts.scope expands a grant to them).
    PROGRAMME_PATHS = ("pk",)

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        INITIATIVE = "initiative", _("Initiative")
        PROJECT = "project", _("Project")

    name = models.CharField(_("name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    other_names = models.CharField(
        _("other names"),
        max_length=500,
        blank=True,
        help_text=_("Other names seen in documents, separated by semicolons."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    coordinating_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinating organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_programmes",
    )
    coordinating_unit = models.CharField(
        _("coordinating unit"), max_length=200, blank=True, help_text=_("The office or project that coordinates it.")
    )
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme or initiative")
        verbose_name_plural = _("programmes and initiatives")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkshopQuerySet(CountedQuerySet, ScopedQuerySet):
    def search(self, words):
        """Workshops with every word typed in their title or other title. On PostgreSQL a word of one or two Chinese
        characters is first looked up in the index of their characters and pairs (common/cjk.py)."""
        words = search_words(words)
        queryset = self.filter(every_word_in_any_field(words, Workshop.NAME_FIELDS))
        if connection.vendor == "postgresql":
            for word in words:
                if is_short_cjk(word):
                    queryset = queryset.filter(HasCjkGram(word, *Workshop.NAME_FIELDS))
        return queryset

    def for_list(self):
        return (
            self.select_related("programme")
            .prefetch_related(
                models.Prefetch(
                    "organisation_links",
                    queryset=WorkshopOrganisation.objects.filter(role=WorkshopOrganisation.Role.HOST).select_related(
                        "organisation"
                    ),
                    to_attr="host_links",
                )
            )
            # A correlated count, not a JOIN + GROUP BY over all attendance: the database counts only for the rows
            # of the page, and the paginator's COUNT(*) leaves it out (measured 1.2 s → see docs/performance.md).
            .annotate(
                named_count=Coalesce(
                    models.Subquery(
                        Attendance.objects.filter(workshop=models.OuterRef("pk"))
                        .order_by()
                        .values("workshop")
                        .annotate(n=models.Count("id"))
                        .values("n")
                    ),
                    0,
                )
            )
            .order_by("-start_date", "-id")
        )

    def involving(self, organisation):
        """Workshops an organisation hosted, coordinated, was represented at, or sent a named attendee to."""
        linked = WorkshopOrganisation.objects.filter(organisation=organisation).order_by().values("workshop_id")
        attended = Attendance.objects.filter(organisation=organisation).order_by().values("workshop_id")
        # A UNION, not an OR of two subqueries: the planner knows it is a few rows and fetches them by id, where it
        # guessed the OR matched most workshops and read them in date order until it found 50 (23,000 at 100k).
        return self.filter(pk__in=linked.union(attended))

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Workshop.status_is(Workshop.Status.PLANNED, today), start_date__gte=today)

    def with_status(self, status, today=None):
        """Workshops whose status is `status` today, whether it was chosen or follows from the dates."""
        return self.filter(Workshop.status_is(status, today or timezone.localdate()))


class Workshop(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral workshop / paired consultation")
        MULTILATERAL = "multilateral", _("Multilateral workshop")
        TRAINING = "training", _("Training")
        STUDY_VISIT = "study_visit", _("Study visit")
        CONFERENCE = "conference", _("Conference or forum")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    title = models.CharField(_("title"), max_length=500)
    other_title = models.CharField(
        _("other title"),
        max_length=500,
        blank=True,
        help_text=_("Another title used for it, e.g. in a report's headline."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BILATERAL)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.ONLINE)
    # Blank means "as the dates say": planned until the last day it could take place, held after it. Stored
    # blank rather than computed on save, so a workshop planned for next week reads "held" the week after without
    # anyone editing it. Postponed and cancelled are only ever chosen.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[("", _("From the dates")), *Status.choices],
        blank=True,
        default="",
        help_text=_("Planned until it takes place, held after, unless you choose otherwise."),
    )
    # Reports often give the day but not the hour: the day is required, the times are not, and all four are
    # local to `timezone`. `starts_at`/`ends_at` turn them into aware datetimes when the times are known.
    # Some give only the month or the year ("November 2022"): start_date is then the first day of it, so a
    # month sorts at its start, before the workshops dated to a day of that month.
    start_date = models.DateField(_("start date"), validators=DATE_RANGE)
    date_precision = models.CharField(
        _("date known to the"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=DATE_RANGE)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone], help_text=_("e.g. Asia/Shanghai")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    platform = models.CharField(_("online platform"), max_length=100, blank=True, help_text=_("Zoom, Teams, …"))
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
    )
    initiative = models.ForeignKey(
        Programme,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_workshops",
    )
    organisations = models.ManyToManyField(
        Organisation, through="WorkshopOrganisation", related_name="workshops", verbose_name=_("organisations")
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="workshops")
    reported_attendance = models.IntegerField(
        _("reported attendance"),
        null=True,
        blank=True,
        help_text=_("The number of attendees the report gives, including people it does not name."),
    )
    summary = models.TextField(
        _("summary"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    minutes = models.TextField(
        _("minutes"), blank=True, max_length=MINUTES_LENGTH, validators=[MaxLengthValidator(MINUTES_LENGTH)]
    )
    # Its focal point: reminders of its actions and the notice of approved minutes go to them first.
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_workshops",
        help_text=_("Our colleague who follows this workshop up: told when its minutes are approved."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The meeting record is a draft until someone approves it; an edit after that starts the next revision, and the
    # approved one stays in the history.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[topics])

    objects = WorkshopQuerySet.as_manager()

    NAME_FIELDS = ("title", "other_title")
    # A workshop is in a programme's scope through its programme or its initiative.
    PROGRAMME_PATHS = ("programme_id", "initiative_id")

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["-start_date", "-id"], name="workshop_start_idx"),
            models.Index(fields=["status"], name="workshop_status_idx"),
            models.Index(fields=["format"], name="workshop_format_idx"),
            models.Index(fields=["kind"], name="workshop_kind_idx"),
            # The results rules (results/rules.py): a programme's (initiative's) workshops of a period, read as a
            # range of its dates rather than every workshop of the programme.
            models.Index(fields=["programme", "start_date"], name="workshop_programme_start_idx"),
            models.Index(fields=["initiative", "start_date"], name="workshop_initiative_start_idx"),
        ]
        constraints = [
            dates_in_range("workshop", "start_date", "end_date"),
            models.CheckConstraint(
                condition=Q(reported_attendance__isnull=True) | Q(reported_attendance__gte=0),
                name="workshop_reported_attendance_not_negative",
                violation_error_message=_("Reported attendance cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="workshop_end_date_after_start",
                violation_error_message=_("The workshop cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=False) | Q(end_time__isnull=True),
                name="workshop_end_time_needs_end_date",
                violation_error_message=_("Give an end date with the end time."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_date__gt=F("start_date"))
                | Q(end_time__gte=F("start_time")),
                name="workshop_end_time_after_start",
                violation_error_message=_("The workshop cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(date_precision="day") | Q(end_date__isnull=True, start_time__isnull=True),
                name="workshop_partial_date_has_no_end_or_time",
                violation_error_message=_("A workshop dated only to the month or year has no end date or times."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="workshop_title_not_blank",
                violation_error_message=_("Give the workshop a title."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date_iso})" if self.start_date else self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", args=[self.pk])

    def clean(self):
        # In clean() rather than the fields' validators, which would need a migration of this app.
        errors = {}
        for name in ("title", "other_title"):
            try:
                single_line(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)
        if self.start_date and self.date_precision == self.DatePrecision.MONTH:
            self.start_date = self.start_date.replace(day=1)
        elif self.start_date and self.date_precision == self.DatePrecision.YEAR:
            self.start_date = self.start_date.replace(month=1, day=1)

    @property
    def last_possible_day(self):
        """The last day the workshop may have taken place on: its end, or the end of its month or year."""
        if self.date_precision == self.DatePrecision.YEAR:
            return self.start_date.replace(month=12, day=31)
        if self.date_precision == self.DatePrecision.MONTH:
            return self.start_date.replace(day=calendar.monthrange(self.start_date.year, self.start_date.month)[1])
        return self.end_date or self.start_date

    def status_from_dates(self, today=None):
        today = today or timezone.localdate()
        return self.Status.HELD if self.last_possible_day < today else self.Status.PLANNED

    @property
    def current_status(self):
        """The status chosen, or the one the dates give today."""
        return self.status or self.status_from_dates()

    @property
    def status_follows_dates(self):
        return not self.status

    def get_status_display(self):
        # Replaces the generated one, which would print "From the dates": every page, export and PDF that shows
        # the status shows what it is today.
        return self.Status(self.current_status).label

    @classmethod
    def status_is(cls, status, today):
        """A filter for workshops whose current status is `status`: the same rule as status_from_dates, in SQL."""
        chosen = Q(status=status)
        if status not in (cls.Status.HELD, cls.Status.PLANNED):
            return chosen
        past = (
            Q(date_precision=cls.DatePrecision.DAY, end_date__lt=today)
            | Q(date_precision=cls.DatePrecision.DAY, end_date__isnull=True, start_date__lt=today)
            | Q(date_precision=cls.DatePrecision.MONTH, start_date__lt=today.replace(day=1))
            | Q(date_precision=cls.DatePrecision.YEAR, start_date__lt=today.replace(month=1, day=1))
        )
        return chosen | Q(status="") & (past if status == cls.Status.HELD else ~past)

    @property
    def date_iso(self):
        """The start as far as it is known: 2022-11-21, 2022-11 or 2022 (lists, exports, file names)."""
        if self.date_precision == self.DatePrecision.YEAR:
            return f"{self.start_date:%Y}"
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.start_date:%Y-%m}"
        return self.start_date.isoformat()

    @property
    def date_display(self):
        """The dates as far as they are known, in the reader's language: "21 November 2022", "November 2022",
        "2022"; a workshop over several days gives its first and last."""
        if self.date_precision == self.DatePrecision.YEAR:
            return f"{self.start_date:%Y}"
        if self.date_precision == self.DatePrecision.MONTH:
            return date_format(self.start_date, "YEAR_MONTH_FORMAT")
        text = date_format(self.start_date, "DATE_FORMAT")
        if self.end_date and self.end_date != self.start_date:
            text = f"{text} – {date_format(self.end_date, 'DATE_FORMAT')}"
        return text

    @property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return datetime.UTC

    @property
    def starts_at(self):
        """The aware start, or None when the report gives only the day."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.start_date, self.start_time, tzinfo=self.tzinfo)

    @property
    def ends_at(self):
        if self.end_time is None or self.end_date is None:
            return None
        return datetime.datetime.combine(self.end_date, self.end_time, tzinfo=self.tzinfo)

    @property
    def is_approved(self):
        return self.approved_at is not None

    def previous_approval(self):
        """The history row of the last approved revision before this one, or None."""
        if self.revision <= 1:
            return None
        return (
            self.history.filter(revision=self.revision - 1, approved_at__isnull=False)
            .select_related("approved_by")
            .order_by("-history_date", "-history_id")
            .first()
        )

    @property
    def hosts(self):
        links = getattr(self, "host_links", None)
        if links is None:
            links = [link for link in self.organisation_links.all() if link.role == WorkshopOrganisation.Role.HOST]
        return [link.organisation for link in links]


class WorkshopOrganisation(ChoiceLabels, models.Model):
    """An organisation's part in a workshop beyond its named attendees: host, coordinator, or represented."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        COORDINATOR = "coordinator", _("Coordinator")
        PARTICIPANT = "participant", _("Represented")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="organisation_links"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="workshop_links"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.HOST)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("workshop__programme_id", "workshop__initiative_id")

    class Meta:
        verbose_name = _("workshop organisation")
        verbose_name_plural = _("workshop organisations")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "organisation"],
                name="workshoporganisation_unique",
                violation_error_message=_("This organisation is already listed for this workshop."),
            )
        ]

    def __str__(self):
        return f"{self.organisation.label}: {self.get_role_display()}"


class Attendance(ChoiceLabels, models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SPEAKER = "speaker", _("Speaker")
        PARTICIPANT = "participant", _("Participant")
        ORGANISER = "organiser", _("Organiser")
        OBSERVER = "observer", _("Observer")

    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances")
    # The title and organisation as they were on the day: positions change, the record of the meeting must not.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    presence = models.CharField(_("presence"), max_length=20, choices=Presence.choices, default=Presence.PRESENT)
    contribution = models.TextField(
        _("contribution"),
        blank=True,
        max_length=TEXT_LENGTH,
        validators=[MaxLengthValidator(TEXT_LENGTH)],
        help_text=_("What they presented or did."),
    )
    # As an online meeting's attendance report gives them: the role on its platform ("Presenter", "Co-host"), the
    # first join and last leave, and the minutes attended in all.
    meeting_role = models.CharField(_("role in the online meeting"), max_length=50, blank=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    minutes_attended = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    # A row is also changed on its own (the API): its version, as a record's, refuses a stale write.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("workshop__programme_id", "workshop__initiative_id")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["workshop", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person"],
                name="attendance_one_per_person",
                violation_error_message=_("This person is already listed as attending this workshop."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.workshop.title}"


class Statement(models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="statements"
    )
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    text = models.TextField(_("what was said"), max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)])
    # A report mostly gives the gist of what was said: only the words marked as the speaker's own get quotation marks.
    is_verbatim = models.BooleanField(
        _("verbatim quote"), default=False, help_text=_("Tick only if these are the speaker's own words.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("workshop__programme_id", "workshop__initiative_id")

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["workshop", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="statement_text_not_blank",
                violation_error_message=_("Write down what was said."),
            )
        ]

    def __str__(self):
        who = self.speaker.full_name if self.speaker_id else _("Unattributed")
        return f"{who}: {self.text[:60]}"


class Outcome(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        DECISION = "decision", _("Decision")
        RECOMMENDATION = "recommendation", _("Recommendation")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONSENSUS)
    text = models.TextField(_("text"), max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)])
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("workshop__programme_id", "workshop__initiative_id")

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["workshop", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="outcome_text_not_blank",
                violation_error_message=_("Write down what was agreed."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ActionItemQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS])

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def owned_by(self, user):
        """The actions owned by the person the user account stands for; none when it stands for no one."""
        person_id = getattr(user, "person_id", None)
        return self.filter(owner_id=person_id) if person_id else self.none()


class ActionItem(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("what"), max_length=300)
    description = models.TextField(
        _("details"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
    )
    # A person, ours or a partner's; a user account reaches its actions through its person (User.person).
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_action_items",
        help_text=_("The organisation the owner acts for, when it matters."),
    )
    responsible_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("responsible organisations"), blank=True, related_name="action_items"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=DATE_RANGE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, validators=DATE_RANGE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[responsible_organisations])

    objects = ActionItemQuerySet.as_manager()

    # Through its workshop or its agreement.
    PROGRAMME_PATHS = (
        "workshop__programme_id",
        "workshop__initiative_id",
        "agreement__programme_id",
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="actionitem_status_due_idx"),
            # The lists' order: the first page of "all" or "overdue" actions reads a few rows, not all of them.
            models.Index(fields=["due_date", "id"], name="actionitem_due_idx"),
            # The results rule "actions done on time" reads the actions done in a period (results/rules.py).
            models.Index(fields=["status", "completed_on"], name="actionitem_status_done_idx"),
        ]
        constraints = [
            dates_in_range("actionitem", "due_date", "completed_on"),
            models.CheckConstraint(
                condition=Q(workshop__isnull=False) | Q(agreement__isnull=False),
                name="actionitem_belongs_somewhere",
                violation_error_message=_("An action item belongs to a workshop, an agreement or both."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="actionitem_title_not_blank",
                violation_error_message=_("Say what has to be done."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # A person no longer active (retired, or left as the trace of a merge) keeps the actions they own, but is
        # not given new ones: every door (entry page, API, admin) refuses it here with the reason.
        if self.owner_id and not self.owner.is_active:
            stored = ActionItem.objects.filter(pk=self.pk).values_list("owner_id", flat=True).first()
            if stored != self.owner_id:
                raise ValidationError(
                    {
                        "owner": _("%(name)s is no longer active and cannot be given an action; choose another owner.")
                        % {"name": self.owner.full_name}
                    }
                )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status in (self.Status.OPEN, self.Status.IN_PROGRESS) and bool(self.due_date) and self.due_date < today
        )


class MeetingRecordSending(models.Model):
    """The meeting record's PDF sent by e-mail: who sent which revision to whom, and when."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="record_sendings"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"))
    was_approved = models.BooleanField(_("approved when sent"), default=False)
    recipients = models.ManyToManyField(Person, verbose_name=_("recipients"), related_name="record_sendings")
    # The addresses as they were when sent: a person's address may change later.
    addresses = models.TextField(_("addresses"))
    message = models.TextField(_("message"), blank=True)

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("workshop__programme_id", "workshop__initiative_id")

    class Meta:
        verbose_name = _("meeting record sending")
        verbose_name_plural = _("meeting record sendings")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.workshop.title} ({self.sent_at:%Y-%m-%d %H:%M})"


class Attachment(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        REPORT = "report", _("Report")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="workshops/%Y/%m/", blank=True)
    url = models.URLField(_("link"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("workshop__programme_id", "workshop__initiative_id")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["workshop", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="attachment_file_or_link",
                violation_error_message=_("Attach either a file or a link, not both and not neither."),
            )
        ]

    def __str__(self):
        return self.title

    def download_url(self):
        """The permission-checked download of the file (the storage's own address is never handed out)."""
        return reverse("workshops:attachment", args=[self.workshop_id, self.pk])


class PartnerLink(models.Model):
    """What a partner's link shares: a secret in the address, of which only the SHA-256 is stored (so neither the
    database nor a backup holds a link that works), an expiry, and a revocation."""

    token_hash = models.CharField(_("secret's SHA-256"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    def refusal(self, now=None):
        """Why the link no longer works ("revoked", "expired"), or "" while it does."""
        if self.revoked_at is not None:
            return "revoked"
        if (now or timezone.now()) >= self.expires_at:
            return "expired"
        return ""


class RecordConfirmation(PartnerLink):
    """A recipient of approved minutes asked to confirm that revision or send corrections, through their own link."""

    class Answer(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTIONS = "corrections", _("Has corrections")

    sending = models.ForeignKey(
        MeetingRecordSending, verbose_name=_("sending"), on_delete=models.CASCADE, related_name="confirmations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="record_confirmations"
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    comment = models.TextField(
        _("corrections or comment"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    PROGRAMME_PATHS = ("sending__workshop__programme_id", "sending__workshop__initiative_id")

    class Meta:
        verbose_name = _("confirmation of the minutes")
        verbose_name_plural = _("confirmations of the minutes")
        ordering = ["-sending__sent_at", "person__family_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sending", "person"], name="recordconfirmation_one_per_recipient")
        ]

    def __str__(self):
        return f"{self.person} r{self.sending.revision}: {self.answer or '—'}"


class ActionReportLink(PartnerLink):
    """A partner's link to report on the open actions they own: mark one done or comment on it."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="action_report_links"
    )

    class Meta:
        verbose_name = _("action report link")
        verbose_name_plural = _("action report links")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person} ({self.created_at:%Y-%m-%d})"


class ActionReport(models.Model):
    """What a partner reported on an action through their link, until a coordinator accepts or returns it."""

    class Kind(models.TextChoices):
        DONE = "done", _("Done")
        COMMENT = "comment", _("Comment")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    action = models.ForeignKey(
        ActionItem, verbose_name=_("action"), on_delete=models.CASCADE, related_name="partner_reports"
    )
    link = models.ForeignKey(ActionReportLink, verbose_name=_("link"), on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    comment = models.TextField(
        _("comment"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    # Through its action's workshop or agreement.
    PROGRAMME_PATHS = (
        "action__workshop__programme_id",
        "action__workshop__initiative_id",
        "action__agreement__programme_id",
    )

    class Meta:
        verbose_name = _("partner's action report")
        verbose_name_plural = _("partners' action reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="actionreport_status_idx")]

    def __str__(self):
        return f"{self.action}: {self.kind}"


class PartnerLinkUse(models.Model):
    """Every use of a partner's link, allowed or not: what was done, when, from which address."""

    class What(models.TextChoices):
        OPENED = "opened", _("Opened")
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTIONS = "corrections", _("Sent corrections")
        REPORTED = "reported", _("Reported on an action")
        REFUSED_EXPIRED = "expired", _("Refused: expired")
        REFUSED_REVOKED = "revoked", _("Refused: revoked")
        REFUSED_REPLACED = "replaced", _("Refused: a newer revision")
        REFUSED_UNKNOWN = "unknown", _("Refused: no such link")

    confirmation = models.ForeignKey(
        RecordConfirmation,
        verbose_name=_("confirmation link"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uses",
    )
    action_link = models.ForeignKey(
        ActionReportLink,
        verbose_name=_("action link"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uses",
    )
    what = models.CharField(_("what"), max_length=12, choices=What.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("use of a partner's link")
        verbose_name_plural = _("uses of partners' links")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.what} {self.at:%Y-%m-%d %H:%M}"
