"""Public pages of the audience app: the one-click unsubscribe from news (RFC 8058).

The link in a news mail carries a signed token naming the registration; it needs no login. A GET shows
a form to confirm (so a mail scanner that follows links stops nothing), a POST stops news, which is
also what a mail program's one-click unsubscribe sends (`List-Unsubscribe=One-Click` in the body).
The token opens nothing else; a tampered one gets a 404.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services


# Mail programs post the one-click unsubscribe without a CSRF token or cookie (RFC 8058); the signed token
# in the address is what authorises it, and it can only stop news.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    registration = services.registration_for_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        services.unsubscribe(registration=registration)
        response = render(request, "audience/unsubscribed.html", {"registration": registration})
    else:
        response = render(request, "audience/unsubscribe.html", {"registration": registration})
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "strict-origin"
    return response
