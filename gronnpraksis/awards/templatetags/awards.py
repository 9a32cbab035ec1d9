"""`{% load awards %}{% example_awards example %}`: an example's nominations and prizes, for the
example page. Only what the prize page also shows: public nominees (`awards.visibility`), finalists,
and prizes whose result is published."""

from django import template

from gronnpraksis.awards.models import Prize
from gronnpraksis.awards.visibility import public_nominations
from gronnpraksis.editions.models import Phase
from gronnpraksis.examples.models import Example
from gronnpraksis.registrations.models import Registration

register = template.Library()


@register.inclusion_tag("awards/_example_awards.html")
def example_awards(example: Example) -> dict:
    """Two queries: the example's eligible nominations (with their edition) and its published prizes."""
    nominations = list(
        public_nominations()
        .filter(example=example)
        .select_related("round__edition")
        .order_by("-round__edition__starts_on")
    )
    prizes = list(
        Prize.objects.filter(nomination__example=example, round__result_published_at__isnull=False)
        .exclude(round__edition__phase=Phase.PLANNING)
        .select_related("round__edition")
        .order_by("-round__edition__starts_on", "kind")
    )
    won = {p.nomination_id for p in prizes}
    return {
        "nominations": [n for n in nominations if n.pk not in won],
        "prizes": prizes,
    }


@register.inclusion_tag("awards/_vote_link.html")
def vote_link(registration: Registration) -> dict[str, object]:
    """On a participant's manage page: a link to vote while the edition's vote is open."""
    from gronnpraksis.awards.models import AwardRound

    award = AwardRound.objects.filter(edition_id=registration.edition_id).first()
    open_now = award is not None and award.voting_open() and registration.status == "confirmed"
    return {"registration": registration, "open": open_now}
