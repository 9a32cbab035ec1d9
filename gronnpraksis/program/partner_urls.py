from django.urls import path

from . import partner_views

# Included from backoffice_urls.py, so the names are in the `program_backoffice` namespace.
urlpatterns = [
    path("arrangor/<slug:edition>/partnere/", partner_views.partners, name="partners"),
    path("arrangor/<slug:edition>/partnere/<int:pk>/", partner_views.partner, name="partner"),
    path("arrangor/<slug:edition>/partnere/<int:pk>/endre/", partner_views.partner_edit, name="partner_edit"),
    path(
        "arrangor/<slug:edition>/partnere/<int:pk>/slett/",
        partner_views.partner_delete,
        name="partner_delete",
    ),
    path(
        "arrangor/<slug:edition>/partnere/<int:pk>/hent/", partner_views.partner_fetch, name="partner_fetch"
    ),
    path(
        "arrangor/<slug:edition>/partnere/<int:pk>/arrangement/nytt/",
        partner_views.partner_event_new,
        name="partner_event_new",
    ),
    path(
        "arrangor/<slug:edition>/partnere/<int:pk>/arrangement/<int:event>/",
        partner_views.partner_event,
        name="partner_event",
    ),
    path(
        "arrangor/<slug:edition>/partnere/<int:pk>/arrangement/<int:event>/slett/",
        partner_views.partner_event_delete,
        name="partner_event_delete",
    ),
]
