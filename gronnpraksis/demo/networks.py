"""A second network in the demo, read from `data/networks.toml`: the fictional Klimanettverk Nordmøre
(demo) with a half-day edition in Kristiansund, an organiser and a moderator of its own, and three
examples shared through it that the national moderators have published, so the national bank shows
where they came from and the front page's calendar lists two networks.

Everything is invented (is_demo=True). Idempotent: the network and the edition are found by slug, the
team by address and role, the examples by title.
"""

import datetime
from dataclasses import dataclass

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.editions.models import Edition, EditionDay, Network, Theme
from gronnpraksis.editions.services import add_network_member
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import ExampleData, publish_example, share_example
from gronnpraksis.places.models import Municipality

from .loaders import build, load


@dataclass(frozen=True)
class Member:
    name: str
    email: str
    role: str


@dataclass(frozen=True)
class NetworkExample:
    published: datetime.datetime
    title: str
    summary: str
    what_was_done: str
    municipality: str
    themes: tuple[str, ...]
    owner_name: str
    contact: tuple[str, str]


_DATA = load("networks")
NETWORK_FIELDS: dict = _DATA["network"]
TEAM = [build(Member, values) for values in _DATA["team"]]
EDITION_FIELDS: dict = _DATA["edition"]
EXAMPLES = [build(NetworkExample, values) for values in _DATA["examples"]]


def seed_networks(organiser: User) -> Network:
    """The regional network, its half-day edition, its team and its published examples."""
    fields = dict(NETWORK_FIELDS)
    network, _created = Network.objects.update_or_create(
        slug=fields.pop("slug"), defaults={**fields, "is_demo": True}
    )
    for member in TEAM:
        add_network_member(network=network, email=member.email, name=member.name, role=member.role)
    _seed_edition(network)
    for spec in EXAMPLES:
        _seed_example(network, spec, organiser)
    return network


def _seed_edition(network: Network) -> Edition:
    fields = dict(EDITION_FIELDS)
    day = EditionDay(
        date=fields["starts_on"],
        label=fields.pop("day_label"),
        starts_at=fields.pop("starts_at"),
        ends_at=fields.pop("ends_at"),
    )
    fields["host_municipality"] = Municipality.objects.get(number=fields["host_municipality"])
    edition, _created = Edition.objects.update_or_create(
        slug=fields.pop("slug"), defaults={**fields, "network": network, "is_demo": True}
    )
    EditionDay.objects.update_or_create(
        edition=edition,
        date=day.date,
        defaults={"label": day.label, "starts_at": day.starts_at, "ends_at": day.ends_at},
    )
    return edition


def _seed_example(network: Network, spec: NetworkExample, organiser: User) -> Example:
    """Shared through the network by its contact (who owns it), then published by the national
    moderator on the date in the file, as a real one would be (the receipt goes to the outbox, the
    publication is not mailed)."""
    existing = Example.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing
    name, email = spec.contact
    owner = get_or_create_user(email=email, name=name)
    data = ExampleData(
        title=spec.title,
        summary=spec.summary,
        what_was_done=spec.what_was_done,
        municipalities=[Municipality.objects.get(number=spec.municipality)],
        themes=list(Theme.objects.filter(slug__in=spec.themes)),
        owner_name=spec.owner_name,
        contact_name=name,
        contact_email=email,
    )
    example = share_example(data=data, by=owner, network=network)
    Example.objects.filter(pk=example.pk).update(is_demo=True)
    example.refresh_from_db()
    if example.state == ModerationState.PENDING:
        example = publish_example(example=example, by=organiser, published_at=spec.published, notify=False)
    return example
