"""Celery entry points: fetch by id, call one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

# Idempotent tasks (a no-op once their work is done), so redelivery after a lost worker is harmless.
RETRIED_ON_DATABASE_ERRORS = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    # Under the broker's visibility timeout (60 s): a retry waiting its turn is not handed out twice.
    "retry_backoff_max": 50,
    "max_retries": 5,
}


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def letter_screen(letter_id: int) -> None:
    """Screen a submitted letter (a no-op unless it is still submitted)."""
    from correspondence.services import letter_screen

    letter_screen(letter_id=letter_id)


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def intake_read(intake_id: int) -> None:
    """Read a letter taken in on paper or by e-mail (a no-op once read)."""
    from correspondence.services.intake import intake_read

    intake_read(intake_id=intake_id)


@shared_task
def intakes_requeue_stuck() -> int:
    """Periodic sweep: queue reading again for intakes whose reading was lost."""
    from correspondence.services.intake import intakes_requeue_stuck

    return intakes_requeue_stuck()


@shared_task
def intakes_files_expire() -> int:
    """Periodic sweep: delete the scans of letters that left review some days ago."""
    from correspondence.services.intake import intakes_files_expire

    return intakes_files_expire()


@shared_task
def letters_requeue_stuck() -> int:
    """Periodic sweep: queue screening again for letters stuck in `submitted`."""
    from correspondence.services import letters_requeue_stuck

    return letters_requeue_stuck()


@shared_task
def letters_release_held() -> int:
    """Periodic sweep: decide again for held letters whose date has come or whose condition may be met."""
    from django.utils import timezone

    from correspondence.services.policy import letters_release_held

    return letters_release_held(on=timezone.localdate())


@shared_task
def pending_photos_prune() -> int:
    """Periodic sweep: delete photos chosen on a letter form that was left with an error a day ago."""
    from correspondence.services.pending import pending_photos_prune

    return pending_photos_prune()


letter_screen_task = letter_screen
intake_read_task = intake_read
intakes_requeue_stuck_task = intakes_requeue_stuck
intakes_files_expire_task = intakes_files_expire
letters_requeue_stuck_task = letters_requeue_stuck
letters_release_held_task = letters_release_held
pending_photos_prune_task = pending_photos_prune
