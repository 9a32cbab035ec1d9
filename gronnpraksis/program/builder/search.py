"""Building a plan: greedy construction, then simulated annealing over relocate and swap moves.

``plan`` keeps every hard rule at every step (see ``score.violations``) and returns the best plan it saw.
With an iteration budget the result depends only on the problem and the seed; a time budget stops the
search earlier on a slower machine (docs/builder.md).
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from .problem import Assignment, Problem
from .score import Breakdown, State


@dataclass(frozen=True, slots=True)
class Options:
    """How long and how hot to search.

    ``seconds`` and ``iterations`` are both budgets; the search stops at the first one reached, and the
    temperature falls with whichever is further along. ``iterations=None`` plans by time alone.
    """

    seconds: float = 10.0
    iterations: int | None = None
    seed: int = 0
    start_temperature: float = 3.0
    end_temperature: float = 0.2
    # A re-plan starts from the published plan and searches cooler, so that it moves only what it must.
    replan_start_temperature: float = 2.0
    # The share of moves that exchange the contents of two room blocks of the same shape.
    block_share: float = 0.0
    # In a re-plan, the share of moves that start from a session new since the previous plan.
    replan_focus: float = 0.5
    # In a re-plan, at most this many sessions of the previous plan may end up elsewhere (None: no limit;
    # the move penalty still applies within the budget).
    move_budget: int | None = None
    # In a re-plan's repair, how far an ejection chain may push: 1, a published session to a free slot; 2,
    # it may instead push another published session on to a free slot of its own (measured no better on the
    # benchmark's re-plan, see bench/README.md, so not the default).
    chain_depth: int = 1
    # In a re-plan's repair, carry out the best chain over all new sessions first (see ``repair``).
    repair_best_first: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    """A plan and how it was found."""

    assignment: Assignment
    score: Breakdown
    initial: Breakdown
    iterations: int
    accepted: int
    seconds: float


def _order(problem: Problem, domains: list[list[int]], *, audience_first: bool = False) -> list[int]:
    """Pinned first; then most constrained (fewest allowed slots) or largest audience first."""
    sessions = problem.sessions
    if audience_first:
        return sorted(
            range(len(sessions)),
            key=lambda i: (sessions[i].pinned is None, -sessions[i].audience, i),
        )
    return sorted(
        range(len(sessions)),
        key=lambda i: (sessions[i].pinned is None, len(domains[i]), -sessions[i].audience, i),
    )


def greedy(problem: Problem, domains: list[list[int]] | None = None) -> State:
    """Place sessions one by one, each in the free slot that costs least now.

    Sessions of the previous plan keep their slot when it is still allowed and free. The rest go in two
    orders, largest audience first and most constrained first; the better plan is kept. A session with no
    allowed free slot stays unplaced (and costs ``weights.unplaced``).
    """
    domains = domains if domains is not None else problem.domains()
    plans = [_greedy(problem, domains, _order(problem, domains, audience_first=f)) for f in (True, False)]
    return min(plans, key=lambda state: state.total)


def _greedy(problem: Problem, domains: list[list[int]], order: list[int]) -> State:
    state = State(problem, [None] * len(problem.sessions))
    if problem.previous is not None:
        for i in order:
            k = problem.previous[i]
            free = k is not None and k in domains[i] and state.occupant[k] is None
            if free and state.relocate(i, k) is not None:
                state.commit()
    for i in order:
        if state.assignment[i] is not None:
            continue
        best: tuple[int, int] | None = None
        for k in domains[i]:
            if state.occupant[k] is not None:
                continue
            delta = state.relocate(i, k)
            if delta is not None and (best is None or delta < best[0]):
                best = (delta, k)
        if best is not None:
            state.relocate(i, best[1])
            state.commit()
        else:
            _eject(problem, state, domains, i)
    return state


def _eject(problem: Problem, state: State, domains: list[list[int]], i: int) -> None:
    """Place session i, which has no free allowed slot, by moving the session in one of its slots to a
    free slot of that session's own; take the cheapest such pair, or leave i unplaced if there is none."""
    best: tuple[int, int, int, int] | None = None
    for k in domains[i]:
        j = state.occupant[k]
        if j is None or problem.sessions[j].pinned is not None:
            continue
        for k2 in domains[j]:
            if state.occupant[k2] is not None:
                continue
            first = state.relocate(j, k2)
            if first is None:
                continue
            state.commit()
            second = state.relocate(i, k)
            if second is not None and (best is None or first + second < best[0]):
                best = (first + second, k, k2, j)
            state.relocate(j, k)
            state.commit()
    if best is not None:
        _total, k, k2, j = best
        state.relocate(j, k2)
        state.commit()
        state.relocate(i, k)
        state.commit()


