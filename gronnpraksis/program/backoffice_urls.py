from django.urls import include, path

from . import backoffice

app_name = "program_backoffice"

urlpatterns = [
    path("arrangor/<slug:edition>/program/", backoffice.grid, name="grid"),
    path("arrangor/<slug:edition>/program/nytt/", backoffice.item_new, name="item_new"),
    path("arrangor/<slug:edition>/program/publiser/", backoffice.publish, name="publish"),
    path("arrangor/<slug:edition>/program/<int:pk>/", backoffice.item_edit, name="item"),
    path("arrangor/<slug:edition>/program/<int:pk>/slett/", backoffice.item_delete, name="item_delete"),
    path("arrangor/<slug:edition>/rom/", backoffice.rooms, name="rooms"),
    path("arrangor/<slug:edition>/rom/<int:pk>/", backoffice.room_edit, name="room"),
    path("arrangor/<slug:edition>/rom/<int:pk>/slett/", backoffice.room_delete, name="room_delete"),
    path("arrangor/<slug:edition>/spor/<int:pk>/", backoffice.track_edit, name="track"),
    path("arrangor/<slug:edition>/spor/<int:pk>/slett/", backoffice.track_delete, name="track_delete"),
    path("", include("gronnpraksis.program.partner_urls")),
]
