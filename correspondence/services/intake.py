"""Letters on paper and by e-mail, taken in by caseworkers: store the scan, read it, correct, send on.

The originals are stored first, in one transaction; reading (OCR can take seconds a page) is a task
queued after commit. The corrected text then becomes a letter like any other: stored as submitted
with its photos, screened, reviewed. The scan itself never leaves the office.
"""

import hashlib
import io
import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from correspondence import events, reading
from correspondence.models import Intake, IntakeFile, Letter, LetterEvent
from correspondence.photos import CleanPhoto, photo_clean
from correspondence.services.letters import _check_photo_count, _screening_queuer, attachment_create
from donors.models import Donation

logger = logging.getLogger(__name__)

CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png", "eml": "message/rfc822"}
STUCK_AFTER = timedelta(minutes=10)
REQUEUE_BATCH = 50


def _store(
    *, intake: Intake, role: str, content: bytes, content_type: str, number: int, **fields
) -> IntakeFile:
    stored = IntakeFile(
        intake=intake,
        role=role,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        number=number,
        **fields,
    )
    stored.file.save("intake", ContentFile(content), save=False)
    stored.full_clean()
    stored.save()
    return stored


def _delete_file_after_commit(stored: IntakeFile) -> None:
    """Delete the row now and its file once the transaction commits: a rollback keeps both."""
    storage, name = stored.file.storage, stored.file.name
    stored.delete()
    transaction.on_commit(partial(storage.delete, name), robust=True)


def _files_delete(intake: Intake) -> int:
    """Delete the intake's originals, pages and photos (from disk after commit); returns how many."""
    stored = list(intake.files.all())
    for one in stored:
        _delete_file_after_commit(one)
    intake.files_deleted_at = timezone.now()
    return len(stored)


