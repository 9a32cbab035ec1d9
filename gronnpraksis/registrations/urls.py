from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("<slug:edition>/pamelding/", views.register, name="register"),
    path("<slug:edition>/pamelding/send-lenke/", views.resend_link, name="resend_link"),
    path("<slug:edition>/pamelding/<str:token>/", views.manage, name="manage"),
    path("<slug:edition>/pamelding/<str:token>/avmelding/", views.cancel, name="cancel"),
    path("<slug:edition>/pamelding/<str:token>/overfor/", views.transfer, name="transfer"),
    path("<slug:edition>/pamelding/<str:token>/kalender.ics", views.calendar, name="calendar"),
    path("<slug:edition>/pamelding/<str:token>/mine-data/", views.export, name="export"),
    path("<slug:edition>/pamelding/<str:token>/nyheter/", views.stop_news, name="stop_news"),
]
