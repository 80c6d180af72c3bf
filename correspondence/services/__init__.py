"""Every write to letters, one module per concern; import services from here."""

from correspondence.services.delivery import letter_acknowledge, reply_open
from correspondence.services.letters import (
    attachment_create,
    letter_save_draft,
    letter_screen,
    letter_submit,
    letter_withdraw,
    letters_requeue_stuck,
)
from correspondence.services.replies import reply_submit

__all__ = [
    "attachment_create",
    "letter_acknowledge",
    "letter_save_draft",
    "letter_screen",
    "letter_submit",
    "letter_withdraw",
    "letters_requeue_stuck",
    "reply_open",
    "reply_submit",
]