def _originals(uploads: Sequence[UploadedFile], email_source: str) -> list[tuple[bytes, str]]:
    """Each upload's bytes and kind; a pasted e-mail counts as one more. Refuses what cannot be taken in."""
    originals = []
    for upload in uploads:
        name = getattr(upload, "name", "") or "file"
        if upload.size > settings.INTAKE_MAX_BYTES:
            raise ValidationError(
                _("%(name)s is larger than %(limit)d MB.")
                % {"name": name, "limit": settings.INTAKE_MAX_BYTES // 2**20},
                code="intake_too_large",
            )
        upload.seek(0)
        content = upload.read()
        kind = reading.kind_of(content, name)
        if not kind:
            raise ValidationError(
                _("%(name)s is not a JPEG, PNG, PDF or e-mail (.eml) file.") % {"name": name},
                code="intake_type",
            )
        originals.append((content, kind))
    if email_source.strip():
        originals.append((email_source.encode("utf-8"), "eml"))
    if not originals:
        raise ValidationError(
            _("Upload the scan, photo or e-mail, or paste the e-mail."), code="intake_empty"
        )
    if len(originals) > settings.INTAKE_MAX_FILES:
        raise ValidationError(
            _("Take in at most %(limit)d files at once.") % {"limit": settings.INTAKE_MAX_FILES},
            code="intake_too_many",
        )
    kinds = {kind == "eml" for _, kind in originals}
    if len(kinds) > 1 or (kinds == {True} and len(originals) > 1):
        raise ValidationError(
            _("Take in one e-mail on its own, or the scans and photos of one letter together."),
            code="intake_mixed",
        )
    return originals


@transaction.atomic
def intake_create(
    *,
    caseworker: AbstractBaseUser,
    donation: Donation,
    direction: str,
    uploads: Sequence[UploadedFile] = (),
    email_source: str = "",
    language: str = "",
) -> Intake:
    """Store the scans (or the e-mail) of one letter as received; reading is queued after commit."""
    originals = _originals(uploads, email_source)
    email = originals[0][1] == "eml"
    intake = Intake(
        donation=donation,
        direction=direction,
        source=Intake.Source.EMAIL if email else Intake.Source.SCAN,
        language=language or settings.OCR_LANGUAGE,
        created_by=caseworker,
    )
    intake.full_clean()
    intake.save()
    for number, (content, kind) in enumerate(originals, start=1):
        _store(
            intake=intake,
            role=IntakeFile.Role.ORIGINAL,
            content=content,
            content_type=CONTENT_TYPES[kind],
            number=number,
        )
    transaction.on_commit(_reading_queuer(intake.pk), robust=True)
    logger.info("intake id=%s stored files=%d", intake.pk, len(originals))
    return intake


def _reading_queuer(intake_id: int) -> Callable[[], None]:
    def queue_reading() -> None:
        from correspondence.tasks import intake_read_task

        intake_read_task.delay(intake_id)

    return queue_reading


def _read_original(original: IntakeFile, *, language: str) -> tuple[list[reading.Page], reading.Email | None]:
    with original.file.open("rb") as handle:
        content = handle.read()
    if original.content_type == "message/rfc822":
        return [], reading.read_email(content)
    if original.content_type == "application/pdf":
        return list(reading.read_pdf(content, language=language)), None
    return [reading.read_image(content, language=language)], None


def intake_read(*, intake_id: int) -> Intake | None:
    """Read the intake's originals into page images, text and photos; a no-op once it has been read.

    The reading runs outside any transaction (OCR takes seconds a page); the result is written only
    if the intake is still being read, so a redelivered task changes nothing.
    """
    intake = Intake.objects.filter(pk=intake_id).first()
    if intake is None or intake.status != Intake.Status.READING:
        return intake
    pages: list[reading.Page] = []
    message: reading.Email | None = None
    problems: list[str] = []
    for original in intake.files.filter(role=IntakeFile.Role.ORIGINAL).order_by("number"):
        try:
            read_pages, read_message = _read_original(original, language=intake.language)
        except reading.OcrUnavailable:
            problems.append(
                _("Text recognition (tesseract) is not installed here: type the text from the scan.")
            )
            continue
        except reading.ReadingError as error:
            problems.append(
                _("File %(number)d could not be read: %(why)s.") % {"number": original.number, "why": error}
            )
            continue
        pages += read_pages
        message = read_message or message
    photos = []
    if message is not None:
        for photo in message.photos:
            try:
                photos.append(photo_clean(SimpleUploadedFile(photo.filename, photo.content)))
            except ValidationError as error:
                problems.append(" ".join(error.messages))
        if message.skipped_attachments:
            problems.append(
                _("%(count)d attachment(s) of the e-mail were not photos and were left out.")
                % {"count": message.skipped_attachments}
            )
    text = message.text if message is not None else "\n\n".join(page.text for page in pages if page.text)
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake_id)
        if intake.status != Intake.Status.READING:
            return intake
        for number, page in enumerate(pages, start=1):
            _store(
                intake=intake,
                role=IntakeFile.Role.PAGE,
                content=page.image,
                content_type="image/jpeg",
                number=number,
                width=page.width,
                height=page.height,
                text=page.text,
                text_source=page.text_source,
            )
        for number, photo in enumerate(photos, start=1):
            _store_photo(intake=intake, photo=photo, number=number)
        intake.text = text[: settings.LETTER_MAX_CHARS]
        intake.read_problems = problems
        if message is not None:
            intake.sender_name, intake.sender_address = (
                message.sender_name[:200],
                message.sender_address[:320],
            )
        intake.status = Intake.Status.READY
        intake.read_at = timezone.now()
        intake.save()
    logger.info(
        "intake id=%s read pages=%d photos=%d problems=%d", intake.pk, len(pages), len(photos), len(problems)
    )
    return intake


def _store_photo(*, intake: Intake, photo, number: int | None = None) -> IntakeFile:
    if number is None:
        last = intake.files.filter(role=IntakeFile.Role.PHOTO).order_by("-number").first()
        number = last.number + 1 if last else 1
    return _store(
        intake=intake,
        role=IntakeFile.Role.PHOTO,
        content=photo.content,
        content_type=photo.content_type,
        number=number,
        width=photo.width,
        height=photo.height,
    )


