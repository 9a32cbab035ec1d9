"""The contribution form, the receipt, and the contributor's own pages (login required)."""

import datetime
import html

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, Contributor, State
from gronnpraksis.examples.models import Example
from gronnpraksis.ideas.models import Idea
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.organisations.models import Organisation
from tests.factories import EditionFactory, UserFactory, submit_contribution

from .helpers import KEY, co_forms, contribution_fields, detail_url, submit_data, submit_url


def assert_nothing_stored():
    assert Contribution.objects.count() == 0
    assert OutboxMail.objects.count() == 0
    assert User.objects.count() == 0


# --- Submitting ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_submit_page_shows_the_form(client, edition):
    response = client.get(submit_url(edition))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="co-TOTAL_FORMS"' in body
    assert 'name="idempotency_key"' in body
    assert "Transport og mobilitet" in body


@pytest.mark.django_db
def test_submit_with_co_contributors(client, edition):
    response = client.post(
        submit_url(edition),
        submit_data(("Ola Hansen", "ola.hansen@example.no"), ("Áile Sara", "aile.sara@example.no")),
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.state == State.SUBMITTED
    assert str(contribution.idempotency_key) == KEY
    assert list(contribution.contributors.values_list("name", "email", "is_primary")) == [
        ("Kari Nordmann", "kari.nordmann@example.no", True),
        ("Ola Hansen", "ola.hansen@example.no", False),
        ("Áile Sara", "aile.sara@example.no", False),
    ]
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "aile.sara@example.no",
        "kari.nordmann@example.no",
        "ola.hansen@example.no",
    ]
    assert sorted(OutboxMail.objects.values_list("to", "template")) == [
        ("aile.sara@example.no", "contribution_co_contributor"),
        ("kari.nordmann@example.no", "contribution_received"),
        ("ola.hansen@example.no", "contribution_co_contributor"),
    ]
    assert contribution.organisation is not None
    assert contribution.organisation.number == "963296746"
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "no-store" in receipt["Cache-Control"]
    body = receipt.content.decode()
    assert "Bildeling i distriktskommuner" in body
    assert "Ola Hansen" in body


@pytest.mark.django_db
def test_the_receipt_mentions_co_contributors_only_when_there_are_some(client, edition):
    told = "each co-contributor has been told"
    with translation.override("nb"):
        told_nb = gettext("A receipt is on its way by e-mail, and each co-contributor has been told.")

    alone = client.post(submit_url(edition), submit_data())
    alone_page = client.get(alone["Location"]).content.decode()
    together = client.post(
        submit_url(edition),
        submit_data(
            ("Ola Hansen", "ola.hansen@example.no"),
            idempotency_key="1b0c1b8e-9a8e-4a57-9b3e-2f1f6f3c0d11",
            title="Et annet bidrag",
        ),
    )
    together_page = client.get(together["Location"]).content.decode()

    assert told not in alone_page and told_nb not in alone_page
    assert told in together_page or told_nb in together_page


@pytest.mark.django_db
def test_a_practice_example_creates_a_draft_example(client, edition):
    client.post(submit_url(edition), submit_data(kind="eksempel"))

    contribution = Contribution.objects.get()
    assert contribution.example == Example.objects.get()
    assert contribution.example.state == "draft"


@pytest.mark.django_db
def test_an_unfinished_idea_creates_a_draft_idea(client, edition):
    client.post(submit_url(edition), submit_data(kind="ide"))

    contribution = Contribution.objects.get()
    assert contribution.idea == Idea.objects.get()
    assert contribution.idea.visibility == "draft"
    assert Example.objects.count() == 0


@pytest.mark.django_db
def test_registration_token_prefills_and_links(client, edition, participant):
    page = client.get(submit_url(edition) + f"?pamelding={participant.manage_token}")

    assert page.status_code == 200
    assert page.context["contact_form"].initial["contact_email"] == "kari.nordmann@example.no"
    body = page.content.decode()
    assert 'value="Kari Nordmann"' in body
    assert 'value="kari.nordmann@example.no"' in body
    assert 'value="Kristiansand (4204)"' in body
    assert f'name="pamelding" value="{participant.manage_token}"' in body

    response = client.post(submit_url(edition), submit_data(pamelding=participant.manage_token))

    assert response.status_code == 302
    assert Contribution.objects.get().registration == participant


@pytest.mark.django_db
def test_a_token_of_another_edition_or_a_cancelled_registration_links_nothing(client, edition, participant):
    other = EditionFactory()

    page = client.get(submit_url(other) + f"?pamelding={participant.manage_token}")

    assert page.context["registration"] is None
    assert "kari.nordmann@example.no" not in page.content.decode()
    client.post(submit_url(other), submit_data(pamelding=participant.manage_token))
    assert Contribution.objects.get().registration is None


