"""The survey's public URLs: the answer page and the opt-out, both opened with the link from the mail."""

from django.urls import path

from . import views

app_name = "surveys_public"

urlpatterns = [
    path("evaluering/<str:token>/", views.answer, name="answer"),
    path("evaluering/<str:token>/stopp/", views.opt_out, name="opt_out"),
]
