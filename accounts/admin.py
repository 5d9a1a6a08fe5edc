from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminPasswordChangeForm
from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Partnership"), {"fields": ("person",)}),)
    autocomplete_fields = ["person"]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    change_password_form = AdminPasswordChangeForm
