from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Edition


def current_edition(request: HttpRequest) -> dict:
    """The edition the menu links to, looked up only if a template uses it."""
    return {"current_edition": SimpleLazyObject(Edition.objects.current)}
