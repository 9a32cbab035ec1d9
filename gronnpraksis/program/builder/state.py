"""A plan with the counters that make the score of a move cheap and exact (see ``score`` for the costs)."""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Assignment, Problem


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A plan's costs, unweighted, and the weighted total."""

    clash: int
    overflow: int
    scatter: int
    moves: int
    unplaced: int
    total: int


class State:
    """A plan with the counters that make the score of a move cheap and exact.

    ``relocate``/``swap`` return the change in the weighted total a move would make (``None`` when the move
    would put a contributor, or a room whose slots overlap, in two places at once) and remember it;
    ``commit`` then carries the last evaluated move out. The caller keeps to the per-item rules
    (``Problem.fits``) and free slots.

    People are bits: ``mask[i]`` has a bit per person who wants session i, and ``levels[u][c]`` has the bit
    of every person with more than ``c`` wanted sessions running in time unit ``u``. The clash change of a
    move is then a few ``&`` and ``bit_count`` on those integers per unit, whatever the number of people.
    """

    def __init__(self, problem: Problem, assignment: Assignment) -> None:
        self.problem = problem
        w = problem.weights
        self.w = (w.clash, w.overflow, w.scatter, w.move, w.unplaced)
        n = len(problem.sessions)
        all_units = sorted({u for k in problem.slots for u in k.units})
        unit_index = {u: x for x, u in enumerate(all_units)}
        self.units: list[tuple[int, ...]] = [tuple(unit_index[u] for u in k.units) for k in problem.slots]
        room_blocks = sorted({(k.room, k.block) for k in problem.slots})
        rb_index = {rb: x for x, rb in enumerate(room_blocks)}
        self.rb: list[int] = [rb_index[(k.room, k.block)] for k in problem.slots]
        self.room: list[int] = [k.room for k in problem.slots]
        # The units in which a contributor counts as busy: the slot's own, or its whole block.
        self.cunits: list[tuple[int, ...]] = self.units
        n_busy = len(all_units)
        if problem.contributors_per_block:
            blocks = {b: n_busy + x for x, b in enumerate(sorted({k.block for k in problem.slots}))}
            self.cunits = [(blocks[k.block],) for k in problem.slots]
            n_busy += len(blocks)
        self.capacity: list[int] = [problem.rooms[k.room].capacity for k in problem.slots]
        self.audience: list[int] = [s.audience for s in problem.sessions]
        self.track: list[str] = [s.track for s in problem.sessions]
        self.previous: list[int | None] = list(problem.previous) if problem.previous else [None] * n
        names = sorted({c for s in problem.sessions for c in s.contributors})
        contributor_index = {c: x for x, c in enumerate(names)}
        self.contributors: list[tuple[int, ...]] = [
            tuple(contributor_index[c] for c in sorted(s.contributors)) for s in problem.sessions
        ]
        self.wanters: list[list[int]] = [[] for _ in range(n)]
        for p, wanted in enumerate(problem.wants):
            for i in wanted:
                self.wanters[i].append(p)
        self.mask: list[int] = [sum(1 << p for p in people) for people in self.wanters]
        self.n_people = len(problem.wants)
        self.depth = max(2, max((len(wanted) for wanted in problem.wants), default=0))
        self.levels: list[list[int]] = [[0] * self.depth for _ in all_units]
        self.assignment: Assignment = [None] * n
        self.occupant: list[int | None] = [None] * len(problem.slots)
        self.busy: list[list[int]] = [[0] * n_busy for _ in names]
        # One room per block and contributor: per contributor, per block, the rooms they are in (with counts).
        self.one_room = problem.contributors_one_room_per_block
        self.block: list[int] = [k.block for k in problem.slots]
        self.where: list[dict[int, dict[int, int]]] = [{} for _ in names]
        # Where slots of one room overlap in time (CoSPLib's rooms, say), the room is busy like a contributor.
        by_room: dict[int, set[int]] = {}
        self.overlapping = False
        for slot, slot_units in enumerate(self.units):
            seen = by_room.setdefault(self.room[slot], set())
            if seen & set(slot_units):
                self.overlapping = True
            seen.update(slot_units)
        self.room_busy: list[list[int]] = (
            [[0] * len(all_units) for _ in problem.rooms] if self.overlapping else []
        )
        self.tracks: list[dict[str, int]] = [{} for _ in room_blocks]
        had_slot = sum(1 for k in self.previous if k is not None)
        self.parts = [0, 0, 0, had_slot, n]
        self.total = self.w[3] * had_slot + self.w[4] * n
        self._pending: tuple[list[tuple[int, int | None, int | None]], tuple[int, int, int, int, int]] | None
        self._pending = None
        self._undo: list[tuple[int, int | None]] = []
        for i, k in enumerate(assignment):
            if k is not None:
                if self.occupant[k] is not None:
                    raise ValueError(f"slot {k} is used twice")
                if self.relocate(i, k) is None:
                    raise ValueError(f"session {i} puts a contributor or a room in two places at once")
                self.commit()

    # --- the cost of one session in one slot, for the parts that do not depend on the others

    def _overflow(self, i: int, k: int | None) -> int:
        return 0 if k is None else max(0, self.audience[i] - self.capacity[k])

    def _moved(self, i: int, k: int | None) -> int:
        p = self.previous[i]
        return 1 if p is not None and p != k else 0

    # --- moves

    def relocate(self, i: int, to: int | None) -> int | None:
        """Score change of moving session i to the free slot ``to`` (``None``: unplace it)."""
        a = self.assignment[i]
        if to is not None:
            if self.contributors[i]:
                old = self.cunits[a] if a is not None else ()
                busy = self.busy
                for c in self.contributors[i]:
                    row = busy[c]
                    for u in self.cunits[to]:
                        if row[u] and u not in old:
                            return None
                if self.one_room and not self._one_room_free(i, a, to):
                    return None
            if self.overlapping:
                old = self.units[a] if a is not None else ()
                new = self.units[to]
                row = self.room_busy[self.room[to]]
                same_room = a is not None and self.room[a] == self.room[to]
                for u in new:
                    if row[u] and not (same_room and u in old):
                        return None
        d_clash = self._move_clash(self.mask[i], a, to)
        d_over = self._overflow(i, to) - self._overflow(i, a)
        d_move = self._moved(i, to) - self._moved(i, a)
        d_unplaced = (to is None) - (a is None)
        d_scatter = 0
        rb_a = self.rb[a] if a is not None else -1
        rb_b = self.rb[to] if to is not None else -1
        if rb_a != rb_b:
            t = self.track[i]
            if rb_a >= 0:
                current = self.tracks[rb_a]
                if current[t] == 1 and len(current) >= 2:
                    d_scatter -= 1
            if rb_b >= 0:
                current = self.tracks[rb_b]
                if t not in current and current:
                    d_scatter += 1
        self._pending = ([(i, a, to)], (d_clash, d_over, d_scatter, d_move, d_unplaced))
        w = self.w
        return w[0] * d_clash + w[1] * d_over + w[2] * d_scatter + w[3] * d_move + w[4] * d_unplaced

    def swap(self, i: int, j: int) -> int | None:
        """Score change of exchanging the slots of sessions i and j."""
        a, b = self.assignment[i], self.assignment[j]
        moves = [(i, a, b), (j, b, a)]
        ci, cj = self.contributors[i], self.contributors[j]
        if a is None or b is None or self.overlapping or self.one_room or (ci and cj and set(ci) & set(cj)):
            return self._evaluate(moves)
        units_a = self.units[a]
        units_b = self.units[b]
        if ci or cj:
            cunits_a, cunits_b = self.cunits[a], self.cunits[b]
            busy = self.busy
            for c in ci:
                row = busy[c]
                for u in cunits_b:
                    if row[u] and u not in cunits_a:
                        return None
            for c in cj:
                row = busy[c]
                for u in cunits_a:
                    if row[u] and u not in cunits_b:
                        return None
        # Someone who wants both keeps the same count in every unit: a swap leaves their clashes alone.
        mi, mj = self.mask[i], self.mask[j]
        common = mi & mj
        if common:
            mi ^= common
            mj ^= common
        levels = self.levels
        d_clash = 0
        for u in units_a:
            if u not in units_b:
                lv = levels[u]
                d_clash += (mj & lv[0]).bit_count() - (mi & lv[1]).bit_count()
        for u in units_b:
            if u not in units_a:
                lv = levels[u]
                d_clash += (mi & lv[0]).bit_count() - (mj & lv[1]).bit_count()
        audience, capacity = self.audience, self.capacity
        ai, aj, ca, cb = audience[i], audience[j], capacity[a], capacity[b]
        d_over = (
            (ai - cb if ai > cb else 0)
            - (ai - ca if ai > ca else 0)
            + (aj - ca if aj > ca else 0)
            - (aj - cb if aj > cb else 0)
        )
        d_move = 0
        previous = self.previous
        pi, pj = previous[i], previous[j]
        if pi is not None:
            d_move += (pi != b) - (pi != a)
        if pj is not None:
            d_move += (pj != a) - (pj != b)
        d_scatter = 0
        ti, tj = self.track[i], self.track[j]
        rb_a, rb_b = self.rb[a], self.rb[b]
        if ti != tj and rb_a != rb_b:
            # In each room block one session of a track leaves and one of another track comes.
            there = self.tracks[rb_a]
            d_scatter = (tj not in there) - (there[ti] == 1)
            there = self.tracks[rb_b]
            d_scatter += (ti not in there) - (there[tj] == 1)
        self._pending = (moves, (d_clash, d_over, d_scatter, d_move, 0))
        w = self.w
        return w[0] * d_clash + w[1] * d_over + w[2] * d_scatter + w[3] * d_move

    def _evaluate(self, moves: list[tuple[int, int | None, int | None]]) -> int | None:
        if not self._contributors_free(moves):
            return None
        if self.overlapping and not self._rooms_free(moves):
            return None
        d_clash = self._clash_delta(moves)
        d_over = d_move = d_unplaced = 0
        for i, a, b in moves:
            d_over += self._overflow(i, b) - self._overflow(i, a)
            d_move += self._moved(i, b) - self._moved(i, a)
            d_unplaced += (b is None) - (a is None)
        d_scatter = self._scatter_delta(moves)
        parts = (d_clash, d_over, d_scatter, d_move, d_unplaced)
        self._pending = (moves, parts)
        w = self.w
        return w[0] * d_clash + w[1] * d_over + w[2] * d_scatter + w[3] * d_move + w[4] * d_unplaced

    def _contributors_free(self, moves: list[tuple[int, int | None, int | None]]) -> bool:
        change: dict[tuple[int, int], int] = {}
        for i, a, b in moves:
            for c in self.contributors[i]:
                if a is not None:
                    for u in self.cunits[a]:
                        change[(c, u)] = change.get((c, u), 0) - 1
                if b is not None:
                    for u in self.cunits[b]:
                        change[(c, u)] = change.get((c, u), 0) + 1
        busy = self.busy
        if not all(ch <= 0 or busy[c][u] + ch <= 1 for (c, u), ch in change.items()):
            return False
        if not self.one_room:
            return True
        rooms: dict[tuple[int, int], dict[int, int]] = {}
        for i, a, b in moves:
            for c in self.contributors[i]:
                for k, step in ((a, -1), (b, 1)):
                    if k is not None:
                        there = rooms.setdefault((c, self.block[k]), {})
                        there[self.room[k]] = there.get(self.room[k], 0) + step
        for (c, block), there in rooms.items():
            now = self.where[c].get(block, {})
            after = {r for r in set(now) | set(there) if now.get(r, 0) + there.get(r, 0) > 0}
            if len(after) > 1:
                return False
        return True

    def _one_room_free(self, i: int, a: int | None, to: int) -> bool:
        """Whether session i's contributors are in no other room of ``to``'s block once i leaves slot a."""
        block, room = self.block[to], self.room[to]
        for c in self.contributors[i]:
            there = self.where[c].get(block)
            if not there:
                continue
            for r, n in there.items():
                if r == room:
                    continue
                if n == 1 and a is not None and self.block[a] == block and self.room[a] == r:
                    continue
                return False
        return True

    def _rooms_free(self, moves: list[tuple[int, int | None, int | None]]) -> bool:
        change: dict[tuple[int, int], int] = {}
        for _i, a, b in moves:
            if a is not None:
                for u in self.units[a]:
                    change[(self.room[a], u)] = change.get((self.room[a], u), 0) - 1
            if b is not None:
                for u in self.units[b]:
                    change[(self.room[b], u)] = change.get((self.room[b], u), 0) + 1
        busy = self.room_busy
        return all(ch <= 0 or busy[r][u] + ch <= 1 for (r, u), ch in change.items())

    def _clash_delta(self, moves: list[tuple[int, int | None, int | None]]) -> int:
        if len(moves) == 1:
            i, a, b = moves[0]
            return self._move_clash(self.mask[i], a, b)
        (i, a, b), (j, _b, _a) = moves
        # Someone who wants both keeps the same count in every unit: a swap leaves their clashes alone.
        common = self.mask[i] & self.mask[j]
        return self._move_clash(self.mask[i] ^ common, a, b) + self._move_clash(self.mask[j] ^ common, b, a)

    def _move_clash(self, people: int, a: int | None, b: int | None) -> int:
        """Clash change for ``people`` (a bit set) whose wanted session moves from slot a to slot b."""
        if not people:
            return 0
        levels = self.levels
        old = self.units[a] if a is not None else ()
        new = self.units[b] if b is not None else ()
        delta = 0
        for u in old:
            # A person loses a clash where they had two or more wanted sessions running ...
            if u not in new:
                delta -= (people & levels[u][1]).bit_count()
        for u in new:
            # ... and gains one where they had one or more.
            if u not in old:
                delta += (people & levels[u][0]).bit_count()
        return delta

    def _scatter_delta(self, moves: list[tuple[int, int | None, int | None]]) -> int:
        if len(moves) == 2:
            (i, a, b), (j, _b, _a) = moves
            if self.track[i] == self.track[j]:
                return 0
            if a is not None and b is not None and self.rb[a] == self.rb[b]:
                return 0
        change: dict[int, dict[str, int]] = {}
        for i, a, b in moves:
            t = self.track[i]
            if a is not None:
                d = change.setdefault(self.rb[a], {})
                d[t] = d.get(t, 0) - 1
            if b is not None:
                d = change.setdefault(self.rb[b], {})
                d[t] = d.get(t, 0) + 1
        delta = 0
        for rb, d in change.items():
            current = self.tracks[rb]
            before = len(current)
            after = before
            for t, ch in d.items():
                if ch == 0:
                    continue
                had = current.get(t, 0)
                if had == 0 and had + ch > 0:
                    after += 1
                elif had > 0 and had + ch == 0:
                    after -= 1
            delta += max(0, after - 1) - max(0, before - 1)
        return delta

    def apply(self, moves: list[tuple[int, int | None]]) -> int | None:
        """Carry out several moves at once (session, new slot or ``None``) and return the score change.

        Unlike ``relocate`` and ``swap`` this changes the plan right away: ``undo`` brings it back. When the
        moves together would break a hard rule kept here (a contributor or a room in two places, a slot
        used twice), nothing changes and the result is ``None``.
        """
        before = self.total
        origin = [(i, self.assignment[i]) for i, _to in moves]
        for i, _to in moves:
            if self.assignment[i] is not None:
                self.relocate(i, None)
                self.commit()
        placed: list[int] = []
        for i, to in moves:
            if to is not None:
                if self.occupant[to] is not None or self.relocate(i, to) is None:
                    for x in placed:
                        self.relocate(x, None)
                        self.commit()
                    self._place_back(origin)
                    return None
                self.commit()
                placed.append(i)
        self._undo = origin
        return self.total - before

    def undo(self) -> None:
        """Bring back the plan from before the last ``apply``."""
        origin = self._undo
        self._undo = []
        for i, _k in origin:
            if self.assignment[i] is not None:
                self.relocate(i, None)
                self.commit()
        self._place_back(origin)

    def _place_back(self, origin: list[tuple[int, int | None]]) -> None:
        for i, k in origin:
            if k is not None:
                if self.relocate(i, k) is None:
                    raise RuntimeError("the plan before the moves is not feasible")
                self.commit()

    def pending_moves(self) -> int:
        """The change in the number of sessions away from their previous slot the last evaluated move makes."""
        return self._pending[1][3] if self._pending is not None else 0

    def commit(self) -> None:
        """Carry out the move last evaluated."""
        if self._pending is None:
            raise RuntimeError("no move to commit")
        moves, parts = self._pending
        self._pending = None
        for i, a, _b in moves:
            if a is not None:
                self._take_out(i, a)
        for i, _a, b in moves:
            if b is not None:
                self._put_in(i, b)
            self.assignment[i] = b
        for x, d in enumerate(parts):
            self.parts[x] += d
            self.total += self.w[x] * d

    def _take_out(self, i: int, k: int) -> None:
        if self.occupant[k] == i:
            self.occupant[k] = None
        m = self.mask[i]
        keep = ~m
        top = self.depth - 1
        for u in self.units[k]:
            lv = self.levels[u]
            # A person of m had more than c+1 there before iff they have more than c now.
            for c in range(top):
                lv[c] = (lv[c] & keep) | (lv[c + 1] & m)
            lv[top] &= keep
            if self.overlapping:
                self.room_busy[self.room[k]][u] -= 1
        for c in self.contributors[i]:
            for u in self.cunits[k]:
                self.busy[c][u] -= 1
            if self.one_room:
                there = self.where[c][self.block[k]]
                there[self.room[k]] -= 1
                if there[self.room[k]] == 0:
                    del there[self.room[k]]
        tracks = self.tracks[self.rb[k]]
        t = self.track[i]
        tracks[t] -= 1
        if tracks[t] == 0:
            del tracks[t]

    def _put_in(self, i: int, k: int) -> None:
        self.occupant[k] = i
        m = self.mask[i]
        for u in self.units[k]:
            lv = self.levels[u]
            for c in range(self.depth - 1, 0, -1):
                lv[c] |= lv[c - 1] & m
            lv[0] |= m
            if self.overlapping:
                self.room_busy[self.room[k]][u] += 1
        for c in self.contributors[i]:
            for u in self.cunits[k]:
                self.busy[c][u] += 1
            if self.one_room:
                there = self.where[c].setdefault(self.block[k], {})
                there[self.room[k]] = there.get(self.room[k], 0) + 1
        tracks = self.tracks[self.rb[k]]
        t = self.track[i]
        tracks[t] = tracks.get(t, 0) + 1

    def breakdown(self) -> Breakdown:
        """The current costs, kept up to date move by move."""
        c, o, s, m, u = self.parts
        return Breakdown(c, o, s, m, u, self.total)
