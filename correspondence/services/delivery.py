"""Delivery: a centre acknowledges a forwarded letter; a donor opens a forwarded reply."""

import logging

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from clinics.models import TransplantCentre
from correspondence import events, notifications
from correspondence.models import Letter
from correspondence.signals import sent_letters_announce

logger = logging.getLogger(__name__)


def _deliver(*, letter: Letter, direction: str) -> bool:
    """Mark a forwarded letter delivered; False when it already was (a conditional update: race-safe)."""
    now = timezone.now()
    updated = Letter.objects.filter(pk=letter.pk, direction=direction, status=Letter.Status.FORWARDED).update(
        status=Letter.Status.DELIVERED, delivered_at=now, updated_at=now
    )
    if updated:
        letter.status, letter.delivered_at, letter.updated_at = Letter.Status.DELIVERED, now, now
        sent_letters_announce(letter_ids=[letter.pk])
    return updated == 1


@transaction.atomic
def letter_acknowledge(*, letter: Letter, centre: TransplantCentre) -> Letter:
    """Mark a donor letter delivered to the patient's centre; acknowledging again changes nothing."""
    if _deliver(letter=letter, direction=Letter.Direction.DONOR_TO_PATIENT):
        events.letter_acknowledged(letter=letter, centre_code=centre.code)
        notifications.writer_notify_status(letter=letter)
        logger.info("letter id=%s acknowledged by centre id=%s", letter.pk, centre.pk)
    return letter


@transaction.atomic
def reply_open(*, reply: Letter, actor: AbstractBaseUser) -> Letter:
    """Mark a forwarded reply delivered the first time its donor opens it."""
    if _deliver(letter=reply, direction=Letter.Direction.PATIENT_TO_DONOR):
        events.reply_opened(letter=reply, actor=actor)
        logger.info("reply id=%s opened by its donor", reply.pk)
    return reply
