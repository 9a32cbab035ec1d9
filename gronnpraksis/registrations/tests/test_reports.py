import pytest

from gronnpraksis.registrations.reports import participant_mix
from gronnpraksis.registrations.services import cancel_registration
from tests.factories import limit_ticket, municipality, register_person


@pytest.mark.django_db
def test_participant_mix_counts_active_registrations_by_group(edition):
    register_person(edition, email="a@example.no", sector="kommune", role="folkevalgt")
    register_person(
        edition, email="b@example.no", sector="kommune", role="fagperson", municipality=municipality("5626")
    )
    gone = register_person(edition, email="c@example.no", sector="naeringsliv", role="leder")
    cancel_registration(registration=gone)

    mix = participant_mix(edition)

    assert [r.count for r in mix.by_status] == [2, 1]
    assert [r.count for r in mix.by_sector] == [2]
    assert sorted(r.count for r in mix.by_role) == [1, 1]
    assert sorted((r.label, r.count) for r in mix.by_county) == [("Agder", 1), ("Finnmark", 1)]
    assert [r.count for r in mix.by_day] == [2, 2]


@pytest.mark.django_db
def test_participant_mix_lists_seat_counters(edition):
    limit_ticket(edition.ticket_types.first(), 10)
    register_person(edition, email="a@example.no")

    assert participant_mix(edition).seats == [("Ordinær", 1, 10)]


@pytest.mark.django_db
def test_participants_page_in_admin_for_organiser(client, organiser, edition):
    register_person(edition, email="a@example.no", sector="fou")
    client.force_login(organiser)

    response = client.get(f"/admin/editions/edition/{edition.pk}/deltakere/")

    assert response.status_code == 200
    assert response.context["mix"].by_sector[0].count == 1


@pytest.mark.django_db
def test_participants_page_refused_for_non_staff(client, participant, edition):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    response = client.get(f"/admin/editions/edition/{edition.pk}/deltakere/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
