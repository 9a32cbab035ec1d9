"""An accepted contribution: the contributor still changes what the programme shows (title, summary,
co-contributors) until the programme is published, the receipt and the contribution's page say the
same about it, and organisers see what changed."""

import datetime
import html

import pytest
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions import services
from gronnpraksis.contributions.models import Contribution, ContributionChange, State
from gronnpraksis.contributions.views import RECEIPT_SALT
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program.models import ProgramItem, ProgramVersion
from gronnpraksis.program.services import publish_program
from tests.factories import local_time as at
from tests.factories import proven_user, submit_contribution

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "Bilene deles også i helgene, og innbyggerne booker i appen."


def text(response) -> str:
    return html.unescape(response.content.decode())


def edit_data(**overrides):
    data = {
        "title": "Bildeling for alle",
        "summary": NEW_SUMMARY,
        "co-TOTAL_FORMS": "1",
        "co-INITIAL_FORMS": "0",
        "co-MIN_NUM_FORMS": "0",
        "co-MAX_NUM_FORMS": "3",
        "co-0-name": "Per Berg",
        "co-0-email": "per.berg@example.no",
    }
    return data | overrides


@pytest.fixture
def accepted(edition):
    contribution = submit_contribution(edition, title="Bildeling i distriktskommuner")
    # Decided after the deadline, as usual.
    edition.contribution_deadline = timezone.now() - datetime.timedelta(days=1)
    edition.save()
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    contribution.refresh_from_db()
    return contribution


@pytest.fixture
def kari(client, accepted):
    client.force_login(proven_user("kari.nordmann@example.no"))
    return client


def edit_url(contribution):
    return reverse("contributions:edit", kwargs={"edition": contribution.edition.slug, "pk": contribution.pk})


def test_the_receipt_and_the_contributions_page_state_the_same_rule(client, kari, accepted):
    token = signing.dumps(accepted.pk, salt=RECEIPT_SALT)
    receipt = client.get(
        reverse("contributions:receipt", kwargs={"edition": accepted.edition.slug, "token": token})
    )
    page = kari.get(accepted.get_absolute_url())
    with translation.override("nb"):
        rule = html.unescape(
            render_to_string("contributions/_edit_rule.html", {"edition": accepted.edition})
        ).strip()

    assert rule and rule in text(receipt) and rule in text(page)
    assert page.context["can_edit_programme"] is True
    assert edit_url(accepted) in page.content.decode()  # not "can no longer be changed"


def test_an_accepted_contribution_changes_what_the_programme_shows(kari, accepted):
    form = kari.get(edit_url(accepted))
    OutboxMail.objects.all().delete()

    response = kari.post(edit_url(accepted), edit_data(description="Forsøk på å endre alt"))

    assert set(form.context["form"].fields) == {"title", "summary", "availability"}
    assert (
        'name="themes"' not in form.content.decode()
        and '<textarea name="description"' not in form.content.decode()
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.title, accepted.summary) == ("Bildeling for alle", NEW_SUMMARY)
    assert accepted.description == "Vi startet med tre elbiler og en app."  # not part of the programme
    assert accepted.contributors.filter(email="per.berg@example.no").exists()
    assert list(OutboxMail.objects.values_list("to", flat=True)) == ["per.berg@example.no"]
    (change,) = ContributionChange.objects.filter(contribution=accepted)
    assert change.fields == [
        {"field": "title", "old": "Bildeling i distriktskommuner", "new": "Bildeling for alle"},
        {
            "field": "summary",
            "old": "Kommunens biler deles med innbyggerne på kveldstid.",
            "new": NEW_SUMMARY,
        },
        {"field": "contributors", "old": "", "new": "Per Berg"},
    ]


def test_bad_input_keeps_what_was_typed(kari, accepted):
    response = kari.post(edit_url(accepted), edit_data(title="", summary="x" * 301))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "summary"}
    assert "x" * 301 in response.content.decode()
    assert not ContributionChange.objects.exists()


def test_organisers_see_the_change_and_the_next_version_carries_it(client, organiser, kari, accepted):
    edition = accepted.edition
    item = ProgramItem.objects.create(
        edition=edition,
        title=accepted.title,
        contribution=accepted,
        starts_at=at(edition, 0, 10),
        ends_at=at(edition, 0, 10, 30),
    )
    kari.post(edit_url(accepted), edit_data())
    client.force_login(organiser)

    back_office = client.get(
        reverse("reviews:contribution", kwargs={"edition": edition.slug, "pk": accepted.pk})
    )
    planner = client.get(reverse("program_backoffice:grid", kwargs={"edition": edition.slug}))
    publish_program(edition=edition, user=None)

    for response in (back_office, planner):
        assert "Bildeling for alle" in text(response) and NEW_SUMMARY in text(response)
    assert [c["title"] for c in planner.context["pending"]] == ["Bildeling for alle"]
    (published,) = ProgramVersion.objects.get().items
    assert (published["id"], published["title"], published["summary"]) == (
        item.pk,
        "Bildeling for alle",
        NEW_SUMMARY,
    )
    assert "Per Berg" in [s["name"] for s in published["speakers"]]


def test_an_item_title_of_the_organisers_own_is_kept(kari, accepted):
    edition = accepted.edition
    ProgramItem.objects.create(
        edition=edition,
        title="Bildeling",
        contribution=accepted,
        starts_at=at(edition, 0, 10),
        ends_at=at(edition, 0, 10, 30),
    )
    kari.post(edit_url(accepted), edit_data())

    publish_program(edition=edition, user=None)

    assert ProgramVersion.objects.get().items[0]["title"] == "Bildeling"


def test_once_the_programme_is_published_nothing_can_be_changed(kari, accepted):
    publish_program(edition=accepted.edition, user=None)

    page = kari.get(accepted.get_absolute_url())
    form = kari.get(edit_url(accepted))
    response = kari.post(edit_url(accepted), edit_data())

    assert page.context["can_edit_programme"] is False and page.context["can_edit"] is False
    assert form.status_code == response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.title == "Bildeling i distriktskommuner"
    with pytest.raises(services.ContributionError):
        services.update_programme_fields(
            contribution=accepted,
            title="X",
            summary="Y",
            new_co_contributors=[],
            editor=User.objects.earliest("pk"),
        )


@pytest.mark.parametrize("state", [State.SUBMITTED, State.REJECTED, State.WITHDRAWN, State.WAITING])
def test_only_accepted_contributions_get_the_programme_edit(kari, accepted, state):
    Contribution.objects.filter(pk=accepted.pk).update(state=state)

    response = kari.post(edit_url(accepted), edit_data())

    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.title == "Bildeling i distriktskommuner"
