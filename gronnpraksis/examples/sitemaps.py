import datetime

from django.db.models import QuerySet
from django.urls import reverse

from gronnpraksis.core.sitemaps import FindableSitemap
from gronnpraksis.places.models import County, Municipality

from .models import Example


class ExampleSitemap(FindableSitemap):
    """The published examples, as last approved (a change waiting for moderation is not theirs yet)."""

    def items(self) -> QuerySet[Example]:
        return Example.objects.published().only("pk", "title", "updated_at").order_by("pk")

    def location(self, item: Example) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Example) -> datetime.datetime:
        return item.updated_at


class PlaceSitemap(FindableSitemap):
    """The place pages with something on them: every municipality and county page exists, but only
    those with a published example of their own are worth a search engine's visit."""

    def items(self) -> list[tuple[str, str]]:
        published = Example.objects.published()
        municipalities = (
            Municipality.objects.filter(examples__in=published).values_list("number", flat=True).distinct()
        )
        counties = (
            County.objects.filter(valid_to__isnull=True, municipalities__examples__in=published)
            .values_list("number", flat=True)
            .distinct()
        )
        return sorted({("examples:county", n) for n in counties}) + sorted(
            {("examples:municipality", n) for n in municipalities}
        )

    def location(self, item: tuple[str, str]) -> str:
        name, number = item
        return reverse(name, kwargs={"number": number})
