"""Donor sign-in: donor number and date of birth, then a one-time code e-mailed to the address on file."""

import hashlib
import hmac
import logging
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from donors.models import Donor, IdentityView, SignInCode, normalise_donor_number

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


class SignInCodeLimited(Exception):
    """Enough codes have been e-mailed for now (to this donor, or asked for by this client)."""

    def __init__(self, *, retry_at: datetime, code_pending: bool) -> None:
        super().__init__("sign-in code limit reached")
        self.retry_at = retry_at
        # The donor's latest code is still valid: they can use it instead of a new one.
        self.code_pending = code_pending


def client_key(address: str | None) -> str:
    """A keyed hash of a client address, to count its code requests without storing it."""
    message = f"client:{address or ''}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _code_limit_reached(*, donor: Donor, client: str, now: datetime) -> SignInCodeLimited | None:
    """Why no new code may be sent now, or None.

    At most SIGN_IN_CODES_PER_DONOR codes an hour for one donor, SIGN_IN_CODES_PER_CLIENT for one
    client address, and none within SIGN_IN_CODE_INTERVAL of a code still waiting to be used (a
    second click on "Send me a code").
    """
    hour_ago = now - timedelta(hours=1)
    recent = SignInCode.objects.filter(created_at__gt=hour_ago)
    by_donor = list(recent.filter(donor=donor).order_by("created_at").values_list("created_at", flat=True))
    by_client = list(recent.filter(client=client).order_by("created_at").values_list("created_at", flat=True))
    pending = (
        SignInCode.objects.filter(
            donor=donor, used_at__isnull=True, expires_at__gt=now, tries__lt=settings.SIGN_IN_CODE_MAX_TRIES
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    waits = []
    if len(by_donor) >= settings.SIGN_IN_CODES_PER_DONOR:
        waits.append(by_donor[-settings.SIGN_IN_CODES_PER_DONOR] + timedelta(hours=1))
    if len(by_client) >= settings.SIGN_IN_CODES_PER_CLIENT:
        waits.append(by_client[-settings.SIGN_IN_CODES_PER_CLIENT] + timedelta(hours=1))
    if pending is not None and pending > now - settings.SIGN_IN_CODE_INTERVAL:
        waits.append(pending + settings.SIGN_IN_CODE_INTERVAL)
    if not waits:
        return None
    return SignInCodeLimited(retry_at=max(waits), code_pending=pending is not None)


def sign_in_code_send(*, donor: Donor, client_address: str | None = None) -> None:
    """Create a fresh one-time code for the donor, invalidate older ones and e-mail it.

    Raises SignInCodeLimited when enough codes have gone out for now (see _code_limit_reached):
    each code voids the last, so unlimited codes would also let anyone keep a donor out.
    """
    now = timezone.now()
    client = client_key(client_address)
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        # One request at a time per donor, so two cannot both pass the limit.
        Donor.objects.select_for_update().filter(pk=donor.pk).first()
        limited = _code_limit_reached(donor=donor, client=client, now=now)
        if limited is not None:
            logger.info("sign-in code limit reached for donor id=%s", donor.pk)
            raise limited
        SignInCode.objects.filter(donor=donor, used_at__isnull=True).update(used_at=now)
        SignInCode.objects.create(
            donor=donor,
            code_hash=_hash_code(donor_id=donor.pk, code=code),
            expires_at=now + settings.SIGN_IN_CODE_TTL,
            client=client,
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


def identity_view_record(*, viewer: AbstractBaseUser, kind: str, subject_id: int, page: str) -> IdentityView:
    """Audit that `viewer` saw the identity of a donor or patient (kind "donor" or "patient") on `page`."""
    view = IdentityView(viewer=viewer, kind=kind, subject_id=subject_id, page=page)
    view.full_clean()
    view.save()
    logger.info("identity view kind=%s id=%s by user id=%s on %s", kind, subject_id, viewer.pk, page)
    return view
