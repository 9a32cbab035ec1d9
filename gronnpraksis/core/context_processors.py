from django.conf import settings
from django.http import HttpRequest

from gronnpraksis.core.http import site_url


def site(request: HttpRequest) -> dict:
    return {"DEBUG": settings.DEBUG, "SITE_URL": site_url()}


def csrf_on_use(request: HttpRequest) -> dict:
    """On a shared public page (`core.http.public_page`), `{% csrf_token %}` writes an empty field that
    is filled when the form is used; the page then holds nothing of the visitor's and sets no cookie."""
    from gronnpraksis.core.http import TokenOnUse, is_shared

    return {"csrf_token": TokenOnUse()} if is_shared(request) else {}
