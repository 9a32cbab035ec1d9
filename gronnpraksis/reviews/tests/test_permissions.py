"""Who may open which back-office page: every URL of /arrangor/<edition>/ for every kind of person.

Each row of the matrix is one URL (built with real ids) and method; each test sends it as every
actor, each request in a savepoint that is rolled back, and compares what happened with the rules:

- nobody logged in: sent to log in (with the page as `next`);
- a logged-in person without a role, or a reviewer of another edition: 404 on everything;
- an organiser (team member or staff) without an authenticator app: sent to set one up;
- a reviewer of the edition: their assigned contribution and their own review, 404 on the rest;
- an organiser with an authenticator app: everything, and so has an organiser of the edition's network;
- an organiser of another network: 404 on everything (and the other way round: the edition's network
  organiser gets 404 on every URL of the other network's edition).

A refused POST (404 or a redirect) writes nothing.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from gronnpraksis.accounts.services import record_proven_email
from gronnpraksis.audience import backoffice_urls as audience_urls
from gronnpraksis.backoffice import backoffice_urls as own_urls
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import TeamMember, TeamRole
from gronnpraksis.editions.services import add_team_member
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program import backoffice_urls
from gronnpraksis.program.models import PartnerProgramme, ProgramItem, ProgramVersion, Room, Track
from gronnpraksis.program.tests import test_permissions as planner_matrix
from gronnpraksis.program.tests import test_proposal_permissions as proposal_matrix
from gronnpraksis.reviews import backoffice_urls as review_urls
from gronnpraksis.reviews import services
from gronnpraksis.reviews.models import AuditEntry, Criterion, DecisionRecord, DecisionTemplate, Review, Score
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, with_totp
from tests.factories import EditionFactory, UserFactory, submit_contribution
from tests.factories import local_time as at

# Who may open a URL: the whole team, only someone asked to review the contribution, or organisers.
TEAM, OWN_REVIEW, ORGANISER = "team", "own review", "organiser"

ACTORS = [
    "anonymous",
    "outsider",
    "reviewer_of_another_edition",
    "reviewer",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
    "network_organiser",
    "organiser_of_another_network",
]


@pytest.fixture
def world(edition, organiser, outsider):
    """An edition with criteria, a team, two contributions (one assigned to the reviewer), a room,
    a track, an item and a partner programme; and a second edition with its own reviewer."""

    def member(email, role, target=edition):
        added = add_team_member(edition=target, email=email, name=email, role=role, added_by=organiser)
        record_proven_email(user=added.user, email=email)  # they logged in by code
        return added

    first, _second = (
        Criterion.objects.create(edition=edition, name=name, max_score=5, position=n)
        for n, name in enumerate(["Relevans", "Overførbarhet"])
    )
    reviewer = member("vera.vurderer@example.no", TeamRole.REVIEWER).user
    team_organiser = with_totp(member("olga.organiser@example.no", TeamRole.ORGANISER).user)
    extra = member("ekstra@example.no", TeamRole.REVIEWER)
    assigned = submit_contribution(edition, title="Tildelt bidrag")
    unassigned = submit_contribution(edition, title="Ikke tildelt bidrag", email="annen@example.no")
    for person in (reviewer, team_organiser, extra.user):
        services.assign_reviewer(contribution=assigned, reviewer=person, assigned_by=organiser)
    network_organiser, other_network_organiser = matrix.network_organisers(edition)
    other = EditionFactory()
    other_reviewer = member("ragnar.annen@example.no", TeamRole.REVIEWER, other).user
    services.assign_reviewer(
        contribution=submit_contribution(other, title="Annen årgang"),
        reviewer=other_reviewer,
        assigned_by=organiser,
    )
    room = Room.objects.create(edition=edition, name="Store sal", capacity=200)
    track = Track.objects.create(edition=edition, name="Fordypning: mat", slug="mat")
    item = ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        kind="plenary",
        room=room,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 10),
    )
    partner_track = Track.objects.create(edition=edition, name="Miljøuka", slug="miljouka", is_partner=True)
    partner = PartnerProgramme.objects.create(edition=edition, name="Miljøuka", track=partner_track)
    partner_event = ProgramItem.objects.create(
        edition=edition,
        kind="partner",
        title="Byvandring",
        track=partner_track,
        partner_programme=partner,
        starts_at=at(edition, 0, 18),
        ends_at=at(edition, 0, 19),
    )
    return SimpleNamespace(
        edition=edition,
        criterion=first,
        criteria=Criterion.objects.filter(edition=edition),
        assigned=assigned,
        unassigned=unassigned,
        reviewer=reviewer,
        extra=extra,
        extra_review=Review.objects.get(contribution=assigned, reviewer=extra.user),
        room=room,
        track=track,
        item=item,
        partner=partner,
        partner_event=partner_event,
        actors={
            "anonymous": None,
            "outsider": UserFactory(email=outsider.email, name=outsider.name),
            "reviewer_of_another_edition": other_reviewer,
            "reviewer": reviewer,
            "organiser_without_totp": member("uten.app@example.no", TeamRole.ORGANISER).user,
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": team_organiser,
            "staff": organiser,
            "network_organiser": network_organiser,
            "organiser_of_another_network": other_network_organiser,
        },
    )


def scores(w):
    return {f"criterion_{c.pk}": "4" for c in w.criteria} | {"comment": "Lovende."}


def item_data(w):
    day = w.edition.starts_on.isoformat()
    return {
        "kind": "plenary",
        "title": "Lunsj",
        "day": day,
        "starts": "12:00",
        "ends": "13:00",
        "room": w.room.pk,
    }


def contribution(w):
    return {"pk": w.assigned.pk}


def invalid(w):
    """Bound but invalid form data (an empty POST would show the empty form)."""
    return {"name": "", "title": ""}


R, P, B, A = "reviews:", "program_backoffice:", "backoffice:", "audience:"
URLS = [
    Url(B + "dashboard", "GET", TEAM, 200),
    Url(R + "contributions", "GET", TEAM, 200),
    Url(R + "contribution", "GET", TEAM, 200, contribution),
    Url(R + "review", "GET", OWN_REVIEW, 200, contribution),
    Url(R + "review", "POST", OWN_REVIEW, 302, contribution, scores),
    Url(R + "conflict", "POST", OWN_REVIEW, 302, contribution, lambda w: {"reason": "Jeg kjenner dem godt"}),
    Url(
        R + "assign",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.unassigned.pk},
        lambda w: {"reviewer": w.reviewer.pk},
    ),
    Url(
        R + "unassign",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.assigned.pk, "review_pk": w.extra_review.pk},
    ),
    Url(R + "ranking", "GET", ORGANISER, 200),
    Url(
        R + "decide",
        "POST",
        ORGANISER,
        302,
        None,
        lambda w: {"contributions": [w.assigned.pk], "decision": "accepted"},
    ),
    Url(R + "criteria", "GET", ORGANISER, 200),
    Url(
        R + "criteria",
        "POST",
        ORGANISER,
        302,
        None,
        lambda w: {"name": "Nyskapning", "max_score": "5", "position": "3"},
    ),
    Url(R + "criteria_suggested", "POST", ORGANISER, 302),
    Url(R + "criterion", "GET", ORGANISER, 200, lambda w: {"pk": w.criterion.pk}),
    Url(
        R + "criterion",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.criterion.pk},
        lambda w: {"name": "Relevans for omstilling", "max_score": "6", "position": "1"},
    ),
    Url(R + "criterion_delete", "POST", ORGANISER, 302, lambda w: {"pk": w.criterion.pk}),
    Url(B + "team", "GET", ORGANISER, 200),
    Url(
        B + "team",
        "POST",
        ORGANISER,
        302,
        None,
        lambda w: {"email": "ny@example.no", "name": "Ny", "role": "reviewer"},
    ),
    Url(B + "team_remove", "POST", ORGANISER, 302, lambda w: {"pk": w.extra.pk}),
    Url(R + "mail_templates", "GET", ORGANISER, 200),
    Url(R + "mail_template", "GET", ORGANISER, 200, lambda w: {"decision": "accepted"}),
    Url(
        R + "mail_template",
        "POST",
        ORGANISER,
        302,
        lambda w: {"decision": "accepted"},
        lambda w: {"subject": "Velkommen, {navn}", "body": "«{tittel}» er med."},
    ),
    Url(P + "grid", "GET", ORGANISER, 200),
    Url(P + "item_new", "GET", ORGANISER, 200),
    Url(P + "item_new", "POST", ORGANISER, 302, None, item_data),
    Url(P + "publish", "POST", ORGANISER, 302, None, lambda w: {"note": "Første versjon"}),
    Url(P + "item", "GET", ORGANISER, 200, lambda w: {"pk": w.item.pk}),
    Url(P + "item", "POST", ORGANISER, 302, lambda w: {"pk": w.item.pk}, item_data),
    Url(P + "item_delete", "POST", ORGANISER, 302, lambda w: {"pk": w.item.pk}),
    Url(P + "rooms", "GET", ORGANISER, 200),
    Url(
        P + "rooms",
        "POST",
        ORGANISER,
        302,
        None,
        lambda w: {"add_room": "1", "room-name": "Foajeen", "room-capacity": "40", "room-position": "2"},
    ),
    Url(P + "room", "GET", ORGANISER, 200, lambda w: {"pk": w.room.pk}),
    Url(
        P + "room",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.room.pk},
        lambda w: {"name": "Stor sal", "position": "1"},
    ),
    Url(P + "room_delete", "POST", ORGANISER, 302, lambda w: {"pk": w.room.pk}),
    Url(P + "track", "GET", ORGANISER, 200, lambda w: {"pk": w.track.pk}),
    Url(
        P + "track",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.track.pk},
        lambda w: {"name": "Mat og jord", "slug": "mat", "position": "1"},
    ),
    Url(P + "track_delete", "POST", ORGANISER, 302, lambda w: {"pk": w.track.pk}),
    # Partner programmes (program/backoffice/partners.py); their forms get invalid data: 400 is "let in".
    Url(P + "partners", "GET", ORGANISER, 200),
    Url(P + "partners", "POST", ORGANISER, 400, None, invalid),
    Url(P + "partner", "GET", ORGANISER, 200, lambda w: {"pk": w.partner.pk}),
    Url(P + "partner_edit", "GET", ORGANISER, 200, lambda w: {"pk": w.partner.pk}),
    Url(P + "partner_edit", "POST", ORGANISER, 400, lambda w: {"pk": w.partner.pk}, invalid),
    Url(P + "partner_delete", "GET", ORGANISER, 200, lambda w: {"pk": w.partner.pk}),
    Url(P + "partner_delete", "POST", ORGANISER, 302, lambda w: {"pk": w.partner.pk}),
    Url(P + "partner_fetch", "POST", ORGANISER, 302, lambda w: {"pk": w.partner.pk}),
    Url(P + "partner_event_new", "GET", ORGANISER, 200, lambda w: {"pk": w.partner.pk}),
    Url(P + "partner_event_new", "POST", ORGANISER, 400, lambda w: {"pk": w.partner.pk}, invalid),
    Url(
        P + "partner_event",
        "GET",
        ORGANISER,
        200,
        lambda w: {"pk": w.partner.pk, "event": w.partner_event.pk},
    ),
    Url(
        P + "partner_event",
        "POST",
        ORGANISER,
        400,
        lambda w: {"pk": w.partner.pk, "event": w.partner_event.pk},
        invalid,
    ),
    Url(
        P + "partner_event_delete",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.partner.pk, "event": w.partner_event.pk},
    ),
    # The organisers' numbers and mail to groups (audience/backoffice_urls.py).
    Url(A + "dashboard", "GET", ORGANISER, 200),
    Url(A + "download", "GET", ORGANISER, 200, lambda w: {"table": "sector", "fmt": "csv"}),
    Url(A + "group_mail", "GET", ORGANISER, 200),
    Url(
        A + "group_mail",
        "POST",
        ORGANISER,
        200,
        None,
        lambda w: {"action": "preview", "kind": "news", "subject": "Nytt", "body": "Hei {navn}"},
    ),
    Url(A + "group_mails", "GET", ORGANISER, 200),
    Url(A + "copy_templates", "POST", ORGANISER, 302),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if actor in ("outsider", "reviewer_of_another_edition", "organiser_of_another_network"):
        return NOT_FOUND
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor == "reviewer" and url.access == ORGANISER:
        return NOT_FOUND
    if actor in ("staff", "network_organiser") and url.access == OWN_REVIEW:
        return NOT_FOUND  # staff review only when they are on the team and asked (assign_reviewer)
    return str(url.allowed)


def stored():
    """Everything a back-office request could change, to check that a refused one changed nothing."""
    return {
        "counts": [
            m.objects.count()
            for m in (
                Review,
                Score,
                Criterion,
                AuditEntry,
                TeamMember,
                DecisionRecord,
                DecisionTemplate,
                ProgramItem,
                Room,
                Track,
                ProgramVersion,
                PartnerProgramme,
                OutboxMail,
            )
        ],
        "states": sorted(Contribution.objects.values_list("pk", "state")),
        "reviews": sorted(
            Review.objects.values_list("pk", "comment", "conflict_of_interest", "submitted_at")
        ),
        "names": sorted(
            [
                *Criterion.objects.values_list("name", "max_score"),
                *Room.objects.values_list("name", "capacity"),
            ]
        ),
        "items": sorted(ProgramItem.objects.values_list("pk", "title", "room_id", "starts_at")),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_back_office_url_for_every_role(client, world, url):
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [u for u in URLS if u.access in (TEAM, OWN_REVIEW) and u.kwargs is contribution],
    ids=str,
)
def test_a_reviewer_gets_404_for_a_contribution_they_are_not_asked_to_review(client, world, url):
    unassigned = Url(
        url.name, url.method, url.access, url.allowed, lambda w: {"pk": w.unassigned.pk}, url.data
    )

    assert matrix.send(client, world, "reviewer", unassigned, stored) == (NOT_FOUND, False)


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_an_organiser_of_one_network_is_refused_on_every_url_of_another_networks_edition(client, world, url):
    """The other way round from the matrix: the edition's network organiser, on an edition of the
    other network (the objects in the URL are this edition's, so those are 404 for everyone)."""
    other_network = world.actors["organiser_of_another_network"].network_roles.get().network
    elsewhere = SimpleNamespace(**{**vars(world), "edition": EditionFactory(network=other_network)})

    assert matrix.send(client, elsewhere, "network_organiser", url, stored) == (NOT_FOUND, False)


def test_the_matrix_covers_every_back_office_url():
    # The network pages have their own matrix (backoffice/tests/test_network_permissions.py): who may
    # open them depends on the network, not on the edition's team.
    network_pages = {
        name for name in matrix.url_names(own_urls.urlpatterns, B) if name.startswith(B + "network")
    }
    # The planner's moves and the builder's proposals have their own matrices too
    # (program/tests/test_permissions.py, program/tests/test_proposal_permissions.py).
    program_pages = {u.name for u in planner_matrix.URLS} | {u.name for u in proposal_matrix.URLS}
    matrix.assert_covers(
        [u for u in URLS if u.name not in program_pages],
        (matrix.url_names(own_urls.urlpatterns, B) - network_pages)
        | matrix.url_names(review_urls.urlpatterns, R)
        | (matrix.url_names(backoffice_urls.urlpatterns, P) - program_pages)
        | matrix.url_names(audience_urls.urlpatterns, A),
    )


@pytest.mark.django_db
def test_objects_of_another_edition_are_404_under_this_editions_address(client, world):
    other = EditionFactory()
    room = Room.objects.create(edition=other, name="Annen sal")
    track = Track.objects.create(edition=other, name="Annet spor", slug="annet")
    item = ProgramItem.objects.create(
        edition=other, title="Annet", room=room, starts_at=at(other, 0, 9), ends_at=at(other, 0, 10)
    )
    criterion = Criterion.objects.create(edition=other, name="Annet kriterium")
    foreign = submit_contribution(other, title="Annen årgangs bidrag")
    client.force_login(world.actors["organiser"])
    slug = world.edition.slug
    paths = [
        reverse("program_backoffice:room", kwargs={"edition": slug, "pk": room.pk}),
        reverse("program_backoffice:track", kwargs={"edition": slug, "pk": track.pk}),
        reverse("program_backoffice:item", kwargs={"edition": slug, "pk": item.pk}),
        reverse("reviews:criterion", kwargs={"edition": slug, "pk": criterion.pk}),
        reverse("reviews:contribution", kwargs={"edition": slug, "pk": foreign.pk}),
        reverse("reviews:contribution", kwargs={"edition": slug, "pk": 99999999999999999999}),
        reverse("program_backoffice:item", kwargs={"edition": slug, "pk": 99999999999999999999}),
        reverse("reviews:mail_template", kwargs={"edition": slug, "decision": "kanskje"}),
        # The organiser of this edition is nobody in the other one.
        reverse("backoffice:dashboard", kwargs={"edition": other.slug}),
        reverse("backoffice:dashboard", kwargs={"edition": "finnes-ikke"}),
    ]

    assert [client.get(path).status_code for path in paths] == [404] * len(paths)
    assert (
        client.post(
            reverse("program_backoffice:room_delete", kwargs={"edition": slug, "pk": room.pk})
        ).status_code
        == 404
    )
    assert Room.objects.filter(pk=room.pk).exists()


@pytest.mark.django_db
def test_a_reviewer_sees_only_the_review_pages_in_the_navigation(world, client):
    client.force_login(world.reviewer)

    body = client.get(
        reverse("backoffice:dashboard", kwargs={"edition": world.edition.slug})
    ).content.decode()

    assert reverse("reviews:contributions", kwargs={"edition": world.edition.slug}) in body
    for name in (R + "ranking", B + "team", R + "criteria", P + "grid", P + "rooms", P + "partners"):
        assert reverse(name, kwargs={"edition": world.edition.slug}) not in body
