"""The builder explains a plan: who starred what together, and the clashes left."""

from __future__ import annotations

from gronnpraksis.program.builder.explain import explain_item, explain_plan
from gronnpraksis.program.builder.problem import Problem, Room, Session, Slot


def _problem() -> Problem:
    rooms = [Room("hall", 50), Room("side", 10)]
    slots = [
        Slot("hall-1", room=0, block=0, units=(0,), duration=30, day=0),
        Slot("side-1", room=1, block=0, units=(0,), duration=30, day=0),
        Slot("hall-2", room=0, block=1, units=(1,), duration=30, day=1),
    ]
    sessions = [Session("a", 30, audience=30), Session("b", 30, audience=20), Session("c", 30)]
    wants = [frozenset({0, 1})] * 3 + [frozenset({0, 2})] + [frozenset({1})]
    return Problem(rooms, slots, sessions, wants=wants)


def test_item_reason_names_what_was_starred_with_it_and_where_it_runs():
    reason = explain_item(_problem(), [0, 2, 1], 0)
    assert (reason.stars, reason.audience, reason.capacity) == (4, 30, 50)
    first, second = reason.costars
    assert (first.other, first.people, first.slot, first.same_time) == (1, 3, 2, False)
    assert (second.other, second.people, second.same_time) == (2, 1, True)


def test_plan_reason_lists_remaining_clashes_and_who_misses_most():
    reason = explain_plan(_problem(), [0, 1, 2])
    assert [(c.first, c.second, c.people) for c in reason.clashes] == [(0, 1, 3)]
    assert reason.people == [(0, 1), (1, 1), (2, 1)]
