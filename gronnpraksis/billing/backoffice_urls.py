"""The invoice pages, relative to the back office's mount `arrangor/<slug:edition>/`."""

from django.urls import path

from . import backoffice

app_name = "billing_backoffice"

urlpatterns = [
    path("fakturaer/", backoffice.invoices, name="invoices"),
    path("fakturaer/fakturagrunnlag.csv", backoffice.invoice_basis_csv, name="invoice_basis_csv"),
    path("fakturaer/ny/", backoffice.issue, name="issue"),
    path("fakturaer/gratis/", backoffice.free_tickets, name="free_tickets"),
    path("fakturaer/avbestilling/", backoffice.cancellation_terms, name="cancellation_terms"),
    path("fakturaer/<str:series>-<int:number>.xml", backoffice.invoice_xml, name="invoice_xml"),
    path("fakturaer/<str:series>-<int:number>/betalt/", backoffice.mark_paid, name="mark_paid"),
    path("fakturaer/<str:series>-<int:number>/krediter/", backoffice.credit, name="credit"),
]
