"""Photos a donor chose on the letter form before the letter could be stored: kept, then attached."""

import logging
from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from correspondence.models import PendingPhoto
from correspondence.photos import CleanPhoto
from donors.models import Donor

logger = logging.getLogger(__name__)

# A form left with an error for longer than this is abandoned; its photos go.
PENDING_PHOTO_TTL = timedelta(days=1)
PRUNE_BATCH = 500
# At most this many kept photos per donor (forms in several tabs, many tries): the oldest others go.
PENDING_PHOTOS_PER_DONOR = 20


def _delete_files_on_commit(names: list[tuple]) -> None:
    def delete_files() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)


@transaction.atomic
def pending_photos_keep(
    *,
    donor: Donor,
    kept: Sequence[PendingPhoto] = (),
    new: Sequence[CleanPhoto] = (),
    discard: Sequence[PendingPhoto] = (),
) -> list[PendingPhoto]:
    """Store the donor's newly chosen photos (already cleaned), delete the ones they removed, and
    return every photo the form should show again: the kept ones, then the new ones."""
    for photo in (*kept, *discard):
        if photo.donor_id != donor.pk:
            raise PermissionDenied("Only the donor's own photos can be kept or removed.")
    pending_photos_delete(photos=discard)
    stored = []
    for clean in new:
        photo = PendingPhoto(donor=donor)
        photo.take(clean)
        photo.full_clean()
        photo.save()
        stored.append(photo)
    shown = [*kept, *stored]
    excess = (
        PendingPhoto.objects.filter(donor=donor)
        .exclude(pk__in=[photo.pk for photo in shown])
        .order_by("-created_at", "-pk")[max(PENDING_PHOTOS_PER_DONOR - len(shown), 0) :]
    )
    pending_photos_delete(photos=list(excess))
    return shown


def pending_photos_delete(*, photos: Sequence[PendingPhoto]) -> None:
    """Delete the rows now and their files once the transaction commits (a rollback keeps both)."""
    if not photos:
        return
    files = [(photo.file.storage, photo.file.name) for photo in photos]
    PendingPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    _delete_files_on_commit(files)


def pending_photo_clean(photo: PendingPhoto) -> CleanPhoto:
    """Return the stored photo as a CleanPhoto, to attach to a letter (it was cleaned when kept)."""
    with photo.file.open("rb") as handle:
        content = handle.read()
    return CleanPhoto(
        content=content,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        sha256=photo.sha256,
    )


def pending_photos_prune() -> int:
    """Delete pending photos older than PENDING_PHOTO_TTL, in bounded batches; returns how many."""
    cutoff = timezone.now() - PENDING_PHOTO_TTL
    pruned = 0
    while True:
        with transaction.atomic():
            batch = list(PendingPhoto.objects.filter(created_at__lt=cutoff).order_by("pk")[:PRUNE_BATCH])
            pending_photos_delete(photos=batch)
        pruned += len(batch)
        if len(batch) < PRUNE_BATCH:
            break
    if pruned:
        logger.info("pruned %d pending photos", pruned)
    return pruned
