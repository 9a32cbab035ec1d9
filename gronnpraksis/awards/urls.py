from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("<slug:edition>/prisen/", views.prize, name="prize"),
    path("<slug:edition>/prisen/nominer/", views.nominate, name="nominate"),
    path("<slug:edition>/prisen/nominert/", views.nominated, name="nominated"),
    path("<slug:edition>/prisen/stem/", views.vote_logged_in, name="vote"),
    path("<slug:edition>/prisen/stem/<str:token>/", views.vote_with_link, name="vote_link"),
]
