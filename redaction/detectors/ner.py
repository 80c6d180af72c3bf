"""spaCy's named entities mapped to our labels."""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction import lexicon
from redaction.detectors.capitals import CapitalsDetector, plain_phrase
from redaction.detectors.text import (
    CONNECTORS,
    ENTITY_LABELS,
    GENERIC,
    PLACE_PREFIXES,
    doc_text,
    is_greeting,
    is_lowercase_letter,
    is_uppercase_letter,
    sentence_starts,
    soft_break,
)
from redaction.lexicon import (
    GRAMMAR_WORDS,
    MONTHS,
    NOT_NAMES,
    ORG_AND_PLACE_WORDS,
    RELATION_CUES,
    TITLE_CUES,
    WEEKDAYS,
    is_ordinary,
)
from redaction.types import Flag, Letter

CALENDAR_WORDS = frozenset(MONTHS) | WEEKDAYS
IGNORED = NOT_NAMES | GRAMMAR_WORDS | GENERIC
LEADING = frozenset({"the", "a", "an", "my", "our", "dear"}) | TITLE_CUES


WORDY = frozenset({"NAME", "LOCATION", "ORGANISATION"})


class NerDetector:
    """People, places and organisations the statistical model recognises."""

    @staticmethod
    def _ordinary_lower_case(tokens: list) -> bool:
        words = [t for t in tokens if t.is_alpha]
        if not words or not all(t.is_lower for t in words):
            return False
        doc = tokens[0].doc
        if tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ in RELATION_CUES:
            return False  # "my spaniel homer", "our cat smudge"
        if not is_lowercase_letter(doc):
            return True
        # A writer who skips capitals but still capitalises a name somewhere does not write names as
        # everyday words ("jokes", "brown").
        everyday = all(t.lower_ in lexicon.common_words() and is_ordinary(t.text) for t in words)
        if everyday and len(words) == 1 and len(tokens) == 1:
            # "nervous", "breakfast": one everyday word no name or place list has, and no "the" before it
            # ("the herons" may be a team)
            word = words[0].lower_
            before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
            if word not in lexicon.given_names() and word not in lexicon.places() and before != "the":
                return True
        return everyday and _capitalises_some_names(doc)

    @staticmethod
    def _plain_shout(tokens: list) -> bool:
        """In a letter written in capitals, a span of ordinary words only ("THE KETTLE", "TERRIBLE")."""
        doc = tokens[0].doc
        return is_uppercase_letter(doc_text(doc)) and plain_phrase([t.text for t in tokens])

    @staticmethod
    def _split_at_ordinary_words(tokens: list, label: str = "NAME") -> list[list]:
        """In a letter that uses capitals, lower-case ordinary words inside or at the edges of a span are not
        part of the names the model found: "wife Leonora sends" is "Leonora", and "Angela Merkel visited
        Microsoft" is two names. Connectors ("of", "de", "van") stay inside ("Cliffs of Moher")."""
        if not tokens or is_lowercase_letter(tokens[0].doc):
            return [tokens]
        parts: list[list] = [[]]
        for k, token in enumerate(tokens):
            # "Hospital for Sick Children", "Friends of the Earth": small words between capitals stay.
            between_capitals = (
                token.lower_ in GRAMMAR_WORDS
                and 0 < k < len(tokens) - 1
                and tokens[k - 1].text[:1].isupper()
                and any(t.text[:1].isupper() for t in tokens[k + 1 : k + 3])
            )
            ordinary = (
                token.is_alpha
                and token.is_lower
                and not between_capitals
                and token.lower_ not in CONNECTORS | PLACE_PREFIXES | ORG_AND_PLACE_WORDS
                and not (label == "DATE" and token.lower_ in CALENDAR_WORDS)
                and is_ordinary(token.text)
            )
            if ordinary:
                parts.append([])
            else:
                parts[-1].append(token)
        parts = [p for p in (_strip_connectors(part) for part in parts) if p]
        if label == "DATE":  # "4 July with 300": the part that is a date
            parts = [p for p in parts if any(t.lower_ in CALENDAR_WORDS for t in p)] or parts[:1]
        return parts

    def find(self, letter: Letter) -> Iterator[Flag]:
        starts = sentence_starts(letter.doc)
        for ent in letter.doc.ents:
            label = ENTITY_LABELS.get(ent.label_)
            if label is None:
                continue
            segment: list = []
            for token in [*ent, None]:
                if token is None or (token.is_space and not soft_break(letter.doc, token)):
                    yield from self._flag(segment, label, starts)
                    segment = []
                elif not token.is_space:
                    segment.append(token)

    def _flag(self, tokens: list, label: str, starts: list[bool]) -> Iterator[Flag]:
        while tokens and tokens[0].lower_ in LEADING:
            tokens.pop(0)
        while tokens and not any(c.isalnum() for c in tokens[-1].text):
            tokens.pop()
        if label in WORDY or label == "DATE":
            parts = self._split_at_ordinary_words(tokens, label)
            if len(parts) != 1 or parts[0] != tokens:
                for part in parts:
                    yield from self._flag(part, label, starts)
                return
        if not tokens or all(t.lower_ in IGNORED or not t.text[0].isalnum() for t in tokens):
            return
        if is_greeting(tokens[0].doc, tokens):
            return
        if label in ("NAME", "ORGANISATION") and not any(c.isalpha() for t in tokens for c in t.text):
            return  # "300 (guests)": a name has letters; a postcode ("682 001") may not
        if label == "DATE" and not _looks_like_a_date(tokens):
            return  # "the 8th floor", "twelve": bare numbers are the date patterns' to judge in context
        if label in WORDY and self._ordinary_lower_case(tokens):
            return  # "strength", "apheresis": lower-case words in a letter that capitalises its names
        if label in WORDY and self._plain_shout(tokens):
            return  # "KINDLY", "ODDLY EMPTY": ordinary words in a letter written in capitals
        first = tokens[0]
        single_word = len(tokens) == 1 and starts[first.i] and is_ordinary(first.text)
        if single_word and not CapitalsDetector.lone_name(first, first.doc):
            return  # "Hope you are well", "Mark my words": a sentence's first word, and a word
        yield Flag(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), label, "ner", 0.75)


def _strip_connectors(tokens: list) -> list:
    """Drop lower-case connectors left at a part's edges ("of" in "Moher of"), never a name ("Bin")."""

    def loose(token) -> bool:
        return token.lower_ in CONNECTORS and not token.text[:1].isupper()

    start, end = 0, len(tokens)
    while start < end and loose(tokens[start]):
        start += 1
    while end > start and loose(tokens[end - 1]):
        end -= 1
    return tokens[start:end]


YEAR = re.compile(r"^(1[89]|20)\d\d$")
NUMERIC_DATE = re.compile(r"\d[./-]\d")


def _looks_like_a_date(tokens: list) -> bool:
    """A date names a month or weekday, a year, or is written with separators ("3/14", "14.03.")."""
    return any(
        t.lower_ in CALENDAR_WORDS or YEAR.match(t.text) or NUMERIC_DATE.search(t.text) for t in tokens
    )


def _capitalises_some_names(doc) -> bool:
    cached = doc.user_data.get("redaction_capitalises_names")
    if cached is None:
        starts = sentence_starts(doc)
        cached = doc.user_data["redaction_capitalises_names"] = any(
            t.is_alpha and t.is_title and len(t) > 1 and not starts[t.i] for t in doc
        )
    return cached
