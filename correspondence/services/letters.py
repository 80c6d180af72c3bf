"""Every write to letters: drafts, submission, screening, withdrawal."""

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import redaction
from correspondence import events, notifications
from correspondence.language import detect_language
from correspondence.limits import letter_length_validate
from correspondence.models import WITHDRAWABLE, Attachment, Flag, Letter, PendingPhoto
from correspondence.pets import pet_names_corrected
from correspondence.photos import CleanPhoto, photo_clean
from correspondence.selectors import known_identities_for_letter
from correspondence.services.pending import pending_photo_clean, pending_photos_delete
from correspondence.services.policy import letter_policy_screen
from donors.models import Donation, Donor

logger = logging.getLogger(__name__)

# A letter in one of these states for longer is stuck (screening takes seconds, dispatch less).
STUCK_AFTER = timedelta(minutes=3)
INTERMEDIATE = (Letter.Status.SUBMITTED, Letter.Status.SCREENING, Letter.Status.APPROVED)
REQUEUE_BATCH = 100


def attachment_create(*, letter: Letter, upload: UploadedFile | CleanPhoto) -> Attachment:
    """Store a photo for the letter, its metadata stripped (see photo_clean)."""
    attachment = Attachment(letter=letter)
    attachment.take(upload if isinstance(upload, CleanPhoto) else photo_clean(upload))
    attachment.full_clean()
    attachment.save()
    return attachment


