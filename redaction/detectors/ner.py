"""spaCy's named entities mapped to our labels."""

from __future__ import annotations

from collections.abc import Iterator

from redaction.detectors.words import GENERIC, is_greeting
from redaction.lexicon import GRAMMAR_WORDS, NOT_NAMES, TITLE_CUES
from redaction.pipeline import Flag, Letter

LABELS = {
    "PERSON": "NAME",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANISATION",
}
IGNORED = NOT_NAMES | GRAMMAR_WORDS | GENERIC
LEADING = frozenset({"the", "a", "an", "my", "our", "dear"}) | TITLE_CUES


class NerDetector:
    """People, places and organisations the statistical model recognises."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        for ent in letter.doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            segment: list = []
            for token in [*ent, None]:
                if token is None or token.is_space:
                    yield from self._flag(segment, label)
                    segment = []
                else:
                    segment.append(token)

    def _flag(self, tokens: list, label: str) -> Iterator[Flag]:
        while tokens and tokens[0].lower_ in LEADING:
            tokens.pop(0)
        while tokens and not any(c.isalnum() for c in tokens[-1].text):
            tokens.pop()
        if not tokens or all(t.lower_ in IGNORED or not t.text[0].isalnum() for t in tokens):
            return
        if is_greeting(tokens[0].doc, tokens):
            return
        yield Flag(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), label, "ner", 0.75)
