import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from correspondence.models import Flag, Letter, LetterEvent
from correspondence.services import letter_save_draft, letter_screen, letter_submit, letters_requeue_stuck
from tests.factories import DonationFactory, LetterFactory, image_bytes

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Dear recipient, my neighbour Ottoline says hello from our village."


def test_it_queues_screening_only_after_commit(django_capture_on_commit_callbacks):
    donation = DonationFactory()
    with mock.patch("correspondence.tasks.letter_screen.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            letter = letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT)
            delay.assert_not_called()
        # The receipt e-mail, then the screening task.
        assert letter.status == Letter.Status.SUBMITTED and len(callbacks) == 2
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(letter.pk)


def test_it_keeps_the_letter_when_the_broker_is_down(django_capture_on_commit_callbacks):
    donation = DonationFactory()
    down = mock.patch("correspondence.tasks.letter_screen.delay", side_effect=ConnectionError("broker down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        letter = letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SUBMITTED


def test_it_stores_nothing_when_a_photo_is_bad(settings):
    donation = DonationFactory()
    bad = SimpleUploadedFile("x.png", b"not a png", content_type="image/png")
    good = SimpleUploadedFile("y.png", image_bytes("PNG"), content_type="image/png")
    with pytest.raises(Exception, match="not a JPEG or PNG"):
        letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT, photos=[good, bad])
    assert Letter.objects.count() == 0 and LetterEvent.objects.count() == 0
    attachments_dir = settings.MEDIA_ROOT / "attachments"
    assert not attachments_dir.exists() or not any(attachments_dir.iterdir()), "a file was left behind"


def test_it_screens_once_however_often_the_task_runs():
    donation = DonationFactory()
    photo = SimpleUploadedFile("y.png", image_bytes("PNG"), content_type="image/png")
    letter = letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT, photos=[photo])
    letter_screen(letter_id=letter.pk)
    letter.refresh_from_db()
    first = (letter.status, letter.screened_at, letter.flags.count(), letter.events.count())
    letter_screen(letter_id=letter.pk)
    letter.refresh_from_db()
    assert (letter.status, letter.screened_at, letter.flags.count(), letter.events.count()) == first
    assert letter.status == Letter.Status.IN_REVIEW


def test_it_flags_every_photo_at_screening():
    donation = DonationFactory()
    photos = [SimpleUploadedFile(f"{i}.png", image_bytes("PNG"), content_type="image/png") for i in range(2)]
    letter = letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT, photos=photos)
    letter_screen(letter_id=letter.pk)
    assert letter.flags.filter(label=Flag.Label.PHOTO).count() == 2


def test_it_ignores_screening_of_a_draft_or_a_missing_letter():
    draft = LetterFactory()
    letter_screen(letter_id=draft.pk)
    draft.refresh_from_db()
    assert draft.status == Letter.Status.DRAFT
    assert letter_screen(letter_id=999_999) is None


def test_it_requeues_letters_stuck_in_submitted_for_over_three_minutes():
    donation = DonationFactory()
    with time_machine.travel(timezone.now() - timedelta(minutes=4)):
        stuck = letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT)
    fresh = letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT)
    with mock.patch("correspondence.tasks.letter_screen.delay") as delay:
        assert letters_requeue_stuck() == 1
    delay.assert_called_once_with(stuck.pk)
    assert stuck.events.filter(kind="requeued").exists() and not fresh.events.filter(kind="requeued").exists()


def stuck_letter(status: str) -> Letter:
    letter = LetterFactory(status=status, submitted_at=timezone.now())
    Letter.objects.filter(pk=letter.pk).update(updated_at=timezone.now() - timedelta(minutes=4))
    return letter


def test_it_picks_up_a_letter_whose_screening_died():
    letter = stuck_letter(Letter.Status.SCREENING)
    assert letters_requeue_stuck() == 1  # screened at once: tasks run eagerly in tests
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW


def test_it_dispatches_a_letter_left_approved():
    from tests.factories import RedactedVersionFactory

    letter = stuck_letter(Letter.Status.APPROVED)
    RedactedVersionFactory(letter=letter)
    assert letters_requeue_stuck() == 1
    letter.refresh_from_db()
    assert letter.status in (Letter.Status.FORWARDED, Letter.Status.HELD)


def test_it_takes_a_stuck_letter_once_per_round():
    """Two sweeps at once (a worker's and the web process's) do not both queue it."""
    stuck_letter(Letter.Status.SUBMITTED)
    with mock.patch("correspondence.tasks.letter_screen.delay") as delay:
        assert letters_requeue_stuck() == 1
        assert letters_requeue_stuck() == 0
    assert delay.call_count == 1


def test_it_runs_the_sweep_as_a_celery_task():
    from correspondence.tasks import letters_requeue_stuck_task

    assert letters_requeue_stuck_task.delay().get() == 0


def test_it_never_logs_letter_text_or_identity(caplog, django_capture_on_commit_callbacks):
    donation = DonationFactory()
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        draft = letter_save_draft(donor=donation.donor, donation=donation, body=SECRET_TEXT)
        letter_submit(donor=donation.donor, donation=donation, body=SECRET_TEXT, letter=draft)
    logged = caplog.text
    assert "screened" in logged
    for secret in ("Ottoline", donation.donor.family_name, donation.donor.email, donation.donor.donor_number):
        assert secret not in logged
