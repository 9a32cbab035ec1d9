"""Why a plan looks the way it does, in data (the caller words it in the user's language).

For one placed session: the sessions most often starred together with it and whether they run at the same
time ("42 who starred it also starred X, which runs on day 1"), and its audience against the room. For the
whole plan: the clashes that remain, by pair of sessions, and the people with the most.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Assignment, Problem


@dataclass(frozen=True, slots=True)
class CoStar:
    """``people`` who starred the session also starred ``other``, placed in ``slot`` (``None``: unplaced)."""

    other: int
    people: int
    slot: int | None
    same_time: bool


@dataclass(frozen=True, slots=True)
class ItemReason:
    """Why session ``session`` is in ``slot``."""

    session: int
    slot: int | None
    stars: int
    audience: int
    capacity: int
    costars: list[CoStar]


@dataclass(frozen=True, slots=True)
class Clash:
    """Two sessions at the same time that ``people`` starred both of."""

    first: int
    second: int
    people: int


@dataclass(frozen=True, slots=True)
class PlanReason:
    """The clashes left in a plan: the worst pairs and the people who must miss most (person, units)."""

    clashes: list[Clash]
    people: list[tuple[int, int]]


def _overlap(problem: Problem, a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return False
    return bool(set(problem.slots[a].units) & set(problem.slots[b].units))


def explain_item(problem: Problem, assignment: Assignment, session: int, top: int = 3) -> ItemReason:
    """The sessions starred most often with ``session``, their places, and its audience and room."""
    together: dict[int, int] = {}
    stars = 0
    for wanted in problem.wants:
        if session in wanted:
            stars += 1
            for other in wanted:
                if other != session:
                    together[other] = together.get(other, 0) + 1
    k = assignment[session]
    best = sorted(together.items(), key=lambda item: (-item[1], item[0]))[:top]
    costars = [
        CoStar(other=j, people=n, slot=assignment[j], same_time=_overlap(problem, k, assignment[j]))
        for j, n in best
    ]
    capacity = problem.rooms[problem.slots[k].room].capacity if k is not None else 0
    return ItemReason(session, k, stars, problem.sessions[session].audience, capacity, costars)


def explain_plan(problem: Problem, assignment: Assignment, top: int = 10) -> PlanReason:
    """The pairs of sessions at the same time with the most people wanting both, and who misses most."""
    pairs: dict[tuple[int, int], int] = {}
    misses: list[tuple[int, int]] = []
    for p, wanted in enumerate(problem.wants):
        placed = sorted(i for i in wanted if assignment[i] is not None)
        count: dict[int, int] = {}
        for i in placed:
            for u in problem.slots[assignment[i] or 0].units:
                count[u] = count.get(u, 0) + 1
        missed = sum(c - 1 for c in count.values() if c > 1)
        if missed:
            misses.append((p, missed))
            for x, i in enumerate(placed):
                for j in placed[x + 1 :]:
                    if _overlap(problem, assignment[i], assignment[j]):
                        pairs[(i, j)] = pairs.get((i, j), 0) + 1
    clashes = [
        Clash(i, j, n) for (i, j), n in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:top]
    ]
    people = sorted(misses, key=lambda item: (-item[1], item[0]))[:top]
    return PlanReason(clashes, people)
