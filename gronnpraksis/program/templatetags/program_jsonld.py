"""Template tags that put schema.org Event JSON-LD in a page's `{% block head %}`."""

from django import template
from django.utils.safestring import SafeString

from gronnpraksis.core.jsonld import jsonld_script
from gronnpraksis.editions.models import Edition

from ..jsonld import edition_event, item_event

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_jsonld(context: template.Context, edition: Edition) -> SafeString:
    organisers = context.get("organisers")
    return jsonld_script(
        edition_event(context["request"], edition, list(organisers) if organisers is not None else None)
    )


@register.simple_tag(takes_context=True)
def item_jsonld(
    context: template.Context, edition: Edition, item: dict, report: dict | None = None
) -> SafeString:
    return jsonld_script(item_event(context["request"], edition, item, report))
