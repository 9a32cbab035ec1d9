"""The ticket's QR code: the address of the staff check-in page with the pass's secret.

A staff member's own camera app opens the check-in page with the code filled in; the page's scanner reads
the same address. The address opens nothing without a staff login, and the secret nothing but check-in.
"""

import io
from urllib.parse import parse_qs, urlencode, urlsplit

import segno
from django.urls import reverse

from gronnpraksis.core.http import absolute_url

from .models import CheckInPass

SECRET_PARAMETER = "kode"  # noqa: S105 (the name of the query parameter, not a secret)


def payload(checkin_pass: CheckInPass) -> str:
    edition = checkin_pass.registration.edition
    path = reverse("arena_backoffice:checkin", kwargs={"edition": edition.slug})
    return absolute_url(path) + "?" + urlencode({SECRET_PARAMETER: checkin_pass.secret})


def secret_from(text: str) -> str:
    """The secret in what a scanner read: the address's `kode`, or the text itself if it is bare."""
    text = text.strip()
    if "?" in text:
        values = parse_qs(urlsplit(text).query).get(SECRET_PARAMETER, [])
        return values[0] if values else ""
    return text


def _code(checkin_pass: CheckInPass) -> segno.QRCode:
    return segno.make(payload(checkin_pass), error="m")


def svg(checkin_pass: CheckInPass, *, title: str = "") -> str:
    """The QR code as an SVG document (scales without blur on a phone's screen)."""
    out = io.BytesIO()
    _code(checkin_pass).save(
        out, kind="svg", scale=6, border=2, title=title or None, svgclass=None, lineclass=None
    )
    return out.getvalue().decode()


def png(checkin_pass: CheckInPass, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    _code(checkin_pass).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
