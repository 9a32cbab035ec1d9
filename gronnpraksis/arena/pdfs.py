"""Printed things for the day, made with fpdf2: the ticket, the day's list, name badges and the
attendance certificate. Each function returns the PDF as bytes.

The text is set in Inter (`core.fonts`), its `latin-ext` subset standing in for the letters `latin` lacks,
so Sami names (đ, ŋ, š, ŧ, ž) print as written. Should the font files be missing, the built-in Helvetica
is used, and letters outside Latin-1 are written without their marks rather than failing (`printable`).
"""

import functools
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from gronnpraksis.core.fonts import inter_file
from gronnpraksis.editions.models import Edition, EditionDay
from gronnpraksis.registrations.models import Registration

from . import qr
from .models import CheckInPass

FONT = "Inter"
FALLBACK_FONT = "helvetica"
WEIGHTS = {"": 400, "B": 700}


@functools.cache
def _inter_files() -> dict[tuple[str, str], str] | None:
    """Inter's files by (style, subset), or None when any is missing."""
    files = {
        (style, subset): inter_file(f"inter-{subset}-{weight}-normal.woff")
        for style, weight in WEIGHTS.items()
        for subset in ("latin", "latin-ext")
    }
    if not all(files.values()):
        return None
    return {key: str(path) for key, path in files.items()}


def _font() -> str:
    return FONT if _inter_files() else FALLBACK_FONT


def printable(text: object) -> str:
    """The text in the characters the document's font can draw."""
    if _inter_files():
        return str(text)
    out = []
    for char in str(text):
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


def _document(*, title: str, orientation: str = "P", page: str | tuple[float, float] = "A4") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format=page)
    pdf.set_title(printable(title))
    pdf.set_creator("Grønn Praksis")
    pdf.set_auto_page_break(auto=True, margin=15)
    files = _inter_files()
    if files:
        for style in WEIGHTS:
            pdf.add_font(FONT, style, files[(style, "latin")])
            pdf.add_font(f"{FONT}Ext", style, files[(style, "latin-ext")])
        pdf.set_fallback_fonts([f"{FONT}Ext"])
    return pdf


