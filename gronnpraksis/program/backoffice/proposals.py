"""Proposing a programme ("Foreslå program") in the back office: ask for a proposal, follow it while the worker plans, and review
it as a diff against the working copy (accept all, accept some, discard). Every page works without
JavaScript (a reload link while planning); htmx only polls the progress.
"""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from .. import proposals
from ..forms import ProposalForm
from ..models import PlanProposal, ProgramItem, ProposalStatus

WORKING = (ProposalStatus.QUEUED, ProposalStatus.RUNNING)


@team_view(organiser=True)
def index(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """The edition's proposals, newest first, and the form to ask for a new one."""
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = proposals.request_proposal(
            edition=edition,
            user=request.user,
            seed=form.cleaned_data["seed"],
            seconds=form.cleaned_data["seconds"],
        )
        return redirect("program_backoffice:proposal", edition=edition.slug, pk=proposal.pk)
    return render(
        request,
        "program/backoffice/proposals.html",
        {
            "edition": edition,
            "role": role,
            "form": form,
            "proposals": PlanProposal.objects.filter(edition=edition)[:20],
        },
        status=400 if form.errors else 200,
    )


def _moment(text: str | None, edition: Edition) -> datetime.datetime | None:
    return timezone.localtime(datetime.datetime.fromisoformat(text), edition.tz) if text else None


def _reasons(explanation: dict | None) -> list[str]:
    """Why an item is where it is, in the user's language."""
    if not explanation:
        return []
    if "unplaced" in explanation:
        return [
            {
                "length": _("No slot in the time grid is long enough."),
                "needs": _("No room has what it needs (see the room features)."),
                "availability": _("No slot is free when the contributors can come."),
                "full": _("Every room and time it may use is taken, or a contributor is busy then."),
            }[explanation["unplaced"]]
        ]
    lines = []
    stars = explanation["stars"]
    if explanation.get("capacity"):
        lines.append(
            ngettext(
                "%(stars)s starred it; about %(audience)s are expected in a room with %(seats)s seats.",
                "%(stars)s starred it; about %(audience)s are expected in a room with %(seats)s seats.",
                stars,
            )
            % {"stars": stars, "audience": explanation["audience"], "seats": explanation["capacity"]}
        )
    elif stars:
        lines.append(ngettext("%(stars)s starred it.", "%(stars)s starred it.", stars) % {"stars": stars})
    for other in explanation["costars"]:
        values = {"people": other["people"], "title": other["title"], "day": other["day"]}
        if other["day"] is None:
            text = ngettext(
                "%(people)s who starred it also starred “%(title)s”, which has no place.",
                "%(people)s who starred it also starred “%(title)s”, which has no place.",
                other["people"],
            )
        elif other["same_time"]:
            text = ngettext(
                "%(people)s who starred it also starred “%(title)s”, which runs at the same time, on day %(day)s.",
                "%(people)s who starred it also starred “%(title)s”, which runs at the same time, on day %(day)s.",
                other["people"],
            )
        else:
            text = ngettext(
                "%(people)s who starred it also starred “%(title)s”, which runs on day %(day)s.",
                "%(people)s who starred it also starred “%(title)s”, which runs on day %(day)s.",
                other["people"],
            )
        lines.append(text % values)
    return lines


def _rows(proposal: PlanProposal) -> list[dict]:
    explanations = proposal.explanations.get("items", {})
    rows = []
    for change in proposal.assignment:
        before, after = change.get("before"), change.get("after")
        rows.append(
            {
                **change,
                "from_at": _moment(before["starts_at"], proposal.edition) if before else None,
                "from_room": before["room_name"] if before else "",
                "to_at": _moment(after["starts_at"], proposal.edition) if after else None,
                "to_end": _moment(after["ends_at"], proposal.edition) if after else None,
                "to_room": after["room_name"] if after else "",
                "reasons": _reasons(explanations.get(change["key"])),
                "choosable": change["change"] in ("placed", "moved"),
            }
        )
    order = {"moved": 0, "placed": 1, "unplaced": 2, "unchanged": 3}
    return sorted(rows, key=lambda r: (order[r["change"]], r["to_at"] or r["from_at"] or timezone.now()))


def _score_parts(proposal: PlanProposal) -> list[dict]:
    parts = proposal.score_parts
    weights = parts.get("weights", {})
    names = [
        ("clash", "clash", _("Clashes (a participant misses something they starred, per 5 minutes)")),
        ("overflow", "overflow", _("Overflow (expected audience above the seats)")),
        ("scatter", "scatter", _("Scattered themes (extra themes in a room between two breaks)")),
        ("moves", "move", _("Moves from the published programme")),
        ("unplaced", "unplaced", _("Items without a place")),
    ]
    return [
        {
            "label": label,
            "count": parts.get(key, 0),
            "weight": weights.get(weight, 0),
            "cost": parts.get(key, 0) * weights.get(weight, 0),
        }
        for key, weight, label in names
    ]


@team_view(organiser=True)
def proposal(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """One proposal: its progress while planned; then the diff against the working copy, the score and
    what it is made of, why each item is where it is, and the clashes that remain."""
    found = get_object_or_404(PlanProposal.objects.select_related("edition"), edition=edition, pk=pk)
    rows = _rows(found) if found.status in (ProposalStatus.DONE, ProposalStatus.ACCEPTED) else []
    context = {
        "edition": edition,
        "role": role,
        "proposal": found,
        "working": found.status in WORKING,
        "progress": proposals.progress(found),
        "stale": found.status == ProposalStatus.DONE and proposals.is_stale(found),
        "rows": rows,
        "counts": {kind: sum(1 for r in rows if r["change"] == kind) for kind in order_of_changes()},
        "score_parts": _score_parts(found),
        "clashes": found.explanations.get("clashes", []),
        "most_missed": found.explanations.get("most_missed", []),
        "form": ProposalForm(initial={"seed": found.seed + 1, "seconds": found.seconds}),
    }
    if request.htmx:
        return render(request, "program/backoffice/proposal.html#proposal", context)
    return render(request, "program/backoffice/proposal.html", context)


def order_of_changes() -> tuple[str, ...]:
    return ("moved", "placed", "unplaced", "unchanged")


@require_POST
@team_view(organiser=True)
def accept(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Accept all the proposal's changes, or the ticked ones, into the working copy (never published)."""
    found = get_object_or_404(PlanProposal, edition=edition, pk=pk)
    keys = None if request.POST.get("action") == "all" else request.POST.getlist("change")
    back = redirect("program_backoffice:proposal", edition=edition.slug, pk=found.pk)
    if keys is not None and not keys:
        messages.error(request, _("Tick the changes to accept, or accept them all."))
        return back
    try:
        written = proposals.accept_proposal(proposal=found, user=request.user, keys=keys)
    except proposals.StaleProposal:
        messages.error(
            request,
            _(
                "The working copy has changed since this proposal was made, so it cannot be accepted. "
                "Ask for a new proposal."
            ),
        )
        return back
    except proposals.NotDecidable:
        messages.error(request, _("This proposal can no longer be accepted."))
        return back
    except proposals.Collision as collision:
        for moved, other in collision.pairs:
            messages.error(
                request,
                _(
                    "“%(moved)s” would be in the same room at the same time as “%(other)s”. "
                    "Tick the change to “%(other)s” too, or leave both."
                )
                % {"moved": moved, "other": other},
            )
        return back
    messages.success(
        request,
        ngettext(
            "%(count)s change is written to the working copy. Nothing is published until you publish.",
            "%(count)s changes are written to the working copy. Nothing is published until you publish.",
            written,
        )
        % {"count": written},
    )
    return redirect("program_backoffice:grid", edition=edition.slug)


@require_POST
@team_view(organiser=True)
def discard(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    found = get_object_or_404(PlanProposal, edition=edition, pk=pk)
    try:
        proposals.discard_proposal(proposal=found, user=request.user)
    except proposals.NotDecidable:
        messages.error(request, _("This proposal can no longer be discarded."))
        return redirect("program_backoffice:proposal", edition=edition.slug, pk=found.pk)
    messages.success(request, _("The proposal is discarded. Nothing was changed."))
    return redirect("program_backoffice:proposals", edition=edition.slug)


@require_POST
@team_view(organiser=True)
def pin(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Pin an item to its place in the working copy, or release it (`pinned` = "1" or "0"); back to the
    proposal it was pinned from, if any."""
    item = get_object_or_404(ProgramItem, edition=edition, pk=pk, partner_programme__isnull=True)
    pinned = request.POST.get("pinned") == "1"
    proposals.set_pinned(item=item, pinned=pinned)
    if pinned:
        messages.success(request, _("“%(title)s” is pinned to its place.") % {"title": item.title})
    else:
        messages.success(request, _("“%(title)s” may be moved again.") % {"title": item.title})
    proposal_pk = request.POST.get("proposal", "")
    if proposal_pk.isdigit() and PlanProposal.objects.filter(edition=edition, pk=int(proposal_pk)).exists():
        return redirect("program_backoffice:proposal", edition=edition.slug, pk=int(proposal_pk))
    return redirect(reverse("program_backoffice:item", kwargs={"edition": edition.slug, "pk": item.pk}))
