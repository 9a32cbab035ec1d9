"""The back office's own pages, relative to its mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice, backoffice_network

app_name = "backoffice"

urlpatterns = [
    path("", backoffice.dashboard, name="dashboard"),
    path("team/", backoffice.team, name="team"),
    path("team/<int:pk>/fjern/", backoffice.team_remove, name="team_remove"),
    path("nettverk/", backoffice_network.network_settings, name="network"),
    path("nettverk/team/", backoffice_network.network_team, name="network_team"),
    path("nettverk/team/<int:pk>/rolle/", backoffice_network.member_role, name="network_member_role"),
    path("nettverk/team/<int:pk>/fjern/", backoffice_network.member_remove, name="network_member_remove"),
]
