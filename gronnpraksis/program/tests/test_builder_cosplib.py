"""CoSPLib read into the builder's model: a plan of its instance N2OR keeps the builder's and CoSPLib's rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gronnpraksis.program.builder import cosplib
from gronnpraksis.program.builder.score import State, violations
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


def _one_presenter_many_talks() -> dict[str, Any]:
    """Two sessions of two time slots in two rooms; presenter P has three one-slot submissions (as OR60F's
    presenter with nine submissions and eight sessions), so two of them must share a session."""
    sessions = ["Mon1", "Mon2"]
    rooms = ["A", "B"]
    submissions = [
        {"Reference": f"p{x}", "Track": "T", "Required Timeslots": 1, "Presenters": "P", "Attendees": None}
        for x in range(3)
    ] + [{"Reference": "q", "Track": "T", "Required Timeslots": 2, "Presenters": "Q", "Attendees": None}]
    return {
        "sessions": [{"Sessions": s, "Max Number of Timeslots": 2} for s in sessions],
        "rooms": [{"Rooms": r} for r in rooms],
        "submissions": submissions,
        "tracks_sessions|penalty": [{"Unnamed: 0": "T"}],
        "tracks_rooms|penalty": [{"Unnamed: 0": "T"}],
        "sessions_rooms|penalty": [{"Unnamed: 0": s} for s in sessions],
        "parameters": [],
    }


def test_a_presenter_gives_several_submissions_in_one_room_of_a_session() -> None:
    instance = cosplib.load(_one_presenter_many_talks())
    problem = instance.problem
    result = plan(problem, Options(seconds=10.0, iterations=2000, seed=1))
    assert result.score.unplaced == 0
    assert violations(problem, result.assignment) == []
    assert cosplib.check(instance, result.assignment) == []
    places = [instance.places[k] for k in result.assignment[:3] if k is not None]
    shared = [p for p in places if sum(q.session == p.session for q in places) > 1]
    # Two of P's submissions share a session, and then a room.
    assert len(shared) == 2 and shared[0].room == shared[1].room


def test_a_presenter_in_two_rooms_of_a_session_is_refused() -> None:
    instance = cosplib.load(_one_presenter_many_talks())
    problem = instance.problem
    slot = {(p.session, p.room, p.first, p.length): k for k, p in enumerate(instance.places)}
    # P in room A and room B of session Mon1 (at different time slots), the rest elsewhere.
    assignment: list[int | None] = [slot[(0, 0, 0, 1)], slot[(0, 1, 1, 1)], slot[(1, 0, 0, 1)], None]
    assert any("at once" in v for v in violations(problem, assignment))
    assert any("presents in 2 rooms" in f for f in cosplib.check(instance, assignment))
    state = State(problem, [None] * len(problem.sessions))
    assert state.relocate(0, assignment[0]) is not None
    state.commit()
    assert state.relocate(1, assignment[1]) is None
    # In the same room of the same session, one after the other, is allowed.
    assert state.relocate(1, slot[(0, 0, 1, 1)]) is not None
