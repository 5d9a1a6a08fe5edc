"""The admin's deletes (the page's "Delete" and the "Delete selected" action) through the model's delete service, so
the admin refuses what the API refuses, and says why."""

from django.core.exceptions import PermissionDenied, ValidationError


class DeleteThroughServiceMixin:
    """Define delete_record(obj, user), which calls the service (it raises ValidationError with the reason), and
    check_deletable(obj), the same refusal without deleting. A record that may not go is listed with its reason on
    the confirmation page, which then deletes nothing."""

    def delete_record(self, obj, user):
        raise NotImplementedError

    def check_deletable(self, obj):
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = []
        for obj in objs:
            try:
                self.check_deletable(obj)
            except ValidationError as error:
                refusals.append(" ".join(error.messages))
        if refusals:
            # The page shows either the permissions missing or the records kept: the reason is the one to read.
            return to_delete, model_count, set(), [*refusals, *protected]
        return to_delete, model_count, perms_needed, protected

    def _delete_one(self, request, obj):
        try:
            self.delete_record(obj, request.user)
        except ValidationError as error:
            # Someone else referred to it between the confirmation page and this request.
            raise PermissionDenied(" ".join(error.messages)) from None

    def delete_model(self, request, obj):
        self._delete_one(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.order_by("pk"):
            self._delete_one(request, obj)
