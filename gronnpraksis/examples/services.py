"""Every change to practice examples: sharing, editing with versions, moderation and its mails.

An example is shared as waiting for moderation (or created as a draft by a contribution, an idea or a
nomination). Moderators publish it, send it back with a comment, or reject it; each decision is a
`ModerationRecord` and a mail to the owners, written in the same transaction. Every change to the
content is kept as an `ExampleVersion` (a JSON snapshot of the fields, places, themes, goals, key
figures, links and attachments), which moderators compare and can go back to. An owner's change to a
published example waits for a moderator (`examples.revisions`). Every change calls `index_example`, so
the search index follows the example's content and state.
"""

import datetime
import functools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Goal, Network, Theme
from gronnpraksis.mail.services import enqueue_mail
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.organisations.services import get_or_create_organisation
from gronnpraksis.places.models import Municipality

from . import search
from .models import (
    Attachment,
    Example,
    ExampleLink,
    ExampleRevision,
    ExampleVersion,
    KeyFigure,
    ModerationAction,
    ModerationRecord,
    ModerationState,
    RevisionState,
)
from .permissions import can_moderate_example
from .uploads import CheckedFile

MAX_ATTACHMENTS = 10
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)
DEFAULT_LICENCE = "CC-BY-4.0"
# The example's own fields that a version keeps (and a revert restores), in the order they are shown.
VERSIONED_FIELDS = (
    "title",
    "summary",
    "starting_point",
    "what_was_done",
    "stage",
    "start_year",
    "end_year",
    "measure_type",
    "owner_name",
    "actor_type",
    "partners",
    "cost",
    "success_factors",
    "barriers",
    "transferability",
    "contact_name",
    "contact_email",
    "contact_is_public",
    "licence",
)
CENTS = Decimal("0.01")

State = ModerationState


class ExampleError(Exception):
    """A change that cannot be made in the example's state; the message is for the person who tried."""


@dataclass(frozen=True)
class KeyFigureData:
    label: str
    value: Decimal
    unit: str
    accuracy: str
    year: int | None = None


@dataclass(frozen=True)
class LinkData:
    url: str
    title: str


@dataclass(frozen=True)
class NewAttachment:
    """An upload that `uploads.check_upload` accepted, with the title the person gave it."""

    file: UploadedFile
    checked: CheckedFile
    title: str


@dataclass(frozen=True)
class ExampleData:
    """Everything a person writes about an example (the share and edit forms)."""

    title: str
    summary: str
    municipalities: Sequence[Municipality]
    themes: Sequence[Theme]
    goals: Sequence[Goal] = ()
    starting_point: str = ""
    what_was_done: str = ""
    stage: str = ""
    start_year: int | None = None
    end_year: int | None = None
    measure_type: str = ""
    owner_name: str = ""
    owner_number: str = ""
    actor_type: str = ""
    partners: str = ""
    cost: str = ""
    success_factors: str = ""
    barriers: str = ""
    transferability: str = ""
    key_figures: Sequence[KeyFigureData] = ()
    links: Sequence[LinkData] = ()
    contact_name: str = ""
    contact_email: str = ""
    contact_is_public: bool = False
    licence: str = DEFAULT_LICENCE


# --- Creating ---------------------------------------------------------------------------------------------


def create_draft_example(
    *,
    title: str,
    summary: str,
    what_was_done: str,
    owner_name: str,
    owner_organisation: Organisation | None,
    municipalities: Iterable[Municipality],
    themes: Iterable[Theme],
    goals: Iterable[Goal],
    contact_name: str,
    contact_email: str,
    created_by: User | None,
    network: Network | None = None,
) -> Example:
    """Create a draft example for the bank; a moderator publishes it later. Writes one row and its links,
    and brings its search index entry up to date (a draft has none). `network`: shared through it."""
    example = Example.objects.create(
        network=network,
        title=title,
        summary=summary[:300],
        what_was_done=what_was_done,
        owner_name=owner_name,
        owner_organisation=owner_organisation,
        contact_name=contact_name,
        contact_email=contact_email,
        state=ModerationState.DRAFT,
        created_by=created_by,
    )
    example.municipalities.set(municipalities)
    example.themes.set(themes)
    example.goals.set(goals)
    index_example(example)
    return example


