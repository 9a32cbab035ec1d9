"""The survey's staff pages, relative to the back office's mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice

app_name = "surveys_backoffice"

urlpatterns = [
    path("evaluering/", backoffice.survey, name="survey"),
    path("evaluering/bruk-fjoraarets/", backoffice.copy_previous, name="copy_previous"),
    path("evaluering/sporsmal/ny/", backoffice.question_add, name="question_add"),
    path("evaluering/sporsmal/<int:pk>/", backoffice.question_edit, name="question_edit"),
    path("evaluering/sporsmal/<int:pk>/slett/", backoffice.question_delete, name="question_delete"),
    path("evaluering/sporsmal/<int:pk>/flytt/", backoffice.question_move, name="question_move"),
    path("evaluering/send/", backoffice.send, name="send"),
    path("evaluering/paminnelse/", backoffice.remind, name="remind"),
    path("evaluering/resultater/", backoffice.results_page, name="results"),
    path("evaluering/resultater.csv", backoffice.results_csv, name="results_csv"),
]
