"""The organisers' pages for the evaluation survey: compose it (or copy last year's), send it and one
reminder, and read the results beside last year's, with a CSV.

Organisers only (`team_view(organiser=True)`); everyone else gets what `team_view` gives. Questions can
be changed until the survey is sent; after that the forms are not shown and a POST changes nothing.
"""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from gronnpraksis.audience.stats import previous_edition
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from . import results, services
from .forms import QuestionForm, SurveyForm
from .models import Question, QuestionKind, Survey


def _survey(edition: Edition) -> Survey | None:
    return Survey.objects.filter(edition=edition).first()


def _default_close(edition: Edition) -> datetime.datetime:
    """Three weeks after the last day, at midnight in the edition's time zone."""
    day = edition.ends_on + datetime.timedelta(days=21)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)), edition.tz)


def _previous_survey(edition: Edition) -> Survey | None:
    previous = previous_edition(edition)
    return Survey.objects.filter(edition=previous).first() if previous else None


def _to_survey(edition: Edition) -> HttpResponse:
    return redirect("surveys_backoffice:survey", edition=edition.slug)


def _settings_initial(edition: Edition, current: Survey | None) -> dict[str, object]:
    if current is None:
        return {
            "title": _("What did you think of %(edition)s?") % {"edition": edition.name},
            "closes_at": timezone.localtime(_default_close(edition), edition.tz),
        }
    return {
        "title": current.title,
        "intro": current.intro,
        "closes_at": timezone.localtime(current.closes_at, edition.tz),
    }


def _page(
    request: TeamRequest,
    edition: Edition,
    role: str,
    current: Survey | None,
    form: SurveyForm,
    question_form: QuestionForm | None = None,
) -> HttpResponse:
    """The survey page with the given forms (a bound one with errors answers 400)."""
    context: dict[str, object] = {"edition": edition, "role": role, "form": form, "survey": current}
    if current is None:
        context["previous"] = _previous_survey(edition)
    else:
        context["questions"] = list(current.questions.all())
        context["question_form"] = question_form or QuestionForm(initial={"kind": QuestionKind.SCALE})
        context["to_invite"] = len(services.recipients(current))
        context["invited"] = current.invitations.count()
        context["closed"] = services.is_closed(current)
    failed = form.errors or (question_form is not None and question_form.errors)
    return render(request, "surveys/backoffice/survey.html", context, status=400 if failed else 200)


@team_view(organiser=True)
def survey(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """The survey: its title and deadline, its questions in order, a form for a new question, and
    sending. Without a survey: a form to start one, or a button to copy last year's."""
    current = _survey(edition)
    form = SurveyForm(request.POST or None, initial=_settings_initial(edition, current))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if current is None:
            services.create_survey(edition=edition, **data)
            messages.success(request, _("The survey is made. Add the questions."))
        else:
            services.update_survey(survey=current, **data)
            messages.success(request, _("The survey is saved."))
        return _to_survey(edition)
    return _page(request, edition, role, current, form)


@require_POST
@team_view(organiser=True)
def copy_previous(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Start this edition's survey as a copy of last year's (POST)."""
    source = _previous_survey(edition)
    if _survey(edition) is not None or source is None:
        messages.error(
            request, _("There is no survey from last time to copy, or this edition has one already.")
        )
        return _to_survey(edition)
    copy = services.copy_survey(source=source, edition=edition, closes_at=_default_close(edition))
    messages.success(
        request,
        ngettext(
            "Copied %(count)s question from %(edition)s.",
            "Copied %(count)s questions from %(edition)s.",
            copy.questions.count(),
        )
        % {"count": copy.questions.count(), "edition": source.edition.name},
    )
    return _to_survey(edition)


def _locked(request: TeamRequest, edition: Edition) -> HttpResponse:
    messages.error(request, _("The survey has been sent, so its questions can no longer be changed."))
    return _to_survey(edition)


@require_POST
@team_view(organiser=True)
def question_add(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    current = get_object_or_404(Survey, edition=edition)
    if current.sent_at is not None:
        return _locked(request, edition)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.add_question(survey=current, **form.cleaned_data)
        messages.success(request, _("The question is added."))
        return _to_survey(edition)
    return _page(
        request, edition, role, current, SurveyForm(initial=_settings_initial(edition, current)), form
    )


@team_view(organiser=True)
def question_edit(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("survey"), survey__edition=edition, pk=pk)
    if question.survey.sent_at is not None:
        return _locked(request, edition)
    initial = {
        "kind": question.kind,
        "text": question.text,
        "low_label": question.low_label,
        "high_label": question.high_label,
        "choices": question.choices,
        "required": question.required,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_question(question=question, **form.cleaned_data)
        messages.success(request, _("The question is saved."))
        return _to_survey(edition)
    return render(
        request,
        "surveys/backoffice/question.html",
        {"edition": edition, "role": role, "form": form, "question": question},
        status=400 if form.errors else 200,
    )


@require_POST
@team_view(organiser=True)
def question_delete(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("survey"), survey__edition=edition, pk=pk)
    if question.survey.sent_at is not None:
        return _locked(request, edition)
    services.delete_question(question=question)
    messages.success(request, _("The question is deleted."))
    return _to_survey(edition)


@require_POST
@team_view(organiser=True)
def question_move(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("survey"), survey__edition=edition, pk=pk)
    if question.survey.sent_at is not None:
        return _locked(request, edition)
    services.move_question(question=question, up=request.POST.get("direction") != "down")
    return _to_survey(edition)


@require_POST
@team_view(organiser=True)
def send(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Send the survey to everyone who checked in and has not had it yet."""
    current = get_object_or_404(Survey, edition=edition)
    if not current.questions.exists():
        messages.error(request, _("Add at least one question before you send the survey."))
    elif services.is_closed(current):
        messages.error(request, _("The deadline for answers has passed. Move it before you send."))
    elif not (count := services.send_survey(survey=current)):
        messages.error(request, _("Nobody who checked in is left to send the survey to."))
    else:
        messages.success(
            request,
            ngettext(
                "The survey is on its way to %(count)s person.",
                "The survey is on its way to %(count)s people.",
                count,
            )
            % {"count": count},
        )
    return _to_survey(edition)


@require_POST
@team_view(organiser=True)
def remind(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Remind, once, those who have not answered."""
    current = get_object_or_404(Survey, edition=edition)
    if current.reminder_sent_at is not None:
        messages.error(request, _("The reminder has been sent already; it goes only once."))
        return _to_survey(edition)
    count = services.send_reminder(survey=current)
    messages.success(
        request,
        ngettext(
            "A reminder is on its way to %(count)s person.",
            "A reminder is on its way to %(count)s people.",
            count,
        )
        % {"count": count},
    )
    return _to_survey(edition)


@require_GET
@team_view(organiser=True)
def results_page(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    current = get_object_or_404(Survey.objects.select_related("edition"), edition=edition)
    return render(
        request,
        "surveys/backoffice/results.html",
        {"edition": edition, "role": role, "results": results.survey_results(current)},
    )


@require_GET
@team_view(organiser=True)
def results_csv(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    current = get_object_or_404(Survey, edition=edition)
    response = HttpResponse(results.results_csv(current), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-evaluering.csv"'
    return response
