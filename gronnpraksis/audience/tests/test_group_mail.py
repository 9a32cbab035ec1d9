import pytest
from django.urls import reverse
from django.utils import translation

from gronnpraksis.audience import segments, services
from gronnpraksis.audience.models import GroupMail, GroupMailRecipient, GroupMailTemplate, MailKind
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import send_due_mails
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.registrations.models import Registration
from tests.factories import EditionFactory, register_person
from tests.factories import local_time as at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def names(edition, kind=MailKind.REGISTRATION, **definition):
    return sorted(r.name.split()[0] for r in services.distinct_recipients(edition, definition, kind))


def test_no_choice_means_every_confirmed_and_waiting(seeded):
    assert names(seeded.edition) == ["Kari", "Ola", "Siri"]
    assert names(seeded.edition, status=["cancelled"]) == ["Borte"]


def test_each_segment_filter(seeded):
    e = seeded.edition
    assert names(e, tickets=[seeded.student.pk]) == ["Siri"]
    assert names(e, days=[seeded.day1.pk]) == ["Kari", "Ola"]
    assert names(e, roles=["leder"]) == ["Ola"]
    assert names(e, sectors=["kommune"]) == ["Kari", "Siri"]
    assert names(e, counties=["03"]) == ["Ola"]
    assert names(e, contributor_kinds=["ide"]) == ["Siri"]
    assert names(e, contributor_kinds=["eksempel", "ide"]) == ["Ola", "Siri"]
    assert names(e, checked_in="yes") == ["Kari"]
    assert names(e, checked_in="no") == ["Ola", "Siri"]
    assert names(e, roles=["leder", "student"], days=[seeded.day2.pk]) == ["Siri"]


def test_speakers_of_a_day(seeded):
    e = seeded.edition
    ProgramItem.objects.create(
        edition=e,
        title="Kortreist mat",
        contribution=seeded.talk,
        starts_at=at(e, 1, 10),
        ends_at=at(e, 1, 11),
    )
    ProgramItem.objects.create(
        edition=e,
        title="Avlyst",
        contribution=seeded.workshop,
        starts_at=at(e, 0, 10),
        ends_at=at(e, 0, 11),
        is_cancelled=True,
    )
    assert names(e, speaker_days=[seeded.day2.pk]) == ["Ola"]
    assert names(e, speaker_days=[seeded.day1.pk]) == []


def test_news_never_reaches_a_person_who_did_not_consent(seeded, organiser):
    assert names(seeded.edition, MailKind.NEWS) == ["Kari", "Siri"]
    sent = services.send_group_mail(
        edition=seeded.edition,
        definition={},
        kind=MailKind.NEWS,
        subject="Nyheter til {navn}",
        body="Hei {navn}!",
        sent_by=organiser,
    )
    assert sorted(
        OutboxMail.objects.filter(group_mail_recipient__group_mail=sent).values_list("to", flat=True)
    ) == [
        "kari@example.no",
        "siri@example.no",
    ]
    assert sent.recipient_count == 2 and sent.sent_by == organiser and sent.segment == {}
    assert "Status: Confirmed, On the waitlist" in sent.segment_description


def test_a_mail_about_the_registration_reaches_everyone_and_fills_the_placeholders(seeded, organiser):
    sent = services.send_group_mail(
        edition=seeded.edition,
        definition={"days": [seeded.day1.pk]},
        kind=MailKind.REGISTRATION,
        subject="Praktisk info for {arrangement}",
        body="Hei {navn}, endre her: {lenke}",
        sent_by=organiser,
    )
    rows = {r.to: r for r in OutboxMail.objects.filter(group_mail_recipient__group_mail=sent)}
    assert set(rows) == {"kari@example.no", "ola@example.no"}
    ola = rows["ola@example.no"]
    assert ola.subject == f"Praktisk info for {seeded.edition.name}"
    assert "Hei Ola Nordmann, endre her: http" in ola.body_text
    assert seeded.ola.manage_token in ola.body_text and ola.carries_secret
    assert ola.headers == {} and "/nyheter/stopp/" not in ola.body_text
    assert GroupMailRecipient.objects.get(outbox_mail=ola).registration == seeded.ola


def test_a_news_mail_has_the_one_click_headers_and_link(seeded, organiser, mailoutbox):
    services.send_group_mail(
        edition=seeded.edition,
        definition={},
        kind=MailKind.NEWS,
        subject="Nytt",
        body="Neste år!",
        sent_by=organiser,
    )
    kari = OutboxMail.objects.get(to="kari@example.no", template="group_mail")
    assert kari.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = kari.headers["List-Unsubscribe"].strip("<>")
    assert url in kari.body_text and not kari.carries_secret
    send_due_mails()
    sent = next(m for m in mailoutbox if m.to == ["kari@example.no"] and m.subject == "Nytt")
    assert sent.message()["List-Unsubscribe"] == f"<{url}>"


