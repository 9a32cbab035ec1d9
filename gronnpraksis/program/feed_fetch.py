"""Fetching a partner programme's iCalendar feed: http and https only, direct connections to public
addresses (unless `PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS`), at most a few redirects, a deadline and a
size cap. Everything that goes wrong is a `FeedError` with a message for the organiser."""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import IO, Any

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

MAX_FEED_BYTES = 2 * 1024 * 1024
# The feed worker's deadline; "fetch now" in a request passes a shorter one.
WORKER_SECONDS = 30.0
MAX_REDIRECTS = 5
USER_AGENT = "gronnpraksis-partner-feeds (+https://gronnpraksis.no)"


class FeedError(Exception):
    """A feed that cannot be imported. The message is for the organiser, in their language."""


def fetch_feed(url: str, *, seconds: float = WORKER_SECONDS, max_bytes: int = MAX_FEED_BYTES) -> str:
    """The text of the iCalendar feed at `url`. Side effect: one HTTP(S) GET, following at most
    five redirects to http or https addresses.

    Raises `FeedError` when the address is not http(s), cannot be reached or points to a private
    network, answers with an error status, takes longer than `seconds`, sends more than `max_bytes`,
    or sends something that is not a calendar (such as a web page).
    """
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise FeedError(_("The feed address must start with http:// or https://."))
    deadline = time.monotonic() + seconds
    # The scheme is checked above, and the opener has handlers for http and https only.
    request = urllib.request.Request(  # noqa: S310
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.1"}
    )
    try:
        with _opener().open(request, timeout=seconds) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _too_large(max_bytes)
            if "html" in response.headers.get("Content-Type", "").lower():
                raise _web_page()
            body = _read_capped(response, max_bytes=max_bytes, deadline=deadline, seconds=seconds)
    except urllib.error.HTTPError as error:
        raise FeedError(
            _("The feed answered with HTTP status %(status)s.") % {"status": error.code}
        ) from None
    except (TimeoutError, urllib.error.URLError) as error:
        if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
            raise _too_slow(seconds) from None
        raise _unreachable(getattr(error, "reason", error)) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _unreachable(error) from None
    return _calendar_text(body)


def _read_capped(
    response: http.client.HTTPResponse, *, max_bytes: int, deadline: float, seconds: float
) -> bytes:
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        if time.monotonic() > deadline:
            raise _too_slow(seconds)
        chunks.append(chunk)
    return b"".join(chunks)


def _calendar_text(body: bytes) -> str:
    """The body as text if it looks like an iCalendar file (UTF-8, or Windows-1252 from old systems)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        raise _web_page()
    if not text[:15].upper() == "BEGIN:VCALENDAR":
        raise FeedError(
            _("The address does not give a calendar: an iCalendar file starts with BEGIN:VCALENDAR.")
        )
    return text


def _too_large(max_bytes: int) -> FeedError:
    return FeedError(
        _("The feed is larger than %(megabytes)s MB, which is more than we import.")
        % {"megabytes": max_bytes // (1024 * 1024) or 1}
    )


def _too_slow(seconds: float) -> FeedError:
    return FeedError(_("The feed did not answer within %(seconds)s seconds.") % {"seconds": int(seconds)})


def _web_page() -> FeedError:
    return FeedError(_("The address gives a web page, not a calendar. Use the address of the .ics file."))


def _unreachable(reason: object) -> FeedError:
    return FeedError(
        _("The feed could not be reached: %(reason)s") % {"reason": strip_tags(str(reason))[:200]}
    )


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http and https only, without proxies, that refuses private addresses unless
    `PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS` (default: `DEBUG`) allows them."""
    public_only = not settings.PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _RedirectHandler(),
        _HTTPHandler(public_only=public_only),
        _HTTPSHandler(public_only=public_only),
    ):
        opener.add_handler(handler)
    return opener


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:
        target = urllib.parse.urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urllib.parse.urlsplit(target).scheme not in {"http", "https"}:
            raise FeedError(_("The feed sends us on to an address that is not http or https."))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _public_connection(
    address: tuple[str | None, int],
    timeout: float | None = None,
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """`socket.create_connection`, refusing a peer that is not a public address (checked on the
    connected socket, so a DNS answer that changes between check and use cannot get around it)."""
    sock = socket.create_connection(address, timeout, source_address)
    peer = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    if isinstance(peer, ipaddress.IPv6Address) and peer.ipv4_mapped:
        peer = peer.ipv4_mapped
    if not peer.is_global:
        sock.close()
        raise FeedError(_("The feed address points to a private or local network, which is not allowed."))
    return sock


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, *, public_only: bool) -> None:
        super().__init__()
        self.connection = _PublicHTTPConnection if public_only else http.client.HTTPConnection

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, *, public_only: bool) -> None:
        super().__init__()
        self.connection = _PublicHTTPSConnection if public_only else http.client.HTTPSConnection

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.connection, req, context=self._context)  # type: ignore[attr-defined]
