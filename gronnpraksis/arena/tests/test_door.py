"""The door's pages: who may open them, the search and button without JavaScript, the day's list, the sync
of queued scans, and the PDFs."""

import io
import json
import uuid

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from pypdf import PdfReader

from gronnpraksis.arena import services
from gronnpraksis.arena.door import secret_digest
from gronnpraksis.arena.models import Scan, ScanResult
from gronnpraksis.editions.models import TeamMember, TeamRole
from tests.factories import EditionFactory, UserFactory, register_person


def door_url(edition, name="checkin"):
    return reverse(f"arena_backoffice:{name}", kwargs={"edition": edition.slug})


def pdf_text(content: bytes) -> tuple[int, str]:
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def member(edition, role, email, *, totp=False):
    user = UserFactory(email=email)
    TeamMember.objects.create(edition=edition, user=user, role=role)
    if totp:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    return user


@pytest.fixture
def door(edition):
    return member(edition, TeamRole.CHECK_IN, "dor@example.no")


DOOR_NAMES = ["checkin", "day_list_json", "day_list_pdf", "walk_in"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", DOOR_NAMES)
def test_the_check_in_role_and_organisers_open_the_door(client, edition, door, organiser, name):
    for user in (door, organiser, member(edition, TeamRole.ORGANISER, "org@example.no", totp=True)):
        client.force_login(user)
        assert client.get(door_url(edition, name)).status_code == 200, user


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*DOOR_NAMES, "sync", "checkin_post", "badges"])
def test_everyone_else_is_refused(client, edition, name):
    other = EditionFactory()
    people = [
        member(edition, TeamRole.REVIEWER, "fag@example.no"),
        member(edition, TeamRole.JUROR, "jury@example.no"),
        member(other, TeamRole.CHECK_IN, "annen@example.no"),
        UserFactory(email="ingen@example.no"),
        # The address is not proven: the role given to it counts for nothing.
        UserFactory(email="uprovd@example.no", proven=False),
    ]
    TeamMember.objects.create(edition=edition, user=people[-1], role=TeamRole.CHECK_IN)
    for user in people:
        client.force_login(user)
        method = client.post if name in ("sync", "checkin_post") else client.get
        assert method(door_url(edition, name)).status_code == 404, user
    assert Scan.objects.count() == 0


@pytest.mark.django_db
def test_an_organiser_without_an_authenticator_is_sent_to_set_one_up(client, edition):
    client.force_login(member(edition, TeamRole.ORGANISER, "utenapp@example.no"))

    response = client.get(door_url(edition))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, edition):
    response = client.get(door_url(edition))

    assert response.status_code == 302
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_the_check_in_role_opens_no_other_back_office_page(client, edition, door):
    client.force_login(door)

    assert client.get(door_url(edition, "badges")).status_code == 404
    assert client.get(reverse("program_backoffice:grid", kwargs={"edition": edition.slug})).status_code == 404


@pytest.mark.django_db
def test_search_and_check_in_without_javascript(client, edition, door, participant, outsider):
    client.force_login(door)
    day = edition.days.first()

    page = client.get(door_url(edition), {"q": "kari", "dag": day.date.isoformat()}).content.decode()
    assert "Kari Nordmann" in page and "Ola Hansen" not in page
    assert client.get(door_url(edition), {"q": "Kristiansand"}).content.decode().count("gp-door__person") == 2

    form = {
        "scan_id": str(uuid.uuid4()),
        "day": day.date.isoformat(),
        "registration": participant.pk,
        "q": "kari",
    }
    response = client.post(door_url(edition, "checkin_post"), form)
    assert response.status_code == 302
    assert "q=kari" in response["Location"]
    again = client.post(
        door_url(edition, "checkin_post"), {**form, "scan_id": str(uuid.uuid4())}, follow=True
    )

    scans = list(Scan.objects.values_list("result", "staff", "method"))
    assert scans == [(ScanResult.CHECKED_IN, door.pk, "search"), (ScanResult.DUPLICATE, door.pk, "search")]
    assert 'data-flag="checked_in"' in again.content.decode()


@pytest.mark.django_db
def test_a_scanned_address_shows_the_person_with_a_button(client, edition, door, participant):
    client.force_login(door)
    secret = services.pass_for(participant).secret

    page = client.get(door_url(edition), {"kode": secret}).content.decode()

    assert "Kari Nordmann" in page
    assert f'name="secret" value="{secret}"' in page
    assert Scan.objects.count() == 0  # looking is not checking in
    unknown = client.get(door_url(edition), {"kode": "feil"}).content.decode()
    assert 'name="secret"' not in unknown and 'data-color="danger"' in unknown


@pytest.mark.django_db
def test_the_days_list_holds_digests_not_secrets(client, edition, door, participant, outsider):
    client.force_login(door)

    data = client.get(door_url(edition, "day_list_json")).json()

    secret = services.pass_for(participant).secret
    people = {p["name"]: p for p in data["people"]}
    assert set(people) == {"Kari Nordmann", "Ola Hansen"}
    assert people["Kari Nordmann"]["key"] == secret_digest(secret)
    assert secret not in json.dumps(data)


