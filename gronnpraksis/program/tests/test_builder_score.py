"""The builder's one scoring function: every incremental update equals a full recomputation."""

from __future__ import annotations

import random

from gronnpraksis.program.builder.problem import Problem, Room, Session, Slot, Weights
from gronnpraksis.program.builder.score import State, score, violations
from gronnpraksis.program.builder.search import random_plan

from .builder_random import random_problem


def test_every_incremental_score_equals_a_full_recomputation() -> None:
    checked = 0
    for seed in range(36):
        # Every third problem has rooms whose slots overlap (a room is busy like a contributor); from seed 24
        # on, a contributor may also hold several slots of a block in one room (CoSPLib's presenters).
        problem = random_problem(
            seed, previous=seed % 2 == 0, overlap=seed % 3 == 2 or seed >= 24, one_room=seed >= 24
        )
        rng = random.Random(1000 + seed)
        domains = problem.domains()
        state = State(problem, random_plan(problem, seed=seed).assignment)
        assert state.breakdown() == score(problem, state.assignment)
        for _ in range(500):
            i = rng.randrange(len(problem.sessions))
            a = state.assignment[i]
            b = rng.choice([*domains[i], None])
            if b == a:
                continue
            j = state.occupant[b] if b is not None else None
            after = list(state.assignment)
            if j is None:
                delta = state.relocate(i, b)
                after[i] = b
            else:
                delta = state.swap(i, j)
                after[i], after[j] = b, a
            if delta is None:
                assert _in_two_places(problem, after), "a move refused although nobody is in two places"
                continue
            assert not _in_two_places(problem, after)
            before = state.total
            assert delta == score(problem, after).total - before
            checked += 1
            if rng.random() < 0.6:
                state.commit()
                assert state.breakdown() == score(problem, state.assignment)
    assert checked > 6000


def _in_two_places(problem: Problem, assignment: list[int | None]) -> list[str]:
    """The breaches that ``State`` itself guards: a contributor or a room in two sessions at once (the test
    moves sessions without regard to their allowed slots, which the search keeps to by itself)."""
    return [v for v in violations(problem, assignment) if v.endswith(" at once")]


def test_score_counts_each_cost() -> None:
    rooms = [Room("big", 100), Room("small", 10)]
    slots = [
        Slot("big-1", room=0, block=0, units=(0,), duration=30),
        Slot("small-1", room=1, block=0, units=(0,), duration=30),
        Slot("small-2", room=1, block=0, units=(1,), duration=30),
    ]
    sessions = [
        Session("a", 30, track="x", audience=50),
        Session("b", 30, track="y", audience=15),
        Session("c", 30, track="x"),
        Session("d", 30),
    ]
    problem = Problem(
        rooms,
        slots,
        sessions,
        wants=[frozenset({0, 1}), frozenset({0, 1, 2}), frozenset({2})],
        weights=Weights(clash=1, overflow=1, scatter=20, move=5, unplaced=1000),
        previous=[0, 2, None, None],
    )
    result = score(problem, [0, 1, 2, None])
    # Two people want a and b, both at unit 0; b overflows the small room by 5; small room holds tracks y and
    # x; b moved from small-2; d has no place.
    assert (result.clash, result.overflow, result.scatter, result.moves, result.unplaced) == (2, 5, 1, 1, 1)
    assert result.total == 2 + 5 + 20 + 5 + 1000


def test_compound_moves_score_exactly_and_undo() -> None:
    """``State.apply`` (block swaps, ejection chains) against a full recomputation, and ``undo``."""
    checked = 0
    for seed in range(36):
        problem = random_problem(
            seed, previous=seed % 2 == 1, overlap=seed % 3 == 0 or seed >= 24, one_room=seed >= 24
        )
        rng = random.Random(2000 + seed)
        domains = problem.domains()
        state = State(problem, random_plan(problem, seed=seed).assignment)
        for _ in range(400):
            # Two to four sessions, each to an allowed slot or out; the slots must end up used once.
            chosen = rng.sample(range(len(problem.sessions)), rng.randint(2, min(4, len(problem.sessions))))
            moves: list[tuple[int, int | None]] = [(i, rng.choice([*domains[i], None])) for i in chosen]
            after = list(state.assignment)
            for i, k in moves:
                after[i] = k
            targets = [k for _i, k in moves if k is not None]
            held = {k for i, k in enumerate(after) if k is not None and i not in chosen}
            if len(set(targets)) != len(targets) or held & set(targets):
                continue
            before = state.breakdown()
            delta = state.apply(moves)
            if delta is None:
                assert _in_two_places(problem, after)
                assert state.breakdown() == before
                continue
            assert not _in_two_places(problem, after)
            assert state.assignment == after
            assert state.breakdown() == score(problem, after)
            assert delta == state.total - before.total
            checked += 1
            if rng.random() < 0.5:
                state.undo()
                assert state.breakdown() == before
    assert checked > 2200
