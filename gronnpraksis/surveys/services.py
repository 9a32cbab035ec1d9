"""The survey's life: composing it (until it is sent), sending it and one reminder through the outbox,
the participant's answer, the opt-out, and what the privacy app needs (export, erasure).

Links in the mails are signed tokens naming the invitation (`django.core.signing`): the answer link
opens the answer page and nothing else, the opt-out link stops survey mails and nothing else.
"""

import datetime
from collections.abc import Mapping

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import render_mail
from gronnpraksis.registrations.models import Registration, Status

from .models import Answer, Invitation, OptOut, Question, QuestionKind, Response, Survey

ANSWER_SALT = "surveys.answer"
OPT_OUT_SALT = "surveys.opt_out"
BATCH_SIZE = 500

# What a participant may send for a question: a number 1–5, a list of chosen options, or a text.
AnswerValue = int | list[str] | str | None


class SurveyLocked(Exception):
    """The survey has been sent: its questions no longer change."""


# Composing


def create_survey(*, edition: Edition, title: str, intro: str, closes_at: datetime.datetime) -> Survey:
    """Side effect: one Survey row for the edition."""
    return Survey.objects.create(edition=edition, title=title, intro=intro, closes_at=closes_at)


def update_survey(*, survey: Survey, title: str, intro: str, closes_at: datetime.datetime) -> Survey:
    """Change the title, introduction and deadline (the deadline may move also after sending).
    Side effect: saves the survey."""
    survey.title, survey.intro, survey.closes_at = title, intro, closes_at
    survey.save(update_fields=["title", "intro", "closes_at"])
    return survey


def _unlocked(survey: Survey) -> None:
    if survey.sent_at is not None:
        raise SurveyLocked


def add_question(
    *,
    survey: Survey,
    kind: str,
    text: str,
    low_label: str = "",
    high_label: str = "",
    choices: str = "",
    required: bool = False,
    copied_from: Question | None = None,
) -> Question:
    """Add a question at the end. Raises SurveyLocked once sent. Side effect: one Question row."""
    _unlocked(survey)
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    return Question.objects.create(
        survey=survey,
        position=(last or 0) + 1,
        kind=kind,
        text=text,
        low_label=low_label if kind == QuestionKind.SCALE else "",
        high_label=high_label if kind == QuestionKind.SCALE else "",
        choices=choices if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else "",
        required=required,
        copied_from=copied_from,
    )


def update_question(
    *,
    question: Question,
    kind: str,
    text: str,
    low_label: str = "",
    high_label: str = "",
    choices: str = "",
    required: bool = False,
) -> Question:
    """Change a question. Raises SurveyLocked once sent. Side effect: saves the question."""
    _unlocked(question.survey)
    question.kind, question.text, question.required = kind, text, required
    question.low_label = low_label if kind == QuestionKind.SCALE else ""
    question.high_label = high_label if kind == QuestionKind.SCALE else ""
    question.choices = choices if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else ""
    question.save()
    return question


def delete_question(*, question: Question) -> None:
    """Raises SurveyLocked once sent. Side effect: deletes the question."""
    _unlocked(question.survey)
    question.delete()


def move_question(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above (or below). Raises SurveyLocked once sent.
    Side effect: renumbers the survey's questions 1, 2, 3 …"""
    _unlocked(question.survey)
    with transaction.atomic():
        ordered = list(Question.objects.select_for_update().filter(survey=question.survey_id))
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            item.position = position
        Question.objects.bulk_update(ordered, ["position"])


def copy_survey(*, source: Survey, edition: Edition, closes_at: datetime.datetime) -> Survey:
    """A new survey for `edition` with the title, introduction and questions of `source` (last year's);
    each question remembers where it came from, so the results can sit beside last year's.
    Side effects: one Survey row and one Question row per question."""
    with transaction.atomic():
        survey = Survey.objects.create(
            edition=edition, title=source.title, intro=source.intro, closes_at=closes_at, copied_from=source
        )
        Question.objects.bulk_create(
            Question(
                survey=survey,
                position=q.position,
                kind=q.kind,
                text=q.text,
                low_label=q.low_label,
                high_label=q.high_label,
                choices=q.choices,
                required=q.required,
                copied_from=q,
            )
            for q in source.questions.all()
        )
    return survey


# Sending


def answer_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=ANSWER_SALT)


