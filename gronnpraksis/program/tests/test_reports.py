"""Session reports: who may write them, when, what bad input gives, and where they are shown."""

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from fpdf import FPDF
from pytest_django import Settings

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.examples.models import Example
from gronnpraksis.examples.tests.helpers import image_bytes, nb
from gronnpraksis.privacy.export import export_person
from gronnpraksis.program import reports
from gronnpraksis.program.models import OutcomeKind, ProgramItem, SessionReport
from gronnpraksis.program.services import publish_program
from tests.bank_data import publish
from tests.factories import UserFactory, municipality, proven_user, register_person, submit_contribution

FORMATS = Path(__file__).parent / "formats"


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Lysark")
    return bytes(pdf.output())


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run(item: ProgramItem, *, hours_ago: int = 3) -> ProgramItem:
    """Move the item into the past (as after the edition), and publish the programme again."""
    ends = timezone.now() - datetime.timedelta(hours=hours_ago)
    item.starts_at = ends - datetime.timedelta(hours=1)
    item.ends_at = ends
    item.save()
    publish_program(edition=item.edition, user=None)
    return item


@pytest.fixture
def talk(published: ProgramItem) -> ProgramItem:
    return run(published)


@pytest.fixture
def contributor(talk: ProgramItem) -> User:
    return proven_user("kari.nordmann@example.no")


def url(item: ProgramItem) -> str:
    return f"/{item.edition.slug}/program/{item.pk}/rapport/"


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "summary": "Vi snakket om matsvinn i skolekantiner. Tre kommuner vil prøve modellen.",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-url": "https://gronnpraksis.no/opptak/gp22/matsvinn/",
        "links-0-title": "Opptak av økta",
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-kind": OutcomeKind.TRIAL,
        "outcomes-0-text": "Arendal vil prøve måling av matsvinn i to skoler.",
        "outcomes-0-municipality": "4203",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


# --- Who may write -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client: Client, talk: ProgramItem) -> None:
    response = client.get(url(talk))
    assert response.status_code == 302
    assert "/konto/" in response["Location"] or "login" in response["Location"]
    assert client.post(url(talk), form()).status_code == 302
    assert not SessionReport.objects.exists()


@pytest.mark.django_db
def test_another_contributor_and_a_participant_are_refused(
    client: Client, edition: Edition, talk: ProgramItem
) -> None:
    participant = register_person(edition, email="deltaker@example.no")
    submit_contribution(edition, title="Noe annet", email="ola@example.no")
    other = proven_user("ola@example.no")
    client.force_login(other)
    assert client.get(url(talk)).status_code == 404
    assert client.post(url(talk), form()).status_code == 404
    client.force_login(UserFactory(email=participant.email))
    assert client.post(url(talk), form()).status_code == 404
    assert not SessionReport.objects.exists()


@pytest.mark.django_db
def test_a_contributor_with_an_unproven_address_is_refused(client: Client, talk: ProgramItem) -> None:
    client.force_login(UserFactory(email="kari.nordmann@example.no", proven=False))
    assert client.get(url(talk)).status_code == 404


