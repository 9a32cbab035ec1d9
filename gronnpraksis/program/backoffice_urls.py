"""The programme's back-office pages, relative to the back office's mount `arrangor/<slug:edition>/`."""

from django.urls import path

from .backoffice import partners, planner, proposals

app_name = "program_backoffice"

urlpatterns = [
    path("program/", planner.grid, name="grid"),
    path("program/nytt/", planner.item_new, name="item_new"),
    path("program/publiser/", planner.publish, name="publish"),
    path("program/<int:pk>/", planner.item_edit, name="item"),
    path("program/<int:pk>/slett/", planner.item_delete, name="item_delete"),
    # "Foreslå program": proposals from the programme builder, reviewed as a diff
    path("program/forslag/", proposals.index, name="proposals"),
    path("program/forslag/<int:pk>/", proposals.proposal, name="proposal"),
    path("program/forslag/<int:pk>/godta/", proposals.accept, name="proposal_accept"),
    path("program/forslag/<int:pk>/forkast/", proposals.discard, name="proposal_discard"),
    path("program/<int:pk>/fest/", proposals.pin, name="item_pin"),
    path("program/<int:pk>/flytt/", planner.item_move, name="item_move"),
    path("program/bidrag/<int:pk>/plasser/", planner.contribution_place, name="contribution_place"),
    path("rom/", planner.rooms, name="rooms"),
    path("rom/<int:pk>/", planner.room_edit, name="room"),
    path("rom/<int:pk>/slett/", planner.room_delete, name="room_delete"),
    path("spor/<int:pk>/", planner.track_edit, name="track"),
    path("spor/<int:pk>/slett/", planner.track_delete, name="track_delete"),
    # Partner programmes (Miljøuka and others) beside the edition's own
    path("partnere/", partners.partners, name="partners"),
    path("partnere/<int:pk>/", partners.partner, name="partner"),
    path("partnere/<int:pk>/endre/", partners.partner_edit, name="partner_edit"),
    path("partnere/<int:pk>/slett/", partners.partner_delete, name="partner_delete"),
    path("partnere/<int:pk>/hent/", partners.partner_fetch, name="partner_fetch"),
    path("partnere/<int:pk>/arrangement/nytt/", partners.partner_event_new, name="partner_event_new"),
    path("partnere/<int:pk>/arrangement/<int:event>/", partners.partner_event, name="partner_event"),
    path(
        "partnere/<int:pk>/arrangement/<int:event>/slett/",
        partners.partner_event_delete,
        name="partner_event_delete",
    ),
]
