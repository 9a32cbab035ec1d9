"""Session reports: what each programme item left behind, written once it has run.

The item's contributors and the edition's organisers (`permissions.can_write_report`) write a short
summary of what was said and decided, add slides and other files (checked like the example bank's
attachments, `examples.uploads`), links to recordings (http and https only) and outcomes: a new
collaboration, a municipality that will try it, an idea that found partners, or something else, each
optionally linked to a practice example, an idea or a municipality.

A report is public at once on the item's page in the archive, in the programme exports (frab and C3VOC
`links` and `attachments`, JSON-LD) and on the page of every practice example it is about (the item's
contribution's example, or an outcome's), through `examples.registry.register_example_panel`.
Reports are read per page in a constant number of queries (`reports_by_item`).
"""

import datetime
import functools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition, Phase
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import NewAttachment
from gronnpraksis.ideas.models import Idea, IdeaVisibility
from gronnpraksis.places.models import Municipality

from . import services
from .models import ProgramItem, ReportFile, ReportLink, ReportOutcome, SessionReport

MAX_FILES = 10
MAX_LINKS = 5
MAX_OUTCOMES = 10


class ReportRefused(Exception):
    """The report cannot be saved; the message says why in plain words."""


@dataclass(frozen=True)
class LinkData:
    title: str
    url: str


@dataclass(frozen=True)
class OutcomeData:
    kind: str
    text: str
    example: Example | None = None
    idea: Idea | None = None
    municipality: Municipality | None = None


def has_run(item: ProgramItem) -> bool:
    """Whether the item is over (ended and not cancelled), so a report can be written. No side effects."""
    return not item.is_cancelled and item.ends_at <= timezone.now()


def not_yet_message(item: ProgramItem) -> str:
    if item.is_cancelled:
        return _("This item was cancelled, so it has no report.")
    return _("A report can be written once the item has run. Come back after it has ended.")


def save_report(
    *,
    item: ProgramItem,
    by: User,
    summary: str,
    links: Sequence[LinkData] = (),
    outcomes: Sequence[OutcomeData] = (),
    new_files: Sequence[NewAttachment] = (),
    remove_files: Iterable[int] = (),
) -> SessionReport:
    """Create or change the item's report. Raises ReportRefused before the item has run (or when it was
    cancelled) and when there would be too many files. Writes the report (who changed it and when), its
    links and outcomes (replaced by those given, in that order), the new files under random names
    (deleted again if anything fails) and deletes the files in `remove_files` once the transaction has
    committed."""
    if not has_run(item):
        raise ReportRefused(not_yet_message(item))
    if any(not link.url.startswith(("http://", "https://")) for link in links):
        raise ReportRefused(_("A link must start with http:// or https://."))
    with _stored_files() as stored, transaction.atomic():
        report, created = SessionReport.objects.select_for_update().get_or_create(
            item=item, defaults={"summary": summary, "created_by": by, "updated_by": by}
        )
        if not created:
            report.summary = summary
            report.updated_by = by
            report.save(update_fields=["summary", "updated_by", "updated_at"])
        doomed = list(report.files.filter(pk__in=list(remove_files)))
        if report.files.count() - len(doomed) + len(new_files) > MAX_FILES:
            raise ReportRefused(
                _("A report can have at most %(limit)s files. Remove some first.") % {"limit": MAX_FILES}
            )
        for old in doomed:
            delete_file = functools.partial(old.file.storage.delete, str(old.file.name))
            old.delete()
            transaction.on_commit(delete_file)
        for new in new_files:
            row = ReportFile(
                report=report,
                kind=new.checked.kind,
                title=new.title,
                content_type=new.checked.content_type,
                size=new.checked.size,
                width=new.checked.width,
                height=new.checked.height,
                uploaded_by=by,
            )
            new.file.seek(0)
            row.file.save(new.checked.stored_name(), new.file, save=False)
            stored.append(str(row.file.name))
            row.save()
        report.links.all().delete()
        ReportLink.objects.bulk_create(
            ReportLink(report=report, title=link.title, url=link.url, position=n)
            for n, link in enumerate(links[:MAX_LINKS])
        )
        report.outcomes.all().delete()
        ReportOutcome.objects.bulk_create(
            ReportOutcome(
                report=report,
                kind=outcome.kind,
                text=outcome.text,
                example=outcome.example,
                idea=outcome.idea,
                municipality=outcome.municipality,
                position=n,
            )
            for n, outcome in enumerate(outcomes[:MAX_OUTCOMES])
        )
    return report


