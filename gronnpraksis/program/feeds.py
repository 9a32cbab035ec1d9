"""The Atom feed of "Nytt i programmet": one entry per published programme version.

Like every public view of the programme, the feed reads only published `ProgramVersion` rows, so
unpublished edits never appear in it.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import get_edition_for_user

from .models import ProgramVersion


def change_label(change: str) -> str:
    """The words "Nytt i programmet" uses for a kind of change."""
    labels = {
        "added": _("New:"),
        "moved": _("Moved:"),
        "changed": _("Changed:"),
        "cancelled": _("Cancelled:"),
    }
    return labels.get(change, _("Removed:"))


class ProgramChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> Edition:
        # Editions being planned are 404 for the public, as on the programme pages.
        return get_edition_for_user(request, str(kwargs["edition"]))

    def title(self, obj: Edition) -> str:
        return f"{_('What is new in the programme')} – {obj.name}"

    def link(self, obj: Edition) -> str:
        return absolute_url(reverse("program:changes", kwargs={"edition": obj.slug}))

    def feed_url(self, obj: Edition) -> str:
        return absolute_url(reverse("program:changes_feed", kwargs={"edition": obj.slug}))

    def description(self, obj: Edition) -> str:
        return _(
            "The programme grows as contributions are accepted. "
            "Every published version is listed here with what it changed."
        )

    def items(self, obj: Edition) -> QuerySet[ProgramVersion]:
        return (
            ProgramVersion.objects.filter(edition=obj)
            .select_related("edition")
            .only("number", "published_at", "note", "changes", "edition__slug")
            .order_by("-number")
        )

    def item_title(self, item: ProgramVersion) -> str:
        return _("Version %(number)s") % {"number": item.number}

    def item_description(self, item: ProgramVersion) -> str:
        """The changes in words, as HTML (Atom `summary type="html"`)."""
        note = format_html("<p>{}</p>", item.note) if item.note else ""
        if not item.changes:
            return format_html("{}<p>{}</p>", note, _("No changes to the items."))
        lines = format_html_join(
            "", "<li>{} {}</li>", ((change_label(c["change"]), c["title"]) for c in item.changes)
        )
        return format_html("{}<ul>{}</ul>", note, lines)

    def item_link(self, item: ProgramVersion) -> str:
        url = reverse("program:changes", kwargs={"edition": item.edition.slug})
        return absolute_url(f"{url}#version-{item.number}")

    def item_pubdate(self, item: ProgramVersion) -> datetime.datetime:
        return item.published_at

    def item_updateddate(self, item: ProgramVersion) -> datetime.datetime:
        return item.published_at
