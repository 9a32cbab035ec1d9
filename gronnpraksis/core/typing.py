"""Types shared by the apps: who may be asking, and a request whose user has logged in.

`core` imports no app, so the user model is not imported here: django-stubs' `_User` alias is
expanded by its mypy plugin to the model named by `AUTH_USER_MODEL` (`accounts.User`). At run time
these names are plain aliases, so annotations that use them cost nothing and import nothing.
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser, _User

    AnyUser = _AnyUser
    """The user of a request: an account, or `AnonymousUser` when nobody has logged in."""

    class AuthenticatedRequest(HttpRequest):
        """A request behind `login_required` (or a check that implies it): `user` is an account."""

        user: _User

else:
    AnyUser = object
    AuthenticatedRequest = HttpRequest

__all__ = ["AnyUser", "AuthenticatedRequest"]
