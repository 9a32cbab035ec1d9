"""A client's network, reduced to a marker that can be compared but not read back.

The marker is a keyed hash (HMAC with the site's secret key) of the network the address belongs to:
the /24 for IPv4, the /64 for IPv6 (one household or office line, usually). Two registrations from the
same network get the same marker; neither the address nor the network can be recovered from it without
the key, and 16 hex characters (64 bits) are all that is kept. It serves one purpose: showing organisers
many registrations from one network in a short time (`awards.stuffing`).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

SALT = "gronnpraksis.core.network.marker"
IPV4_PREFIX, IPV6_PREFIX = 24, 64


def client_address(request: HttpRequest) -> str:
    """The client's address: `REMOTE_ADDR`, or behind settings.TRUSTED_PROXIES reverse proxies the
    address the outermost of them saw (X-Forwarded-For counted from the right: entries further left are
    whatever the client sent, and are ignored). Also used by the rate limits (`core.ratelimit`)."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address[:64]


def network_marker(address: str) -> str:
    """The marker of the address's network, or "" for anything that is not an IP address."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    return salted_hmac(SALT, str(network), algorithm="sha256").hexdigest()[:16]
