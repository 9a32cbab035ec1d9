"""CoSPLib (the Conference Scheduling Problem Library) read into the builder's model, and its rules checked.

CoSPLib (Kheiri, Pylyavskyy, Jacko; MIT licence) describes a conference as *sessions* (time blocks of a
number of time slots, e.g. "Mon1" with 4), rooms, tracks and *submissions* (talks needing 1 or more
consecutive time slots, with presenters, a track and penalty columns per session and room). ``load``
takes an instance as JSON (every sheet of the original workbook as a list of row dicts, as in
``scheduling-data/cosplib/json``) and builds a ``Problem``:

- a CoSPLib session is a block, each of its time slots a time unit; every room offers, per session, a slot
  for every start and every length a submission needs; slots of one room overlap, and the room rule
  (``State`` and ``score.violations``) keeps a room to one submission per time slot;
- a submission is a ``Session`` of its length, needing a slot of exactly that length, with its presenters as
  contributors and its track as track (scatter: tracks per room and session);
- a penalty of 10,000 or more forbids: a track in a session or a submission in a session (allowed blocks),
  a track in a room (rooms get the feature ``track:<name>`` for every track they may hold), a room in a
  session (no slots there);
- a presenter may give several submissions in one session only in one room (one after another there),
  never in two rooms of the same session (``Problem.contributors_one_room_per_block``);
- attendees (the ``Attendees`` column) become wants, so attendee conflicts are clashes.

``check`` lists breaches of CoSPLib's hard rules in a plan (every submission scheduled, a room's time slots
within its session, presenters not in two rooms in one session); ``penalties`` adds up its penalty tables
for the plan. CoSPLib's full objective (similar, parallel and consecutive tracks, submission order) is not
reproduced here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .problem import Assignment, Problem, Room, Session, Slot, Weights

FORBIDDEN = 10_000
COSPLIB_WEIGHTS = Weights(clash=1, overflow=0, scatter=20, move=5, unplaced=1_000_000)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a slot is in CoSPLib's terms: session, room, first time slot, number of time slots."""

    session: int
    room: int
    first: int
    length: int


@dataclass(slots=True)
class Instance:
    """A CoSPLib instance as a problem, with what is needed to check a plan by CoSPLib's rules."""

    problem: Problem
    places: list[Place]
    session_names: list[str]
    room_names: list[str]
    presenters: list[frozenset[str]]
    tracks: list[str]
    weights: dict[str, float]
    track_session: dict[tuple[str, str], float]
    track_room: dict[tuple[str, str], float]
    session_room: dict[tuple[str, str], float]
    submission_session: list[dict[str, float]]
    submission_room: list[dict[str, float]]


@dataclass(frozen=True, slots=True)
class Penalties:
    """The plan's cost by CoSPLib's penalty tables, each times its weight from the parameters sheet."""

    track_session: float
    track_room: float
    session_room: float
    submission_session: float
    submission_room: float

    @property
    def total(self) -> int:
        return round(
            self.track_session
            + self.track_room
            + self.session_room
            + self.submission_session
            + self.submission_room
        )

    def __str__(self) -> str:
        return (
            f"tracks-sessions {self.track_session:g}, tracks-rooms {self.track_room:g}, "
            f"sessions-rooms {self.session_room:g}, submissions-sessions {self.submission_session:g}, "
            f"submissions-rooms {self.submission_room:g}"
        )


def _names(value: Any) -> frozenset[str]:
    if not value:
        return frozenset()
    return frozenset(part.strip() for part in str(value).split(",") if part.strip())


def _table(rows: list[dict[str, Any]]) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for row in rows:
        name = str(row.get("Unnamed: 0"))
        for column, value in row.items():
            if column != "Unnamed: 0" and value:
                out[(name, column)] = float(value)
    return out


