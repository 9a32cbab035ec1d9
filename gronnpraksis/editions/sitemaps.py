from django.db.models import QuerySet

from gronnpraksis.core.sitemaps import FindableSitemap

from .models import Edition


class EditionSitemap(FindableSitemap):
    """The public editions' pages (an edition being planned is not public)."""

    def items(self) -> QuerySet[Edition]:
        return Edition.objects.public().order_by("starts_on", "pk")

    def location(self, item: Edition) -> str:
        return item.get_absolute_url()
