"""Where a practice example was presented, for the example bank's pages.

The examples app must not import the programme (the dependencies point from `program` to `examples`),
so an example's page loads `{% load example_links %}{% example_presentations example as presented %}`.
Like every public page, it reads only published programme versions, never the working copy.
"""

import datetime

from django import template
from django.urls import reverse

from gronnpraksis.editions.models import Edition
from gronnpraksis.examples.models import Example

from ..services import published_program

register = template.Library()


@register.simple_tag
def example_presentations(example: Example) -> list[dict]:
    """The published programme items that present the example, over every public edition it was
    brought to as a contribution (one query per such edition, usually one): the edition, the item's
    title and start, and its address. Cancelled items are left out."""
    presented = []
    editions = (
        Edition.objects.public().filter(contributions__example=example).distinct().order_by("starts_on")
    )
    for edition in editions:
        version = published_program(edition)
        if version is None:
            continue
        for item in version.items:
            if item.get("example") != example.pk or item.get("cancelled"):
                continue
            presented.append(
                {
                    "edition": edition,
                    "title": item["title"],
                    "starts_at": datetime.datetime.fromisoformat(item["starts_at"]),
                    "url": reverse("program:item", kwargs={"edition": edition.slug, "pk": item["id"]}),
                }
            )
    return presented
