from django.urls import path

from . import views_email

app_name = "accounts"

urlpatterns = [
    path("min-side/e-post/", views_email.change_email, name="change_email"),
    path("min-side/e-post/bekreft/", views_email.confirm_email_change, name="confirm_email_change"),
]
