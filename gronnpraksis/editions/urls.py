from django.urls import path

from . import previews, views

app_name = "editions"

urlpatterns = [
    path("", views.home, name="home"),
    path("arkiv/", views.archive, name="archive"),
    path("kalender.ics", views.calendar_feed, name="calendar_feed"),
    path("nettverk/<slug:network>/", views.network, name="network"),
    path("nettverk/<slug:network>/logo", views.network_logo, name="network_logo"),
    path("personvern/", views.privacy, name="privacy"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("<slug:edition>/", views.detail, name="detail"),
    path("<slug:edition>/delingsbilde-<slug:version>.png", previews.preview_image, name="preview_image"),
]