def repair(
    problem: Problem,
    state: State,
    domains: list[list[int]],
    sessions: list[int],
    rounds: int = 3,
    budget: int | None = None,
    depth: int = 1,
    best_first: bool = False,
) -> int:
    """Find better slots for ``sessions`` (those new since the previous plan) by short ejection chains.

    For each, every allowed slot is considered: free, held by a session that can take its current slot
    (a swap), or held by a session that can move to a free slot of its own (the holder moves, the new
    session takes its place). Candidates are ranked by their two parts scored apart, and the best few are
    scored exactly; the best improvement is carried out. A published session is moved only when the chain
    as a whole, move penalty included, pays, and never beyond ``budget`` sessions away from their previous
    slot. With ``depth`` 2, the session in one of the best few slots may also move on to a slot held by a
    third session, which moves to a free slot of its own (two published sessions pushed for one new one).
    With ``best_first``, each step carries out the best chain over all the sessions instead of going
    through them in turn (so a move budget goes to the chains that gain most). Returns the number of chains
    carried out.
    """
    pinned = [s.pinned is not None for s in problem.sessions]
    done = 0
    if best_first:
        for _step in range(rounds * len(sessions)):
            found = [
                (c, i)
                for i in sessions
                if not pinned[i]
                if (c := _best_chain(state, domains, pinned, i, budget, depth))
            ]
            if not found:
                break
            best_chain, _i = min(found, key=lambda x: (x[0][0], x[1]))
            state.apply(best_chain[1])
            done += 1
        return done
    for _round in range(rounds):
        changed = False
        for i in sessions:
            if pinned[i]:
                continue
            chosen = _best_chain(state, domains, pinned, i, budget, depth)
            if chosen is not None:
                state.apply(chosen[1])
                done += 1
                changed = True
        if not changed:
            break
    return done


def _best_chain(
    state: State,
    domains: list[list[int]],
    pinned: list[bool],
    i: int,
    budget: int | None,
    depth: int,
) -> tuple[int, list[tuple[int, int | None]]] | None:
    """The best improving chain for session i now (score change, moves), scored exactly, or ``None``."""
    a = state.assignment[i]
    free_for: dict[int, tuple[int, int] | None] = {}
    candidates: list[tuple[int, list[tuple[int, int | None]]]] = []
    held: list[tuple[int, int]] = []
    for k in domains[i]:
        if k == a:
            continue
        j = state.occupant[k]
        d_i = state.relocate(i, k)
        if d_i is None:
            continue
        if j is None:
            candidates.append((d_i, [(i, k)]))
            continue
        if pinned[j]:
            continue
        held.append((d_i, k))
        if a is not None and a in domains[j]:
            candidates.append((d_i, [(i, k), (j, a)]))
        if j not in free_for:
            best: tuple[int, int] | None = None
            for k2 in domains[j]:
                if state.occupant[k2] is None:
                    d_j = state.relocate(j, k2)
                    if d_j is not None and (best is None or d_j < best[0]):
                        best = (d_j, k2)
            free_for[j] = best
        elsewhere = free_for[j]
        if elsewhere is not None:
            candidates.append((d_i + elsewhere[0], [(j, elsewhere[1]), (i, k)]))
    if depth >= 2:
        candidates += _deeper(state, domains, pinned, i, held, free_for)
    candidates.sort(key=lambda c: c[0])
    chosen: tuple[int, list[tuple[int, int | None]]] | None = None
    for _estimate, moves in candidates[: 24 if depth < 2 else 40]:
        delta = state.apply(moves)
        if delta is None:
            continue
        over = budget is not None and state.parts[3] > budget
        state.undo()
        if over:
            continue
        if delta < 0 and (chosen is None or delta < chosen[0]):
            chosen = (delta, moves)
    return chosen


