"""Links from other apps' pages into the published programme.

The ideas app must not import the programme (the dependencies point from `program` to `ideas`), so an
idea's page finds its debate slot here: `{% load program_links %}{% idea_debates idea as debates %}`.
Like every public page, it reads only published programme versions, never the working copy.
"""

import datetime

from django import template
from django.urls import reverse

from gronnpraksis.editions.models import Edition
from gronnpraksis.ideas.models import Idea

from ..services import published_program

register = template.Library()


@register.simple_tag
def idea_debates(idea: Idea) -> list[dict]:
    """The published programme items where the idea is debated, over every edition it was brought to
    (one query per such edition, usually one): title, start, room, edition and the item's address.
    Cancelled items are left out."""
    debates = []
    editions = Edition.objects.public().filter(contributions__idea=idea).distinct().order_by("starts_on")
    for edition in editions:
        version = published_program(edition)
        if version is None:
            continue
        for item in version.items:
            if item.get("idea") != idea.pk or item.get("cancelled"):
                continue
            debates.append(
                {
                    "edition": edition,
                    "title": item["title"],
                    "starts_at": datetime.datetime.fromisoformat(item["starts_at"]),
                    "room": item["room"]["name"] if item.get("room") else "",
                    "url": reverse("program:item", kwargs={"edition": edition.slug, "pk": item["id"]}),
                }
            )
    return debates
