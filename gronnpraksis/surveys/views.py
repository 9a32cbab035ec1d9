"""The participant's pages, opened with the personal link from the survey mail (no login).

The answer page takes one answer per participant: once answered it says thanks, and after the
deadline it says the survey is closed. The opt-out link shows a form to confirm (a mail scanner that
follows links stops nothing); a POST, also a mail program's one-click (RFC 8058), stops survey mails.
A tampered or unknown token gets a 404.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import AnswerForm


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "strict-origin"
    return response


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    survey = invitation.survey
    context: dict[str, object] = {"survey": survey, "edition": survey.edition}
    if services.existing_response(invitation) is not None:
        return _private(render(request, "surveys/answered.html", context))
    if services.is_closed(survey):
        return _private(render(request, "surveys/closed.html", context, status=410))
    questions = list(survey.questions.all())
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        services.submit_response(
            invitation=invitation, answers=form.answers(), may_be_named=form.cleaned_data["may_be_named"]
        )
        return redirect("surveys_public:answer", token=token)
    context |= {"form": form, "questions": questions}
    return _private(render(request, "surveys/answer.html", context, status=400 if form.errors else 200))


# Mail programs post the one-click opt-out without a CSRF token (RFC 8058); the signed token in the
# address is what authorises it, and it can only stop survey mails.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token, salt=services.OPT_OUT_SALT)
    if invitation is None or invitation.registration is None:
        raise Http404
    context = {"survey": invitation.survey, "registration": invitation.registration}
    if request.method == "POST":
        services.opt_out(email=invitation.registration.email)
        return _private(render(request, "surveys/opted_out.html", context))
    return _private(render(request, "surveys/opt_out.html", context))
