"""Back-office pages for partner programmes (Miljøuka and others) beside the edition's own."""

from django.http import HttpResponse
from django.shortcuts import render

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from .models import PartnerProgramme


@team_view(organiser=True)
def partners(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    programmes = PartnerProgramme.objects.filter(edition=edition).select_related("track")
    return render(
        request,
        "program/backoffice/partners.html",
        {"edition": edition, "role": role, "programmes": programmes},
    )
