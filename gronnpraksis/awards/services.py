"""GrønnPraksisPrisen: setting a round up, its settings and criteria, nominations and their eligibility.

The views check who is asking (`permissions`); these functions check the rules of the round and
write. Every organiser decision is written to the round's audit log in the same transaction. The
jury's work is in `scoring.py`, the vote (ballots, the upsert, counting) in `voting.py`, the shortlist
and the result in `results.py`.
"""

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import Edition, Goal, Theme
from gronnpraksis.examples.models import Example
from gronnpraksis.examples.registry import examples_changed
from gronnpraksis.examples.services import create_draft_example
from gronnpraksis.mail.services import enqueue_mail
from gronnpraksis.places.models import Municipality

from .models import (
    AuditAction,
    AuditEntry,
    AwardRound,
    Criterion,
    Eligibility,
    Mode,
    Nomination,
    NominationAnswer,
)
from .visibility import nominees_public, reindex_nominees


class AwardError(Exception):
    """A rule of the round stopped the change; the message says why, in the user's language."""


# The four criteria of GrønnPraksisPrisen 2022, as the organisers named them. They are the award's
# own words (data an organiser edits per edition), so they are stored in Norwegian, not translated.
DEFAULT_CRITERIA = [
    ("Samarbeid og entusiasme", "Hvem samarbeider, og hvordan engasjerer prosjektet folk rundt seg?"),
    ("Reduserte klimagassutslipp", "Hvor mye kutter prosjektet, eller kan det kutte? Tall eller anslag."),
    ("Bred måloppnåelse", "Hvilke andre mål nås samtidig – sosiale, økonomiske, natur?"),
    ("Ringvirkninger", "Har andre lært av det, tatt det i bruk eller fått lyst til å prøve?"),
]


def log(*, round: AwardRound, by: User | None, action: str, what: str, why: str = "") -> AuditEntry:
    """Write one entry to the round's audit log. Side effect: one AuditEntry row."""
    name = (by.name or by.email) if by is not None else _("the platform")
    return AuditEntry.objects.create(round=round, by=by, by_name=name, action=action, what=what, why=why)


# --- The round and its criteria ------------------------------------------------------------------


def default_dates(
    edition: Edition, now: datetime.datetime | None = None
) -> dict[str, datetime.datetime | None]:
    """Phases that fit the edition: nominations from now until the nomination deadline (or a month
    before the event), the vote during the event, the winner announced at its end."""
    now = now or timezone.now()
    tz = edition.tz
    first = datetime.datetime.combine(edition.starts_on, datetime.time(9, 0), tzinfo=tz)
    last = datetime.datetime.combine(edition.ends_on, datetime.time(12, 0), tzinfo=tz)
    close = edition.nomination_deadline or first - datetime.timedelta(days=30)
    if close <= now:
        close = now + datetime.timedelta(days=30)
    dates: dict[str, datetime.datetime | None] = {"nominations_open_at": now, "nominations_close_at": close}
    if first > close:
        dates |= {
            "shortlist_at": min(close + datetime.timedelta(days=14), first),
            "voting_opens_at": first,
            "voting_closes_at": last,
            "result_at": last + datetime.timedelta(hours=2),
        }
    return dates


@transaction.atomic
def set_up_round(*, edition: Edition, mode: str = Mode.VOTE, by: User | None) -> AwardRound:
    """Give the edition its award round, with the four criteria of 2022 and dates that fit the edition.
    Setting up twice returns the existing round. Side effects: the round, four criteria, a log entry."""
    existing = AwardRound.objects.filter(edition=edition).first()
    if existing is not None:
        return existing
    award = AwardRound.objects.create(edition=edition, mode=mode, **default_dates(edition))
    Criterion.objects.bulk_create(
        Criterion(round=award, name=name, description=description, position=position)
        for position, (name, description) in enumerate(DEFAULT_CRITERIA, start=1)
    )
    log(round=award, by=by, action=AuditAction.SET_UP, what=str(Mode(mode).label))
    return award


def check_settings(award: AwardRound, changed: Mapping[str, object]) -> None:
    """Refuse changes that would rewrite what has happened: the way of choosing once the shortlist is out."""
    if award.shortlist_published_at is not None and "mode" in changed:
        raise AwardError(_("The way of choosing cannot change after the shortlist is published."))
    if award.result_published_at is not None:
        raise AwardError(_("The result is published; the round can no longer be changed."))