@pytest.mark.django_db
def test_a_queued_sync_is_idempotent_and_flags_the_second_phone(client, edition, door, participant):
    client.force_login(door)
    secret = services.pass_for(participant).secret
    day = edition.days.first().date.isoformat()
    first = {"scan_id": str(uuid.uuid4()), "code": f"https://x/?kode={secret}", "device": "phone-a"}
    second = {"scan_id": str(uuid.uuid4()), "code": secret, "device": "phone-b"}

    body = {"day": day, "scans": [first, second]}
    answer = client.post(door_url(edition, "sync"), json.dumps(body), content_type="application/json").json()
    again = client.post(door_url(edition, "sync"), json.dumps(body), content_type="application/json").json()

    assert [r["result"] for r in answer["results"]] == ["checked_in", "duplicate"]
    assert again == answer
    assert Scan.objects.count() == 2
    assert list(Scan.objects.values_list("device", flat=True)) == ["phone-a", "phone-b"]


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"day": "1999-01-01", "scans": []}', b'{"day": 3}'])
def test_a_broken_sync_is_a_400_not_a_500(client, edition, door, body):
    client.force_login(door)

    response = client.post(door_url(edition, "sync"), body, content_type="application/json")

    assert response.status_code == 400


@pytest.mark.django_db
def test_the_printed_list_is_sorted_by_surname(client, edition, door, participant):
    register_person(edition, email="a@example.no", name="Åse Aas")
    register_person(edition, email="z@example.no", name="Zara Berg")
    client.force_login(door)

    pages, text = pdf_text(client.get(door_url(edition, "day_list_pdf")).content)

    assert pages == 1
    assert text.index("Åse Aas") < text.index("Zara Berg") < text.index("Kari Nordmann")


@pytest.mark.django_db
@pytest.mark.parametrize("layout,pages", [("a4-10", 1), ("a4-4", 1), ("single", 3)])
def test_badges_in_every_layout(client, edition, organiser, participant, outsider, layout, pages):
    register_person(edition, email="tredje@example.no", name="Tredje Person")
    client.force_login(organiser)

    response = client.get(door_url(edition, "badges"), {"layout": layout})

    count, text = pdf_text(response.content)
    assert count == pages
    for name in ("Kari Nordmann", "Ola Hansen", "Tredje Person", edition.name):
        assert name in text
    assert "DELTAKER" in text.upper() or "PARTICIPANT" in text.upper()


@pytest.mark.django_db
def test_a_sami_name_is_printed_as_written(client, edition, organiser):
    """Inter's latin-ext subset draws the letters Latin-1 lacks (đ ŋ š ŧ ž), on badges and the list."""
    register_person(edition, email="sami@example.no", name="Máret Đuommá Ŋuolláš")
    client.force_login(organiser)

    _count, text = pdf_text(client.get(door_url(edition, "badges"), {"layout": "single"}).content)

    assert "Máret Đuommá Ŋuolláš" in " ".join(text.split())  # the badge may wrap the name


@pytest.mark.django_db
def test_the_badge_form_refuses_an_unknown_layout(client, edition, organiser):
    client.force_login(organiser)

    response = client.get(door_url(edition, "badges"), {"layout": "a0"})

    assert response.status_code == 200
    assert b"aria-invalid" in response.content


@pytest.mark.django_db
def test_a_new_check_in_member_is_mailed_the_way_to_the_door(edition, organiser):
    from gronnpraksis.editions.services import add_team_member
    from gronnpraksis.mail.models import OutboxMail

    add_team_member(
        edition=edition, email="ny@example.no", name="Ny Vakt", role=TeamRole.CHECK_IN, added_by=organiser
    )

    mail = OutboxMail.objects.get(to="ny@example.no")
    assert door_url(edition) in mail.body_text


@pytest.mark.django_db
def test_the_scan_log_cannot_be_changed_in_the_admin(client, edition, organiser, participant):
    services.record_scan(
        edition=edition,
        day=edition.days.first(),
        staff=None,
        scan=services.ScanRequest(scan_id=uuid.uuid4(), registration_id=participant.pk),
    )
    old = services.pass_for(participant).secret
    client.force_login(organiser)
    scan = Scan.objects.get()

    assert client.get(reverse("admin:arena_scan_changelist")).status_code == 200
    page = client.get(reverse("admin:arena_scan_change", args=[scan.pk]))
    assert b'name="result"' not in page.content
    assert client.post(reverse("admin:arena_scan_delete", args=[scan.pk]), {"post": "yes"}).status_code == 403
    assert Scan.objects.filter(pk=scan.pk).exists()
    changelist = reverse("admin:arena_checkinpass_changelist")
    client.post(changelist, {"action": "rotate", "_selected_action": [services.pass_for(participant).pk]})
    assert services.pass_for(participant).secret != old
    assert old not in client.get(changelist).content.decode()


@pytest.mark.django_db
def test_the_back_office_menu_leads_organisers_to_the_door_and_the_badges(client, edition, organiser):
    client.force_login(organiser)

    page = client.get(reverse("backoffice:dashboard", kwargs={"edition": edition.slug})).content.decode()

    assert door_url(edition) in page
    assert door_url(edition, "badges") in page
