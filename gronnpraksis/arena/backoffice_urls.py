"""The door's pages, relative to the back office's mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice

app_name = "arena_backoffice"

urlpatterns = [
    path("innsjekk/", backoffice.checkin, name="checkin"),
    path("innsjekk/sjekk-inn/", backoffice.checkin_post, name="checkin_post"),
    path("innsjekk/liste.json", backoffice.day_list_json, name="day_list_json"),
    path("innsjekk/synk/", backoffice.sync, name="sync"),
    path("innsjekk/pamelding/", backoffice.walk_in, name="walk_in"),
    path("innsjekk/liste.pdf", backoffice.day_list_pdf, name="day_list_pdf"),
    path("navneskilt/", backoffice.badges, name="badges"),
]
