"""Demo content for `manage.py seed_demo`: organisations, two editions, people and contributions, read
from `data/organisations.toml`, `data/editions.toml`, `data/people.toml` and `data/contributions.toml`
into the frozen dataclasses below.

Sources and assumptions
-----------------------
- Grønn Praksis 22: the KS article in `docs/../seed/gronn-praksis-22.txt` (host, co-organiser, partners,
  dates, audience, perspective, the award, Miljøuka, Kortreist kvalitet). The venue (Hotel Norge), the
  number of participants (over 100), the ten nominees, the participant vote, the winner (Mulighetenes Hus
  in Vennesla), Agder fylkeskommune as a further organiser and Klimapartnere Agder as funder come from
  Kristiansand's own report, kristiansander.no/miljouka/aktuelt/gronnpraksis-22 (published 1 June 2022).
  Mulighetenes Hus' figures (about 60 tonnes of food a year, climate café, 50–60 volunteers) come from
  the organisation's own op-ed in Vennesla Tidende. Everything else about GP22 (deadlines, ticket prices,
  capacities, the street address) is an assumption and marked so where it is set.
- Grønn Praksis 27 is invented (is_demo=True): its people, figures and most contributions are fictional.
- Organisation numbers are real ones from Brønnøysundregistrene, taken only where two independent public
  sources agree (for municipalities: SSB's own reference list). Where unsure, the number is left blank.
  Note: Kristiansand's number is the one of the municipality formed on 1 January 2020 (820852982);
  963296746 was the number of the old Kristiansand kommune before the merger with Søgne and Songdalen.
- Fictional organisations carry "(demo)" in their name. Fictional people have @example.no addresses.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from gronnpraksis.organisations.models import Sector

from .loaders import build, load

NAMESPACE = uuid.UUID("5d0c4b1e-6f3a-5e0b-9a57-67726f6e6e70")  # fixed: the demo's keys never change


def demo_key(*parts: str) -> uuid.UUID:
    """A stable idempotency key for a demo row, so re-running finds the same row."""
    return uuid.uuid5(NAMESPACE, "/".join(parts))


# --- Organisations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    number: str = ""
    sector: str = Sector.OTHER
    municipality: str | None = None  # municipality number
    website: str = ""


ORGANISATIONS: dict[str, Org] = {
    key: build(Org, values) for key, values in load("organisations")["organisations"].items()
}

# --- Editions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: datetime.date
    label: str
    capacity_label: str
    limit: int
    starts_at: datetime.time = datetime.time(9, 0)
    ends_at: datetime.time = datetime.time(16, 0)


@dataclass(frozen=True)
class Ticket:
    key: str
    name: str
    description: str
    price: int
    quota: int | None  # None: no quota of its own


@dataclass(frozen=True)
class EditionSpec:
    slug: str
    fields: dict
    # (organisation key, role, position)
    organisers: list[tuple[str, str, int]]
    total_label: str
    total_limit: int
    days: list[Day]
    tickets: list[Ticket]


_EDITIONS = load("editions")
GP22 = build(EditionSpec, _EDITIONS["gp22"])
GP27 = build(EditionSpec, _EDITIONS["gp27"])


# --- People -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    municipality: str
    organisation: str  # key in ORGANISATIONS
    sector: str
    role: str
    ticket: str
    days: tuple[int, ...]
    phone: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""
    invoice_reference: str = ""
    news_opt_in: bool = False


_PEOPLE = load("people")
CONTRIBUTOR_EMAIL: str = _PEOPLE["contributor_email"]
# Registered for GP27 through the registration service, in this order: the sixth and seventh
# student find the student quota (5) full and land on the waitlist.
GP27_PARTICIPANTS = [build(Person, values) for values in _PEOPLE["gp27_participants"]]
# GP22 is over: its registrations are recorded through the archive's registration service, all confirmed.
GP22_PARTICIPANTS = [build(Person, values) for values in _PEOPLE["gp22_participants"]]

# --- Contributions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionSpec:
    key: str
    kind: str
    title: str
    summary: str
    description: str
    themes: tuple[str, ...]
    goals: tuple[int, ...]
    municipality: str
    organisation: str | None
    wished_format: str
    wished_length: int
    contact: tuple[str, str]
    state: str
    co_contributors: tuple[tuple[str, str], ...] = ()
    needs: str = ""
    stage: str = ""  # for practice examples shown in the bank
    starting_point: str = ""
    extra_municipalities: tuple[str, ...] = field(default=())


_CONTRIBUTIONS = load("contributions")
GP22_CONTRIBUTIONS = [build(ContributionSpec, values) for values in _CONTRIBUTIONS["gp22"]]
GP27_CONTRIBUTIONS = [build(ContributionSpec, values) for values in _CONTRIBUTIONS["gp27"]]
