"""'Foreslå program' on the demo's programmes (tens of items): a proposal with the default budget is
planned within a second, keeps every hard rule, and leaves the working copy alone."""

import io
import time

import pytest
from django.core.management import call_command

from gronnpraksis.editions.models import Edition
from gronnpraksis.program import planning, proposals
from gronnpraksis.program.builder.score import violations
from gronnpraksis.program.models import ProgramItem, ProposalStatus


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["gp22", "gp27"])
def test_a_proposal_for_the_demo_programme_is_ready_within_a_second(slug: str) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    edition = Edition.objects.get(slug=slug)
    before = list(ProgramItem.objects.filter(edition=edition).values_list("pk", "starts_at", "room_id"))
    proposal = proposals.request_proposal(
        edition=edition, user=None, seed=0, seconds=proposals.DEFAULT_SECONDS
    )
    claimed = proposals.claim_next()
    assert claimed is not None

    started = time.perf_counter()
    proposals.run_proposal(claimed)
    elapsed = time.perf_counter() - started

    proposal.refresh_from_db()
    built = planning.build(edition)
    print(
        f"{slug}: {len(built.problem.sessions)} items, {len(built.problem.slots)} slots, "
        f"{proposal.score_parts['iterations']} moves, {elapsed:.3f} s, score {proposal.score}"
    )
    assert proposal.status == ProposalStatus.DONE
    assert len(built.problem.sessions) >= 5
    print([(c["title"], c["change"]) for c in proposal.assignment if c["change"] == "unplaced"])
    assert elapsed < 1.0
    assignment: list[int | None] = [None] * len(built.problem.sessions)
    slot_of = {(p.room, p.starts_at.isoformat()): k for k, p in enumerate(built.places)}
    for x, change in enumerate(proposal.assignment):
        if change["after"]:
            assignment[x] = slot_of[(change["after"]["room"], change["after"]["starts_at"])]
    assert violations(built.problem, assignment) == []
    assert (
        list(ProgramItem.objects.filter(edition=edition).values_list("pk", "starts_at", "room_id")) == before
    )
