from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from gronnpraksis.core.http import public_page

from .models import Edition
from .page import parts_context
from .permissions import get_edition_for_user


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The front page: the current edition, or a short notice while none is published."""
    edition = Edition.objects.current()
    if edition is None:
        return render(request, "editions/empty.html")
    return _edition_page(request, edition)


@public_page
def detail(request: HttpRequest, edition: str) -> HttpResponse:
    return _edition_page(request, get_edition_for_user(request, edition))


def _edition_page(request: HttpRequest, edition: Edition) -> HttpResponse:
    """An edition's page, which leads with the arena: when, where, who hosts it, the calls to register
    and contribute, how many have registered and contributed so far, and the bank's newest examples.
    A fixed number of queries, whatever the number of registrations, contributions or examples."""
    organisers = edition.organisers.select_related("organisation")
    return render(
        request,
        "editions/detail.html",
        {
            "edition": edition,
            "organisers": organisers,
            "days": edition.days.all(),
            "past_editions": Edition.objects.past().exclude(pk=edition.pk)[:5],
            "participant_count": edition.registrations.active().count(),
            # The contribution count and the bank's newest examples (editions.page).
            **parts_context(edition),
        },
    )


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
