from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Edition


def current_edition(request: HttpRequest) -> dict:
    """The edition the menu links to, looked up only if a template uses it."""
    return {"current_edition": SimpleLazyObject(Edition.objects.current)}


def network_look(request: HttpRequest) -> dict:
    """On a network's own host name, its look (colour) on every page; a view that shows a network's
    page or edition sets `network_look` itself. No query on the site's own address (`host_network`)."""
    from .networks import host_network

    return {"network_look": host_network(request)}
