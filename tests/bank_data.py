"""Practice examples for the example bank's tests, written with the models and indexed for search."""

import datetime
from typing import Any

from django.utils import timezone

from gronnpraksis.examples.models import Example, ModerationAction, ModerationRecord, ModerationState, Stage
from gronnpraksis.examples.services import index_example
from tests.factories import municipality, theme

KRISTIANSAND, OSLO, BERGEN = "4204", "0301", "4601"
AGDER = "42"
CONTACT_EMAIL = "hemmelig.kontakt@kommune.example.no"
NOT_PUBLIC = [
    ModerationState.DRAFT,
    ModerationState.PENDING,
    ModerationState.RETURNED,
    ModerationState.REJECTED,
]


def publish(
    title: str,
    text: str = "",
    *,
    themes: tuple[str, ...] = (),
    places: tuple[str, ...] = (KRISTIANSAND,),
    stage: str = Stage.IMPLEMENTATION,
    state: str = ModerationState.PUBLISHED,
    **fields: Any,
) -> Example:
    """A practice example in `state` (published by default), with themes and places, in the index."""
    example = Example.objects.create(
        title=title,
        summary=fields.pop("summary", text[:300] or f"{title}."),
        what_was_done=text,
        stage=stage,
        state=state,
        published_at=fields.pop(
            "published_at", timezone.now() if state == ModerationState.PUBLISHED else None
        ),
        **fields,
    )
    example.themes.set([theme(slug) for slug in themes])
    example.municipalities.set([municipality(number) for number in places])
    index_example(example)
    return example


def leaky_examples(title: str = "Sykkelparkering", *, behind: bool = True, **fields: Any) -> list[Example]:
    """Examples the public must never see, with the same words, theme and place as a published one,
    and a contact e-mail: one per unpublished state, one withdrawn after it was published, and (with
    `behind`) one rejected behind the search index's back, its entry still there. The search checks
    the state of what it lists and counts in all, but its facet counts trust the index."""
    fields = {
        "themes": ("transport",),
        "contact_email": CONTACT_EMAIL,
        "contact_name": "Skjult Person",
        **fields,
    }
    examples = [
        publish(f"{title} ({state})", "Tak over sykler.", state=state, **fields) for state in NOT_PUBLIC
    ]
    withdrawn = publish(f"{title} (trukket)", "Tak over sykler.", **fields)
    withdrawn.state = ModerationState.DRAFT
    withdrawn.save()
    ModerationRecord.objects.create(example=withdrawn, action=ModerationAction.WITHDRAWN)
    index_example(withdrawn)
    examples.append(withdrawn)
    if behind:
        rejected = publish(f"{title} (bak ryggen)", "Tak over sykler.", **fields)
        Example.objects.filter(pk=rejected.pk).update(state=ModerationState.REJECTED)  # no index_example
        examples.append(rejected)
    return examples


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def contactable(title: str = "Matsvinn til matglede", **fields: Any) -> Example:
    return publish(title, contact_email=CONTACT_EMAIL, contact_name="Kari Kontakt", **fields)
