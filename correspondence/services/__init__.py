"""Every write to letters, one module per concern; import services from here."""

from correspondence.services.letters import (
    attachment_create,
    letter_check,
    letter_save_draft,
    letter_screen,
    letter_submit,
    letter_withdraw,
    letters_requeue_stuck,
)

__all__ = [
    "attachment_create",
    "letter_check",
    "letter_save_draft",
    "letter_screen",
    "letter_submit",
    "letter_withdraw",
    "letters_requeue_stuck",
]
