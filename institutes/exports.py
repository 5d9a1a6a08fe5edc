"""CSV and XLSX downloads of the organisation list, with exactly the rows its filters select."""

from django.contrib.auth.decorators import login_required, permission_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.exports import download

from .filters import OrganisationFilter
from .models import Organisation


@require_safe
@login_required
@permission_required("institutes.view_organisation", raise_exception=True)
def organisations_export(request, fmt):
    queryset = Organisation.objects.select_related("city").prefetch_related("aliases").order_by("name", "id")
    filterset = OrganisationFilter(request.GET or None, queryset=queryset)
    headers = [
        _("ID"),
        _("Name"),
        _("Short name"),
        _("Name in own script"),
        _("Other names"),
        _("Kind"),
        _("IATI organisation type"),
        _("Country"),
        _("City"),
        _("Active"),
    ]
    rows = [
        [
            o.pk,
            o.name,
            o.short_name,
            o.name_local,
            "; ".join(a.name for a in o.aliases.all()),
            o.get_kind_display(),
            o.get_iati_type_display() if o.iati_type else "",
            o.country.name if o.country else "",
            o.city.name if o.city_id else "",
            o.is_active,
        ]
        for o in filterset.qs
    ]
    return download(fmt, "organisations", _("Organisations"), headers, rows)
