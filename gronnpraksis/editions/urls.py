from django.urls import path

from . import views

app_name = "editions"

urlpatterns = [
    path("", views.home, name="home"),
    path("arkiv/", views.archive, name="archive"),
    path("personvern/", views.privacy, name="privacy"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("<slug:edition>/", views.detail, name="detail"),
]
