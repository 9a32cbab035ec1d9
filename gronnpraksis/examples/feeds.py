"""The Atom feed of new practice examples (`/eksempler/nye.atom`), with the page's search parameters.

Only published examples. The whole bank's feed lists the latest published; a search's feed lists its
newest matches (`examples.search`, newest first), so a feed reader can follow one theme or county.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from gronnpraksis.core.http import absolute_url

from .bank_forms import NEWEST, BankSearch, read_search
from .models import Example

ENTRIES = 30


class NewExamplesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> BankSearch:
        query = read_search(request.GET)
        return BankSearch(q=query.q, filters=query.filters, sort=NEWEST)

    def title(self, obj: BankSearch) -> str:
        if obj.is_narrowed:
            return _("New practice examples matching your search – Grønn Praksis")
        return _("New practice examples – Grønn Praksis")

    def link(self, obj: BankSearch) -> str:
        return absolute_url(reverse("examples:search") + obj.querystring())

    def feed_url(self, obj: BankSearch) -> str:
        return absolute_url(reverse("examples:feed") + obj.querystring())

    def description(self, obj: BankSearch) -> str:
        return _("Practice examples for sustainable transition, newly published in the example bank.")

    def items(self, obj: BankSearch) -> list[Example]:
        if not obj.is_narrowed:
            latest = Example.objects.published().order_by("-published_at", "-id").prefetch_related("themes")
            return list(latest[:ENTRIES])
        return obj.run(per_page=ENTRIES, page=1).examples

    def item_title(self, item: Example) -> str:
        return item.title

    def item_description(self, item: Example) -> str:
        """The summary as HTML (Atom `summary type="html"`): plain text, escaped."""
        return escape(item.summary)

    def item_link(self, item: Example) -> str:
        return absolute_url(item.get_absolute_url())

    def item_categories(self, item: Example) -> list[str]:
        return [theme.name for theme in item.themes.all()]

    def item_pubdate(self, item: Example) -> datetime.datetime | None:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Example) -> datetime.datetime:
        return item.updated_at
