"""The evaluation survey after Grønn Praksis 22, with answers from its checked-in participants.

Sources and assumptions: the questions, answers and free text in `data/survey.toml` are written for
the demo (no survey results from the real event are used). Everything goes through the surveys app's
services: the survey is made, sent (invitations and outbox mails to the demo's @example.no addresses)
and answered. Idempotent: nothing is done when the edition has a survey already.
"""

import datetime
from typing import Any

from gronnpraksis.editions.models import Edition
from gronnpraksis.surveys import services
from gronnpraksis.surveys.models import Invitation, Survey

from .loaders import load


def _choices(spec: dict[str, Any]) -> str:
    return "\n".join(spec.get("choices", []))


def _answers(survey: Survey, spec: dict[str, Any]) -> dict[int, services.AnswerValue]:
    """The answer of one participant, in the order of the questions: the scales first, then the choices
    (a list per choice question, one item for a single choice), then the text."""
    scales, chosen = iter(spec["scales"]), iter(spec["chosen"])
    answers: dict[int, services.AnswerValue] = {}
    for question in survey.questions.all():
        if question.kind == "scale":
            answers[question.pk] = next(scales)
        elif question.kind == "single":
            answers[question.pk] = next(chosen)[0]
        elif question.kind == "multiple":
            answers[question.pk] = list(next(chosen))
        else:
            answers[question.pk] = spec["text"]
    return answers


def seed_survey(edition: Edition) -> Survey:
    """The survey of `edition` (the one named in the data file), sent and answered; idempotent."""
    data = load("survey")
    existing = Survey.objects.filter(edition=edition).first()
    if existing is not None:
        return existing
    closes_at: datetime.datetime = data["survey"]["closes_at"]
    survey = services.create_survey(
        edition=edition, title=data["survey"]["title"], intro=data["survey"]["intro"], closes_at=closes_at
    )
    for spec in data["questions"]:
        services.add_question(
            survey=survey,
            kind=spec["kind"],
            text=spec["text"],
            low_label=spec.get("low_label", ""),
            high_label=spec.get("high_label", ""),
            choices=_choices(spec),
            required=spec.get("required", False),
        )
    services.send_survey(survey=survey)
    invitations = {
        i.registration.email: i
        for i in Invitation.objects.filter(survey=survey).select_related("survey", "registration")
        if i.registration
    }
    for spec in data["answers"]:
        invitation = invitations.get(spec["email"])
        if invitation is not None:
            services.submit_response(
                invitation=invitation, answers=_answers(survey, spec), may_be_named=spec["named"]
            )
    return survey
