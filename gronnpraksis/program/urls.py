from django.urls import path

from . import feeds, report_views, views

app_name = "program"

urlpatterns = [
    path("<slug:edition>/program/", views.program, name="program"),
    path("<slug:edition>/program/nytt/", views.changes, name="changes"),
    path("<slug:edition>/program/nytt.atom", feeds.ProgramChangesFeed(), name="changes_feed"),
    path("<slug:edition>/program.xml", views.program_xml, name="program_xml"),
    path("<slug:edition>/program.json", views.program_json, name="program_json"),
    path("<slug:edition>/program.ics", views.program_ics, name="program_ics"),
    path("<slug:edition>/program/talere/", views.speakers, name="speakers"),
    path("<slug:edition>/program/talere/<slug:slug>/", views.speaker, name="speaker"),
    path("<slug:edition>/program/<int:pk>/", views.item, name="item"),
    path("<slug:edition>/program/<int:pk>/stjerne/", views.star, name="star"),
    path("<slug:edition>/program/<int:pk>/rapport/", report_views.report_edit, name="report_edit"),
    path(
        "<slug:edition>/program/<int:pk>/rapport/fil/<int:file>/",
        report_views.report_file,
        name="report_file",
    ),
    path("<slug:edition>/program/agenda/<str:token>/", views.agenda, name="agenda"),
    path("<slug:edition>/program/agenda/<str:token>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:edition>/program/agenda/<str:token>/<int:pk>/", views.agenda_item, name="agenda_item"),
    path(
        "<slug:edition>/program/agenda/<str:token>/<int:pk>/stjerne/",
        views.agenda_star,
        name="agenda_star",
    ),
]
