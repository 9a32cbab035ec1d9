"""The header's language links (issue 18, item 1); the browser test walks them in Chromium."""

import re

import pytest

pytestmark = pytest.mark.django_db


def links(html: str) -> dict[str, str]:
    nav = html[html.index('class="gp-language"') :]
    nav = nav[: nav.index("</nav>")]
    return {
        m.group(2): m.group(1).replace("&amp;", "&") for m in re.finditer(r'href="([^"]*)" lang="(\w+)"', nav)
    }


def test_the_links_lead_to_the_same_page_with_its_query(client, edition):
    html = client.get("/nn/eksempler/?q=sykkel&side=1").content.decode()

    assert links(html) == {
        "nb": "/eksempler/?q=sykkel&side=1",
        "nn": "/nn/eksempler/?q=sykkel&side=1",
        "en": "/en/eksempler/?q=sykkel&side=1",
    }
    assert re.search(r'hreflang="nn" aria-current="true">Nynorsk<', html)


def test_a_page_no_pattern_matches_swaps_the_prefix(client, edition):
    response = client.get("/en/finnes-ikke/?x=1")

    assert response.status_code == 404
    assert links(response.content.decode()) == {
        "nb": "/finnes-ikke/?x=1",
        "nn": "/nn/finnes-ikke/?x=1",
        "en": "/en/finnes-ikke/?x=1",
    }


def test_no_cookie_or_form_overrides_the_address(client, edition):
    client.cookies["django_language"] = "en"

    html = client.get("/").content.decode()

    assert '<html lang="nb"' in html
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 404
