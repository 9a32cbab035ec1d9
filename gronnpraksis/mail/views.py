from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import OutboxMail


def _debug_only() -> None:
    if not settings.DEBUG:
        raise Http404


def dev_outbox(request: HttpRequest) -> HttpResponse:
    """Development only: the latest mails in the outbox, so flows can be tried without a mail server."""
    _debug_only()
    return render(request, "mail/dev_outbox.html", {"mails": OutboxMail.objects.all()[:100]})


def dev_mail(request: HttpRequest, pk: int) -> HttpResponse:
    _debug_only()
    return render(request, "mail/dev_mail.html", {"mail": get_object_or_404(OutboxMail, pk=pk)})
