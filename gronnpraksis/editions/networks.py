"""Networks on the public side: whether to name them at all, and which network a host name belongs to.

While there is only one network (the national one) nobody sees the concept: pages name a network, show
the calendar across networks or offer the bank's network filter only when `several_networks()`.

A network may have its own host name (`Network.host`). Only the host names listed in the setting
`NETWORK_HOSTS` (which are also allowed hosts, docs/deploy.md) are looked up, so a request to the
site's own address never costs a query for it.
"""

from django.conf import settings
from django.http import HttpRequest

from .models import Network

_HOST_NETWORK = "_gp_host_network"


def several_networks() -> bool:
    """More than one network: the concept shows on public pages. One query."""
    return Network.objects.all()[1:2].exists()


def host_network(request: HttpRequest) -> Network | None:
    """The network whose host name the request came to, or None for the site's own address. Looked up
    once per request, and only for the host names in `NETWORK_HOSTS`."""
    if not hasattr(request, _HOST_NETWORK):
        host = request.get_host().rsplit(":", 1)[0].lower() if request.get_host() else ""
        network = None
        if host in settings.NETWORK_HOSTS:
            network = Network.objects.filter(host=host).first()
        setattr(request, _HOST_NETWORK, network)
    return getattr(request, _HOST_NETWORK)