def test_unsubscribe_without_login_is_idempotent(client, seeded):
    token = services.unsubscribe_token(seeded.kari)
    url = reverse("audience_public:unsubscribe", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200 and "kari@example.no" in page.content.decode()
    assert Registration.objects.get(pk=seeded.kari.pk).news_opt_in  # a GET (a link scanner) stops nothing
    for _attempt in range(2):
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    kari = Registration.objects.get(pk=seeded.kari.pk)
    assert not kari.news_opt_in and kari.news_withdrawn_at is not None
    assert names(seeded.edition, MailKind.NEWS) == ["Siri"]


def test_unsubscribe_stops_news_for_the_address_in_every_edition(client, seeded):
    other = EditionFactory()
    again = register_person(other, name="Kari Nordmann", email="KARI@example.no", news_opt_in=True)
    client.post(
        reverse("audience_public:unsubscribe", kwargs={"token": services.unsubscribe_token(seeded.kari)})
    )
    assert not Registration.objects.get(pk=again.pk).news_opt_in


def test_a_tampered_token_is_refused(client, seeded):
    token = services.unsubscribe_token(seeded.kari)
    forged = services.unsubscribe_token(seeded.siri).split(":")[0] + ":" + token.split(":")[1]
    for bad in (token[:-2] + "xx", forged, "12"):
        url = reverse("audience_public:unsubscribe", kwargs={"token": bad})
        assert client.post(url).status_code == 404
    assert Registration.objects.get(pk=seeded.kari.pk).news_opt_in
    assert Registration.objects.get(pk=seeded.siri.pk).news_opt_in


def compose(seeded, **extra):
    data = {"kind": "registration", "days": [str(seeded.day1.pk)], "subject": "Info", "body": "Hei {navn}"}
    return data | extra


def test_count_preview_and_send_through_the_page(client, seeded, organiser):
    client.force_login(organiser)
    url = reverse("audience:group_mail", kwargs={"edition": seeded.edition.slug})
    page = client.post(url, compose(seeded, action="preview")).content.decode()
    assert "The mail reaches 2 people." in page and "Hei Kari Nordmann" in page
    assert not OutboxMail.objects.filter(template="group_mail").exists()
    # Someone registered since the count: the organiser is shown the new number, nothing is sent.
    register_person(seeded.edition, name="Per Ny", email="per@example.no", days=[seeded.day1])
    page = client.post(url, compose(seeded, action="send", expected_count="2")).content.decode()
    assert "The group changed since you counted" in page and "The mail reaches 3 people." in page
    assert not GroupMail.objects.exists()
    response = client.post(url, compose(seeded, action="send", expected_count="3"))
    assert response.status_code == 302
    mail = GroupMail.objects.get()
    assert mail.recipient_count == 3 and mail.segment["days"] == [seeded.day1.pk]
    assert OutboxMail.objects.filter(template="group_mail").count() == 3
    listing = client.get(reverse("audience:group_mails", kwargs={"edition": seeded.edition.slug}))
    assert "Info" in listing.content.decode()


def test_unknown_placeholder_is_refused_and_the_text_kept(client, seeded, organiser):
    client.force_login(organiser)
    url = reverse("audience:group_mail", kwargs={"edition": seeded.edition.slug})
    response = client.post(url, compose(seeded, action="preview", body="Hei {fornavn}"))
    assert response.status_code == 400
    assert (
        "Unknown fields: {fornavn}" in response.content.decode()
        and "Hei {fornavn}" in response.content.decode()
    )


def test_templates_are_kept_and_copied_to_the_next_edition(client, seeded, organiser):
    client.force_login(organiser)
    url = reverse("audience:group_mail", kwargs={"edition": seeded.edition.slug})
    client.post(url, compose(seeded, action="save_template", save_as="Praktisk info"))
    template = GroupMailTemplate.objects.get(edition=seeded.edition)
    assert (template.name, template.subject, template.body) == ("Praktisk info", "Info", "Hei {navn}")
    following = EditionFactory(
        starts_on=seeded.edition.starts_on.replace(year=seeded.edition.starts_on.year + 1)
    )
    following.ends_on = following.starts_on
    following.save()
    copy = reverse("audience:copy_templates", kwargs={"edition": following.slug})
    client.post(copy)
    client.post(copy)  # twice: no duplicates
    assert list(GroupMailTemplate.objects.filter(edition=following).values_list("name", "body")) == [
        ("Praktisk info", "Hei {navn}")
    ]
    page = client.get(
        reverse("audience:group_mail", kwargs={"edition": following.slug})
        + f"?template={GroupMailTemplate.objects.get(edition=following).pk}"
    )
    assert "Hei {navn}" in page.content.decode()


def test_segments_describe_themselves(seeded):
    text = segments.describe(seeded.edition, {"roles": ["leder"], "checked_in": "no", "counties": ["03"]})
    assert text == "Status: Confirmed, On the waitlist; Role: Leader; County: Oslo; Not checked in"


def test_a_large_segment_is_written_in_a_few_queries(seeded, organiser, django_assert_max_num_queries):
    for n in range(40):
        register_person(seeded.edition, name=f"Person {n}", email=f"person{n}@example.no", days=[seeded.day1])
    with django_assert_max_num_queries(12):
        sent = services.send_group_mail(
            edition=seeded.edition,
            definition={"days": [seeded.day1.pk]},
            kind=MailKind.REGISTRATION,
            subject="Info",
            body="Hei {navn}: {lenke}",
            sent_by=organiser,
        )
    assert sent.recipient_count == 42
    assert GroupMailRecipient.objects.filter(group_mail=sent).count() == 42
