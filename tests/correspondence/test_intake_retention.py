"""How long the scans of letters taken in on paper or by e-mail are kept: an intake set aside loses its
files at once (from disk only once that commits); one sent to screening keeps them while its letter is in
review, then INTAKE_FILES_KEEP_DAYS more days."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from bench.scans import encoded
from correspondence.models import Intake, IntakeFile, Letter
from correspondence.services import intake as intake_services
from correspondence.services import review as review_services
from correspondence.tasks import intakes_files_expire_task
from tests.correspondence.test_intake import detail_url, email_message
from tests.correspondence.test_review import caseworker, decide_all
from tests.factories import DonationFactory, ForwardedLetterFactory, LetterFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


def email_intake(user, **kwargs) -> Intake:
    """An intake of an e-mail with a photo, read: its original and its photo are files on disk."""
    photo = encoded(Image.new("RGB", (120, 90), (30, 120, 60)), "PNG")
    intake = intake_services.intake_create(
        caseworker=user,
        donation=kwargs.pop("donation", None) or DonationFactory(),
        direction="donor_to_patient",
        email_source=email_message(photos=[photo]).decode(),
    )
    intake_services.intake_read(intake_id=intake.pk)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.READY
    return intake


def paths(intake: Intake) -> list[Path]:
    found = [Path(stored.file.path) for stored in intake.files.all()]
    assert len(found) == 2 and all(path.is_file() for path in found)  # the e-mail and its photo
    return found


@pytest.mark.django_db(transaction=True)
def test_it_deletes_a_set_aside_intakes_files_from_disk_only_once_that_commits():
    user = caseworker()
    intake = email_intake(user)
    files = paths(intake)
    with transaction.atomic():
        intake_services.intake_discard(intake=intake, caseworker=user)
        assert not IntakeFile.objects.exists()
        assert all(path.is_file() for path in files)  # not yet committed: still on disk
    assert not any(path.exists() for path in files)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.DISCARDED
    assert (intake.discarded_by, intake.files_deleted_at is not None) == (user, True)
    # Nothing of the letter stays: not its text, not the sender, not what could not be read.
    assert (intake.text, intake.sender_name, intake.sender_address, intake.read_problems) == ("", "", "", [])


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_files_when_setting_aside_is_rolled_back():
    user = caseworker()
    intake = email_intake(user)
    files = paths(intake)
    with pytest.raises(RuntimeError), transaction.atomic():
        intake_services.intake_discard(intake=intake, caseworker=user)
        raise RuntimeError("the request failed after setting aside")
    assert all(path.is_file() for path in files)
    assert IntakeFile.objects.filter(intake=intake).count() == 2
    assert Intake.objects.get().status == Intake.Status.READY


def test_it_asks_before_setting_aside_and_then_deletes_the_files(client, django_capture_on_commit_callbacks):
    user = caseworker()
    client.force_login(user)
    intake = email_intake(user)
    files = paths(intake)
    discard = reverse("admin:correspondence_intake_discard", args=[intake.public_id])
    detail = client.get(detail_url(intake)).content.decode()
    assert f'href="{discard}"' in detail and 'id="discard-dialog"' in detail  # a dialog, or this page
    question = client.get(discard).content.decode()
    assert "Set this letter aside?" in question and "You cannot undo this." in question
    assert Intake.objects.get().status == Intake.Status.READY  # asking changed nothing

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(discard)
    assert response["Location"] == reverse("admin:correspondence_intake_changelist")
    assert all(path.is_file() for path in files) and len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert not any(path.exists() for path in files)
    page = client.get(detail_url(intake)).content.decode()
    assert "nothing was sent, and its files, text and sender were deleted" in page


def test_it_keeps_the_scans_while_the_letter_is_in_review_then_the_configured_days(
    client, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_FILES_KEEP_DAYS = 30
    user = caseworker()
    with time_machine.travel(START, tick=False):
        intake = email_intake(user)
        files = paths(intake)
        with django_capture_on_commit_callbacks(execute=True):
            letter = intake_services.intake_submit(intake=intake, caseworker=user, text=intake.text)
        letter.refresh_from_db()
        assert letter.status == Letter.Status.IN_REVIEW
    with time_machine.travel(START + datetime.timedelta(days=90), tick=False):
        assert intakes_files_expire_task() == 0  # three months in review: the reviewer still compares
        decide_all(letter, user)
        review_services.letter_return(letter=letter, caseworker=user, reason="Please leave out the street.")
    with time_machine.travel(START + datetime.timedelta(days=119), tick=False):
        assert intakes_files_expire_task() == 0
        assert all(path.is_file() for path in files)
    with time_machine.travel(START + datetime.timedelta(days=121), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert intakes_files_expire_task() == 1
        assert intakes_files_expire_task() == 0  # done once
    assert not any(path.exists() for path in files) and not IntakeFile.objects.exists()
    intake.refresh_from_db()
    assert intake.files_deleted_at == START + datetime.timedelta(days=121)
    assert (intake.sender_name, intake.sender_address) == ("", "")
    # The letter keeps its text and its own copy of the photo.
    letter.refresh_from_db()
    assert letter.body == intake.text and letter.status == Letter.Status.RETURNED
    [attachment] = letter.attachments.all()
    assert Path(attachment.file.path).is_file()
    client.force_login(user)
    page = client.get(detail_url(intake)).content.decode()
    assert "The scans were deleted on 2 Sep 2026, 30 days after the letter left review" in page
    listing = client.get(reverse("admin:correspondence_intake_changelist")).content.decode()
    assert "deleted 2 Sep 2026" in listing


@pytest.mark.parametrize(
    ("status", "kept"),
    [
        pytest.param(Letter.Status.IN_REVIEW, True, id="in-review-keeps-them"),
        pytest.param(Letter.Status.FORWARDED, False, id="approved-and-forwarded"),
        pytest.param(Letter.Status.HELD, False, id="approved-and-held"),
        pytest.param(Letter.Status.REFUSED, False, id="refused"),
        pytest.param(Letter.Status.WITHDRAWN, False, id="withdrawn-by-the-writer"),
    ],
)
def test_it_expires_the_scans_of_letters_out_of_review(status, kept, django_capture_on_commit_callbacks):
    user = caseworker()
    intake = email_intake(user)
    factory = ForwardedLetterFactory if status == Letter.Status.FORWARDED else LetterFactory
    letter = factory(donation=intake.donation, status=status, submitted_at=timezone.now())
    kind = {
        Letter.Status.FORWARDED: "approved",
        Letter.Status.HELD: "approved",
        Letter.Status.REFUSED: "refused",
        Letter.Status.WITHDRAWN: "withdrawn",
    }.get(status)
    if kind:
        letter.events.create(kind=kind, actor=user)
    Intake.objects.filter(pk=intake.pk).update(
        status=Intake.Status.SUBMITTED, letter=letter, submitted_at=timezone.now()
    )
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=31)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert intakes_files_expire_task() == (0 if kept else 1)
    assert IntakeFile.objects.filter(intake=intake).exists() is kept


def test_it_refuses_to_start_with_a_negative_number_of_days():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "INTAKE_FILES_KEEP_DAYS": "-1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "INTAKE_FILES_KEEP_DAYS must be 0 or more" in result.stderr
