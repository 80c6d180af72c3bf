"""A name found once is a name everywhere in the same letter: "my wife Cordelia ... Cordelia says"."""

# ruff: noqa: RUF001  (letters use typographic apostrophes on purpose)

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from redaction import lexicon
from redaction.detectors.text import GENERIC, NAME_MODALS, is_lowercase_letter
from redaction.lexicon import GRAMMAR_WORDS, NOT_NAMES, TITLE_CUES, is_ordinary
from redaction.types import WORDY_LABELS, Flag, Letter

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SKIPPED = GRAMMAR_WORDS - NAME_MODALS
# "May I ask", "Will you write": a name-like word before a pronoun is the verb.
PRONOUN_AFTER = re.compile(
    r"\s+(?:i|you|we|he|she|they|it|god|this|that|the|your|our|his|her|their|all|every|each)\b", re.IGNORECASE
)


def repeated(flags: Iterable[Flag], letter: Letter) -> Iterator[Flag]:
    """Flag every other occurrence of the words of name, place and organisation flags.

    Words that are also ordinary English words repeat only in the same case (in a letter written without
    capitals, in any case), and not before a pronoun.
    """
    text = letter.text
    lowercase_letter = None
    seen: dict[str, str] = {}
    for flag in flags:
        if flag.label not in WORDY_LABELS:
            continue
        found = list(WORD.finditer(text, flag.start, flag.end))
        for m in found:
            word = m.group()
            lower = word.lower()
            if len(word) < 3 or lower in SKIPPED or lower in NOT_NAMES or lower in TITLE_CUES:
                continue
            first_name = flag.label == "NAME" and m is found[0] and lower in lexicon.given_names()
            if lower in GENERIC or (len(found) > 1 and is_ordinary(word) and not first_name):
                continue  # the "hospital" of "Grey Oaks Hospital" is no name elsewhere
            seen.setdefault(word, flag.label)
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for word, label in seen.items():
        ordinary = is_ordinary(word)
        if ordinary and lowercase_letter is None:
            lowercase_letter = is_lowercase_letter(letter.doc)
        if ordinary and not lowercase_letter:
            exact[word] = label
        else:
            folded.setdefault(word.lower(), label)
    for words, flags_ in ((exact, 0), (folded, re.IGNORECASE)):
        if not words:
            continue
        body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w'’-])(?:{body})(?![\w-])", text, flags_):
            word = m.group()
            label = words.get(word) or words.get(word.lower())
            if label is None:
                continue
            if is_ordinary(word) and PRONOUN_AFTER.match(text, m.end()):
                continue
            yield Flag(m.start(), m.end(), label, "repeat", 0.6)