def attachment_delete(*, attachment: Attachment) -> None:
    """Delete the attachment's row now and its file once the transaction commits (a rollback keeps both)."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()

    def delete_file() -> None:
        storage.delete(name)

    transaction.on_commit(delete_file)


def _check_donation(*, donor: Donor, donation: Donation) -> None:
    if donation.donor_id != donor.pk:
        raise PermissionDenied("This donation is not the donor's.")


def _check_photo_count(*, letter: Letter | None, new: int, removed: int = 0) -> None:
    existing = letter.attachments.count() if letter is not None and letter.pk else 0
    if existing - removed + new > settings.LETTER_MAX_PHOTOS:
        raise ValidationError(
            _("A letter can carry at most %(limit)d photos.") % {"limit": settings.LETTER_MAX_PHOTOS},
            code="too_many_photos",
        )


def _write(
    *,
    donor: Donor,
    donation: Donation,
    body: str,
    photos: Sequence[UploadedFile | CleanPhoto],
    letter: Letter | None,
    remove_photos: Sequence[str],
    pending_photos: Sequence[PendingPhoto],
) -> tuple[Letter, bool]:
    _check_donation(donor=donor, donation=donation)
    if letter is not None and (letter.donation.donor_id != donor.pk or not letter.is_editable_by_writer):
        raise PermissionDenied("Only the writer's own drafts can be changed.")
    created = letter is None
    if created:
        letter = Letter(donation=donation, direction=Letter.Direction.DONOR_TO_PATIENT)
    to_remove = list(letter.attachments.filter(public_id__in=remove_photos)) if not created else []
    # A kept photo ticked Remove goes too (it was never attached).
    discarded = list(PendingPhoto.objects.filter(donor=donor, public_id__in=remove_photos))
    pending_photos = [photo for photo in pending_photos if photo not in discarded]
    if any(photo.donor_id != donor.pk for photo in pending_photos):
        raise PermissionDenied("Only the donor's own photos can go with the letter.")
    _check_photo_count(letter=letter, new=len(photos) + len(pending_photos), removed=len(to_remove))
    try:
        letter_length_validate(body)
    except ValidationError as error:
        raise ValidationError({"body": error}) from None
    letter.donation = donation
    letter.body = body
    letter.full_clean()
    # Every photo is checked before anything is written, so a bad one leaves no file behind.
    cleaned = [photo if isinstance(photo, CleanPhoto) else photo_clean(photo) for photo in photos]
    letter.save()
    for attachment in to_remove:
        attachment_delete(attachment=attachment)
    for pending in pending_photos:
        attachment_create(letter=letter, upload=pending_photo_clean(pending))
    pending_photos_delete(photos=[*pending_photos, *discarded])
    for photo in cleaned:
        attachment_create(letter=letter, upload=photo)
    return letter, created


@transaction.atomic
def letter_save_draft(
    *,
    donor: Donor,
    donation: Donation,
    body: str,
    photos: Sequence[UploadedFile | CleanPhoto] = (),
    letter: Letter | None = None,
    remove_photos: Sequence[str] = (),
    pending_photos: Sequence[PendingPhoto] = (),
) -> Letter:
    """Create or update the donor's draft; nothing is screened or sent.

    `pending_photos` (kept from an earlier try of the form) are attached and then deleted.
    """
    letter, created = _write(
        donor=donor,
        donation=donation,
        body=body,
        photos=photos,
        letter=letter,
        remove_photos=remove_photos,
        pending_photos=pending_photos,
    )
    (events.letter_created if created else events.letter_updated)(letter=letter, actor=donor.user)
    return letter


@transaction.atomic
def letter_submit(
    *,
    donor: Donor,
    donation: Donation,
    body: str,
    photos: Sequence[UploadedFile | CleanPhoto] = (),
    letter: Letter | None = None,
    remove_photos: Sequence[str] = (),
    pending_photos: Sequence[PendingPhoto] = (),
) -> Letter:
    """Store the letter and its photos as submitted; screening is queued after commit.

    A broker outage after commit is logged, not raised (robust=True): the letter is already stored
    and the periodic sweep queues it again.
    """
    letter, created = _write(
        donor=donor,
        donation=donation,
        body=body,
        photos=photos,
        letter=letter,
        remove_photos=remove_photos,
        pending_photos=pending_photos,
    )
    if created:
        events.letter_created(letter=letter, actor=donor.user)
    letter.status = Letter.Status.SUBMITTED
    letter.submitted_at = timezone.now()
    letter.save(update_fields=["status", "submitted_at", "updated_at"])
    events.letter_submitted(letter=letter, actor=donor.user, photos=letter.attachments.count())
    notifications.writer_notify_status(letter=letter)
    transaction.on_commit(_screening_queuer(letter.pk), robust=True)
    logger.info("letter id=%s submitted", letter.pk)
    return letter


def _screening_queuer(letter_id: int) -> Callable[[], None]:
    """Return a named callable for on_commit: Django's robust on_commit logs the callable's __qualname__,
    which functools.partial lacks (a broker outage would then raise after all)."""

    def queue_screening() -> None:
        from correspondence.tasks import letter_screen_task

        letter_screen_task.delay(letter_id)

    return queue_screening


@transaction.atomic
def letter_withdraw(*, letter: Letter, donor: Donor) -> Letter:
    """Withdraw the donor's letter; possible until it travels on (a held letter may still be withdrawn).

    A conditional update: of a withdrawal and a release of the same held letter, only one moves it.
    """
    if letter.donation.donor_id != donor.pk:
        raise PermissionDenied("Only the writer can withdraw a letter.")
    updated = Letter.objects.filter(pk=letter.pk, status__in=WITHDRAWABLE).update(
        status=Letter.Status.WITHDRAWN, updated_at=timezone.now()
    )
    if updated != 1:
        raise ValidationError(_("This letter can no longer be withdrawn."), code="not_withdrawable")
    letter.refresh_from_db()
    events.letter_withdrawn(letter=letter, actor=donor.user)
    return letter


@transaction.atomic
def letter_screen(*, letter_id: int) -> Letter | None:
    """Screen a submitted letter and move it to review; a no-op once it has moved on.

    The row is locked for the whole screening, so a redelivered task waits and then finds the
    letter no longer submitted.
    """
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("donation__donor", "donation__patient__centre")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None or letter.status not in (Letter.Status.SUBMITTED, Letter.Status.SCREENING):
        return letter
    flags = _screen_flags(letter=letter)
    letter.language = detect_language(letter.body)
    letter.status = Letter.Status.IN_REVIEW
    letter.screened_at = timezone.now()
    letter.save(update_fields=["status", "screened_at", "language", "updated_at"])
    events.letter_screened(letter=letter, flags=flags)
    # A refusal by the country rules is final here; a hold is only noted until approval.
    letter_policy_screen(letter=letter, on=timezone.localdate())
    logger.info("letter id=%s screened flags=%s", letter.pk, flags)
    return letter


def _screen_flags(*, letter: Letter) -> int:
    """Replace the machine flags of the letter; caseworker decisions and their flags are kept.

    A new machine flag that overlaps a kept one is dropped, so flags stay disjoint.
    """
    pending = Flag.objects.filter(letter=letter, decision=Flag.Decision.PENDING)
    pending.exclude(source=Flag.CASEWORKER).delete()
    kept = list(Flag.objects.filter(letter=letter))
    kept_spans = [(f.start, f.end) for f in kept if f.attachment_id is None]
    kept_photos = {f.attachment_id for f in kept if f.attachment_id is not None}
    found = pet_names_corrected(
        letter.body, redaction.detect(letter.body, known=known_identities_for_letter(letter=letter))
    )
    new = [
        Flag(letter=letter, start=f.start, end=f.end, label=f.label, source=f.source, confidence=f.confidence)
        for f in found
        if not any(f.start < end and start < f.end for start, end in kept_spans)
    ]
    new += [
        Flag(letter=letter, attachment=attachment, label=Flag.Label.PHOTO, source="photo", confidence=1.0)
        for attachment in letter.attachments.all()
        if attachment.pk not in kept_photos
    ]
    Flag.objects.bulk_create(new)
    return len(kept) + len(new)


def letters_requeue_stuck() -> int:
    """Pick up letters stuck in an intermediate state for over STUCK_AFTER; returns how many.

    Submitted or being screened (the broker was down when it was queued, or the screening died):
    screening is queued again. Approved but not yet forwarded or held (the dispatch failed after the
    approval was stored): the country rules decide now. Each letter is claimed with a conditional
    update of its updated_at, so two sweeps (a worker's and the web process's) never both take it,
    and a letter still waiting in a long queue is queued again only every STUCK_AFTER.
    """
    from correspondence.services.policy import letter_dispatch
    from correspondence.tasks import letter_screen_task

    now = timezone.now()
    cutoff = now - STUCK_AFTER
    stuck = list(
        Letter.objects.filter(status__in=INTERMEDIATE, updated_at__lt=cutoff)
        .order_by("updated_at")
        .values_list("pk", "status", "updated_at")[:REQUEUE_BATCH]
    )
    picked = 0
    for letter_id, status, updated_at in stuck:
        if (
            Letter.objects.filter(pk=letter_id, status=status, updated_at=updated_at).update(updated_at=now)
            != 1
        ):
            continue  # another sweep took it, or it moved on
        picked += 1
        if status == Letter.Status.APPROVED:
            letter_dispatch(letter=Letter(pk=letter_id), actor=None, on=timezone.localdate())
        else:
            events.letter_requeued(letter=Letter(pk=letter_id))
            letter_screen_task.delay(letter_id)
    if picked:
        logger.warning("picked up %d letters stuck in an intermediate state", picked)
    return picked