def _weights(rows: list[dict[str, Any]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in rows:
        name = row.get("Weights")
        if name:
            out[str(name).rstrip(":")] = float(row.get("Unnamed: 4") or 0)
    return out


def load(data: dict[str, Any]) -> Instance:
    """Build the problem of one CoSPLib instance (its sheets as lists of row dicts)."""
    session_names = [str(row["Sessions"]) for row in data["sessions"]]
    sizes = [int(row["Max Number of Timeslots"]) for row in data["sessions"]]
    room_names = [str(row["Rooms"]) for row in data["rooms"]]
    track_session = _table(data["tracks_sessions|penalty"])
    track_room = _table(data["tracks_rooms|penalty"])
    session_room = _table(data["sessions_rooms|penalty"])
    submissions = data["submissions"]
    lengths = sorted({int(row["Required Timeslots"]) for row in submissions})
    track_names = sorted({str(row["Track"]) for row in submissions})
    rooms = [
        Room(
            key=name,
            capacity=1_000_000,
            features=frozenset(f"track:{t}" for t in track_names if track_room.get((t, name), 0) < FORBIDDEN),
        )
        for name in room_names
    ]
    slots: list[Slot] = []
    places: list[Place] = []
    offset = 0
    for s, (session, size) in enumerate(zip(session_names, sizes, strict=True)):
        for r, room in enumerate(room_names):
            if session_room.get((session, room), 0) >= FORBIDDEN:
                continue
            for length in lengths:
                for first in range(size - length + 1):
                    slots.append(
                        Slot(
                            key=f"{session}/{room}/{first}+{length}",
                            room=r,
                            block=s,
                            units=tuple(range(offset + first, offset + first + length)),
                            duration=length,
                            day=s,
                        )
                    )
                    places.append(Place(s, r, first, length))
        offset += size
    sessions: list[Session] = []
    presenters: list[frozenset[str]] = []
    wants: dict[str, set[int]] = {}
    submission_session: list[dict[str, float]] = []
    submission_room: list[dict[str, float]] = []
    for i, row in enumerate(submissions):
        track = str(row["Track"])
        per_session = {name: float(row[name]) for name in session_names if row.get(name)}
        per_room = {name: float(row[name]) for name in room_names if row.get(name)}
        submission_session.append(per_session)
        submission_room.append(per_room)
        allowed = frozenset(
            s
            for s, name in enumerate(session_names)
            if track_session.get((track, name), 0) < FORBIDDEN and per_session.get(name, 0) < FORBIDDEN
        )
        people = _names(row.get("Presenters"))
        presenters.append(people)
        for person in _names(row.get("Attendees")):
            wants.setdefault(person, set()).add(i)
        needs_track = any(track_room.get((track, name), 0) >= FORBIDDEN for name in room_names)
        sessions.append(
            Session(
                key=str(row["Reference"]),
                duration=int(row["Required Timeslots"]),
                track=track,
                needs=frozenset({f"track:{track}"}) if needs_track else frozenset(),
                contributors=people,
                allowed_blocks=allowed if len(allowed) < len(session_names) else None,
                exact_duration=True,
                title=track,
            )
        )
    problem = Problem(
        rooms=rooms,
        slots=slots,
        sessions=sessions,
        wants=[frozenset(wanted) for _person, wanted in sorted(wants.items())],
        weights=COSPLIB_WEIGHTS,
        contributors_one_room_per_block=True,
    )
    problem.validate()
    return Instance(
        problem=problem,
        places=places,
        session_names=session_names,
        room_names=room_names,
        presenters=presenters,
        tracks=[s.track for s in sessions],
        weights=_weights(data.get("parameters", [])),
        track_session=track_session,
        track_room=track_room,
        session_room=session_room,
        submission_session=submission_session,
        submission_room=submission_room,
    )


def check(instance: Instance, assignment: Assignment) -> list[str]:
    """Breaches of CoSPLib's hard rules: a submission not scheduled, a room used twice in a time slot or
    past its session's time slots, a presenter in two rooms within one session."""
    found: list[str] = []
    problem = instance.problem
    used: dict[tuple[int, int, int], int] = {}
    in_session: dict[tuple[str, int], set[int]] = {}
    for i, k in enumerate(assignment):
        key = problem.sessions[i].key
        if k is None:
            found.append(f"submission {key} is not scheduled")
            continue
        place = instance.places[k]
        if place.length != problem.sessions[i].duration:
            found.append(
                f"submission {key} has {place.length} time slots, not {problem.sessions[i].duration}"
            )
        for t in range(place.first, place.first + place.length):
            other = used.setdefault((place.session, place.room, t), i)
            if other != i:
                found.append(f"{key} and {problem.sessions[other].key} share a time slot and room")
        for person in instance.presenters[i]:
            in_session.setdefault((person, place.session), set()).add(place.room)
    for (person, s), rooms in in_session.items():
        if len(rooms) > 1:
            found.append(f"{person} presents in {len(rooms)} rooms in session {instance.session_names[s]}")
    return found


def penalties(instance: Instance, assignment: Assignment) -> Penalties:
    """The plan's cost by the penalty tables (per track and session, track and room, session and room used,
    and per submission in its session and room), each times its weight."""
    w = instance.weights
    track_sessions: set[tuple[str, str]] = set()
    track_rooms: set[tuple[str, str]] = set()
    session_rooms: set[tuple[str, str]] = set()
    per_session = per_room = 0.0
    for i, k in enumerate(assignment):
        if k is None:
            continue
        place = instance.places[k]
        session, room = instance.session_names[place.session], instance.room_names[place.room]
        track = instance.tracks[i]
        track_sessions.add((track, session))
        track_rooms.add((track, room))
        session_rooms.add((session, room))
        per_session += instance.submission_session[i].get(session, 0.0)
        per_room += instance.submission_room[i].get(room, 0.0)
    return Penalties(
        track_session=w.get("Tracks_Sessions|Penalty", 0)
        * sum(instance.track_session.get(x, 0) for x in track_sessions),
        track_room=w.get("Tracks_Rooms|Penalty", 0) * sum(instance.track_room.get(x, 0) for x in track_rooms),
        session_room=w.get("Sessions_Rooms|Penalty", 0)
        * sum(instance.session_room.get(x, 0) for x in session_rooms),
        submission_session=w.get("Submissions_Sessions|Penalty", 0) * per_session,
        submission_room=w.get("Submissions_Rooms|Penalty", 0) * per_room,
    )
