"""A survey world for the tests: an edition, three participants who checked in and one who did not,
and a survey with one question of each kind."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration
from gronnpraksis.surveys import services
from gronnpraksis.surveys.models import QuestionKind, Survey
from tests.factories import register_person


def check_in(registration: Registration) -> Registration:
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now())
    registration.refresh_from_db()
    return registration


def people(edition: Edition) -> SimpleNamespace:
    return SimpleNamespace(
        kari=check_in(register_person(edition, name="Kari Nordmann", email="kari@example.no")),
        ola=check_in(register_person(edition, name="Ola Hansen", email="ola@example.no")),
        siri=check_in(register_person(edition, name="Siri Berg", email="siri@example.no")),
        absent=register_person(edition, name="Per Borte", email="per@example.no"),
    )


def make_survey(edition: Edition, *, closes_in_days: int = 30) -> Survey:
    survey = services.create_survey(
        edition=edition,
        title="Hva syntes du?",
        intro="Svarene brukes til å gjøre neste år bedre.",
        closes_at=timezone.now() + datetime.timedelta(days=closes_in_days),
    )
    services.add_question(
        survey=survey,
        kind=QuestionKind.SCALE,
        text="Hvor nyttig var dagen?",
        low_label="Lite nyttig",
        high_label="Svært nyttig",
        required=True,
    )
    services.add_question(
        survey=survey, kind=QuestionKind.SINGLE, text="Kommer du igjen?", choices="Ja\nNei\nVet ikke"
    )
    services.add_question(
        survey=survey, kind=QuestionKind.MULTIPLE, text="Hva var best?", choices="Foredrag\nVerksteder\nMat"
    )
    services.add_question(survey=survey, kind=QuestionKind.TEXT, text="Hva kan bli bedre?")
    return survey
