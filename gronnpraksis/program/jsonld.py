"""schema.org `Event` descriptions (JSON-LD) for the edition page and programme item pages, written
into the page with `core.jsonld.jsonld_script`."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import Edition, EditionOrganisation, OrganisationRole

SCHEMA = "https://schema.org/"
ORGANISER_ROLES = {OrganisationRole.HOST, OrganisationRole.CO_ORGANISER}


def _address(edition: Edition) -> dict:
    address = {
        "@type": "PostalAddress",
        "addressLocality": edition.host_municipality.name,
        "addressCountry": "NO",
    }
    if edition.venue_address:
        address["streetAddress"] = edition.venue_address
    return address


def edition_event(
    request: HttpRequest, edition: Edition, organisers: list[EditionOrganisation] | None = None
) -> dict:
    """The edition as a schema.org Event. `organisers` saves a query when the page already has them."""
    if organisers is None:
        organisers = list(edition.organisers.select_related("organisation"))
    organisations: list[dict[str, str]] = []
    for organiser in organisers:
        if organiser.role in ORGANISER_ROLES and all(
            o["name"] != organiser.organisation.name for o in organisations
        ):
            organisation = {"@type": "Organization", "name": organiser.organisation.name}
            if organiser.organisation.website:
                organisation["url"] = organiser.organisation.website
            organisations.append(organisation)
    event: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.name,
        "description": edition.headline,
        "startDate": edition.starts_on.isoformat(),
        "endDate": edition.ends_on.isoformat(),
        "eventStatus": f"{SCHEMA}EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": edition.venue_name, "address": _address(edition)},
        "url": absolute_url(edition.get_absolute_url()),
        "inLanguage": "nb",
    }
    if organisations:
        event["organizer"] = organisations
    return event


def item_event(request: HttpRequest, edition: Edition, item: dict, report: dict | None = None) -> dict:
    """A published programme item (a snapshot dict) as a schema.org Event within the edition. With its
    session report (`reports.shown`): the links as `recordedIn` (the recordings), the files as
    `workFeatured` (the slides shown) and the summary as `subjectOf`, a report about the event."""
    start = parse_datetime(item["starts_at"])
    end = parse_datetime(item["ends_at"])
    assert start is not None and end is not None
    room = (item.get("room") or {}).get("name")
    place = f"{room}, {edition.venue_name}" if room else edition.venue_name
    super_event = edition_event(request, edition, organisers=[])
    del super_event["@context"]
    event: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item["title"],
        "startDate": start.astimezone(edition.tz).isoformat(),
        "endDate": end.astimezone(edition.tz).isoformat(),
        "eventStatus": f"{SCHEMA}{'EventCancelled' if item.get('cancelled') else 'EventScheduled'}",
        "eventAttendanceMode": f"{SCHEMA}OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": place, "address": _address(edition)},
        "url": absolute_url(reverse("program:item", kwargs={"edition": edition.slug, "pk": item["id"]})),
        "inLanguage": "nb",
        "superEvent": super_event,
    }
    description = "\n\n".join(dict.fromkeys(p for p in [item.get("summary"), item.get("description")] if p))
    if description:
        event["description"] = description
    performers = [{"@type": "Person", "name": s["name"]} for s in item.get("speakers") or [] if s.get("name")]
    if performers:
        event["performer"] = performers
    if report is not None:
        _add_report(event, report)
    return event


def _add_report(event: dict[str, object], report: dict) -> None:
    if report["links"]:
        event["recordedIn"] = [
            {"@type": "CreativeWork", "name": link["title"], "url": link["url"]} for link in report["links"]
        ]
    if report["files"]:
        event["workFeatured"] = [
            {
                "@type": "ImageObject" if f["kind"] == "image" else "DigitalDocument",
                "name": f["title"],
                "url": absolute_url(f["url"]),
                "encodingFormat": f["content_type"],
            }
            for f in report["files"]
        ]
    event["subjectOf"] = {
        "@type": "Report",
        "text": report["summary"],
        "dateModified": report["updated_at"].isoformat(),
        "inLanguage": "nb",
    }
