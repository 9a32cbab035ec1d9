"""Staff pages of the audience app: the edition's dashboard with its downloads, and mail to groups.

Organisers only (`team_view(organiser=True)`): everyone else gets what `team_view` gives (log in, set
up an authenticator app, or a 404).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from . import charts, exports, segments, services, stats
from .forms import GroupMailForm, TemplateNameForm
from .models import GroupMail, GroupMailTemplate, MailKind


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


# Mail to groups


def _initial(edition: Edition, template_pk: str | None) -> dict[str, object]:
    template = (
        GroupMailTemplate.objects.filter(edition=edition, pk=template_pk).first() if template_pk else None
    )
    if template is None:
        return {"kind": MailKind.REGISTRATION}
    return {"kind": template.kind, "subject": template.subject, "body": template.body}


@team_view(organiser=True)
def group_mail(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Compose one mail to a segment, count and preview it, send it through the outbox, or keep it
    as a template. Without JavaScript: each button posts the whole form."""
    action = request.POST.get("action", "")
    form = GroupMailForm(
        request.POST or None, edition=edition, initial=_initial(edition, request.GET.get("template"))
    )
    name_form = TemplateNameForm(request.POST if action == "save_template" else None)
    context: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        definition, kind = form.definition(), form.cleaned_data["kind"]
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        people = services.distinct_recipients(edition, definition, kind)
        if action == "save_template" and name_form.is_valid():
            template = services.save_template(
                edition=edition,
                name=name_form.cleaned_data["save_as"],
                kind=kind,
                subject=subject,
                body=body,
            )
            messages.success(request, _("The template “%(name)s” is saved.") % {"name": template.name})
            return redirect(
                f"{reverse('audience:group_mail', kwargs={'edition': edition.slug})}?template={template.pk}"
            )
        if action == "send" and request.POST.get("expected_count") == str(len(people)) and people:
            sent = services.send_group_mail(
                edition=edition,
                definition=definition,
                kind=kind,
                subject=subject,
                body=body,
                sent_by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "The mail is on its way to %(count)s person.",
                    "The mail is on its way to %(count)s people.",
                    sent.recipient_count,
                )
                % {"count": sent.recipient_count},
            )
            return redirect("audience:group_mails", edition=edition.slug)
        if action == "send":
            context["count_changed"] = True
        context["counted"], context["count"] = True, len(people)
        context["in_segment"] = len(
            {email.lower() for email in segments.members(edition, definition).values_list("email", flat=True)}
        )
        if people:
            preview = services.render_for(
                edition=edition, registration=people[0], kind=kind, subject=subject, body=body
            )
            context["preview"] = preview
    previous = stats.previous_edition(edition)
    return render(
        request,
        "audience/group_mail.html",
        {
            "edition": edition,
            "role": role,
            "form": form,
            "name_form": name_form,
            "templates": GroupMailTemplate.objects.filter(edition=edition),
            "previous": previous,
            "previous_templates": GroupMailTemplate.objects.filter(edition=previous).count()
            if previous
            else 0,
            "placeholders": services.PLACEHOLDERS,
            **context,
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@team_view(organiser=True)
def copy_templates(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Copy the previous edition's group mail templates into this one (POST)."""
    if request.method != "POST":
        return redirect("audience:group_mail", edition=edition.slug)
    previous = stats.previous_edition(edition)
    copied = services.copy_templates(source=previous, target=edition) if previous else 0
    messages.success(
        request,
        ngettext("%(count)s template copied.", "%(count)s templates copied.", copied) % {"count": copied},
    )
    return redirect("audience:group_mail", edition=edition.slug)


@team_view(organiser=True)
def group_mails(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Every group mail sent for the edition: when, by whom, to which segment, how many."""
    sent = GroupMail.objects.filter(edition=edition).select_related("sent_by")
    return render(request, "audience/group_mails.html", {"edition": edition, "role": role, "sent": sent})