@pytest.mark.django_db
def test_a_nul_byte_in_the_registration_token_is_ignored(client, edition):
    response = client.get(submit_url(edition) + "?pamelding=abc%00")

    assert response.status_code == 200
    assert response.context["registration"] is None


@pytest.mark.django_db
def test_logged_in_user_is_prefilled(client, edition):
    user = UserFactory(email="ola.hansen@example.no", name="Ola Hansen")
    client.force_login(user)

    page = client.get(submit_url(edition))

    assert page.context["contact_form"].initial == {
        "contact_name": "Ola Hansen",
        "contact_email": "ola.hansen@example.no",
        "idempotency_key": page.context["contact_form"].initial["idempotency_key"],
    }


@pytest.mark.django_db
def test_submit_after_the_deadline_keeps_the_text_and_stores_nothing(client, edition):
    edition.contribution_deadline = timezone.now() - datetime.timedelta(hours=1)
    edition.save()

    response = client.post(submit_url(edition), submit_data(title="Sent innsendt bidrag"))

    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 1
    assert "Sent innsendt bidrag" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.django_db
def test_filled_honeypot_is_refused_and_nothing_is_stored(client, edition):
    response = client.post(
        submit_url(edition), submit_data(("Ola Hansen", "ola.hansen@example.no"), website="spam")
    )

    assert response.status_code == 400
    assert_nothing_stored()
    assert Organisation.objects.count() == 0
    assert Contributor.objects.count() == 0


@pytest.mark.django_db
def test_double_submit_gives_one_contribution(client, edition):
    first = client.post(submit_url(edition), submit_data(("Ola Hansen", "ola.hansen@example.no")))
    second = client.post(submit_url(edition), submit_data(("Ola Hansen", "ola.hansen@example.no")))

    assert first.status_code == second.status_code == 302
    assert Contribution.objects.count() == 1
    assert OutboxMail.objects.count() == 2
    assert client.get(second["Location"]).context["contribution"] == Contribution.objects.get()


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed(client, edition):
    response = client.post(
        submit_url(edition),
        submit_data(
            ("Ola Hansen", "ola@gmial.com"),
            ("Uten E-post", ""),
            contact_email="kari@gmial.com",
            municipality="Narnia",
            organisation_number="123456789",
            themes=[],
            title="Mitt <b>beste</b> bidrag 🌱",
        ),
    )

    assert response.status_code == 200
    assert response.context["contact_form"].errors.as_data()["contact_email"][0].code == "typo"
    assert sorted(response.context["form"].errors) == ["municipality", "organisation_number", "themes"]
    assert [sorted(f.errors) for f in response.context["co_forms"]] == [["email"], ["email"], []]
    body = response.content.decode()
    for typed in [
        "Narnia",
        "123456789",
        "kari@gmial.com",
        "Ola Hansen",
        "Uten E-post",
        "Mitt <b>beste</b> bidrag 🌱",
    ]:
        assert html.escape(typed) in body, typed
    assert "Mitt <b>beste</b>" not in body
    assert_nothing_stored()


@pytest.mark.django_db
def test_overlong_text_is_an_error_and_nul_bytes_are_dropped_not_crashes(client, edition):
    response = client.post(
        submit_url(edition),
        submit_data(
            title="x" * 10_000, description="y" * 10_001, summary="Kort\x00", contact_name="Kari\x00"
        ),
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["description", "title"]
    assert not response.context["contact_form"].errors
    body = response.content.decode()
    assert 'value="Kari"' in body and "\x00" not in body
    assert_nothing_stored()


@pytest.mark.django_db
def test_submit_to_a_planned_edition_is_404(client):
    planned = EditionFactory(phase="planning")

    assert client.get(submit_url(planned)).status_code == 404
    assert client.post(submit_url(planned), submit_data()).status_code == 404
    assert_nothing_stored()


@pytest.mark.django_db
def test_a_forged_receipt_token_is_404(client, edition):
    submit_contribution(edition)

    assert client.get(f"/{edition.slug}/bidrag/kvittering/1/").status_code == 404
    assert client.get(f"/{edition.slug}/bidrag/kvittering/feil:token/").status_code == 404


# --- The contributor's pages ---------------------------------------------------------------


@pytest.fixture
def contribution(edition):
    return submit_contribution(
        edition,
        title="Hemmelig utkast om bildeling",
        co_contributors=[("Ola Hansen", "ola.hansen@example.no")],
    )


@pytest.fixture
def contributor(contribution):
    return UserFactory(email="kari.nordmann@example.no")  # logged in by code: the address is proven


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "suffix"), [("get", ""), ("get", "endre/"), ("post", "endre/"), ("post", "trekk/")]
)
def test_contributor_pages_require_login(client, contribution, method, suffix):
    url = detail_url(contribution) + suffix

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/code/?next={url}"
    contribution.refresh_from_db()
    assert contribution.state == State.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "suffix"), [("get", ""), ("get", "endre/"), ("post", "endre/"), ("post", "trekk/")]
)
def test_contributor_pages_are_404_for_someone_else(client, contribution, method, suffix):
    client.force_login(UserFactory(email="nysgjerrig@example.no"))

    response = getattr(client, method)(detail_url(contribution) + suffix, contribution_fields(title="Kapret"))

    assert response.status_code == 404
    assert "Hemmelig utkast" not in response.content.decode()
    contribution.refresh_from_db()
    assert (contribution.title, contribution.state) == ("Hemmelig utkast om bildeling", State.SUBMITTED)


