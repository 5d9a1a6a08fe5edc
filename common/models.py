from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """A POST that creates, remembered by the key its form carried: the same POST sent again (a double click, a
    retry after a timeout, two tabs) gets the first one's answer instead of creating a second record."""

    # A key is the user's own: another user sending the same key is a different request and never gets this answer.
    # Null only for keys claimed before keys had an owner; they are purged with the other old keys.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    key = models.CharField(_("key"), max_length=200)
    answer = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")]

    def __str__(self):
        return self.key
