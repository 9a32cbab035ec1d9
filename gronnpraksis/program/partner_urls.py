from django.urls import path

from . import partner_views

urlpatterns = [
    path("arrangor/<slug:edition>/partnere/", partner_views.partners, name="partners"),
]
