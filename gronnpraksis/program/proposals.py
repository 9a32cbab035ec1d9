"""Proposing a programme ("Foreslå program"): asking the builder for a programme, running it in the worker, and the organiser's
decision (accept all, accept some, discard).

A proposal changes nothing by itself. The worker (`run_due`, a pass registered in `apps.py`) plans it
from the working copy and stores the changes and explanations; only `accept_proposal` writes the working
copy (through `services.save_item`), and it never publishes. A proposal planned from a working copy that
has changed since is stale and refused.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition

from . import planning, services
from .builder.explain import explain_item, explain_plan
from .builder.search import Options, plan
from .models import ItemKind, PlanProposal, ProgramItem, ProposalStatus

logger = logging.getLogger(__name__)

MAX_SECONDS = 300
DEFAULT_SECONDS = 10
# A proposal still "running" this long after its budget ran out lost its worker (a restart): failed.
STUCK_AFTER = datetime.timedelta(minutes=2)


class StaleProposal(Exception):
    """The working copy changed after the proposal was planned."""


class NotDecidable(Exception):
    """The proposal is not ready, or already accepted or discarded."""


class Collision(Exception):
    """Accepting only the chosen changes would put two items in one room at once: `pairs` of titles
    (the moved item, the one it would meet)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs


def collisions(proposal: PlanProposal, chosen: set[str]) -> list[tuple[str, str]]:
    """The pairs of items that would share a room at the same time if only the `chosen` changes were
    accepted (a moved item meets one whose own move was not chosen)."""
    places: dict[str, tuple[str, int | None, datetime.datetime, datetime.datetime]] = {}
    for item in ProgramItem.objects.filter(
        edition=proposal.edition, partner_programme=None, is_cancelled=False
    ):
        places[f"item-{item.pk}"] = (item.title, item.room_id, item.starts_at, item.ends_at)
    for change in proposal.assignment:
        if change["key"] in chosen and change["after"]:
            after = change["after"]
            places[change["key"]] = (
                change["title"],
                after["room"],
                datetime.datetime.fromisoformat(after["starts_at"]),
                datetime.datetime.fromisoformat(after["ends_at"]),
            )
    found = []
    for key in sorted(chosen & set(places)):
        title, room, start, end = places[key]
        for other, (other_title, other_room, other_start, other_end) in places.items():
            if (
                other != key
                and room is not None
                and other_room == room
                and start < other_end
                and other_start < end
            ) and (other not in chosen or key < other):
                found.append((title, other_title))
    return found


def request_proposal(*, edition: Edition, user: User | None, seed: int, seconds: int) -> PlanProposal:
    """Ask for a proposal. Side effect: one PlanProposal row, queued for the worker."""
    seconds = max(1, min(MAX_SECONDS, seconds))
    return PlanProposal.objects.create(edition=edition, created_by=user, seed=seed, seconds=seconds)


def iterations(proposal: PlanProposal, sessions: int) -> int:
    """The search's move budget: fixed by the time budget and the number of items, so the same seed on
    the same working copy gives the same plan on any machine (the time budget is only a safety net)."""
    return min(
        proposal.seconds * settings.PROGRAM_BUILDER_ITERATIONS_PER_SECOND,
        settings.PROGRAM_BUILDER_ITERATIONS_PER_SESSION * max(1, sessions),
    )


def claim_next() -> PlanProposal | None:
    """Claim the oldest queued proposal (a conditional UPDATE, so two workers never run the same one)."""
    for pk in (
        PlanProposal.objects.filter(status=ProposalStatus.QUEUED)
        .order_by("id")
        .values_list("pk", flat=True)[:5]
    ):
        claimed = PlanProposal.objects.filter(pk=pk, status=ProposalStatus.QUEUED).update(
            status=ProposalStatus.RUNNING, started_at=timezone.now(), progress=1
        )
        if claimed:
            return PlanProposal.objects.select_related("edition").get(pk=pk)
    return None


