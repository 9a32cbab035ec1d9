from django.urls import path

from . import backoffice, feeds, place_views, share_views, views

app_name = "examples"

urlpatterns = [
    path("eksempler/", views.bank, name="search"),
    path("eksempler/eksempler.csv", views.export_csv, name="export_csv"),
    path("eksempler/eksempler.json", views.export_json, name="export_json"),
    path("eksempler/nye.atom", feeds.NewExamplesFeed(), name="feed"),
    path("eksempler/<int:pk>/kontakt/", views.contact_owner, name="contact"),
    path("eksempler/del/", share_views.share, name="share"),
    path("eksempler/lignende/", share_views.similar, name="similar"),
    path("eksempler/<int:pk>/rediger/", share_views.edit, name="edit"),
    path("eksempler/<int:pk>/trekk/", share_views.withdraw, name="withdraw"),
    path("eksempler/<int:pk>/vedlegg/<int:attachment_pk>/", share_views.attachment, name="attachment"),
    path("eksempler/moderering/", backoffice.queue, name="moderation"),
    path("eksempler/moderering/<int:pk>/", backoffice.moderate, name="moderate"),
    path("eksempler/moderering/<int:pk>/endringer/", backoffice.decide_change, name="decide_change"),
    path(
        "eksempler/moderering/<int:pk>/versjon/<int:number>/gjenopprett/",
        backoffice.revert,
        name="revert",
    ),
    path("eksempler/<int:pk>/", views.detail, name="detail_short"),
    path("eksempler/<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("kommuner/", place_views.places, name="places"),
    path("kommuner/<str:number>/", place_views.municipality, name="municipality"),
    path("fylker/<str:number>/", place_views.county, name="county"),
]
