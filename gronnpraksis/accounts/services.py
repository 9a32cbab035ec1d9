"""Accounts and their one e-mail address.

An account has exactly one address (`User.email`). The address is *proven* when a code or link
sent to it has been used: a login by code, or the change-address flow (`accounts.email_change`).
The proof is allauth's `EmailAddress(verified=True)` row for that address. Everything that grants
access because an e-mail address matches asks `proven_email(user)`, never `user.email`.
"""

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction

from gronnpraksis.core.typing import AnyUser

from .models import User

_CACHE_ATTRIBUTE = "_proven_email_cache"


def get_or_create_user(*, email: str, name: str = "") -> User:
    """The account for an e-mail address, created without a password if it does not exist yet.

    Such an account can only log in with a one-time code sent to that address ("Min side"); the
    address is not proven until then.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            return User.objects.create_user(email=email, name=name)
    except IntegrityError:  # created by a concurrent request
        return User.objects.get(email__iexact=email)


def proven_email(user: AnyUser) -> str | None:
    """The account's address in lower case if a code or link sent to it has been used, else None.

    The one check behind every match by e-mail address (Min side, co-contributors, team roles,
    jury, votes, moderator links). Anonymous visitors have none. The answer is kept on the user
    object for the rest of the request. No side effects.
    """
    if not user.is_authenticated or not user.email:
        return None
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    email = user.email.strip().lower()
    if cached is not None and cached[0] == email:
        return cached[1]
    proven = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    result = email if proven else None
    setattr(user, _CACHE_ATTRIBUTE, (email, result))
    return result


def is_proven(user: AnyUser) -> bool:
    """Whether the account's address is proven (see `proven_email`)."""
    return proven_email(user) is not None


def record_proven_email(*, user: User, email: str) -> bool:
    """Record that a code or link sent to `email` was used by `user`.

    Only the account's own address can be proven this way; any other address is ignored (returns
    False). Side effects: the account's `EmailAddress` row for its address is created or marked
    verified and primary; rows for other addresses of the account are removed (an account has
    one address), and so are other accounts' stale rows for this address.
    """
    if email.strip().lower() != user.email.strip().lower():
        return False
    address = user.email.strip().lower()
    with transaction.atomic():
        EmailAddress.objects.filter(user=user).exclude(email__iexact=address).delete()
        EmailAddress.objects.filter(email__iexact=address).exclude(user=user).delete()
        row = EmailAddress.objects.filter(user=user, email__iexact=address).first()
        if row is None:
            EmailAddress.objects.create(user=user, email=address, verified=True, primary=True)
        elif not (row.verified and row.primary):
            row.verified = True
            row.primary = True
            row.save(update_fields=["verified", "primary"])
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
    return True
