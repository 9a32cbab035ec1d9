"""Partner programmes: importing iCalendar feeds from a real (local) HTTP server, the faults a feed
can have, hand-entered events, the back-office pages and what reaches the published programme."""

import datetime
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gronnpraksis.editions.models import Edition, Phase, TeamMember, TeamRole
from gronnpraksis.program import feed_fetch, partners
from gronnpraksis.program.models import ItemKind, PartnerProgramme, ProgramItem, Track
from gronnpraksis.program.services import publish_program
from tests.factories import EditionFactory, UserFactory
from tests.factories import local_time as at

pytestmark = pytest.mark.django_db


# A calendar server at the outside edge: real HTTP on 127.0.0.1, one answer per path.


@dataclass
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "text/calendar; charset=utf-8"
    headers: dict = field(default_factory=dict)
    with_length: bool = True
    delay: float = 0.0


class FeedServer:
    def __init__(self, server: ThreadingHTTPServer, answers: dict[str, Answer]) -> None:
        self.server, self.answers = server, answers

    def serve(self, path: str, body: bytes | str, **options: Any) -> str:
        self.answers[path] = Answer(body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def feed_server():
    answers: dict[str, Answer] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer = answers.get(self.path, Answer(b"Not found", status=404, content_type="text/plain"))
            time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                if answer.with_length:
                    self.send_header("Content-Length", str(len(answer.body)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the importer stopped reading, as it should for a huge body

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield FeedServer(server, answers)
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English; `reverse` gives the /en/ addresses."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _local_feeds_allowed(settings):
    """The test server is on 127.0.0.1, which production refuses (see the test that checks it).
    A fast hasher, as nothing here logs in with a password."""
    settings.PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def ics(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Miljøuka//Kalender//NO\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def vevent(uid: str, start: datetime.datetime, minutes: int = 60, **props: str) -> str:
    """A VEVENT with times in Europe/Oslo; `props` are further properties (SUMMARY="…")."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTART;TZID=Europe/Oslo:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Europe/Oslo:{start + datetime.timedelta(minutes=minutes):%Y%m%dT%H%M%S}",
        *(f"{name.replace('_', '-')}:{value}" for name, value in props.items()),
        "END:VEVENT",
    ]
    return "\r\n".join(lines) + "\r\n"


def events_of(programme: PartnerProgramme) -> list[tuple]:
    return list(
        programme.events.order_by("external_uid").values_list("external_uid", "title", "starts_at", "ends_at")
    )


@pytest.fixture
def miljouka(edition):
    return partners.create_partner_programme(
        edition=edition, name="Miljøuka", organiser="Kristiansand kommune", feed_url=""
    )


@pytest.fixture
def good_feed(edition, feed_server):
    return feed_server.serve(
        "/miljouka.ics",
        ics(
            vevent(
                "opening@miljouka.no",
                at(edition, 0, 19),
                120,
                SUMMARY="Åpningsfest for Miljøuka",
                DESCRIPTION="Musikk\\, mat og mingling.\\nGratis.",
                LOCATION="Torvet\\, Kristiansand",
                URL="https://miljouka.no/apning",
            ),
            vevent("walk@miljouka.no", at(edition, 1, 17), 90, SUMMARY="Byvandring: grønne tak"),
        ),
    )


@pytest.fixture
def imported(miljouka, good_feed):
    miljouka.feed_url = good_feed
    miljouka.save()
    result = partners.import_partner_feed(programme=miljouka)
    assert result == partners.ImportResult(created=2)
    return miljouka


# Importing


def test_creating_a_programme_creates_its_partner_track(edition, miljouka):
    assert miljouka.track.is_partner
    assert (miljouka.track.name, miljouka.track.slug) == ("Miljøuka", "partner-miljouka")
    Track.objects.filter(pk=miljouka.track.pk).update(slug="partner-miljoeuka")  # a free slug stays free
    again = partners.create_partner_programme(edition=edition, name="Miljøuka")
    taken = partners.create_partner_programme(edition=edition, name="Miljøuka")
    assert (again.track.slug, taken.track.slug) == ("partner-miljouka", "partner-miljouka-2")


def test_a_good_feed_is_imported_as_partner_events_in_the_programmes_track(edition, imported):
    opening = imported.events.get(external_uid="opening@miljouka.no")
    assert (opening.title, opening.location, opening.url) == (
        "Åpningsfest for Miljøuka",
        "Torvet, Kristiansand",
        "https://miljouka.no/apning",
    )
    assert opening.description == "Musikk, mat og mingling.\nGratis."
    assert (opening.starts_at, opening.ends_at) == (at(edition, 0, 19), at(edition, 0, 21))
    assert (opening.kind, opening.track, opening.edition, opening.room) == (
        ItemKind.PARTNER,
        imported.track,
        edition,
        None,
    )
    imported.refresh_from_db()
    assert imported.last_error == ""
    assert imported.last_success_at == imported.last_fetched_at is not None


def test_an_update_moves_changes_adds_and_removes_events_by_uid(edition, imported, feed_server):
    opening = imported.events.get(external_uid="opening@miljouka.no")
    by_hand = partners.save_partner_event(
        programme=imported,
        fields={"title": "Stand på torget", "starts_at": at(edition, 0, 12), "ends_at": at(edition, 0, 14)},
    )
    feed_server.serve(
        "/miljouka.ics",
        ics(
            vevent("opening@miljouka.no", at(edition, 0, 20), 60, SUMMARY="Åpningsfest", STATUS="CANCELLED"),
            vevent("repair@miljouka.no", at(edition, 1, 10), SUMMARY="Reparasjonskafé"),
        ),
    )
    result = partners.import_partner_feed(programme=imported)
    assert result == partners.ImportResult(created=1, updated=1, deleted=1)
    moved = ProgramItem.objects.get(pk=opening.pk)
    assert (moved.title, moved.starts_at, moved.is_cancelled) == ("Åpningsfest", at(edition, 0, 20), True)
    assert set(imported.events.values_list("title", flat=True)) == {
        "Åpningsfest",
        "Reparasjonskafé",
        "Stand på torget",
    }
    assert ProgramItem.objects.filter(pk=by_hand.pk).exists()
    # The same feed again changes nothing.
    assert partners.import_partner_feed(programme=imported) == partners.ImportResult()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/miljouka.ics"


HUGE = "BEGIN:VCALENDAR\r\n" + "X-PADDING:" + "x" * (feed_fetch.MAX_FEED_BYTES + 10) + "\r\nEND:VCALENDAR\r\n"
FAULTS: dict[str, tuple[dict[str, Any], str]] = {
    "not found": ({"body": "Not here", "status": 404, "content_type": "text/plain"}, "HTTP status 404"),
    "server error": ({"body": "Oops", "status": 500, "content_type": "text/plain"}, "HTTP status 500"),
    "malformed": ({"body": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"}, "not a valid iCalendar file"),
    "huge with length": ({"body": HUGE}, "larger than 2 MB"),
    "huge streamed": ({"body": HUGE, "with_length": False}, "larger than 2 MB"),
    "web page": (
        {"body": "<!doctype html><h1>Miljøuka</h1>", "content_type": "text/html; charset=utf-8"},
        "gives a web page",
    ),
    "web page sent as a calendar": (
        {"body": "\ufeff  <html><body>Logg inn</body></html>"},
        "gives a web page",
    ),
    "not a calendar": (
        {"body": "Hei og velkommen!", "content_type": "text/plain"},
        "does not give a calendar",
    ),
    "no usable event": (
        {"body": ics("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270601T100000\r\nEND:VEVENT\r\n")},
        "only event could not be read",
    ),
    "too many events": (
        {"body": ics(*[vevent(f"e{n}", datetime.datetime(2027, 6, 1, 10)) for n in range(1001)])},
        "at most 1000",
    ),
    "slow": ({"body": ics(), "delay": 1.5}, "did not answer within 1 seconds"),
}


@pytest.mark.parametrize("fault", [*FAULTS, "closed port"])
def test_a_failed_fetch_keeps_the_last_good_events_and_records_the_error(imported, feed_server, fault):
    before = events_of(imported)
    last_success = imported.last_success_at
    if fault == "closed port":
        imported.feed_url, expected = closed_port_url(), "could not be reached"
        imported.save()
    else:
        options, expected = FAULTS[fault]
        feed_server.serve("/miljouka.ics", **options)

    result = partners.import_partner_feed(programme=imported, seconds=1)

    assert expected in result.error
    imported.refresh_from_db()
    assert imported.last_error == result.error
    assert imported.last_success_at == last_success
    assert imported.last_fetched_at > last_success
    assert events_of(imported) == before


def test_a_redirect_to_another_scheme_is_refused(imported, feed_server):
    feed_server.serve("/miljouka.ics", "", status=302, headers={"Location": "file:///etc/passwd"})
    result = partners.import_partner_feed(programme=imported)
    assert result.error == "The feed sends us on to an address that is not http or https."
    assert imported.events.count() == 2


def test_a_redirect_to_another_http_address_is_followed(imported, feed_server, edition):
    feed_server.serve("/ny.ics", ics(vevent("moved@miljouka.no", at(edition, 0, 9), SUMMARY="Flyttet")))
    feed_server.serve("/miljouka.ics", "", status=301, headers={"Location": "/ny.ics"})
    assert partners.import_partner_feed(programme=imported) == partners.ImportResult(created=1, deleted=2)


def test_private_addresses_are_refused_in_production(settings, imported):
    settings.PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS = False
    result = partners.import_partner_feed(programme=imported)
    assert "private or local network" in result.error
    assert imported.events.count() == 2


def test_markup_in_a_feed_is_stored_as_plain_text_and_shown_escaped(
    client, organiser, edition, miljouka, feed_server
):
    miljouka.feed_url = feed_server.serve(
        "/x.ics",
        ics(
            vevent(
                "xss@miljouka.no",
                at(edition, 0, 10),
                SUMMARY="<script>alert('tittel')</script><b>Klimakafé</b> &amp; prat",
                DESCRIPTION='<p onclick="alert(1)">Velkommen</p>&lt\\;script&gt\\;alert(2)&lt\\;/script&gt\\;',
                LOCATION="<img src=x onerror=alert(3)>Biblioteket",
                URL="javascript:alert(4)",
            )
        ),
    )
    miljouka.save()
    assert partners.import_partner_feed(programme=miljouka).created == 1
    event = miljouka.events.get()
    assert event.title == "alert('tittel')Klimakafé & prat"
    assert event.description == "Velkommenalert(2)"
    assert (event.location, event.url) == ("Biblioteket", "")
    client.force_login(organiser)
    page = client.get(reverse("program_backoffice:partner", args=[edition.slug, miljouka.pk])).text
    assert "<script>alert" not in page
    assert "onerror" not in page and "onclick" not in page and "javascript:" not in page
    assert "Klimakafé &amp; prat" in page


def test_whole_days_and_floating_times_are_in_the_editions_time_zone(edition, miljouka, feed_server):
    day = edition.starts_on
    miljouka.feed_url = feed_server.serve(
        "/t.ics",
        ics(
            f"BEGIN:VEVENT\r\nUID:week\r\nSUMMARY:Utstilling\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}\r\n"
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=3):%Y%m%d}\r\nEND:VEVENT\r\n",
            f"BEGIN:VEVENT\r\nUID:day\r\nSUMMARY:Marked\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}\r\nEND:VEVENT\r\n",
            f"BEGIN:VEVENT\r\nUID:floating\r\nSUMMARY:Kafé\r\nDTSTART:{day:%Y%m%d}T101500\r\n"
            "DURATION:PT1H30M\r\nEND:VEVENT\r\n",
            f"BEGIN:VEVENT\r\nUID:utc\r\nSUMMARY:Webinar\r\nDTSTART:{day:%Y%m%d}T080000Z\r\n"
            f"DTEND:{day:%Y%m%d}T090000Z\r\nEND:VEVENT\r\n",
        ),
    )
    miljouka.save()
    partners.import_partner_feed(programme=miljouka)
    times = {e.external_uid: (e.starts_at, e.ends_at) for e in miljouka.events.all()}
    midnight = datetime.datetime.combine(day, datetime.time(0), tzinfo=edition.tz)
    assert times["week"] == (midnight, midnight + datetime.timedelta(days=3))
    assert times["day"] == (midnight, at(edition, 1, 0))
    assert times["floating"] == (at(edition, 0, 10, 15), at(edition, 0, 11, 45))
    assert times["utc"] == (
        datetime.datetime.combine(day, datetime.time(8), tzinfo=datetime.UTC),
        datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC),
    )


def test_events_that_cannot_be_shown_are_left_out_and_counted(edition, miljouka, feed_server):
    start = at(edition, 0, 10)
    miljouka.feed_url = feed_server.serve(
        "/s.ics",
        ics(
            vevent("ok", start, SUMMARY="Synlig"),
            vevent("ok", start, SUMMARY="Samme UID igjen"),
            vevent("private", start, SUMMARY="Hemmelig", CLASS="PRIVATE"),
            vevent("weekly", start, SUMMARY="Hver uke", RRULE="FREQ=WEEKLY;COUNT=3"),
            vevent("backwards", start, -30, SUMMARY="Slutter før start"),
            f"BEGIN:VEVENT\r\nUID:broken\r\nDTSTART:not-a-time\r\nDTEND:{start:%Y%m%dT%H%M%S}\r\nEND:VEVENT\r\n",
            vevent("x" * 300, start),
        ),
    )
    miljouka.save()
    result = partners.import_partner_feed(programme=miljouka)
    assert (result.created, result.skipped) == (2, 5)
    titles = dict(miljouka.events.values_list("external_uid", "title"))
    assert titles["ok"] == "Synlig"
    long_uid = next(uid for uid in titles if uid != "ok")
    assert (
        long_uid.startswith("sha256:") and titles[long_uid] == "Miljøuka"
    )  # no SUMMARY: the programme's name


def test_an_empty_calendar_removes_the_imported_events(imported, feed_server):
    feed_server.serve("/miljouka.ics", ics())
    assert partners.import_partner_feed(programme=imported) == partners.ImportResult(deleted=2)


# The feed worker


def test_the_feed_worker_fetches_what_is_due(edition, imported, feed_server, good_feed):
    fresh = partners.create_partner_programme(edition=edition, name="Fersk", feed_url=good_feed)
    partners.import_partner_feed(programme=fresh)
    new = partners.create_partner_programme(edition=edition, name="Ny", feed_url=good_feed)
    by_hand = partners.create_partner_programme(edition=edition, name="For hånd")
    ended = EditionFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
        ends_on=timezone.localdate() - datetime.timedelta(days=29),
    )
    old = partners.create_partner_programme(edition=ended, name="Gammel", feed_url=good_feed)
    PartnerProgramme.objects.filter(pk=imported.pk).update(
        last_fetched_at=timezone.now() - datetime.timedelta(hours=2)
    )

    call_command("partner_feeds")

    fetched = set(PartnerProgramme.objects.exclude(last_success_at=None).values_list("name", flat=True))
    assert fetched == {"Miljøuka", "Fersk", "Ny"}
    assert new.events.count() == 2
    assert not by_hand.events.exists() and not old.events.exists()
    assert PartnerProgramme.objects.get(pk=fresh.pk).last_fetched_at == fresh.last_fetched_at


def test_the_feed_worker_records_a_failure(settings, imported, feed_server):
    PartnerProgramme.objects.filter(pk=imported.pk).update(last_fetched_at=None)
    feed_server.serve("/miljouka.ics", "Nope", status=503, content_type="text/plain")
    call_command("partner_feeds", "--timeout", "2")
    imported.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):  # stored in the site's language
        assert imported.last_error == _("The feed answered with HTTP status %(status)s.") % {"status": 503}
    assert imported.events.count() == 2


# What the public sees


def test_partner_events_reach_the_public_programme_and_exports_at_the_next_publication(
    client, edition, imported
):
    edition.phase = Phase.OPEN
    edition.save()
    assert "Åpningsfest" not in client.get(f"/en/{edition.slug}/program/").text
    version = publish_program(edition=edition, user=None)
    partner_items = [item for item in version.items if item["kind"] == ItemKind.PARTNER]
    assert {item["title"] for item in partner_items} == {"Åpningsfest for Miljøuka", "Byvandring: grønne tak"}
    assert all(
        item["track"] == {"slug": "partner-miljouka", "name": "Miljøuka", "is_partner": True}
        for item in partner_items
    )
    assert "Åpningsfest for Miljøuka" in client.get(f"/en/{edition.slug}/program/").text
    schedule = json.loads(client.get(f"/en/{edition.slug}/program.json").content)["schedule"]["conference"]
    assert {"name": "Miljøuka", "slug": "partner-miljouka"} in schedule["tracks"]
    events = [event for day in schedule["days"] for room in day["rooms"].values() for event in room]
    assert {e["title"] for e in events if e["track"] == "Miljøuka"} == {
        "Åpningsfest for Miljøuka",
        "Byvandring: grønne tak",
    }


# The back-office pages


def urls(edition: Edition, programme: PartnerProgramme, event: ProgramItem) -> list[str]:
    kw = {"edition": edition.slug}
    pk = {**kw, "pk": programme.pk}
    return [
        reverse("program_backoffice:partners", kwargs=kw),
        reverse("program_backoffice:partner", kwargs=pk),
        reverse("program_backoffice:partner_edit", kwargs=pk),
        reverse("program_backoffice:partner_delete", kwargs=pk),
        reverse("program_backoffice:partner_fetch", kwargs=pk),
        reverse("program_backoffice:partner_event_new", kwargs=pk),
        reverse("program_backoffice:partner_event", kwargs={**pk, "event": event.pk}),
        reverse("program_backoffice:partner_event_delete", kwargs={**pk, "event": event.pk}),
    ]


@pytest.fixture
def hand_event(edition, miljouka):
    return partners.save_partner_event(
        programme=miljouka,
        fields={"title": "Stand", "starts_at": at(edition, 0, 12), "ends_at": at(edition, 0, 13)},
    )


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_only_organisers_reach_partner_pages(client, edition, miljouka, hand_event, who):
    user = UserFactory()
    if who == "reviewer":
        TeamMember.objects.create(edition=edition, user=user, role=TeamRole.REVIEWER)
    client.force_login(user)
    for url in urls(edition, miljouka, hand_event):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Overtatt", "title": "x"}).status_code == 404, url
    assert PartnerProgramme.objects.get().name == "Miljøuka"
    assert ProgramItem.objects.filter(pk=hand_event.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, edition, miljouka, hand_event):
    for url in urls(edition, miljouka, hand_event):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url


def test_another_editions_programme_is_not_found(client, organiser, edition, miljouka, hand_event):
    other = EditionFactory()
    client.force_login(organiser)
    for url in urls(edition, miljouka, hand_event)[1:]:
        url = url.replace(f"/{edition.slug}/", f"/{other.slug}/", 1)
        assert client.post(url).status_code == 404, url
    huge = reverse("program_backoffice:partner", kwargs={"edition": edition.slug, "pk": 10**30})
    assert client.get(huge).status_code == 404


def test_an_organiser_adds_a_programme_by_hand(client, organiser, edition):
    client.force_login(organiser)
    url = reverse("program_backoffice:partners", args=[edition.slug])
    response = client.post(
        url, {"name": "Grønn uke", "organiser": "Bodø kommune", "website": "https://bodo.no"}
    )
    programme = PartnerProgramme.objects.get()
    assert response.url == reverse("program_backoffice:partner", args=[edition.slug, programme.pk])
    assert (programme.track.name, programme.track.is_partner, programme.feed_url) == ("Grønn uke", True, "")
    page = client.get(response.url).text
    assert "Entered by hand" in page and "next publish" in page
    assert "Fetch now" not in page


def test_adding_a_programme_with_a_feed_fetches_it_at_once(client, organiser, edition, good_feed):
    client.force_login(organiser)
    url = reverse("program_backoffice:partners", args=[edition.slug])
    response = client.post(url, {"name": "Miljøuka", "feed_url": good_feed}, follow=True)
    assert "The feed is imported: 2 new, 0 changed, 0 removed." in response.text
    assert PartnerProgramme.objects.get().events.count() == 2


def test_a_webcal_address_is_stored_as_https(client, organiser, edition):
    client.force_login(organiser)
    url = reverse("program_backoffice:partners", args=[edition.slug])
    client.post(url, {"name": "Miljøuka", "feed_url": "webcal://127.0.0.1:9/kalender.ics"})
    assert PartnerProgramme.objects.get().feed_url == "https://127.0.0.1:9/kalender.ics"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "Miljøuka"}, "already has a partner programme with this name"),
        ({"name": "Ny", "feed_url": "ftp://example.org/x.ics"}, "starts with http:// or https://"),
        ({"name": "Ny", "website": "javascript:alert(1)"}, "starts with http:// or https://"),
    ],
)
def test_a_bad_programme_form_explains_and_stores_nothing(
    client, organiser, edition, miljouka, data, message
):
    client.force_login(organiser)
    response = client.post(reverse("program_backoffice:partners", args=[edition.slug]), data)
    assert response.status_code == 400
    assert message in response.text
    assert PartnerProgramme.objects.count() == 1


def test_the_list_shows_each_programmes_state_in_a_fixed_number_of_queries(
    client, organiser, edition, imported, django_assert_num_queries
):
    PartnerProgramme.objects.filter(pk=imported.pk).update(
        last_error="The feed answered with HTTP status 500."
    )
    client.force_login(organiser)
    url = reverse("program_backoffice:partners", args=[edition.slug])
    client.get(url)  # warm up the session and the user
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).text
    for name in ["Ny", "Annen", "Tredje"]:
        partners.create_partner_programme(edition=edition, name=name)
    with django_assert_num_queries(len(one.captured_queries)):
        more = client.get(url).text
    assert "Miljøuka" in page and "The last fetch failed" in page and "Tredje" in more


def test_fetch_now_shows_the_result_and_the_page_keeps_the_error(
    client, organiser, edition, imported, feed_server
):
    client.force_login(organiser)
    url = reverse("program_backoffice:partner_fetch", args=[edition.slug, imported.pk])
    feed_server.serve("/miljouka.ics", "<html>Vedlikehold</html>", content_type="text/html")
    page = client.post(url, follow=True).text
    assert "The feed could not be imported, and the events stay as they were." in page
    assert "gives a web page" in page
    assert imported.events.count() == 2
    page = client.get(reverse("program_backoffice:partner", args=[edition.slug, imported.pk])).text
    assert "The last fetch failed" in page
    assert "The address gives a web page, not a calendar." in page
    assert "The events below are from the last good fetch" in page
    assert "Åpningsfest for Miljøuka" in page
    feed_server.serve("/miljouka.ics", ics(vevent("opening@miljouka.no", at(edition, 0, 19), SUMMARY="Fest")))
    page = client.post(url, follow=True).text
    assert "The feed is imported: 0 new, 1 changed, 1 removed." in page
    assert "The last fetch failed" not in page


def test_editing_a_programme_renames_its_track_and_fetches_a_new_feed(
    client, organiser, edition, imported, feed_server
):
    client.force_login(organiser)
    new_feed = feed_server.serve("/ny.ics", ics(vevent("one", at(edition, 0, 9), SUMMARY="Én")))
    url = reverse("program_backoffice:partner_edit", args=[edition.slug, imported.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"name": "Miljøuka 2027", "feed_url": new_feed})
    imported.refresh_from_db()
    assert (imported.name, imported.track.name, imported.track.slug) == (
        "Miljøuka 2027",
        "Miljøuka 2027",
        "partner-miljouka",
    )
    assert list(imported.events.values_list("title", flat=True)) == ["Én"]


def test_removing_the_feed_makes_its_events_editable_by_hand(client, organiser, edition, imported):
    client.force_login(organiser)
    client.post(
        reverse("program_backoffice:partner_edit", args=[edition.slug, imported.pk]), {"name": "Miljøuka"}
    )
    event = imported.events.order_by("starts_at").first()
    assert event.external_uid == ""
    url = reverse("program_backoffice:partner_event", args=[edition.slug, imported.pk, event.pk])
    assert client.get(url).status_code == 200


def test_deleting_a_programme_deletes_its_events_and_track(client, organiser, edition, imported):
    client.force_login(organiser)
    url = reverse("program_backoffice:partner_delete", args=[edition.slug, imported.pk])
    assert "its 2 events" in client.get(url).text
    assert PartnerProgramme.objects.exists()  # asking changes nothing
    client.post(url)
    assert not PartnerProgramme.objects.exists()
    assert not ProgramItem.objects.filter(kind=ItemKind.PARTNER).exists()
    assert not Track.objects.filter(is_partner=True).exists()


def test_an_organiser_adds_edits_and_removes_an_event_by_hand(client, organiser, edition, miljouka):
    client.force_login(organiser)
    new = reverse("program_backoffice:partner_event_new", args=[edition.slug, miljouka.pk])
    day = edition.starts_on.isoformat()
    response = client.post(
        new,
        {
            "title": "Nattkino",
            "day": day,
            "starts": "22:00",
            "ends": "01:00",
            "end_day": (edition.starts_on + datetime.timedelta(days=1)).isoformat(),
            "url": "https://kino.no",
        },
    )
    event = miljouka.events.get()
    assert response.url == reverse("program_backoffice:partner", args=[edition.slug, miljouka.pk])
    assert (event.kind, event.track, event.starts_at, event.ends_at) == (
        ItemKind.PARTNER,
        miljouka.track,
        at(edition, 0, 22),
        at(edition, 1, 1),
    )
    edit = reverse("program_backoffice:partner_event", args=[edition.slug, miljouka.pk, event.pk])
    assert 'value="22:00"' in client.get(edit).text
    client.post(
        edit, {"title": "Nattkino", "day": day, "starts": "20:00", "ends": "22:00", "is_cancelled": "on"}
    )
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at, event.is_cancelled) == (
        at(edition, 0, 20),
        at(edition, 0, 22),
        True,
    )
    client.post(
        reverse("program_backoffice:partner_event_delete", args=[edition.slug, miljouka.pk, event.pk])
    )
    assert not miljouka.events.exists()


@pytest.mark.parametrize(
    "times",
    [
        {"starts": "14:00", "ends": "13:00"},
        {"starts": "14:00", "ends": "14:00"},
        {"starts": "14:00", "ends": "15:00", "end_day": "2000-01-01"},
    ],
)
def test_an_event_that_ends_before_it_starts_is_refused_with_a_clear_message(
    client, organiser, edition, miljouka, times
):
    client.force_login(organiser)
    url = reverse("program_backoffice:partner_event_new", args=[edition.slug, miljouka.pk])
    response = client.post(url, {"title": "Baklengs", "day": edition.starts_on.isoformat(), **times})
    assert response.status_code == 400
    assert "The end must be after the start." in response.text
    assert not ProgramItem.objects.exists()


def test_events_from_the_feed_are_not_edited_by_hand(client, organiser, edition, imported):
    client.force_login(organiser)
    event = imported.events.first()
    assert (
        client.get(
            reverse("program_backoffice:partner_event", args=[edition.slug, imported.pk, event.pk])
        ).status_code
        == 404
    )
    delete = reverse("program_backoffice:partner_event_delete", args=[edition.slug, imported.pk, event.pk])
    assert client.post(delete).status_code == 404
    assert imported.events.count() == 2
