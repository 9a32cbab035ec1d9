"""The planning problem: rooms, slots, sessions, people's wants, weights and the previous plan.

Everything is referred to by position (``Problem.sessions[i]``, ``Problem.slots[k]``); ``key`` fields carry
the caller's own identifiers (a programme item's primary key, a slot's start and room) back out.
An assignment is a list with, per session, a slot index or ``None`` (unplaced).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Assignment = list[int | None]


@dataclass(frozen=True, slots=True)
class Room:
    """A room: how many it seats and what it has (``stream``, ``workshop``, ``step_free`` …)."""

    key: str
    capacity: int
    features: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in time in one room.

    ``units`` are the fine time units the slot covers (e.g. half-hours counted from the first morning);
    two slots that share a unit run at the same time. ``block`` is the room block the slot belongs to
    (e.g. one 90-minute block between breaks): themes are kept together within a room's block.
    ``day`` is informative (explanations).
    """

    key: str
    room: int
    block: int
    units: tuple[int, ...]
    duration: int
    day: int = 0


@dataclass(frozen=True, slots=True)
class Session:
    """One item to place.

    ``audience`` is the expected audience (stars × show-up factor, see ``expected_audience``).
    ``allowed_blocks`` is the contributors' availability (``None``: any block). ``pinned`` is the slot an
    organiser fixed it to: the builder never moves it. ``exact_duration``: only a slot of exactly its
    duration will do.
    """

    key: str
    duration: int
    track: str = ""
    needs: frozenset[str] = frozenset()
    contributors: frozenset[str] = frozenset()
    audience: int = 0
    allowed_blocks: frozenset[int] | None = None
    pinned: int | None = None
    title: str = ""
    # Only a slot of exactly its duration (CoSPLib: a submission fills its time slots, no more).
    exact_duration: bool = False


@dataclass(frozen=True, slots=True)
class Weights:
    """What each unit of each soft cost weighs (docs/builder.md has the reasons for the defaults)."""

    clash: int = 1
    overflow: int = 1
    scatter: int = 20
    move: int = 5
    unplaced: int = 100_000


@dataclass(slots=True)
class Problem:
    """A whole planning problem. ``wants[p]`` is the set of session indices person p starred.

    ``previous[i]`` is the slot session i had in the published (or working) plan, or ``None``; every
    session placed elsewhere costs ``weights.move``. ``contributors_per_block``: a contributor may not be
    in two slots of the same block, even at different times. ``contributors_one_room_per_block``: a
    contributor may be in several slots of one block (at different times) only when they are all in the
    same room.
    """

    rooms: list[Room]
    slots: list[Slot]
    sessions: list[Session]
    wants: list[frozenset[int]] = field(default_factory=list)
    weights: Weights = field(default_factory=Weights)
    previous: list[int | None] | None = None
    # A contributor is busy for the whole block of a slot they are in, not only its units (CoSPLib: a
    # presenter cannot be in two rooms within one session).
    contributors_per_block: bool = False
    # A contributor may hold several slots of a block only in one room (CoSPLib: a presenter with several
    # submissions gives them in a row in one room of a session, never in two rooms of the same session).
    contributors_one_room_per_block: bool = False

    def fits(self, session: int, slot: int) -> bool:
        """Whether a session may use a slot by the per-item hard rules (duration, needs, availability, pin).

        Whether the slot is free and the contributors are elsewhere depends on the rest of the plan.
        """
        s = self.sessions[session]
        k = self.slots[slot]
        if s.pinned is not None:
            return s.pinned == slot
        if k.duration < s.duration or (s.exact_duration and k.duration != s.duration):
            return False
        if not s.needs <= self.rooms[k.room].features:
            return False
        return s.allowed_blocks is None or k.block in s.allowed_blocks

    def domains(self) -> list[list[int]]:
        """The slots each session may use by the per-item hard rules."""
        return [[k for k in range(len(self.slots)) if self.fits(i, k)] for i in range(len(self.sessions))]

    def validate(self) -> None:
        """Raise ``ValueError`` on references out of range."""
        n_slots, n_sessions = len(self.slots), len(self.sessions)
        for k in self.slots:
            if not 0 <= k.room < len(self.rooms):
                raise ValueError(f"slot {k.key} refers to a missing room")
        for s in self.sessions:
            if s.pinned is not None and not 0 <= s.pinned < n_slots:
                raise ValueError(f"session {s.key} is pinned to a missing slot")
        for p, wanted in enumerate(self.wants):
            if any(not 0 <= i < n_sessions for i in wanted):
                raise ValueError(f"person {p} wants a missing session")
        if self.previous is not None and len(self.previous) != n_sessions:
            raise ValueError("previous plan has the wrong length")


def expected_audience(stars: int, show_up: float) -> int:
    """Expected audience of an item from its stars: stars × show-up factor, rounded."""
    return round(stars * show_up)


def audiences_from_wants(wants: Sequence[frozenset[int]], n_sessions: int, show_up: float) -> list[int]:
    """Expected audience of every session from people's stars."""
    stars = [0] * n_sessions
    for wanted in wants:
        for i in wanted:
            stars[i] += 1
    return [expected_audience(n, show_up) for n in stars]
