"""Text in, flagged spans out: spaCy's NER plus the rules in `redaction.detectors`, merged."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from redaction import lexicon, model
from redaction.detectors import DETECTORS
from redaction.detectors.repeat import repeated
from redaction.detectors.text import NAME_MODALS, SUBJECT_VERBS, is_lowercase_letter, is_uppercase_letter
from redaction.kinds import ORG_HEADS, PLACE_HEADS, TITLES, label_flags
from redaction.lexicon import GRAMMAR_WORDS, NOT_IDENTIFYING, RELATION_CUES, is_ordinary
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
    merged = merge(found, letter.text)
    if is_uppercase_letter(letter.text) or is_lowercase_letter(letter.doc):
        merged = trim_plain_edges(merged, found, letter.text)
    flags = label_flags(merged, found, letter, decided)
    if not repeat:
        return flags
    final = merge([*flags, *repeated(flags, letter)], letter.text)
    return label_flags(final, [*found, *flags], letter, decided)


EDGE_WORD = re.compile(r"[^\s]+")
# Words that head or open an entity's name, kept at its edges: "... HOUSE", "... COUNTY", "NEW ...".
KEPT_AT_EDGES = ORG_HEADS | PLACE_HEADS | lexicon.ORG_AND_PLACE_WORDS | NAME_MODALS
# Grammar words that open names ("All Blacks", "One Direction", "Be The Match").
OPENING_GRAMMAR = frozenset(
    lexicon.words(
        """
    all one other own more most every each only same is are was were be been being am has have had having
    do does did done will would shall should can could may might must ought not no never
    """
    )
)


def _plain(word: str, *, leading: bool) -> tuple[bool, bool]:
    """Whether an edge word of a flag is no part of a name, and whether that holds without another layer's
    narrower flag to confirm it. Always: a grammar word ("BY", "WHILE"; at the front not "ALL" or "ONE",
    which open names, nor a verb: "BE THE MATCH"), at the front a relation ("CONSULTANT", "COLLIE"). With a
    narrower flag: at the front an adverb ("ESPECIALLY"); at the back a relation, a word of the letters' own
    world ("MOM", "DONOR", "PATIENT"), a verb that follows a subject ("SAYS", "TOLD") or an -ing form
    ("DOING NURSING"). Ordinary words in general stay: teams and places are made of them ("... EAGLES",
    "ARTHUR'S SEAT")."""
    lower = word.lower().strip('.,;:!?()"“”‘’')
    if len(lower) < 2 or not lower.isalpha() or lower in KEPT_AT_EDGES:
        return False, False  # also a possessive: "BISHOP'S CASTLE", "CINCINNATI CHILDREN'S"
    if lower in GRAMMAR_WORDS:
        return not (leading and lower in OPENING_GRAMMAR), True
    if lower in lexicon.given_names() or lower in lexicon.family_names() or lower in lexicon.places():
        return False, False  # "TATA STEEL", "PAN KOT"
    if leading and lower in RELATION_CUES and lower not in TITLES:
        return True, True  # a title stays: it names the kind ("DR RAHMAN", "PAN KOT")
    if leading:  # "ESPECIALLY", "FINALLY", not "HOLY" or "FAMILY"
        stem = lower[:-2]
        adverb = lower.endswith("ly") and len(lower) > 5 and is_ordinary(lower)
        return adverb and (is_ordinary(stem) or stem.endswith(("al", "ful", "ous"))), False
    after = lower in RELATION_CUES or lower in NOT_IDENTIFYING or lower in SUBJECT_VERBS
    return after or (lower.endswith("ing") and is_ordinary(lower)), False


def trim_plain_edges(flags: Sequence[Flag], votes: Sequence[Flag], text: str) -> list[Flag]:
    """In a letter written all in capitals or without any, capitals say nothing, so the model's spans run on
    into the words around a name ("OHIO STATE DOING NURSING", "ESPECIALLY BETHAN", "sandy hates"): a wordy
    flag loses ordinary words at its edges (see `_plain`), and keeps at least one word. The label then
    follows the name's own words. Flags with digits (postcodes, addresses) keep their words."""
    result = []
    for flag in flags:
        span = text[flag.start : flag.end]
        if flag.label not in WORDY_LABELS or any(c.isdigit() for c in span):
            result.append(flag)  # "or 97701", "in 46204": a state's code before its postcode
            continue
        words = [(flag.start + m.start(), flag.start + m.end()) for m in EDGE_WORD.finditer(span)]
        inside = [v for v in votes if flag.start <= v.start and v.end <= flag.end]
        first, last = 0, len(words) - 1
        while first < last:
            plain, sure = _plain(text[slice(*words[first])], leading=True)
            narrower = any(v.start >= words[first + 1][0] for v in inside)
            if not plain or not (sure or narrower) or _place_with(text, words[first], words[first + 1]):
                break
            first += 1
        while last > first:
            plain, sure = _plain(text[slice(*words[last])], leading=False)
            narrower = any(v.end <= words[last - 1][1] and v.end > words[first][0] for v in inside)
            if not plain or not (sure or narrower) or _place_with(text, words[last - 1], words[last]):
                break
            last -= 1
        start, end = words[first][0], words[last][1]
        if (start, end) != (flag.start, flag.end):
            end = _strip_edge_punctuation(text, start, end)
            flag = Flag(start, end, flag.label, flag.source, flag.confidence)
        result.append(flag)
    return result


def _place_with(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two neighbouring words name a place together ("NEW YORK", "south africa")."""
    pair = re.sub(r"\s+", " ", text[a[0] : b[1]].lower().strip(".,;:!?()\"'"))
    return pair in lexicon.places()


def _strip_edge_punctuation(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1] in ',;:!?("“':
        end -= 1
    return end


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
                # The wider (then surer) of the two names the label; on a tie the earlier one, as max() would.
                wider = (flag.end - flag.start, flag.confidence) > (last.end - last.start, last.confidence)
                widest = flag if wider else last
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
