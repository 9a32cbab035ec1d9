"""Moderation of the example bank (moderators only: the permission `examples.moderate_example`).

The queue `/eksempler/moderering/` lists the examples waiting (oldest first) with the count in each
state, owners' changes to published examples waiting (`revisions`), drafts from contributions,
examples sent back, published examples changed since they were published, and the latest decisions. An example's page shows what changed since it was last published
(or since any version), its versions with a way back to each, its history, and the decision form.
"""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.core.typing import AuthenticatedRequest
from gronnpraksis.editions.models import Goal, Theme
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import Municipality

from . import revisions, services
from .forms import LICENCES, ChangeDecisionForm, ModerationForm
from .models import (
    Accuracy,
    Example,
    ExampleRevision,
    ExampleVersion,
    MeasureType,
    ModerationAction,
    ModerationRecord,
    ModerationState,
    RevisionState,
    Stage,
)
from .permissions import (
    can_moderate_example,
    can_moderate_examples,
    can_use_moderation,
    get_example_for_user,
    moderated_networks,
)

QUEUE_PAGE = 25
LATEST = 20
State = ModerationState
QUEUE_ORDER = [State.PENDING, State.RETURNED, State.DRAFT, State.PUBLISHED, State.REJECTED]

# What the diff calls the parts of a snapshot that are not plain fields of the example.
EXTRA_LABELS = {
    "owner_number": gettext_lazy("Organisation number"),
    "municipalities": gettext_lazy("Municipalities"),
    "themes": gettext_lazy("Themes"),
    "goals": gettext_lazy("UN sustainable development goals"),
    "key_figures": gettext_lazy("Key figures"),
    "links": gettext_lazy("Links"),
    "attachments": gettext_lazy("Images and documents"),
}
CHOICES = {
    "stage": Stage,
    "measure_type": MeasureType,
    "actor_type": Sector,
}


def _check_moderator(request: HttpRequest) -> None:
    """Everyone else gets a 404, so the pages give nothing away."""
    if not can_use_moderation(request.user):
        raise Http404


def _example_to_moderate(request: HttpRequest, pk: int) -> Example:
    """The example, if the user may decide on it: a network moderator gets a 404 for an example not
    shared through their network."""
    example = get_example_for_user(request, pk)
    if not can_moderate_example(request.user, example):
        raise Http404
    return example


def _in_scope(request: HttpRequest) -> Q:
    """The examples the user moderates: all for a national moderator, else their networks' ones."""
    if can_moderate_examples(request.user):
        return Q()
    return Q(network__in=moderated_networks(request.user))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _check_moderator(request)
    scope = _in_scope(request)
    examples = Example.objects.filter(scope)
    counts = dict(examples.order_by().values_list("state").annotate(n=Count("pk")))
    submitted = Max("moderation_log__at", filter=Q(moderation_log__action=ModerationAction.SUBMITTED))
    pending = (
        examples.filter(state=State.PENDING)
        .select_related("owner_organisation")
        .prefetch_related("municipalities")
        .annotate(submitted_at=submitted)
        .order_by("submitted_at", "pk")
    )
    page = Paginator(pending, QUEUE_PAGE).get_page(request.GET.get("side"))
    changed = Count("versions", filter=Q(versions__created_at__gt=F("published_at")))
    context = {
        "counts": [(state, state.label, counts.get(state, 0)) for state in QUEUE_ORDER],
        "page": page,
        "drafts": examples.filter(state=State.DRAFT).order_by("-updated_at", "-pk")[:LATEST],
        "returned": examples.filter(state=State.RETURNED).order_by("-updated_at", "-pk")[:LATEST],
        "changed": examples.published()
        .annotate(changes=changed)
        .filter(changes__gt=0)
        .order_by("-updated_at", "-pk")[:LATEST],
        "records": ModerationRecord.objects.filter(example__in=examples).select_related("example", "by")[
            :LATEST
        ],
        "waiting_changes": ExampleRevision.objects.filter(
            state=RevisionState.PENDING, example__state=State.PUBLISHED, example__in=examples
        )
        .select_related("example", "created_by")
        .order_by("created_at", "pk"),
    }
    return render(request, "examples/moderation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One example: what changed, its versions and history, and the decision."""
    _check_moderator(request)
    user = request.user
    example = _example_to_moderate(request, pk)
    form = ModerationForm(request.POST if request.method == "POST" else None, state=example.state)
    if request.method == "POST" and form.is_valid():
        action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
        decide: dict[str, tuple[Callable[..., Example], str]] = {
            "publish": (services.publish_example, _("“%(title)s” is published.")),
            "return": (services.return_example, _("“%(title)s” is sent back to its owner.")),
            "reject": (services.reject_example, _("“%(title)s” is rejected.")),
        }
        service, done = decide[action]
        try:
            service(example=example, by=user, comment=comment, language=get_language() or "nb")
        except services.ExampleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done % {"title": example.title})
            return redirect("examples:moderation")
    return render(request, "examples/moderation_example.html", _detail_context(request, example, form))


@login_required
@require_POST
def decide_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Approve or reject the owner's change to a published example that waits for moderation."""
    _check_moderator(request)
    example = _example_to_moderate(request, pk)
    waiting = revisions.pending_revision(example)
    if waiting is None:
        messages.info(request, _("No changes to this example wait for moderation."))
        return redirect("examples:moderate", pk=example.pk)
    form = ChangeDecisionForm(request.POST)
    if form.is_valid():
        user = request.user
        decide = (
            revisions.approve_revision
            if form.cleaned_data["action"] == "approve"
            else revisions.reject_revision
        )
        try:
            decide(
                revision=waiting,
                by=user,
                comment=form.cleaned_data["comment"],
                language=get_language() or "nb",
            )
        except services.ExampleError as error:
            form.add_error(None, str(error))
        else:
            done = (
                _("The changes to “%(title)s” are published.")
                if form.cleaned_data["action"] == "approve"
                else _("The changes to “%(title)s” are rejected; the owner is told why.")
            )
            messages.success(request, done % {"title": example.title})
            return redirect("examples:moderation")
    context = _detail_context(request, example, ModerationForm(state=example.state), change_form=form)
    return render(request, "examples/moderation_example.html", context, status=400)


