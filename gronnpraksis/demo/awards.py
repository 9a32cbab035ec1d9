"""GrønnPraksisPrisen in the demo: the 2022 round as it ended, and the demo edition's open nominations.

Sources and assumptions
-----------------------
- Grønn Praksis 22: ten nominees, a participant vote and the winner, Mulighetenes Hus in Vennesla, come
  from Kristiansand's report from the event (see `gronnpraksis/demo/content.py`); its figures (about 60 tonnes of food
  a year, the climate café, work training, 50–60 volunteers) from the organisation's own op-ed. The
  winning example is real (is_demo=False). Which the other nine nominees were is not in our sources:
  the ones here are realistic projects from Agder, fictional and marked "(demo)" (two come from the
  demo contributions). The nominators, their answers, the dates, the 8 votes (from the archived demo
  participants) and the citation's wording are written for the demo.
- Grønn Praksis 27 is a demo edition: nominations are open, with four nominations made through the
  nomination service (mails in the outbox), a jury of two (fictional, @example.no) and their scores.

Idempotent: rounds by edition, examples by title, nominations by (round, example) or an idempotency key.
"""

import datetime
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import record_proven_email
from gronnpraksis.awards import scoring
from gronnpraksis.awards import services as award_services
from gronnpraksis.awards.models import (
    AuditAction,
    AuditEntry,
    AwardRound,
    Criterion,
    Eligibility,
    Mode,
    Nomination,
    NominationAnswer,
    Prize,
    PrizeKind,
    Vote,
)
from gronnpraksis.editions.models import Edition, TeamRole, Theme
from gronnpraksis.editions.services import add_team_member
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import create_draft_example, publish_example
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Status

from .loaders import build, load

OSLO = ZoneInfo("Europe/Oslo")
NAMESPACE = uuid.UUID("a3f1c2d4-5e6f-5a7b-8c9d-677265656e70")  # fixed: the demo's keys never change
WINNER_TITLE = "Mulighetenes Hus"


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


@dataclass(frozen=True)
class Nominee:
    title: str
    nominator: tuple[str, str]  # name, e-mail
    summary: str  # the nominator's "why this project"
    answers: tuple[str, str, str, str]  # one per criterion of 2022, in order
    # For a project not yet in the bank (created here, is_demo=True):
    example_summary: str = ""
    what_was_done: str = ""
    owner: str = ""
    municipality: str = ""
    themes: tuple[str, ...] = ()
    stage: str = "gjennomforing"
    self_nomination: bool = False


_DATA = load("awards")
GP22_NOMINEES = [build(Nominee, values) for values in _DATA["gp22_nominees"]]
# Who the eight archived demo participants voted for (by e-mail); the count is written for the demo.
GP22_VOTES: dict[str, str] = _DATA["gp22_votes"]
GP22_CITATION: str = _DATA["gp22_citation"]

JURORS: list[tuple[str, str]] = [(email, name) for email, name in _DATA["jurors"]]


def seed_awards(gp22: Edition, gp27: Edition, organiser: User) -> None:
    """GrønnPraksisPrisen 2022 with its winner, and the demo edition's round with open nominations."""
    seed_gp22(gp22, organiser)
    seed_gp27(gp27, organiser)


# --- Grønn Praksis 22 ----------------------------------------------------------------------------


