from django.contrib import admin

from .models import ErasureLog
from .views import may_handle_personal_data


@admin.register(ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    """The erasure log, read only: rows are written by person_anonymise alone."""

    list_display = ["erased_at", "person_id", "erased_by_username", "reason"]
    search_fields = ["reason", "erased_by_username"]
    date_hierarchy = "erased_at"

    def has_module_permission(self, request):
        return may_handle_personal_data(request.user)

    def has_view_permission(self, request, obj=None):
        return may_handle_personal_data(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
