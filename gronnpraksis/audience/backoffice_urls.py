"""The audience app's staff URLs, relative to the back office's mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice

app_name = "audience"

urlpatterns = [
    path("tall/", backoffice.dashboard, name="dashboard"),
    path("tall/<slug:table>.<str:fmt>", backoffice.table_download, name="download"),
    path("gruppepost/", backoffice.group_mail, name="group_mail"),
    path("gruppepost/sendt/", backoffice.group_mails, name="group_mails"),
    path("gruppepost/kopier-maler/", backoffice.copy_templates, name="copy_templates"),
]
