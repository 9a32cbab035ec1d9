"""The language links in every page's header: the same page in bokmål, nynorsk and English.

Plain links (GET, no form, no JavaScript): the language is the URL's prefix (none for bokmål,
`/nn/`, `/en/`), and `LocaleMiddleware` takes it from there before any cookie or session, so a link
always shows the page in the language it names.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language: "Bokmål", "Nynorsk", "English"
    url: str
    current: bool


# The names as the header shows them (Django's own `name_local` says "norsk (bokmål)").
LINK_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def _prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def strip_language_prefix(path: str) -> str:
    """`/nn/eksempler/` → `/eksempler/`; a path without a language prefix is returned as it is."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and (path.startswith(prefix) or path == prefix[:-1]):
            return "/" + path[len(prefix) :]
    return path


def same_page_in(request: HttpRequest, code: str) -> str:
    """The current page's address (query string kept) in the language `code`.

    `translate_url` reverses the page's own URL pattern in the other language; a path no pattern
    matches (a 404 page) gets its language prefix swapped instead."""
    return address_in(request.get_full_path(), code)


def address_in(full_path: str, code: str) -> str:
    """A path of the current language (query string kept) in the language `code`."""
    current = get_language() or settings.LANGUAGE_CODE
    if code == current:
        return full_path
    translated = translate_url(full_path, code)
    if translated != full_path:
        return translated
    path, separator, query = full_path.partition("?")
    return _prefix(code) + strip_language_prefix(path) + separator + query


def language_links(request: HttpRequest) -> list[LanguageLink]:
    current = get_language() or settings.LANGUAGE_CODE
    return [
        LanguageLink(
            code=code,
            name=LINK_NAMES.get(code) or get_language_info(code)["name_local"],
            url=same_page_in(request, code),
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]
