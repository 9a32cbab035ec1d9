from django.urls import path

from . import previews, views

app_name = "editions"

urlpatterns = [
    path("", views.home, name="home"),
    path("arkiv/", views.archive, name="archive"),
    path("personvern/", views.privacy, name="privacy"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("<slug:edition>/", views.detail, name="detail"),
    path("<slug:edition>/delingsbilde-<slug:version>.png", previews.preview_image, name="preview_image"),
]
