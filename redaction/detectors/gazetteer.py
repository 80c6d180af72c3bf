"""Lower-case towns the place list knows, after a preposition; in letters written in one case (all lower or
all capitals) also towns that are words after "live in", rivers after "swim in the", and a province's or a
state's code after a town."""

# ruff: noqa: RUF001  (letters use typographic apostrophes on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction import lexicon
from redaction.detectors.text import is_lowercase_letter, is_uppercase_letter
from redaction.lexicon import (
    CLOSED_WORDS,
    GRAMMAR_WORDS,
    NOT_IDENTIFYING,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    is_ordinary,
    words,
)
from redaction.types import Flag, Letter

# The codes of US states and Canadian provinces and territories as addresses write them.
REGION_CODES = frozenset(
    words(
        """
    al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh
    ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc
    ab bc mb nb nl ns nt nu on pe qc qué sk yt
    """
    )
)
# What may follow a region's code that is also a word ("in boise, id with my husband"): the clause goes
# on, it does not read "he is on the mend" or "in bath, me and my wife".
_AFTER_CODE = (
    r"(?=[ \t]*(?:$|[.,;:!?)\n]|(?:with|where|which|since|now|near|for|but|so|area|usa|u\.s\.a?|canada)\b))"
)
# A comma and a region's code; the town before it is read from the words before the comma.
REGION_CODE = re.compile(rf",[ \t]*([a-zé]{{2,3}})\b{_AFTER_CODE}", re.IGNORECASE | re.MULTILINE)
# Up to four words right before the comma: the town and what leads to it.
WORDS_BEFORE = re.compile(r"(?<![\w'’-])(?:[^\W\d_][\w'’-]*[ \t]+){0,3}[^\W\d_][\w'’-]*$")
# Where one lives, works or grew up: the town after it may be an ordinary word ("we live in reading").
HOME_TOWN = re.compile(
    r"\b(?:live[sd]?|living|work(?:s|ed|ing)?|moved|moving|move|grew[ \t]+up|grow(?:ing)?[ \t]+up|raised|"
    r"born|based|settled|stationed)[ \t]+(?:in|to|near|outside)[ \t]+([^\W\d_][\w'’-]*)"
    r"(?=[ \t]*(?:$|[.,;:!?)\n]|(?:and|with|where|which|since|now|for|but|so|as|when|until|all|most|for|"
    r"these|nowadays|anymore|today|then|ever|too|again|till|because|before|after)\b))",
    re.IGNORECASE | re.MULTILINE,
)
# What one lives, works or grows up in that is no town, though the place list holds a town of the name.
NOT_TOWNS = frozenset(
    words(
        """
    hope fear sales sale media retail care finance marketing love peace luck debt poverty comfort luxury
    denial time progress justice success business education health healthcare hospitality construction
    insurance banking law government politics mining farming fashion music film television radio science
    research engineering sport sports theatre transport logistics admin accounts tech design publishing
    paradise heaven power mission union reserve wedding holiday tour style harmony silence secret private
    town city country countryside village suburbs state states abroad
    """
    )
)
# Where one swims, fishes or walks: a river or a lake named after "the" ("we swim in the wye").
WATER = re.compile(
    r"\b(?:swim(?:s|ming)?|swam|bathe[ds]?|bathing|fish(?:es|ed|ing)?|paddl(?:e|es|ed|ing)|row(?:s|ed|ing)?|"
    r"kayak(?:s|ed|ing)?|canoe(?:s|d|ing)?|sail(?:s|ed|ing)?|punt(?:s|ed|ing)?|walk(?:s|ed|ing)?|"
    r"stroll(?:s|ed|ing)?|cycl(?:e|es|ed|ing)|skat(?:e|es|ed|ing))[ \t]+(?:in|on|along|by|beside|down|up|"
    r"across|over|around|round)[ \t]+the[ \t]+([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
# Water and ground one swims in or walks along that names no river: "swim in the sea", "walk along the prom".
NOT_RIVERS = PLACE_WORDS | frozenset(
    words(
        """
    canal canals sea seas ocean pool pools lido baths bath pond ponds stream streams brook loch reservoir dam
    marina pier dunes woods wood shore shoreline sand sands surf waves wave shallows rapids water waters mud
    snow ice boardwalk esplanade promenade prom seafront seaside front quay docks dock wharf embankment
    towpath path paths fields field meadows lanes streets moors tide rain sun dark evening morning night
    afternoon mornings evenings nights weekends summer winter spring autumn fall heat cold rest way sunshine
    local same other whole big old new little small deep shallow cold warm open hospital garden gardens yard
    back dog dogs kids children grounds corridor corridors halls hall ward wards grass hills valley fjords
    bank banks river rivers lake lakes estuary harbour harbor bay coast beach beaches cliffs creek falls
    """
    )
)
_CONTEXT_BEFORE_TOWN = frozenset(PLACE_PREPOSITIONS | {"of", "near", "outside"})


def _one_case(letter: Letter) -> bool:
    return is_uppercase_letter(letter.text) or is_lowercase_letter(letter.doc)


class LowerCaseGazetteerDetector:
    """A lower-case town only the place list knows, after "in", "from", "near": "we live in kelowna"; in a
    letter written in one case also the places only the words around them tell.

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
        if _one_case(letter):
            yield from self._regions(letter.text)
            yield from self._home_towns(letter.text)
            yield from self._waters(letter.text)

    @staticmethod
    def _regions(text: str) -> Iterator[Flag]:
        """'in hamilton, on', 'IN BOISE, ID': a province's or a state's code after a town the place list
        knows, or after a word a place preposition leads to, and a comma."""
        for m in REGION_CODE.finditer(text):
            code = m.group(1).lower()
            before = WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
            if code not in REGION_CODES or before is None:
                continue
            run = before.group().lower().split()
            # the town: its last one to three words the list knows, or words a preposition leads to
            known = any(" ".join(run[k:]) in lexicon.places() for k in range(max(0, len(run) - 3), len(run)))
            in_place = any(
                run[k - 1] in _CONTEXT_BEFORE_TOWN and not any(w in GRAMMAR_WORDS for w in run[k:])
                for k in range(1, len(run))
            )
            if code in lexicon.common_words() or is_ordinary(code):
                # "the day was nice, ok." is no town in Oklahoma: a frequent word is a town only after
                # a place preposition
                known = known and run[-1] not in lexicon.common_words()
            if (known and run[-1] not in GRAMMAR_WORDS and run[-1] not in CLOSED_WORDS) or in_place:
                yield Flag(m.start(1), m.end(1), "LOCATION", "gazetteer", 0.5)

    @staticmethod
    def _home_towns(text: str) -> Iterator[Flag]:
        """'i work in bath', 'WE LIVE IN READING': a town the place list knows that is also an ordinary
        word, where one lives or works, before the clause ends; not "i live in hope", "work in sales"."""
        for m in HOME_TOWN.finditer(text):
            word = m.group(1).lower()
            if (
                word in lexicon.places()
                and len(word) >= 3
                and word not in GRAMMAR_WORDS
                and word not in CLOSED_WORDS
                and word not in NOT_TOWNS
                and word not in NOT_RIVERS
            ):
                yield Flag(m.start(1), m.end(1), "LOCATION", "gazetteer", 0.5)

    @staticmethod
    def _waters(text: str) -> Iterator[Flag]:
        """'we swim in the wye', 'FISH ON THE TWEED': a river or lake after where one swims, fishes or
        walks, when it is no frequent word and no water or ground that names none ("the sea", "the prom")."""
        for m in WATER.finditer(text):
            word = m.group(1).lower()
            if (
                len(word) >= 3
                and word not in GRAMMAR_WORDS
                and word not in NOT_RIVERS
                and word not in NOT_IDENTIFYING
                and word not in CLOSED_WORDS
                and (word not in lexicon.common_words() or word in lexicon.places())
                and not word.endswith(("ing", "ly"))
            ):
                end = m.end(1)
                after = re.match(r"[ \t]+(river|water|estuary|lake)\b", text[end:], re.IGNORECASE)
                if after:
                    end += after.end()
                yield Flag(m.start(1), end, "LOCATION", "gazetteer", 0.5)