def opt_out_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=OPT_OUT_SALT)


def invitation_for_token(token: str, *, salt: str = ANSWER_SALT) -> Invitation | None:
    """The invitation a token names, or None for a tampered or unknown token."""
    try:
        pk = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Invitation.objects.filter(pk=pk, registration__isnull=False)
        .select_related("survey__edition", "registration")
        .first()
    )


def opted_out(emails: list[str]) -> set[str]:
    return set(OptOut.objects.filter(email__in=[e.lower() for e in emails]).values_list("email", flat=True))


def recipients(survey: Survey) -> list[Registration]:
    """Who the survey goes to now: confirmed participants who checked in, one per address, who have not
    opted out and have not been invited to this survey yet."""
    candidates = (
        Registration.objects.filter(
            edition=survey.edition_id, status=Status.CONFIRMED, checked_in_at__isnull=False
        )
        .exclude(email="")
        .exclude(survey_invitations__survey=survey)
        .order_by("-created_at", "-id")
    )
    seen: dict[str, Registration] = {}
    for registration in candidates:
        seen.setdefault(registration.email.lower(), registration)
    invited = {
        e.lower()
        for e in Invitation.objects.filter(survey=survey).values_list("registration__email", flat=True)
        if e
    }
    blocked = opted_out(list(seen)) | invited
    return sorted((r for e, r in seen.items() if e not in blocked), key=lambda r: r.pk)


