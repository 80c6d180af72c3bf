"""Patients' replies, sent by their transplant centre through the clinic API."""

import logging
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinics.models import TransplantCentre
from correspondence import events
from correspondence.models import Letter
from correspondence.services.letters import _check_photo_count, _screening_queuer, attachment_create
from donors.models import Donation

logger = logging.getLogger(__name__)

ANSWERABLE = Letter.SENT


@transaction.atomic
def reply_submit(
    *,
    centre: TransplantCentre,
    donation: Donation,
    body: str,
    photos: Sequence[UploadedFile] = (),
    in_reply_to: Letter | None = None,
) -> Letter:
    """Store a patient's letter as submitted, with its photos; screening is queued after commit.

    A reply (`in_reply_to`) or a first letter: the patient may write first, within the rules of both
    countries, which decide at screening and approval as for a donor's letter. Refused at once
    (code contact_declined) while the patient declines contact.

    Screening flags it with both sides' known identities and a caseworker reviews it, exactly as a
    donor's letter; the donor sees it only once forwarded, and only its redacted version.
    """
    from correspondence.services.patient import letters_stopped_check

    if donation.patient.centre_id != centre.pk:
        raise PermissionDenied("This donation is not to one of the centre's patients.")
    letters_stopped_check(donation=donation)
    if in_reply_to is not None and (
        in_reply_to.donation_id != donation.pk
        or in_reply_to.direction != Letter.Direction.DONOR_TO_PATIENT
        or in_reply_to.status not in ANSWERABLE
    ):
        raise ValidationError(
            {"in_reply_to": _("The letter answered must be a letter of this donation forwarded to you.")},
            code="in_reply_to_mismatch",
        )
    _check_photo_count(letter=None, new=len(photos))
    letter = Letter(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        body=body,
        status=Letter.Status.SUBMITTED,
        submitted_at=timezone.now(),
        in_reply_to=in_reply_to,
    )
    letter.full_clean()
    letter.save()
    for photo in photos:
        attachment_create(letter=letter, upload=photo)
    events.reply_submitted(letter=letter, centre_code=centre.code, photos=len(photos))
    transaction.on_commit(_screening_queuer(letter.pk), robust=True)
    logger.info("reply id=%s submitted by centre id=%s", letter.pk, centre.pk)
    return letter
