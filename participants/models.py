import enum
import re

from django.core.validators import MaxLengthValidator
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.choices import ChoiceLabels
from common.cjk import HasCjkGram, is_short_cjk
from common.search import any_field_contains, filter_words, search_words
from common.validators import DATE_RANGE, TEXT_LENGTH, dates_in_range
from institutes.models import Organisation

from .keys import name_key


class PersonQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Create, with each person's name keys set (save() is not called)."""
        objs = list(objs)
        for person in objs:
            person.set_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def search(self, words):
        """People with every word typed in their given name, family name, name in own script or another name (a word
        of one letter only when no longer word was typed, and then at the start of a name)."""
        from . import search_index

        queryset, indexed = self, []
        for word in filter_words(search_words(words)):
            # A letter alone starts a name: in nearly every name, it would read every row and find everyone.
            lookup = "istartswith" if len(word) == 1 else "icontains"
            question = search_index.containing(word) if lookup == "icontains" else None
            if question:  # SQLite: the FTS5 index, every such word in one question
                indexed.append(question)
                continue
            named = Person.objects.filter(any_field_contains(word, Person.NAME_FIELDS, lookup=lookup))
            if connection.vendor == "postgresql" and is_short_cjk(word) and len(word) == 2:
                # No trigram in two Chinese characters: the index of characters and pairs finds the few people whose
                # names hold them (participants/migrations/0008), the LIKE confirms. Not for one character: that is
                # a family name thousands share (李: 2,547 of 100,000), whose rows are read faster in one scan than
                # found in the index and each checked again.
                named = named.filter(HasCjkGram(word, *Person.NAME_FIELDS))
            named = named.order_by().values("pk")
            aliased = PersonAlias.objects.filter(**{f"name__{lookup}": word}).order_by().values("person_id")
            # A UNION of the two, each read from its trigram indexes on PostgreSQL, where an OR with a join to the
            # other names could use neither.
            queryset = queryset.filter(pk__in=named.union(aliased))
        return queryset.filter(search_index.people(indexed)) if indexed else queryset

    def with_current_position(self):
        return self.prefetch_related(
            models.Prefetch(
                "positions",
                queryset=Position.objects.current().select_related("organisation").order_by("-start_date"),
                to_attr="current_positions",
            )
        )


