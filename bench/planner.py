"""The planner behind `manage.py plan_program` on the shared test sets, scored by their own rules.

    python bench/planner.py                                   # everything: synthetic 10 s and 60 s, re-plan, CoSPLib
    python bench/planner.py --parts synthetic --budgets 10    # one part, a shorter budget
    python bench/planner.py --parts cosplib --cosplib-seconds 5 --only N2OR GECCO20

Parts (all CPU seconds, `time.process_time`, so a busy machine gets through fewer moves, not more time):

- `synthetic`: `instance-seed7.json` (300 sessions, 322 slots, 1,500 attendees) planned for each of
  --budgets with each of --seeds; every plan scored by the instance's own `evaluate.py` in a subprocess.
- `replan`: plan the instance without every 20th session (15 late sessions), publish that plan, add the
  late sessions back with their attendees' marks plus 60 new stars on published sessions, and plan again
  with the published plan as the previous one; prints the objective without the move penalty, its gap to
  planning everything from scratch and how many published sessions moved.
- `cosplib`: each of the 16 CoSPLib instances through `builder.cosplib` within --cosplib-seconds; checks
  `score.violations`, CoSPLib's hard rules by the adapter (`cosplib.check`) and again on the raw
  instance by this script (`cosplib_breaches`, apart from the adapter), and prints the penalty tables' total.

Needs no database and no server. Reads ../shared/scheduling-data beside the repository by default.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gronnpraksis.program.builder.instance import plan_to_json, problem_from_instance  # noqa: E402
from gronnpraksis.program.builder.problem import Assignment, Problem  # noqa: E402
from gronnpraksis.program.builder.score import score, violations  # noqa: E402
from gronnpraksis.program.builder.search import Options, plan  # noqa: E402

# ../shared beside the repository (or beside the folder of worktrees the repository is in).
DATA = next(
    (
        up / "shared" / "scheduling-data"
        for up in REPO.parents
        if (up / "shared" / "scheduling-data").exists()
    ),
    REPO.parent / "shared" / "scheduling-data",
)
DEFAULT_INSTANCE = DATA / "synthetic" / "instance-seed7.json"
DEFAULT_COSPLIB = DATA / "cosplib" / "json"


def evaluate(instance: Path, problem: Problem, assignment: Assignment) -> dict[str, Any]:
    """Run the instance's own evaluator on a plan, as its README says."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(plan_to_json(problem, assignment), f)
        path = f.name
    try:
        done = subprocess.run(
            [sys.executable, str(instance.parent / "evaluate.py"), str(instance), path],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(path).unlink()
    metrics: dict[str, Any] = json.loads(done.stdout)
    return metrics


def synthetic(instance: Path, budgets: list[float], seeds: list[int]) -> bool:
    problem = problem_from_instance(json.loads(instance.read_text()))
    print(
        f"{instance.name}: {len(problem.sessions)} sessions, {len(problem.slots)} slots, {len(problem.wants)} attendees"
    )
    failed = False
    for seconds in budgets:
        for seed in seeds:
            result = plan(problem, Options(seconds=seconds, seed=seed))
            m = evaluate(instance, problem, result.assignment)
            failed |= m["hard_violations"] > 0 or m["objective"] != result.score.total
            print(
                f"{seconds:>4.0f} s, seed {seed}: objective {m['objective']:>5}  conflicts {m['conflict_units']:>4}  "
                f"overflow {m['overflow']:>4}  tracks {m['track_extra']:>2}  hard {m['hard_violations']}  "
                f"({result.iterations:,} moves, {result.iterations / max(result.seconds, 1e-9):,.0f}/s)",
                flush=True,
            )
    return failed


def late_scenario(
    data: dict[str, Any], *, late: int = 15, new_stars: int = 60
) -> tuple[Problem, Problem, list[int]]:
    """The instance without ``late`` sessions (every n-th), and the full instance with ``new_stars`` more
    stars on the other sessions (seeded); returns both and the positions of the early sessions."""
    full = problem_from_instance(data)
    n = len(full.sessions)
    step = n // late
    late_ids = {i for i in range(n) if i % step == step - 1}
    early = [i for i in range(n) if i not in late_ids]
    position = {i: x for x, i in enumerate(early)}
    first = Problem(
        rooms=full.rooms,
        slots=full.slots,
        sessions=[full.sessions[i] for i in early],
        wants=[frozenset(position[i] for i in wanted if i in position) for wanted in full.wants],
        weights=full.weights,
    )
    rng = random.Random(17)
    wants = list(full.wants)
    added = 0
    while added < new_stars:
        p, i = rng.randrange(len(wants)), rng.choice(early)
        if i not in wants[p]:
            wants[p] = wants[p] | {i}
            added += 1
    return first, replace(full, wants=wants), early


def replan(instance: Path, seconds: float, seeds: list[int]) -> bool:
    data = json.loads(instance.read_text())
    first, full, early = late_scenario(data)
    late = len(full.sessions) - len(early)
    print(
        f"re-plan: {len(early)} published sessions, {late} late ones and 60 new stars, {seconds:.0f} s each"
    )
    failed = False
    for seed in seeds:
        published = plan(first, Options(seconds=seconds, seed=seed)).assignment
        previous: list[int | None] = [None] * len(full.sessions)
        for x, i in enumerate(early):
            previous[i] = published[x]
        scratch = plan(full, Options(seconds=seconds, seed=seed))
        scratch_moved = sum(1 for i in early if scratch.assignment[i] != previous[i])
        print(f"seed {seed}: from scratch {scratch.score.total}, moves {scratch_moved} published sessions")
        budget = len(early) * 2 // 100
        for label, move, options in (
            ("move penalty 5", 5, Options(seconds=seconds, seed=seed)),
            (f"no penalty, budget {budget}", 0, Options(seconds=seconds, seed=seed, move_budget=budget)),
            (f"move penalty 5, budget {budget}", 5, Options(seconds=seconds, seed=seed, move_budget=budget)),
        ):
            again = replace(full, previous=previous, weights=replace(full.weights, move=move))
            result = plan(again, options)
            failed |= bool(violations(again, result.assignment))
            moved = sum(1 for i in early if result.assignment[i] != previous[i])
            objective = score(full, result.assignment).total
            gap = 100.0 * (objective - scratch.score.total) / scratch.score.total
            print(
                f"seed {seed}: re-plan, {label}: objective {objective} ({gap:+.1f} % against from scratch), "
                f"{moved} of {len(early)} published sessions moved ({100 * moved / len(early):.1f} %), "
                f"{result.score.unplaced} unplaced",
                flush=True,
            )
    return failed


def cosplib_breaches(data: dict[str, Any], placed: list[tuple[str, str, int, int] | None]) -> list[str]:
    """CoSPLib's hard rules checked on the raw instance, apart from the builder's adapter.

    ``placed`` is, per submission (in the order of the sheet), its session name, room name, first time slot
    and number of time slots, or ``None``. Rules: every submission scheduled, in exactly its required time
    slots, within its session's time slots; a room holds one submission per time slot; a presenter is never
    in two rooms of one session (several submissions in one room of a session are allowed); no penalty of
    10,000 or more (track-session, track-room, session-room, submission-session, submission-room).
    """

    def table(sheet: str) -> dict[tuple[str, str], float]:
        return {
            (str(row["Unnamed: 0"]), column): float(value)
            for row in data[sheet]
            for column, value in row.items()
            if column != "Unnamed: 0" and value
        }

    size = {str(row["Sessions"]): int(row["Max Number of Timeslots"]) for row in data["sessions"]}
    rooms = {str(row["Rooms"]) for row in data["rooms"]}
    ts, tr, sr = (
        table(x) for x in ("tracks_sessions|penalty", "tracks_rooms|penalty", "sessions_rooms|penalty")
    )
    found: list[str] = []
    used: dict[tuple[str, str, int], str] = {}
    presenting: dict[tuple[str, str], set[str]] = {}
    for row, where in zip(data["submissions"], placed, strict=True):
        ref, track = str(row["Reference"]), str(row["Track"])
        if where is None:
            found.append(f"{ref} not scheduled")
            continue
        session, room, first, length = where
        if session not in size or room not in rooms:
            found.append(f"{ref} in an unknown session or room")
            continue
        if length != int(row["Required Timeslots"]) or first < 0 or first + length > size[session]:
            found.append(f"{ref} takes time slots {first}..{first + length - 1} of {session}")
        for t in range(first, first + length):
            other = used.setdefault((session, room, t), ref)
            if other != ref:
                found.append(f"{ref} and {other} share {room} in {session}")
        for person in str(row.get("Presenters") or "").split(","):
            if person.strip():
                presenting.setdefault((person.strip(), session), set()).add(room)
        forbidden = [
            ts.get((track, session), 0),
            tr.get((track, room), 0),
            sr.get((session, room), 0),
            float(row.get(session) or 0),
            float(row.get(room) or 0),
        ]
        if max(forbidden) >= 10_000:
            found.append(f"{ref} in {session}/{room} has a forbidding penalty")
    for (person, session), where_ in presenting.items():
        if len(where_) > 1:
            found.append(f"{person} presents in {len(where_)} rooms in {session}")
    return found


def run_cosplib(folder: Path, seconds: float, only: list[str]) -> bool:
    from gronnpraksis.program.builder import cosplib

    failed = False
    paths = sorted(p for p in folder.glob("*.json") if not p.name.startswith("_"))
    for path in paths:
        if only and path.stem not in only:
            continue
        started = time.process_time()
        data = json.loads(path.read_text())
        instance = cosplib.load(data)
        result = plan(instance.problem, Options(seconds=seconds, seed=1))
        placed = [
            None
            if k is None
            else (
                instance.session_names[instance.places[k].session],
                instance.room_names[instance.places[k].room],
                instance.places[k].first,
                instance.places[k].length,
            )
            for k in result.assignment
        ]
        broken = (
            violations(instance.problem, result.assignment)
            + cosplib.check(instance, result.assignment)
            + cosplib_breaches(data, placed)
        )
        failed |= bool(broken)
        penalties = cosplib.penalties(instance, result.assignment)
        print(
            f"{path.stem:<16} {len(instance.problem.sessions):>5} submissions {len(instance.problem.slots):>6} slots: "
            f"hard {len(broken)}{' (' + broken[0] + ')' if broken else ''}, unplaced {result.score.unplaced}, "
            f"penalty tables {penalties.total:,} ({penalties}), attendee clashes {result.score.clash}, "
            f"{time.process_time() - started:.0f} CPU-s",
            flush=True,
        )
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=["synthetic", "replan", "cosplib"],
        default=["synthetic", "replan", "cosplib"],
    )
    parser.add_argument("--instance", type=Path, default=DEFAULT_INSTANCE)
    parser.add_argument("--budgets", type=float, nargs="+", default=[10.0, 60.0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--replan-seconds", type=float, default=10.0)
    parser.add_argument("--cosplib", type=Path, default=DEFAULT_COSPLIB)
    parser.add_argument("--cosplib-seconds", type=float, default=60.0)
    parser.add_argument("--only", nargs="*", default=[], help="CoSPLib instances by name (default: all)")
    args = parser.parse_args()
    failed = False
    if "synthetic" in args.parts or "replan" in args.parts:
        if not args.instance.exists():
            print(f"no instance at {args.instance}: pass --instance FILE.json")
        else:
            if "synthetic" in args.parts:
                failed |= synthetic(args.instance, args.budgets, args.seeds)
            if "replan" in args.parts:
                failed |= replan(args.instance, args.replan_seconds, args.seeds)
    if "cosplib" in args.parts:
        if not args.cosplib.exists():
            print(f"no CoSPLib at {args.cosplib}: pass --cosplib FOLDER")
        else:
            failed |= run_cosplib(args.cosplib, args.cosplib_seconds, args.only)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
