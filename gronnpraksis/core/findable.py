"""What search engines and link previews read: the canonical address of a page, its addresses in the
three languages (`hreflang`), the OpenGraph locale and the absolute address of the preview image.

Addresses are absolute with `settings.SITE_URL` (never the request's Host header, which a client
chooses). A page's canonical address is its path without the query string; a search page passes its
own canonical query string (the recognised parameters in a fixed order, defaults dropped) as
`canonical_query` in its template context.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.translation import get_language

from .languages import address_in

# `og:locale` wants language_TERRITORY.
OG_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


def absolute(path: str) -> str:
    """`/eksempler/` → `https://grønnpraksis.no/eksempler/`; an absolute address is kept."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def canonical_path(request: HttpRequest, query: str = "") -> str:
    """The page's path with only the query string the page calls canonical ("" or "?…")."""
    return request.path + (query if query.startswith("?") else "")


def alternates(path: str) -> list[Alternate]:
    """The page in bokmål, nynorsk and English, and `x-default` (bokmål, the site's default)."""
    links = [Alternate(code, absolute(address_in(path, code))) for code, _name in settings.LANGUAGES]
    default = next(link for link in links if link.hreflang == settings.LANGUAGE_CODE)
    return [*links, Alternate("x-default", default.url)]


def og_locales() -> tuple[str, list[str]]:
    """The page's `og:locale` and the others (`og:locale:alternate`)."""
    current = get_language() or settings.LANGUAGE_CODE
    others = [OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != current]
    return OG_LOCALES.get(current, OG_LOCALES[settings.LANGUAGE_CODE]), others


def default_image() -> str:
    return absolute(static(DEFAULT_IMAGE))
