"""Authentication backends for the two steps of donor sign-in.

Both go through `django.contrib.auth.authenticate(request, username=...)`, so django-axes counts
their failures per donor number and per client address.
"""

from datetime import date

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from donors.services import donor_find, sign_in_code_check


class DonorDateOfBirthBackend(BaseBackend):
    """First step: the donor number and date of birth match a donor (no session is started here)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        date_of_birth: date | None = None,
        **kwargs,
    ) -> AbstractBaseUser | None:
        if username is None or date_of_birth is None or kwargs:
            return None
        donor = donor_find(donor_number=username, date_of_birth=date_of_birth)
        return donor.user if donor is not None and donor.user.is_active else None

    def get_user(self, user_id: int) -> AbstractBaseUser | None:
        return None


class DonorOneTimeCodeBackend(BaseBackend):
    """Second step: the one-time code e-mailed to the donor; this is what starts the session."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, code: str | None = None, **kwargs
    ) -> AbstractBaseUser | None:
        if username is None or code is None or kwargs:
            return None
        donor = sign_in_code_check(donor_number=username, code=code)
        return donor.user if donor is not None and donor.user.is_active else None

    def get_user(self, user_id: int) -> AbstractBaseUser | None:
        from django.contrib.auth import get_user_model

        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("donor").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if user.is_active and hasattr(user, "donor") else None
