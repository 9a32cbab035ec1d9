"""Translations Django ships without for bokmål and nynorsk, kept in the project's catalogue.

Django's own nb and nn catalogues lack strings added in recent versions, so the admin said "Show
counts", "Run", "Start typing to filter…", "Search påmeldinger" and "- Select an option -" on
Norwegian pages. The project catalogue (`LOCALE_PATHS`) comes before Django's, so translating the
same message ids there fills the gaps. This module only names them for `makemessages`, which would
otherwise drop them as unused; nothing calls `_messages`.
"""

from django.utils.translation import gettext_noop, ngettext


def _messages() -> None:  # pragma: no cover - read by makemessages, never run
    gettext_noop("Select this object for an action - {}")
    gettext_noop('The app "%s" could not be found.')
    gettext_noop(", ")
    ngettext("…and %(count)d more object.", "…and %(count)d more objects.", 1)
    gettext_noop("Run")
    gettext_noop("Breadcrumbs")
    gettext_noop("Model name")
    gettext_noop("Add link")
    gettext_noop("Change or view list link")
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options.")
    gettext_noop("Error:")
    gettext_noop("Set password")
    gettext_noop("This action will <strong>enable</strong> password-based authentication for this user.")
    gettext_noop("Disable password-based authentication")
    gettext_noop("Enable password-based authentication")
    gettext_noop("Hide counts")
    gettext_noop("Show counts")
    gettext_noop("Toggle theme (current theme: auto)")
    gettext_noop("Toggle theme (current theme: light)")
    gettext_noop("Toggle theme (current theme: dark)")
    gettext_noop("Filter by %(field_name)s")
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    )
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected related objects:"
    )
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following related items will be deleted:"
    )
    gettext_noop("Added:")
    gettext_noop("Deleted:")
    gettext_noop("Forgotten your login credentials?")
    gettext_noop("Sidebar")
    gettext_noop("Start typing to filter…")
    gettext_noop("Filter navigation items")
    gettext_noop("Pagination %(name)s entries")
    ngettext("entry", "entries", 1)
    gettext_noop("Pagination %(name)s")
    gettext_noop("Search %(name)s")
    gettext_noop("View selected %(model)s")
    gettext_noop("Logout")
    gettext_noop("Thanks for spending some quality time with the web site today.")
    gettext_noop("In case you’ve forgotten, you are:")
    gettext_noop("Select all objects on this page for an action")
    gettext_noop("Enter a valid domain name.")
    gettext_noop("Enter a valid %(protocol)s address.")
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
    )
    gettext_noop("- Select an option -")
    gettext_noop("“%(value)s” is not a valid binary value.")
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice.")
    gettext_noop("No %s matches the given query.")
    gettext_noop("Conflicting form data submitted. Please try again.")
    gettext_noop("Password-based authentication was disabled.")
    gettext_noop("Set password: %s")
    gettext_noop("Reset password")
    gettext_noop("Password-based authentication")
    gettext_noop("Enabled")
    gettext_noop("Disabled")
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password.")
    gettext_noop("Enable password-based authentication for this user by setting a password.")
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    )
