from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin_scope import ProgrammeScopedAdmin

from .models import EnteredValue, Indicator, Target


class TargetInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(ProgrammeScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "programme", "agreement", "rule", "unit"]
    list_filter = ["rule"]
    search_fields = ["name"]
    autocomplete_fields = ["programme", "agreement"]
    raw_id_fields = ["carried_from"]
    inlines = [TargetInline]


@admin.register(EnteredValue)
class EnteredValueAdmin(ProgrammeScopedAdmin, SimpleHistoryAdmin):
    list_display = ["target", "value", "source", "entered_by", "entered_at"]
    raw_id_fields = ["target", "source_workshop", "source_outcome"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)
