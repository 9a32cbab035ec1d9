"""The programme exports validate against the schemas real consumers use (copied to `formats/`)."""

import datetime
import json
import zoneinfo
from pathlib import Path

import icalendar
import jsonschema
import pytest
import vobject
import xmlschema

from gronnpraksis.editions.models import Phase
from gronnpraksis.program import partners
from gronnpraksis.program.models import ProgramItem, Room, Track
from gronnpraksis.program.services import publish_program
from tests.factories import EditionFactory, submit_contribution
from tests.factories import local_time as at

FORMATS = Path(__file__).parent / "formats"
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
EXPORTS = ("program.xml", "program.json", "program.ics")


@pytest.fixture(scope="module")
def xsd():
    return xmlschema.XMLSchema(FORMATS / "schedule.xml.xsd")


@pytest.fixture(scope="module")
def json_validator():
    schema = json.loads((FORMATS / "schema.json").read_text())
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)


def add_item(edition, title, day, hour, **fields):
    return ProgramItem.objects.create(
        edition=edition,
        title=title,
        starts_at=at(edition, day, hour),
        ends_at=at(edition, day, hour) + datetime.timedelta(minutes=45),
        **fields,
    )


@pytest.fixture
def published(edition):
    """A talk with two speakers, a plenary, a partner item without a room, and a cancelled item."""
    hall = Room.objects.create(edition=edition, name="Store sal")
    track = Track.objects.create(edition=edition, name="Fordypning: mat", slug="mat")
    partner = Track.objects.create(edition=edition, name="Partnerprogram", slug="partner", is_partner=True)
    contribution = submit_contribution(
        edition, title="Matsvinn til matglede", co_contributors=[("Per Hansen", "per@example.no")]
    )
    add_item(edition, "Åpning & velkommen", 0, 9, kind="plenary", room=hall, speakers="Ordfører Ås")
    add_item(edition, contribution.title, 1, 10, contribution=contribution, room=hall, track=track)
    add_item(edition, "Byvandring", 1, 13, kind="partner", track=partner)
    add_item(edition, "Avlyst økt", 1, 14, room=hall, is_cancelled=True)
    publish_program(edition=edition, user=None)
    return edition


