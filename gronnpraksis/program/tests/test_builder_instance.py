"""The builder reads the shared benchmark format and writes plans the benchmark's evaluator reads."""

from __future__ import annotations

from gronnpraksis.program.builder.instance import BENCHMARK_WEIGHTS, plan_to_json, problem_from_instance
from gronnpraksis.program.builder.score import score, violations
from gronnpraksis.program.builder.search import Options, plan

# A tiny instance in the format of scheduling-data/synthetic (see its README): two rooms, one block of three
# half-hour units, four sessions, three attendees.
INSTANCE = {
    "meta": {
        "days": 1,
        "blocks_per_day": 1,
        "n_units": 3,
        "rooms": [
            {"id": 0, "name": "Hall", "capacity": 50, "features": ["stream"]},
            {"id": 1, "name": "Lab", "capacity": 10, "features": ["workshop"]},
        ],
    },
    "slots": [
        {
            "id": 0,
            "room": 0,
            "block": 0,
            "day": 0,
            "units": [0],
            "duration": 30,
            "capacity": 50,
            "features": ["stream"],
        },
        {
            "id": 1,
            "room": 0,
            "block": 0,
            "day": 0,
            "units": [1],
            "duration": 30,
            "capacity": 50,
            "features": ["stream"],
        },
        {
            "id": 2,
            "room": 0,
            "block": 0,
            "day": 0,
            "units": [2],
            "duration": 30,
            "capacity": 50,
            "features": ["stream"],
        },
        {
            "id": 3,
            "room": 1,
            "block": 0,
            "day": 0,
            "units": [0, 1, 2],
            "duration": 90,
            "capacity": 10,
            "features": ["workshop"],
        },
    ],
    "sessions": [
        {
            "id": 0,
            "format": "talk",
            "duration": 30,
            "track": 0,
            "requires": ["stream"],
            "speakers": ["spk0"],
            "marks": 2,
            "demand": 40,
        },
        {
            "id": 1,
            "format": "talk",
            "duration": 30,
            "track": 0,
            "requires": [],
            "speakers": ["spk1"],
            "marks": 2,
            "demand": 30,
        },
        {
            "id": 2,
            "format": "talk",
            "duration": 30,
            "track": 1,
            "requires": [],
            "speakers": ["spk0"],
            "marks": 1,
            "demand": 5,
            "allowed_blocks": [0],
        },
        {
            "id": 3,
            "format": "workshop",
            "duration": 90,
            "track": 1,
            "requires": ["workshop"],
            "speakers": ["spk2"],
            "marks": 2,
            "demand": 20,
        },
    ],
    "attendees": [[0, 1], [0, 3], [1, 3, 2]],
}


def test_instance_becomes_a_problem():
    problem = problem_from_instance(INSTANCE)
    assert problem.weights == BENCHMARK_WEIGHTS
    assert [len(d) for d in problem.domains()] == [3, 4, 4, 1]
    assert problem.sessions[2].allowed_blocks == frozenset({0})
    assert problem.sessions[0].contributors == problem.sessions[2].contributors == frozenset({"spk0"})
    assert problem.wants[2] == frozenset({1, 2, 3})


def test_plan_is_written_in_the_benchmark_format():
    problem = problem_from_instance(INSTANCE)
    result = plan(problem, Options(seconds=60.0, iterations=500, seed=0))
    assert violations(problem, result.assignment) == []
    written = plan_to_json(problem, result.assignment)
    assert sorted(written["assignment"]) == ["0", "1", "2", "3"]
    assert written["assignment"]["3"] == 3
    # The workshop overflows its lab by 10 whatever happens, and each attendee of it misses one unit of
    # every other session they want: 1 for the second attendee, 2 for the third.
    assert result.score == score(problem, result.assignment)
    assert (result.score.overflow, result.score.clash) == (10, 3)
