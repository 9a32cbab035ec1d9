"""`{% edition_preview_image edition as image %}`: the edition's social-preview image, or None."""

from django import template

from gronnpraksis.core.preview import PreviewImage

from ..models import Edition
from ..previews import edition_image

register = template.Library()


@register.simple_tag
def edition_preview_image(edition: Edition) -> PreviewImage | None:
    return edition_image(edition)
