"""The demo's session reports in Grønn Praksis 22's archive."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import Settings

from gronnpraksis.program.models import ReportFile, ReportOutcome, SessionReport


@pytest.mark.django_db
def test_gp22_has_session_reports_with_slides_recordings_and_outcomes(
    client: Client, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    reports = SessionReport.objects.filter(item__edition__slug="gp22")
    assert 3 <= reports.count() <= 5
    assert ReportFile.objects.filter(report__in=reports, content_type="application/pdf").count() >= 3
    assert all(
        link.url.startswith("https://gronnpraksis.no/") for report in reports for link in report.links.all()
    )
    assert ReportOutcome.objects.filter(report__in=reports, example__isnull=False).exists()
    assert ReportOutcome.objects.filter(report__in=reports, municipality__isnull=False).exists()

    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    assert SessionReport.objects.filter(item__edition__slug="gp22").count() == reports.count()
    assert ReportFile.objects.count() == ReportFile.objects.filter(report__in=reports).count()

    report = reports.select_related("item").first()
    assert report is not None
    page = client.get(f"/gp22/program/{report.item_id}/").content.decode()
    assert "data-session-report" in page
    slides = report.files.first()
    if slides is not None:
        pdf = client.get(f"/gp22/program/{report.item_id}/rapport/fil/{slides.pk}/")
        assert b"".join(pdf.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
