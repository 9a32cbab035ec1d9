from django.urls import path

from . import views

app_name = "mail"

urlpatterns = [
    path("dev/mail/", views.dev_outbox, name="dev_outbox"),
    path("dev/mail/<int:pk>/", views.dev_mail, name="dev_mail"),
]
