import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.roles import may_merge, may_see_contacts
from common.duplicates import duplicates_page, merge_page
from common.editing import save_record_form
from common.pagination import paginate
from common.quick_add import matches_json, quick_add
from common.search import cut_query

from . import duplicates
from .filters import PersonFilter
from .forms import PersonAliasFormSet, PersonBasisForm, PersonForm
from .models import Person, Position
from .names import split_name
from .search import match_people, search_people
from .services import PERSON_MERGE_FIELDS, person_basis_set, person_from_name, person_merge


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def person_list(request):
    return _person_list_page(request)


def _person_list_page(request, *, basis_form=None, chosen=(), status=200):
    queryset = Person.objects.prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organisation").order_by("-start_date", "-id"))
    )
    filterset = PersonFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs)
    if basis_form is None and request.user.has_perm("participants.change_person"):
        basis_form = PersonBasisForm(prefix="basis")
    columns = 2 + (basis_form is not None) + may_see_contacts(request.user)
    context = {
        "filter": filterset,
        "page": page,
        "basis_form": basis_form,
        "chosen": {str(pk) for pk in chosen},
        "columns": columns,
    }
    return render(request, "participants/person_list.html", context, status=status)


@require_POST
@login_required
@permission_required("participants.change_person", raise_exception=True)
def person_basis(request):
    """The people list's bulk action: the basis chosen for the people ticked, then back to the same list."""
    chosen = [int(pk) for pk in request.POST.getlist("person") if pk.isdigit()]
    form = PersonBasisForm(request.POST, prefix="basis")
    if not chosen:
        form.add_error(None, _("Tick the people to set the basis for."))
    if form.is_valid():
        try:
            count = person_basis_set(people=chosen, **form.basis_kwargs(), user=request.user, reason="basis set")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("Basis recorded for %(count)s person.", "Basis recorded for %(count)s people.", count)
                % {"count": count},
            )
            query = request.GET.urlencode()
            return redirect(reverse("participants:list") + (f"?{query}" if query else ""))
    return _person_list_page(request, basis_form=form, chosen=chosen)


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.select_related("user").prefetch_related(
            "aliases",
            Prefetch(
                "positions", queryset=Position.objects.select_related("organisation").order_by("-start_date", "-id")
            ),
        ),
        pk=pk,
    )
    # Through the reverse relation workshops declares: participants sits below workshops and does not import it.
    # Of the user's programmes only (accounts/scope.py: the related managers are the models' ScopedQuerySet).
    attendances = (
        person.attendances.visible_to(request.user)
        .select_related("workshop", "organisation")
        .order_by("-workshop__start_date")
    )
    actions = (
        person.action_items.visible_to(request.user)
        .select_related("workshop", "agreement", "owner_organisation")
        .order_by("due_date", "id")
    )
    return render(
        request,
        "participants/person_detail.html",
        {"person": person, "attendances": attendances, "actions": actions},
    )


@login_required
@permission_required("participants.add_person", raise_exception=True)
def person_create(request):
    return save_record_form(
        request,
        functools.partial(PersonForm, contacts=may_see_contacts(request.user)),
        instance=Person(),
        template="record_form.html",
        context={"heading": _("New person"), "cancel_url": reverse("participants:list")},
    )


@login_required
@permission_required("participants.change_person", raise_exception=True)
def person_edit(request, pk):
    person = get_object_or_404(Person, pk=pk)
    return save_record_form(
        request,
        functools.partial(PersonForm, contacts=may_see_contacts(request.user)),
        instance=person,
        template="record_form.html",
        context={"heading": _("Edit person")},
        formsets=[PersonAliasFormSet] if request.user.has_perm("participants.change_personalias") else [],
    )


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def person_match(request):
    """Type-ahead for the person fields: people whose name, own-script name or other name matches what was typed
    (honorifics, name order, typos and Chinese characters allowed), best first, then those the list page's search
    finds for the words typed."""
    text, cut = cut_query(request.GET.get("q", ""))
    matches = search_people(text, limit=8) if len(text.strip()) >= 2 else []
    results = matches_json(matches, _full_name)
    # Each with the organisation the person is at now (their latest current position), for the row's organisation.
    at = {}
    positions = (
        Position.objects.current().filter(person__in=[m.record.pk for m in matches]).select_related("organisation")
    )
    for position in positions.order_by("-start_date", "-id"):
        at.setdefault(position.person_id, position.organisation)
    for result in results:
        organisation = at.get(result["id"])
        result["organisation"] = {"id": organisation.pk, "name": str(organisation)} if organisation else None
    # cut: only the first words typed were searched (common.search.cut_query); the box says so.
    return JsonResponse({"results": results, "cut": cut, "searched": text})


@require_safe
@login_required
@permission_required("participants.add_person", raise_exception=True)
def person_name_parts(request):
    """A name as typed, split for the new-person dialog: honorific, family and given name, their order and the name
    in own script (see names.split_name)."""
    return JsonResponse(split_name(request.GET.get("name", "").replace("\x00", "")[:200]))


@require_POST
@login_required
@permission_required("participants.add_person", raise_exception=True)
def person_quick_add(request):
    """A new person from the name typed on the workshop entry page, unless someone on record may be them."""
    chosen = request.POST.get("name_order", "")
    # Who may not see addresses is not told whose address one is: their look-alikes are found by the name alone.
    contacts = may_see_contacts(request.user)
    return quick_add(
        request,
        find=lambda name, email: look_alikes(name, email if contacts else ""),
        build=lambda name, email: person_from_name(name, email=email, name_order=chosen),
        label=_full_name,
        ask=lambda name: [] if chosen else name_readings(name),
    )


def name_readings(name):
    """The readings of a name whose order the name rule could only guess, for the user to choose one: [] if sure."""
    return [
        {
            "name_order": reading["name_order"],
            "label": _("Family name %(family)s, given name %(given)s")
            % {"family": reading["family_name"], "given": reading["given_name"] or "—"},
        }
        for reading in split_name(name)["alternatives"]
    ]


def look_alikes(name, email):
    """Who a new person may duplicate: anyone with the e-mail or the name (match_people), then whoever the search
    finds for the name typed."""
    found = match_people(name, email=email, limit=8)
    seen = {match.record.pk for match in found}
    return (found + [match for match in search_people(name, limit=8) if match.record.pk not in seen])[:8]


def _full_name(person):
    return person.full_name


@require_safe
@login_required
@permission_required("participants.change_person", raise_exception=True)
def person_duplicates(request):
    """Likely pairs of people recorded twice, side by side, with a merge for those who may merge."""
    return duplicates_page(
        request,
        pairs=duplicates.likely_pairs,
        details=duplicates.details,
        template="participants/person_duplicates.html",
        context={},
        merge_allowed=may_merge(request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def person_merge_pair(request):
    """The merge screen of two person records: admins only."""
    if not may_merge(request.user):
        raise PermissionDenied
    return merge_page(
        request,
        model=Person,
        fields=PERSON_MERGE_FIELDS,
        merge=person_merge,
        details=duplicates.details,
        card="participants/_duplicate_card.html",
        redirect_to="participants:duplicates",
    )
