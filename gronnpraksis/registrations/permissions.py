from django.http import Http404, HttpRequest

from gronnpraksis.editions.models import Edition

from .models import Registration


def get_registration_for_token(request: HttpRequest, edition: Edition, token: str) -> Registration:
    """The registration the secret manage-link points to; 404 for any other token.

    The token is the only credential: a wrong, guessed or other edition's token is a 404,
    never a hint that a registration exists.
    """
    if not token or len(token) > 64:
        raise Http404
    registration = (
        Registration.objects.select_related("edition", "ticket_type", "municipality")
        .filter(edition=edition, manage_token=token)
        .first()
    )
    if registration is None:
        raise Http404
    return registration
