"""The REST API's shared rules: permissions, validation and lost updates (the router is in partnership/urls.py).

Reads need the model's view permission and writes the add/change/delete permission, exactly as the role table in
accounts/roles.py gives them to the pages. Writes run the model's full_clean(), so the API accepts what the forms
accept. A change (PUT, PATCH) must send the `updated_at` it last read: without it the answer is 428, and when someone
else saved the record since, 409.
"""

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .concurrency import lock_version


class RolePermissions(permissions.DjangoModelPermissions):
    """Django model permissions, with the view permission required for reads too."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


@extend_schema_field(OpenApiTypes.INT)
class RecordIdFilter(django_filters.ModelChoiceFilter):
    """A filter by a record's id that the schema documents as an integer (the apps' filters use methods)."""


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Someone else changed this record since you read it. Read it again and redo your change.")
    default_code = "conflict"


class VersionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send the record's `updated_at` as you last read it, so that a change someone else saved since is not "
        "overwritten."
    )
    default_code = "version_required"


def validation_error(error):
    """A Django ValidationError as DRF's, with the form-wide messages under the API's non-field key."""
    detail = get_error_detail(error)
    if isinstance(detail, dict) and NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(detail)


class CleanModelSerializer(serializers.ModelSerializer):
    """Creates and updates through the model's full_clean(), in one transaction.

    Many-to-many fields are read-only here: each write touches one model, as a ModelForm's save() does.
    """

    def write(self, instance, validated_data):
        """Apply the data and save. A serializer whose model has a service for its writes overrides this to call
        it, so the API keeps the rules the pages keep; a Django ValidationError it raises becomes a 400."""
        for field, value in validated_data.items():
            setattr(instance, field, value)
        instance.full_clean()
        instance.save()
        return instance

    @property
    def user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_fields(self):
        # A record points only at records the user may see: a programme, workshop or agreement of another
        # programme than the user's is "not found", as its own endpoint says (the models' visible_to()).
        fields = super().get_fields()
        user = self.user
        if user is not None:
            for name, field in fields.items():
                field = getattr(field, "child_relation", field)
                queryset = getattr(field, "queryset", None)
                if hasattr(queryset, "visible_to"):
                    field.queryset = queryset.visible_to(user)
                    # A user of some programmes records into one of them (as common.editing.limit_choices_to_scope).
                    if name == "programme" and not queryset.sees_all(user) and not field.read_only:
                        field.required, field.allow_null = True, False
        return fields

    def _save(self, instance, validated_data):
        try:
            return self.write(instance, validated_data)
        except DjangoValidationError as error:
            raise validation_error(error) from None

    @transaction.atomic
    def create(self, validated_data):
        validated_data.pop("updated_at", None)
        return self._save(self.Meta.model(), validated_data)

    def version_parent(self, instance):
        """The record whose edit page also writes this one (an attendance's workshop), or None. Its row is locked
        before this one's, in the order that page's save takes them."""
        return None

    @transaction.atomic
    def update(self, instance, validated_data):
        # The lost-update rule: a change must say which version it was made to, and one made to a stale copy is
        # refused. Every API write passes through here; edit pages make the same check with common.concurrency.
        parent = self.version_parent(instance)
        if parent is not None:
            lock_version(parent)
        seen = validated_data.pop("updated_at", None)
        if seen is None:
            raise VersionRequired()
        current = type(instance).objects.select_for_update().filter(pk=instance.pk).values_list("updated_at", flat=True)
        if current.first() != seen:
            raise Conflict()
        return self._save(instance, validated_data)


UPDATED_AT_HELP = _(
    "When the record was last saved. Required to change it (PUT, PATCH): send back the value you read. Without it "
    "the change is refused with 428; if someone else saved the record in between, with 409."
)


def updated_at_field():
    return serializers.DateTimeField(required=False, help_text=UPDATED_AT_HELP)


class ChangePermissions(RolePermissions):
    """For a POST that changes an existing record (an agreement's transition): the change permission, as the page."""

    perms_map = {**RolePermissions.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


class RecordViewSet(viewsets.ModelViewSet):
    """A model's records: list, read, add, change, delete. Deleting a record others still point to is a 409."""

    permission_classes = [RolePermissions]
    # Any id reaches the view, so a malformed one gets the API's JSON 404 rather than the site's HTML page.
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        # Records by programme: a model whose QuerySet has visible_to() (accounts/scope.py) shows each user only
        # their programmes' rows, at every endpoint of the viewset: list, record, its actions, its writes.
        queryset = super().get_queryset()
        return queryset.visible_to(self.request.user) if hasattr(queryset, "visible_to") else queryset

    def handle_exception(self, exc):
        # A service that refuses with PermissionDenied says why, as the page's 403 does; DRF would drop the reason.
        if isinstance(exc, DjangoPermissionDenied) and exc.args:
            exc = exceptions.PermissionDenied(str(exc.args[0]))
        return super().handle_exception(exc)

    def destroy_record(self, instance):
        """Delete the record; a viewset whose model has a delete service overrides this to call it. A refusal the
        service raises (a ValidationError) is a 409 with its reason."""
        instance.delete()

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                self.destroy_record(instance)
        except (ProtectedError, RestrictedError):
            raise Conflict(
                _("Other records still refer to this one, so it cannot be deleted. Remove or move them first.")
            ) from None
        except DjangoValidationError as error:
            raise Conflict(" ".join(error.messages)) from None


ERROR_RESPONSES = {
    "400": _("The request is not valid: the body lists the problems, field by field."),
    "401": _("No valid session or token was given."),
    "403": _("Your role does not allow this."),
    "404": _("There is no such record, or no such page."),
    "409": _("Someone else changed the record since you read it, or other records still refer to it."),
    "428": _("A change must send the `updated_at` it was made to."),
}
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def _error_body():
    return {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing: document the error answers every operation can give.

    Also: times are written as "09:30:00", which OpenAPI's "time" format (RFC 3339, with an offset) does not
    describe, so time fields get a pattern instead.
    """
    for url, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = ["401", "403"]
            if method in ("post", "put", "patch") or (method == "get" and "{id}" not in url):
                codes.append("400")
            if "{id}" in url or method == "get":
                codes.append("404")  # no such record, or a page number past the last page
            if method in ("put", "patch", "delete"):
                codes.append("409")
            if method in ("put", "patch"):
                codes.append("428")
            for code in codes:
                operation["responses"].setdefault(
                    code, {"description": str(ERROR_RESPONSES[code]), "content": _error_body()}
                )

    def fix_times(node):
        if isinstance(node, dict):
            if node.get("format") == "time":
                node.pop("format")
                node["pattern"] = TIME_PATTERN
            for value in node.values():
                fix_times(value)
        elif isinstance(node, list):
            for value in node:
                fix_times(value)

    fix_times(result.get("components", {}))
    return result


class MergeSerializer(serializers.Serializer):
    """A merge of the record `duplicate` into the record in the URL, with the values picked per field."""

    duplicate = serializers.IntegerField(help_text=_("The id of the record merged into this one, then removed."))
    values = serializers.DictField(
        required=False,
        default=dict,
        help_text=_(
            "The value kept for each field that differs, the one of either record (a related record by its id); a "
            "field not given keeps this record's value, or the other's where this one is blank."
        ),
    )


class _MergePermissions(permissions.BasePermission):
    """The viewset's merge_permissions, for every method of the merge URL (a GET is refused as a POST would be)."""

    def has_permission(self, request, view):
        return all(permission().has_permission(request, view) for permission in view.merge_permissions)


# POST <record>/merge/: another record merged into this one through the record's merge service (`merge_service`,
# the one the merge screen calls), allowed by `merge_permissions` (admins only: accounts.roles.MayMerge; common
# imports no app, so each viewset names it). No docstring: the API schema takes a viewset's from its first class.
class MergeViewSetMixin:
    merge_service = None
    merge_permissions = ()

    @extend_schema(request=MergeSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[_MergePermissions],
        serializer_class=MergeSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def merge(self, request, pk=None):
        """Merge another record into this one, with the values picked per field (admins only)."""
        return merge_records(self, request, merge=self.merge_service)


def merge_records(view, request, *, merge):
    """The API's merge of a record into the one in the URL, through the same service as the merge screen: 200 with
    the message and the counts, 400 with the reason (into itself, into an inactive record, a value of neither)."""
    keep = view.get_object()
    body = MergeSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    duplicate = type(keep)._default_manager.filter(pk=body.validated_data["duplicate"]).first()
    if duplicate is None:
        raise serializers.ValidationError({"duplicate": [_("There is no such record.")]})
    try:
        result = merge(keep=keep, duplicate=duplicate, values=body.validated_data["values"], user=request.user)
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            error = DjangoValidationError({NON_FIELD_ERRORS: error.messages})
        raise validation_error(error) from None
    return Response(
        {
            "id": result.keep.pk,
            "message": result.message(),
            "moved": {plural: count for (_singular, plural), count in result.moved.items()},
            "left_out": {plural: count for (_singular, plural), count in result.dropped.items()},
            "kept_with_merged_record": len(result.kept),
            "aliases_added": result.aliases_added,
        }
    )
