"""The programme builder's planning core on the full-size synthetic instance (300 sessions, 10 rooms, 2 days,
1,500 attendees), scored by the instance's own evaluator.

    python bench/builder.py [--instance FILE.json] [--seconds 10] [--seeds 1 2 3] [--replan]

1. Reads the instance (default: ../shared/scheduling-data/synthetic/instance-seed7.json beside the
   repository) and its `evaluate.py` (the same folder).
2. Scores, with `evaluate.py`, three random plans that keep the hard rules, the greedy construction alone,
   and greedy + simulated annealing for --seconds CPU-seconds per seed.
3. With --replan: plans the instance without every 20th session (15), publishes that plan, adds the 15
   back (with their attendees' marks) and plans again with move penalties 2, 3, 5 and 10, and once from
   scratch; prints the objectives and how many published sessions moved.

Needs no database and no server; runs only in this process and the evaluator's.
"""

from __future__ import annotations

import argparse
import json
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
from gronnpraksis.program.builder.score import violations  # noqa: E402
from gronnpraksis.program.builder.search import Options, greedy, plan, random_plan  # noqa: E402

DEFAULT_INSTANCE = REPO.parent / "shared" / "scheduling-data" / "synthetic" / "instance-seed7.json"


def evaluate(instance: Path, problem: Problem, assignment: Assignment) -> dict[str, Any]:
    """Run the instance's own evaluator on a plan, as its README says."""
    evaluator = instance.parent / "evaluate.py"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(plan_to_json(problem, assignment), f)
        path = f.name
    try:
        done = subprocess.run(
            [sys.executable, str(evaluator), str(instance), path], capture_output=True, text=True, check=False
        )
    finally:
        Path(path).unlink()
    metrics: dict[str, Any] = json.loads(done.stdout)
    return metrics


def line(label: str, metrics: dict[str, Any], extra: str = "") -> None:
    print(
        f"{label:<28} objective {metrics['objective']:>6}  conflicts {metrics['conflict_units']:>5}  "
        f"overflow {metrics['overflow']:>4}  tracks {metrics['track_extra']:>3}  "
        f"hard {metrics['hard_violations']}  {extra}",
        flush=True,
    )


def replan(data: dict[str, Any], seconds: float, seed: int, late: int = 15) -> None:
    """Publish a plan without ``late`` sessions (every 20th), add them back with their stars, plan again."""
    full = problem_from_instance(data)
    n = len(full.sessions)
    step = n // late
    late_ids = {i for i in range(n) if i % step == step - 1}
    early = [i for i in range(n) if i not in late_ids]
    position = {i: x for x, i in enumerate(early)}
    first_problem = Problem(
        rooms=full.rooms,
        slots=full.slots,
        sessions=[full.sessions[i] for i in early],
        wants=[frozenset(position[i] for i in wanted if i in position) for wanted in full.wants],
        weights=full.weights,
    )
    published = plan(first_problem, Options(seconds=seconds, seed=seed)).assignment
    previous: list[int | None] = [None] * n
    for x, i in enumerate(early):
        previous[i] = published[x]
    new_stars = sum(len(wanted & late_ids) for wanted in full.wants)
    print(f"re-plan: {len(late_ids)} late sessions with {new_stars} stars added to {len(early)} published")
    scratch = plan(full, Options(seconds=seconds, seed=seed))
    for move in (2, 3, 5, 10):
        again = replace(full, weights=replace(full.weights, move=move))
        again.previous = previous
        result = plan(again, Options(seconds=seconds, seed=seed))
        moved = sum(1 for i in early if result.assignment[i] != previous[i])
        assert not violations(again, result.assignment)
        objective = result.score.total - move * result.score.moves
        gap = 100.0 * (objective - scratch.score.total) / scratch.score.total
        print(
            f"re-plan, move penalty {move:>2}: objective {objective} ({gap:+.1f} % against from scratch "
            f"{scratch.score.total}), {moved} of {len(early)} published sessions moved, "
            f"{result.score.unplaced} unplaced",
            flush=True,
        )
    moved = sum(1 for i in early if scratch.assignment[i] != previous[i])
    print(f"from scratch: {moved} of {len(early)} published sessions moved")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--instance", type=Path, default=DEFAULT_INSTANCE)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--replan", action="store_true")
    args = parser.parse_args()
    if not args.instance.exists():
        print(f"no instance at {args.instance}: pass --instance FILE.json")
        return 0
    data = json.loads(args.instance.read_text())
    problem = problem_from_instance(data)
    print(
        f"{args.instance.name}: {len(problem.sessions)} sessions, {len(problem.slots)} slots, "
        f"{len(problem.rooms)} rooms, {len(problem.wants)} attendees"
    )
    failed = False
    for seed in args.seeds:
        line(
            f"random plan, seed {seed}",
            evaluate(args.instance, problem, random_plan(problem, seed).assignment),
        )
    started = time.process_time()
    state = greedy(problem)
    took = time.process_time() - started
    line("greedy alone", evaluate(args.instance, problem, state.assignment), f"{took:.2f} s")
    for seed in args.seeds:
        result = plan(problem, Options(seconds=args.seconds, seed=seed))
        metrics = evaluate(args.instance, problem, result.assignment)
        failed |= metrics["hard_violations"] > 0 or metrics["objective"] != result.score.total
        line(
            f"greedy + annealing, seed {seed}",
            metrics,
            f"{result.seconds:.1f} CPU-s, {result.iterations} moves tried "
            f"({result.iterations / max(result.seconds, 1e-9):,.0f}/s), {result.accepted} accepted",
        )
    if args.replan:
        replan(data, args.seconds, args.seeds[0])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
