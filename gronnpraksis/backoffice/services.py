"""Back-office changes that span apps: only an app above both may tie them together."""

from django.db import transaction

from gronnpraksis.editions import services as editions_services
from gronnpraksis.editions.models import TeamMember
from gronnpraksis.reviews import services as reviews_services


def remove_team_member(*, member: TeamMember) -> None:
    """Take a role away. Reviews already submitted stay; open assignments go with the person's last
    reviewing role in the edition. Side effects: deletes the TeamMember row and, if it was their
    last reviewing role, the person's unsubmitted reviews in the edition."""
    with transaction.atomic():
        editions_services.remove_team_member(member=member)
        reviews_services.release_assignments(edition_id=member.edition_id, user_id=member.user_id)
