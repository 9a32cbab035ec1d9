"""Reading and writing the shared benchmark format (scheduling-data/synthetic, see its README).

An instance is JSON with ``meta`` (``rooms`` with ``capacity`` and ``features``), ``slots`` (``room``,
``block``, ``day``, ``units``, ``duration``), ``sessions`` (``duration``, ``track``, ``requires``,
``speakers``, ``demand``, optional ``allowed_blocks``) and ``attendees`` (the session ids each person
marked). A plan is ``{"assignment": {"<session id>": <slot id>}}``.
"""

from __future__ import annotations

from typing import Any

from .problem import Assignment, Problem, Room, Session, Slot, Weights

# The benchmark's own objective: 1 × conflict units + 1 × overflow + 20 × extra tracks per room block.
BENCHMARK_WEIGHTS = Weights(clash=1, overflow=1, scatter=20, move=5, unplaced=100_000)


def problem_from_instance(data: dict[str, Any], weights: Weights = BENCHMARK_WEIGHTS) -> Problem:
    """Build a problem from a parsed instance; session and slot positions are their ids."""
    rooms = [
        Room(key=str(r["id"]), capacity=int(r["capacity"]), features=frozenset(r["features"]))
        for r in sorted(data["meta"]["rooms"], key=lambda r: r["id"])
    ]
    slots_data = sorted(data["slots"], key=lambda k: k["id"])
    sessions_data = sorted(data["sessions"], key=lambda s: s["id"])
    if [k["id"] for k in slots_data] != list(range(len(slots_data))):
        raise ValueError("slot ids must be 0..n-1")
    if [s["id"] for s in sessions_data] != list(range(len(sessions_data))):
        raise ValueError("session ids must be 0..n-1")
    slots = [
        Slot(
            key=str(k["id"]),
            room=int(k["room"]),
            block=int(k["block"]),
            units=tuple(int(u) for u in k["units"]),
            duration=int(k["duration"]),
            day=int(k.get("day", 0)),
        )
        for k in slots_data
    ]
    sessions = [
        Session(
            key=str(s["id"]),
            duration=int(s["duration"]),
            track=str(s.get("track", "")),
            needs=frozenset(s.get("requires", [])),
            contributors=frozenset(str(p) for p in s.get("speakers", [])),
            audience=int(s.get("demand", 0)),
            allowed_blocks=frozenset(s["allowed_blocks"]) if "allowed_blocks" in s else None,
            title=str(s.get("format", "")),
        )
        for s in sessions_data
    ]
    wants = [frozenset(int(i) for i in marked) for marked in data.get("attendees", [])]
    problem = Problem(rooms=rooms, slots=slots, sessions=sessions, wants=wants, weights=weights)
    problem.validate()
    return problem


def plan_to_json(problem: Problem, assignment: Assignment) -> dict[str, dict[str, int]]:
    """The plan in the benchmark's format (unplaced sessions are left out)."""
    return {
        "assignment": {
            problem.sessions[i].key: int(problem.slots[k].key)
            for i, k in enumerate(assignment)
            if k is not None
        }
    }
