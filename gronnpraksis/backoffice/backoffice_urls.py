"""The back office's own pages, relative to its mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice

app_name = "backoffice"

urlpatterns = [
    path("", backoffice.dashboard, name="dashboard"),
    path("team/", backoffice.team, name="team"),
    path("team/<int:pk>/fjern/", backoffice.team_remove, name="team_remove"),
]
