"""Limits on what a writer sends, checked alike by the form, the services and "Check my letter"."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def letter_length_validate(text: str) -> None:
    """Raise ValidationError (code "letter_too_long") when the text is over LETTER_MAX_CHARS.

    The message says by how much, and that nothing was lost: the text comes back as it was typed.
    """
    limit = settings.LETTER_MAX_CHARS
    if len(text) <= limit:
        return
    raise ValidationError(
        _(
            "Your letter has %(length)s characters, %(over)s more than the %(limit)s a letter can carry. "
            "Please shorten it; everything you wrote is still here."
        ),
        code="letter_too_long",
        params={
            "length": number_format(len(text), force_grouping=True),
            "over": number_format(len(text) - limit, force_grouping=True),
            "limit": number_format(limit, force_grouping=True),
        },
    )
