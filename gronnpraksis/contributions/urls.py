from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("<slug:edition>/bidrag/", views.submit, name="submit"),
    path("<slug:edition>/bidrag/kvittering/<str:token>/", views.receipt, name="receipt"),
    path("<slug:edition>/bidrag/<int:pk>/", views.detail, name="detail"),
    path("<slug:edition>/bidrag/<int:pk>/endre/", views.edit, name="edit"),
    path("<slug:edition>/bidrag/<int:pk>/trekk/", views.withdraw, name="withdraw"),
]
