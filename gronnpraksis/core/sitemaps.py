"""The base of the site's sitemaps (`/sitemap.xml`, Django's sitemaps framework).

Every address is listed in bokmål, nynorsk and English, each with the other two and `x-default` as
`hreflang` alternates. The host is `settings.SITE_URL`'s, never the request's Host header.
"""

from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


def _site() -> SplitResult:
    return urlsplit(settings.SITE_URL)


class FindableSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return _site().scheme or "https"

    def get_domain(self, site: object = None) -> str:
        """SITE_URL's host (and any path prefix), whatever site or request the view passes."""
        parts = _site()
        return parts.netloc + parts.path.rstrip("/")


class PagesSitemap(FindableSitemap):
    """The pages that are always there: the front page, the archive, the bank, the ideas, the places."""

    changefreq = "daily"
    PAGES = ["editions:home", "editions:archive", "examples:search", "ideas:list", "examples:places"]

    def items(self) -> list[str]:
        return self.PAGES

    def location(self, item: str) -> str:
        return reverse(item)
