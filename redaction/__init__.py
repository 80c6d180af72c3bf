"""The redaction pipeline: text in, flagged spans out. Pure Python over spaCy; no Django.

The spaCy model loads on the first call to `detect` or `detect_many`, once per process.
"""

from redaction.pipeline import MAX_LETTER_CHARS, LetterTooLong, detect, detect_many
from redaction.reasons import reason
from redaction.types import Flag, Known

__all__ = ["MAX_LETTER_CHARS", "Flag", "Known", "LetterTooLong", "detect", "detect_many", "reason"]
