from django.urls import path

from . import backoffice, views

app_name = "ideas"

urlpatterns = [
    path("ideer/", views.idea_list, name="list"),
    path("ideer/moderering/", backoffice.queue, name="moderation"),
    path("ideer/moderering/kommentar/<int:pk>/", backoffice.moderate_comment, name="moderate_comment"),
    path("ideer/varsler/<str:token>/", views.notifications, name="notifications"),
    path("ideer/kommentar/<int:pk>/rapporter/", views.report, name="report"),
    path("ideer/<int:pk>/", views.detail, name="detail_short"),
    path("ideer/<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("ideer/<int:pk>/kommentar/", views.comment, name="comment"),
    path("ideer/<int:pk>/vil-bidra/", views.offer, name="offer"),
    path("ideer/<int:pk>/moderer/", backoffice.moderate_idea, name="moderate"),
    path("ideer/<int:pk>/eier/", views.manage, name="manage"),
    path("ideer/<int:pk>/eier/status/", views.set_status, name="status"),
    path("ideer/<int:pk>/eier/publiser/", views.publish, name="publish"),
    path("ideer/<int:pk>/eier/tilbud/<int:offer_pk>/", views.answer, name="answer"),
    path("ideer/<int:pk>/eier/eksempel/", views.promote, name="promote"),
]