def _check_open(intake: Intake) -> None:
    if intake.status != Intake.Status.READY:
        raise ValidationError(
            _("This letter is no longer being corrected (%(status)s).")
            % {"status": intake.get_status_display()},
            code="intake_closed",
        )


def _plain_line_breaks(text: str) -> str:
    # Browsers send a textarea's line breaks as CRLF; letters store LF (flags count characters).
    return text.replace("\r\n", "\n").replace("\r", "\n")


def intake_save_text(*, intake: Intake, caseworker: AbstractBaseUser, text: str) -> Intake:
    """Keep the caseworker's corrections of the text (not yet sent)."""
    _check_open(intake)
    intake.text = _plain_line_breaks(text)
    intake.full_clean()
    intake.save(update_fields=["text"])
    return intake


@transaction.atomic
def intake_crop_photo(
    *, intake: Intake, caseworker: AbstractBaseUser, page: IntakeFile, box: tuple[float, float, float, float]
) -> IntakeFile:
    """Cut a photo out of a page (box: left, top, right, bottom as fractions of the page) and keep it
    to attach; it is re-drawn without metadata and flagged at screening like any photo."""
    _check_open(intake)
    if page.intake_id != intake.pk or page.role != IntakeFile.Role.PAGE:
        raise ValidationError(_("Choose a page of this letter."), code="intake_page")
    left, top, right, bottom = (min(1.0, max(0.0, value)) for value in box)
    if right - left < 0.02 or bottom - top < 0.02:
        raise ValidationError(
            _("Mark the photo on the page first (drag a box around it)."), code="intake_no_box"
        )
    with page.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    w, h = image.size
    crop = image.crop((round(left * w), round(top * h), round(right * w), round(bottom * h)))
    out = io.BytesIO()
    crop.save(out, format="JPEG", quality=92)
    return _store_photo(intake=intake, photo=photo_clean(SimpleUploadedFile("photo.jpg", out.getvalue())))


@transaction.atomic
def intake_add_photo(*, intake: Intake, caseworker: AbstractBaseUser, upload: UploadedFile) -> IntakeFile:
    """Attach a photo that came with the letter (a print scanned on its own, say)."""
    _check_open(intake)
    return _store_photo(intake=intake, photo=photo_clean(upload))


@transaction.atomic
def intake_remove_photo(*, intake: Intake, caseworker: AbstractBaseUser, photo: IntakeFile) -> None:
    _check_open(intake)
    if photo.intake_id != intake.pk or photo.role != IntakeFile.Role.PHOTO:
        raise ValidationError(_("Choose a photo of this letter."), code="intake_photo")
    _delete_file_after_commit(photo)


