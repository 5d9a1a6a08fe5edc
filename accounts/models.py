import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


def new_calendar_token():
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A person who signs in. Linked to the Person record that stands for them in meetings, when there is one."""

    person = models.OneToOneField(
        "participants.Person",
        verbose_name=_("person record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )
    # Calendar apps cannot sign in, so each user's feeds live behind a secret that the user can reset.
    calendar_token = models.CharField(
        _("calendar feed secret"), max_length=64, default=new_calendar_token, unique=True, editable=False
    )
    # Counted up at each sign-out and part of every session's sign-in hash, so a session ended while Redis could not
    # be told is refused on every server even when one still finds it in the cache (accounts.services.user_sign_out).
    session_generation = models.PositiveIntegerField(_("sign-outs"), default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        # Both get_session_auth_hash() and its SECRET_KEY_FALLBACKS variant come here. Before the first sign-out the
        # hash is Django's own, so sessions started before this rule stay valid.
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.session_generation}:{self.password}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


def api_token_hash(key):
    """What is stored of an API token: its SHA-256. A token is 160 random bits, so no salt or slow hash is needed."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A key a program signs in to the REST API with ("Authorization: Token <key>"). Only the key's hash is stored,
    so the database and its backups hold no key that works: the key is shown once, when it is made."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("what it is for"), max_length=100, blank=True)
    key_hash = models.CharField(_("key's SHA-256"), max_length=64, unique=True, editable=False)
    # A few characters of the key, so its owner can tell which token a row is.
    key_start = models.CharField(_("key begins with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["user", "-created_at", "-id"]

    def __str__(self):
        return f"{self.user} {self.key_start}…"


class ReminderDigest(models.Model):
    """The reminder email a user got on a day: at most one a day, so a second run the same day sends nothing."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="reminder_digests")
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    summary = models.TextField(_("what it contained"), blank=True)

    class Meta:
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reminderdigest_one_per_user_per_day")]

    def __str__(self):
        return f"{self.user} {self.day.isoformat()}"


class PasswordChangeFailure(models.Model):
    """A wrong current password given on the password-change page: a few within a while stop further tries."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="password_change_failures"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("failed password change")
        verbose_name_plural = _("failed password changes")
        indexes = [models.Index(fields=["user", "at"], name="passwordchangefailure_user_at")]

    def __str__(self):
        return f"{self.user} {self.at.isoformat()}"


class RoleGrant(models.Model):
    """A role a user holds, for one programme (and the initiatives and projects under it) or, without a programme,
    for all of them. The role's group says what the user may do; the grants say where (accounts.scope)."""

    class Role(models.TextChoices):
        COORDINATOR = "Coordinator", _("Coordinator")
        MANAGER = "Manager", _("Manager")
        ADMIN = "Admin", _("Admin")

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    programme = models.ForeignKey(
        "workshops.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        help_text=_("Leave empty for all programmes."),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "role", "programme", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"],
                name="rolegrant_one_per_programme",
                violation_error_message=_("This user already holds a role for this programme."),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(programme__isnull=True),
                name="rolegrant_one_for_all_programmes",
                violation_error_message=_("This user already holds a role for all programmes."),
            ),
        ]

    def __str__(self):
        where = self.programme if self.programme_id else _("all programmes")
        return f"{self.user}: {self.get_role_display()} ({where})"
