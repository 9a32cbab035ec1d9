"""The attendance certificate after the event, and the scan log in the privacy export and erasure."""

import datetime
import io
import re
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gronnpraksis.accounts.models import User
from gronnpraksis.arena import services
from gronnpraksis.arena.models import CheckInPass, Scan
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.privacy.erasure import anonymise_registrations
from gronnpraksis.privacy.export import export_person
from gronnpraksis.registrations.models import Registration
from tests.factories import proven_user, submit_contribution


def check_in(registration, day):
    return services.record_scan(
        edition=registration.edition,
        day=day,
        staff=None,
        scan=services.ScanRequest(scan_id=uuid.uuid4(), registration_id=registration.pk),
    )


def end_the_event(edition):
    Edition.objects.filter(pk=edition.pk).update(
        starts_on=datetime.date.today() - datetime.timedelta(days=10),
        ends_on=datetime.date.today() - datetime.timedelta(days=9),
    )
    for offset, day in enumerate(edition.days.order_by("date")):
        day.date = datetime.date.today() - datetime.timedelta(days=10 - offset)
        day.save()


def certificate_url(registration):
    return reverse("arena:certificate", args=[registration.edition.slug, registration.manage_token])


@pytest.mark.django_db
def test_the_certificate_names_the_person_the_days_and_the_contributions(client, edition, participant):
    contribution = submit_contribution(edition, email=participant.email, title="Grønne tak i Bodø")
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    check_in(participant, edition.days.first())
    end_the_event(edition)

    page = client.get(participant.get_absolute_url()).content.decode()
    assert certificate_url(participant) in page
    response = client.get(certificate_url(participant))

    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "Kari Nordmann" in text
    assert edition.name in text
    assert "Grønne tak i Bodø" in text
    assert "7,0" in text or "7.0" in text  # one day of 9 to 16


@pytest.mark.django_db
def test_min_side_links_to_the_certificate(client, edition, participant):
    check_in(participant, edition.days.first())
    end_the_event(edition)
    client.force_login(proven_user(participant.email))

    page = client.get(reverse("mypage:my_page")).content.decode()

    assert certificate_url(participant) in page


@pytest.mark.django_db
def test_no_certificate_before_the_event_is_over_or_without_check_in(client, edition, participant, outsider):
    check_in(participant, edition.days.first())
    assert client.get(certificate_url(participant)).status_code == 404  # not over yet

    end_the_event(edition)
    assert client.get(certificate_url(outsider)).status_code == 404  # never checked in
    assert certificate_url(outsider) not in client.get(outsider.get_absolute_url()).content.decode()


def certificate_mail_url(registration):
    return reverse("arena:certificate_mail", args=[registration.edition.slug, registration.manage_token])


@pytest.mark.django_db
def test_the_certificate_is_mailed_on_request_as_a_link(client, settings, edition, participant):
    check_in(participant, edition.days.first())
    end_the_event(edition)
    page = client.get(participant.get_absolute_url()).content.decode()
    assert f'action="{certificate_mail_url(participant)}"' in page

    response = client.post(certificate_mail_url(participant), follow=True)

    assert response.redirect_chain[-1][0] == participant.get_absolute_url()
    alert = re.search(r'data-color="success" role="status">([^<]*)<', response.content.decode())
    assert alert and participant.email in alert.group(1)  # the message says where it went
    mail = OutboxMail.objects.get(template="certificate_link")
    assert mail.to == participant.email
    assert mail.carries_secret  # the link opens the registration: blanked once sent
    assert f"{settings.SITE_URL}{certificate_url(participant)}" in mail.body_text
    assert mail.attachments == []
    # The link in the mail gives the PDF.
    assert client.get(certificate_url(participant))["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_pressing_again_soon_queues_no_second_mail(client, edition, participant):
    check_in(participant, edition.days.first())
    end_the_event(edition)
    for _press in range(3):
        assert client.post(certificate_mail_url(participant)).status_code == 302
    assert OutboxMail.objects.filter(template="certificate_link").count() == 1
    OutboxMail.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    client.post(certificate_mail_url(participant))
    assert OutboxMail.objects.filter(template="certificate_link").count() == 2


@pytest.mark.django_db
def test_no_certificate_mail_without_a_certificate_or_by_get(client, edition, participant, outsider):
    check_in(participant, edition.days.first())
    assert client.post(certificate_mail_url(participant)).status_code == 404  # not over yet
    end_the_event(edition)
    assert client.post(certificate_mail_url(outsider)).status_code == 404  # never checked in
    assert client.get(certificate_mail_url(participant)).status_code == 405
    wrong = reverse("arena:certificate_mail", args=[edition.slug, "x" * 40])
    assert client.post(wrong).status_code == 404
    assert not OutboxMail.objects.filter(template="certificate_link").exists()


@pytest.mark.django_db
def test_the_scan_log_is_in_the_persons_download(edition, participant):
    check_in(participant, edition.days.first())

    exported = export_person(proven_user(participant.email))

    scans = exported["registrations"][0]["check_in_scans"]
    assert [(s["day"], s["result"]) for s in scans] == [(edition.days.first().date.isoformat(), "checked_in")]


@pytest.mark.django_db
def test_anonymising_removes_the_ticket_and_keeps_the_count(edition, participant):
    secret = services.pass_for(participant).secret
    check_in(participant, edition.days.first())

    anonymise_registrations(Registration.objects.filter(pk=participant.pk))

    assert not CheckInPass.objects.filter(secret=secret).exists()
    assert services.registration_for_secret(edition, secret) is None
    assert Scan.objects.filter(registration=participant).count() == 1
    assert User.objects.exists()
