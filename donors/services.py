"""Donor sign-in: donor number and date of birth, then a one-time code e-mailed to the address on file."""

import hashlib
import hmac
import logging
import secrets
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from donors.models import Donor, SignInCode, normalise_donor_number

logger = logging.getLogger(__name__)


def _hash_code(*, donor_id: int, code: str) -> str:
    message = f"{donor_id}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def donor_find(*, donor_number: str, date_of_birth: date | None) -> Donor | None:
    """Return the donor with this number and date of birth, or None (never saying which was wrong)."""
    if not donor_number or date_of_birth is None:
        return None
    return (
        Donor.objects.select_related("user")
        .filter(donor_number=normalise_donor_number(donor_number), date_of_birth=date_of_birth)
        .first()
    )


class SignInCodeNotSent(Exception):
    """The e-mail with the code could not be handed to the mail server."""


def sign_in_code_send(*, donor: Donor) -> None:
    """Create a fresh one-time code for the donor, invalidate older ones and e-mail it."""
    now = timezone.now()
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        SignInCode.objects.filter(donor=donor, used_at__isnull=True).update(used_at=now)
        SignInCode.objects.create(
            donor=donor,
            code_hash=_hash_code(donor_id=donor.pk, code=code),
            expires_at=now + settings.SIGN_IN_CODE_TTL,
        )
    minutes = int(settings.SIGN_IN_CODE_TTL.total_seconds() // 60)
    body = render_to_string("donors/email/sign_in_code.txt", {"code": code, "minutes": minutes})
    try:
        send_mail(_("Your Go-Between sign-in code"), body, None, [donor.email])
    except OSError as exc:
        logger.error("sign-in code e-mail failed for donor id=%s: %s", donor.pk, type(exc).__name__)
        raise SignInCodeNotSent from exc
    logger.info("sign-in code sent to donor id=%s", donor.pk)


def sign_in_code_check(*, donor_number: str, code: str) -> Donor | None:
    """Return the donor when `code` is their current, unexpired, unused code; count the try either way."""
    donor = (
        Donor.objects.select_related("user").filter(donor_number=normalise_donor_number(donor_number)).first()
    )
    if donor is None:
        return None
    now = timezone.now()
    current = (
        SignInCode.objects.filter(donor=donor, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if current is None:
        return None
    # Count the try with a conditional update, so concurrent guesses cannot get past the limit;
    # only one of them can then mark the code used.
    counted = SignInCode.objects.filter(pk=current.pk, tries__lt=settings.SIGN_IN_CODE_MAX_TRIES).update(
        tries=F("tries") + 1
    )
    if counted != 1:
        return None
    if not hmac.compare_digest(current.code_hash, _hash_code(donor_id=donor.pk, code=(code or "").strip())):
        return None
    if SignInCode.objects.filter(pk=current.pk, used_at__isnull=True).update(used_at=now) != 1:
        return None
    return donor


def donor_user_create(*, donor_number: str) -> "get_user_model()":
    """Create the unusable-password user account that a donor's session belongs to."""
    user_model = get_user_model()
    user = user_model(username=f"donor-{normalise_donor_number(donor_number)}")
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user
