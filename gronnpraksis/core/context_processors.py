from django.conf import settings
from django.http import HttpRequest

from gronnpraksis.core.http import site_url


def site(request: HttpRequest) -> dict:
    return {"DEBUG": settings.DEBUG, "SITE_URL": site_url()}
