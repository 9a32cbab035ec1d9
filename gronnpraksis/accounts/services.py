from django.db import IntegrityError, transaction

from .models import User


def get_or_create_user(*, email: str, name: str = "") -> User:
    """The account for an e-mail address, created without a password if it does not exist yet.

    Such an account can only log in with a one-time code sent to that address ("Min side").
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
