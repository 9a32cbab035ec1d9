from collections.abc import Iterable
from itertools import batched

from django.db import IntegrityError, transaction
from django.db.models import Q

from gronnpraksis.places.models import Municipality

from .models import Organisation, RegisterEntry
from .register import Unit

IMPORT_BATCH = 2000


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


def import_register(units: Iterable[Unit], *, batch_size: int = IMPORT_BATCH) -> int:
    """Store units of Enhetsregisteret, adding new ones and overwriting known ones by number.

    Writes in batches of `batch_size` (one INSERT … ON CONFLICT UPDATE each), each in its own
    transaction, so a million units never sit in memory at once. Returns how many were stored.
    """
    fields = ["name", "form", "street", "postcode", "city", "country", "municipality_number"]
    stored = 0
    for batch in batched(units, batch_size):
        entries = {
            u.number: RegisterEntry(**{"number": u.number, **{f: getattr(u, f) for f in fields}})
            for u in batch
        }
        with transaction.atomic():
            RegisterEntry.objects.bulk_create(
                entries.values(), update_conflicts=True, unique_fields=["number"], update_fields=fields
            )
        stored += len(entries)
    return stored


def look_up(number: str) -> RegisterEntry | None:
    """The unit with this organisation number in the local copy of Enhetsregisteret, or None.
    Reads the database only; never calls the network."""
    number = "".join(ch for ch in number if ch.isdigit())
    if len(number) != 9:
        return None
    return RegisterEntry.objects.filter(number=number).first()
