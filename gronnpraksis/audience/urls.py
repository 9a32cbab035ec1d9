"""The audience app's public URL: stopping news with the link from a mail, without logging in."""

from django.urls import path

from . import views

app_name = "audience_public"

urlpatterns = [
    path("nyheter/stopp/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