@contextmanager
def _stored_files() -> Iterator[list[str]]:
    """Collects the names of files written; if the block fails, they are deleted again."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        storage = ReportFile._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


# --- Reading --------------------------------------------------------------------------------------------


def _reports() -> "Iterable[SessionReport]":
    return SessionReport.objects.select_related("item__edition", "item__contribution").prefetch_related(
        "files",
        "links",
        Prefetch("outcomes", ReportOutcome.objects.select_related("example", "idea", "municipality")),
    )


def edition_stamp(edition: Edition) -> tuple[int, datetime.datetime | None]:
    """What changes whenever a report of the edition is written, changed or removed (their number and
    the latest change): part of the keys of the cached item pages and exports. One query."""
    found = SessionReport.objects.filter(item__edition=edition).aggregate(n=Count("id"), at=Max("updated_at"))
    return found["n"], found["at"]


def reports_by_item(edition: Edition, item_ids: Iterable[int]) -> dict[int, dict]:
    """The reports of these items as plain data for pages and exports, by item id. Four queries
    whatever the number of reports, files, links and outcomes."""
    ids = list(item_ids)
    if not ids:
        return {}
    found = _reports().filter(item__edition=edition, item_id__in=ids)  # type: ignore[attr-defined]
    return {report.item_id: shown(report) for report in found}


def shown(report: SessionReport) -> dict:
    """A report as the public sees it (read from prefetched rows): only published examples and ideas
    are linked."""
    edition_slug = report.item.edition.slug
    return {
        "summary": report.summary,
        "updated_at": report.updated_at,
        "files": [
            {
                "title": f.title,
                "url": reverse(
                    "program:report_file",
                    kwargs={"edition": edition_slug, "pk": report.item_id, "file": f.pk},
                ),
                "size": f.size,
                "content_type": f.content_type,
                "kind": f.kind,
            }
            for f in report.files.all()
        ],
        "links": [{"title": link.title, "url": link.url} for link in report.links.all()],
        "outcomes": [_outcome(outcome) for outcome in report.outcomes.all()],
    }


def _outcome(outcome: ReportOutcome) -> dict:
    example = outcome.example
    idea = outcome.idea
    municipality = outcome.municipality
    return {
        "kind": outcome.kind,
        "kind_label": outcome.get_kind_display(),
        "text": outcome.text,
        "example": (
            {"title": example.title, "url": example.get_absolute_url()}
            if example is not None and example.state == ModerationState.PUBLISHED
            else None
        ),
        "idea": (
            {"title": idea.title, "url": idea.get_absolute_url()}
            if idea is not None and idea.visibility == IdeaVisibility.PUBLISHED
            else None
        ),
        "municipality": (
            {
                "name": municipality.name,
                "url": reverse("examples:municipality", kwargs={"number": municipality.number}),
            }
            if municipality is not None
            else None
        ),
    }


def reports_for_example(example: Example) -> list[dict]:
    """The public reports of items that presented the example (its contribution's item) or that name it
    in an outcome, newest edition first: for the example's page. Items not in a published programme
    and editions being planned are left out."""
    found = (
        _reports()
        .filter(Q(item__contribution__example=example) | Q(outcomes__example=example))  # type: ignore[attr-defined]
        .exclude(item__edition__phase=Phase.PLANNING)
        .filter(item__is_cancelled=False)
        .distinct()
        .order_by("-item__starts_at")
    )
    published: dict[int, set[int]] = {}
    result = []
    for report in found:
        edition = report.item.edition
        if edition.pk not in published:
            published[edition.pk] = services.published_item_ids(edition)
        if report.item_id in published[edition.pk]:
            result.append(
                {
                    **shown(report),
                    "edition": edition,
                    "title": report.item.title,
                    "item_url": reverse(
                        "program:item", kwargs={"edition": edition.slug, "pk": report.item_id}
                    ),
                    "presented": report.item.contribution_id is not None
                    and report.item.contribution.example_id == example.pk,
                }
            )
    return result


def example_panel(request: HttpRequest, example: Example) -> str:
    """The example page's section of session reports ("Presented at Grønn Praksis 22, with slides and
    the discussion"); registered with `examples.registry` from `ProgramConfig.ready()`."""
    found = reports_for_example(example)
    if not found:
        return ""
    return render_to_string("program/_example_reports.html", {"reports": found}, request=request)


def items_to_report(user: User) -> QuerySet[ProgramItem]:
    """The items of the person's contributions that have run (not cancelled), newest first, each with
    `has_report`: for Min side's list of reports to write. One query."""
    return (
        ProgramItem.objects.filter(
            contribution__in=Contribution.objects.for_user(user).values("pk"),
            is_cancelled=False,
            ends_at__lte=timezone.now(),
        )
        .select_related("edition")
        .annotate(has_report=Exists(SessionReport.objects.filter(item=OuterRef("pk"))))
        .order_by("-starts_at")
    )


def person_reports(user: User) -> list[SessionReport]:
    """The reports the person wrote or last changed, or added a file to: for their data export."""
    return list(
        _reports()
        .filter(Q(created_by=user) | Q(updated_by=user) | Q(files__uploaded_by=user))  # type: ignore[attr-defined]
        .distinct()
        .order_by("created_at")
    )
