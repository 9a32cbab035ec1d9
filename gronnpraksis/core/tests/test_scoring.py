"""The shared scoring: the ranking's figures and order, and the check of the scores given."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import translation

from gronnpraksis.core import scoring


@dataclass(frozen=True)
class Row(scoring.Figures):
    title: str


def assessment(*values: int, submitted: bool = True, conflict: bool = False) -> SimpleNamespace:
    scores = [SimpleNamespace(value=v) for v in values]
    return SimpleNamespace(
        submitted_at="now" if submitted else None,
        conflict_of_interest=conflict,
        scores=SimpleNamespace(all=lambda: scores),
    )


def test_only_submitted_assessments_without_a_conflict_count() -> None:
    totals = scoring.submitted_totals(
        [assessment(3, 4), assessment(5, 5, submitted=False), assessment(conflict=True), assessment(1, 1)]
    )

    assert totals == [7, 2]


def test_figures_of_totals_and_of_none() -> None:
    assert scoring.figures([7, 2, 9]) == {
        "scored": 3,
        "mean": 6.0,
        "lowest": 2,
        "highest": 9,
        "stdev": 2.943920288775949,
    }
    assert scoring.figures([4])["stdev"] == 0.0
    assert scoring.figures([]) == {"scored": 0, "mean": None, "lowest": None, "highest": None, "stdev": None}
    assert Row(title="x", **scoring.figures([2, 9])).spread == 7


def test_rows_rank_by_mean_then_title_with_unscored_last() -> None:
    rows = [
        Row(title="b", **scoring.figures([])),
        Row(title="Beta", **scoring.figures([5])),
        Row(title="alfa", **scoring.figures([5])),
        Row(title="Gamma", **scoring.figures([9, 7])),
    ]

    assert [r.title for r in scoring.by_mean(rows, lambda r: r.title)] == ["Gamma", "alfa", "Beta", "b"]


def test_every_criterion_needs_a_score_from_1_to_its_highest() -> None:
    criteria = [
        SimpleNamespace(pk=1, name="Relevans", max_score=5),
        SimpleNamespace(pk=2, name="Mål", max_score=3),
    ]

    assert scoring.score_problem(criteria, {1: 5, 2: 1}) is None
    translation.activate("en")
    assert scoring.score_problem(criteria, {1: 5, 2: 4}) == "Give “Mål” a score from 1 to 3."
    assert scoring.score_problem(criteria, {1: 0, 2: 1}) == "Give “Relevans” a score from 1 to 5."
    assert scoring.score_problem(criteria, {1: 5}) == "Give “Mål” a score from 1 to 3."
    assert scoring.max_total(criteria) == 8
