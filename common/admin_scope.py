"""The admin by programme: a model whose QuerySet has visible_to() (accounts/scope.py) lists, opens and offers as a
choice only the records of the user's programmes. common sits below accounts, so the rule is reached through the
QuerySet, not imported."""


def _visible(queryset, request):
    return queryset.visible_to(request.user) if hasattr(queryset, "visible_to") else queryset


class ProgrammeScopedAdmin:
    """Mixed into a ModelAdmin or an inline, before the admin class."""

    def get_queryset(self, request):
        return _visible(super().get_queryset(request), request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _visible(field.queryset, request)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _visible(field.queryset, request)
        return field
