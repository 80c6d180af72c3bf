"""Celery entry points: fetch by id, call one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def letter_screen(letter_id: int) -> None:
    """Screen a submitted letter (a no-op unless it is still submitted)."""
    from correspondence.services import letter_screen

    letter_screen(letter_id=letter_id)


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


letter_screen_task = letter_screen
letters_requeue_stuck_task = letters_requeue_stuck
letters_release_held_task = letters_release_held
