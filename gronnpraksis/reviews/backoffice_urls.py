"""The review pages of the back office, relative to its mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice

app_name = "reviews"

urlpatterns = [
    path("bidrag/", backoffice.contribution_list, name="contributions"),
    path("bidrag/<int:pk>/", backoffice.contribution_detail, name="contribution"),
    path("bidrag/<int:pk>/vurdering/", backoffice.review, name="review"),
    path("bidrag/<int:pk>/inhabil/", backoffice.conflict, name="conflict"),
    path("bidrag/<int:pk>/vurderere/", backoffice.assign, name="assign"),
    path("bidrag/<int:pk>/vurderere/<int:review_pk>/fjern/", backoffice.unassign, name="unassign"),
    path("rangering/", backoffice.ranking, name="ranking"),
    path("beslutning/", backoffice.decide, name="decide"),
    path("kriterier/", backoffice.criteria, name="criteria"),
    path("kriterier/forslag/", backoffice.criteria_suggested, name="criteria_suggested"),
    path("kriterier/<int:pk>/", backoffice.criterion_edit, name="criterion"),
    path("kriterier/<int:pk>/slett/", backoffice.criterion_delete, name="criterion_delete"),
    path("eposter/", backoffice.mail_templates, name="mail_templates"),
    path("eposter/<str:decision>/", backoffice.mail_template, name="mail_template"),
]
