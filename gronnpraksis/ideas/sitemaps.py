import datetime

from django.db.models import QuerySet

from gronnpraksis.core.sitemaps import FindableSitemap

from .models import Idea


class IdeaSitemap(FindableSitemap):
    """The published ideas (never drafts or hidden ones)."""

    def items(self) -> QuerySet[Idea]:
        return Idea.objects.published().only("pk", "title", "updated_at").order_by("pk")

    def location(self, item: Idea) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Idea) -> datetime.datetime:
        return item.updated_at