def _mail(invitation: Invitation, registration: Registration, *, reminder: bool) -> OutboxMail:
    survey = invitation.survey
    with translation.override(registration.language):
        answer_url = absolute_url(
            reverse("surveys_public:answer", kwargs={"token": answer_token(invitation)})
        )
        opt_out_url = absolute_url(
            reverse("surveys_public:opt_out", kwargs={"token": opt_out_token(invitation)})
        )
    mail = render_mail(
        to=registration.email,
        template="survey_reminder" if reminder else "survey_invitation",
        language=registration.language,
        context={
            "survey": survey,
            "edition": survey.edition,
            "name": registration.name,
            "answer_url": answer_url,
            "opt_out_url": opt_out_url,
        },
        reply_to=survey.edition.contact_email,
    )
    mail.headers = {
        "List-Unsubscribe": f"<{opt_out_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    mail.carries_secret = True  # the personal answer link
    return mail


def send_survey(*, survey: Survey) -> int:
    """Invite everyone `recipients` names: one Invitation row (unique per registration) and one outbox
    mail each, in one transaction that locks the survey, so two clicks on "send" mail nobody twice.
    Marks the survey sent when anyone was invited (its questions are then fixed). Returns how many were
    invited. Nothing is
    sent here: the mail worker sends the outbox."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("edition").get(pk=survey.pk)
        people = recipients(survey)
        invitations = Invitation.objects.bulk_create(
            [Invitation(survey=survey, registration=r) for r in people], batch_size=BATCH_SIZE
        )
        if any(i.pk is None for i in invitations):  # a database that does not return ids
            invitations = list(
                Invitation.objects.filter(survey=survey, registration__in=people).order_by("registration_id")
            )
        by_registration = {i.registration_id: i for i in invitations}
        for registration in people:
            by_registration[registration.pk].survey = survey
        OutboxMail.objects.bulk_create(
            [_mail(by_registration[r.pk], r, reminder=False) for r in people], batch_size=BATCH_SIZE
        )
        if survey.sent_at is None and people:
            survey.sent_at = timezone.now()
            survey.save(update_fields=["sent_at"])
    return len(people)


def send_reminder(*, survey: Survey) -> int:
    """Remind, once, everyone invited who has not answered and has not opted out. Returns how many were
    reminded (0 when a reminder was sent before or the survey has closed). Side effects: outbox mails,
    `reminded_at` on the invitations and `reminder_sent_at` on the survey."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("edition").get(pk=survey.pk)
        if survey.reminder_sent_at is not None or survey.sent_at is None or is_closed(survey):
            return 0
        invitations = list(
            Invitation.objects.filter(survey=survey, responses__isnull=True, registration__isnull=False)
            .exclude(registration__email="")
            .select_related("registration")
        )
        blocked = opted_out([i.registration.email for i in invitations if i.registration])
        chosen = [i for i in invitations if i.registration and i.registration.email.lower() not in blocked]
        mails = []
        for invitation in chosen:
            invitation.survey = survey
            assert invitation.registration is not None
            mails.append(_mail(invitation, invitation.registration, reminder=True))
        OutboxMail.objects.bulk_create(mails, batch_size=BATCH_SIZE)
        now = timezone.now()
        Invitation.objects.filter(pk__in=[i.pk for i in chosen]).update(reminded_at=now)
        survey.reminder_sent_at = now
        survey.save(update_fields=["reminder_sent_at"])
    return len(chosen)


def opt_out(*, email: str) -> bool:
    """No more survey mails to the address (this survey's reminder and later surveys). Idempotent.
    Side effect: one OptOut row. Returns whether it was new."""
    _row, created = OptOut.objects.get_or_create(email=email.lower())
    return created


# Answering


def is_closed(survey: Survey, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= survey.closes_at


def existing_response(invitation: Invitation) -> Response | None:
    return Response.objects.filter(invitation=invitation).first()


def submit_response(
    *, invitation: Invitation, answers: Mapping[int, AnswerValue], may_be_named: bool
) -> tuple[Response, bool]:
    """Store the participant's answer: one Response and an Answer per answered question. A second
    submit (also at the same moment) stores nothing and returns the first response (the unique
    constraint decides). Returns (response, created)."""
    questions = {q.pk: q for q in invitation.survey.questions.all()}
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=invitation.survey, invitation=invitation, may_be_named=may_be_named
            )
            rows = []
            for pk, value in answers.items():
                question = questions.get(pk)
                if question is None or value in (None, "", []):
                    continue
                if question.kind == QuestionKind.SCALE:
                    rows.append(Answer(response=response, question=question, number=int(value)))  # type: ignore[arg-type]
                elif question.kind == QuestionKind.TEXT:
                    rows.append(Answer(response=response, question=question, text=str(value)))
                else:
                    chosen = value if isinstance(value, list) else [str(value)]
                    rows.append(Answer(response=response, question=question, chosen=chosen))
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        first = existing_response(invitation)
        if first is None:
            raise
        return first, False
    return response, True


# Privacy


def export_for(registrations: list[Registration]) -> dict[int, list[dict[str, object]]]:
    """The survey answers of each registration, for the person's data export (three queries)."""
    found: dict[int, list[dict[str, object]]] = {}
    for response in (
        Response.objects.filter(invitation__registration__in=registrations)
        .select_related("survey", "invitation")
        .prefetch_related("answers__question")
        .order_by("submitted_at", "id")
    ):
        assert response.invitation is not None
        found.setdefault(response.invitation.registration_id or 0, []).append(
            {
                "survey": response.survey.title,
                "submitted_at": response.submitted_at.isoformat(),
                "may_be_named": response.may_be_named,
                "answers": [
                    {"question": a.question.text, "number": a.number, "chosen": a.chosen, "text": a.text}
                    for a in response.answers.all()
                ],
            }
        )
    return found


def anonymise_for(registrations: QuerySet[Registration]) -> int:
    """Cut the person off their survey answers: the response no longer names them (and never will),
    its free-text answers (which may say who wrote them) are deleted, the counts stay in the results.
    Returns how many responses changed. Side effects: UPDATEs and DELETEs; invitations are unlinked."""
    invitations = Invitation.objects.filter(registration__in=registrations)
    responses = Response.objects.filter(invitation__in=invitations)
    Answer.objects.filter(response__in=responses, question__kind=QuestionKind.TEXT).delete()
    changed = responses.update(may_be_named=False, invitation=None)
    invitations.update(registration=None)
    return changed


def delete_opt_outs(*, email: str) -> int:
    """Side effect: deletes the address's opt-out (with the account that asked for it)."""
    return OptOut.objects.filter(email=email.lower()).delete()[0]
