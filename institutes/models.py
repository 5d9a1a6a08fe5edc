import datetime
import functools

from django.core.validators import MaxLengthValidator
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.choices import ChoiceLabels
from common.cjk import HasCjkGram, is_short_cjk
from common.search import any_field_contains, filter_words, fold, name_words, pk_among, search_words
from common.validators import DATE_RANGE, TEXT_LENGTH, dates_in_range


class City(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_local = models.CharField(_("name in local script"), max_length=200, blank=True)
    other_names = models.CharField(
        _("other names"), max_length=500, blank=True, help_text=_("Other spellings, separated by semicolons.")
    )
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="city_unique_name_per_country",
                violation_error_message=_("This country already has a city with this name."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})" if self.country else self.name


class CityRelation(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        SISTER_CITY = "sister_city", _("sister city of")
        PARTNER_CITY = "partner_city", _("partner city of")
        FRIENDSHIP_CITY = "friendship_city", _("friendship city of")

    from_city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="relations_from")
    kind = models.CharField(_("relation"), max_length=30, choices=Kind.choices)
    to_city = models.ForeignKey(
        City, verbose_name=_("related city"), on_delete=models.PROTECT, related_name="relations_to"
    )
    since = models.DateField(_("since"), null=True, blank=True, validators=DATE_RANGE)
    until = models.DateField(_("until"), null=True, blank=True, validators=DATE_RANGE)
    source_note = models.TextField(
        _("source"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city relation")
        verbose_name_plural = _("city relations")
        constraints = [
            dates_in_range("cityrelation", "since", "until"),
            models.CheckConstraint(
                condition=~Q(from_city=F("to_city")),
                name="cityrelation_not_self",
                violation_error_message=_("A city cannot be related to itself."),
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="cityrelation_until_after_since",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.UniqueConstraint(
                fields=["from_city", "kind", "to_city"],
                name="cityrelation_unique",
                violation_error_message=_("This relation is already recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.from_city.name} — {self.get_kind_display()} — {self.to_city.name}"


def organisations_holding(word):
    """values() querysets of the organisations holding the word in one of their names, one per name (each read from
    its trigram index on PostgreSQL, institutes/migrations/0003): for pk_among(). A word of two Chinese characters has
    no trigram: on PostgreSQL it is read from the indexes of the names' characters and pairs (migrations/0005), the
    LIKE confirming the few found, as the people's search does."""
    # A letter alone starts a name: in nearly every name, it would read every row and find everyone.
    lookup = "istartswith" if len(word) == 1 else "icontains"
    aliases = OrganisationAlias.objects.filter(**{f"name__{lookup}": word})
    if connection.vendor == "postgresql" and is_short_cjk(word) and len(word) == 2:
        named = Organisation.objects.filter(
            HasCjkGram(word, *Organisation.NAME_FIELDS), any_field_contains(word, Organisation.NAME_FIELDS)
        )
        parts = [named.order_by().values("pk")]
        aliases = aliases.filter(HasCjkGram(word, "name"))
    else:
        parts = [Organisation.objects.filter(**{f"{field}__{lookup}": word}) for field in Organisation.NAME_FIELDS]
        parts = [part.order_by().values("pk") for part in parts]
    return [*parts, aliases.order_by().values("organisation_id")]


# Words of country names that name no one country ("South Korea", "United States").
_GENERIC_COUNTRY_WORDS = frozenset(
    [
        "and",
        "the",
        "of",
        "south",
        "north",
        "east",
        "west",
        "central",
        "united",
        "states",
        "republic",
        "kingdom",
        "islands",
        "island",
        "saint",
        "democratic",
        "people",
        "peoples",
        "federated",
        "federation",
        "arab",
        "new",
    ]
)


@functools.lru_cache(maxsize=1)
def _country_words():
    """[(country code, the folded words of its English name)], for countries_named()."""
    from django_countries import countries

    with translation.override("en"):
        return [
            (code, [w for w in name_words(str(name)) if w not in _GENERIC_COUNTRY_WORDS]) for code, name in countries
        ]


def countries_named(word):
    """The codes of the countries a word typed names, by the start of a word of the English name, three letters or
    more: "Lao" → LA (Laos), "Viet" → VN, "Cambodia" → KH."""
    return list(_countries_named(fold(word)))


@functools.lru_cache(maxsize=10_000)
def _countries_named(folded):
    if len(folded) < 3:
        return ()
    return _country_starts().get(folded, ())


@functools.lru_cache(maxsize=1)
def _country_starts():
    """{the start of a word of a country's name, three letters or more: (codes, in _country_words()' order)}: a text
    is looked up, not compared with every country's words (0.4 ms a text: a report's thousand names)."""
    starts = {}
    for code, words in _country_words():
        for word in words:
            for end in range(3, len(word) + 1):
                codes = starts.setdefault(word[:end], [])
                if code not in codes:
                    codes.append(code)
    return {start: tuple(codes) for start, codes in starts.items()}


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, words):
        """Organisations with every word typed in their name, short name, name in own script or an alias, or naming
        their country ("Lao Ministry": a ministry in Laos). A word of one letter is left to the ranking when others
        were typed: it is in nearly every name. One word is read from the names' indexes, several word by word on
        each organisation."""
        words = filter_words(search_words(words))
        if len(words) == 1:
            # One word: a UNION of one index read per name (pk_among), which finds a rare word's few organisations
            # at once, where the condition below reads every organisation (17 ms for "cooperation" at 10,000).
            parts = organisations_holding(words[0])
            codes = countries_named(words[0])
            if codes:
                parts.append(Organisation.objects.filter(country__in=codes).order_by().values("pk"))
            return self.filter(pk_among(parts))
        queryset = self
        for word in words:
            # One condition per word on each row, its other names through a hashed subplan: the organisations are
            # read once whatever the number of words (12 common words at 10,000 organisations: ~20 ms), where a
            # UNION of index reads per word collected each word's thousands of matches first (85 ms), and
            # "= ANY(ARRAY(…))" compared each row with every id found (167 ms for six).
            lookup = "istartswith" if len(word) == 1 else "icontains"
            aliased = OrganisationAlias.objects.filter(**{f"name__{lookup}": word}).order_by().values("organisation_id")
            condition = any_field_contains(word, Organisation.NAME_FIELDS, lookup=lookup) | Q(pk__in=aliased)
            codes = countries_named(word)
            queryset = queryset.filter(condition | Q(country__in=codes) if codes else condition)
        return queryset


class Organisation(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        TVET = "tvet", _("TVET institute")
        GOVERNMENT = "government", _("Government")
        ENTERPRISE = "enterprise", _("Enterprise or economic zone")
        INTERNATIONAL = "international", _("International organisation")
        SOCIAL_PARTNER = "social_partner", _("Employers' or workers' organisation")
        OTHER = "other", _("Other")

    class IatiType(models.TextChoices):
        # IATI OrganisationType codelist, version 2.03.
        GOVERNMENT = "10", _("Government")
        LOCAL_GOVERNMENT = "11", _("Local Government")
        OTHER_PUBLIC_SECTOR = "15", _("Other Public Sector")
        INTERNATIONAL_NGO = "21", _("International NGO")
        NATIONAL_NGO = "22", _("National NGO")
        REGIONAL_NGO = "23", _("Regional NGO")
        PARTNER_COUNTRY_NGO = "24", _("Partner Country based NGO")
        PUBLIC_PRIVATE_PARTNERSHIP = "30", _("Public Private Partnership")
        MULTILATERAL = "40", _("Multilateral")
        FOUNDATION = "60", _("Foundation")
        PRIVATE_SECTOR = "70", _("Private Sector")
        PRIVATE_SECTOR_PROVIDER = "71", _("Private Sector in Provider Country")
        PRIVATE_SECTOR_RECIPIENT = "72", _("Private Sector in Aid Recipient Country")
        PRIVATE_SECTOR_THIRD = "73", _("Private Sector in Third Country")
        ACADEMIC = "80", _("Academic, Training and Research")
        OTHER = "90", _("Other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    name_local = models.CharField(_("name in its own script"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TVET)
    iati_type = models.CharField(_("IATI organisation type"), max_length=2, choices=IatiType.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    now_known_as = models.ForeignKey(
        "self",
        verbose_name=_("now known as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="former_records",
        help_text=_("For a renamed or merged organisation: the record that continues it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(
        _("notes"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    NAME_FIELDS = ("name", "short_name", "name_local")  # and the aliases

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="organisation_name_idx"),
            models.Index(fields=["short_name"], name="organisation_short_name_idx"),
            models.Index(fields=["country"], name="organisation_country_idx"),
            models.Index(fields=["kind"], name="organisation_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(now_known_as=F("id")),
                name="organisation_not_renamed_to_self",
                violation_error_message=_("An organisation cannot be 'now known as' itself."),
            ),
        ]

    def __str__(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def save(self, *args, **kwargs):
        """Save; a renamed organisation keeps its old name and short name as former names (aliases), so a name typed
        from an old document still finds it. Here, so every door (page, API, admin, command) keeps them."""
        with transaction.atomic():
            before = None
            if self.pk and not kwargs.get("force_insert"):
                before = Organisation.objects.filter(pk=self.pk).values("name", "short_name").first()
            super().save(*args, **kwargs)
            if before:
                self.keep_former_names([before["name"], before["short_name"]])

    def get_absolute_url(self):
        return reverse("institutes:detail", args=[self.pk])

    @property
    def label(self):
        """The short form used in tight places: the acronym when there is one."""
        return self.short_name or self.name

    def keep_former_names(self, names):
        """Record each name this organisation no longer bears as a former name, unless some organisation already
        has it as an alias (an alias leads to one record). The first of `names`, the name it bore until now, is
        dated: in use until yesterday, so records of earlier meetings show it (name_on); the date may be corrected
        on the organisation's page."""
        current = {n.casefold() for n in (self.name, self.short_name, self.name_local) if n}
        for index, name in enumerate(names):
            name = (name or "").strip()
            if not name or name.casefold() in current:
                continue
            if OrganisationAlias.objects.filter(name__iexact=name).exists():
                continue
            OrganisationAlias.objects.create(
                organisation=self,
                name=name,
                kind=OrganisationAlias.Kind.FORMER_NAME,
                used_until=timezone.localdate() - datetime.timedelta(days=1) if index == 0 else None,
            )

    def name_on(self, day):
        """The name this organisation bore on `day`, as a record of that day shows it: the former name in use until
        the earliest date on or after `day`, else its name today. Reads the aliases, so a list prefetches them."""
        if day is not None:
            former = [
                alias
                for alias in self.aliases.all()
                if alias.kind == OrganisationAlias.Kind.FORMER_NAME and alias.used_until and alias.used_until >= day
            ]
            if former:
                return min(former, key=lambda alias: (alias.used_until, alias.pk)).name
        return self.name

    def current(self):
        """Follow "now known as" to the record in use today (guarding against a loop)."""
        org, seen = self, {self.pk}
        while org.now_known_as_id and org.now_known_as_id not in seen:
            seen.add(org.now_known_as_id)
            org = org.now_known_as
        return org


class OrganisationAlias(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        ACRONYM = "acronym", _("Acronym")
        MISSPELLING = "misspelling", _("Misspelling seen in a document")
        FORMER_NAME = "former_name", _("Former name")
        TRANSLATION = "translation", _("Translation")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("alias"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    source_note = models.CharField(_("where it was seen"), max_length=300, blank=True)
    used_until = models.DateField(
        _("in use until"),
        null=True,
        blank=True,
        validators=DATE_RANGE,
        help_text=_("For a former name: the last day the organisation bore it. Records of meetings until then show it"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")
        ordering = ["name"]
        constraints = [
            dates_in_range("organisationalias", "used_until"),
            models.CheckConstraint(
                condition=Q(used_until__isnull=True) | Q(kind="former_name"),
                name="organisationalias_only_a_former_name_has_an_end",
                violation_error_message=_("Only a former name has a last day in use."),
            ),
            # An alias must lead to one record, or it cannot resolve a name typed by a user.
            models.UniqueConstraint(
                Lower("name"),
                name="organisationalias_unique_name",
                violation_error_message=_("This alias already belongs to an organisation."),
            ),
        ]

    def __str__(self):
        return self.name


class OrganisationRelation(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        PART_OF = "part_of", _("is part of")
        SUPERVISED_BY = "supervised_by", _("is supervised by")
        PARTNER_OF = "partner_of", _("is a partner of")
        MEMBER_OF = "member_of", _("is a member of")
        FUNDED_BY = "funded_by", _("is funded by")
        SUCCEEDED_BY = "succeeded_by", _("is succeeded by")

    from_organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="relations_from"
    )
    kind = models.CharField(_("relation"), max_length=30, choices=Kind.choices)
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("related organisation"),
        on_delete=models.PROTECT,
        related_name="relations_to",
    )
    since = models.DateField(_("since"), null=True, blank=True, validators=DATE_RANGE)
    until = models.DateField(_("until"), null=True, blank=True, validators=DATE_RANGE)
    source_note = models.TextField(
        _("source"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation relation")
        verbose_name_plural = _("organisation relations")
        constraints = [
            dates_in_range("organisationrelation", "since", "until"),
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")),
                name="organisationrelation_not_self",
                violation_error_message=_("An organisation cannot be related to itself."),
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="organisationrelation_until_after_since",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.from_organisation.label} — {self.get_kind_display()} — {self.to_organisation.label}"
