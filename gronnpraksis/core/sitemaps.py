"""The base of the site's sitemaps (`/sitemap.xml`, Django's sitemaps framework).

Every address is listed in bokmål, nynorsk and English, each with the other two and `x-default` as
`hreflang` alternates. The host is `settings.SITE_URL`'s, never the request's Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteDomain:
    """What `Sitemap.get_domain` reads from a `Site`: the host (and any path prefix) of SITE_URL."""

    def __init__(self) -> None:
        parts = urlsplit(settings.SITE_URL)
        self.protocol = parts.scheme or "https"
        self.domain = parts.netloc + parts.path.rstrip("/")


class FindableSitemap(Sitemap):  # type: ignore[type-arg]
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):  # type: ignore[no-untyped-def]
        site_domain = SiteDomain()
        return super().get_urls(page=page, site=site_domain, protocol=site_domain.protocol)


class PagesSitemap(FindableSitemap):
    """The pages that are always there: the front page, the archive, the bank, the ideas, the places."""

    changefreq = "daily"
    PAGES = ["editions:home", "editions:archive", "examples:search", "ideas:list", "examples:places"]

    def items(self) -> list[str]:
        return self.PAGES

    def location(self, item: str) -> str:
        return reverse(item)
