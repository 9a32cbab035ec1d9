"""Who may open which back-office page: every URL of /arrangor/<edition>/ for every kind of person.

Each row of the matrix is one URL (built with real ids) and method; each test sends it as every
actor, each request in a savepoint that is rolled back, and compares what happened with the rules:

- nobody logged in: sent to log in (with the page as `next`);
- a logged-in person without a role, or a reviewer of another edition: 404 on everything;
- an organiser (team member or staff) without an authenticator app: sent to set one up;
- a reviewer of the edition: their assigned contribution and their own review, 404 on the rest;
- an organiser with an authenticator app: everything.

A refused POST (404 or a redirect) writes nothing.
"""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, reverse

from gronnpraksis.accounts.services import record_proven_email
from gronnpraksis.audience import backoffice_urls as audience_urls
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import TeamMember, TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program import backoffice_urls
from gronnpraksis.program.models import PartnerProgramme, ProgramItem, ProgramVersion, Room, Track
from gronnpraksis.reviews import services
from gronnpraksis.reviews import urls as review_urls
from gronnpraksis.reviews.models import Criterion, DecisionRecord, DecisionTemplate, Review, Score
from tests.factories import EditionFactory, UserFactory, submit_contribution
from tests.factories import local_time as at

LOGIN, TOTP, NOT_FOUND = "login", "totp", "404"

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
]


def with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


@pytest.fixture
def world(edition, organiser, outsider):
    """An edition with criteria, a team, two contributions (one assigned to the reviewer), a room,
    a track, an item and a partner programme; and a second edition with its own reviewer."""

    def member(email, role, target=edition):
        added = services.add_team_member(
            edition=target, email=email, name=email, role=role, added_by=organiser
        )
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
        },
    )


@dataclass(frozen=True)
class Url:
    name: str
    method: str
    access: str
    allowed: int  # the status an actor who may use it gets
    kwargs: object = None  # world -> URL kwargs besides the edition
    data: object = None  # world -> POST data

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


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


R, P, A = "reviews:", "program_backoffice:", "audience:"
URLS = [
    Url(R + "dashboard", "GET", TEAM, 200),
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
    Url(R + "team", "GET", ORGANISER, 200),
    Url(
        R + "team",
        "POST",
        ORGANISER,
        302,
        None,
        lambda w: {"email": "ny@example.no", "name": "Ny", "role": "reviewer"},
    ),
    Url(R + "team_remove", "POST", ORGANISER, 302, lambda w: {"pk": w.extra.pk}),
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
    # Partner programmes (program/partner_urls.py); their forms get invalid data: 400 is "let in".
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
    if actor in ("outsider", "reviewer_of_another_edition"):
        return NOT_FOUND
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor == "reviewer" and url.access == ORGANISER:
        return NOT_FOUND
    if actor == "staff" and url.access == OWN_REVIEW:
        return NOT_FOUND  # staff review only when they are on the team and asked (assign_reviewer)
    return str(url.allowed)


def outcome(response, path: str) -> str:
    """What a response means for the matrix: log in, set up TOTP, 404, or the status code."""
    location = response.get("Location", "")
    if response.status_code == 302 and location == f"{reverse(settings.LOGIN_URL)}?next={quote(path)}":
        return LOGIN
    if response.status_code == 302 and location == reverse("mfa_activate_totp"):
        return TOTP
    if response.status_code == 302 and not location.startswith(f"/arrangor/{path.split('/')[2]}/"):
        return f"302 to {location}"
    return str(response.status_code)


def stored():
    """Everything a back-office request could change, to check that a refused one changed nothing."""
    return {
        "counts": [
            m.objects.count()
            for m in (
                Review,
                Score,
                Criterion,
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


def send(client: Client, w, actor: str, url: Url) -> tuple[str, bool]:
    """The outcome of the request as `actor`, and whether it changed anything; rolled back after."""
    path = reverse(url.name, kwargs={"edition": w.edition.slug, **(url.kwargs(w) if url.kwargs else {})})
    with transaction.atomic():
        client.logout()
        if w.actors[actor] is not None:
            client.force_login(w.actors[actor])
        if url.method == "GET":
            response, changed = client.get(path), False
        else:
            before = stored()
            response = client.post(path, url.data(w) if url.data else {})
            changed = stored() != before
        transaction.set_rollback(True)
    return outcome(response, path), changed


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_back_office_url_for_every_role(client, world, url):
    results = {actor: send(client, world, actor, url) for actor in ACTORS}

    assert {actor: result for actor, (result, _changed) in results.items()} == {
        actor: expected(actor, url) for actor in ACTORS
    }
    assert [
        actor
        for actor, (result, changed) in results.items()
        if result in (LOGIN, NOT_FOUND, TOTP) and changed
    ] == []


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

    assert send(client, world, "reviewer", unassigned) == (NOT_FOUND, False)


def url_names(patterns, namespace: str) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= url_names(pattern.url_patterns, namespace)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_the_matrix_covers_every_back_office_url():
    every = (
        url_names(review_urls.urlpatterns, R)
        | url_names(backoffice_urls.urlpatterns, P)
        | url_names(audience_urls.urlpatterns, A)
    )
    rows = [(u.name, u.method) for u in URLS]

    assert {name for name, _method in rows} == every
    assert len(rows) == len(set(rows))


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
        reverse("reviews:dashboard", kwargs={"edition": other.slug}),
        reverse("reviews:dashboard", kwargs={"edition": "finnes-ikke"}),
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

    body = client.get(reverse("reviews:dashboard", kwargs={"edition": world.edition.slug})).content.decode()

    assert reverse("reviews:contributions", kwargs={"edition": world.edition.slug}) in body
    for name in (R + "ranking", R + "team", R + "criteria", P + "grid", P + "rooms", P + "partners"):
        assert reverse(name, kwargs={"edition": world.edition.slug}) not in body