def share_example(
    *,
    data: ExampleData,
    by: User,
    attachments: Sequence[NewAttachment] = (),
    language: str = "nb",
    network: Network | None = None,
) -> Example:
    """Share an example in the bank: it waits for moderation, owned by `by`. Writes the example with its
    places, themes, goals, key figures, links and attachments (files under random names), version 1, a
    "submitted" record and a receipt mail to `by`. The same person sending the same title again within
    ten minutes (a double submit) gets the first example back. If anything fails nothing is kept, files
    included. `network`: the network it is shared through (its page's link), which its moderators
    may then decide on too."""
    since = timezone.now() - DUPLICATE_WINDOW
    duplicate = Example.objects.filter(created_by=by, title=data.title, created_at__gte=since).first()
    if duplicate is not None:
        return duplicate
    _check_attachment_count(0, len(attachments))
    with _stored_files() as stored, transaction.atomic():
        example = Example(state=State.PENDING, created_by=by, network=network)
        _apply(example, data)
        example.save()
        example.owners.add(by)
        _apply_relations(example, data)
        _add_attachments(example, attachments, stored)
        _save_version(example, by=by, note=_("Shared"))
        _record(example, ModerationAction.SUBMITTED, by=by)
        _mail_receipt(example, by, language)
        index_example(example)
    return example


# --- Editing ----------------------------------------------------------------------------------------------


def update_example(
    *,
    example: Example,
    data: ExampleData,
    by: User,
    new_attachments: Sequence[NewAttachment] = (),
    remove_attachments: Iterable[int] = (),
    submit: bool = False,
    language: str = "nb",
) -> Example:
    """Save changes by an owner (to an unpublished example) or a moderator as a new version. The state
    stays: a published example changed by a moderator stays published, the change public at once. An
    owner's change to a published example waits for a moderator instead (`revisions.propose_revision`)
    and is refused here. With `submit`, a draft or returned example is sent for moderation (a
    "submitted" record and a receipt mail). Writes the example and its relations, attachments (removed
    files are deleted when the transaction commits), the version, and updates the search index.
    Nothing is kept on failure."""
    with _stored_files() as stored, transaction.atomic():
        locked = _lock(example)
        if locked.state == State.REJECTED:
            raise ExampleError(_("A rejected example cannot be changed."))
        if locked.state == State.PUBLISHED and not can_moderate_example(by, locked):
            raise ExampleError(_("Changes to a published example wait for a moderator."))
        _apply(locked, data)
        locked.save()
        _apply_relations(locked, data)
        _remove_attachments(locked, remove_attachments)
        _check_attachment_count(locked.attachments.count(), len(new_attachments))
        _add_attachments(locked, new_attachments, stored)
        sent = submit and locked.state in (State.DRAFT, State.RETURNED)
        if sent:
            _submit(locked, by, language)
        _save_version(locked, by=by, note=_("Changed and sent for moderation") if sent else _("Changed"))
        index_example(locked)
    return locked


def submit_example(*, example: Example, by: User, language: str = "nb") -> Example:
    """Send a draft or returned example for moderation. Writes the state, a "submitted" record and a
    receipt mail to `by`; the content as sent is kept as a version if it changed since the last one."""
    with transaction.atomic():
        locked = _lock(example)
        if locked.state not in (State.DRAFT, State.RETURNED):
            raise ExampleError(_("Only a draft or an example sent back can be sent for moderation."))
        _submit(locked, by, language)
        _ensure_version(locked, by=by, note=_("Sent for moderation"))
        index_example(locked)
    return locked


def withdraw_example(*, example: Example, by: User) -> Example:
    """The owner takes the example out of the bank or the moderation queue: it becomes a draft again,
    seen only by its owners and the moderators, and can be sent again later. Writes the state and a
    "withdrawn" record, and takes it out of the search index."""
    with transaction.atomic():
        locked = _lock(example)
        if locked.state not in (State.PENDING, State.PUBLISHED, State.RETURNED):
            raise ExampleError(
                _("This example is not published or waiting, so there is nothing to withdraw.")
            )
        _settle_revision(locked, by=by, keep=True)
        _set_state(locked, State.DRAFT)
        _record(locked, ModerationAction.WITHDRAWN, by=by)
        index_example(locked)
    return locked


def _submit(example: Example, by: User, language: str) -> None:
    _set_state(example, State.PENDING)
    _record(example, ModerationAction.SUBMITTED, by=by)
    _mail_receipt(example, by, language)


# --- Moderation -------------------------------------------------------------------------------------------