def seed_gp22(edition: Edition, organiser: User) -> AwardRound:
    award, created = AwardRound.objects.update_or_create(
        edition=edition,
        defaults={
            "mode": Mode.VOTE,
            "shortlist_size": 10,
            "voters_must_check_in": True,
            "nominations_open_at": at(2022, 3, 15, 9),
            "nominations_close_at": edition.nomination_deadline or at(2022, 5, 16, 23, 59),
            "shortlist_at": at(2022, 5, 20),
            "shortlist_published_at": at(2022, 5, 20),
            "voting_opens_at": at(2022, 5, 30, 9),
            "voting_closes_at": at(2022, 5, 31, 12),
            "result_at": at(2022, 5, 31, 14),
            "result_published_at": at(2022, 5, 31, 14),
        },
    )
    criteria = default_criteria(award)
    nominations = {spec.title: seed_gp22_nominee(award, spec, criteria, organiser) for spec in GP22_NOMINEES}
    registrations = {r.email: r for r in edition.registrations.filter(status=Status.CONFIRMED)}
    for email, title in GP22_VOTES.items():
        if email in registrations:
            Vote.objects.update_or_create(
                round=award, registration=registrations[email], defaults={"nomination": nominations[title]}
            )
    winner = nominations[WINNER_TITLE]
    Prize.objects.update_or_create(
        round=award,
        kind=PrizeKind.PEOPLE,
        defaults={
            "nomination": winner,
            "citation": GP22_CITATION,
            "computed_nomination": winner,
            "override_reason": "",
            "decided_by": organiser,
            "decided_at": at(2022, 5, 31, 13, 30),
        },
    )
    if created:
        for when, action, what in [
            (at(2022, 3, 15, 9), AuditAction.SET_UP, str(Mode(Mode.VOTE).label)),
            (at(2022, 5, 20), AuditAction.SHORTLIST, "\n".join(sorted(nominations))),
            (
                at(2022, 5, 31, 13, 30),
                AuditAction.RESULT,
                f"{PrizeKind(PrizeKind.PEOPLE).label}: {WINNER_TITLE}",
            ),
            (at(2022, 5, 31, 14), AuditAction.RESULT_PUBLISHED, award.name),
        ]:
            AuditEntry.objects.create(
                round=award, at=when, by=organiser, by_name=organiser.name, action=action, what=what
            )
    return award


def default_criteria(award: AwardRound) -> list[Criterion]:
    return [
        Criterion.objects.get_or_create(
            round=award, name=name, defaults={"description": description, "position": position}
        )[0]
        for position, (name, description) in enumerate(award_services.DEFAULT_CRITERIA, start=1)
    ]


def seed_gp22_nominee(
    award: AwardRound, spec: Nominee, criteria: list[Criterion], organiser: User
) -> Nomination:
    example = bank_example(spec, organiser)
    name, email = spec.nominator
    nomination, _ = Nomination.objects.update_or_create(
        round=award,
        example=example,
        defaults={
            "summary": spec.summary,
            "nominator_name": name,
            "nominator_email": email,
            "is_self_nomination": spec.self_nomination,
            "eligibility": Eligibility.ELIGIBLE,
            "eligibility_decided_by": organiser,
            "eligibility_decided_at": at(2022, 5, 18),
            "on_shortlist": True,
        },
    )
    Nomination.objects.filter(pk=nomination.pk).update(created_at=at(2022, 4, 20))
    for criterion, text in zip(criteria, spec.answers, strict=True):
        NominationAnswer.objects.update_or_create(
            nomination=nomination, criterion=criterion, defaults={"text": text}
        )
    return nomination


def bank_example(spec: Nominee, organiser: User) -> Example:
    """The nominee's published example: found by title (the demo contributions made some), else made a draft
    and published through the bank's moderation (dated before the final, no mail). The winner is real, so
    it is not marked as demo content."""
    example = Example.objects.filter(title=spec.title).order_by("pk").first()
    if example is None:
        example = create_draft_example(
            title=spec.title,
            summary=spec.example_summary or spec.summary,
            what_was_done=spec.what_was_done,
            owner_name=spec.owner or spec.title,
            owner_organisation=None,
            municipalities=Municipality.objects.filter(number=spec.municipality) if spec.municipality else [],
            themes=Theme.objects.filter(slug__in=spec.themes),
            goals=[],
            contact_name="",
            contact_email="",
            created_by=None,
        )
        Example.objects.filter(pk=example.pk).update(stage=spec.stage, is_demo=spec.title != WINNER_TITLE)
        example.refresh_from_db()
    if spec.title == WINNER_TITLE and example.is_demo:
        Example.objects.filter(pk=example.pk).update(is_demo=False)
        example.refresh_from_db()
    if example.state != ModerationState.PUBLISHED:
        example = publish_example(example=example, by=organiser, published_at=at(2022, 5, 2), notify=False)
    return example  # seed_demo reindexes the bank at its end


# --- Grønn Praksis 27 (demo) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoNomination:
    key: str
    existing_title: str  # a published example, or "" for a new project
    title: str
    example_summary: str
    owner: str
    municipality: str
    nominator: tuple[str, str]
    summary: str
    answers: tuple[str, str, str, str]
    contact: tuple[str, str] = ("", "")
    self_nomination: bool = False
    eligible: bool | None = None  # None: not assessed yet
    reason: str = ""


