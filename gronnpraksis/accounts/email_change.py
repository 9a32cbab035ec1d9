"""Changing (or proving) the account's e-mail address: a code is sent to the new address, and the
address changes only when that code is entered.

The pending change lives in the session (address, a keyed digest of the code, expiry, attempts);
the code itself is stored nowhere but in the mail, whose outbox row is marked as carrying a
secret (see `mail.services.SECRET_TEMPLATES`).
"""

import time
from dataclasses import asdict, dataclass

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from gronnpraksis.mail.services import enqueue_mail

from .models import User
from .services import record_proven_email

SESSION_KEY = "gp_email_change"
MAX_ATTEMPTS = 5


class EmailTaken(Exception):
    """Another account holds the address."""


@dataclass
class PendingChange:
    email: str
    digest: str
    expires_at: float
    attempts: int = 0

    def as_session(self) -> dict:
        return asdict(self)

    @classmethod
    def from_session(cls, data: object) -> "PendingChange | None":
        if not isinstance(data, dict):
            return None
        try:
            return cls(**data)
        except TypeError:
            return None

    @property
    def expired(self) -> bool:
        return time.time() > self.expires_at


def _digest(*, user: User, email: str, code: str) -> str:
    normalised = "".join(code.split()).upper()
    value = f"{user.pk}:{email}:{normalised}"
    return salted_hmac("gronnpraksis.accounts.email_change", value, algorithm="sha256").hexdigest()


def start_email_change(*, user: User, new_email: str, language: str) -> PendingChange:
    """Send a one-time code to `new_email` and return the pending change to keep in the session.

    The answer is the same whether or not another account holds the address, so nothing is given
    away about which addresses have accounts. Side effect: one outbox mail (carries a secret).
    """
    email = new_email.strip().lower()
    code = get_adapter().generate_login_code()
    enqueue_mail(
        to=email,
        template="email_change_code",
        context={"code": code, "name": user.name, "minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60},
        language=language,
    )
    return PendingChange(
        email=email,
        digest=_digest(user=user, email=email, code=code),
        expires_at=time.time() + settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT,
    )


def code_matches(*, user: User, pending: PendingChange, code: str) -> bool:
    """Whether `code` is the one sent for `pending`. No side effects."""
    return constant_time_compare(_digest(user=user, email=pending.email, code=code), pending.digest)


def confirm_email_change(*, user: User, new_email: str, language: str) -> None:
    """Make the proven `new_email` the account's address. Call only after `code_matches`.

    Raises EmailTaken when another account holds the address (the caller has proven it controls
    the address, so saying so gives nothing away). Side effects: `User.email` changes; the
    account's address rows are replaced by one proven row; a notice goes to the old address.
    """
    email = new_email.strip().lower()
    old = user.email
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
                raise EmailTaken
            locked.email = email
            locked.save(update_fields=["email"])
            EmailAddress.objects.filter(user=locked).exclude(email__iexact=email).delete()
            record_proven_email(user=locked, email=email)
            if old.strip().lower() != email:
                enqueue_mail(
                    to=old,
                    template="email_changed",
                    context={"name": locked.name, "new_email": email},
                    language=language,
                )
    except IntegrityError as error:  # a concurrent change took the address
        raise EmailTaken from error
    user.email = email
    if hasattr(user, "_proven_email_cache"):
        delattr(user, "_proven_email_cache")
