from django.urls import path

from . import backoffice, jury, views

app_name = "awards"

BO = "arrangor/<slug:edition>/prisen/"
JURY = "arrangor/<slug:edition>/jury/"

urlpatterns = [
    # Public
    path("<slug:edition>/prisen/", views.prize, name="prize"),
    path("<slug:edition>/prisen/nominer/", views.nominate, name="nominate"),
    path("<slug:edition>/prisen/nominert/", views.nominated, name="nominated"),
    path("<slug:edition>/prisen/stem/", views.vote_logged_in, name="vote"),
    path("<slug:edition>/prisen/stem/<str:token>/", views.vote_with_link, name="vote_link"),
    # Organisers
    path(BO, backoffice.overview, name="bo_overview"),
    path(BO + "opprett/", backoffice.set_up, name="bo_set_up"),
    path(BO + "innstillinger/", backoffice.round_settings, name="bo_settings"),
    path(BO + "kriterier/", backoffice.criteria, name="bo_criteria"),
    path(BO + "kriterier/<int:pk>/", backoffice.criterion, name="bo_criterion"),
    path(BO + "kriterier/<int:pk>/slett/", backoffice.criterion_delete, name="bo_criterion_delete"),
    path(BO + "nominasjoner/", backoffice.nominations, name="bo_nominations"),
    path(BO + "nominasjoner/<int:pk>/", backoffice.nomination, name="bo_nomination"),
    path(BO + "jury/", backoffice.jury, name="bo_jury"),
    path(BO + "jury/inhabil/<int:pk>/fjern/", backoffice.conflict_withdraw, name="bo_conflict_withdraw"),
    path(BO + "finalister/", backoffice.shortlist, name="bo_shortlist"),
    path(BO + "avstemning/", backoffice.vote, name="bo_vote"),
    path(BO + "avstemning/lukk/", backoffice.vote_close, name="bo_vote_close"),
    path(BO + "resultat/", backoffice.result, name="bo_result"),
    path(BO + "resultat/publiser/", backoffice.result_publish, name="bo_result_publish"),
    path(BO + "logg/", backoffice.audit_log, name="bo_log"),
    # The jury
    path(JURY, jury.nominations, name="jury"),
    path(JURY + "rangering/", jury.ranking, name="jury_ranking"),
    path(JURY + "<int:pk>/", jury.score, name="jury_score"),
    path(JURY + "<int:pk>/inhabil/", jury.conflict, name="jury_conflict"),
]
