"""The survey's results: counts per question as tables (drawn as bar charts by `audience.charts`), the
free-text answers (named only where the participant allowed it), the response rate, last year's
numbers for copied questions, and the CSV. A fixed number of queries whatever the number of answers.
"""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gronnpraksis.audience import charts
from gronnpraksis.audience.stats import Table
from gronnpraksis.core.spreadsheet import safe_cell

from .models import SCALE, Answer, Question, QuestionKind, Response, Survey


@dataclass
class TextAnswer:
    text: str
    name: str  # "" unless the participant allowed the name


@dataclass
class QuestionResult:
    question: Question
    answered: int
    table: Table | None = None  # counts per option (scale and choices)
    chart: SafeString | None = None
    average: float | None = None
    texts: list[TextAnswer] = field(default_factory=list)
    previous: "QuestionResult | None" = None


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    responses: int
    questions: list[QuestionResult]

    @property
    def rate(self) -> int:
        return round(100 * self.responses / self.invited) if self.invited else 0


def _options(question: Question) -> list[str]:
    if question.kind == QuestionKind.SCALE:
        ends = {1: question.low_label, 5: question.high_label}
        return [f"{n} ({ends[n]})" if ends.get(n) else str(n) for n in SCALE]
    return question.choice_list


def _answers(questions: list[Question]) -> dict[int, list[tuple[int | None, list, str, bool, str]]]:
    """Every answer to the questions, by question: (number, chosen, text, may be named, name). One query."""
    found: dict[int, list[tuple[int | None, list, str, bool, str]]] = defaultdict(list)
    rows = (
        Answer.objects.filter(question__in=questions)
        .values_list(
            "question_id",
            "number",
            "chosen",
            "text",
            "response__may_be_named",
            "response__invitation__registration__name",
        )
        .order_by("response__submitted_at", "id")
    )
    for question_id, number, chosen, text, named, name in rows:
        found[question_id].append((number, chosen or [], text, named, name or ""))
    return found


def _result(
    question: Question, answers: list[tuple[int | None, list, str, bool, str]], label: str
) -> QuestionResult:
    result = QuestionResult(question=question, answered=len(answers))
    if question.kind == QuestionKind.TEXT:
        result.texts = [
            TextAnswer(text=t, name=name if named else "") for _n, _c, t, named, name in answers if t
        ]
        return result
    options = _options(question)
    if question.kind == QuestionKind.SCALE:
        counts = Counter(n for n, _c, _t, _named, _name in answers if n is not None)
        numbers = [counts[n] for n in SCALE]
        total = sum(numbers)
        result.average = round(sum(n * counts[n] for n in SCALE) / total, 1) if total else None
    else:
        chosen_counts = Counter(str(c) for _n, chosen, _t, _named, _name in answers for c in chosen)
        numbers = [chosen_counts[o] for o in question.choice_list]
    result.table = Table(
        slug=f"q{question.pk}",
        title=f"{question.text} ({label})",
        columns=[_("Answer"), _("Number")],
        rows=[[o, n] for o, n in zip(options, numbers, strict=True)],
    )
    result.chart = charts.bars(result.table)
    return result


def survey_results(survey: Survey) -> SurveyResults:
    """Everything the results page shows: 5 queries."""
    questions = list(survey.questions.select_related("copied_from"))
    previous_questions = [q.copied_from for q in questions if q.copied_from is not None]
    answers = _answers(questions + previous_questions)
    this_year = survey.edition.name
    results = []
    for question in questions:
        result = _result(question, answers.get(question.pk, []), this_year)
        if question.copied_from is not None:
            source = question.copied_from
            result.previous = _result(source, answers.get(source.pk, []), _("last time"))
        results.append(result)
    return SurveyResults(
        survey=survey,
        invited=survey.invitations.count(),
        responses=Response.objects.filter(survey=survey).count(),
        questions=results,
    )


def results_csv(survey: Survey) -> bytes:
    """One row per response, one column per question; the name only where the participant allowed it.
    UTF-8 with a byte order mark and semicolons, as Norwegian spreadsheet programs expect."""
    questions = list(survey.questions.all())
    responses = list(
        Response.objects.filter(survey=survey)
        .select_related("invitation__registration")
        .prefetch_related("answers")
        .order_by("submitted_at", "id")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([safe_cell(c) for c in [_("Answered"), _("Name"), *(q.text for q in questions)]])
    for response in responses:
        by_question = {a.question_id: a for a in response.answers.all()}
        registration = response.invitation.registration if response.invitation else None
        name = registration.name if response.may_be_named and registration else ""
        cells: list[object] = [response.submitted_at.date(), name]
        for question in questions:
            answer = by_question.get(question.pk)
            if answer is None:
                cells.append("")
            elif question.kind == QuestionKind.SCALE:
                cells.append(answer.number if answer.number is not None else "")
            elif question.kind == QuestionKind.TEXT:
                cells.append(answer.text)
            else:
                cells.append(", ".join(answer.chosen))
        writer.writerow([safe_cell(c) for c in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass
class Summary:
    survey: Survey
    invited: int
    responses: int

    @property
    def rate(self) -> int:
        return round(100 * self.responses / self.invited) if self.invited else 0


def summary(edition_id: int) -> Summary | None:
    """The line on the back office's start page: is there a survey, and how many answered."""
    survey = Survey.objects.filter(edition_id=edition_id).first()
    if survey is None:
        return None
    return Summary(survey=survey, invited=survey.invitations.count(), responses=survey.responses.count())