def publish_example(
    *,
    example: Example,
    by: User,
    comment: str = "",
    language: str = "nb",
    published_at: datetime.datetime | None = None,
    notify: bool = True,
) -> Example:
    """A moderator publishes the example (a draft, waiting, sent back or rejected one). Writes the state
    and the time of publication, the content as published as a version if it changed since the last
    one, a "published" record and a mail to each owner; adds it to the search index.

    For the archive (a publication that happened earlier, such as the demo's history) `published_at`
    dates the publication, the new version and the record, and `notify=False` sends no mail."""
    with transaction.atomic():
        locked = _lock(example)
        if locked.state == State.PUBLISHED:
            raise ExampleError(_("The example is already published."))
        _ensure_version(locked, by=by, note=_("Content as published"), at=published_at)
        locked.published_at = published_at or timezone.now()
        _set_state(locked, State.PUBLISHED, comment="")
        record = _record(locked, ModerationAction.PUBLISHED, by=by, comment=comment)
        if published_at is not None:
            ModerationRecord.objects.filter(pk=record.pk).update(at=published_at)
        if notify:
            _tell_owners(locked, "example_published", comment, language)
        index_example(locked)
    return locked


def return_example(*, example: Example, by: User, comment: str, language: str = "nb") -> Example:
    """A moderator sends the example back to its owners with a comment on what to change (also a
    published one, which leaves the bank until it is sent again). Writes the state and comment, a "sent
    back" record and a mail with the comment to each owner; updates the search index."""
    if not comment.strip():
        raise ExampleError(_("Tell the owner what to change."))
    with transaction.atomic():
        locked = _lock(example)
        if locked.state not in (State.DRAFT, State.PENDING, State.PUBLISHED):
            raise ExampleError(_("Only a draft, waiting or published example can be sent back."))
        _settle_revision(locked, by=by, keep=True)
        _set_state(locked, State.RETURNED, comment=comment)
        _record(locked, ModerationAction.RETURNED, by=by, comment=comment)
        _tell_owners(locked, "example_returned", comment, language)
        index_example(locked)
    return locked


def reject_example(*, example: Example, by: User, comment: str = "", language: str = "nb") -> Example:
    """A moderator rejects the example: it is never shown to the public and its owners can no longer
    change it. Writes the state and comment, a "rejected" record and a mail to each owner; takes it out
    of the search index."""
    with transaction.atomic():
        locked = _lock(example)
        if locked.state == State.REJECTED:
            raise ExampleError(_("The example is already rejected."))
        _settle_revision(locked, by=by, keep=False)
        _set_state(locked, State.REJECTED, comment=comment)
        _record(locked, ModerationAction.REJECTED, by=by, comment=comment)
        _tell_owners(locked, "example_rejected", comment, language)
        index_example(locked)
    return locked


def revert_example(*, example: Example, version: ExampleVersion, by: User, language: str = "nb") -> Example:
    """A moderator takes the example back to an earlier version: its fields, places, themes, goals, key
    figures and links as they were, and only the attachments it had then (later ones are deleted;
    deleted ones cannot come back). The state stays. Writes a new version, a "went back" record and a
    mail to each owner; updates the search index."""
    if version.example_id != example.pk:
        raise ExampleError(_("That version belongs to another example."))
    with transaction.atomic():
        locked = _lock(example)
        _restore(locked, version.data)
        note = _("Back to version %(number)s") % {"number": version.number}
        _save_version(locked, by=by, note=note)
        _record(locked, ModerationAction.REVERTED, by=by, comment=note)
        _tell_owners(locked, "example_reverted", note, language)
        index_example(locked)
    return locked


def index_example(example: Example) -> None:
    """Bring the example's entry in the search index up to date: written anew when it is published,
    removed otherwise. Every change to an example, its links or its moderation state must call this.
    Writes the index rows, its facet rows and new words for splitting compounds."""
    search.reindex(example)


def index_examples(ids: Iterable[int | None]) -> None:
    """`index_example` for several examples, by id: for changes elsewhere that a filter of the bank
    reads (a contribution accepted or withdrawn, a nomination, a prize, an edition made public)."""
    search.reindex_ids(i for i in ids if i is not None)


# --- Changes waiting for moderation (see `examples.revisions`) --------------------------------------------


def apply_revision(example: Example, revision: ExampleRevision, *, by: User, note: str) -> None:
    """Make the example what the revision holds: its fields and relations, the organisation found or
    made from the name and number, the revision's new files shown and those taken out deleted, and a
    new version. The caller holds the example's lock and decides the revision."""
    data = revision.data
    _restore(example, data)
    first = Municipality.objects.filter(number__in=data.get("municipalities", [])[:1]).first()
    example.owner_organisation = get_or_create_organisation(
        name=data.get("owner_name", ""),
        number=data.get("owner_number", ""),
        sector=data.get("actor_type", ""),
        municipality=first,
    )
    example.save()
    Attachment.all_objects.filter(revision=revision).update(revision=None)
    _save_version(example, by=by, note=note)


