"""Everything stored about a person, in one JSON document ("Last ned mine data" on Min side).

GDPR art. 15 (access) and 20 (portability). Only the person's own data: of a contribution with
co-contributors, only their own contributor entry; of an idea, their own comments and offers.
"""

import datetime

from django.db.models import Q, QuerySet
from django.urls import reverse

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import proven_email
from gronnpraksis.arena.models import Scan
from gronnpraksis.awards.models import JuryAssessment, Nomination, Vote
from gronnpraksis.billing.personal import payment_data
from gronnpraksis.contributions.models import Contribution, Contributor
from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import TeamMember
from gronnpraksis.examples.models import Example
from gronnpraksis.ideas.models import Comment, HelpOffer, Idea
from gronnpraksis.program.models import AgendaStar
from gronnpraksis.program.reports import person_reports
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.personal_data import consents, export_personal_data
from gronnpraksis.reviews.models import Review
from gronnpraksis.surveys.services import export_for as survey_answers

FORMAT_VERSION = 1


def _iso(moment: datetime.datetime | datetime.date | None) -> str | None:
    return moment.isoformat() if moment else None


def person_registrations(user: User) -> QuerySet[Registration]:
    """The registrations that belong to the person: matched as "Min side" matches them, by the
    account's proven address only (an unproven address must neither read nor erase anyone's data)."""
    email = proven_email(user)
    return Registration.objects.for_email(email) if email else Registration.objects.none()


def person_contributor_roles(user: User) -> QuerySet[Contributor]:
    email = proven_email(user)
    return (
        Contributor.objects.filter(Q(user=user) | Q(email__iexact=email))
        if email
        else (Contributor.objects.filter(user=user))
    )


def person_examples(user: User) -> QuerySet[Example]:
    return Example.objects.filter(Q(owners=user) | Q(created_by=user)).distinct()


def person_nominations(user: User) -> QuerySet[Nomination]:
    email = proven_email(user)
    if not email:
        return Nomination.objects.filter(created_by=user)
    return Nomination.objects.filter(Q(created_by=user) | Q(nominator_email__iexact=email))


def export_person(user: User) -> dict:
    """The whole document. Reads only; a bounded number of queries whatever the amount of data."""
    registrations = list(
        person_registrations(user)
        .select_related("edition", "ticket_type", "municipality")
        .prefetch_related("days", "themes")
        .order_by("created_at", "id")
    )
    votes = _by_registration(
        Vote.objects.filter(registration__in=registrations).select_related(
            "round__edition", "nomination__example"
        )
    )
    stars = _by_registration(AgendaStar.objects.filter(registration__in=registrations).select_related("item"))
    scans = _by_registration(Scan.objects.filter(registration__in=registrations).select_related("day"))
    answers = survey_answers(registrations)
    payments = payment_data(registrations)
    return {
        "format_version": FORMAT_VERSION,
        "account": {
            "email": user.email,
            "name": user.name,
            "created_at": _iso(user.date_joined),
            "last_login_at": _iso(user.last_login),
        },
        "registrations": [
            {
                **export_personal_data(r),
                "votes": [
                    {
                        "edition": v.round.edition.name,
                        "nominee": v.nomination.example.title,
                        "at": _iso(v.updated_at),
                    }
                    for v in votes.get(r.pk, [])
                ],
                "themes_of_interest": [t.name for t in r.themes.all()],
                "starred_programme_items": [
                    {"title": s.item.title, "starts_at": _iso(s.item.starts_at)} for s in stars.get(r.pk, [])
                ],
                # The scan log at the door: which day, when, and what came of it (not who scanned).
                "check_in_scans": [
                    {"day": _iso(s.day.date), "at": _iso(s.scanned_at), "result": s.result}
                    for s in scans.get(r.pk, [])
                ],
                "survey_answers": answers.get(r.pk, []),
                # Discount code, free ticket, cancellation fee and invoice lines (`billing`).
                "payment": payments.get(r.pk, {}),
            }
            for r in registrations
        ],
        "contributions": _contributions(user),
        "examples": _examples(user),
        "session_reports": _session_reports(user),
        "ideas": [
            {
                "title": idea.title,
                "text": idea.text,
                "owner_name": idea.owner_name,
                "visibility": idea.visibility,
                "status": idea.status,
                "created_at": _iso(idea.created_at),
                "published_at": _iso(idea.published_at),
            }
            for idea in Idea.objects.filter(owner=user).order_by("created_at", "id")
        ],
        "comments": [
            {
                "idea": comment.idea.title,
                "name": comment.author_name,
                "text": comment.text,
                "hidden": comment.is_hidden,
                "written_at": _iso(comment.created_at),
            }
            for comment in Comment.objects.filter(author=user)
            .select_related("idea")
            .order_by("created_at", "id")
        ],
        "offers_to_help": [
            {
                "idea": offer.idea.title,
                "name": offer.name,
                "message": offer.message,
                "status": offer.status,
                "offered_at": _iso(offer.created_at),
                "answered_at": _iso(offer.answered_at),
            }
            for offer in HelpOffer.objects.filter(user=user)
            .select_related("idea")
            .order_by("created_at", "id")
        ],
        "nominations": _nominations(user),
        "team_roles": [
            {"edition": m.edition.name, "role": m.role}
            for m in TeamMember.objects.filter(user=user).select_related("edition").order_by("id")
        ],
        "reviews": [
            {
                "contribution": r.contribution.title,
                "conflict_of_interest": r.conflict_of_interest,
                "conflict_reason": r.conflict_reason,
                "comment": r.comment,
                "scores": {sc.criterion.name: sc.value for sc in r.scores.all()},
                "submitted_at": _iso(r.submitted_at),
            }
            for r in Review.objects.filter(reviewer=user)
            .select_related("contribution")
            .prefetch_related("scores__criterion")
            .order_by("id")
        ],
        "jury_assessments": [
            {
                "nominee": a.nomination.example.title,
                "conflict_of_interest": a.conflict_of_interest,
                "conflict_reason": a.conflict_reason,
                "scores": {
                    sc.criterion.name: {"score": sc.value, "comment": sc.comment} for sc in a.scores.all()
                },
                "submitted_at": _iso(a.submitted_at),
            }
            for a in JuryAssessment.objects.filter(juror=user)
            .select_related("nomination__example")
            .prefetch_related("scores__criterion")
            .order_by("id")
        ],
        "consents": [
            {"registration_for": r.edition.name, **consent} for r in registrations for consent in consents(r)
        ],
    }


