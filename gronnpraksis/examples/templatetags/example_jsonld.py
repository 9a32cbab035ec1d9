"""The template tag that puts a published example's schema.org JSON-LD in its page's `<head>`."""

from django import template
from django.utils.safestring import SafeString

from gronnpraksis.core.jsonld import jsonld_script

from ..jsonld import example_article
from ..models import Example

register = template.Library()


@register.simple_tag
def example_jsonld(example: Example) -> SafeString | str:
    article = example_article(example)
    return jsonld_script(article) if article is not None else ""
