from django import template

from ..figures import indicator_results
from ..views import with_results

register = template.Library()


@register.simple_tag
def agreement_results(agreement):
    """The agreement's indicators with target against achieved per period (for its page, which knows no results)."""
    return [indicator_results(indicator) for indicator in with_results(agreement.indicators.order_by("name", "id"))]