@transaction.atomic
def intake_submit(*, intake: Intake, caseworker: AbstractBaseUser, text: str) -> Letter:
    """Turn the corrected text and the kept photos into a submitted letter; screening is queued after commit.

    From here on it is a letter like any other: screened with both sides' known identities (and an
    e-mail's sender), reviewed, approved or returned. The scan stays with the intake, in the office.
    """
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    _check_open(intake)
    text = _plain_line_breaks(text)
    if not text.strip():
        raise ValidationError(
            _("The letter has no text yet: correct or type it first."), code="intake_no_text"
        )
    photos = list(intake.files.filter(role=IntakeFile.Role.PHOTO).order_by("number"))
    _check_photo_count(letter=None, new=len(photos))
    letter = Letter(
        donation=intake.donation,
        direction=intake.direction,
        body=text,
        status=Letter.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    letter.full_clean()
    letter.save()
    for photo in photos:
        with photo.file.open("rb") as handle:
            content = handle.read()
        # Already re-drawn without metadata when it was kept; stored as it is.
        clean = CleanPhoto(content, photo.content_type, photo.width or 0, photo.height or 0, photo.sha256)
        attachment_create(letter=letter, upload=clean)
    intake.text = text
    intake.letter = letter
    intake.status = Intake.Status.SUBMITTED
    intake.submitted_at = letter.submitted_at
    intake.save(update_fields=["text", "letter", "status", "submitted_at"])
    events.letter_taken_in(letter=letter, actor=caseworker, source=intake.source, photos=len(photos))
    transaction.on_commit(_screening_queuer(letter.pk), robust=True)
    logger.info("intake id=%s submitted as letter id=%s", intake.pk, letter.pk)
    return letter


@transaction.atomic
def intake_discard(*, intake: Intake, caseworker: AbstractBaseUser) -> Intake:
    """Set aside an intake taken in by mistake: its files, its text and an e-mail's sender are deleted
    (the files from disk once this commits). The row stays, as the record of what came and who set it
    aside; nothing was sent, so nothing else needs them."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    _check_open(intake)
    deleted = _files_delete(intake)
    intake.status = Intake.Status.DISCARDED
    intake.discarded_at, intake.discarded_by = timezone.now(), caseworker
    intake.text, intake.read_problems, intake.sender_name, intake.sender_address = "", [], "", ""
    intake.save(
        update_fields=[
            "status",
            "discarded_at",
            "discarded_by",
            "files_deleted_at",
            "text",
            "read_problems",
            "sender_name",
            "sender_address",
        ]
    )
    logger.info("intake id=%s discarded by user id=%s files deleted=%d", intake.pk, caseworker.pk, deleted)
    return intake


# A letter still being screened or reviewed: the reviewer compares it with the scan.
IN_REVIEW = (Letter.Status.SUBMITTED, Letter.Status.SCREENING, Letter.Status.IN_REVIEW)
# The events that take a letter out of review (approval, whatever the rules then do, or a return,
# a refusal, including one by the rules at screening, or the writer's withdrawal).
LEFT_REVIEW = (
    LetterEvent.Kind.APPROVED,
    LetterEvent.Kind.RETURNED,
    LetterEvent.Kind.REFUSED,
    LetterEvent.Kind.WITHDRAWN,
)
EXPIRE_BATCH = 100


def intakes_files_expire() -> int:
    """Delete the files of intakes whose letter left review over INTAKE_FILES_KEEP_DAYS ago; returns how many
    intakes. The e-mail's sender goes too (only screening needed it); the letter itself, its photos
    (copies of their own) and its text are the letter's, and stay."""
    cutoff = timezone.now() - timedelta(days=settings.INTAKE_FILES_KEEP_DAYS)
    left_review = (
        LetterEvent.objects.filter(letter=OuterRef("letter_id"), kind__in=LEFT_REVIEW)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    due = list(
        Intake.objects.filter(status=Intake.Status.SUBMITTED, files_deleted_at__isnull=True)
        .exclude(letter__status__in=IN_REVIEW)
        .annotate(left_review_at=Subquery(left_review))
        .filter(left_review_at__lt=cutoff)
        .order_by("left_review_at", "pk")
        .values_list("pk", flat=True)[:EXPIRE_BATCH]
    )
    for intake_id in due:
        with transaction.atomic():
            intake = Intake.objects.select_for_update().get(pk=intake_id)
            if intake.files_deleted_at is not None:
                continue
            deleted = _files_delete(intake)
            intake.sender_name = intake.sender_address = ""
            intake.save(update_fields=["files_deleted_at", "sender_name", "sender_address"])
        logger.info(
            "intake id=%s files deleted=%d (kept %d days)",
            intake_id,
            deleted,
            settings.INTAKE_FILES_KEEP_DAYS,
        )
    return len(due)


def intakes_requeue_stuck() -> int:
    """Queue reading again for intakes still being read after 10 minutes (a lost task); returns how many."""
    from correspondence.tasks import intake_read_task

    cutoff = timezone.now() - STUCK_AFTER
    stuck = list(
        Intake.objects.filter(status=Intake.Status.READING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:REQUEUE_BATCH]
    )
    for intake_id in stuck:
        intake_read_task.delay(intake_id)
    return len(stuck)
