import datetime
import io
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.apps import apps
from django.core.management import call_command
from stdnum.no import orgnr

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, Kind
from gronnpraksis.demo.awards import WINNER_TITLE
from gronnpraksis.demo.examples import MULIGHETENES_HUS_TITLE
from gronnpraksis.editions.models import Capacity, Edition, Phase
from gronnpraksis.examples.models import Example
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.registrations.models import Registration, Status

SEEDED_APPS = {
    "accounts",
    "account",
    "mfa",
    "organisations",
    "editions",
    "registrations",
    "contributions",
    "examples",
    "ideas",
    "mail",
}


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Row counts of every seeded model, plus every capacity counter."""
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in SEEDED_APPS
    }
    counters = sorted(Capacity.objects.values_list("edition__slug", "label", "limit", "taken"))
    return {"counts": counts, "counters": counters}


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    seed()
    first = snapshot()
    seed()
    assert snapshot() == first
    assert first["counts"]["editions.Edition"] == 3  # GP22, GP27 and the regional network's half-day


@pytest.mark.django_db
def test_gp22_has_the_article_organisers_roles_and_dates():
    seed()
    gp22 = Edition.objects.get(slug="gp22")
    assert gp22.name == "Grønn Praksis 22"
    assert (gp22.starts_on, gp22.ends_on) == (datetime.date(2022, 5, 30), datetime.date(2022, 5, 31))
    assert gp22.phase == Phase.ARCHIVED
    assert gp22.host_municipality.number == "4204"
    assert gp22.partner_programme_name == "Miljøuka"
    roles = {(o.organisation.name, o.role) for o in gp22.organisers.select_related("organisation")}
    assert ("Kristiansand kommune", "vertskap") in roles
    assert ("KS – Kommunesektorens organisasjon", "medarrangor") in roles
    partners = {name for name, role in roles if role == "partner"}
    assert {"Insam", "Civitas", "CICERO Senter for klimaforskning"} <= partners
    assert any(name.startswith("Include") for name in partners)
    assert [day.date for day in gp22.days.all()] == [datetime.date(2022, 5, 30), datetime.date(2022, 5, 31)]
    assert gp22.registrations.filter(status=Status.CONFIRMED).exists()
    assert set(gp22.contributions.values_list("state", flat=True)) <= {"accepted", "confirmed"}


@pytest.mark.django_db
def test_gp27_is_open_with_a_full_student_ticket_and_a_waitlist():
    seed()
    gp27 = Edition.objects.get(slug="gp27")
    assert gp27.is_demo
    assert gp27.phase == Phase.OPEN
    assert gp27.registration_open
    quota = gp27.ticket_types.get(name="Student").capacity
    assert quota is not None
    assert quota.taken == quota.limit == 5
    waitlisted = Registration.objects.waitlisted().filter(edition=gp27)
    assert waitlisted.exists()
    assert set(waitlisted.values_list("ticket_type__name", flat=True)) == {"Student"}
    # Every confirmed registration holds its seats; the counters add up.
    for capacity in gp27.capacities.all():
        assert capacity.taken == capacity.seats.count()
    assert {c.kind for c in gp27.contributions.all()} == set(Kind.values)


@pytest.mark.django_db
def test_demo_examples_are_marked_and_organisation_numbers_are_valid():
    seed()
    assert Example.objects.exists()
    # Only the 2022 prize winner is real (the bank's entry, and the awards demo's winner by its title).
    real = set(Example.objects.filter(is_demo=False).values_list("title", flat=True))
    assert real == {MULIGHETENES_HUS_TITLE} == {WINNER_TITLE}
    assert MULIGHETENES_HUS_TITLE in real
    for number in Organisation.objects.exclude(number="").values_list("number", flat=True):
        assert orgnr.is_valid(number)
    prize = Contribution.objects.get(edition__slug="gp22", title="Matsvinn til matglede")
    assert prize.example is not None
    assert prize.example.state == "published"


@pytest.mark.django_db
def test_organiser_has_password_and_totp_and_contributor_has_a_contribution():
    output = seed()
    organiser = User.objects.get(email="arrangor@example.no")
    assert organiser.is_staff and organiser.is_superuser
    assert organiser.check_password("gronnpraksis-demo")
    totp = Authenticator.objects.get(user=organiser, type=Authenticator.Type.TOTP)
    secret = decrypt(totp.data["secret"])
    assert secret == "GRONNPRAKSISDEMO"
    before = int(time.time()) // 30
    out = io.StringIO()
    call_command("demo_totp", stdout=out, stderr=io.StringIO())
    after = int(time.time()) // 30
    code = out.getvalue().strip()
    assert len(code) == 6
    # The code allauth's login form accepts (both periods if the test crossed a 30-second boundary).
    assert code in {format_hotp_value(hotp_value(secret, counter)) for counter in {before, after}}
    assert "GRONNPRAKSISDEMO" in output and "/gp27/pamelding/" in output

    contributor = User.objects.get(email="bidragsyter@example.no")
    assert not contributor.has_usable_password()
    assert Contribution.objects.for_user(contributor).filter(edition__slug="gp27").exists()
    assert Registration.objects.for_email(contributor.email).filter(edition__slug="gp27").exists()


@pytest.mark.django_db
def test_demo_programme_versions_are_dated_before_their_edition_and_not_in_the_future():
    from django.utils import timezone

    from gronnpraksis.mail.models import OutboxMail
    from gronnpraksis.program.models import ProgramVersion

    before = timezone.now()
    seed()

    versions = list(ProgramVersion.objects.select_related("edition").order_by("edition__starts_on", "number"))
    assert {v.edition.slug for v in versions} == {"gp22", "gp27"}
    for version in versions:
        edition = version.edition
        start = datetime.datetime.combine(edition.starts_on, datetime.time(0), tzinfo=edition.tz)
        assert version.published_at < start, (edition.slug, version.number, version.published_at)
        assert version.published_at <= timezone.now()
    gp22 = [v.published_at for v in versions if v.edition.slug == "gp22"]
    assert all(when.year == 2022 for when in gp22)  # not the day the demo was loaded
    gp27 = [v.published_at for v in versions if v.edition.slug == "gp27"]
    assert gp27 == sorted(gp27) and len(set(gp27)) == len(gp27)
    # The past edition's history sends no mail about time and room; the coming one does.
    mails = OutboxMail.objects.filter(template="program_changed", created_at__gte=before)
    assert mails.exists()
    assert not mails.filter(body_text__contains="Grønn Praksis 22").exists()


@pytest.mark.django_db
def test_the_demo_goes_through_the_services_seats_versions_and_moderation_records():
    from gronnpraksis.examples.models import ModerationAction, ModerationState
    from gronnpraksis.ideas.models import IdeaVisibility
    from gronnpraksis.ideas.models import ModerationAction as IdeaAction
    from gronnpraksis.registrations.models import Seat

    seed()

    # Every counter (the archive's too) counts exactly the seats its confirmed registrations hold.
    for capacity in Capacity.objects.all():
        confirmed = Seat.objects.filter(capacity=capacity, registration__status=Status.CONFIRMED).count()
        assert capacity.taken == capacity.seats.count() == confirmed, capacity.label
    assert Capacity.objects.filter(edition__slug="gp22", taken__gt=0).exists()
    # Every published example was published by the bank's moderation: a version and a record.
    published = Example.objects.filter(state=ModerationState.PUBLISHED)
    assert published.count() > 40
    for example in published:
        assert example.versions.exists(), example.title
        record = example.moderation_log.filter(action=ModerationAction.PUBLISHED).get()
        assert record.at == example.published_at, example.title
    gp22 = Example.objects.filter(contributions__edition__slug="gp22").distinct()
    assert gp22.exists() and not gp22.exclude(state=ModerationState.PUBLISHED).exists()
    # The open edition's decisions were taken through the programme committee's service.
    from gronnpraksis.reviews.models import DecisionRecord

    accepted = Contribution.objects.filter(edition__slug="gp27", state="accepted")
    assert accepted.exists()
    for contribution in accepted:
        assert DecisionRecord.objects.filter(contribution=contribution, decision="accepted").count() == 1
    # The public ideas were published through the ideas' moderation.
    from gronnpraksis.ideas.models import Idea

    public_ideas = Idea.objects.filter(visibility=IdeaVisibility.PUBLISHED)
    assert public_ideas.exists()
    for idea in public_ideas:
        assert idea.moderation_records.filter(action=IdeaAction.PUBLISH_IDEA).exists(), idea.title
