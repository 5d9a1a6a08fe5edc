from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """A POST that creates, remembered by the key its form carried: the same POST sent again (a double click, a
    retry after a timeout, two tabs) gets the first one's answer instead of creating a second record."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    answer = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")

    def __str__(self):
        return self.key
