"""The records redaction passes around: a letter as the detectors see it, what is known, what is flagged.

Only standard-library imports (and spaCy's Doc for type checking), so every other redaction module can
import from here without cycles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = ("NAME", "INITIALS", "LOCATION", "ORGANISATION", "DATE", "CONTACT", "ID")
# Labels whose spans grow over a following possessive and join a neighbour across a space.
WORDY_LABELS = frozenset({"NAME", "INITIALS", "LOCATION", "ORGANISATION"})


@dataclass(frozen=True, slots=True)
class Flag:
    """A span of a letter that may identify someone.

    `source` is the component that found it ("ner", "pattern", "context", "capitals", "lowercase",
    "uppercase", "repeat", "known"); `confidence` is that component's own rough certainty, from 0.4 for a
    guess in a letter written without capitals to 1.0 for a detail the registry holds.
    """

    start: int
    end: int
    label: str
    source: str
    confidence: float


@dataclass(frozen=True)
class Known:
    """What the registry or the centre knows about the people behind a letter."""

    names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # ISO "1990-05-17" or free text


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter as the detectors see it."""

    text: str
    doc: Doc
    known: Known | None = None
