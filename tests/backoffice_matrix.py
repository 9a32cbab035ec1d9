"""The role × URL matrix of the back office, shared by every app's `test_permissions.py`.

Each app's module keeps what is its own: the people (`ACTORS`), the data they act on (a `world`
fixture with an `edition` and an `actors` dict), its URLs (`Url` rows), who may open each one
(`expected`) and a snapshot of everything a request could change (`stored`). This module sends the
requests and reads the answers: a refused request is a redirect to log in, a redirect to set up the
authenticator app, or a 404, and a refused POST changes nothing.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition, NetworkMember, NetworkRole, TeamMember
from tests.factories import NetworkFactory, UserFactory

LOGIN, TOTP, NOT_FOUND = "login", "totp", "404"
REFUSED = (LOGIN, NOT_FOUND, TOTP)


def member(edition: Any, email: str, role: str) -> User:
    """A person with `role` in the edition's team, named after their address."""
    user = UserFactory(email=email, name=email.split("@")[0])
    TeamMember.objects.create(edition=edition, user=user, role=role)
    return user


def network_organisers(edition: Edition) -> tuple[User, User]:
    """Two networks' organisers, both with an authenticator app and a proven address: one of the
    network the edition is moved to (an organiser of every edition of it), one of another network
    (refused on every back-office URL of this edition, as any outsider)."""
    own, other = NetworkFactory(slug="nettverk-a"), NetworkFactory(slug="nettverk-b")
    Edition.objects.filter(pk=edition.pk).update(network=own)
    edition.network = own
    people = []
    for network, email in ((own, "nora.nettverk@example.no"), (other, "anders.annet@example.no")):
        user = with_totp(UserFactory(email=email, name=email.split("@")[0]))
        NetworkMember.objects.create(network=network, user=user, role=NetworkRole.ORGANISER)
        people.append(user)
    return people[0], people[1]


def with_totp(user: User) -> User:
    """The user with an authenticator app, as an organiser needs."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


@dataclass(frozen=True)
class Url:
    name: str
    method: str
    access: str  # who may open it, in the app's own words (see the app's `expected`)
    allowed: int  # the status an actor who may use it gets
    kwargs: Callable[[Any], dict[str, Any]] | None = None  # world -> URL kwargs besides the edition
    data: Callable[[Any], dict[str, Any]] | None = None  # world -> POST data

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


def outcome(response: HttpResponseBase, path: str) -> str:
    """What a response means for the matrix: log in, set up TOTP, 404, or the status code."""
    location = response.get("Location", "")
    if response.status_code == 302 and location == f"{reverse(settings.LOGIN_URL)}?next={quote(path)}":
        return LOGIN
    if response.status_code == 302 and location == reverse("mfa_activate_totp"):
        return TOTP
    if response.status_code == 302 and not location.startswith(f"/arrangor/{path.split('/')[2]}/"):
        return f"302 to {location}"
    return str(response.status_code)


def send(client: Client, world: Any, actor: str, url: Url, stored: Callable[[], object]) -> tuple[str, bool]:
    """The outcome of the request as `actor`, and whether it changed anything (by `stored`); rolled back."""
    kwargs = url.kwargs(world) if url.kwargs else {}
    path = reverse(url.name, kwargs={"edition": world.edition.slug, **kwargs})
    with transaction.atomic():
        client.logout()
        if world.actors[actor] is not None:
            client.force_login(world.actors[actor])
        if url.method == "GET":
            response, changed = client.get(path), False
        else:
            before = stored()
            response = client.post(path, url.data(world) if url.data else {})
            changed = stored() != before
        transaction.set_rollback(True)
    return outcome(response, path), changed


def assert_every_role(
    client: Client,
    world: Any,
    url: Url,
    actors: Sequence[str],
    expected: Callable[[str, Url], str],
    stored: Callable[[], object],
) -> None:
    """Each actor gets what `expected` says, and no refused request changed anything."""
    results = {actor: send(client, world, actor, url, stored) for actor in actors}

    assert {actor: result for actor, (result, _changed) in results.items()} == {
        actor: expected(actor, url) for actor in actors
    }
    assert [actor for actor, (result, changed) in results.items() if result in REFUSED and changed] == []


def url_names(patterns: Iterable[URLPattern | URLResolver], namespace: str) -> set[str]:
    """Every named URL of a URLconf's patterns, as `namespace` + name."""
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= url_names(pattern.url_patterns, namespace)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def assert_covers(urls: Iterable[Url], every: set[str]) -> None:
    """The matrix has a row for every URL name in `every`, and no row twice."""
    rows = [(u.name, u.method) for u in urls]

    assert {name for name, _method in rows} == every
    assert len(rows) == len(set(rows))
