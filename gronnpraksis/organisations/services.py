from django.db import IntegrityError, transaction
from django.db.models import Q

from gronnpraksis.places.models import Municipality

from .models import Organisation


def get_or_create_organisation(
    *, name: str, number: str = "", sector: str = "", municipality: Municipality | None = None
) -> Organisation | None:
    """Find the organisation by number, else by exact name; create it if neither matches.

    Returns None when no name is given. An existing organisation is never overwritten by what a
    participant typed; organisers curate it in the admin.
    """
    name = name.strip()
    if not name:
        return None
    match = Q(number=number) if number else Q(name__iexact=name, number="")
    organisation = Organisation.objects.filter(match).first()
    if organisation is None:
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    name=name, number=number, sector=sector or "annet", municipality=municipality
                )
        except IntegrityError:  # created by a concurrent request with the same number
            organisation = Organisation.objects.get(match)
    return organisation
