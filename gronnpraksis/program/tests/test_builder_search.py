"""The builder's search: hard rules always hold, the same seed gives the same plan, annealing helps."""

from __future__ import annotations

import pytest

from gronnpraksis.program.builder.problem import Problem, Room, Session, Slot, Weights
from gronnpraksis.program.builder.score import score, violations
from gronnpraksis.program.builder.search import Options, greedy, plan, random_plan, repair

from .builder_random import random_problem

FAST = Options(seconds=60.0, iterations=3000, seed=3)


@pytest.mark.parametrize("seed", range(25))
def test_hard_rules_hold_on_random_problems(seed: int) -> None:
    problem = random_problem(seed, previous=seed % 3 == 0, overlap=seed % 4 == 1)
    result = plan(problem, FAST)
    assert violations(problem, result.assignment) == []
    for i, s in enumerate(problem.sessions):
        if s.pinned is not None:
            assert result.assignment[i] == s.pinned
    assert result.score == score(problem, result.assignment)
    assert result.score.total <= result.initial.total


def test_same_seed_same_plan():
    problem = random_problem(99, people=60)
    first = plan(problem, Options(seconds=60.0, iterations=5000, seed=7))
    again = plan(problem, Options(seconds=60.0, iterations=5000, seed=7))
    assert first.assignment == again.assignment


def test_annealing_beats_a_random_plan():
    problem = random_problem(5, people=80, fill=0.9)
    result = plan(problem, Options(seconds=60.0, iterations=20000, seed=1))
    assert result.score.total < random_plan(problem, seed=1).total


def _two_slots(**first_room: object) -> tuple[list[Room], list[Slot]]:
    """A big room with the short slot and a plain small room with the long one, at the same time."""
    rooms = [Room("hall", 100, frozenset({"stream"})), Room("side", 10)]
    slots = [
        Slot("hall-1", room=0, block=0, units=(0,), duration=30),
        Slot("side-1", room=1, block=1, units=(0, 1), duration=60),
    ]
    return rooms, slots


def _place(problem: Problem) -> list[int | None]:
    result = plan(problem, Options(seconds=60.0, iterations=500, seed=0))
    assert violations(problem, result.assignment) == []
    return result.assignment


def test_rule_duration_fits():
    rooms, slots = _two_slots()
    # Everyone wants it and the hall seats them, but it lasts an hour: only the side room's slot is long enough.
    problem = Problem(rooms, slots, [Session("long", 60, audience=90)], wants=[frozenset({0})] * 5)
    assert _place(problem) == [1]


def test_rule_room_has_what_the_item_needs():
    rooms, slots = _two_slots()
    problem = Problem(
        rooms, slots, [Session("film", 30, needs=frozenset({"stream"})), Session("talk", 30, audience=90)]
    )
    # The talk would fill the hall, but the recorded session needs the hall's stream.
    assert _place(problem) == [0, 1]


def test_rule_availability():
    rooms, slots = _two_slots()
    problem = Problem(rooms, slots, [Session("late", 30, audience=90, allowed_blocks=frozenset({1}))])
    assert _place(problem) == [1]


def test_rule_pins_stay():
    rooms, slots = _two_slots()
    problem = Problem(rooms, slots, [Session("pinned", 30, audience=90, pinned=1), Session("free", 30)])
    assert _place(problem) == [1, 0]


def test_rule_contributor_in_one_place_at_once():
    rooms, slots = _two_slots()
    sessions = [
        Session("a", 30, contributors=frozenset({"kari"})),
        Session("b", 30, contributors=frozenset({"kari"})),
    ]
    problem = Problem(rooms, slots, sessions)
    # The two slots overlap: one of Kari's sessions stays unplaced rather than clash.
    assignment = _place(problem)
    assert sorted(k for k in assignment if k is not None) in ([0], [1])


def test_rule_one_item_per_slot():
    rooms, slots = _two_slots()
    sessions = [Session(f"s{i}", 30, audience=90) for i in range(3)]
    assignment = _place(Problem(rooms, slots, sessions))
    placed = [k for k in assignment if k is not None]
    assert sorted(placed) == [0, 1]


def test_replan_keeps_the_published_plan_where_it_can():
    problem = random_problem(11, people=60, fill=0.6)
    first = plan(problem, Options(seconds=60.0, iterations=4000, seed=2))
    problem.previous = list(first.assignment)
    problem.sessions.append(Session("late", 30, track="A", audience=5))
    problem.previous.append(None)
    again = plan(problem, Options(seconds=60.0, iterations=4000, seed=2))
    assert violations(problem, again.assignment) == []
    moved = sum(1 for i, k in enumerate(first.assignment) if k is not None and again.assignment[i] != k)
    assert moved <= 2


def test_replan_moves_a_published_item_to_make_room_for_a_late_one():
    rooms = [Room("hall", 100), Room("lab", 20, frozenset({"workshop"}))]
    slots = [
        Slot("hall-1", room=0, block=0, units=(0,), duration=30),
        Slot("lab-1", room=1, block=0, units=(0, 1, 2), duration=90),
    ]
    sessions = [Session("talk", 30), Session("late workshop", 90, needs=frozenset({"workshop"}))]
    # The talk was published in the lab; the only place for the late workshop is the lab.
    problem = Problem(rooms, slots, sessions, previous=[1, None])
    result = plan(problem, Options(seconds=60.0, iterations=200, seed=0))
    assert result.assignment == [0, 1]
    assert (result.score.moves, result.score.unplaced) == (1, 0)


