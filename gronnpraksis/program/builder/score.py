"""The one scoring function, in full (``score``) and as exact incremental updates (``State``).

Soft costs, each multiplied by its weight (``Weights``):

- ``clash``: for every person and every time unit, the starred sessions running then, less one: the
  units of wanted content a person must miss;
- ``overflow``: for every placed session, expected audience above its room's capacity;
- ``scatter``: for every room block, the distinct tracks in it, less one;
- ``move``: every session placed elsewhere than in the previous plan;
- ``unplaced``: every session without a slot.

The hard rules (``violations``) are not costs: the search never leaves them. ``State`` (in ``state.py``)
keeps the same costs up to date move by move.
"""

from __future__ import annotations

from itertools import combinations

from .problem import Assignment, Problem
from .state import Breakdown, State

__all__ = ["Breakdown", "State", "score", "violations"]


def score(problem: Problem, assignment: Assignment) -> Breakdown:
    """Score a plan from scratch (the reference the incremental updates are tested against)."""
    w = problem.weights
    slots, sessions = problem.slots, problem.sessions
    clash = 0
    for wanted in problem.wants:
        count: dict[int, int] = {}
        for i in wanted:
            k = assignment[i]
            if k is not None:
                for u in slots[k].units:
                    count[u] = count.get(u, 0) + 1
        clash += sum(c - 1 for c in count.values() if c > 1)
    overflow = 0
    tracks: dict[tuple[int, int], set[str]] = {}
    moves = 0
    unplaced = 0
    for i, k in enumerate(assignment):
        if k is None:
            unplaced += 1
        else:
            slot = slots[k]
            overflow += max(0, sessions[i].audience - problem.rooms[slot.room].capacity)
            tracks.setdefault((slot.room, slot.block), set()).add(sessions[i].track)
        if problem.previous is not None and problem.previous[i] is not None and problem.previous[i] != k:
            moves += 1
    scatter = sum(len(t) - 1 for t in tracks.values())
    total = (
        w.clash * clash + w.overflow * overflow + w.scatter * scatter + w.move * moves + w.unplaced * unplaced
    )
    return Breakdown(clash, overflow, scatter, moves, unplaced, total)


def violations(problem: Problem, assignment: Assignment) -> list[str]:
    """Every breach of a hard rule in a plan (empty when the plan is valid).

    Rules: at most one session per slot, and per room and time unit (where a room's slots overlap); a
    placed session fits its slot (duration, the room's features, availability, pin); no contributor in two
    sessions at once (nor, with ``contributors_one_room_per_block``, in two rooms of one block). Unplaced
    sessions are a cost, not a breach, except a pinned one.
    """
    found: list[str] = []
    if len(assignment) != len(problem.sessions):
        return ["the plan has the wrong length"]
    used: dict[int, int] = {}
    for i, k in enumerate(assignment):
        s = problem.sessions[i]
        if k is None:
            if s.pinned is not None:
                found.append(f"pinned session {s.key} is not placed")
            continue
        if not 0 <= k < len(problem.slots):
            found.append(f"session {s.key} is in a missing slot")
            continue
        if k in used:
            found.append(f"slot {problem.slots[k].key} holds {problem.sessions[used[k]].key} and {s.key}")
        used[k] = i
        if not problem.fits(i, k):
            found.append(f"session {s.key} may not use slot {problem.slots[k].key}")
    by_room: dict[tuple[int, int], int] = {}
    for i, k in enumerate(assignment):
        if k is None or not 0 <= k < len(problem.slots):
            continue
        slot = problem.slots[k]
        for u in slot.units:
            other = by_room.setdefault((slot.room, u), i)
            if other != i and assignment[other] != k:
                found.append(
                    f"room {problem.rooms[slot.room].key} holds {problem.sessions[other].key} and "
                    f"{problem.sessions[i].key} at once"
                )
    by_person: dict[str, list[int]] = {}
    for i, s in enumerate(problem.sessions):
        for c in s.contributors:
            by_person.setdefault(c, []).append(i)
    for c, items in by_person.items():
        for i, j in combinations(items, 2):
            a, b = assignment[i], assignment[j]
            if a is None or b is None:
                continue
            sa, sb = problem.slots[a], problem.slots[b]
            if problem.contributors_per_block:
                together = sa.block == sb.block
            else:
                together = bool(set(sa.units) & set(sb.units))
            if problem.contributors_one_room_per_block and sa.block == sb.block and sa.room != sb.room:
                together = True
            if together:
                found.append(f"{c} is in {problem.sessions[i].key} and {problem.sessions[j].key} at once")
    return found