@pytest.mark.django_db
def test_contributor_and_co_contributor_write_the_report(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    client.force_login(contributor)
    response = client.post(url(talk), form())
    assert response.status_code == 302
    report = SessionReport.objects.get(item=talk)
    assert report.created_by == contributor
    assert [link.url for link in report.links.all()] == ["https://gronnpraksis.no/opptak/gp22/matsvinn/"]
    (outcome,) = report.outcomes.all()
    assert outcome.municipality == municipality("4203")

    client.force_login(proven_user("per@example.no"))  # the co-contributor
    assert client.post(url(talk), form(summary="Endret oppsummering.")).status_code == 302
    report.refresh_from_db()
    assert report.summary == "Endret oppsummering."
    assert report.created_by == contributor


@pytest.mark.django_db
def test_organisers_write_reports_of_any_item_and_reviewers_do_not(
    client: Client, edition: Edition, talk: ProgramItem, organiser: User
) -> None:
    plenary = run(ProgramItem.objects.get(edition=edition, title="Åpning"), hours_ago=30)
    client.force_login(organiser)
    assert client.post(url(plenary), form()).status_code == 302
    assert SessionReport.objects.get(item=plenary).created_by == organiser

    reviewer = UserFactory(email="fagrad@example.no")
    TeamMember.objects.create(edition=edition, user=reviewer, role=TeamRole.REVIEWER)
    client.force_login(reviewer)
    assert client.get(url(plenary)).status_code == 404


# --- When ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_before_the_item_has_run_the_form_is_refused_with_a_message(
    client: Client, published: ProgramItem
) -> None:
    client.force_login(proven_user("kari.nordmann@example.no"))
    page = client.get(url(published))
    assert page.status_code == 200
    assert (
        nb("A report can be written once the item has run. Come back after it has ended.")
        in page.content.decode()
    )
    assert "<textarea" not in page.content.decode()
    assert client.post(url(published), form()).status_code == 409
    assert not SessionReport.objects.exists()
    with pytest.raises(reports.ReportRefused):
        reports.save_report(item=published, by=proven_user("kari.nordmann@example.no"), summary="For tidlig.")


@pytest.mark.django_db
def test_a_cancelled_item_gets_no_report(client: Client, talk: ProgramItem, contributor: User) -> None:
    talk.is_cancelled = True
    talk.save()
    client.force_login(contributor)
    assert client.post(url(talk), form()).status_code == 409
    assert not SessionReport.objects.exists()


# --- Bad input -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "ftp://gronnpraksis.no/opptak.mp4", "data:text/html,hei", "ikke en adresse"],
)
def test_a_link_that_is_not_http_keeps_the_form_and_says_why(
    client: Client, talk: ProgramItem, contributor: User, address: str
) -> None:
    client.force_login(contributor)
    response = client.post(url(talk), form(**{"links-0-url": address}))
    assert response.status_code == 200
    body = response.content.decode()
    assert nb(
        "Write a full web address that starts with https:// or http://, like https://gronnpraksis.no/opptak/."
    ) in body.replace("&#x27;", "'")
    assert "Vi snakket om matsvinn i skolekantiner." in body  # what was typed is kept
    assert "Arendal vil prøve måling av matsvinn" in body
    assert not SessionReport.objects.exists()


