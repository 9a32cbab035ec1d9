import datetime

from django.urls import reverse

from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import ItemKind, ProgramItem, ProgramVersion, Track
from gronnpraksis.program.services import diff_versions, publish_program, snapshot_item, working_items


def _partner_event(edition: Edition) -> ProgramItem:
    track = Track.objects.create(edition=edition, name="Miljøuka", slug="miljouka", is_partner=True)
    start = datetime.datetime.combine(edition.starts_on, datetime.time(19), tzinfo=edition.tz)
    return ProgramItem.objects.create(
        edition=edition,
        kind=ItemKind.PARTNER,
        title="Åpningsfest",
        track=track,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Fiskebrygga, Kristiansand",
        url="https://miljouka.example.no/apning",
    )


def test_a_partner_events_place_and_page_are_published_and_used_in_the_calendar(client, edition):
    _partner_event(edition)
    publish_program(edition=edition, user=None)

    item = ProgramVersion.objects.get(edition=edition).items[0]
    ics = client.get(reverse("program:program_ics", kwargs={"edition": edition.slug})).content.decode()

    assert (item["location"], item["url"]) == (
        "Fiskebrygga, Kristiansand",
        "https://miljouka.example.no/apning",
    )
    assert "LOCATION:Fiskebrygga\\, Kristiansand" in ics


def test_versions_published_before_place_and_page_existed_do_not_show_every_item_as_changed(edition):
    _partner_event(edition)
    ProgramItem.objects.update(location="", url="")
    new = [snapshot_item(item) for item in working_items(edition)]
    old = [{k: v for k, v in item.items() if k not in ("location", "url")} for item in new]

    assert diff_versions(old, new) == []


def test_partner_events_are_marked_on_the_public_programme_and_their_page(client, edition):
    event = _partner_event(edition)
    publish_program(edition=edition, user=None)

    programme = client.get(reverse("program:program", kwargs={"edition": edition.slug})).content.decode()
    page = client.get(
        reverse("program:item", kwargs={"edition": edition.slug, "pk": event.pk})
    ).content.decode()

    assert "Partnerarrangement" in programme and "Fiskebrygga, Kristiansand" in programme
    assert "Partnerarrangement" in page and 'href="https://miljouka.example.no/apning"' in page


def test_the_summary_is_published_and_shown_on_the_item_page_with_json_ld(client, edition):
    from tests.factories import submit_contribution

    contribution = submit_contribution(edition, title="Bildeling")
    start = datetime.datetime.combine(edition.starts_on, datetime.time(10), tzinfo=edition.tz)
    item = ProgramItem.objects.create(
        edition=edition,
        title="Bildeling",
        contribution=contribution,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )
    publish_program(edition=edition, user=None)

    page = client.get(
        reverse("program:item", kwargs={"edition": edition.slug, "pk": item.pk})
    ).content.decode()

    assert ProgramVersion.objects.get().items[0]["summary"] == contribution.summary
    assert f'<p class="ds-paragraph" data-size="lg">{contribution.summary}</p>' in page
    assert f'"description": "{contribution.summary}"' in page


def test_versions_published_before_summaries_existed_do_not_show_every_item_as_changed(edition):
    from tests.factories import submit_contribution

    contribution = submit_contribution(edition, title="Bildeling")
    start = datetime.datetime.combine(edition.starts_on, datetime.time(10), tzinfo=edition.tz)
    ProgramItem.objects.create(
        edition=edition,
        title="Bildeling",
        contribution=contribution,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )
    new = [snapshot_item(item) for item in working_items(edition)]
    old = [{k: v for k, v in item.items() if k != "summary"} for item in new]
    changed = [dict(item, summary="Noe annet") for item in new]

    assert diff_versions(old, new) == []
    assert [c["change"] for c in diff_versions(changed, new)] == ["changed"]
