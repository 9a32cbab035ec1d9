"""The prize's back-office pages, relative to the back office's mount `arrangor/<slug:edition>/`.

A namespace of its own: the public pages keep `awards`, and a namespace may be included only once.
"""

from django.urls import path

from .backoffice import jury, organisers

app_name = "awards_backoffice"

BO = "prisen/"
JURY = "jury/"

urlpatterns = [
    # Organisers
    path(BO, organisers.overview, name="bo_overview"),
    path(BO + "opprett/", organisers.set_up, name="bo_set_up"),
    path(BO + "innstillinger/", organisers.round_settings, name="bo_settings"),
    path(BO + "kriterier/", organisers.criteria, name="bo_criteria"),
    path(BO + "kriterier/<int:pk>/", organisers.criterion, name="bo_criterion"),
    path(BO + "kriterier/<int:pk>/slett/", organisers.criterion_delete, name="bo_criterion_delete"),
    path(BO + "nominasjoner/", organisers.nominations, name="bo_nominations"),
    path(BO + "nominasjoner/<int:pk>/", organisers.nomination, name="bo_nomination"),
    path(BO + "jury/", organisers.jury, name="bo_jury"),
    path(BO + "jury/inhabil/<int:pk>/fjern/", organisers.conflict_withdraw, name="bo_conflict_withdraw"),
    path(BO + "finalister/", organisers.shortlist, name="bo_shortlist"),
    path(BO + "avstemning/", organisers.vote, name="bo_vote"),
    path(BO + "avstemning/lukk/", organisers.vote_close, name="bo_vote_close"),
    path(BO + "resultat/", organisers.result, name="bo_result"),
    path(BO + "resultat/publiser/", organisers.result_publish, name="bo_result_publish"),
    path(BO + "logg/", organisers.audit_log, name="bo_log"),
    # The jury
    path(JURY, jury.nominations, name="jury"),
    path(JURY + "rangering/", jury.ranking, name="jury_ranking"),
    path(JURY + "<int:pk>/", jury.score, name="jury_score"),
    path(JURY + "<int:pk>/inhabil/", jury.conflict, name="jury_conflict"),
]
