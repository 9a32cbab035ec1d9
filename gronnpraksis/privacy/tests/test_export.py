"""Min side: everything about the person in one download, and nothing of anyone else."""

import json

import pytest

from .conftest import KARI, OLA


def download(client, user):
    client.force_login(user)
    response = client.post("/min-side/mine-data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="gronnpraksis-mine-data-')
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


@pytest.mark.django_db
def test_the_download_holds_every_kind_of_data_about_the_person(client, world):
    data = json.loads(download(client, world.kari))

    assert data["account"]["email"] == KARI
    [registration] = data["registrations"]
    assert (registration["name"], registration["phone"], registration["dietary_needs"]) == (
        "Kari Nordmann",
        "41234567",
        "Glutenfri",
    )
    assert registration["votes"] == [
        {
            "edition": world.edition.name,
            "nominee": "Karis gjenbrukssentral",
            "at": registration["votes"][0]["at"],
        }
    ]
    assert [s["title"] for s in registration["starred_programme_items"]] == ["Matsvinn til matglede"]
    assert [c["title"] for c in data["contributions"]] == ["Karis bildeling"]
    assert data["contributions"][0]["you"] == {
        "name": "Kari Nordmann",
        "email": KARI,
        "primary_contact": True,
    }
    # The contribution (a practice example) made a draft example of its own.
    examples = {e["title"]: e for e in data["examples"]}
    assert set(examples) == {"Karis bildeling", "Karis gjenbrukssentral"}
    assert examples["Karis gjenbrukssentral"]["contact_email"] == KARI
    assert [i["title"] for i in data["ideas"]] == ["Karis idé", "Karis publiserte idé"]
    assert [c["text"] for c in data["comments"]] == ["Godt forslag!"]
    assert [o["message"] for o in data["offers_to_help"]] == ["Jeg hjelper gjerne"]
    assert [(n["summary"], n["nominator_phone"]) for n in data["nominations"]] == [
        ("Et forbilde", "41234567")
    ]
    assert (data["team_roles"], data["reviews"], data["jury_assessments"]) == ([], [], [])
    consents = {c["consent"]: c for c in data["consents"]}
    assert set(consents) == {"privacy_statement", "news", "health_data"}
    assert consents["news"]["given_at"] and consents["news"]["withdrawn_at"] is None
    assert consents["privacy_statement"]["text_version"] == world.kari_registration.consent_version != ""


@pytest.mark.django_db
def test_the_download_holds_nothing_of_another_person(client, world):
    body = download(client, world.kari)

    for foreign in ["Ola Hansen", OLA, "98765432", "Nøtteallergi", "Olas sykkelveier", "Olas eksempel"]:
        assert foreign not in body
    for foreign in ["Olas kommentar", "Olas tilbud", "Olas begrunnelse", "Sykkelhotell"]:
        assert foreign not in body
    assert world.ola_registration.manage_token not in body


@pytest.mark.django_db
def test_the_download_needs_a_login_and_a_post(client, world):
    assert client.post("/min-side/mine-data/").status_code == 302
    client.force_login(world.kari)
    assert client.get("/min-side/mine-data/").status_code == 405


@pytest.mark.django_db
def test_the_download_takes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.kari)
    with django_assert_max_num_queries(30):
        client.post("/min-side/mine-data/")


@pytest.mark.django_db
def test_the_download_holds_a_team_members_roles_and_reviews(client, world):
    from gronnpraksis.contributions.models import Contribution
    from gronnpraksis.editions.models import TeamMember, TeamRole
    from gronnpraksis.reviews.models import Review

    TeamMember.objects.create(edition=world.edition, user=world.kari, role=TeamRole.REVIEWER)
    olas = Contribution.objects.get(title="Olas sykkelveier")
    Review.objects.create(contribution=olas, reviewer=world.kari, comment="Sterkt bidrag")
    Review.objects.create(contribution=olas, reviewer=world.ola, comment="Olas vurdering")

    body = download(client, world.kari)
    data = json.loads(body)

    assert data["team_roles"] == [{"edition": world.edition.name, "role": "reviewer"}]
    assert [r["comment"] for r in data["reviews"]] == ["Sterkt bidrag"]
    assert "Olas vurdering" not in body
