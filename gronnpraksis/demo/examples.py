"""The example bank in the demo: one real example and about fifty fictional ones, for `manage.py seed_demo`,
read from `data/examples.toml`.

Sources and assumptions
-----------------------
- Mulighetenes Hus in Vennesla is real (is_demo=False). What is said about it is limited to what our
  sources say (see `gronnpraksis/demo/content.py`): food rescue of about 60 tonnes a year, a climate café, work training,
  50–60 volunteers, presented at Grønn Praksis 22 and voted winner of GrønnPraksisPrisen 2022 by the
  participants. Its contact person is the fictional one of the GP22 demo contribution and is not shown.
  It is linked to Grønn Praksis 22 through that contribution (kind "eksempel", confirmed).
- Every other example is fictional (is_demo=True; the bank marks them as demo content). They are set in
  real municipalities (numbers from `places/data/kommuner_2024.csv`), but the projects, the people, the
  figures and the amounts of support are invented to look plausible. Real municipalities and county
  municipalities may own an example; invented companies and associations carry "(demo)" in their name,
  as in `gronnpraksis/demo/content.py`. Contacts are fictional with @example.no addresses. No example links to another
  site.
- A few examples are waiting for moderation, sent back or rejected, to show moderation; they are never
  public. The published ones were published between 2022 and 2026.

Idempotent: an example is found by its title and updated; key figures by position.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.contributions.models import Contribution, Contributor, Format, Kind, Length, State
from gronnpraksis.editions.models import Edition, Goal, Theme
from gronnpraksis.examples.models import Example, KeyFigure, MeasureType, ModerationState, Stage
from gronnpraksis.examples.services import (
    index_example,
    publish_example,
    reject_example,
    return_example,
    submit_example,
)
from gronnpraksis.organisations.models import Organisation, Sector
from gronnpraksis.places.models import Municipality

from .content import demo_key
from .loaders import build, load

OSLO = ZoneInfo("Europe/Oslo")
PUBLISHED = ModerationState.PUBLISHED
PENDING = ModerationState.PENDING
RETURNED = ModerationState.RETURNED
REJECTED = ModerationState.REJECTED
DRAFT = ModerationState.DRAFT


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | float
    unit: str
    accuracy: str
    year: int | None = None


@dataclass(frozen=True)
class ExampleSpec:
    title: str
    municipalities: tuple[str, ...]  # municipality numbers; the first is the main place
    themes: tuple[str, ...]  # Theme slugs
    goals: tuple[int, ...]  # UN sustainable development goals
    stage: str
    measure_type: str
    actor_type: str
    owner: str  # linked to the organisation of that name when the demo has one
    years: tuple[int | None, int | None]  # started, ended
    contact: tuple[str, str]  # name, e-mail; the contact is also the example's owner (user)
    contact_is_public: bool
    summary: str
    starting_point: str
    what_was_done: str
    # Published: the day it was published. Otherwise: the day it was sent in.
    on: datetime.date
    state: str = PUBLISHED
    figures: tuple[Figure, ...] = ()
    partners: str = ""
    cost: str = ""
    success_factors: str = ""
    barriers: str = ""
    transferability: str = ""
    moderation_comment: str = ""
    is_demo: bool = True


# --- The real example -------------------------------------------------------------------------------

MULIGHETENES_HUS_TITLE = "Mulighetenes Hus"  # the awards demo finds the winner by this title

_DATA = load("examples")
MULIGHETENES_HUS = build(ExampleSpec, _DATA["mulighetenes_hus"])

# --- Fictional examples (data/examples.toml, by county) --------------------------------------------------------------------

EXAMPLES: list[ExampleSpec] = [build(ExampleSpec, values) for values in _DATA["examples"]]


# --- Seeding ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookups:
    municipalities: dict[str, Municipality]
    themes: dict[str, Theme]
    goals: dict[int, Goal]
    organisations: dict[str, Organisation]
    users: dict[str, User]  # by e-mail


def seed_examples(gp22: Edition, gp27: Edition, organiser: User) -> list[Example]:
    """Write the bank's demo examples (found by title, then updated), their places, themes, goals, owners
    and key figures, and link Mulighetenes Hus to Grønn Praksis 22 through its contribution; then bring
    each example's search index entry up to date. The demo edition (gp27) gets its bank entries from its
    own contributions; nothing here belongs to it yet."""
    specs = [MULIGHETENES_HUS, *EXAMPLES]
    check(specs)
    lookups = load_lookups(specs)
    found: dict[str, Example] = {}
    for example in Example.objects.filter(title__in=[spec.title for spec in EXAMPLES]).order_by("-pk"):
        found[example.title] = example  # the oldest of any namesakes
    examples = [seed_mulighetenes_hus(gp22, lookups)]
    examples += [write_example(spec, lookups, found.get(spec.title)) for spec in EXAMPLES]
    write_relations(list(zip(examples, specs, strict=True)), lookups)
    examples = [
        moderate(example, spec, lookups, organiser) for example, spec in zip(examples, specs, strict=True)
    ]
    for example in examples:
        index_example(example)
    return examples


def moderate(example: Example, spec: ExampleSpec, lookups: Lookups, organiser: User) -> Example:
    """Bring a new example to the spec's state through the bank's moderation services (a version and a
    record each; a published one dated as the spec says, without mail). An example already in its state
    is left as it is."""
    if example.state == spec.state:
        return example
    if spec.state == PUBLISHED:
        return publish_example(
            example=example, by=organiser, published_at=oslo_morning(spec.on), notify=False
        )
    owner = lookups.users[spec.contact[1]]
    if example.state not in (DRAFT, RETURNED):
        return example  # changed by hand since; the demo does not undo a moderator's decision
    example = submit_example(example=example, by=owner)
    if spec.state == RETURNED:
        example = return_example(example=example, by=organiser, comment=spec.moderation_comment)
    elif spec.state == REJECTED:
        example = reject_example(example=example, by=organiser, comment=spec.moderation_comment)
    return example


def check(specs: Iterable[ExampleSpec]) -> None:
    """Catch mistakes in the data above before they reach the database."""
    titles = set()
    for spec in specs:
        assert spec.title not in titles, f"two examples are called {spec.title!r}"
        titles.add(spec.title)
        assert len(spec.summary) <= 300, f"{spec.title}: the summary is {len(spec.summary)} characters"
        assert spec.stage in Stage.values and spec.measure_type in MeasureType.values, spec.title
        assert spec.actor_type in Sector.values and spec.state in ModerationState.values, spec.title
        assert spec.contact[1].endswith("@example.no"), f"{spec.title}: contacts are fictional"
        assert not (spec.state == PUBLISHED and spec.moderation_comment), (
            f"{spec.title}: a comment, but published"
        )


def load_lookups(specs: list[ExampleSpec]) -> Lookups:
    numbers = {number for spec in specs for number in spec.municipalities}
    municipalities = {m.number: m for m in Municipality.objects.filter(number__in=numbers)}
    themes = {t.slug: t for t in Theme.objects.all()}
    missing = (numbers - set(municipalities)) | ({s for spec in specs for s in spec.themes} - set(themes))
    assert not missing, f"unknown municipality numbers or theme slugs: {sorted(missing)}"
    organisations: dict[str, Organisation] = {}
    for organisation in Organisation.objects.filter(name__in={spec.owner for spec in specs}).order_by("pk"):
        organisations.setdefault(organisation.name, organisation)
    return Lookups(
        municipalities=municipalities,
        themes=themes,
        goals={g.number: g for g in Goal.objects.all()},
        organisations=organisations,
        users={
            spec.contact[1]: get_or_create_user(email=spec.contact[1], name=spec.contact[0]) for spec in specs
        },
    )


def oslo_morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=OSLO)


def write_example(spec: ExampleSpec, lookups: Lookups, example: Example | None) -> Example:
    """Create the example, or update the given one, without its relations (see `write_relations`)."""
    name, email = spec.contact
    owner = lookups.organisations.get(spec.owner)
    published = spec.state == PUBLISHED
    # A published example was sent in a few weeks before it was published.
    created_at = oslo_morning(spec.on - datetime.timedelta(days=23 if published else 0))
    start_year, end_year = spec.years
    fields = {
        "title": spec.title,
        "summary": spec.summary,
        "starting_point": spec.starting_point,
        "what_was_done": spec.what_was_done,
        "stage": spec.stage,
        "start_year": start_year,
        "end_year": end_year,
        "measure_type": spec.measure_type,
        "actor_type": spec.actor_type,
        "partners": spec.partners,
        "cost": spec.cost,
        "success_factors": spec.success_factors,
        "barriers": spec.barriers,
        "transferability": spec.transferability,
        "owner_name": spec.owner,
        "owner_organisation_id": owner.pk if owner else None,
        "contact_name": name,
        "contact_email": email,
        "contact_is_public": spec.contact_is_public,
        "is_demo": spec.is_demo,
        "created_by_id": lookups.users[email].pk,
    }
    if example is None:
        example = Example.objects.create(**fields)
    else:
        changed = [key for key, value in fields.items() if getattr(example, key) != value]
        if changed:
            for key in changed:
                setattr(example, key, fields[key])
            example.save(update_fields=[*changed, "updated_at"])
    if example.created_at != created_at:
        Example.objects.filter(pk=example.pk).update(created_at=created_at)
        example.created_at = created_at
    return example


def write_relations(pairs: list[tuple[Example, ExampleSpec]], lookups: Lookups) -> None:
    """Places, themes, goals, owners and key figures of all the examples, in a few queries."""
    wanted: dict[str, set[tuple[int, int]]] = {
        "municipalities": {
            (e.pk, lookups.municipalities[n].pk) for e, spec in pairs for n in spec.municipalities
        },
        "themes": {(e.pk, lookups.themes[slug].pk) for e, spec in pairs for slug in spec.themes},
        "goals": {(e.pk, lookups.goals[n].pk) for e, spec in pairs for n in spec.goals},
        "owners": {(e.pk, lookups.users[spec.contact[1]].pk) for e, spec in pairs},
    }
    ids = [example.pk for example, _spec in pairs]
    for name, rows in wanted.items():
        set_rows(name, ids, rows)
    existing = {(f.example_id, f.position): f for f in KeyFigure.objects.filter(example_id__in=ids)}
    new = []
    for example, spec in pairs:
        for position, figure in enumerate(spec.figures):
            values = {
                "label": figure.label,
                "value": Decimal(str(figure.value)),
                "unit": figure.unit,
                "accuracy": figure.accuracy,
                "year": figure.year,
            }
            current = existing.pop((example.pk, position), None)
            if current is None:
                new.append(KeyFigure(example=example, position=position, **values))
            elif any(getattr(current, key) != value for key, value in values.items()):
                KeyFigure.objects.filter(pk=current.pk).update(**values)
    KeyFigure.objects.bulk_create(new)
    if existing:
        KeyFigure.objects.filter(pk__in=[figure.pk for figure in existing.values()]).delete()


def set_rows(relation: str, ids: list[int], wanted: set[tuple[int, int]]) -> None:
    """Make the many-to-many rows of `Example.<relation>` for the examples `ids` exactly `wanted`."""
    field = Example._meta.get_field(relation)
    assert isinstance(field, models.ManyToManyField)
    through: type[models.Model] = getattr(Example, relation).through
    rows = through._default_manager
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    existing = {
        (a, b): pk for pk, a, b in rows.filter(**{f"{source}__in": ids}).values_list("pk", source, target)
    }
    stale = [pk for row, pk in existing.items() if row not in wanted]
    if stale:
        rows.filter(pk__in=stale).delete()
    rows.bulk_create([through(**{source: a, target: b}) for a, b in wanted - set(existing)])


def seed_mulighetenes_hus(gp22: Edition, lookups: Lookups) -> Example:
    """The 2022 prize winner in the bank, linked to Grønn Praksis 22 through its contribution. When GP22's
    demo contribution about Mulighetenes Hus has made a draft example, that draft becomes this entry (so the
    bank has one, not two); its contribution is linked to it. Without such a contribution one is written."""
    spec = MULIGHETENES_HUS
    contribution = (
        gp22.contributions.filter(kind=Kind.PRACTICE_EXAMPLE)
        .filter(Q(example__title=spec.title) | Q(organisation__name=spec.owner))
        .select_related("example")
        .order_by("pk")
        .first()
    )
    example = Example.objects.filter(title=spec.title).order_by("pk").first()
    if example is None and contribution is not None and contribution.example is not None:
        example = contribution.example
    example = write_example(spec, lookups, example)
    if contribution is None:
        write_contribution(gp22, spec, example, lookups)
    elif contribution.example_id != example.pk:
        contribution.example = example
        contribution.save(update_fields=["example", "updated_at"])
    return example


def write_contribution(
    edition: Edition, spec: ExampleSpec, example: Example, lookups: Lookups
) -> Contribution:
    """A confirmed practice-example contribution to an archived edition, written directly."""
    name, email = spec.contact
    user = lookups.users[email]
    organisation = lookups.organisations.get(spec.owner)
    contribution, _ = Contribution.objects.update_or_create(
        idempotency_key=demo_key(edition.slug, "contribution", "mulighetenes-hus"),
        defaults={
            "edition": edition,
            "kind": Kind.PRACTICE_EXAMPLE,
            "title": spec.title,
            "summary": spec.summary,
            "description": spec.what_was_done,
            "municipality": lookups.municipalities[spec.municipalities[0]],
            "organisation_name": spec.owner,
            "organisation": organisation,
            "wished_format": Format.TALK,
            "wished_length": Length.MEDIUM,
            "state": State.CONFIRMED,
            "created_by": user,
            "example": example,
            "submitted_at": edition.contribution_deadline - datetime.timedelta(weeks=3),
        },
    )
    contribution.themes.set([lookups.themes[slug] for slug in spec.themes])
    contribution.goals.set([lookups.goals[number] for number in spec.goals])
    Contributor.objects.update_or_create(
        contribution=contribution,
        email=email,
        defaults={"name": name, "is_primary": True, "position": 0, "user": user},
    )
    return contribution
