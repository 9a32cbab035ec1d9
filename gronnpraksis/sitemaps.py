"""The sections of `/sitemap.xml` (see `core.sitemaps`)."""

from gronnpraksis.core.sitemaps import PagesSitemap
from gronnpraksis.editions.sitemaps import EditionSitemap
from gronnpraksis.examples.sitemaps import ExampleSitemap, PlaceSitemap
from gronnpraksis.ideas.sitemaps import IdeaSitemap
from gronnpraksis.program.sitemaps import ProgrammeSitemap

SITEMAPS = {
    "pages": PagesSitemap,
    "editions": EditionSitemap,
    "programme": ProgrammeSitemap,
    "examples": ExampleSitemap,
    "places": PlaceSitemap,
    "ideas": IdeaSitemap,
}