GP27_NOMINATIONS = [build(DemoNomination, values) for values in _DATA["gp27_nominations"]]


def seed_gp27(edition: Edition, organiser: User) -> AwardRound:
    award = AwardRound.objects.filter(edition=edition).first()
    if award is None:
        award = award_services.set_up_round(edition=edition, mode=Mode.VOTE, by=organiser)
        AwardRound.objects.filter(pk=award.pk).update(
            voters_must_check_in=True,
            nominations_open_at=at(2026, 9, 1, 9),
            nominations_close_at=edition.nomination_deadline or at(2027, 4, 15, 23, 59),
            shortlist_at=at(2027, 5, 3),
            voting_opens_at=at(2027, 6, 2, 9),
            voting_closes_at=at(2027, 6, 3, 12),
            result_at=at(2027, 6, 3, 14),
        )
        award.refresh_from_db()
    jurors = [seed_juror(edition, email, name, organiser) for email, name in JURORS]
    nominations = [n for spec in GP27_NOMINATIONS if (n := seed_gp27_nomination(award, spec, organiser))]
    seed_jury_work(award, nominations, jurors)
    return award


def seed_juror(edition: Edition, email: str, name: str, organiser: User) -> User:
    """A juror on the edition's team (no mail), with a proven address as after a code login."""
    member = add_team_member(
        edition=edition, email=email, name=name, role=TeamRole.JUROR, added_by=organiser, notify=False
    )
    record_proven_email(user=member.user, email=member.user.email)
    return member.user


def seed_gp27_nomination(award: AwardRound, spec: DemoNomination, organiser: User) -> Nomination | None:
    """Nominate through the service while nominations are open (receipt mails in the outbox)."""
    key = uuid.uuid5(NAMESPACE, f"{award.edition.slug}/nomination/{spec.key}")
    nomination = Nomination.objects.filter(idempotency_key=key).first()
    if nomination is None:
        if not award.nominations_open():
            return None  # the demo's dates have passed; move them in gronnpraksis/demo/content.py
        name, email = spec.nominator
        project = None
        if not spec.existing_title:
            project = award_services.NewProject(
                title=spec.title,
                summary=spec.example_summary,
                description="",
                owner_name=spec.owner,
                municipality=Municipality.objects.get(number=spec.municipality),
                contact_name=spec.contact[0],
                contact_email=spec.contact[1],
            )
        nomination = award_services.submit_nomination(
            award=award,
            data=award_services.NominationData(
                example=Example.objects.published().filter(title=spec.existing_title).first()
                if spec.existing_title
                else None,
                new_project=project,
                summary=spec.summary,
                answers={c.pk: text for c, text in zip(award.criteria.all(), spec.answers, strict=False)},
                nominator_name=name,
                nominator_email=email,
                is_self_nomination=spec.self_nomination,
            ),
            idempotency_key=key,
        )
        if spec.eligible is not None:
            award_services.set_eligibility(
                nomination=nomination, eligible=spec.eligible, reason=spec.reason, by=organiser
            )
    Example.objects.filter(pk=nomination.example_id, state=ModerationState.DRAFT).update(is_demo=True)
    return nomination


def seed_jury_work(award: AwardRound, nominations: list[Nomination], jurors: list[User]) -> None:
    """The jury leader has scored both eligible nominations; the other juror has scored the first and is
    not impartial about the second."""
    eligible = [n for n in nominations if n.eligibility == Eligibility.ELIGIBLE]
    if (
        len(eligible) < 2
        or award.shortlist_published_at is not None
        or award.nominations_close_at < timezone.now()
    ):
        return
    leader, member = jurors
    patterns = {(leader.pk, 0): 4, (leader.pk, 1): 5, (member.pk, 0): 3}
    for (juror_pk, index), value in patterns.items():
        juror = leader if juror_pk == leader.pk else member
        if not eligible[index].assessments.filter(juror=juror).exists():
            scoring.submit_scores(
                nomination=eligible[index],
                juror=juror,
                scores={c.pk: (value, "") for c in award.criteria.all()},
            )
    if not eligible[1].assessments.filter(juror=member).exists():
        scoring.declare_conflict(nomination=eligible[1], juror=member, reason="Jeg sitter i styringsgruppen.")
