"""Shared by the contributions' tests: what the contribution form sends, and the pages' addresses."""

from typing import Any

from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition
from tests.factories import theme

KEY = "0d5c2b8e-1a8e-4a57-9b3e-2f1f6f3c0d22"


def co_forms(*people: tuple[str, str], total: int = 3) -> dict[str, str]:
    data = {
        "co-TOTAL_FORMS": str(total),
        "co-INITIAL_FORMS": "0",
        "co-MIN_NUM_FORMS": "0",
        "co-MAX_NUM_FORMS": "3",
    }
    for index in range(total):
        name, email = people[index] if index < len(people) else ("", "")
        data[f"co-{index}-name"] = name
        data[f"co-{index}-email"] = email
    return data


def contribution_fields(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "eksempel",
        "title": "Bildeling i distriktskommuner",
        "summary": "Kommunens biler deles med innbyggerne på kveldstid.",
        "description": "Vi startet med tre elbiler og en app.",
        "themes": [str(theme("transport").pk)],
        "municipality": "Kristiansand (4204)",
        "organisation_name": "Kristiansand kommune",
        "organisation_number": "963296746",
        "wished_format": "innlegg",
        "wished_length": "20",
        "needs": "",
    }
    data.update(overrides)
    return data


def submit_data(*people: tuple[str, str], **overrides: Any) -> dict[str, Any]:
    data = {
        "contact_name": "Kari Nordmann",
        "contact_email": "kari.nordmann@example.no",
        "idempotency_key": KEY,
        "website": "",
        **contribution_fields(),
        **co_forms(*people),
    }
    data.update(overrides)
    return data


def submit_url(edition: Edition) -> str:
    return f"/{edition.slug}/bidrag/"


def detail_url(contribution: Contribution) -> str:
    return f"/{contribution.edition.slug}/bidrag/{contribution.pk}/"
