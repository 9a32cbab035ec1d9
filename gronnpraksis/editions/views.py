import mimetypes

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gronnpraksis.core.http import public_page

from .calendar import editions_calendar
from .models import Edition, Network
from .networks import host_network, several_networks
from .page import network_parts_context, parts_context
from .permissions import get_edition_for_user

CALENDAR_SIZE = 12  # coming editions on the front page
NETWORK_PAST = 10  # past editions on a network's page


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The front page: the national network's current edition (with the calendar of coming editions
    across networks, when there are several), or a short notice while none is published. On a
    network's own host name, that network's page."""
    network = host_network(request)
    if network is not None and not network.is_national:
        return _network_page(request, network)
    edition = Edition.objects.current()
    if edition is None:
        return render(request, "editions/empty.html")
    return _edition_page(request, edition, front_page=True)


@public_page
def detail(request: HttpRequest, edition: str) -> HttpResponse:
    return _edition_page(request, get_edition_for_user(request, edition))


def _edition_page(request: HttpRequest, edition: Edition, *, front_page: bool = False) -> HttpResponse:
    """An edition's page, which leads with the arena: when, where, who hosts it, the calls to register
    and contribute, how many have registered and contributed so far, and the bank's newest examples.
    With several networks it names the network that runs it, in that network's look, and the front
    page adds the calendar of coming editions across networks.
    A fixed number of queries, whatever the number of registrations, contributions or examples."""
    organisers = edition.organisers.select_related("organisation")
    several = several_networks()
    calendar = None
    if several and front_page:
        calendar = Edition.objects.upcoming().select_related("network", "host_municipality")[:CALENDAR_SIZE]
    return render(
        request,
        "editions/detail.html",
        {
            "edition": edition,
            "several_networks": several,
            "network_look": edition.network if several else None,
            # The network's logo in the header, only when there are several networks to tell apart.
            "header_network": edition.network if several and edition.network.logo else None,
            "calendar": calendar,
            "organisers": organisers,
            "days": edition.days.all(),
            "past_editions": Edition.objects.past()
            .filter(network=edition.network_id)
            .exclude(pk=edition.pk)[:5],
            "participant_count": edition.registrations.active().count(),
            # The contribution count and the bank's newest examples (editions.page).
            **parts_context(edition),
        },
    )


@public_page
def network(request: HttpRequest, network: str) -> HttpResponse:
    return _network_page(request, get_object_or_404(Network, slug=network))


def _network_page(request: HttpRequest, network: Network) -> HttpResponse:
    """A network's page: about it, its contact, its coming and past editions and its newest examples
    (from the bank, `editions.page.add_to_network_page`), in its look. A fixed number of queries."""
    editions = network.editions.select_related("host_municipality")
    return render(
        request,
        "editions/network.html",
        {
            "network": network,
            "network_look": network,
            "upcoming": editions.upcoming(),
            "past": editions.past()[:NETWORK_PAST],
            **network_parts_context(network),
        },
    )


def network_logo(request: HttpRequest, network: str) -> FileResponse:
    """A network's logo, checked and re-encoded when it was uploaded (there is no public media directory)."""
    found = get_object_or_404(Network, slug=network)
    if not found.logo:
        raise Http404
    content_type = mimetypes.guess_type(found.logo.name or "")[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404
    response = FileResponse(found.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """`/kalender.ics`: the coming public editions of every network, for calendar apps (RFC 5545)."""
    editions = Edition.objects.upcoming().select_related("network", "host_municipality")
    body = editions_calendar(editions, name=_("Grønn Praksis: coming editions"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gronnpraksis.ics"'
    return response


def archive(request: HttpRequest) -> HttpResponse:
    editions = Edition.objects.public().select_related("host_municipality").order_by("-starts_on")
    return render(request, "editions/archive.html", {"editions": editions})


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement; its periods are the settings the retention jobs use (`privacy.jobs`)."""
    from gronnpraksis.core.privacy_statement import STATEMENT_VERSION, retention_periods

    return render(
        request,
        _prose_template("privacy"),
        {"retention": retention_periods(), "statement_version": STATEMENT_VERSION},
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, with the address for feedback and, once published, the statement
    on uustatus.no (settings `CONTACT_EMAIL`, `ACCESSIBILITY_STATEMENT_URL`)."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
    }
    return render(request, _prose_template("accessibility"), context)


def _prose_template(name: str) -> str:
    """Long legal prose is written per language rather than cut into translation strings."""
    return f"editions/{name}_{'en' if get_language() == 'en' else 'nb'}.html"
