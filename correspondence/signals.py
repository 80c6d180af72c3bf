"""Signals of the correspondence app."""

from django.dispatch import Signal

# Sent with `centre_ids` (a set of TransplantCentre ids) after a bulk update or delete of letters:
# Django's post_save does not fire for those. Whatever is cached about a centre's letters is stale.
letters_changed = Signal()
