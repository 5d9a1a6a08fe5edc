"""Follow-up actions across workshops and agreements: "mine" and "all", with overdue ones highlighted."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from common.filters import StyledFilterSet
from common.pagination import paginate

from .actions_forms import ActionStatusForm
from .models import ActionItem
from .services import action_item_set_status

YES_OR_ANY = [("", gettext_lazy("Any")), ("true", gettext_lazy("Yes"))]


class ActionFilter(StyledFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=ActionItem.Status.choices)
    still_open = django_filters.BooleanFilter(
        label=gettext_lazy("Open or in progress"), method="only_open", widget=forms.Select(choices=YES_OR_ANY)
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue only"), method="only_overdue", widget=forms.Select(choices=YES_OR_ANY)
    )
    due_within = django_filters.NumberFilter(
        label=gettext_lazy("Due within (days)"), method="due_soon", min_value=0, max_value=3650
    )

    class Meta:
        model = ActionItem
        fields = ["status", "still_open", "overdue", "due_within"]

    def only_open(self, queryset, name, value):
        return queryset.open() if value else queryset

    def only_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def due_soon(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        return queryset.open().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=int(value)))


def _action_for_change(request, pk):
    return get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("workshop", "agreement", "owner"), pk=pk
    )


def _actions(request, *, mine):
    queryset = (
        ActionItem.objects.visible_to(request.user)
        .select_related("workshop", "agreement", "owner", "owner_organisation")
        .order_by("due_date", "id")
    )
    if mine:
        queryset = queryset.owned_by(request.user)
    filterset = ActionFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "actions/action_list.html",
        {
            "filter": filterset,
            "page": page,
            "mine": mine,
            "status_choices": ActionItem.Status.choices,
            "section": "actions",
        },
    )


@require_safe
@login_required
@permission_required("workshops.view_actionitem", raise_exception=True)
def action_mine(request):
    return _actions(request, mine=True)


@require_safe
@login_required
@permission_required("workshops.view_actionitem", raise_exception=True)
def action_all(request):
    return _actions(request, mine=False)


@require_POST
@login_required
@permission_required("workshops.change_actionitem", raise_exception=True)
def action_set_status(request, pk):
    action = _action_for_change(request, pk)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed statuses."))
    else:
        try:
            action_item_set_status(action_item=action, status=form.cleaned_data["status"], user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(_back_to(request))
        messages.success(
            request,
            _("“%(title)s” is now %(status)s.") % {"title": action.title, "status": action.get_status_display()},
        )
    return HttpResponseRedirect(_back_to(request))


def _back_to(request):
    """The list the form was on (a local path only), else "my actions"."""
    back = request.POST.get("next", "")
    local = (
        back.startswith("/")
        and len(back) < 2000
        and not any(ord(char) < 32 or char.isspace() for char in back)
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    )
    return back if local else reverse("actions:mine")
