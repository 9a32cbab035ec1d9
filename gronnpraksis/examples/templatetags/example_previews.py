"""`{% example_preview_image example as image %}`: the example's social-preview image, or None."""

from django import template

from gronnpraksis.core.preview import PreviewImage

from ..models import Example
from ..previews import example_image

register = template.Library()


@register.simple_tag
def example_preview_image(example: Example) -> PreviewImage | None:
    return example_image(example)
