"""What could indicate ballot stuffing, for the organisers once the vote has closed.

Nothing here changes the count; it shows organisers where to look before they record the people's
prize (they can then choose another winner, with a reason, as for any override). Over the votes that
are counted (`voting.counted_votes`):

- votes from registrations made after the vote opened (someone registering only to vote);
- clusters: registrations whose e-mail addresses follow one pattern, or that came from one network,
  many within a short time. The patterns: one address with different `+tags` (a+1@x, a+2@x), numbered
  addresses (velger1@x, velger2@x), one domain; the network is the registration's keyed /24 or /64
  marker (`core.network`), never an address.

Each indicator can have an innocent cause (colleagues registering together from the town hall), so
the thresholds are low enough to show a pattern and the page says what they mean.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import AwardRound, Nomination
from .voting import counted_votes

WINDOW = datetime.timedelta(hours=1)
# How many registrations within WINDOW make a cluster, per kind of pattern.
THRESHOLDS = {"plus": 2, "numbered": 3, "network": 5, "domain": 10}
TRAILING_NUMBER = re.compile(r"^(.*?)[._-]?(\d+)$")


@dataclass
class Cluster:
    kind: str  # "plus", "numbered", "network" or "domain"
    pattern: str  # what the addresses share, as shown to organisers ("" for a network)
    registrations: int
    first: datetime.datetime
    last: datetime.datetime
    votes: list[tuple[str, int]] = field(default_factory=list)  # finalist title, counted votes

    @property
    def label(self) -> str:
        return {
            "plus": _("One address with different +tags"),
            "numbered": _("Numbered addresses"),
            "network": _("One network"),
            "domain": _("One e-mail domain"),
        }[self.kind]


@dataclass
class Indicators:
    late: list[tuple[Nomination, int, int]]  # finalist, counted votes, of them from late registrations
    late_total: int
    clusters: list[Cluster]


@dataclass(frozen=True)
class _Voter:
    email: str
    created_at: datetime.datetime
    network: str
    nomination_id: int


def patterns(email: str) -> list[tuple[str, str]]:
    """The (kind, pattern) pairs an address belongs to; a pattern is what similar addresses share."""
    local, _at, domain = email.lower().rpartition("@")
    if not local or not domain:
        return []
    found = [("domain", f"@{domain}")]
    base, plus, _tag = local.partition("+")
    if plus:
        found.append(("plus", f"{base}+…@{domain}"))
    numbered = TRAILING_NUMBER.match(base)
    if numbered and numbered[1]:
        found.append(("numbered", f"{numbered[1]}…@{domain}"))
    return found


def indicators(award: AwardRound) -> Indicators:
    """The indicators over the counted votes of a closed vote (`vote_counts` refuses an open one)."""
    voters = [
        _Voter(email, created, network, nomination)
        for email, created, network, nomination in counted_votes(award).values_list(
            "registration__email", "registration__created_at", "registration__network_marker", "nomination_id"
        )
    ]
    finalists = list(award.nominations.filter(on_shortlist=True).select_related("example"))
    titles = {n.pk: n.title for n in finalists}
    opened = award.voting_opens_at
    counted = Counter(v.nomination_id for v in voters)
    late = Counter(v.nomination_id for v in voters if opened is not None and v.created_at >= opened)
    rows = sorted(
        ((n, counted[n.pk], late[n.pk]) for n in finalists), key=lambda r: (-r[1], r[0].title.lower())
    )
    return Indicators(late=rows, late_total=sum(late.values()), clusters=_clusters(voters, titles))


def _clusters(voters: list[_Voter], titles: dict[int, str]) -> list[Cluster]:
    groups: dict[tuple[str, str], list[_Voter]] = defaultdict(list)
    for voter in voters:
        for kind, pattern in patterns(voter.email):
            groups[kind, pattern].append(voter)
        if voter.network:
            groups["network", voter.network].append(voter)
    clusters = []
    for (kind, pattern), members in groups.items():
        densest = _densest(sorted(members, key=lambda v: v.created_at))
        if len(densest) >= THRESHOLDS[kind]:
            votes = Counter(titles.get(v.nomination_id, "–") for v in densest)
            clusters.append(
                Cluster(
                    kind=kind,
                    pattern="" if kind == "network" else pattern,
                    registrations=len(densest),
                    first=densest[0].created_at,
                    last=densest[-1].created_at,
                    votes=votes.most_common(),
                )
            )
    return sorted(clusters, key=lambda c: (-c.registrations, c.kind, c.pattern))


def _densest(members: list[_Voter]) -> list[_Voter]:
    """The most registrations (in time order) that fall within one WINDOW."""
    best: list[_Voter] = []
    start = 0
    for end, voter in enumerate(members):
        while voter.created_at - members[start].created_at > WINDOW:
            start += 1
        if end + 1 - start > len(best):
            best = members[start : end + 1]
    return best