@pytest.mark.django_db
def test_schedule_xml_validates_and_carries_what_consumers_need(client, published, xsd):
    response = client.get(f"/{published.slug}/program.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    xsd.validate(response.content.decode())
    document = xsd.to_dict(response.content.decode())
    assert document["conference"]["acronym"] == [published.slug]
    assert [day["@index"] for day in document["day"]] == [1, 2]
    events = [event for day in document["day"] for room in day.get("room", []) for event in room["event"]]
    assert [e["title"] for e in events] == ["Åpning & velkommen", "Matsvinn til matglede", "Byvandring"]
    assert all("persons" in e and "links" in e and "attachments" in e for e in events)
    persons = [p for e in events for p in (e["persons"] or {}).get("person", [])]
    assert [(p["@id"], p["$"]) for p in persons] == [
        (1, "Ordfører Ås"),
        (2, "Kari Nordmann"),
        (3, "Per Hansen"),
    ]
    assert events[1]["start"] == "10:00" and events[1]["duration"] == "00:45"
    assert events[1]["date"].endswith("+02:00") or events[1]["date"].endswith("+01:00")
    assert events[2]["track"] == "Partnerprogram"
    assert {t["@name"] for t in document["conference"]["track"]} == {"Fordypning: mat", "Partnerprogram"}


@pytest.mark.django_db
def test_schedule_json_validates_with_persons_in_one_shape(client, published, json_validator):
    response = client.get(f"/{published.slug}/program.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    json_validator.validate(document)
    events = [
        event
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    assert len(events) == 3
    persons = [p for e in events for p in e["persons"]]
    assert persons and all(set(p) == {"id", "name"} and isinstance(p["id"], int) for p in persons)
    guids = {e["guid"] for e in events}
    again = client.get(f"/{published.slug}/program.xml").content.decode()
    assert all(guid in again for guid in guids)


@pytest.mark.django_db
def test_whole_day_partner_event_is_on_its_own_date_and_a_late_night_event_on_the_day_before(
    client, edition, xsd, json_validator
):
    """Days change at 04:00, so a party at 01:00 after the first day belongs to the first day; a
    whole-day event from a partner's feed (a DATE, imported as midnight to midnight) is on its own date."""
    second = edition.starts_on + datetime.timedelta(days=1)
    feed = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Miljøuka//Kalender//NO\r\n"
        f"BEGIN:VEVENT\r\nUID:marked\r\nSUMMARY:Bruktmarked\r\nDTSTART;VALUE=DATE:{second:%Y%m%d}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (whole_day,) = partners.parse_feed(feed, tz=edition.tz, fallback_title="Miljøuka").events
    programme = partners.create_partner_programme(edition=edition, name="Miljøuka")
    partners.save_partner_event(
        programme=programme,
        fields={"title": whole_day.title, "starts_at": whole_day.starts_at, "ends_at": whole_day.ends_at},
    )
    add_item(edition, "Åpning", 0, 9, kind="plenary")
    add_item(edition, "Nattkafé", 1, 1)  # 01:00 on the second date, after the first day's evening
    add_item(edition, "Avslutning", 1, 15, kind="plenary")
    publish_program(edition=edition, user=None)

    xml = client.get(f"/{edition.slug}/program.xml").content.decode()
    xsd.validate(xml)
    xml_days = {
        day["@date"]: (day["@start"], [e["title"] for room in day.get("room", []) for e in room["event"]])
        for day in xsd.to_dict(xml)["day"]
    }
    data = client.get(f"/{edition.slug}/program.json").json()
    json_validator.validate(data)
    json_days = {
        day["date"]: (day["day_start"], [e["title"] for room in day["rooms"].values() for e in room])
        for day in data["schedule"]["conference"]["days"]
    }

    first = edition.starts_on.isoformat()
    midnight = at(edition, 1, 0).isoformat()
    for days in (xml_days, json_days):
        assert list(days) == [first, second.isoformat()]
        assert sorted(days[first][1]) == ["Nattkafé", "Åpning"]
        assert sorted(days[second.isoformat()][1]) == ["Avslutning", "Bruktmarked"]
        # The second day starts at the whole-day event's midnight; the first keeps 04:00.
        assert days[second.isoformat()][0] == midnight
        assert days[first][0] == at(edition, 0, 4).isoformat()


@pytest.mark.django_db
def test_a_week_long_partner_event_keeps_the_frab_schedule_valid(client, edition, xsd, json_validator):
    """frab allows two digits of hours: a week-long exhibition lasts to the end of its day there, and
    keeps its whole length in the JSON."""
    programme = partners.create_partner_programme(edition=edition, name="Miljøuka")
    partners.save_partner_event(
        programme=programme,
        fields={
            "title": "Utstilling: Gjenbruk i hverdagen",
            "starts_at": at(edition, 0, 10),
            "ends_at": at(edition, 0, 10) + datetime.timedelta(days=7),
        },
    )
    publish_program(edition=edition, user=None)

    xml = client.get(f"/{edition.slug}/program.xml").content.decode()
    xsd.validate(xml)
    (event,) = [e for day in xsd.to_dict(xml)["day"] for room in day.get("room", []) for e in room["event"]]
    data = client.get(f"/{edition.slug}/program.json").json()
    json_validator.validate(data)
    (json_event,) = [
        e for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room
    ]

    assert event["duration"] == "18:00"  # 10:00 to the day's end at 04:00 the next morning
    assert json_event["duration"] == "168:00"


@pytest.mark.django_db
def test_json_validator_rejects_a_person_with_both_name_shapes(json_validator):
    """The trap the export avoids: name + public_name + integer id matches two oneOf branches."""
    person = {"id": 1, "name": "Kari", "public_name": "Kari"}
    schema = json_validator.schema

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft6Validator({**schema, "$ref": "#/definitions/Person"}).validate(person)


@pytest.mark.django_db
def test_ics_reads_the_same_local_times_in_two_libraries(client, published):
    response = client.get(f"/{published.slug}/program.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    parsed = icalendar.Calendar.from_ical(text)
    other = vobject.readOne(text)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Oslo"]
    ical_events = parsed.walk("VEVENT")
    vobject_events = other.vevent_list
    assert len(ical_events) == len(vobject_events) == 4
    expected = {
        "Åpning & velkommen": at(published, 0, 9),
        "Matsvinn til matglede": at(published, 1, 10),
        "Byvandring": at(published, 1, 13),
        "Avlyst økt": at(published, 1, 14),
    }
    for ical_event, vobject_event in zip(ical_events, vobject_events, strict=True):
        title = str(ical_event["SUMMARY"])
        assert vobject_event.summary.value == title
        local = expected[title].astimezone(OSLO).replace(tzinfo=None)
        assert ical_event.decoded("DTSTART").astimezone(OSLO).replace(tzinfo=None) == local
        assert vobject_event.dtstart.value.astimezone(OSLO).replace(tzinfo=None) == local
        assert ical_event["DTSTART"].params["TZID"] == "Europe/Oslo"
    by_title = {str(e["SUMMARY"]): e for e in ical_events}
    assert by_title["Avlyst økt"]["STATUS"] == "CANCELLED"
    assert by_title["Matsvinn til matglede"]["STATUS"] == "CONFIRMED"
    assert str(by_title["Matsvinn til matglede"]["LOCATION"]).startswith(f"Store sal, {published.venue_name}")
    categories = by_title["Matsvinn til matglede"]["CATEGORIES"]
    assert isinstance(categories, icalendar.vCategory)
    assert categories.cats == ["Fordypning: mat"]
    assert len({str(e["UID"]) for e in ical_events}) == 4


@pytest.mark.django_db
def test_uids_and_guids_stay_the_same_when_an_item_moves(client, published):
    before = icalendar.Calendar.from_ical(client.get(f"/{published.slug}/program.ics").content)
    item = ProgramItem.objects.get(title="Byvandring")
    item.starts_at += datetime.timedelta(hours=1)
    item.ends_at += datetime.timedelta(hours=1)
    item.save()
    publish_program(edition=published, user=None)

    after = icalendar.Calendar.from_ical(client.get(f"/{published.slug}/program.ics").content)

    assert {str(e["UID"]) for e in before.walk("VEVENT")} == {str(e["UID"]) for e in after.walk("VEVENT")}


@pytest.mark.django_db
def test_before_publication_every_export_is_a_valid_empty_document(client, edition, xsd, json_validator):
    xml = client.get(f"/{edition.slug}/program.xml")
    data = client.get(f"/{edition.slug}/program.json")
    ics = client.get(f"/{edition.slug}/program.ics")

    assert xml.status_code == data.status_code == ics.status_code == 200
    xsd.validate(xml.content.decode())
    assert "<event" not in xml.content.decode()
    json_validator.validate(data.json())
    calendar = icalendar.Calendar.from_ical(ics.content)
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTIMEZONE")
    assert "Last-Modified" not in xml and xml.has_header("ETag")


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_exports_of_an_edition_being_planned_are_404(client, db, export):
    hidden = EditionFactory(slug="gp98", phase=Phase.PLANNING)

    assert client.get(f"/{hidden.slug}/{export}").status_code == 404
    assert client.get(f"/finnesikke/{export}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_unpublished_items_never_appear_in_an_export(client, published, export):
    add_item(published, "Hemmelig utkast", 0, 15)
    ProgramItem.objects.filter(title="Byvandring").update(title="Endret tittel")

    body = client.get(f"/{published.slug}/{export}").content.decode()

    assert "Hemmelig utkast" not in body and "Endret tittel" not in body
    assert "Byvandring" in body


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_conditional_requests_answer_304_until_a_new_version(client, published, export):
    url = f"/{published.slug}/{export}"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200

    publish_program(edition=published, user=None)
    fresh = client.get(url, headers={"If-None-Match": etag})

    assert fresh.status_code == 200 and fresh["ETag"] != etag


@pytest.mark.django_db
def test_etag_depends_on_language(client, published):
    norwegian = client.get(f"/{published.slug}/program.xml")
    english = client.get(f"/en/{published.slug}/program.xml")

    assert english.status_code == 200
    assert norwegian["ETag"] != english["ETag"]
    assert norwegian["Last-Modified"] == english["Last-Modified"]


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_export_query_count_is_constant(client, edition, export, django_assert_num_queries):
    for hour in range(2):
        add_item(edition, f"Punkt {hour}", 0, 9 + hour)
    publish_program(edition=edition, user=None)
    # Rendering reads the edition, the version's number and date, the state of the session reports and
    # the version (and frab and C3VOC the reports themselves): 4 or 5 queries at 2 items.
    rendering = 4 if export == "program.ics" else 5
    with django_assert_num_queries(rendering):
        client.get(f"/{edition.slug}/{export}")
    # A published version never changes, so the next request is served from the cache (its key holds
    # the reports' state: a report is written without a new version).
    with django_assert_num_queries(3):
        cached = client.get(f"/{edition.slug}/{export}")
    assert cached.status_code == 200

    for minute in range(28):
        ProgramItem.objects.create(
            edition=edition,
            title=f"Ekstra {minute}",
            starts_at=at(edition, 1, 9, minute),
            ends_at=at(edition, 1, 10, minute),
        )
    publish_program(edition=edition, user=None)
    with django_assert_num_queries(rendering):
        response = client.get(f"/{edition.slug}/{export}")
    assert response.content.decode().count("Ekstra ") >= 28


@pytest.mark.django_db
def test_programme_page_links_to_the_exports(client, published):
    body = client.get(f"/{published.slug}/program/").content.decode()

    for export in EXPORTS:
        assert f'href="/{published.slug}/{export}"' in body


SUMMARY = "Kommunens biler deles med innbyggerne på kveldstid."


@pytest.mark.django_db
def test_the_summary_is_the_abstract_in_every_export_and_the_speakers_are_persons(
    client, published, xsd, json_validator
):
    xml = client.get(f"/{published.slug}/program.xml").content.decode()
    document = xsd.to_dict(xml)
    events = [event for day in document["day"] for room in day.get("room", []) for event in room["event"]]
    talk = next(e for e in events if e["title"] == "Matsvinn til matglede")
    schedule = json.loads(client.get(f"/{published.slug}/program.json").content)
    json_validator.validate(schedule)
    json_talk = next(
        e
        for day in schedule["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
        if e["title"] == "Matsvinn til matglede"
    )
    calendar = icalendar.Calendar.from_ical(client.get(f"/{published.slug}/program.ics").content)
    ics_talk = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Matsvinn til matglede")

    assert talk["abstract"] == SUMMARY and "Kari Nordmann" not in talk["abstract"]
    assert talk["description"] == SUMMARY
    assert json_talk["abstract"] == SUMMARY and json_talk["description"] == SUMMARY
    assert str(ics_talk["description"]).startswith(SUMMARY)


@pytest.mark.django_db
def test_a_version_published_before_summaries_were_kept_still_exports_validly(
    client, published, xsd, json_validator
):
    from gronnpraksis.program.models import ProgramVersion

    version = ProgramVersion.objects.get(edition=published)
    version.items = [{k: v for k, v in item.items() if k != "summary"} for item in version.items]
    version.save()

    xml = client.get(f"/{published.slug}/program.xml").content.decode()
    xsd.validate(xml)
    json_validator.validate(json.loads(client.get(f"/{published.slug}/program.json").content))
    assert client.get(f"/{published.slug}/program.ics").status_code == 200
    assert SUMMARY not in xml
