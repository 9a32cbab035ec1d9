"""The back office: the organisers' and committees' workplace, mounted once in the root URLconf
under `arrangor/<slug:edition>/`.

Each app keeps its staff pages in its `backoffice_urls.py`, with paths relative to that mount and its
own namespace; every view takes the `edition` slug and is wrapped in `team_view`. An app with staff
pages adds its module here.
"""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("gronnpraksis.backoffice.backoffice_urls")),
    path("", include("gronnpraksis.reviews.backoffice_urls")),
    path("", include("gronnpraksis.awards.backoffice_urls")),
    path("", include("gronnpraksis.program.backoffice_urls")),
    path("", include("gronnpraksis.audience.backoffice_urls")),
    path("", include("gronnpraksis.arena.backoffice_urls")),
    path("", include("gronnpraksis.billing.backoffice_urls")),
    path("", include("gronnpraksis.surveys.backoffice_urls")),
]
