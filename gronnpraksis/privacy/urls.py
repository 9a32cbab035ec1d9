from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("min-side/mine-data/", views.export, name="export"),
    path("min-side/nyheter/", views.stop_news, name="stop_news"),
    path("min-side/slett-konto/", views.delete_account, name="delete_account"),
]
