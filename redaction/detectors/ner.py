"""spaCy's named entities mapped to our labels."""

from __future__ import annotations

from collections.abc import Iterator

from redaction.detectors.capitals import CapitalsDetector
from redaction.detectors.text import ENTITY_LABELS, GENERIC, is_greeting, sentence_starts, soft_break
from redaction.lexicon import GRAMMAR_WORDS, NOT_NAMES, TITLE_CUES, is_ordinary
from redaction.types import Flag, Letter

IGNORED = NOT_NAMES | GRAMMAR_WORDS | GENERIC
LEADING = frozenset({"the", "a", "an", "my", "our", "dear"}) | TITLE_CUES


class NerDetector:
    """People, places and organisations the statistical model recognises."""

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
        if not tokens or all(t.lower_ in IGNORED or not t.text[0].isalnum() for t in tokens):
            return
        if is_greeting(tokens[0].doc, tokens):
            return
        first = tokens[0]
        single_word = len(tokens) == 1 and starts[first.i] and is_ordinary(first.text)
        if single_word and not CapitalsDetector.lone_name(first, first.doc):
            return  # "Hope you are well", "Mark my words": a sentence's first word, and a word
        yield Flag(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), label, "ner", 0.75)