@transaction.atomic
def update_round(*, award: AwardRound, changes: Mapping[str, object], by: User) -> AwardRound:
    """Change the round's settings and dates. Side effects: the round row and a log entry naming
    each changed setting with its old and new value."""
    changed = {name: value for name, value in changes.items() if getattr(award, name) != value}
    if not changed:
        return award
    check_settings(award, changed)
    lines = []
    for name, value in changed.items():
        label = getattr(AwardRound._meta.get_field(name), "verbose_name", name)
        lines.append(f"{label}: {_display(award, name)} → {_display_value(award, name, value)}")
        setattr(award, name, value)
    if "nominations_close_at" in changed:
        # Whether the nominees are public may have changed: the bank follows now, or (for a close in
        # the future) when `visibility.index_newly_public_nominees` sees the date pass.
        award.nominees_indexed_at = timezone.now() if nominees_public(award) else None
        changed["nominees_indexed_at"] = award.nominees_indexed_at
    award.save(update_fields=[*changed, "updated_at"])
    if "nominees_indexed_at" in changed:
        reindex_nominees(award.pk)
    log(round=award, by=by, action=AuditAction.SETTINGS, what="\n".join(lines))
    return award


def _display(award: AwardRound, name: str) -> str:
    return _display_value(award, name, getattr(award, name))


def _display_value(award: AwardRound, name: str, value: object) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, award.edition.tz).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "mode":
        return str(Mode(str(value)).label)
    return str(value)


def save_criterion(*, criterion: Criterion, by: User) -> Criterion:
    """Add or change a criterion. Side effects: the criterion row and a log entry."""
    if criterion.round.result_published_at is not None:
        raise AwardError(_("The result is published; the round can no longer be changed."))
    new = criterion.pk is None
    with transaction.atomic():
        criterion.save()
        what = (_("Added: %(name)s") if new else _("Changed: %(name)s")) % {"name": criterion.name}
        log(round=criterion.round, by=by, action=AuditAction.CRITERIA, what=what)
    return criterion


def delete_criterion(*, criterion: Criterion, by: User) -> None:
    """Delete a criterion nobody has answered or scored yet. Side effects: deletes it, a log entry."""
    if criterion.answers.exists() or criterion.jury_scores.exists():
        raise AwardError(_("Nominations answer or jurors have scored this criterion; rename it instead."))
    with transaction.atomic():
        criterion.delete()
        log(
            round=criterion.round,
            by=by,
            action=AuditAction.CRITERIA,
            what=_("Deleted: %(name)s") % {"name": criterion.name},
        )


# --- Nominations -----------------------------------------------------------------------------------


@dataclass
class NewProject:
    """A project that is not in the example bank yet; it becomes a draft example."""

    title: str
    summary: str
    description: str
    owner_name: str
    municipality: Municipality
    contact_name: str = ""
    contact_email: str = ""
    themes: list[Theme] | None = None


@dataclass
class NominationData:
    example: Example | None  # an existing published example, or None with `new_project`
    new_project: NewProject | None
    summary: str
    answers: dict[int, str]  # criterion id -> answer
    nominator_name: str
    nominator_email: str
    nominator_phone: str = ""
    nominator_organisation: str = ""
    is_self_nomination: bool = False
    language: str = "nb"


def submit_nomination(
    *, award: AwardRound, data: NominationData, idempotency_key: uuid.UUID | None, user: User | None = None
) -> Nomination:
    """Nominate a project while nominations are open. A repeated submit (same idempotency key)
    returns the first nomination. Side effects: a draft example for a new project, the nomination and
    its answers, and a receipt mail to the nominator."""
    if idempotency_key is not None:
        existing = Nomination.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None and existing.round_id == award.pk:
            return existing
        if existing is not None:
            idempotency_key = None
    if not award.nominations_open():
        raise AwardError(_("Nominations for %(round)s are closed.") % {"round": award.name})
    if data.example is not None and not Example.objects.published().filter(pk=data.example.pk).exists():
        raise AwardError(_("Choose a published example, or describe a new project."))
    try:
        with transaction.atomic():
            nomination = _create_nomination(award, data, idempotency_key, user)
    except IntegrityError:
        existing = Nomination.objects.filter(idempotency_key=idempotency_key).first()
        if idempotency_key is None or existing is None:
            raise
        return existing
    return nomination


