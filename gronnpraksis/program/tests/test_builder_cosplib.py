"""CoSPLib read into the builder's model: a plan of its instance N2OR keeps the builder's and CoSPLib's rules."""

from __future__ import annotations

import json
from pathlib import Path

from gronnpraksis.program.builder import cosplib
from gronnpraksis.program.builder.score import violations
from gronnpraksis.program.builder.search import Options, plan

N2OR = Path(__file__).parent / "cosplib" / "N2OR.json"


def _instance() -> cosplib.Instance:
    return cosplib.load(json.loads(N2OR.read_text()))


def test_n2or_becomes_a_problem() -> None:
    instance = _instance()
    problem = instance.problem
    assert len(problem.sessions) == 35
    assert len(instance.session_names) == 4 and len(instance.room_names) == 4
    # Every room offers, per session, a slot for every start of each length a submission needs (1 and 2).
    assert len(problem.slots) == sum(4 * (n + n - 1) for n in (2, 2, 2, 3))
    # The one two-slot submission may only take a slot of two time slots.
    long = next(i for i, s in enumerate(problem.sessions) if s.duration == 2)
    assert {problem.slots[k].duration for k in problem.domains()[long]} == {2}
    # Attendees' marks become wants.
    assert sum(len(w) for w in problem.wants) == 15


def test_a_plan_of_n2or_keeps_every_rule() -> None:
    instance = _instance()
    result = plan(instance.problem, Options(seconds=60.0, iterations=20000, seed=1))
    assert violations(instance.problem, result.assignment) == []
    assert cosplib.check(instance, result.assignment) == []
    assert result.score.unplaced == 0
    assert cosplib.penalties(instance, result.assignment).total >= 0


def test_check_finds_cosplib_breaches() -> None:
    instance = _instance()
    problem = instance.problem
    result = plan(problem, Options(seconds=60.0, iterations=2000, seed=1))
    assignment = list(result.assignment)
    # Two submissions in the same room and time slot, and one not scheduled.
    first, second = 0, 1
    assignment[second] = assignment[first]
    assignment[2] = None
    found = cosplib.check(instance, assignment)
    assert any("share a time slot and room" in f for f in found)
    assert any("is not scheduled" in f for f in found)
