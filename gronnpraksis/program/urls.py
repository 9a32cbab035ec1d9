from django.urls import path

from . import views

app_name = "program"

urlpatterns = [
    path("<slug:edition>/program/", views.program, name="program"),
    path("<slug:edition>/program/nytt/", views.changes, name="changes"),
    path("<slug:edition>/program/<int:pk>/", views.item, name="item"),
]