def _free_slot(
    state: State, domains: list[list[int]], j: int, free_for: dict[int, tuple[int, int] | None]
) -> tuple[int, int] | None:
    """The cheapest free allowed slot for session j now (score change, slot), cached in ``free_for``."""
    if j not in free_for:
        best: tuple[int, int] | None = None
        for k in domains[j]:
            if state.occupant[k] is None:
                d = state.relocate(j, k)
                if d is not None and (best is None or d < best[0]):
                    best = (d, k)
        free_for[j] = best
    return free_for[j]


def _deeper(
    state: State,
    domains: list[list[int]],
    pinned: list[bool],
    i: int,
    held: list[tuple[int, int]],
    free_for: dict[int, tuple[int, int] | None],
    widest: int = 12,
) -> list[tuple[int, list[tuple[int, int | None]]]]:
    """Chains of depth 2 for session i: in each of its ``widest`` cheapest slots k held by a movable session
    (``held``: score change of i alone, slot), the holder j moves
    on to a slot k2 held by j2, and j2 to a free slot of its own; estimated as the sum of the three moves
    scored apart (``repair`` scores the best exactly)."""
    a = state.assignment[i]
    out: list[tuple[int, list[tuple[int, int | None]]]] = []
    for d_i, k in sorted(held)[:widest]:
        j = state.occupant[k]
        if j is None:
            continue
        best: tuple[int, list[tuple[int, int | None]]] | None = None
        for k2 in domains[j]:
            j2 = state.occupant[k2]
            if j2 is None or j2 in (i, j) or pinned[j2] or k2 == a:
                continue
            d_j = state.relocate(j, k2)
            if d_j is None:
                continue
            onward = _free_slot(state, domains, j2, free_for)
            if onward is None:
                continue
            total = d_i + d_j + onward[0]
            if best is None or total < best[0]:
                best = (total, [(j2, onward[1]), (j, k2), (i, k)])
        if best is not None:
            out.append(best)
    return out


def random_plan(problem: Problem, seed: int = 0) -> State:
    """A plan that keeps the hard rules and nothing else: each session in a random allowed free slot."""
    rng = random.Random(seed)
    domains = problem.domains()
    state = State(problem, [None] * len(problem.sessions))
    order = _order(problem, domains)
    for i in order:
        free = [k for k in domains[i] if state.occupant[k] is None]
        rng.shuffle(free)
        for k in free:
            if state.relocate(i, k) is not None:
                state.commit()
                break
    return state


def _block_twins(problem: Problem, state: State) -> list[list[list[int]]]:
    """Per room block, the room blocks of the same shape (slots of the same lengths at the same offsets),
    each as its slots in order; a block swap exchanges the contents of two such blocks slot by slot."""
    slots_of: dict[int, list[int]] = {}
    for k in range(len(problem.slots)):
        slots_of.setdefault(state.rb[k], []).append(k)
    shapes: dict[tuple[tuple[int, int], ...], list[list[int]]] = {}
    for ks in slots_of.values():
        ks.sort(key=lambda k: state.units[k])
        first = state.units[ks[0]][0]
        shape = tuple((state.units[k][0] - first, len(state.units[k])) for k in ks)
        shapes.setdefault(shape, []).append(ks)
    return [group for group in shapes.values() if len(group) > 1]


