"""CSV and XLSX downloads of the people list, with exactly the rows its filters select."""

from django.contrib.auth.decorators import login_required, permission_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.roles import may_see_contacts
from common.exports import download

from .filters import PersonFilter
from .models import Person


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def people_export(request, fmt):
    queryset = (
        Person.objects.with_current_position().prefetch_related("aliases").order_by("family_name", "given_name", "id")
    )
    filterset = PersonFilter(request.GET or None, queryset=queryset)
    headers = [
        _("ID"),
        _("Honorific"),
        _("Given name"),
        _("Family name"),
        _("Name in own script"),
        _("Other names"),
        _("Current positions"),
        _("Country"),
    ]
    contacts = may_see_contacts(request.user)
    if contacts:
        headers += [_("Email"), _("Phone")]
    headers += [_("Basis"), _("May be named in shared records")]
    rows = [
        [
            p.pk,
            p.honorific,
            p.given_name,
            p.family_name,
            p.name_local,
            "; ".join(a.name for a in p.aliases.all()),
            "; ".join(f"{pos.title}, {pos.organisation.label}" for pos in p.current_positions),
            p.country.name if p.country else "",
            *([p.email, p.phone] if contacts else []),
            p.get_basis_display(),
            _("yes") if p.may_be_named else _("no"),
        ]
        for p in filterset.qs
    ]
    return download(fmt, "people", _("People"), headers, rows)
