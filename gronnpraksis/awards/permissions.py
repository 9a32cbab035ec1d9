"""Who may open which award page, and every object lookup the award views make.

Organiser pages use `editions.permissions.team_view(organiser=True)`. Jury pages use `jury_view`:
anonymous visitors are sent to log in, everyone who is not a juror of the edition gets a 404 (also
organisers who are not on the jury), so the jury pages give nothing away.
"""

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import is_proven
from gronnpraksis.core.typing import AnyUser
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole

from .models import AwardRound, Criterion, JuryAssessment, Nomination

# Ids come from the URL as digits; past this they cannot be a row id, and the database would refuse them.
MAX_ID = 2**63 - 1


def is_juror(user: AnyUser, edition: Edition) -> bool:
    """On the jury: the role was given to an address, so it counts once the address is proven."""
    return bool(
        user.is_authenticated
        and is_proven(user)
        and TeamMember.objects.filter(edition=edition, user=user, role=TeamRole.JUROR).exists()
    )


def jury_view(view: Callable) -> Callable:
    """Decorate a jury view `view(request, edition: Edition, award: AwardRound, **kwargs)`."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, edition: str, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        edition_obj = get_object_or_404(Edition.objects.select_related("host_municipality"), slug=edition)
        if not is_juror(request.user, edition_obj):
            raise Http404
        award = AwardRound.objects.filter(edition=edition_obj).first()
        if award is None:
            raise Http404
        award.edition = edition_obj
        return view(request, edition_obj, award, **kwargs)

    return wrapped


def get_round(edition: Edition) -> AwardRound:
    """The edition's award round; 404 if it has none."""
    award = AwardRound.objects.filter(edition=edition).first()
    if award is None:
        raise Http404
    award.edition = edition
    return award


def _check_id(pk: int) -> int:
    if pk > MAX_ID:
        raise Http404
    return pk


def get_nomination_for_organiser(award: AwardRound, pk: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.filter(round=award).select_related("example", "eligibility_decided_by"),
        pk=_check_id(pk),
    )


def get_nomination_for_juror(award: AwardRound, juror: User, pk: int) -> Nomination:
    """An eligible nomination the juror has not declared a conflict for; 404 otherwise, so a
    conflicted nomination is as invisible to them as one that does not exist."""
    _check_id(pk)
    nomination = get_object_or_404(
        Nomination.objects.eligible().filter(round=award).select_related("example"), pk=pk
    )
    if JuryAssessment.objects.filter(nomination=nomination, juror=juror, conflict_of_interest=True).exists():
        raise Http404
    return nomination


def get_conflict_for_organiser(award: AwardRound, pk: int) -> JuryAssessment:
    return get_object_or_404(
        JuryAssessment.objects.filter(nomination__round=award, conflict_of_interest=True).select_related(
            "nomination__example", "juror", "nomination__round"
        ),
        pk=_check_id(pk),
    )


def get_criterion_for_organiser(award: AwardRound, pk: int) -> Criterion:
    criterion = get_object_or_404(Criterion, round=award, pk=_check_id(pk))
    criterion.round = award
    return criterion
