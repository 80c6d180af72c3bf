"""Signals the correspondence services send, for whatever keeps a copy of what the other side sees."""

from django.dispatch import Signal

# Sent by the services, with `letter_ids` (Letter ids), whenever they change what the receiving side
# sees of letters: a letter forwarded, delivered (acknowledged by its centre, opened by its donor).
# Sent inside the service's transaction: a receiver that caches must expect a rollback as well as
# a commit (clinics.api.page_cache renews its pages now and again after commit).
sent_letters_changed = Signal()


def sent_letters_announce(*, letter_ids: list[int]) -> None:
    """Tell the receivers of `sent_letters_changed` that these letters changed for the other side."""
    if letter_ids:
        sent_letters_changed.send(sender=sent_letters_announce, letter_ids=letter_ids)
