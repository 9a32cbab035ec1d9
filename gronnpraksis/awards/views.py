"""The public prize pages: the prize page with its archive, the nomination form and the vote."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gronnpraksis.core import ratelimit
from gronnpraksis.core.forms import filled_honeypot
from gronnpraksis.core.http import private_link, refuse_bot
from gronnpraksis.editions.models import Edition, Phase
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Registration

from . import results, services, visibility, voting
from .forms import EXISTING, NominationForm, VoteForm
from .models import AwardRound, Criterion, Nomination, Prize, Stage
from .permissions import get_round


def _round_or_none(edition: Edition) -> AwardRound | None:
    award = AwardRound.objects.filter(edition=edition).first()
    if award is not None:
        award.edition = edition
    return award


def prize(request: HttpRequest, edition: str) -> HttpResponse:
    """`/<edition>/prisen/`: this year's round (phases, criteria, nominees, finalists, winners) and
    the winners of every year; the way to nominate or vote while that is open."""
    edition_obj = get_edition_for_user(request, edition)
    award = _round_or_none(edition_obj)
    context: dict[str, object] = {"edition": edition_obj, "award": award, "archive": _archive()}
    if award is not None:
        stage = award.stage()
        nominees = (
            Nomination.objects.eligible()
            .filter(round=award)
            .select_related("example")
            .prefetch_related("example__municipalities")
            .order_by("example__title")
        )
        context |= {
            "stage": stage,
            "phases": _phases(award, stage),
            "criteria": Criterion.objects.filter(round=award),
            "prizes": results.published_prizes(award),
        }
        # Nominees are shown once they are public (`visibility`): the finalists, and the others beside them.
        shown = list(nominees) if visibility.nominees_public(award) else []
        context["finalists"] = [n for n in shown if n.on_shortlist]
        context["others"] = [n for n in shown if not n.on_shortlist]
    return render(request, "awards/prize.html", context)


def _phases(award: AwardRound, stage: str) -> list[dict]:
    """The phases in order, with their dates and whether each is the current one."""
    rows = [
        (Stage.NOMINATION, award.nominations_open_at, award.nominations_close_at),
        (Stage.ASSESSMENT, award.nominations_close_at, award.shortlist_published_at or award.shortlist_at),
        (Stage.SHORTLIST, award.shortlist_published_at or award.shortlist_at, None),
    ]
    if award.has_vote:
        rows.append((Stage.VOTING, award.voting_opens_at, award.vote_closed_at or award.voting_closes_at))
    rows.append((Stage.RESULT, award.result_published_at or award.result_at, None))
    return [
        {"label": Stage(value).label, "starts": starts, "ends": ends, "current": value == stage}
        for value, starts, ends in rows
    ]


def _archive() -> list[Prize]:
    """Every published prize of every public edition, newest first, in one query."""
    return list(
        Prize.objects.filter(round__result_published_at__isnull=False)
        .exclude(round__edition__phase=Phase.PLANNING)
        .select_related("round__edition", "nomination__example")
        .order_by("-round__edition__starts_on", "kind")
    )


@ratelimit.limited
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    award = get_round(edition_obj)
    criteria = list(Criterion.objects.filter(round=award))
    form = NominationForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if filled_honeypot(form):
            return refuse_bot(request)
        if form.is_valid() and ratelimit.allows(
            request, form, "nomination", email=form.cleaned_data["nominator_email"]
        ):
            try:
                services.submit_nomination(
                    award=award,
                    data=_nomination_data(form),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    user=request.user if request.user.is_authenticated else None,
                )
            except services.AwardError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Thank you! The nomination is received, and a receipt is on its way to %(email)s.")
                    % {"email": form.cleaned_data["nominator_email"]},
                )
                return redirect("awards:nominated", edition=edition_obj.slug)
    return render(
        request,
        "awards/nominate.html",
        {
            "edition": edition_obj,
            "award": award,
            "form": form,
            "municipalities": Municipality.objects.current(),
        },
        status=400 if form.errors else 200,
    )


def _nomination_data(form: NominationForm) -> services.NominationData:
    data = form.cleaned_data
    existing = data["project"] == EXISTING
    return services.NominationData(
        example=data["example"] if existing else None,
        new_project=None
        if existing
        else services.NewProject(
            title=data["title"],
            summary=data["project_summary"],
            description=data["description"],
            owner_name=data["owner_name"],
            municipality=data["municipality"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
        ),
        summary=data["summary"],
        answers=form.answers(),
        nominator_name=data["nominator_name"],
        nominator_email=data["nominator_email"],
        nominator_phone=data["nominator_phone"],
        nominator_organisation=data["nominator_organisation"],
        is_self_nomination=data["is_self_nomination"],
        language=get_language() or "nb",
    )


def nominated(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    return render(request, "awards/nominated.html", {"edition": edition_obj, "award": get_round(edition_obj)})


# --- The vote ----------------------------------------------------------------------------------------


@private_link
@require_http_methods(["GET", "POST"])
def vote_with_link(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """Vote through the personal vote link on the participant's manage page. Its token is the
    registration's vote token, which opens this page only (never the manage page)."""
    edition_obj = get_edition_for_user(request, edition)
    award = get_round(edition_obj)
    registration = voting.registration_for_vote_token(edition_obj, token)
    if registration is None:
        return render(
            request,
            "awards/vote_refused.html",
            {
                "edition": edition_obj,
                "award": award,
                "message": _(
                    "This voting link is not valid. Use the voting link on your registration page, or log in with a one-time code."
                ),
            },
            status=404,
        )
    return _vote(request, award, registration)


