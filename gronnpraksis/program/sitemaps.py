import datetime
from dataclasses import dataclass

from django.urls import reverse

from gronnpraksis.core.sitemaps import FindableSitemap
from gronnpraksis.editions.models import Edition

from .models import ProgramVersion
from .services import speaker_index


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: dict
    published_at: datetime.datetime


class ProgrammeSitemap(FindableSitemap):
    """For each public edition with a published programme: the programme, its items and its speakers,
    as the published version has them (the planner's unpublished items are never read)."""

    def items(self) -> list[Page]:
        pages = []
        for edition in Edition.objects.public().order_by("starts_on", "pk"):
            version = ProgramVersion.objects.filter(edition=edition).order_by("-number").first()
            if version is None:
                continue
            slug, when = edition.slug, version.published_at
            pages.append(Page("program:program", {"edition": slug}, when))
            pages.append(Page("program:speakers", {"edition": slug}, when))
            pages += [
                Page("program:item", {"edition": slug, "pk": item["id"]}, when) for item in version.items
            ]
            pages += [
                Page("program:speaker", {"edition": slug, "slug": speaker}, when)
                for speaker in speaker_index(version)
            ]
        return pages

    def location(self, item: Page) -> str:
        return reverse(item.name, kwargs=item.kwargs)

    def lastmod(self, item: Page) -> datetime.datetime:
        return item.published_at