def decide_revision(revision: ExampleRevision, state: str, *, by: User | None, comment: str = "") -> None:
    revision.state = state
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.comment = comment
    revision.save(update_fields=["state", "decided_by", "decided_at", "comment", "updated_at"])


def _settle_revision(example: Example, *, by: User, keep: bool) -> None:
    """An example that leaves the bank takes the owner's waiting change along: applied when `keep` (the
    example is no longer public, and must be moderated before it is again), else dropped with its files."""
    revision = (
        ExampleRevision.objects.select_for_update()
        .filter(example=example, state=RevisionState.PENDING)
        .first()
    )
    if revision is None:
        return
    if keep:
        apply_revision(example, revision, by=by, note=_("Waiting changes kept as it left the bank"))
        decide_revision(revision, RevisionState.APPROVED, by=by)
    else:
        _delete_attachments(list(Attachment.all_objects.filter(revision=revision)))
        decide_revision(revision, RevisionState.REJECTED, by=by)


# --- Versions ---------------------------------------------------------------------------------------------


def snapshot(example: Example) -> dict[str, Any]:
    """The example's content as JSON: what a version keeps. Reads its relations from the database."""
    data: dict[str, Any] = {name: getattr(example, name) for name in VERSIONED_FIELDS}
    organisation = (
        Organisation.objects.filter(pk=example.owner_organisation_id).first()
        if example.owner_organisation_id
        else None
    )
    data["owner_organisation"] = organisation.pk if organisation else None
    data["owner_number"] = organisation.number if organisation else ""
    data["municipalities"] = sorted(example.municipalities.values_list("number", flat=True))
    data["themes"] = sorted(example.themes.values_list("slug", flat=True))
    data["goals"] = sorted(example.goals.values_list("number", flat=True))
    data["key_figures"] = [
        {
            "label": f.label,
            "value": str(Decimal(f.value).quantize(CENTS)),
            "unit": f.unit,
            "accuracy": f.accuracy,
            "year": f.year,
        }
        for f in KeyFigure.objects.filter(example=example)
    ]
    data["links"] = [
        {"url": link.url, "title": link.title} for link in ExampleLink.objects.filter(example=example)
    ]
    data["attachments"] = [
        {"id": a.pk, "kind": a.kind, "title": a.title, "content_type": a.content_type, "size": a.size}
        for a in Attachment.objects.filter(example=example)
    ]
    return data


def last_published_version(example: Example) -> ExampleVersion | None:
    """The version that was current when the example was last published (None if it never was)."""
    if example.published_at is None:
        return None
    return example.versions.filter(created_at__lte=example.published_at).order_by("-number").first()


