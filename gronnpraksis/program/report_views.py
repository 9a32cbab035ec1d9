"""The session report's form (contributors and organisers, once the item has run) and its files."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gronnpraksis.accounts.models import User
from gronnpraksis.core.text import slugify
from gronnpraksis.editions.permissions import get_edition_for_user

from . import reports, services
from .models import ProgramItem, ReportFile, SessionReport
from .permissions import can_write_report
from .report_forms import ReportParts


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    """Write or change an item's session report. The item's contributors and the edition's organisers
    only (404 for everyone else); before the item has run the page says so and the form is refused."""
    edition_obj = get_edition_for_user(request, edition)
    item = get_object_or_404(
        ProgramItem.objects.select_related("edition", "contribution"), edition=edition_obj, pk=pk
    )
    if not can_write_report(request.user, item):
        raise Http404
    report = SessionReport.objects.filter(item=item).prefetch_related("files", "links").first()
    context: dict[str, object] = {"edition": edition_obj, "item": item, "report": report}
    if not reports.has_run(item):
        context["not_yet"] = reports.not_yet_message(item)
        return render(
            request, "program/report_form.html", context, status=409 if request.method == "POST" else 200
        )
    if request.method == "POST":
        parts = ReportParts(report, request.POST, request.FILES)
        if parts.is_valid():
            try:
                reports.save_report(
                    item=item,
                    by=cast(User, request.user),
                    summary=parts.summary(),
                    links=parts.link_data(),
                    outcomes=parts.outcome_data(),
                    new_files=parts.new_files(),
                    remove_files=parts.removed_files(),
                )
            except reports.ReportRefused as refused:
                parts.main.add_error(None, str(refused))
                parts.files_dropped = bool(parts.new_files())
            else:
                messages.success(request, _("The report is saved and shown on the item's page."))
                return redirect("program:item", edition=edition_obj.slug, pk=item.pk)
    else:
        parts = ReportParts(report)
    context["parts"] = parts
    context["in_programme"] = item.pk in services.published_item_ids(edition_obj)
    return render(request, "program/report_form.html", context)


@require_GET
def report_file(request: HttpRequest, edition: str, pk: int, file: int) -> FileResponse:
    """A file of a published item's session report. Sent with the type checked on upload, never
    sniffed; documents as downloads."""
    edition_obj = get_edition_for_user(request, edition)
    if pk not in services.published_item_ids(edition_obj):
        raise Http404
    found = get_object_or_404(ReportFile, report__item__edition=edition_obj, report__item_id=pk, pk=file)
    extension = (found.file.name or "").rpartition(".")[2]
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=found.kind != "image",
        filename=f"{slugify(found.title, max_length=60, fallback='lysark')}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
