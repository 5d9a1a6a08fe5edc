import datetime
import secrets

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, PasswordChangeFailure, RoleGrant, api_token_hash
from .scope import forget_programme_scope

# Characters of a new API token's key shown beside it afterwards (the key has 40).
API_TOKEN_KEY_START = 6


@transaction.atomic
def api_token_create(*, user, name=""):
    """A new API token for `user`. Returns (token, key): the key itself is not stored, so this is the only time it
    can be shown."""
    key = secrets.token_hex(20)
    token = ApiToken(user=user, name=name, key_hash=api_token_hash(key), key_start=key[:API_TOKEN_KEY_START])
    token.full_clean()
    token.save()
    return token, key


def user_sign_out(sender, *, request, user, **kwargs):
    """On a sign-out (receiver of user_logged_out): every session of the account that is still around — in a cache
    that could not be told, on another device — no longer matches the account's sign-in hash, and is refused on its
    next request by whichever server reads it. An idle session's own timeout is not a sign-out (the idle check
    refuses a stale copy again anyway), so it leaves the others alone."""
    if user is None or getattr(request, "idle_timeout", False):
        return
    get_user_model().objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)


# Five wrong current passwords within 15 minutes, and the page refuses to check more until the oldest of them is
# 15 minutes old.
PASSWORD_CHANGE_FAILURE_LIMIT = 5
PASSWORD_CHANGE_WINDOW = datetime.timedelta(minutes=15)


def password_change_wait(*, user, now=None):
    """How long the user must wait before the current password is checked again; zero when it may be."""
    now = now or timezone.now()
    recent = list(
        user.password_change_failures.filter(at__gt=now - PASSWORD_CHANGE_WINDOW)
        .order_by("-at")
        .values_list("at", flat=True)[:PASSWORD_CHANGE_FAILURE_LIMIT]
    )
    if len(recent) < PASSWORD_CHANGE_FAILURE_LIMIT:
        return datetime.timedelta(0)
    return recent[-1] + PASSWORD_CHANGE_WINDOW - now


@transaction.atomic
def password_change_failure_record(*, user, ip_address):
    PasswordChangeFailure.objects.filter(user=user, at__lte=timezone.now() - PASSWORD_CHANGE_WINDOW).delete()
    return PasswordChangeFailure.objects.create(user=user, ip_address=ip_address)


def password_change_failures_clear(*, user):
    PasswordChangeFailure.objects.filter(user=user).delete()


def sign_in_lockouts(*, now=None):
    """Failed sign-ins still counted, one row per username and address, newest first, each with `locked`."""
    now = now or timezone.now()
    rows = list(
        AccessAttempt.objects.filter(attempt_time__gt=now - get_cool_off())
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .order_by("-last_attempt", "username", "ip_address")
    )
    for row in rows:
        row["locked"] = row["failures"] >= settings.AXES_FAILURE_LIMIT
        # Tries refused during a lockout are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so it
        # ends one cool-off after the last counted failure.
        row["until"] = row["last_attempt"] + get_cool_off()
    return rows


def sign_in_lockout_lift(*, username, ip_address):
    """Forget the failed sign-ins of a username from an address; the number of records removed."""
    count, _deleted = AccessAttempt.objects.filter(username=username, ip_address=ip_address).delete()
    return count


def role_groups_sync(*, user):
    """The user's role groups (what they may do) are the roles they are granted (where): nothing else adds one."""
    granted = set(user.role_grants.values_list("role", flat=True))
    for group in Group.objects.filter(name__in=RoleGrant.Role.values):
        if group.name in granted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    for cache in ("_role_cache", "_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)
    forget_programme_scope(user)


def role_grants_check(*, grants):
    """A user holds one role, for the programmes they are given: [(role, programme or None), ...] is refused when it
    names two roles, since a role's permissions apply wherever the user may see."""
    roles = sorted({role for role, _programme in grants})
    if len(roles) > 1:
        raise ValidationError(
            _("A user holds one role, for one or more programmes or for all; these grants name %(roles)s.")
            % {"roles": ", ".join(str(RoleGrant.Role(role).label) for role in roles)},
            code="several_roles",
        )


@transaction.atomic
def role_grant(*, user, role, programme=None):
    """Give `user` the role for `programme` (None: all programmes). Returns the grant. A user holding another role
    is refused: revoke it first."""
    grant = RoleGrant(user=user, role=role, programme=programme)
    grant.full_clean()
    held = list(user.role_grants.values_list("role", "programme_id"))
    role_grants_check(grants=[*held, (role, programme.pk if programme else None)])
    grant.save()
    role_groups_sync(user=user)
    return grant


@transaction.atomic
def role_revoke(*, user, role, programme=None):
    """Take the role for `programme` (None: the all-programmes grant) away; the number of grants removed."""
    count, _deleted = user.role_grants.filter(role=role, programme=programme).delete()
    role_groups_sync(user=user)
    return count
