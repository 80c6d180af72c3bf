"""Text in, flagged spans out: spaCy's NER plus the rules in `redaction.detectors`, merged."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

from collections.abc import Iterable, Sequence

from redaction import model
from redaction.detectors import DETECTORS
from redaction.detectors.repeat import repeated
from redaction.kinds import label_flags
from redaction.types import LABELS, WORDY_LABELS, Flag, Known, Letter

__all__ = [
    "LABELS",
    "MAX_LETTER_CHARS",
    "Flag",
    "Known",
    "Letter",
    "LetterTooLong",
    "detect",
    "detect_many",
    "merge",
]

MAX_LETTER_CHARS = 20_000
APOSTROPHES = "'’"


class LetterTooLong(ValueError):
    """The letter is over MAX_LETTER_CHARS; raised before any NLP runs."""

    code = "letter_too_long"

    def __init__(self, length: int) -> None:
        super().__init__(f"The letter has {length} characters; the limit is {MAX_LETTER_CHARS}.")
        self.length = length


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
    docs = model.nlp().pipe((texts[i] for i in todo), batch_size=batch_size)
    for i, doc in zip(todo, docs, strict=True):
        letter = Letter(text=texts[i], doc=doc, known=knowns[i])
        results[i] = flag_letter(letter, [flag for detector in DETECTORS for flag in detector.find(letter)])
    return results


def flag_letter(letter: Letter, found: Sequence[Flag], *, repeat: bool = True) -> list[Flag]:
    """Merge what the layers found in a letter, name each flag's kind (`redaction.kinds`), flag a name's
    other occurrences, and name those too: the placeholder a reader sees must be right."""
    decided: dict[tuple[int, int], tuple[str, bool]] = {}
    flags = label_flags(merge(found, letter.text), found, letter, decided)
    if not repeat:
        return flags
    final = merge([*flags, *repeated(flags, letter)], letter.text)
    return label_flags(final, [*found, *flags], letter, decided)


def _extend_possessive(flag: Flag, text: str) -> Flag:
    end = flag.end
    possessive = end + 1 < len(text) and text[end] in APOSTROPHES and text[end + 1] in "sS"
    if possessive and (end + 2 == len(text) or not text[end + 2].isalnum()):
        return Flag(flag.start, end + 2, flag.label, flag.source, flag.confidence)
    return flag


def merge(flags: Iterable[Flag], text: str) -> list[Flag]:
    """Return the flags sorted and disjoint: overlapping flags become one, the widest one's label wins.

    A possessive 's after a name stays inside its flag, wordy flags one space apart are joined ("the Royal
    Infirmary" + "Aberdeen"), and so is an organisation with what follows its "for" or "of" ("the Fund" +
    "for" + "Families"), so a caseworker sees one flag per entity.
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
            # "the Royal Infirmary for Sick Children", "the Fund for Families": one body's name.
            body = gap in (" for ", " of ") and last.label == "ORGANISATION" and flag.label in WORDY_LABELS
            if touching or body:
                widest = max((last, flag), key=lambda f: (f.end - f.start, f.confidence))
                if body:
                    widest = last
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
