"""Whether the back office links to the network pages: only for those who may open them."""

from django import template

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import runs_network

register = template.Library()


@register.simple_tag(takes_context=True)
def runs_edition_network(context: template.Context, edition: Edition) -> bool:
    """`{% runs_edition_network edition as runs_network %}`: staff (no query) or an organiser of the
    edition's network (one query)."""
    request = context.get("request")
    return request is not None and runs_network(request.user, edition)
