"""The back office's network pages (`/arrangor/<edition>/nettverk/`): what the edition's network says
about itself, its look, and its team.

Only those who run the network may use them: staff and the network's organisers (`runs_network`).
An organiser of only the edition gets a 404, as anyone outside the back office does. Every id in an
address is looked up within the edition's network, so another network's ids give a 404 too.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gronnpraksis.editions import services as editions_services
from gronnpraksis.editions.models import Edition, Network, NetworkMember
from gronnpraksis.editions.permissions import TeamRequest, runs_network, team_view

from .network_forms import NetworkMemberForm, NetworkRoleForm, NetworkSettingsForm

NetworkView = Callable[..., HttpResponse]


def network_view(view: NetworkView) -> NetworkView:
    """`team_view(organiser=True)`, and then only for those who run the edition's network."""

    @team_view(organiser=True)
    @wraps(view)
    def wrapped(request: TeamRequest, edition: Edition, role: str, **kwargs: object) -> HttpResponse:
        if not runs_network(request.user, edition):
            raise Http404
        network = edition.network
        return view(request, edition, role, network, **kwargs)

    return wrapped


@network_view
def network_settings(request: TeamRequest, edition: Edition, role: str, network: Network) -> HttpResponse:
    """The network's name, texts, logo, colour and contact address."""
    form = NetworkSettingsForm(request.POST or None, request.FILES or None, network=network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            editions_services.update_network(
                network=network,
                name=data["name"],
                description=data["description"],
                about=data["about"],
                colour=data["colour"],
                contact_email=data["contact_email"],
                logo=data["logo"],
                logo_description=data["logo_description"],
                remove_logo=bool(data.get("remove_logo")),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The network's page is updated."))
            return redirect("backoffice:network", edition=edition.slug)
    return render(
        request,
        "backoffice/network.html",
        {"edition": edition, "role": role, "network": network, "form": form},
        status=400 if form.errors else 200,
    )


@network_view
def network_team(request: TeamRequest, edition: Edition, role: str, network: Network) -> HttpResponse:
    """The network's organisers and moderators, and a form to add a person."""
    form = NetworkMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = editions_services.add_network_member(
            network=network, added_by=request.user, edition=edition, **form.cleaned_data
        )
        messages.success(request, _("%(name)s is on the network's team.") % {"name": member.user})
        return redirect("backoffice:network_team", edition=edition.slug)
    members = NetworkMember.objects.filter(network=network).select_related("user")
    return render(
        request,
        "backoffice/network_team.html",
        {
            "edition": edition,
            "role": role,
            "network": network,
            "form": form,
            "members": [(m, NetworkRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in members],
        },
        status=400 if form.errors else 200,
    )


@require_POST
@network_view
def member_role(request: TeamRequest, edition: Edition, role: str, network: Network, pk: int) -> HttpResponse:
    """Change a member's role (never the network's last organiser's)."""
    member = get_object_or_404(NetworkMember.objects.select_related("user"), network=network, pk=pk)
    form = NetworkRoleForm(request.POST, prefix=f"m{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
    else:
        try:
            editions_services.set_network_member_role(member=member, role=form.cleaned_data["role"])
        except editions_services.LastOrganiserError:
            messages.error(request, _("The network must have at least one organiser."))
        else:
            messages.success(request, _("%(name)s's role is changed.") % {"name": member.user})
    return redirect("backoffice:network_team", edition=edition.slug)


@require_POST
@network_view
def member_remove(
    request: TeamRequest, edition: Edition, role: str, network: Network, pk: int
) -> HttpResponse:
    """Take a role in the network away (never the network's last organiser's)."""
    member = get_object_or_404(NetworkMember.objects.select_related("user"), network=network, pk=pk)
    try:
        editions_services.remove_network_member(member=member)
    except editions_services.LastOrganiserError:
        messages.error(request, _("The network must have at least one organiser."))
    else:
        messages.success(request, _("%(name)s is no longer on the network's team.") % {"name": member.user})
    return redirect("backoffice:network_team", edition=edition.slug)
