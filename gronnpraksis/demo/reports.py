"""Session reports for a past edition's archive, from `data/<name>.toml`, written through
`program.reports.save_report` by the item's primary contributor (or the organiser for items without
one), each with a small slide PDF made here with fpdf2 in Inter. Idempotent: an item that already has a
report is left as it is."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from gronnpraksis.accounts.models import User
from gronnpraksis.core.fonts import inter_file
from gronnpraksis.editions.models import Edition
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import NewAttachment
from gronnpraksis.examples.uploads import check_upload
from gronnpraksis.places.models import Municipality
from gronnpraksis.program.models import SessionReport
from gronnpraksis.program.reports import LinkData, OutcomeData, save_report

from .loaders import load


def seed_session_reports(edition: Edition, organiser: User, name: str = "gp22_reports") -> None:
    """The reports of `data/<name>.toml` for the edition's items (found by title)."""
    for spec in load(name)["reports"]:
        item = (
            edition.program_items.select_related("edition", "contribution").filter(title=spec["item"]).first()
        )
        if item is None or SessionReport.objects.filter(item=item).exists():
            continue
        files = []
        if "slides" in spec:
            upload = SimpleUploadedFile(
                "lysark.pdf", slide_pdf(spec["slides"]["title"], spec["slides"]["lines"]), "application/pdf"
            )
            files.append(
                NewAttachment(file=upload, checked=check_upload(upload), title=spec["slides"]["title"])
            )
        save_report(
            item=item,
            by=_author(item.contribution, organiser),
            summary=spec["summary"].strip(),
            links=[LinkData(title=link["title"], url=link["url"]) for link in spec.get("links", [])],
            outcomes=[_outcome(outcome) for outcome in spec.get("outcomes", [])],
            new_files=files,
        )


def _author(contribution: Any, organiser: User) -> User:
    if contribution is not None:
        primary = contribution.contributors.filter(is_primary=True, user__isnull=False).first()
        if primary is not None and primary.user is not None:
            return primary.user
    return organiser


def _outcome(spec: dict[str, Any]) -> OutcomeData:
    example = None
    if "example" in spec:
        example = Example.objects.filter(title=spec["example"], state=ModerationState.PUBLISHED).first()
    municipality = (
        Municipality.objects.filter(number=spec["municipality"]).first() if "municipality" in spec else None
    )
    return OutcomeData(kind=spec["kind"], text=spec["text"], example=example, municipality=municipality)


def slide_pdf(title: str, lines: list[str]) -> bytes:
    """A small 16:9 slide deck: a title slide and one slide with the points, in Inter (Helvetica if the
    font files are missing)."""
    pdf = FPDF(orientation="L", unit="mm", format=(142.9, 254.0))
    pdf.set_title(title)
    regular, bold = inter_file("inter-latin-400-normal.woff"), inter_file("inter-latin-700-normal.woff")
    font = "helvetica"
    if regular and bold:
        pdf.add_font("Inter", "", str(regular))
        pdf.add_font("Inter", "B", str(bold))
        font = "Inter"
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font(font, "B", 28)
    pdf.set_xy(20, 50)
    pdf.multi_cell(214, 14, title)
    pdf.set_font(font, "", 14)
    pdf.set_x(20)
    pdf.cell(0, 12, "Grønn Praksis 22 · Kristiansand")
    pdf.add_page()
    pdf.set_font(font, "B", 22)
    pdf.set_xy(20, 20)
    pdf.cell(0, 14, title)
    pdf.set_font(font, "", 16)
    pdf.set_xy(20, 45)
    for line in lines:
        pdf.set_x(20)
        pdf.multi_cell(214, 10, f"•  {line}")
        pdf.ln(2)
    return bytes(pdf.output())
