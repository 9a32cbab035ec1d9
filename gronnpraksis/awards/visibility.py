"""When a round's nominees become public: one rule for every surface.

A nomination is shown as a nominee ("Nominert til GrønnPraksisPrisen") once it is eligible, its
edition is public (not in planning), and nominations have closed (or the shortlist is out). Until then
the prize page lists no nominees, and neither may the example page, the bank's `?pris=nominert`, its
exports or `/api/v1/examples/?pris=nominert`: a nominee list during the nomination phase tells others
who is in the running and invites tactical nominations. Every surface asks this module:

- the prize page: `nominees_public(award)`;
- the example page (`{% example_awards %}`) and the bank's award filter (`awards.bank`,
  which the page, the exports and the API all read): `public_nominations()`.

The bank reads an index written when something changes, and the moment nominations close is no change
anyone makes. `index_newly_public_nominees` brings those nominees into the index; the worker that runs
anyway (`manage.py worker`, its `award_nominees` pass) calls it every two seconds, and a changed close
date re-indexes at once (`services.update_round`). Until it has run the bank shows a nominee a little later, never earlier.
"""

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from gronnpraksis.editions.models import Phase
from gronnpraksis.examples.registry import examples_changed

from .models import AwardRound, Nomination, NominationQuerySet


def _public_rounds(now: datetime.datetime) -> Q:
    """The condition on AwardRound under which its nominees are public (see the module)."""
    return ~Q(edition__phase=Phase.PLANNING) & (
        Q(nominations_close_at__lte=now) | Q(shortlist_published_at__isnull=False)
    )


def nominees_public(award: AwardRound, now: datetime.datetime | None = None) -> bool:
    """Whether the round's eligible nominations may be shown as nominees now."""
    now = now or timezone.now()
    return award.edition.phase != Phase.PLANNING and (
        award.nominations_closed(now) or award.shortlist_published_at is not None
    )


def public_nominations(now: datetime.datetime | None = None) -> NominationQuerySet:
    """The nominations shown as nominees anywhere: eligible, in a round whose nominees are public."""
    public = AwardRound.objects.filter(_public_rounds(now or timezone.now()))
    return Nomination.objects.eligible().filter(round__in=public)


def index_newly_public_nominees(now: datetime.datetime | None = None) -> int:
    """Put the nominees of rounds that became public since the last call into the bank's index.
    Side effects: the examples re-indexed, the rounds' `nominees_indexed_at`. Returns how many rounds."""
    now = now or timezone.now()
    due = list(
        AwardRound.objects.filter(_public_rounds(now), nominees_indexed_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for pk in due:
        # Claimed first, so two workers never index the same round twice.
        if AwardRound.objects.filter(pk=pk, nominees_indexed_at__isnull=True).update(nominees_indexed_at=now):
            reindex_nominees(pk)
    return len(due)


def index_nominees_pass() -> Iterator[str]:
    """The worker's pass (registered in `AwardsConfig.ready()`): index the nominees that became public."""
    if rounds := index_newly_public_nominees():
        yield f"nominees of {rounds} award round(s) indexed"


def reindex_nominees(award_pk: int) -> None:
    """Re-index the examples of the round's eligible nominations (after its visibility changed)."""
    examples_changed(
        Nomination.objects.eligible().filter(round_id=award_pk).values_list("example_id", flat=True)
    )