@pytest.mark.django_db
def test_a_disguised_or_unknown_file_is_refused_and_the_text_kept(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    client.force_login(contributor)
    disguised = SimpleUploadedFile("lysark.png", pdf_bytes(), content_type="image/png")
    data = form(**{"files-0-title": "Lysark"})
    response = client.post(url(talk), {**data, "files-0-file": disguised})
    body = response.content.decode()
    assert response.status_code == 200
    assert "lysark.png" in body and ".pdf" in body
    assert "Vi snakket om matsvinn i skolekantiner." in body

    good = SimpleUploadedFile("lysark.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(url(talk), {**data, "files-0-file": good, "links-0-url": "javascript:alert(1)"})
    assert (
        nb(
            "The files you chose were not saved, because something else in the form must be corrected. "
            "Choose them again before you send."
        )
        in response.content.decode()
    )

    script = SimpleUploadedFile("lysark.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")
    response = client.post(url(talk), {**data, "files-0-file": script})
    assert response.status_code == 200
    assert not SessionReport.objects.exists()


@pytest.mark.django_db
def test_an_unknown_example_in_an_outcome_keeps_the_form(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    client.force_login(contributor)
    response = client.post(
        url(talk), form(**{"outcomes-0-example": "https://gronnpraksis.no/eksempler/999999-finnes-ikke/"})
    )
    assert response.status_code == 200
    assert "999999" in response.content.decode()
    assert not SessionReport.objects.exists()


@pytest.mark.django_db
def test_an_outcome_without_text_is_refused(client: Client, talk: ProgramItem, contributor: User) -> None:
    client.force_login(contributor)
    response = client.post(url(talk), form(**{"outcomes-0-text": ""}))
    assert response.status_code == 200
    assert nb("Say in a sentence what happened.") in response.content.decode()


# --- Files ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_slides_are_stored_under_a_random_name_and_served_as_checked(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    client.force_login(contributor)
    slides = SimpleUploadedFile("Mine lysark.pdf", pdf_bytes(), content_type="application/pdf")
    photo = SimpleUploadedFile("tavla.png", image_bytes(), content_type="image/png")
    data = form(
        **{"files-TOTAL_FORMS": "2", "files-0-title": "Lysark fra økta", "files-1-title": "Tavla etter økta"}
    )
    assert client.post(url(talk), {**data, "files-0-file": slides, "files-1-file": photo}).status_code == 302
    stored = list(SessionReport.objects.get(item=talk).files.order_by("id"))
    assert [f.content_type for f in stored] == ["application/pdf", "image/png"]
    assert "Mine" not in str(stored[0].file.name)
    client.logout()
    response = client.get(f"/{talk.edition.slug}/program/{talk.pk}/rapport/fil/{stored[0].pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]

    client.force_login(contributor)
    assert client.post(url(talk), form(remove_files=[str(stored[0].pk)])).status_code == 302
    assert [f.title for f in SessionReport.objects.get(item=talk).files.all()] == ["Tavla etter økta"]


# --- Where it is shown ---------------------------------------------------------------------------------


def write(item: ProgramItem, by: User, *, outcomes: int = 1, example: Example | None = None) -> SessionReport:
    checked_pdf = SimpleUploadedFile("lysark.pdf", pdf_bytes(), content_type="application/pdf")
    from gronnpraksis.examples.services import NewAttachment
    from gronnpraksis.examples.uploads import check_upload

    return reports.save_report(
        item=item,
        by=by,
        summary="Vi snakket om matsvinn. Tre kommuner vil prøve.",
        links=[reports.LinkData("Opptak av økta", "https://gronnpraksis.no/opptak/matsvinn/")],
        outcomes=[
            reports.OutcomeData(
                OutcomeKind.TRIAL,
                f"Kommune {n} vil prøve.",
                example=example,
                municipality=municipality("4203"),
            )
            for n in range(outcomes)
        ],
        new_files=[
            NewAttachment(file=checked_pdf, checked=check_upload(checked_pdf), title="Lysark fra økta")
        ],
    )


@pytest.mark.django_db
def test_the_item_page_shows_the_report_with_files_links_and_outcomes(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    page_url = f"/{talk.edition.slug}/program/{talk.pk}/"
    before = client.get(page_url).content.decode()  # cached for plain visitors
    assert "data-session-report" not in before
    write(talk, contributor)
    body = client.get(page_url).content.decode()  # the report is part of the cache key
    assert "data-session-report" in body
    assert "Lysark fra økta" in body
    assert 'href="https://gronnpraksis.no/opptak/matsvinn/" rel="nofollow noopener"' in body
    assert "Kommune 0 vil prøve." in body
    assert "data-report-link" not in body

    client.force_login(contributor)
    assert "data-report-link" in client.get(page_url).content.decode()


@pytest.mark.django_db
def test_item_page_queries_do_not_grow_with_outcomes(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    other = run(ProgramItem.objects.get(edition=talk.edition, title="Åpning"), hours_ago=30)
    write(talk, contributor, outcomes=1)
    write(other, contributor, outcomes=8)
    client.force_login(contributor)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(f"/{talk.edition.slug}/program/{talk.pk}/")
    with CaptureQueriesContext(connection) as eight:
        assert (
            "Kommune 7 vil prøve." in client.get(f"/{talk.edition.slug}/program/{other.pk}/").content.decode()
        )
    assert len(eight) == len(one)


@pytest.mark.django_db
def test_the_presented_example_shows_the_report(client: Client, talk: ProgramItem, contributor: User) -> None:
    example = publish("Matsvinn til matglede")
    contribution = talk.contribution
    assert contribution is not None
    contribution.example = example
    contribution.save()
    write(talk, contributor)
    body = client.get(example.get_absolute_url()).content.decode()
    assert "data-example-reports" in body
    assert nb("Presented at %(edition)s, with slides and the discussion", edition=talk.edition.name) in body
    assert "Lysark fra økta" in body


@pytest.mark.django_db
def test_an_example_named_in_an_outcome_shows_the_report_but_not_before_publication(
    client: Client, edition: Edition, talk: ProgramItem, contributor: User
) -> None:
    example = publish("Skolekantine uten svinn")
    write(talk, contributor, example=example)
    body = client.get(example.get_absolute_url()).content.decode()
    assert nb("Discussed at %(edition)s", edition=edition.name) in body

    unpublished = ProgramItem.objects.create(
        edition=edition, title="Ikke publisert", starts_at=talk.starts_at, ends_at=talk.ends_at
    )
    reports.save_report(
        item=unpublished,
        by=contributor,
        summary="Hemmelig",
        outcomes=[reports.OutcomeData(OutcomeKind.OTHER, "Noe", example=example)],
    )
    assert "Hemmelig" not in client.get(example.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_exports_carry_links_and_attachments_and_validate(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    before = client.get(f"/{talk.edition.slug}/program.xml")
    write(talk, contributor)
    xml = client.get(f"/{talk.edition.slug}/program.xml", HTTP_IF_NONE_MATCH=before["ETag"])
    assert xml.status_code == 200  # a new report is a new ETag
    xsd = xmlschema.XMLSchema(FORMATS / "schedule.xml.xsd")
    xsd.validate(xml.content.decode())
    document: Any = xsd.to_dict(xml.content.decode())
    events = [e for day in document["day"] for r in day.get("room", []) for e in r["event"]]
    (event,) = [e for e in events if e["@id"] == talk.pk]
    assert event["links"]["link"][0]["@href"] == "https://gronnpraksis.no/opptak/matsvinn/"
    assert event["attachments"]["attachment"][0]["@type"] == "slides"
    assert event["attachments"]["attachment"][0]["@href"].startswith("http")

    schema = json.loads((FORMATS / "schema.json").read_text())
    document = json.loads(client.get(f"/{talk.edition.slug}/program.json").content)
    jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER).validate(
        document
    )
    events_json = [
        e
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
        if e["id"] == talk.pk
    ]
    assert events_json[0]["links"] == [
        {"type": "media", "url": "https://gronnpraksis.no/opptak/matsvinn/", "title": "Opptak av økta"}
    ]
    assert events_json[0]["attachments"][0]["type"] == "slides"


@pytest.mark.django_db
def test_item_jsonld_names_the_recording_and_the_slides(
    client: Client, talk: ProgramItem, contributor: User
) -> None:
    write(talk, contributor)
    body = client.get(f"/{talk.edition.slug}/program/{talk.pk}/").content.decode()
    start = body.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(body[start : body.index("</script>", start)])
    assert data["recordedIn"][0]["url"] == "https://gronnpraksis.no/opptak/matsvinn/"
    assert data["workFeatured"][0]["encodingFormat"] == "application/pdf"
    assert data["subjectOf"]["@type"] == "Report"


@pytest.mark.django_db
def test_min_side_and_the_planner_lead_to_the_form(
    client: Client, talk: ProgramItem, contributor: User, organiser: User
) -> None:
    client.force_login(contributor)
    assert url(talk) in client.get("/min-side/").content.decode()
    client.force_login(organiser)
    planner = client.get(f"/arrangor/{talk.edition.slug}/program/{talk.pk}/").content.decode()
    assert url(talk) in planner


@pytest.mark.django_db
def test_the_personal_data_export_holds_the_reports_the_person_wrote(
    talk: ProgramItem, contributor: User
) -> None:
    write(talk, contributor)
    exported = export_person(contributor)["session_reports"]
    assert exported[0]["summary"].startswith("Vi snakket om matsvinn")
    assert exported[0]["your_files"][0]["title"] == "Lysark fra økta"
    assert export_person(UserFactory(email="noen@example.no"))["session_reports"] == []
