"""Random small planning problems for the builder's tests (seeded, so every run sees the same ones)."""

from __future__ import annotations

import random

from gronnpraksis.program.builder.problem import Problem, Room, Session, Slot, Weights
from gronnpraksis.program.builder.score import violations

FEATURES = ("stream", "workshop", "step_free")


def random_problem(
    seed: int,
    *,
    people: int = 30,
    fill: float = 0.8,
    previous: bool = False,
    overlap: bool = False,
    one_room: bool = False,
) -> Problem:
    """A problem of 2–4 rooms and 2–4 blocks of three half-hour units, with every kind of rule in it.

    With ``overlap`` every room also has a slot over its whole block that overlaps its shorter ones (as in
    CoSPLib, where a session of several time slots takes them in a row): a room is then in use at most
    once per unit, and a contributor is busy for a whole block; with ``one_room`` as well (as CoSPLib's
    presenters) a contributor may instead be in several slots of a block, but all in one room.
    """
    rng = random.Random(seed)
    rooms = [
        Room(
            key=f"r{r}",
            capacity=rng.choice([10, 20, 40, 80]),
            features=frozenset(f for f in FEATURES if rng.random() < 0.4),
        )
        for r in range(rng.randint(2, 4))
    ]
    n_blocks = rng.randint(2, 4)
    slots: list[Slot] = []
    for r in range(len(rooms)):
        for b in range(n_blocks):
            parts = rng.choice([[1, 1, 1], [2, 1], [1, 2], [3]])
            start = b * 3
            for length in parts:
                slots.append(
                    Slot(
                        key=f"s{len(slots)}",
                        room=r,
                        block=b,
                        units=tuple(range(start, start + length)),
                        duration=30 * length,
                        day=b // 2,
                    )
                )
                start += length
            if overlap and len(parts) > 1:
                slots.append(
                    Slot(
                        key=f"s{len(slots)}",
                        room=r,
                        block=b,
                        units=(b * 3, b * 3 + 1, b * 3 + 2),
                        duration=90,
                        day=b // 2,
                    )
                )
    n_sessions = max(2, int(len(slots) * fill))
    contributors = [f"c{x}" for x in range(max(2, n_sessions - n_sessions // 4))]
    sessions = []
    for i in range(n_sessions):
        sessions.append(
            Session(
                key=f"i{i}",
                duration=rng.choice([30, 30, 30, 60, 90]),
                track=rng.choice("ABC"),
                needs=frozenset(f for f in FEATURES if rng.random() < 0.15),
                contributors=frozenset(rng.sample(contributors, rng.choice([1, 1, 2]))),
                audience=rng.randint(0, 90),
                allowed_blocks=frozenset(rng.sample(range(n_blocks), rng.randint(1, n_blocks)))
                if rng.random() < 0.2
                else None,
            )
        )
    wants = [
        frozenset(rng.sample(range(n_sessions), min(n_sessions, rng.randint(1, 6)))) for _ in range(people)
    ]
    weights = Weights(clash=rng.randint(1, 3), overflow=1, scatter=rng.randint(1, 20), move=rng.randint(1, 9))
    problem = Problem(
        rooms=rooms,
        slots=slots,
        sessions=sessions,
        wants=wants,
        weights=weights,
        contributors_per_block=overlap and not one_room,
        contributors_one_room_per_block=one_room,
    )
    # Pin a few sessions where they may go, keeping the pins consistent with each other.
    taken: list[int | None] = [None] * n_sessions
    for i in rng.sample(range(n_sessions), n_sessions // 6):
        options = [k for k in problem.domains()[i] if k not in taken]
        rng.shuffle(options)
        for k in options:
            taken[i] = k
            if not violations(problem, taken):
                problem.sessions[i] = _pinned(problem.sessions[i], k)
                break
            taken[i] = None
    if previous:
        from gronnpraksis.program.builder.search import random_plan

        problem.previous = list(random_plan(problem, seed=seed).assignment)
    return problem


def _pinned(s: Session, k: int) -> Session:
    return Session(
        key=s.key,
        duration=s.duration,
        track=s.track,
        needs=s.needs,
        contributors=s.contributors,
        audience=s.audience,
        allowed_blocks=s.allowed_blocks,
        pinned=k,
    )
