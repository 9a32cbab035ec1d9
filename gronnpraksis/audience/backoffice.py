"""Staff pages of the audience app: the edition's dashboard with its downloads, and mail to groups.

Organisers only (`team_view(organiser=True)`): everyone else gets what `team_view` gives (log in, set
up an authenticator app, or a 404).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from . import charts, exports, stats


@team_view(organiser=True)
def dashboard(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Who comes, what was sent in, how far the review is, and the day itself, as charts and tables."""
    tables = stats.dashboard_tables(edition)
    figures = [(table, charts.chart(table)) for table in tables]
    on_day = next(t for t in tables if t.slug == "checked-in-by-hour")
    return render(
        request,
        "audience/dashboard.html",
        {"edition": edition, "role": role, "figures": figures, "on_day": on_day.extra},
    )


@team_view(organiser=True)
def table_download(request: TeamRequest, edition: Edition, role: str, table: str, fmt: str) -> HttpResponse:
    """One table as CSV, or every table as one XLSX workbook (`table` = "alle")."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    tables = stats.dashboard_tables(edition)
    if fmt == "xlsx":
        chosen = tables if table == "alle" else [t for t in tables if t.slug == table]
        if not chosen:
            raise Http404
        body, content_type = exports.tables_xlsx(chosen), exports.XLSX_TYPE
    else:
        found = next((t for t in tables if t.slug == table), None)
        if found is None:
            raise Http404
        body, content_type = exports.table_csv(found), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-{table}.{fmt}"'
    return response
