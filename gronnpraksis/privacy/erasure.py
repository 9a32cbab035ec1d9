"""Deleting a person's account (GDPR art. 17) and anonymising registrations.

What must stay is kept without the person: a registration keeps its edition, ticket, days, municipality,
organisation, sector and role (the statistics) and its vote (still counted), but loses name, e-mail,
phone, health data, invoice reference and its links; a published example keeps its organisation and
municipalities, not its contact person; a comment keeps its text under no name.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.arena.models import CheckInPass
from gronnpraksis.billing.services import anonymise_invoice_lines
from gronnpraksis.editions.models import TeamMember
from gronnpraksis.examples.models import ExampleVersion
from gronnpraksis.ideas.models import Comment, Idea, IdeaVisibility
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import (
    Registration,
    Status,
    new_calendar_token,
    new_manage_token,
    new_vote_token,
)
from gronnpraksis.registrations.services import cancel_registration
from gronnpraksis.surveys import services as survey_services

from .export import person_contributor_roles, person_examples, person_nominations, person_registrations
from .models import ErasureLogEntry


class ErasureRefused(Exception):
    """The account cannot be deleted this way; the message says why, in the user's language."""


def anonymise_registrations(registrations: QuerySet[Registration]) -> int:
    """Remove the personal data from registrations, keeping the rows (statistics, counted votes).

    The manage, vote and calendar links and the ticket's check-in code stop working (new random tokens nobody knows), and the network
    marker goes. The idempotency key (a
    random number from the form) stays, so a repeated submit or the demo's re-seeding finds the row
    instead of making a second one. Returns rows changed.
    Side effects: one UPDATE per row (each needs its own new tokens).
    """
    now = timezone.now()
    changed = 0
    # The ticket's check-in secret goes; the scan log stays for the attendance figures, without the person.
    CheckInPass.objects.filter(registration__in=registrations).delete()
    # Invoice lines stay five years (bookkeeping act) with their amounts, without the person's name.
    anonymise_invoice_lines(registrations)
    # Survey answers stay in the counts, cut off the person and never named; their free text goes.
    survey_services.anonymise_for(registrations)
    # Not yet anonymised, or written to again since (a re-seeded demo): rows already empty are skipped.
    pending = Q(anonymised_at__isnull=True) | ~Q(name="") | ~Q(email="") | ~Q(phone="")
    for pk in registrations.filter(pending).values_list("pk", flat=True):
        changed += Registration.objects.filter(pending, pk=pk).update(
            name="",
            email="",
            phone="",
            dietary_needs="",
            accessibility_needs="",
            invoice_reference="",
            payer_name="",
            payer_address="",
            news_opt_in=False,
            network_marker="",
            manage_token=new_manage_token(),
            vote_token=new_vote_token(),
            calendar_token=new_calendar_token(),
            anonymised_at=now,
        )
    return changed


def refusal(user: User) -> str | None:
    """Why the account cannot simply be deleted, or None. Organisers and team members keep a record of
    their decisions (reviews, jury scores); their roles must be removed by an organiser first."""
    from django.utils.translation import gettext as _

    if user.is_staff or user.is_superuser or TeamMember.objects.filter(user=user).exists():
        return _(
            "Your account has a role in the organisers' team. Ask an organiser to remove the role first, "
            "then you can delete the account."
        )
    return None


@transaction.atomic
def delete_person(*, user: User, performed_by: User | None = None) -> ErasureLogEntry:
    """Delete the account and remove the person from everything that must stay.

    `performed_by` is the organiser who does it on the person's request (None: the person themself).
    Raises ErasureRefused (see `refusal`). Side effects: registrations of editions that are not over are
    cancelled (seats go to the waitlist) and all the person's registrations anonymised; contributor
    entries, examples' contact, nominations and comments lose the name and address; draft ideas are
    deleted and the others lose the owner name; offers to help, the account, its addresses and its
    sessions' access are deleted; every outbox mail to the address is deleted; one `ErasureLogEntry`
    (ids only) is written.
    """
    reason = refusal(user)
    if reason:
        raise ErasureRefused(reason)
    email = user.email
    today = timezone.localdate()
    registrations = person_registrations(user)
    for registration in registrations.exclude(status=Status.CANCELLED).filter(edition__ends_on__gte=today):
        cancel_registration(registration=registration)
    counts = {"registrations": anonymise_registrations(person_registrations(user))}
    counts["contributor_entries"] = 0
    for role in person_contributor_roles(user):
        # The (contribution, e-mail) pair is unique: each removed address gets its own placeholder.
        role.name = ""
        role.email = f"deleted-{role.pk}@invalid"
        role.user = None
        role.save(update_fields=["name", "email", "user"])
        counts["contributor_entries"] += 1
    examples = person_examples(user)
    counts["examples"] = examples.count()
    for example in examples.filter(contact_email__iexact=email):
        example.contact_name = ""
        example.contact_email = ""
        example.contact_is_public = False
        example.save(update_fields=["contact_name", "contact_email", "contact_is_public"])
    # The saved versions (what moderators compare) hold the contact too.
    for version in ExampleVersion.objects.filter(example__in=examples):
        if str(version.data.get("contact_email", "")).lower() == email.lower():
            version.data = {**version.data, "contact_name": "", "contact_email": ""}
            version.save(update_fields=["data"])
    counts["nominations"] = person_nominations(user).update(
        nominator_name="", nominator_email="", nominator_phone="", created_by=None
    )
    # A draft idea nobody else took part in was never public and nobody else can reach it: it goes.
    # Published ideas stay, without the name.
    drafts = Idea.objects.filter(
        owner=user, visibility=IdeaVisibility.DRAFT, comments__isnull=True, offers__isnull=True
    )
    counts["draft_ideas"] = (
        Idea.objects.filter(pk__in=list(drafts.values_list("pk", flat=True))).delete()[1].get("ideas.Idea", 0)
    )
    counts["ideas"] = Idea.objects.filter(owner=user).update(owner_name="", owner=None)
    counts["comments"] = Comment.objects.filter(author=user).update(author_name="", author=None)
    counts["outbox_mails"] = OutboxMail.objects.filter(to__iexact=email).delete()[0]
    counts["survey_opt_outs"] = survey_services.delete_opt_outs(email=email)
    subject_id = user.pk
    user.delete()  # cascades: addresses, login codes' state, offers to help, opt-outs, TOTP devices
    return ErasureLogEntry.objects.create(
        subject_user_id=subject_id,
        performed_by_id=performed_by.pk if performed_by else None,
        counts=counts,
    )
