from django.contrib.admin.apps import AdminConfig


class OrganiserAdminConfig(AdminConfig):
    """Django's admin, with the site that requires TOTP for organisers."""

    default_site = "gronnpraksis.accounts.admin_site.OrganiserAdminSite"