def _line(pdf: FPDF, text: object, *, size: float = 11, style: str = "", height: float | None = None) -> None:
    pdf.set_font(_font(), style, size)
    pdf.multi_cell(0, height or size * 0.5, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


def _day_text(day: EditionDay) -> str:
    return f"{formats.date_format(day.date, 'l j. F Y')}, {day.starts_at:%H:%M}–{day.ends_at:%H:%M}"


def ticket(checkin_pass: CheckInPass) -> bytes:
    """A one-page ticket the size of a phone's screen, with the QR code to show at the door."""
    registration = checkin_pass.registration
    edition = registration.edition
    pdf = _document(title=f"{edition.name}: {registration.name}", page=(90, 160))
    pdf.set_margins(8, 8, 8)
    pdf.add_page()
    _line(pdf, edition.name, size=14, style="B")
    _line(pdf, edition.venue_name, size=9)
    pdf.ln(2)
    _line(pdf, registration.name, size=16, style="B", height=8)
    if registration.organisation_name:
        _line(pdf, registration.organisation_name, size=10)
    _line(pdf, registration.ticket_type.name, size=10)
    for day in registration.days.all():
        _line(pdf, _day_text(day), size=9)
    pdf.image(io.BytesIO(qr.png(checkin_pass)), x=15, y=pdf.get_y() + 4, w=60, h=60)
    pdf.set_y(pdf.get_y() + 66)
    _line(pdf, _("Show this code at the entrance."), size=9)
    return _bytes(pdf)


@dataclass(frozen=True)
class ListRow:
    name: str
    organisation: str
    municipality: str
    ticket: str
    checked_in: bool


def surname_key(name: str) -> tuple[str, str]:
    """Sort by the last word of the name (the surname in Norwegian use), then the whole name."""
    parts = name.split()
    return ((parts[-1] if parts else "").casefold(), name.casefold())


def day_list(edition: Edition, day: EditionDay, rows: Sequence[ListRow]) -> bytes:
    """The day's list on paper, sorted by surname, with a box to tick: the door's fallback."""
    pdf = _document(title=f"{edition.name}: {day.label}")
    pdf.add_page()
    _line(pdf, f"{edition.name}: {day.label}", size=14, style="B", height=8)
    _line(pdf, _day_text(day), size=10)
    pdf.ln(3)
    widths = (8, 62, 50, 40, 30)
    pdf.set_font(_font(), "B", 9)
    for width, head in zip(
        widths, ("", _("Name"), _("Organisation"), _("Municipality"), _("Ticket")), strict=True
    ):
        pdf.cell(width, 7, printable(head), border="B")
    pdf.ln(7)
    pdf.set_font(_font(), "", 9)
    for row in sorted(rows, key=lambda r: surname_key(r.name)):
        x, y = pdf.get_x(), pdf.get_y()
        pdf.rect(x + 1.5, y + 1.5, 4, 4)
        if row.checked_in:
            pdf.line(x + 1.5, y + 1.5, x + 5.5, y + 5.5)
            pdf.line(x + 1.5, y + 5.5, x + 5.5, y + 1.5)
        pdf.cell(widths[0], 7, "")
        for width, text in zip(
            widths[1:], (row.name, row.organisation, row.municipality, row.ticket), strict=True
        ):
            pdf.cell(width, 7, printable(text)[: int(width / 1.8)], border="B")
        pdf.ln(7)
    return _bytes(pdf)


@dataclass(frozen=True)
class Badge:
    name: str
    organisation: str
    municipality: str
    role: str


@dataclass(frozen=True)
class BadgeLayout:
    key: str
    label: str
    page: str | tuple[float, float]
    orientation: str
    width: float
    height: float
    columns: int
    rows: int
    left: float
    top: float


def badge_layouts() -> list[BadgeLayout]:
    """The layouts organisers pick from: sheets for an office printer, or one badge per page."""
    return [
        BadgeLayout("a4-10", _("A4 sheet, 10 badges of 90 × 54 mm"), "A4", "P", 90, 54, 2, 5, 15, 13.5),
        BadgeLayout(
            "a4-4", _("A4 sheet, 4 large badges (A6, 105 × 148 mm)"), "A4", "P", 105, 148.5, 2, 2, 0, 0
        ),
        BadgeLayout(
            "single", _("One badge per page (86 × 54 mm, badge printers)"), (54, 86), "L", 86, 54, 1, 1, 0, 0
        ),
    ]


def _fitted(pdf: FPDF, text: str, style: str, size: float, width: float, lines: int = 1) -> float:
    """Set the largest font size up to `size` at which `text` fits `width` in `lines` lines, no word broken."""
    while size > 6:
        pdf.set_font(_font(), style, size)
        longest = max((pdf.get_string_width(word) for word in text.split()), default=0)
        if longest <= width and pdf.get_string_width(text) <= lines * width * 0.9:
            break
        size -= 0.5
    return size


def _badge(
    pdf: FPDF, badge: Badge, edition_name: str, x: float, y: float, width: float, height: float
) -> None:
    pdf.set_draw_color(190, 190, 190)
    pdf.rect(x, y, width, height)  # the cutting line
    pad = width * 0.06
    inner = width - 2 * pad
    unit = min(height, width * 0.6) / 6  # font sizes follow the badge's size
    pdf.set_xy(x + pad, y + pad)
    size = _fitted(pdf, printable(edition_name), "", unit * 1.1, inner)
    pdf.cell(inner, size * 0.4, printable(edition_name))
    pdf.set_xy(x + pad, y + height * 0.28)
    name = printable(badge.name)
    size = _fitted(pdf, name, "B", unit * 2.6, inner, lines=2)
    pdf.multi_cell(inner, size * 0.42, name, new_x=XPos.LEFT, new_y=YPos.NEXT)
    for text in (badge.organisation, badge.municipality):
        if text:
            pdf.set_x(x + pad)
            size = _fitted(pdf, printable(text), "", unit * 1.3, inner)
            pdf.cell(inner, size * 0.45, printable(text), new_x=XPos.LEFT, new_y=YPos.NEXT)
    role = printable(badge.role.upper())
    size = _fitted(pdf, role, "B", unit * 1.3, inner)
    pdf.set_xy(x + pad, y + height - pad - size * 0.4)
    pdf.cell(inner, size * 0.4, role)


def badges(edition: Edition, people: Sequence[Badge], layout: BadgeLayout) -> bytes:
    """Name badges on sheets or one per page, in the order given."""
    pdf = _document(
        title=_("Name badges") + f": {edition.name}", orientation=layout.orientation, page=layout.page
    )
    pdf.set_auto_page_break(auto=False)
    per_page = layout.columns * layout.rows
    for index, badge in enumerate(people):
        if index % per_page == 0:
            pdf.add_page()
        slot = index % per_page
        x = layout.left + (slot % layout.columns) * layout.width
        y = layout.top + (slot // layout.columns) * layout.height
        _badge(pdf, badge, edition.name, x, y, layout.width, layout.height)
    if not people:
        pdf.add_page()
    return _bytes(pdf)


@dataclass(frozen=True)
class Attendance:
    registration: Registration
    days: list[EditionDay]
    hours: float
    contributions: list[str]


def certificate(attendance: Attendance) -> bytes:
    """The attendance certificate ("kursbevis"): who attended what, on which days, for how many hours."""
    registration = attendance.registration
    edition = registration.edition
    pdf = _document(title=_("Certificate of attendance") + f": {registration.name}")
    pdf.set_margins(25, 30, 25)
    pdf.add_page()
    _line(pdf, _("Certificate of attendance"), size=24, style="B", height=14)
    pdf.ln(6)
    _line(pdf, registration.name, size=20, style="B", height=12)
    if registration.organisation_name:
        _line(pdf, f"{registration.organisation_name}, {registration.municipality.name}", size=12)
    pdf.ln(6)
    _line(pdf, _("took part in %(edition)s.") % {"edition": edition.name}, size=13, height=8)
    pdf.ln(4)
    for day in attendance.days:
        _line(pdf, f"{_day_text(day)}: {day.label}", size=11, height=7)
    pdf.ln(2)
    hours = formats.number_format(attendance.hours, decimal_pos=1)
    _line(pdf, _("Hours in all: %(hours)s") % {"hours": hours}, size=11, style="B", height=7)
    if attendance.contributions:
        pdf.ln(4)
        _line(pdf, _("Contributed to the programme:"), size=11, style="B", height=7)
        for title in attendance.contributions:
            _line(pdf, f"- {title}", size=11, height=6)
    pdf.ln(12)
    _line(pdf, f"{edition.name}, {edition.venue_name}", size=10)
    return _bytes(pdf)