def _detail_context(
    request: HttpRequest,
    example: Example,
    form: ModerationForm,
    *,
    change_form: ChangeDecisionForm | None = None,
) -> dict:
    versions = list(example.versions.select_related("created_by"))
    published = services.last_published_version(example)
    base = _chosen_version(request, versions) or published
    now = services.snapshot(example)
    waiting = revisions.pending_revision(example)
    return {
        "waiting": waiting,
        "waiting_changes": diff(now, waiting.data) if waiting else [],
        "waiting_attachments": [
            a for a in revisions.revision_attachments(waiting) if a.revision_id is not None
        ]
        if waiting
        else [],
        "change_form": change_form or ChangeDecisionForm(),
        "example": example,
        "form": form,
        "versions": versions,
        "base": base,
        "published_version": published,
        "changes": diff(base.data if base else {}, now),
        "records": example.moderation_log.select_related("by"),
        "attachments": example.attachments.all(),
        "figures": example.key_figures.all(),
        "links": example.links.all(),
    }


def _chosen_version(request: HttpRequest, versions: list[ExampleVersion]) -> ExampleVersion | None:
    wanted = request.GET.get("versjon", "")
    if not wanted.isdigit() or len(wanted) > 9:
        return None
    return next((v for v in versions if v.number == int(wanted)), None)


@login_required
@require_POST
def revert(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    """Go back to an earlier version (as a new version; the state stays)."""
    _check_moderator(request)
    example = _example_to_moderate(request, pk)
    version = get_object_or_404(ExampleVersion, example=example, number=number)
    user = request.user
    services.revert_example(example=example, version=version, by=user, language=get_language() or "nb")
    messages.success(
        request,
        _("The example is back to version %(number)s, saved as a new version. Its owners are told.")
        % {"number": number},
    )
    return redirect("examples:moderate", pk=example.pk)


# --- What changed -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field that differs: its name and the words of the text with what was removed and added."""

    label: str
    segments: list[tuple[str, str]]  # ("equal" | "delete" | "insert", text)


_TOKENS = re.compile(r"\s+|[^\s]+")


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """The fields that differ between two snapshots, word by word; an empty `before` shows everything."""
    names = [*services.VERSIONED_FIELDS, *EXTRA_LABELS]
    labels = _value_labels(before, after)
    changes = []
    for name in names:
        old, new = _as_text(name, before.get(name), labels), _as_text(name, after.get(name), labels)
        if old != new:
            changes.append(Change(_label(name), _segments(old, new)))
    return changes


def _label(name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    field = Example._meta.get_field(name)
    return str(getattr(field, "verbose_name", name)).capitalize()


def _segments(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            segments += _marked("delete", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            segments += _marked("insert", "".join(b[j1:j2]))
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
    return segments


def _marked(op: str, text: str) -> list[tuple[str, str]]:
    """A removed or added run, with the spaces around it left unmarked."""
    core = text.strip()
    if not core:
        return [("equal", text)] if op == "insert" else []
    start = text.index(core)
    parts = [("equal", text[:start]), (op, core), ("equal", text[start + len(core) :])]
    return [(kind, part) for kind, part in parts if part]


def _value_labels(*snapshots: dict[str, Any]) -> dict[str, dict]:
    """Names for the numbers and slugs in the snapshots (one query per kind)."""
    wanted: dict[str, set] = {"municipalities": set(), "themes": set(), "goals": set()}
    for data in snapshots:
        for kind, values in wanted.items():
            values.update(data.get(kind) or [])
    return {
        "municipalities": dict(
            Municipality.objects.filter(number__in=wanted["municipalities"]).values_list("number", "name")
        ),
        "themes": {t.slug: str(t) for t in Theme.objects.filter(slug__in=wanted["themes"])},
        "goals": {g.number: str(g) for g in Goal.objects.filter(number__in=wanted["goals"])},
    }


def _as_text(name: str, value: Any, labels: dict[str, dict]) -> str:
    """A snapshot value as a person reads it; lists one item per line."""
    if value in (None, "", []):
        return ""
    if name in labels:
        return "\n".join(str(labels[name].get(v, v)) for v in value)
    if name in CHOICES:
        return str(dict(CHOICES[name].choices).get(value, value))
    if name == "licence":
        return str(dict(LICENCES).get(value, value)).split(":")[0]
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "key_figures":
        return "\n".join(_figure(f) for f in value)
    if name == "links":
        return "\n".join(f"{link['title']}: {link['url']}" for link in value)
    if name == "attachments":
        return "\n".join(f"{a['title']} ({filesizeformat(a['size'])})" for a in value)
    return str(value)


def _figure(figure: dict) -> str:
    accuracy = dict(Accuracy.choices).get(figure.get("accuracy", ""), "")
    year = f", {figure['year']}" if figure.get("year") else ""
    value = f"{Decimal(figure['value']):f}"
    value = value.rstrip("0").rstrip(".") if "." in value else value
    return f"{figure['label']}: {number_format(value)} {figure['unit']} ({accuracy}{year})"
