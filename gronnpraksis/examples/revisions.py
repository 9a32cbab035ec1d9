"""Changes to published examples wait for a moderator.

An owner's edit of a published example does not change the example: it is kept as an `ExampleRevision`
(the changed example as a snapshot, like a version, and its new files as attachments that belong to
the revision). The page, the search index, the exports, the feed and the API read the example itself,
so they show it as last approved. The owner sees and edits the waiting change (one per example); the
moderators see it in the queue with what changed word by word, and approve it (the example becomes the
change, a new version, reindexed) or reject it with a reason mailed to the owners (the example stays as
it was). Moderators' own edits are not moderated (`services.update_example`).
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User

from .models import Attachment, Example, ExampleRevision, ModerationAction, ModerationState, RevisionState
from .permissions import can_moderate_example
from .services import (
    CENTS,
    DEFAULT_LICENCE,
    VERSIONED_FIELDS,
    ExampleData,
    ExampleError,
    NewAttachment,
    _add_attachments,
    _check_attachment_count,
    _delete_attachments,
    _lock,
    _record,
    _stored_files,
    _tell_owners,
    apply_revision,
    decide_revision,
    index_example,
    snapshot,
)


def needs_moderation(user: User, example: Example) -> bool:
    """Whether the user's edit of the example waits for a moderator: an edit of a published example by
    anyone who is not a moderator."""
    return example.state == ModerationState.PUBLISHED and not can_moderate_example(user, example)


def pending_revision(example: Example) -> ExampleRevision | None:
    """The change of a published example that waits for a moderator, if any."""
    if example.state != ModerationState.PUBLISHED:
        return None
    return example.revisions.filter(state=RevisionState.PENDING).first()


def revision_attachments(revision: ExampleRevision) -> list[Attachment]:
    """The images and documents the example would have with the change: those it keeps and the new ones."""
    ids = [a["id"] for a in revision.data.get("attachments", [])]
    return list(Attachment.all_objects.filter(example_id=revision.example_id, pk__in=ids))


def propose_revision(
    *,
    example: Example,
    data: ExampleData,
    by: User,
    new_attachments: Sequence[NewAttachment] = (),
    remove_attachments: Iterable[int] = (),
) -> ExampleRevision | None:
    """An owner changes a published example: the change waits for a moderator and nothing public
    changes. Writes the waiting revision (or changes the one already waiting), its new files (under
    random names, belonging to the revision) and a "changes sent" record; deletes files the owner
    added to the revision and removes again. A change back to the example as it is leaves nothing
    waiting (None). Nothing is kept on failure."""
    with _stored_files() as stored, transaction.atomic():
        locked = _lock(example)
        if locked.state != ModerationState.PUBLISHED:
            raise ExampleError(_("Only a published example has changes that wait for moderation."))
        revision = (
            ExampleRevision.objects.select_for_update()
            .filter(example=locked, state=RevisionState.PENDING)
            .first()
        )
        if revision is None:
            revision = ExampleRevision.objects.create(example=locked, data=snapshot(locked), created_by=by)
        removed = set(remove_attachments)
        current = revision_attachments(revision)
        _delete_attachments([a for a in current if a.revision_id == revision.pk and a.pk in removed])
        kept = [a for a in current if a.pk not in removed]
        _check_attachment_count(len(kept), len(new_attachments))
        _add_attachments(locked, new_attachments, stored, revision=revision)
        attachments = kept + list(Attachment.all_objects.filter(revision=revision).exclude(pk__in=removed))
        proposed = proposed_snapshot(data, list({a.pk: a for a in attachments}.values()))
        if _same(proposed, snapshot(locked)):
            revision.delete()
            return None
        revision.data = proposed
        revision.created_by = by
        revision.save()
        _record(locked, ModerationAction.CHANGE_SENT, by=by)
    return revision


def approve_revision(
    *, revision: ExampleRevision, by: User, comment: str = "", language: str = "nb"
) -> Example:
    """A moderator approves a waiting change: the example becomes what the owner wrote, its new files
    are shown and the removed ones deleted. Writes the example and its relations, a new version, the
    revision's decision, a "changes approved" record and a mail to each owner; updates the search index."""
    with transaction.atomic():
        locked = _lock(revision.example)
        current = _lock_revision(revision)
        if locked.state != ModerationState.PUBLISHED:
            raise ExampleError(_("The example is no longer published: publish it first."))
        apply_revision(locked, current, by=by, note=_("Changes approved"))
        decide_revision(current, RevisionState.APPROVED, by=by, comment=comment)
        _record(locked, ModerationAction.CHANGE_APPROVED, by=by, comment=comment)
        _tell_owners(locked, "example_change_approved", comment, language)
        index_example(locked)
    return locked


def reject_revision(*, revision: ExampleRevision, by: User, comment: str, language: str = "nb") -> Example:
    """A moderator rejects a waiting change, with the reason: the example stays as it is. Writes the
    revision's decision, a "changes rejected" record and a mail with the reason to each owner; deletes
    the revision's new files once the transaction has committed."""
    if not comment.strip():
        raise ExampleError(_("Tell the owner why the changes are not published."))
    with transaction.atomic():
        locked = _lock(revision.example)
        current = _lock_revision(revision)
        _delete_attachments(list(Attachment.all_objects.filter(revision=current)))
        decide_revision(current, RevisionState.REJECTED, by=by, comment=comment)
        _record(locked, ModerationAction.CHANGE_REJECTED, by=by, comment=comment)
        _tell_owners(locked, "example_change_rejected", comment, language)
    return locked


def proposed_snapshot(data: ExampleData, attachments: Sequence[Attachment]) -> dict[str, Any]:
    """What the owner wrote, in the form of `services.snapshot` (the organisation by name and number:
    it is found or made only when the change is approved)."""
    proposed: dict[str, Any] = {name: getattr(data, name) for name in VERSIONED_FIELDS}
    proposed["summary"] = data.summary[:300]
    proposed["licence"] = data.licence or DEFAULT_LICENCE
    proposed["owner_organisation"] = None
    proposed["owner_number"] = data.owner_number
    proposed["municipalities"] = sorted(m.number for m in data.municipalities)
    proposed["themes"] = sorted(t.slug for t in data.themes)
    proposed["goals"] = sorted(g.number for g in data.goals)
    proposed["key_figures"] = [
        {
            "label": f.label,
            "value": str(Decimal(f.value).quantize(CENTS)),
            "unit": f.unit,
            "accuracy": f.accuracy,
            "year": f.year,
        }
        for f in data.key_figures
    ]
    proposed["links"] = [{"url": link.url, "title": link.title} for link in data.links]
    proposed["attachments"] = [
        {"id": a.pk, "kind": a.kind, "title": a.title, "content_type": a.content_type, "size": a.size}
        for a in attachments
    ]
    return proposed


def _same(proposed: dict[str, Any], current: dict[str, Any]) -> bool:
    ignored = {"owner_organisation"}
    return {k: v for k, v in proposed.items() if k not in ignored} == {
        k: v for k, v in current.items() if k not in ignored
    }


def _lock_revision(revision: ExampleRevision) -> ExampleRevision:
    current = ExampleRevision.objects.select_for_update().get(pk=revision.pk)
    if current.state != RevisionState.PENDING:
        raise ExampleError(_("These changes are already decided."))
    return current
