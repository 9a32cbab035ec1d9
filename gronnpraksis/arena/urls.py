from django.urls import path

from . import views

app_name = "arena"

urlpatterns = [
    path("<slug:edition>/pamelding/<str:token>/innsjekk.svg", views.qr_svg, name="qr_svg"),
    path("<slug:edition>/pamelding/<str:token>/innsjekk.png", views.qr_png, name="qr_png"),
    path("<slug:edition>/pamelding/<str:token>/billett.pdf", views.ticket, name="ticket"),
    path("<slug:edition>/pamelding/<str:token>/kursbevis.pdf", views.certificate, name="certificate"),
    path(
        "<slug:edition>/pamelding/<str:token>/kursbevis/send/",
        views.certificate_mail,
        name="certificate_mail",
    ),
]
