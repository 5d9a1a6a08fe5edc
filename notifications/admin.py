from django.contrib import admin

from accounts.roles import ADMIN
from accounts.scope import sees_all_programmes

from .models import Notification, NotificationPreference


def _reads_the_log(user):
    """Admins for all programmes (and superusers): the log's e-mails name records of every programme."""
    if not user.is_active or not user.is_authenticated:
        return False
    return user.is_superuser or (user.groups.filter(name=ADMIN).exists() and sees_all_programmes(user))


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The log of every notification: read only (a failed one is retried by send_reminders), by the admins for all
    programmes, as the erasure log (privacy/admin.py) is."""

    list_display = ["created_at", "kind", "address", "status", "tries", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["address", "subject", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_module_permission(self, request):
        return _reads_the_log(request.user)

    def has_view_permission(self, request, obj=None):
        return _reads_the_log(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "enabled"]
    list_filter = ["kind", "enabled"]
