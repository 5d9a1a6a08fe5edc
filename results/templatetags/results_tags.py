from django import template

from ..views import results_of, with_results

register = template.Library()


@register.simple_tag
def agreement_results(agreement):
    """The agreement's indicators with target against achieved per period (for its page, which knows no results)."""
    return results_of(with_results(agreement.indicators.order_by("name", "id")), agreement)