class Person(ChoiceLabels, models.Model):
    class NameOrder(models.TextChoices):
        # The labels name no one: they are shown in a person's history and own export. The forms, where a sample
        # helps to choose, offer `examples`.
        GIVEN_FIRST = "given_first", _("Given name first")
        FAMILY_FIRST = "family_first", _("Family name first")

        examples = enum.nonmember(
            [("given_first", _("Given name first (Zhenyun Li)")), ("family_first", _("Family name first (Li Zhenyun)"))]
        )

    class Basis(models.TextChoices):
        """Why the programme may hold this person's data (GDPR art. 6, PIPL art. 13 read alike)."""

        CONSENT = "consent", _("Consent")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest of the programme")
        CONTRACT = "contract", _("Contract")

    honorific = models.CharField(_("honorific"), max_length=30, blank=True, help_text=_("Mr., Ms., Dr., H.E., …"))
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    name_order = models.CharField(
        _("name order"),
        max_length=20,
        choices=NameOrder.choices,
        default=NameOrder.GIVEN_FIRST,
        help_text=_("The order this person uses when writing their name in Latin script."),
    )
    name_local = models.CharField(_("name in own script"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    country = CountryField(_("country"), blank=True)
    notes = models.TextField(
        _("notes"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The basis on which the person is recorded, where it comes from and since when; blank: not recorded yet.
    basis = models.CharField(_("basis for holding their data"), max_length=30, choices=Basis.choices, blank=True)
    basis_source = models.CharField(
        _("source of the basis"),
        max_length=200,
        blank=True,
        help_text=_("Where it is written down: a signed form, a registration page, a contract, an e-mail."),
    )
    basis_date = models.DateField(_("basis recorded on"), null=True, blank=True, validators=DATE_RANGE)
    may_be_named = models.BooleanField(
        _("may be named in shared records"),
        default=True,
        help_text=_(
            "Meeting records (print, PDF, mailed), exports to partners and IATI files name them; otherwise they "
            "read “Participant (organisation)”."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The Latin name's and the own-script name's tokens (participants/keys.py), set on every save: the people finder
    # finds an exact name through their indexes.
    match_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    local_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    history = HistoricalRecords(excluded_fields=["match_key", "local_key"])

    objects = PersonQuerySet.as_manager()

    NAME_FIELDS = ("given_name", "family_name", "name_local")  # and the other names
    # Shown only to whom accounts.roles.may_see_contacts allows, at every door.
    CONTACT_FIELDS = ("email", "phone")
    CONTACT_PERMISSION = "participants.see_contact_details"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]
        # Not a "view_" codename: the roles give every view_ permission to every role (accounts/roles.py).
        permissions = [("see_contact_details", _("Can see people's e-mail addresses and phone numbers"))]
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="person_name_idx"),
            models.Index(fields=["email"], name="person_email_idx"),
            models.Index(Upper("email"), name="person_email_upper_idx"),  # email__iexact, as the finder asks
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(given_name="", family_name="", name_local=""),
                name="person_has_a_name",
                violation_error_message=_("Give at least a given name, a family name or a name in own script."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        """Save; a renamed person keeps the old name as another name, so a name typed from an old document still
        finds them. Here, so every door (page, API, admin, command) keeps it."""
        self.set_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "match_key", "local_key"}
        with transaction.atomic():
            before = None
            if self.pk and not kwargs.get("force_insert"):
                before = Person.objects.filter(pk=self.pk).first()
            super().save(*args, **kwargs)
            if before and before.full_name.casefold() != self.full_name.casefold():
                old = before.full_name.strip()
                known = {n.casefold() for n in (self.full_name, self.name_local) if n}
                if old and old.casefold() not in known and not self.aliases.filter(name__iexact=old).exists():
                    PersonAlias.objects.create(person=self, name=old)

    def get_absolute_url(self):
        return reverse("participants:detail", args=[self.pk])

    def set_keys(self):
        self.match_key = name_key(f"{self.given_name} {self.family_name}")
        self.local_key = name_key(self.name_local)

    @property
    def full_name(self):
        """The name in Latin script in the order the person uses, or the name in own script if that is all."""
        parts = [self.given_name, self.family_name]
        if self.name_order == self.NameOrder.FAMILY_FIRST:
            parts.reverse()
        return " ".join(p for p in parts if p) or self.name_local

    @property
    def formal_name(self):
        return " ".join(p for p in [self.honorific, self.full_name] if p)

    def shared_name(self, organisation=None):
        """The name a record shared outside the app gives (meeting record, mailed minutes, exports to partners):
        the formal name, or "Participant (PCCFPI)" for a person who may not be named there."""
        if self.may_be_named:
            return self.formal_name
        if organisation is None:
            return str(_("Participant"))
        return _("Participant (%(organisation)s)") % {"organisation": organisation.label}


class PersonAliasQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for alias in objs:
            alias.match_key = name_key(alias.name)
        return super().bulk_create(objs, *args, **kwargs)


class PersonAlias(ChoiceLabels, models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("other name"), max_length=200)
    match_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)  # as Person.match_key
    history = HistoricalRecords(excluded_fields=["match_key"])

    objects = PersonAliasQuerySet.as_manager()

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="personalias_unique_per_person",
                violation_error_message=_("This person already has this name recorded."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.match_key = name_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "match_key"}
        super().save(*args, **kwargs)


class PositionQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def held_on(self, day):
        return self.current(on=day)


ONE_OPEN_POSITION = _("This person holds an open position at this organisation already: give one of them an end date.")


class Position(ChoiceLabels, models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=200)
    unit = models.CharField(
        _("unit or project"),
        max_length=200,
        blank=True,
        help_text=_("Department, office or project within the organisation."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True, validators=DATE_RANGE)
    end_date = models.DateField(_("to"), null=True, blank=True, validators=DATE_RANGE)
    history = HistoricalRecords()

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "-start_date"]
        constraints = [
            dates_in_range("position", "start_date", "end_date"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_end_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            ),
            # A title in other words is the same post (services.same_post): the open one is updated, not doubled.
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(end_date__isnull=True),
                name="position_one_open_per_organisation",
                violation_error_message=ONE_OPEN_POSITION,
            ),
        ]

    def __str__(self):
        where = self.organisation.label
        if self.unit:
            where = f"{where}, {self.unit}"
        return f"{self.title}, {where}"


class SharedNames:
    """The names of the people who may not be named in a shared record, each replaced by their shared name in the
    record's free text too (a summary's "Mr. Samath Bou attended" reads "Participant (PCCFPI) attended").

    Built from (person, organisation) pairs and {person id: [other names]} of those who may not be named."""

    do_not_call_in_templates = True  # a template hands it to the shared_text filter as it is

    def __init__(self, people, aliases=None):
        variants = {}
        for person, organisation in people:
            if person.may_be_named:
                continue
            shared = person.shared_name(organisation)
            names = {person.formal_name, person.full_name, person.name_local}
            if person.given_name and person.family_name:
                names |= {f"{person.given_name} {person.family_name}", f"{person.family_name} {person.given_name}"}
            if person.honorific and person.family_name:
                names.add(f"{person.honorific} {person.family_name}")
            names |= set((aliases or {}).get(person.pk, ()))
            for name in names:
                if len(name.strip()) >= 2:
                    variants.setdefault(name.strip().casefold(), shared)
        self.replacements = variants
        # Longest first, so "Mr. Samath Bou" is replaced whole before "Samath Bou"; a Latin name only as whole words.
        alternatives = [
            rf"(?<!\w){re.escape(name)}(?!\w)" if name.isascii() else re.escape(name)
            for name in sorted(variants, key=len, reverse=True)
        ]
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

    def __call__(self, text):
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(
            lambda match: str(self.replacements.get(match.group(0).casefold(), match.group(0))), text
        )

    @classmethod
    def of(cls, people):
        """SharedNames for (person, organisation) pairs, reading the other names of those not named (one query, and
        none when everyone may be named)."""
        people = list(people)
        hidden = {person.pk for person, _organisation in people if not person.may_be_named}
        aliases = {}
        for person_id, name in PersonAlias.objects.filter(person__in=hidden).values_list("person_id", "name"):
            aliases.setdefault(person_id, []).append(name)
        return cls(people, aliases)
