"""The back office is mounted once, and the addresses people use stay as they were."""

from collections.abc import Iterable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def own_patterns(patterns: Iterable[URLPattern | URLResolver]) -> Iterator[str]:
    """Every pattern of the URLconf, included ones too, as written (without their prefixes)."""
    for pattern in patterns:
        yield str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from own_patterns(pattern.url_patterns)


def test_the_back_office_is_mounted_once_under_arrangor() -> None:
    """No app mounts its staff pages itself: one pattern in the whole URLconf says `arrangor/`, and
    each app's `backoffice_urls.py` has paths relative to it."""
    mentions = [p for p in own_patterns(get_resolver().url_patterns) if "arrangor" in p]

    assert mentions == ["arrangor/<slug:edition>/"]


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("backoffice:dashboard", {}, "/arrangor/gp27/"),
        ("backoffice:team", {}, "/arrangor/gp27/team/"),
        ("backoffice:team_remove", {"pk": 3}, "/arrangor/gp27/team/3/fjern/"),
        ("reviews:contributions", {}, "/arrangor/gp27/bidrag/"),
        ("reviews:unassign", {"pk": 3, "review_pk": 4}, "/arrangor/gp27/bidrag/3/vurderere/4/fjern/"),
        ("reviews:criterion_delete", {"pk": 3}, "/arrangor/gp27/kriterier/3/slett/"),
        ("reviews:mail_template", {"decision": "accepted"}, "/arrangor/gp27/eposter/accepted/"),
        ("awards_backoffice:bo_overview", {}, "/arrangor/gp27/prisen/"),
        ("awards_backoffice:bo_conflict_withdraw", {"pk": 3}, "/arrangor/gp27/prisen/jury/inhabil/3/fjern/"),
        ("awards_backoffice:jury", {}, "/arrangor/gp27/jury/"),
        ("awards_backoffice:jury_conflict", {"pk": 3}, "/arrangor/gp27/jury/3/inhabil/"),
        ("program_backoffice:grid", {}, "/arrangor/gp27/program/"),
        ("program_backoffice:track_delete", {"pk": 3}, "/arrangor/gp27/spor/3/slett/"),
        (
            "program_backoffice:partner_event",
            {"pk": 3, "event": 4},
            "/arrangor/gp27/partnere/3/arrangement/4/",
        ),
        ("awards:prize", {}, "/gp27/prisen/"),
    ],
)
def test_back_office_addresses_are_unchanged(name: str, kwargs: dict[str, object], path: str) -> None:
    assert reverse(name, kwargs={"edition": "gp27", **kwargs}) == path