def run_due() -> Iterator[str]:
    """The worker's pass: plan every queued proposal, and mark as failed those a lost worker left."""
    now = timezone.now()
    for proposal in PlanProposal.objects.filter(status=ProposalStatus.RUNNING, started_at__isnull=False):
        assert proposal.started_at is not None
        if proposal.started_at + datetime.timedelta(seconds=proposal.seconds * 3) + STUCK_AFTER < now:
            PlanProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.RUNNING).update(
                status=ProposalStatus.FAILED, error="stopped", finished_at=now
            )
            yield f"proposal {proposal.pk} was left running; marked as failed"
    while (claimed := claim_next()) is not None:
        run_proposal(claimed)
        yield f"proposal {claimed.pk}: {claimed.status}, score {claimed.score}"


def run_proposal(proposal: PlanProposal) -> PlanProposal:
    """Plan a claimed proposal from the working copy now. Side effects: the proposal's row (status,
    score, changes, explanations, the working copy's fingerprint). A failure is stored, not raised."""
    try:
        fingerprint = planning.fingerprint(proposal.edition)
        built = planning.build(proposal.edition)
        problem = built.problem
        options = Options(
            seconds=float(proposal.seconds),
            iterations=iterations(proposal, len(problem.sessions)),
            seed=proposal.seed,
        )
        result = plan(problem, options)
    except Exception as error:  # a broken working copy must not stop the worker
        proposal.status = ProposalStatus.FAILED
        proposal.error = str(error)[:500]
        proposal.finished_at = timezone.now()
        proposal.save(update_fields=["status", "error", "finished_at"])
        logger.exception("proposal %s failed", proposal.pk)
        return proposal
    proposal.fingerprint = fingerprint
    proposal.score = result.score.total
    parts = result.score
    proposal.score_parts = {
        "clash": parts.clash,
        "overflow": parts.overflow,
        "scatter": parts.scatter,
        "moves": parts.moves,
        "unplaced": parts.unplaced,
        "weights": settings.PROGRAM_BUILDER_WEIGHTS,
        "iterations": result.iterations,
        "seconds": round(result.seconds, 3),
    }
    proposal.assignment = planning.changes(built, result.assignment)
    proposal.explanations = _explanations(built, result.assignment)
    proposal.status = ProposalStatus.DONE
    proposal.progress = 100
    proposal.finished_at = timezone.now()
    proposal.save()
    return proposal


def _explanations(built: planning.Planning, assignment: list[int | None]) -> dict:
    """Why each placed session is where it is, and the clashes left, as data for the page to word.
    People are counted, never named."""
    problem = built.problem
    items: dict[str, dict] = {}
    for x, slot in enumerate(assignment):
        if slot is None:
            items[problem.sessions[x].key] = {"unplaced": _why_unplaced(built, x)}
            continue
        reason = explain_item(problem, assignment, x)
        items[problem.sessions[x].key] = {
            "stars": reason.stars,
            "audience": reason.audience,
            "capacity": reason.capacity if reason.capacity < planning.NO_LIMIT else None,
            "costars": [
                {
                    "title": problem.sessions[c.other].title,
                    "people": c.people,
                    "day": (problem.slots[c.slot].day + 1) if c.slot is not None else None,
                    "same_time": c.same_time,
                }
                for c in reason.costars
            ],
        }
    overall = explain_plan(problem, assignment)
    return {
        "items": items,
        "clashes": [
            {
                "first": problem.sessions[c.first].title,
                "second": problem.sessions[c.second].title,
                "people": c.people,
            }
            for c in overall.clashes
        ],
        # How many units the participants who must miss most lose: counts only, no one is named.
        "most_missed": [units for _person, units in overall.people],
    }


