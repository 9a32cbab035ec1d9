"""schema.org `Article` description (JSON-LD) of a published practice example, for search engines.

Written into the page with `core.jsonld.jsonld_script`, which escapes the JSON so that no value
can close its `<script type="application/ld+json">` element. Only published examples get one: the
example as last approved (never a change waiting for moderation, which lives in `ExampleRevision`).
"""

from django.conf import settings

from gronnpraksis.core.findable import absolute

from .models import Example, ModerationState
from .opendata import LICENCE


def example_article(example: Example) -> dict | None:
    """The example as a schema.org Article, or None when it is not published."""
    if example.state != ModerationState.PUBLISHED:
        return None
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "name": example.title,
        "headline": example.title[:110],
        "description": example.summary,
        "url": absolute(example.get_absolute_url()),
        "inLanguage": settings.LANGUAGE_CODE,
        "dateModified": example.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": "Grønn Praksis", "url": settings.SITE_URL + "/"},
        "isAccessibleForFree": True,
    }
    if example.published_at:
        article["datePublished"] = example.published_at.isoformat()
    if example.licence == LICENCE["id"]:
        article["license"] = LICENCE["url"]
    themes = [{"@type": "Thing", "name": theme.name} for theme in example.themes.all()]
    if themes:
        article["about"] = themes
    places = [
        {"@type": "AdministrativeArea", "name": m.name, "identifier": m.number}
        for m in example.municipalities.all()
    ]
    if places:
        article["spatialCoverage"] = places
    organisation = example.owner_organisation
    if organisation is not None:
        author = {"@type": "Organization", "name": organisation.name}
        if organisation.website:
            author["url"] = organisation.website
        article["author"] = author
    elif example.owner_name:
        article["author"] = {"@type": "Organization", "name": example.owner_name}
    return article
