"""``manage.py plan_program``: a benchmark instance in, a plan the benchmark's evaluation accepts out.

The test has no database access (pytest-django refuses it without the ``db`` mark), so the command is shown
to run with no database content and no migrations applied.
"""

from __future__ import annotations

import json
import random
from io import StringIO
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command


def small_instance(seed: int) -> dict[str, Any]:
    """A small instance in the shared synthetic format: 4 rooms, 1 day of 3 blocks of three units."""
    rng = random.Random(seed)
    rooms: list[dict[str, Any]] = [
        {"id": 0, "capacity": 120, "features": ["stream"]},
        {"id": 1, "capacity": 60, "features": []},
        {"id": 2, "capacity": 40, "features": []},
        {"id": 3, "capacity": 20, "features": ["workshop"]},
    ]
    shapes = {0: [(0, 1), (1, 1), (2, 1)], 1: [(0, 1), (1, 1), (2, 1)], 2: [(0, 2), (2, 1)], 3: [(0, 3)]}
    slots: list[dict[str, Any]] = []
    for room in rooms:
        for block in range(3):
            for offset, length in shapes[room["id"]]:
                start = block * 3 + offset
                slots.append(
                    {
                        "id": len(slots),
                        "room": room["id"],
                        "block": block,
                        "day": 0,
                        "units": list(range(start, start + length)),
                        "duration": 30 * length,
                        "capacity": room["capacity"],
                        "features": room["features"],
                    }
                )
    formats = [("talk", 30)] * 14 + [("debate", 60)] * 3 + [("workshop", 90)] * 2
    sessions = []
    for sid, (name, duration) in enumerate(formats):
        session: dict[str, Any] = {
            "id": sid,
            "format": name,
            "duration": duration,
            "track": rng.randrange(3),
            "requires": ["workshop"] if name == "workshop" else (["stream"] if sid == 0 else []),
            "speakers": [f"p{sid}"] + (["p0"] if sid == 5 else []),
            "demand": rng.randint(5, 150),
        }
        if sid == 7:
            session["allowed_blocks"] = [1, 2]
        sessions.append(session)
    attendees = [sorted(rng.sample(range(len(sessions)), 4)) for _ in range(60)]
    meta = {"days": 1, "blocks_per_day": 3, "n_units": 9, "rooms": rooms}
    return {"meta": meta, "slots": slots, "sessions": sessions, "attendees": attendees}


def evaluate(inst: dict[str, Any], plan: dict[str, int]) -> tuple[list[str], int]:
    """The benchmark's evaluation as its README states it: hard breaches and the objective."""
    slots, sessions = inst["slots"], inst["sessions"]
    n_blocks = inst["meta"]["days"] * inst["meta"]["blocks_per_day"]
    assign = [plan.get(str(s["id"])) for s in sessions]
    hard = []
    used: set[int] = set()
    for s, k in zip(sessions, assign, strict=True):
        if k is None:
            hard.append(f"{s['id']} not placed")
            continue
        slot = slots[k]
        if k in used:
            hard.append(f"slot {k} twice")
        used.add(k)
        if slot["duration"] < s["duration"] or not set(s["requires"]) <= set(slot["features"]):
            hard.append(f"{s['id']} does not fit {k}")
        if slot["block"] not in s.get("allowed_blocks", range(n_blocks)):
            hard.append(f"{s['id']} outside its blocks")
    for i, j in combinations(range(len(sessions)), 2):
        shared = set(sessions[i]["speakers"]) & set(sessions[j]["speakers"])
        a, b = assign[i], assign[j]
        if shared and a is not None and b is not None and set(slots[a]["units"]) & set(slots[b]["units"]):
            hard.append(f"speaker in {i} and {j} at once")
    conflicts = 0
    for wanted in inst["attendees"]:
        count: dict[int, int] = {}
        for sid in wanted:
            if assign[sid] is not None:
                for u in slots[assign[sid]]["units"]:
                    count[u] = count.get(u, 0) + 1
        conflicts += sum(c - 1 for c in count.values() if c > 1)
    overflow = sum(
        max(0, s["demand"] - slots[k]["capacity"])
        for s, k in zip(sessions, assign, strict=True)
        if k is not None
    )
    tracks: dict[tuple[int, int], set[int]] = {}
    for s, k in zip(sessions, assign, strict=True):
        if k is not None:
            tracks.setdefault((slots[k]["room"], slots[k]["block"]), set()).add(s["track"])
    return hard, conflicts + overflow + 20 * sum(len(t) - 1 for t in tracks.values())


def test_plan_program_writes_a_valid_plan(tmp_path: Path) -> None:
    inst = small_instance(3)
    instance, out = tmp_path / "instance.json", tmp_path / "plan.json"
    instance.write_text(json.dumps(inst))
    stdout = StringIO()
    call_command(
        "plan_program", instance=instance, out=out, seconds=60, iterations=5000, seed=2, stdout=stdout
    )
    plan = json.loads(out.read_text())["assignment"]
    hard, objective = evaluate(inst, plan)
    assert hard == []
    assert len(plan) == len(inst["sessions"])
    # The command reports the builder's own score, which is the benchmark's objective.
    assert f"objective {objective}:" in stdout.getvalue()


def test_plan_program_same_seed_same_plan(tmp_path: Path) -> None:
    instance = tmp_path / "instance.json"
    instance.write_text(json.dumps(small_instance(4)))
    plans = []
    for name in ("a.json", "b.json"):
        call_command(
            "plan_program",
            instance=instance,
            out=tmp_path / name,
            seconds=60,
            iterations=3000,
            seed=5,
            stdout=StringIO(),
        )
        plans.append((tmp_path / name).read_text())
    assert plans[0] == plans[1]


def test_plan_program_refuses_a_broken_instance(tmp_path: Path) -> None:
    instance = tmp_path / "instance.json"
    instance.write_text('{"meta": {}}')
    with pytest.raises(CommandError, match="cannot read the instance"):
        call_command("plan_program", instance=instance, out=tmp_path / "plan.json", stdout=StringIO())
    assert not (tmp_path / "plan.json").exists()