def _create_nomination(
    award: AwardRound, data: NominationData, idempotency_key: uuid.UUID | None, user: User | None
) -> Nomination:
    example = data.example
    if example is None:
        project = data.new_project
        assert project is not None
        example = create_draft_example(
            title=project.title,
            summary=project.summary,
            what_was_done=project.description,
            owner_name=project.owner_name,
            owner_organisation=None,
            municipalities=[project.municipality],
            themes=project.themes or [],
            goals=Goal.objects.none(),
            contact_name=project.contact_name or (data.nominator_name if data.is_self_nomination else ""),
            contact_email=project.contact_email or (data.nominator_email if data.is_self_nomination else ""),
            created_by=user,
        )
    nomination = Nomination.objects.create(
        round=award,
        example=example,
        is_new_project=data.example is None,
        summary=data.summary,
        nominator_name=data.nominator_name,
        nominator_email=data.nominator_email.lower(),
        nominator_phone=data.nominator_phone,
        nominator_organisation=data.nominator_organisation,
        is_self_nomination=data.is_self_nomination,
        language=data.language,
        idempotency_key=idempotency_key,
        created_by=user,
    )
    criteria = {c.pk: c for c in Criterion.objects.filter(round=award)}
    NominationAnswer.objects.bulk_create(
        NominationAnswer(nomination=nomination, criterion=criteria[pk], text=text)
        for pk, text in data.answers.items()
        if pk in criteria and text
    )
    enqueue_mail(
        to=nomination.nominator_email,
        template="award_nomination_received",
        language=nomination.language,
        context={
            "name": nomination.nominator_name,
            "round": award,
            "edition": award.edition,
            "title": example.title,
            "self_nomination": nomination.is_self_nomination,
            "prize_url": prize_url(award.edition, nomination.language),
        },
        reply_to=award.edition.contact_email,
    )
    return nomination


def prize_url(edition: Edition, language: str = "nb") -> str:
    with translation.override(language):
        return absolute_url(reverse("awards:prize", kwargs={"edition": edition.slug}))


@transaction.atomic
def set_eligibility(*, nomination: Nomination, eligible: bool, reason: str, by: User) -> Nomination:
    """Mark a nomination eligible or not (with a reason), until the shortlist is published.

    A project can be an eligible nominee once: a second nomination of the same project is refused
    (mark it not eligible as a duplicate). Side effects: the nomination, a log entry, and the first
    time it becomes eligible a notice to the project's contact (not for self-nominations), and the
    example's entry in the bank's index.
    """
    award = nomination.round
    if award.shortlist_published_at is not None:
        raise AwardError(_("The shortlist is published; eligibility can no longer change."))
    if not eligible and not reason.strip():
        raise AwardError(_("Give the reason why the nomination is not eligible."))
    if eligible:
        twin = (
            Nomination.objects.eligible()
            .filter(round=award, example=nomination.example_id)
            .exclude(pk=nomination.pk)
            .first()
        )
        if twin is not None:
            raise AwardError(
                _(
                    "This project is already an eligible nominee (nomination %(number)s). Mark this one not eligible as a duplicate."
                )
                % {"number": twin.pk}
            )
    nomination.eligibility = Eligibility.ELIGIBLE if eligible else Eligibility.INELIGIBLE
    nomination.eligibility_reason = reason.strip()
    nomination.eligibility_decided_by = by
    nomination.eligibility_decided_at = timezone.now()
    fields = ["eligibility", "eligibility_reason", "eligibility_decided_by", "eligibility_decided_at"]
    if eligible and nomination.nominee_notified_at is None and _notify_nominee(nomination):
        nomination.nominee_notified_at = timezone.now()
        fields.append("nominee_notified_at")
    try:
        with transaction.atomic():
            nomination.save(update_fields=fields)
    except IntegrityError:
        raise AwardError(_("This project is already an eligible nominee.")) from None
    examples_changed([nomination.example_id])  # the bank's "nominated" filter
    log(
        round=award,
        by=by,
        action=AuditAction.ELIGIBILITY,
        what=f"{nomination.title} (#{nomination.pk}): {nomination.get_eligibility_display()}",
        why=nomination.eligibility_reason,
    )
    return nomination


def _notify_nominee(nomination: Nomination) -> bool:
    """Tell the project it is a nominee. Not for self-nominations (the nominator has the receipt),
    nor when the project has no contact address. Side effect: at most one outbox mail."""
    example = nomination.example
    if nomination.is_self_nomination or not example.contact_email:
        return False
    if example.contact_email.lower() == nomination.nominator_email.lower():
        return False
    award = nomination.round
    enqueue_mail(
        to=example.contact_email,
        template="award_nominee_notice",
        language=nomination.language,
        context={
            "name": example.contact_name,
            "round": award,
            "edition": award.edition,
            "title": example.title,
            "prize_url": prize_url(award.edition, nomination.language),
        },
        reply_to=award.edition.contact_email,
    )
    return True