def _why_unplaced(built: planning.Planning, session: int) -> str:
    """Why a session has no place: no slot long enough ("length"), no room with what it needs ("needs"),
    no slot when its contributors can come ("availability"), or every slot it may use is taken ("full")."""
    problem = built.problem
    s = problem.sessions[session]
    slots = [k for k in problem.slots if k.duration >= s.duration]
    if not slots:
        return "length"
    slots = [k for k in slots if s.needs <= problem.rooms[k.room].features]
    if not slots:
        return "needs"
    if s.allowed_blocks is not None and not any(k.block in s.allowed_blocks for k in slots):
        return "availability"
    return "full"


def progress(proposal: PlanProposal) -> int:
    """How far a running proposal is, in per cent, from the time it has used of its budget."""
    if proposal.status != ProposalStatus.RUNNING or proposal.started_at is None:
        return 100 if proposal.status == ProposalStatus.DONE else proposal.progress
    used = (timezone.now() - proposal.started_at).total_seconds() / max(1, proposal.seconds)
    return max(1, min(99, int(used * 100)))


def is_stale(proposal: PlanProposal) -> bool:
    """Whether the working copy changed after the proposal was planned."""
    return proposal.fingerprint != planning.fingerprint(proposal.edition)


@transaction.atomic
def accept_proposal(*, proposal: PlanProposal, user: User | None, keys: Iterable[str] | None = None) -> int:
    """Write the proposal's changes into the working copy: all of them (`keys` None) or the chosen ones.
    Publishes nothing. Side effects: one ProgramItem row per accepted change (new for a contribution that
    had no item, else the item's time and room), and the proposal marked accepted. Returns the number of
    changes written. Raises `StaleProposal` when the working copy changed since it was planned,
    `NotDecidable` unless the proposal is ready, and `Collision` when the chosen changes alone would put
    two items in one room at once (a change whose slot another item leaves only by a change not chosen).
    """
    locked = PlanProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.DONE:
        raise NotDecidable
    if is_stale(locked):
        raise StaleProposal
    chosen = None if keys is None else set(keys)
    if chosen is not None and (pairs := collisions(locked, chosen)):
        raise Collision(pairs)
    edition = locked.edition
    written = 0
    for change in locked.assignment:
        if change["change"] not in ("placed", "moved") or (
            chosen is not None and change["key"] not in chosen
        ):
            continue
        after = change["after"]
        fields: dict[str, object] = {
            "starts_at": datetime.datetime.fromisoformat(after["starts_at"]),
            "ends_at": datetime.datetime.fromisoformat(after["ends_at"]),
            "room_id": after["room"],
        }
        if change["item"] is not None:
            item = ProgramItem.objects.filter(edition=edition, pk=change["item"]).first()
            if item is None:
                raise StaleProposal
            services.save_item(edition=edition, item=item, fields=fields)
        else:
            contribution = Contribution.objects.get(edition=edition, pk=change["contribution"])
            fields |= {
                "kind": ItemKind.CONTRIBUTION,
                "contribution": contribution,
                "title": contribution.title,
            }
            services.save_item(edition=edition, item=None, fields=fields)
        written += 1
    locked.status = ProposalStatus.ACCEPTED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return written


def discard_proposal(*, proposal: PlanProposal, user: User | None) -> None:
    """Put a proposal aside without changing anything. Side effect: the proposal marked discarded."""
    updated = PlanProposal.objects.filter(
        pk=proposal.pk, status__in=[ProposalStatus.QUEUED, ProposalStatus.DONE, ProposalStatus.FAILED]
    ).update(status=ProposalStatus.DISCARDED, decided_by=user, decided_at=timezone.now())
    if not updated:
        raise NotDecidable


def set_pinned(*, item: ProgramItem, pinned: bool) -> ProgramItem:
    """Pin an item to its place (the builder never moves it) or release it. Side effect: the item's row."""
    item.pinned = pinned
    item.save(update_fields=["pinned", "updated_at"])
    return item