@private_link
@require_http_methods(["GET", "POST"])
def vote_logged_in(request: HttpRequest, edition: str) -> HttpResponse:
    """Vote after logging in with a one-time code: the registration is found by the proved address."""
    edition_obj = get_edition_for_user(request, edition)
    award = get_round(edition_obj)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = voting.voter_registration_for_user(award, request.user)
    if registration is None:
        return render(
            request,
            "awards/vote_refused.html",
            {
                "edition": edition_obj,
                "award": award,
                "message": _(
                    "We found no registration for %(email)s for %(edition)s. Only participants can vote."
                )
                % {"email": request.user.email, "edition": edition_obj.name},
            },
            status=403,
        )
    return _vote(request, award, registration)


STATUS_FOR = {"reused": 409, "forged": 400, "expired": 400, "not_finalist": 400}


def _vote(request: HttpRequest, award: AwardRound, registration: Registration) -> HttpResponse:
    form = VoteForm(request.POST or None, award=award)
    refusal = voting.voting_refusal(award, registration)
    error: voting.VoteError | None = None
    if request.method == "POST":
        if refusal is not None:
            error = refusal
        elif form.is_valid():
            try:
                vote = voting.cast_vote(
                    award=award,
                    registration=registration,
                    nomination=form.cleaned_data["nomination"],
                    ballot=form.cleaned_data["ballot"],
                )
            except voting.VoteError as refused:
                error = refused
            else:
                messages.success(
                    request,
                    _("Your vote for “%(title)s” is counted. You can change it until the vote closes.")
                    % {"title": vote.nomination.title},
                )
                return redirect(request.path)
    status = 200
    if error is not None:
        status = STATUS_FOR.get(error.code, 403)
    elif form.errors:
        status = 400
    return render(
        request,
        "awards/vote.html",
        {
            "edition": award.edition,
            "award": award,
            "registration": registration,
            "form": form,
            "refusal": refusal,
            "error": error,
            "ballot": voting.make_ballot(award, registration) if refusal is None else "",
            # A cancelled registration's vote no longer counts, so it is not shown as "your vote".
            "current": voting.current_vote(award, registration) if registration.is_active else None,
        },
        status=status,
    )