def test_rule_a_room_holds_one_item_at_a_time() -> None:
    # The hall's hour-long slot overlaps its two half-hour slots: it takes the workshop or the talks.
    rooms = [Room("hall", 100)]
    slots = [
        Slot("hall-1", room=0, block=0, units=(0,), duration=30),
        Slot("hall-2", room=0, block=0, units=(1,), duration=30),
        Slot("hall-1+2", room=0, block=0, units=(0, 1), duration=60),
    ]
    sessions = [Session("long", 60, audience=90), Session("a", 30), Session("b", 30)]
    problem = Problem(rooms, slots, sessions, weights=Weights(unplaced=1000))
    assignment = _place(problem)
    units = [u for k in assignment if k is not None for u in slots[k].units]
    assert len(units) == len(set(units))
    assert assignment.count(None) in (1, 2)


def test_rule_contributor_busy_for_the_whole_block() -> None:
    rooms = [Room("hall", 100), Room("side", 100)]
    slots = [
        Slot("hall-1", room=0, block=0, units=(0,), duration=30),
        Slot("side-2", room=1, block=0, units=(1,), duration=30),
        Slot("side-3", room=1, block=1, units=(2,), duration=30),
    ]
    sessions = [
        Session("a", 30, contributors=frozenset({"kari"}), allowed_blocks=frozenset({0})),
        Session("b", 30, contributors=frozenset({"kari"})),
    ]
    problem = Problem(rooms, slots, sessions, contributors_per_block=True)
    # Different times, but the same block: Kari's second session goes to the next block.
    assert _place(problem) in ([0, 2], [1, 2])


def test_rule_exact_duration() -> None:
    rooms = [Room("hall", 100)]
    slots = [
        Slot("long", room=0, block=0, units=(0, 1), duration=60),
        Slot("short", room=0, block=1, units=(2,), duration=30),
    ]
    problem = Problem(rooms, slots, [Session("talk", 30, exact_duration=True, audience=90)])
    assert _place(problem) == [1]


@pytest.mark.parametrize("seed", range(6))
def test_block_swaps_keep_the_hard_rules(seed: int) -> None:
    problem = random_problem(seed, people=40, previous=seed % 2 == 0, overlap=seed % 3 == 1)
    result = plan(problem, Options(seconds=60.0, iterations=3000, seed=seed, block_share=0.3))
    assert violations(problem, result.assignment) == []
    assert result.score == score(problem, result.assignment)


def test_replan_keeps_to_the_move_budget() -> None:
    problem = random_problem(12, people=60, fill=0.7)
    first = plan(problem, Options(seconds=60.0, iterations=3000, seed=1))
    problem.previous = list(first.assignment)
    for x in range(3):
        problem.sessions.append(Session(f"late {x}", 30, track="A", audience=30))
        problem.previous.append(None)
    problem.wants = [wanted | {len(problem.sessions) - 1 - p % 3} for p, wanted in enumerate(problem.wants)]
    problem.weights = Weights(move=0)
    result = plan(problem, Options(seconds=60.0, iterations=3000, seed=1, move_budget=1))
    assert violations(problem, result.assignment) == []
    assert result.score.moves <= 1


def test_same_seed_same_replan() -> None:
    problem = random_problem(13, people=60, fill=0.6)
    problem.previous = list(plan(problem, Options(seconds=60.0, iterations=2000, seed=4)).assignment)
    problem.sessions.append(Session("late", 30, track="B", audience=40))
    problem.previous.append(None)
    options = Options(seconds=60.0, iterations=3000, seed=9, move_budget=2, block_share=0.1)
    assert plan(problem, options).assignment == plan(problem, options).assignment


def test_replan_repair_pushes_a_published_item_on_by_a_chain_of_two() -> None:
    rooms = [
        Room("lab", 20, frozenset({"workshop"})),
        Room("studio", 20, frozenset({"stream"})),
        Room("hall", 90),
    ]
    slots = [
        Slot("lab-1", room=0, block=0, units=(0,), duration=30),
        Slot("studio-1", room=1, block=0, units=(0,), duration=30),
        Slot("hall-1", room=2, block=0, units=(0,), duration=30),
    ]
    sessions = [
        # Published in the lab; may also go to the studio, nowhere else.
        Session("a", 30),
        # Published in the studio; may also go to the hall.
        Session("b", 30),
        # Late: needs the lab.
        Session("late", 30, needs=frozenset({"workshop"})),
    ]
    problem = Problem(rooms, slots, sessions, previous=[0, 1, None], weights=Weights(move=1))
    domains = [[0, 1], [1, 2], [0]]
    for depth, placed in ((1, False), (2, True)):
        state = greedy(problem, domains)
        assert state.assignment == [0, 1, None]
        repair(problem, state, domains, [2], depth=depth)
        assert (state.assignment[2] is not None) is placed
    # Depth 2: b to the hall, a to the studio, the late session in the lab.
    assert state.assignment == [1, 2, 0]
    assert violations(problem, state.assignment) == []
    assert state.breakdown() == score(problem, state.assignment)


@pytest.mark.parametrize("depth", [1, 2])
def test_replan_best_first_repair_keeps_the_rules_and_the_budget(depth: int) -> None:
    problem = random_problem(12, people=60, fill=0.7)
    first = plan(problem, Options(seconds=60.0, iterations=3000, seed=1))
    problem.previous = list(first.assignment)
    for x in range(3):
        problem.sessions.append(Session(f"late {x}", 30, track="A", audience=30))
        problem.previous.append(None)
    problem.wants = [wanted | {len(problem.sessions) - 1 - p % 3} for p, wanted in enumerate(problem.wants)]
    problem.weights = Weights(move=0)
    options = Options(
        seconds=60.0, iterations=1000, seed=1, move_budget=1, chain_depth=depth, repair_best_first=True
    )
    result = plan(problem, options)
    assert violations(problem, result.assignment) == []
    assert result.score.moves <= 1
    assert result.score == score(problem, result.assignment)
    assert plan(problem, options).assignment == result.assignment