@pytest.mark.django_db
def test_contribution_under_another_edition_is_404(client, contribution, contributor):
    other = EditionFactory()
    client.force_login(contributor)

    assert client.get(f"/{other.slug}/bidrag/{contribution.pk}/").status_code == 404


@pytest.mark.django_db
def test_detail_shows_the_contribution_to_its_contributors(client, contribution, contributor):
    client.force_login(contributor)

    response = client.get(detail_url(contribution))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Hemmelig utkast om bildeling" in body
    assert "Ola Hansen" in body
    assert response.context["can_edit"] is True
    assert f"{detail_url(contribution)}endre/" in body


@pytest.mark.django_db
def test_a_co_contributor_sees_it_too(client, contribution):
    client.force_login(UserFactory(email="ola.hansen@example.no"))

    assert client.get(detail_url(contribution)).status_code == 200


@pytest.mark.django_db
def test_edit_before_the_deadline_saves_and_mails_new_co_contributors(client, contribution, contributor):
    client.force_login(contributor)
    page = client.get(detail_url(contribution) + "endre/")
    assert page.status_code == 200
    assert 'value="Hemmelig utkast om bildeling"' in page.content.decode()
    OutboxMail.objects.all().delete()

    response = client.post(
        detail_url(contribution) + "endre/",
        {**contribution_fields(title="Ny tittel"), **co_forms(("Per Berg", "per.berg@example.no"))},
    )

    assert response.status_code == 302
    assert response["Location"] == detail_url(contribution)
    contribution.refresh_from_db()
    assert contribution.title == "Ny tittel"
    assert contribution.kind == "eksempel"
    assert list(contribution.contributors.values_list("email", flat=True)) == [
        "kari.nordmann@example.no",
        "ola.hansen@example.no",
        "per.berg@example.no",
    ]
    assert list(OutboxMail.objects.values_list("to", "template")) == [
        ("per.berg@example.no", "contribution_co_contributor")
    ]


@pytest.mark.django_db
def test_edit_with_bad_input_keeps_what_was_typed(client, contribution, contributor):
    client.force_login(contributor)

    response = client.post(
        detail_url(contribution) + "endre/",
        {**contribution_fields(title="Ny tittel", municipality="Narnia"), **co_forms()},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["municipality"]
    assert 'value="Ny tittel"' in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.title == "Hemmelig utkast om bildeling"


@pytest.mark.django_db
def test_edit_after_the_deadline_is_refused(client, edition, contribution, contributor):
    edition.contribution_deadline = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()
    client.force_login(contributor)

    page = client.get(detail_url(contribution) + "endre/")
    response = client.post(
        detail_url(contribution) + "endre/", {**contribution_fields(title="For sent"), **co_forms()}
    )

    assert page.status_code == response.status_code == 302
    assert response["Location"] == detail_url(contribution)
    contribution.refresh_from_db()
    assert contribution.title == "Hemmelig utkast om bildeling"
    assert client.get(detail_url(contribution)).context["can_edit"] is False


@pytest.mark.django_db
def test_withdraw(client, contribution, contributor):
    client.force_login(contributor)

    response = client.post(detail_url(contribution) + "trekk/")

    assert response.status_code == 302
    assert response["Location"] == "/min-side/"
    contribution.refresh_from_db()
    assert contribution.state == State.WITHDRAWN
    assert OutboxMail.objects.filter(template="contribution_withdrawn").count() == 1
    assert client.get(detail_url(contribution) + "trekk/").status_code == 405


@pytest.mark.django_db
def test_huge_theme_ids_are_a_form_error(client, edition):
    response = client.post(submit_url(edition), submit_data(themes=["99999999999999999999999"]))

    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert_nothing_stored()


@pytest.mark.django_db
def test_submit_page_is_never_cached(client, edition):
    response = client.get(submit_url(edition))

    assert response["Cache-Control"] == "no-store, private"
