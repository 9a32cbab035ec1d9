"""Back-office pages for partner programmes (Miljøuka and others) beside the edition's own.

Organisers register a programme by its iCalendar feed or enter its events by hand. "Fetch now" runs
the import inside the request with a short deadline (`partners.REQUEST_SECONDS`), so the organiser sees
the result at once; the feed worker (`manage.py partner_feeds --loop`) fetches every feed hourly.
Partner events are part of the working copy: the public sees them at the next publication.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import team_view

from .. import partners as services
from ..models import PartnerProgramme, ProgramItem
from ..partner_forms import PartnerEventForm, PartnerProgrammeForm


def _programme(edition: Edition, pk: int) -> PartnerProgramme:
    return get_object_or_404(PartnerProgramme.objects.select_related("track"), edition=edition, pk=pk)


def _hand_entered_event(programme: PartnerProgramme, pk: int) -> ProgramItem:
    """A hand-entered event of the programme; events from the feed are changed in the feed (404)."""
    return get_object_or_404(ProgramItem, partner_programme=programme, pk=pk, external_uid="")


@team_view(organiser=True)
def partners(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """The edition's partner programmes, and a form to add one (a feed is fetched at once)."""
    form = PartnerProgrammeForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        programme = services.create_partner_programme(edition=edition, **form.cleaned_data)
        messages.success(request, _("“%(name)s” is added.") % {"name": programme.name})
        if programme.feed_url:
            _fetch(request, programme)
        return redirect("program_backoffice:partner", edition=edition.slug, pk=programme.pk)
    programmes = PartnerProgramme.objects.filter(edition=edition).annotate(event_count=Count("events"))
    return render(
        request,
        "program/backoffice/partners.html",
        {"edition": edition, "role": role, "programmes": programmes, "form": form},
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
def partner(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """One programme: where its events come from, how the last fetch went, and its events."""
    programme = _programme(edition, pk)
    events = programme.events.order_by("starts_at", "title", "pk")
    return render(
        request,
        "program/backoffice/partner.html",
        {"edition": edition, "role": role, "programme": programme, "events": events},
    )


@team_view(organiser=True)
def partner_edit(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    programme = _programme(edition, pk)
    form = PartnerProgrammeForm(
        request.POST or None,
        edition=edition,
        programme=programme,
        initial=PartnerProgrammeForm.initial_for(programme),
    )
    if request.method == "POST" and form.is_valid():
        feed_changed = form.cleaned_data["feed_url"] != programme.feed_url
        services.update_partner_programme(programme=programme, **form.cleaned_data)
        messages.success(request, _("“%(name)s” is saved.") % {"name": programme.name})
        if feed_changed and programme.feed_url:
            _fetch(request, programme)
        return redirect("program_backoffice:partner", edition=edition.slug, pk=programme.pk)
    return render(
        request,
        "program/backoffice/partner_edit.html",
        {"edition": edition, "role": role, "programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
def partner_delete(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Asks first (GET), deletes on POST."""
    programme = _programme(edition, pk)
    if request.method == "POST":
        services.delete_partner_programme(programme=programme)
        messages.success(request, _("“%(name)s” and its events are deleted.") % {"name": programme.name})
        return redirect("program_backoffice:partners", edition=edition.slug)
    return render(
        request,
        "program/backoffice/partner_delete.html",
        {"edition": edition, "role": role, "programme": programme, "count": programme.events.count()},
    )


@team_view(organiser=True)
@require_POST
def partner_fetch(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    programme = _programme(edition, pk)
    if programme.feed_url:
        _fetch(request, programme)
    return redirect("program_backoffice:partner", edition=edition.slug, pk=programme.pk)


def _fetch(request: HttpRequest, programme: PartnerProgramme) -> None:
    """Import the feed now and say how it went."""
    result = services.import_partner_feed(programme=programme, seconds=services.REQUEST_SECONDS)
    if result.error:
        messages.error(
            request,
            _("The feed could not be imported, and the events stay as they were. %(error)s")
            % {"error": result.error},
        )
        return
    text = _("The feed is imported: %(created)s new, %(updated)s changed, %(deleted)s removed.") % {
        "created": result.created,
        "updated": result.updated,
        "deleted": result.deleted,
    }
    if result.skipped:
        text += " " + ngettext(
            "%(count)s event was left out (repeating, private, or without a UID or times).",
            "%(count)s events were left out (repeating, private, or without a UID or times).",
            result.skipped,
        ) % {"count": result.skipped}
    messages.success(request, text)


@team_view(organiser=True)
def partner_event_new(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    programme = _programme(edition, pk)
    return _event_form(request, edition, role, programme, event=None, initial={})


@team_view(organiser=True)
def partner_event(request: HttpRequest, edition: Edition, role: str, pk: int, event: int) -> HttpResponse:
    programme = _programme(edition, pk)
    item = _hand_entered_event(programme, event)
    initial = PartnerEventForm.initial_for(item, edition)
    return _event_form(request, edition, role, programme, event=item, initial=initial)


def _event_form(
    request: HttpRequest,
    edition: Edition,
    role: str,
    programme: PartnerProgramme,
    *,
    event: ProgramItem | None,
    initial: dict,
) -> HttpResponse:
    form = PartnerEventForm(request.POST or None, edition=edition, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_partner_event(programme=programme, event=event, fields=form.event_fields())
        messages.success(request, _("“%(title)s” is saved in the working copy.") % {"title": saved.title})
        return redirect("program_backoffice:partner", edition=edition.slug, pk=programme.pk)
    return render(
        request,
        "program/backoffice/partner_event.html",
        {"edition": edition, "role": role, "programme": programme, "event": event, "form": form},
        status=400 if form.errors else 200,
    )


@team_view(organiser=True)
@require_POST
def partner_event_delete(
    request: HttpRequest, edition: Edition, role: str, pk: int, event: int
) -> HttpResponse:
    programme = _programme(edition, pk)
    item = _hand_entered_event(programme, event)
    services.delete_partner_event(event=item)
    messages.success(request, _("“%(title)s” is removed from the working copy.") % {"title": item.title})
    return redirect("program_backoffice:partner", edition=edition.slug, pk=programme.pk)