def _session_reports(user: User) -> list[dict]:
    """The session reports the person wrote, last changed or added files to: the text, links and
    outcomes as they stand, and the files the person uploaded (by address)."""
    rows = []
    for report in person_reports(user):
        rows.append(
            {
                "edition": report.item.edition.name,
                "item": report.item.title,
                "summary": report.summary,
                "written_by_you": report.created_by_id == user.pk,
                "last_changed_by_you": report.updated_by_id == user.pk,
                "links": [{"title": link.title, "url": link.url} for link in report.links.all()],
                "outcomes": [{"kind": o.kind, "text": o.text} for o in report.outcomes.all()],
                "your_files": [
                    {
                        "title": f.title,
                        "content_type": f.content_type,
                        "size": f.size,
                        "uploaded_at": _iso(f.created_at),
                        "url": absolute_url(
                            reverse(
                                "program:report_file",
                                kwargs={
                                    "edition": report.item.edition.slug,
                                    "pk": report.item_id,
                                    "file": f.pk,
                                },
                            )
                        ),
                    }
                    for f in report.files.all()
                    if f.uploaded_by_id == user.pk
                ],
                "created_at": _iso(report.created_at),
                "updated_at": _iso(report.updated_at),
            }
        )
    return rows


def _by_registration(rows: QuerySet) -> dict[int, list]:
    found: dict[int, list] = {}
    for row in rows:
        found.setdefault(row.registration_id, []).append(row)
    return found


def _contributions(user: User) -> list[dict]:
    roles = person_contributor_roles(user).select_related(
        "contribution__edition", "contribution__municipality"
    )
    found = []
    for role in roles.order_by("contribution__created_at", "contribution_id"):
        c: Contribution = role.contribution
        found.append(
            {
                "edition": c.edition.name,
                "kind": c.kind,
                "title": c.title,
                "summary": c.summary,
                "description": c.description,
                "organisation": c.organisation_name,
                "municipality": c.municipality.number,
                "needs": c.needs,
                "state": c.state,
                "submitted_at": _iso(c.submitted_at),
                # Only the person's own entry: co-contributors' names and addresses are theirs.
                "you": {"name": role.name, "email": role.email, "primary_contact": role.is_primary},
            }
        )
    return found


def _examples(user: User) -> list[dict]:
    found = []
    for e in person_examples(user).select_related("owner_organisation").order_by("created_at", "id"):
        mine = e.contact_email.lower() == user.email.lower()
        found.append(
            {
                "title": e.title,
                "summary": e.summary,
                "state": e.state,
                "owner": e.owner_name,
                "contact_name": e.contact_name if mine else "",
                "contact_email": e.contact_email if mine else "",
                "contact_is_public": e.contact_is_public if mine else None,
                "created_at": _iso(e.created_at),
                "published_at": _iso(e.published_at),
            }
        )
    return found


def _nominations(user: User) -> list[dict]:
    found = []
    rows = (
        person_nominations(user)
        .select_related("round__edition", "example")
        .prefetch_related("answers__criterion")
    )
    for n in rows.order_by("created_at", "id"):
        found.append(
            {
                "edition": n.round.edition.name,
                "project": n.example.title,
                "summary": n.summary,
                "answers": {a.criterion.name: a.text for a in n.answers.all()},
                "nominator_name": n.nominator_name,
                "nominator_email": n.nominator_email,
                "nominator_phone": n.nominator_phone,
                "nominator_organisation": n.nominator_organisation,
                "nominated_at": _iso(n.created_at),
            }
        )
    return found
