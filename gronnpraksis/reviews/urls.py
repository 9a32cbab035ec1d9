from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("arrangor/<slug:edition>/", views.dashboard, name="dashboard"),
    path("arrangor/<slug:edition>/bidrag/", views.contribution_list, name="contributions"),
    path("arrangor/<slug:edition>/bidrag/<int:pk>/", views.contribution_detail, name="contribution"),
    path("arrangor/<slug:edition>/bidrag/<int:pk>/vurdering/", views.review, name="review"),
    path("arrangor/<slug:edition>/bidrag/<int:pk>/inhabil/", views.conflict, name="conflict"),
    path("arrangor/<slug:edition>/bidrag/<int:pk>/vurderere/", views.assign, name="assign"),
    path(
        "arrangor/<slug:edition>/bidrag/<int:pk>/vurderere/<int:review_pk>/fjern/",
        views.unassign,
        name="unassign",
    ),
    path("arrangor/<slug:edition>/rangering/", views.ranking, name="ranking"),
    path("arrangor/<slug:edition>/beslutning/", views.decide, name="decide"),
    path("arrangor/<slug:edition>/kriterier/", views.criteria, name="criteria"),
    path("arrangor/<slug:edition>/kriterier/forslag/", views.criteria_suggested, name="criteria_suggested"),
    path("arrangor/<slug:edition>/kriterier/<int:pk>/", views.criterion_edit, name="criterion"),
    path(
        "arrangor/<slug:edition>/kriterier/<int:pk>/slett/", views.criterion_delete, name="criterion_delete"
    ),
    path("arrangor/<slug:edition>/team/", views.team, name="team"),
    path("arrangor/<slug:edition>/team/<int:pk>/fjern/", views.team_remove, name="team_remove"),
    path("arrangor/<slug:edition>/eposter/", views.mail_templates, name="mail_templates"),
    path("arrangor/<slug:edition>/eposter/<str:decision>/", views.mail_template, name="mail_template"),
]