def _save_version(example: Example, *, by: User | None, note: str) -> ExampleVersion:
    number = (example.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    return ExampleVersion.objects.create(
        example=example, number=number, data=snapshot(example), created_by=by, note=note[:300]
    )


def _ensure_version(
    example: Example, *, by: User | None, note: str, at: datetime.datetime | None = None
) -> None:
    """A version of the content as it is now, unless the latest version already holds it (drafts made
    by contributions change without versions). `at` dates a new version saved for an earlier event."""
    latest = example.versions.order_by("-number").first()
    if latest is None or latest.data != snapshot(example):
        version = _save_version(example, by=by, note=note)
        if at is not None:
            ExampleVersion.objects.filter(pk=version.pk).update(created_at=at)


def _restore(example: Example, data: dict[str, Any]) -> None:
    for name in VERSIONED_FIELDS:
        if name in data:
            setattr(example, name, data[name])
    organisation_id = data.get("owner_organisation")
    example.owner_organisation = (
        Organisation.objects.filter(pk=organisation_id).first() if isinstance(organisation_id, int) else None
    )
    example.save()
    example.municipalities.set(Municipality.objects.filter(number__in=data.get("municipalities", [])))
    example.themes.set(Theme.objects.filter(slug__in=data.get("themes", [])))
    example.goals.set(Goal.objects.filter(number__in=data.get("goals", [])))
    figures = [KeyFigureData(**{**f, "value": Decimal(f["value"])}) for f in data.get("key_figures", [])]
    _replace_figures_and_links(example, figures, [LinkData(**link) for link in data.get("links", [])])
    kept = {a["id"]: a["title"] for a in data.get("attachments", [])}
    for attachment in example.attachments.all():
        if attachment.pk in kept and attachment.title != kept[attachment.pk]:
            attachment.title = kept[attachment.pk]
            attachment.save(update_fields=["title"])
    _remove_attachments(
        example, [pk for pk in example.attachments.values_list("pk", flat=True) if pk not in kept]
    )


# --- Writing the parts ------------------------------------------------------------------------------------


def _lock(example: Example) -> Example:
    return Example.objects.select_for_update().get(pk=example.pk)


def _apply(example: Example, data: ExampleData) -> None:
    for name in VERSIONED_FIELDS:
        if name != "licence":
            setattr(example, name, getattr(data, name))
    example.summary = data.summary[:300]
    example.licence = data.licence or DEFAULT_LICENCE
    example.owner_organisation = get_or_create_organisation(
        name=data.owner_name,
        number=data.owner_number,
        sector=data.actor_type,
        municipality=data.municipalities[0] if data.municipalities else None,
    )


def _apply_relations(example: Example, data: ExampleData) -> None:
    example.municipalities.set(data.municipalities)
    example.themes.set(data.themes)
    example.goals.set(data.goals)
    _replace_figures_and_links(example, data.key_figures, data.links)


def _replace_figures_and_links(
    example: Example, figures: Sequence[KeyFigureData], links: Sequence[LinkData]
) -> None:
    KeyFigure.objects.filter(example=example).delete()
    KeyFigure.objects.bulk_create(
        KeyFigure(
            example=example,
            position=i,
            label=f.label,
            value=f.value,
            unit=f.unit,
            accuracy=f.accuracy,
            year=f.year,
        )
        for i, f in enumerate(figures)
    )
    ExampleLink.objects.filter(example=example).delete()
    ExampleLink.objects.bulk_create(
        ExampleLink(example=example, position=i, url=link.url, title=link.title)
        for i, link in enumerate(links)
    )


def _check_attachment_count(existing: int, new: int) -> None:
    if existing + new > MAX_ATTACHMENTS:
        raise ExampleError(
            _("An example can have at most %(limit)s images and documents. Remove some first.")
            % {"limit": MAX_ATTACHMENTS}
        )


@contextmanager
def _stored_files() -> Iterator[list[str]]:
    """Collects the names of files written; if the block fails, they are deleted again."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


def _add_attachments(
    example: Example,
    attachments: Sequence[NewAttachment],
    stored: list[str],
    *,
    revision: ExampleRevision | None = None,
) -> None:
    for new in attachments:
        attachment = Attachment(
            example=example,
            revision=revision,
            kind=new.checked.kind,
            title=new.title,
            content_type=new.checked.content_type,
            size=new.checked.size,
            width=new.checked.width,
            height=new.checked.height,
        )
        new.file.seek(0)
        attachment.file.save(new.checked.stored_name(), new.file, save=False)
        stored.append(str(attachment.file.name))
        attachment.save()


def _remove_attachments(example: Example, pks: Iterable[int]) -> None:
    """Deletes the rows now and their files once the transaction has committed."""
    _delete_attachments(list(Attachment.objects.filter(example=example, pk__in=list(pks))))


def _delete_attachments(doomed: Sequence[Attachment]) -> None:
    """Deletes the rows now and their files once the transaction has committed."""
    for attachment in doomed:
        delete_file = functools.partial(attachment.file.storage.delete, str(attachment.file.name))
        attachment.delete()
        transaction.on_commit(delete_file)


def _set_state(example: Example, state: str, *, comment: str | None = None) -> None:
    example.state = state
    fields = ["state", "published_at", "updated_at"]
    if comment is not None:
        example.moderation_comment = comment
        fields.append("moderation_comment")
    example.save(update_fields=fields)


def _record(example: Example, action: str, *, by: User | None, comment: str = "") -> ModerationRecord:
    return ModerationRecord.objects.create(example=example, action=action, by=by, comment=comment)


# --- Mails ------------------------------------------------------------------------------------------------


def _mail_receipt(example: Example, by: User, language: str) -> None:
    enqueue_mail(
        to=by.email,
        template="example_received",
        language=language,
        context={"example": example, "name": by.name or by.email},
    )


def _owners(example: Example) -> list[User]:
    people = {user.pk: user for user in example.owners.all()}
    if example.created_by_id is not None and example.created_by_id not in people:
        creator = User.objects.filter(pk=example.created_by_id).first()
        if creator is not None:
            people[creator.pk] = creator
    return sorted(people.values(), key=lambda user: user.pk)


def _tell_owners(example: Example, template: str, comment: str, language: str) -> None:
    """One mail per owner (and the person who created the example), in the same transaction."""
    for person in _owners(example):
        enqueue_mail(
            to=person.email,
            template=template,
            language=language,
            context={"example": example, "name": person.name or person.email, "comment": comment},
        )
