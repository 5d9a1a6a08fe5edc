import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureLogQuerySet(models.QuerySet):
    def of_person(self, person):
        """The erasures of this very record: its id and its creation moment, to the millisecond (a backup keeps
        times to the millisecond, so a restored record is the same one)."""
        created = person.created_at
        first = created.replace(microsecond=created.microsecond // 1000 * 1000)
        window = (first, first + datetime.timedelta(microseconds=999))
        return self.filter(person_id=person.pk, person_created_at__range=window)


class ErasureLog(models.Model):
    """One anonymisation: who, when, why and which record, never the name. The person is known by their row's id
    and creation moment, so a later person given the same id after a restore is not taken for them."""

    person_id = models.PositiveBigIntegerField(_("person record"), db_index=True)
    person_created_at = models.DateTimeField(_("record created"))
    erased_at = models.DateTimeField(_("anonymised"))
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The account's name as it was, kept when the account is deleted; empty for a job (retention, a replay).
    erased_by_username = models.CharField(_("by account"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), max_length=1000)
    # Whether every workshop's and agreement's text was searched for the name, or the person's own only.
    everywhere = models.BooleanField(_("searched everywhere"), default=False)
    # The name of its copy in the file storage (ERASURE_LOG_FOLDER), which outlives the database.
    entry = models.CharField(max_length=100, unique=True, editable=False)

    objects = ErasureLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at", "-id"]

    def __str__(self):
        return f"#{self.person_id} {self.erased_at:%Y-%m-%d %H:%M}"