def anneal(problem: Problem, state: State, domains: list[list[int]], options: Options) -> tuple[int, int]:
    """Improve ``state`` in place by simulated annealing; leave it at the best plan seen.

    Moves: a session to another allowed slot (swapping with the session there when that one may use the
    freed slot), and, one move in ``block_share``, the contents of two room blocks of the same shape
    exchanged slot by slot (a whole themed block moves in time or room at once, with its tracks together).
    Returns the number of moves tried and accepted.
    """
    rng = random.Random(options.seed)
    allowed = [set(d) for d in domains]
    movable = [i for i, s in enumerate(problem.sessions) if s.pinned is None and len(domains[i]) > 1]
    movable += [i for i, s in enumerate(problem.sessions) if s.pinned is None and len(domains[i]) == 1]
    if not movable:
        return 0, 0
    best_total = state.total
    best = list(state.assignment)
    pinned = [s.pinned is not None for s in problem.sessions]
    n_movable = len(movable)
    random_ = rng.random
    exp = math.exp
    t0, t1 = options.start_temperature, options.end_temperature
    if problem.previous is not None and any(k is not None for k in problem.previous):
        t0 = min(t0, options.replan_start_temperature)
    ratio = t1 / t0
    twins = _block_twins(problem, state)
    n_twins = len(twins)
    block_share = options.block_share if twins else 0.0
    assignment, occupant = state.assignment, state.occupant
    budget = options.move_budget
    focus: list[int] = []
    if problem.previous is not None and any(k is not None for k in problem.previous):
        focus = [i for i in movable if problem.previous[i] is None]
    n_focus = len(focus)
    focus_share = options.replan_focus if focus else 0.0
    started = time.process_time()
    limit = options.iterations
    tried = accepted = 0
    temperature = t0
    while True:
        if tried & 255 == 0:
            progress = (time.process_time() - started) / options.seconds if options.seconds > 0 else 0.0
            if limit is not None:
                progress = max(progress, tried / limit) if options.seconds > 0 else tried / limit
            if progress >= 1.0:
                break
            temperature = t0 * ratio**progress
        if limit is not None and tried >= limit:
            break
        tried += 1
        if random_() < block_share:
            group = twins[int(random_() * n_twins)]
            x = group[int(random_() * len(group))]
            y = group[int(random_() * len(group))]
            if x is y:
                continue
            moves: list[tuple[int, int | None]] = []
            fits = True
            for kx, ky in zip(x, y, strict=True):
                i, j = occupant[kx], occupant[ky]
                if i is not None:
                    if pinned[i] or ky not in allowed[i]:
                        fits = False
                        break
                    moves.append((i, ky))
                if j is not None:
                    if pinned[j] or kx not in allowed[j]:
                        fits = False
                        break
                    moves.append((j, kx))
            if not fits or not moves:
                continue
            delta = state.apply(moves)
            if delta is None:
                continue
            if budget is not None and state.parts[3] > budget:
                state.undo()
                continue
            if delta <= 0 or random_() < exp(-delta / temperature):
                accepted += 1
                if state.total < best_total:
                    best_total = state.total
                    best = list(assignment)
            else:
                state.undo()
            continue
        if focus_share and random_() < focus_share:
            i = focus[int(random_() * n_focus)]
        else:
            i = movable[int(random_() * n_movable)]
        dom = domains[i]
        b = dom[int(random_() * len(dom))]
        a = assignment[i]
        if b == a:
            continue
        j = occupant[b]
        if j is None:
            delta = state.relocate(i, b)
        else:
            if pinned[j] or (a is not None and a not in allowed[j]):
                continue
            delta = state.swap(i, j)
        if delta is None:
            continue
        if budget is not None and state.parts[3] + state.pending_moves() > budget:
            continue
        if delta <= 0 or random_() < exp(-delta / temperature):
            state.commit()
            accepted += 1
            if state.total < best_total:
                best_total = state.total
                best = list(assignment)
    _restore(state, best)
    return tried, accepted


def _restore(state: State, target: Assignment) -> None:
    """Bring ``state`` to the plan ``target`` move by move, keeping its counters exact."""
    for i in range(len(target)):
        if state.assignment[i] != target[i] and state.assignment[i] is not None:
            state.relocate(i, None)
            state.commit()
    for i, k in enumerate(target):
        if k is not None and state.assignment[i] != k:
            if state.relocate(i, k) is None:
                raise RuntimeError("best plan is not feasible")
            state.commit()


def plan(problem: Problem, options: Options | None = None) -> Result:
    """Plan a problem: greedy construction, then annealing within the budget."""
    options = options or Options()
    problem.validate()
    started = time.process_time()
    domains = problem.domains()
    state = greedy(problem, domains)
    if problem.previous is not None and any(k is not None for k in problem.previous):
        late = [i for i, k in enumerate(problem.previous) if k is None]
        repair(
            problem,
            state,
            domains,
            late,
            budget=options.move_budget,
            depth=options.chain_depth,
            best_first=options.repair_best_first,
        )
    initial = state.breakdown()
    tried, accepted = anneal(problem, state, domains, options)
    return Result(
        assignment=list(state.assignment),
        score=state.breakdown(),
        initial=initial,
        iterations=tried,
        accepted=accepted,
        seconds=time.process_time() - started,
    )
