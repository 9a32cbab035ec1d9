"""Building award rounds for the tests through the real services, and moving them between phases."""

import datetime
import uuid
from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.awards import results, scoring, services, voting
from gronnpraksis.awards.models import AwardRound, Mode, Nomination, Vote
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.registrations.models import Registration
from tests.factories import UserFactory, municipality

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def make_round(edition: Edition, by: User, mode: str = Mode.VOTE, *, check_in: bool = False) -> AwardRound:
    """A round with nominations open. A new round requires check-in to vote; the tests' participants
    are not checked in, so `check_in=False` (the default here) turns that off, as an organiser can."""
    award = services.set_up_round(edition=edition, mode=mode, by=by)
    if not check_in:
        AwardRound.objects.filter(pk=award.pk).update(voters_must_check_in=False)
    return open_nominations(award)


def _dates(award: AwardRound, **dates: datetime.datetime) -> AwardRound:
    AwardRound.objects.filter(pk=award.pk).update(**dates)
    award.refresh_from_db()
    return award


def open_nominations(award: AwardRound) -> AwardRound:
    now = timezone.now()
    return _dates(
        award,
        nominations_open_at=now - DAY,
        nominations_close_at=now + 10 * DAY,
        voting_opens_at=now + 20 * DAY,
        voting_closes_at=now + 21 * DAY,
    )


def close_nominations(award: AwardRound) -> AwardRound:
    now = timezone.now()
    return _dates(award, nominations_open_at=now - 20 * DAY, nominations_close_at=now - HOUR)


def open_voting(award: AwardRound) -> AwardRound:
    """Voting open now (the shortlist must be published for votes to be taken)."""
    now = timezone.now()
    return _dates(
        award,
        nominations_open_at=now - 20 * DAY,
        nominations_close_at=now - 10 * DAY,
        voting_opens_at=now - HOUR,
        voting_closes_at=now + DAY,
    )


def published_example(title: str = "Matsvinn til matglede", **fields: Any) -> Example:
    example = Example.objects.create(
        title=title,
        summary=fields.pop("summary", f"{title}: et eksempel på lokal praksis."),
        owner_name=fields.pop("owner_name", "Mulighetenes Hus"),
        state=ModerationState.PUBLISHED,
        **fields,
    )
    example.municipalities.add(municipality("4223"))
    return example


def nomination_data(
    award: AwardRound, *, example: Example | None = None, **overrides: Any
) -> services.NominationData:
    project = services.NewProject(
        title=overrides.pop("title", "Solceller på skoletak"),
        summary="Skolene produserer egen strøm.",
        description="Tre skoler fikk solceller i 2025.",
        owner_name="Kristiansand kommune",
        municipality=municipality(),
        contact_name=overrides.pop("contact_name", "Sol Veig"),
        contact_email=overrides.pop("contact_email", "sol.veig@example.no"),
    )
    values: dict[str, Any] = {
        "example": example,
        "new_project": None if example is not None else project,
        "summary": "Et prosjekt som viser vei.",
        "answers": {c.pk: f"Svar på {c.name}" for c in award.criteria.all()},
        "nominator_name": "Nora Nominator",
        "nominator_email": "nora@example.no",
    }
    values.update(overrides)
    return services.NominationData(**values)


def nominate(award: AwardRound, **overrides: Any) -> Nomination:
    return services.submit_nomination(
        award=award, data=nomination_data(award, **overrides), idempotency_key=uuid.uuid4()
    )


def juror(edition: Edition, email: str) -> User:
    user = UserFactory(email=email, name=email.split("@")[0].title())
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.JUROR)
    return user


def score_all(nomination: Nomination, user: User, value: int, comment: str = "") -> None:
    scoring.submit_scores(
        nomination=nomination,
        juror=user,
        scores={c.pk: (value, comment) for c in nomination.round.criteria.all()},
    )


def finalists(
    award: AwardRound, by: User, count: int = 3, titles: Sequence[str] | None = None
) -> list[Nomination]:
    """Eligible nominations, nominations closed, and the shortlist published."""
    titles = titles or [f"Prosjekt {n}" for n in range(1, count + 1)]
    nominations = [
        nominate(award, title=t, contact_email=f"kontakt{n}@example.no") for n, t in enumerate(titles)
    ]
    for n in nominations:
        services.set_eligibility(nomination=n, eligible=True, reason="", by=by)
    award = close_nominations(award)
    results.publish_shortlist(award=award, nominations=nominations, by=by)
    for n in nominations:
        n.refresh_from_db()
    return nominations


def vote(award: AwardRound, registration: Registration, nomination: Nomination) -> Vote:
    return voting.cast_vote(
        award=award,
        registration=registration,
        nomination=nomination,
        ballot=voting.make_ballot(award, registration),
    )


def url(name: str, edition: Edition, **kwargs: Any) -> str:
    return reverse(f"awards:{name}", kwargs={"edition": edition.slug, **kwargs})


def form_data(award: AwardRound, **overrides: Any) -> dict[str, str]:
    """What the nomination form sends for a new project, every criterion answered."""
    data = {
        "project": "new",
        "title": "Solceller på skoletak",
        "project_summary": "Skolene lager egen strøm.",
        "description": "",
        "owner_name": "Kristiansand kommune",
        "municipality": "Kristiansand",
        "contact_name": "",
        "contact_email": "",
        "summary": "Viser vei for andre skoler.",
        "nominator_name": "Nora Nominator",
        "nominator_email": "nora@example.no",
        "nominator_phone": "",
        "nominator_organisation": "",
        "website": "",
    }
    data |= {f"answer_{c.pk}": f"Svar om {c.name}" for c in award.criteria.all()}
    data.update(overrides)
    return data
