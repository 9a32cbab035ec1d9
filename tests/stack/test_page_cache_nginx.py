"""The page cache of the production nginx site (deploy/nginx/gronnpraksis-page-cache.conf) in front of
the app: a public page is kept for PUBLIC_PAGE_MAX_AGE seconds, a change shows within that time, and
nothing personal (a logged-in page, a response that sets a cookie) is ever stored."""

import http.client
import time
from pathlib import Path

import pytest
from django.test import Client

from tests.stack import services

pytestmark = pytest.mark.skipif(services.nginx_binary() is None, reason="nginx is not installed")

MAX_AGE = 2


@pytest.fixture
def nginx(live_server, transactional_db, tmp_path, settings):
    from tests.factories import ensure_reference_data

    ensure_reference_data()
    settings.PUBLIC_PAGE_MAX_AGE = MAX_AGE
    port = services.free_port()
    (tmp_path / "static").mkdir()
    upstream = int(live_server.url.rsplit(":", 1)[1])
    with services.nginx_server(
        port=port, upstreams=[upstream], static_root=tmp_path / "static", workdir=tmp_path / "nginx"
    ):
        yield port, tmp_path / "nginx" / "page-cache"


def get(port: int, path: str, cookie: str = "") -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection(services.HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


def stored(cache_dir: Path) -> str:
    return "\n".join(p.read_bytes().decode(errors="replace") for p in cache_dir.rglob("*") if p.is_file())


def test_a_public_page_is_kept_and_an_edit_shows_within_the_max_age(nginx):
    from tests.factories import EditionFactory

    port, _cache = nginx
    edition = EditionFactory()
    path = f"/{edition.slug}/"

    first = get(port, path)
    second = get(port, path)
    assert (first[0], second[0]) == (200, 200)
    assert [first[1]["X-Cache-Status"], second[1]["X-Cache-Status"]] == ["MISS", "HIT"]
    assert second[1]["Cache-Control"].startswith("public")

    edition.name = "Grønn Praksis Nytt Navn"
    edition.save()
    edited = time.monotonic()
    seen = None
    while time.monotonic() - edited < MAX_AGE + 5:
        if "Grønn Praksis Nytt Navn" in get(port, path)[2]:
            seen = time.monotonic() - edited
            break
        time.sleep(0.2)

    assert seen is not None and seen <= MAX_AGE + 1.5


def test_nothing_personal_is_ever_stored(nginx):
    from gronnpraksis.ideas import services as ideas
    from tests.factories import UserFactory, municipality, theme

    port, cache_dir = nginx
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")
    idea = ideas.create_draft_idea(
        title="Delebiler for hele bygda",
        text="Bygda har ti biler per tun.",
        owner=owner,
        owner_name=owner.name,
        municipality=municipality("4204"),
        themes=[theme("transport")],
    )
    idea = ideas.publish_idea(idea=idea, by=owner)
    path = idea.get_absolute_url()  # the comment form is filled in with the logged-in person's name
    client = Client()
    client.force_login(UserFactory(email="kari.personlig@example.no", name="Kari Personlig"))
    session = f"sessionid={client.cookies['sessionid'].value}"

    mine = [get(port, path, cookie=session) for _ in range(2)]
    tokens = [get(port, "/csrf-token") for _ in range(2)]  # sets the CSRF cookie
    anonymous = get(port, path)

    assert all(status == 200 for status, _headers, _body in [*mine, *tokens, anonymous])
    assert [h["X-Cache-Status"] for _s, h, _b in mine] == ["BYPASS", "BYPASS"]
    assert all(h["Cache-Control"] == "private, no-store" for _s, h, _b in mine)
    assert "Kari Personlig" in mine[0][2]
    assert [h["X-Cache-Status"] for _s, h, _b in tokens] == ["MISS", "MISS"]
    assert tokens[0][2] != tokens[1][2]
    assert "Kari Personlig" not in anonymous[2] and "kari.personlig" not in anonymous[2]
    kept = stored(cache_dir)
    assert "Delebiler for hele bygda" in kept  # the anonymous page is there
    assert "Kari Personlig" not in kept and "kari.personlig" not in kept
    assert "Set-Cookie" not in kept and "csrftoken" not in kept
