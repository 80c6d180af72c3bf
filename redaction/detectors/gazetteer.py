"""Lower-case towns the place list knows, after a preposition."""

from __future__ import annotations

from collections.abc import Iterator

from redaction import lexicon
from redaction.lexicon import NOT_IDENTIFYING, PLACE_PREPOSITIONS, is_ordinary
from redaction.types import Flag, Letter


class LowerCaseGazetteerDetector:
    """A lower-case town only the place list knows, after "in", "from", "near": "we live in kelowna".

    Without that cue the lists flag foreign words ("gracias", "sana") more often than places.
    """

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        for token in doc[1:]:
            text = token.text
            if (
                not token.is_alpha
                or not text.islower()
                or len(text) < 4
                or doc[token.i - 1].lower_ not in PLACE_PREPOSITIONS
            ):
                continue
            if is_ordinary(text) or text in NOT_IDENTIFYING:
                continue  # a frequent word only places are named ("moved to paris") stays in
            if text in lexicon.places():
                yield Flag(token.idx, token.idx + len(text), "LOCATION", "gazetteer", 0.5)
