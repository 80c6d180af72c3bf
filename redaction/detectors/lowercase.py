"""Letters written without capitals ("hi im tam, i live in salina kansas"), where capitals say nothing.

Such a letter is read again with its unknown words capitalised, so NER and the capitals rule see what a
careful writer would have written; unknown words, names after a preposition or a cheer, and
"<words> hospital" phrases are flagged besides.
"""

# ruff: noqa: RUF001  (letters use typographic apostrophes on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from redaction import lexicon
from redaction.detectors.capitals import CapitalsDetector
from redaction.detectors.chants import TEAM_ADJECTIVES
from redaction.detectors.cues import CueDetector
from redaction.detectors.ner import NerDetector
from redaction.detectors.text import (
    CONNECTORS,
    SLANG,
    is_lowercase_letter,
    is_uppercase_letter,
    sentence_starts,
)
from redaction.lexicon import (
    GRAMMAR_WORDS,
    NOT_IDENTIFYING,
    ORG_AND_PLACE_WORDS,
    ORG_WORDS,
    PET_CUES,
    PLACE_PREPOSITIONS,
    RELATION_CUES,
    is_ordinary,
    words,
)
from redaction.model import nlp
from redaction.types import Flag, Letter

SPORT_AFTER = frozenset(
    {
        "game",
        "games",
        "match",
        "matches",
        "fan",
        "fans",
        "supporter",
        "supporters",
        "household",
        "jersey",
        "season",
    }
)
# Landforms and roads a place is named by ("maple county", "copper ridge"), and the prepositions that lead
# to a place's name ("up", "on", "to").
LANDFORMS = frozenset(
    words(
        """
    mountain mountains hill hills county lake river bay beach island valley forest falls creek canyon ridge
    peak downs glacier cove gorge moor fjord head heath drive
    """
    )
)
NAMING_PREPOSITIONS = PLACE_PREPOSITIONS | {"up", "on", "over", "across", "of"}
# A registry, charity or group one joins: its name runs to the next "at", "in", "after" or stop.
_BODY_ENDS = (
    r"at|in|on|after|when|while|since|back|because|and|but|so|as|last|two|three|four|five|years|months|weeks|"
    r"ages|once"
)
JOINED = re.compile(
    r"\b(?:signed[ \t]+up[ \t]+(?:with|for|to)|registered[ \t]+(?:with|for)|enrolled[ \t]+with|joined)"
    rf"[ \t]+((?:[a-z][\w'’&-]*)(?:[ \t]+(?!(?:{_BODY_ENDS})\b)[a-z][\w'’&-]*){{0,4}})"
    rf"(?=[ \t]*(?:[,.;:!?()]|\b(?:{_BODY_ENDS})\b))"
)
NOT_A_BODY_START = frozenset(
    words(
        """
    a an my our your his her their them us him it this that these those some up in on to me you everyone
    everybody loads lots hundreds thousands the
    """
    )
)
# Bodies named by one generic word are no one's in particular: "joined the register", "joined a gym".
GENERIC_BODIES = frozenset(
    words(
        """
    register registry list database drive choir team club army navy gym church union group queue programme
    program scheme panel family crew class course trial study
    """
    )
)
# A sports club's letters before its town, without capitals: "1. fc hollerbach", "tsv obermoos".
LOWER_CLUB = re.compile(
    r"(?<!\w)(?:\d\.[ \t]?)?(?:fc|afc|sv|tsv|vfb|vfl|spvgg|fk|nk|gks)[ \t]+[a-zäöüßà-ÿ][\w-]{2,40}"
)
# A family by its name in the plural, where it lives: "the kowalczyks next door".
FAMILY_NEXT_DOOR = re.compile(
    r"\bthe[ \t]+([a-z][\w'’-]{2,30}s)[ \t]+(?:next[ \t]+door|across[ \t]+the[ \t]+(?:road|street|hall|way)|"
    r"down[ \t]+the[ \t]+(?:road|street|lane)|upstairs|downstairs|over[ \t]+the[ \t]+road)\b"
)
CHEER = re.compile(r"\bgo\s+(?:the\s+)?([a-z][\w'-]+)\s*(?:!|go\b)", re.IGNORECASE)
SUPPORT = re.compile(
    r"\b(?:watch|support|cheer for|root for|fan of|supporter of|like|love)\s+(?:the\s+)?([a-z][\w'-]+s)\b"
)

# A club by its club word after what fans do: "supports cardiff city", "we love watching united".
CLUB_WORDS = (
    r"united|city|athletic|rovers|wanderers|rangers|albion|county|town|villa|celtic|thistle|hotspur|dynamo"
)
FOLLOWED_CLUB = re.compile(
    r"\b(?:support(?:s|ed|ing)?|watch(?:es|ed|ing)?|follow(?:s|ed|ing)?|cheer(?:s|ed|ing)?[ \t]+(?:for|on)|"
    r"fan[ \t]+of|supporter[ \t]+of)[ \t]+(?:the[ \t]+)?"
    rf"((?:[a-z][\w'’-]+[ \t]+)?(?:{CLUB_WORDS}))\b"
    r"(?=[ \t]*(?:$|[.,;:!?)\n]|(?:and|but|on|at|every|this|since|so|because|when|like|with|all|in|for)\b))"
)
# What fans do, before the team they do it for: a body's name never runs back over it.
FAN_VERBS = frozenset(
    words("support supports supported supporting watch watches watched watching follow follows following")
)

# Frequent words the ordinary-word list lacks that are neither names nor places in a letter.
NOT_PROPER = frozenset({"centre", "held", "hang", "inc", "pre"})


def unknown(token: Token) -> bool:
    """A lower-case word no English list knows: a name, a place or a typo; or a frequent word that is only
    ever a name or a place ("paris", "texas", "david")."""
    word = token.text
    return (
        token.is_alpha
        and word.islower()
        and len(word) >= 2
        and word not in GRAMMAR_WORDS
        and word not in NOT_IDENTIFYING
        and word not in PET_CUES  # "our cockapoo", "a ragdoll": what a pet is
        and word not in SLANG
        and (word not in lexicon.common_words() or _proper_only(word))
        and word not in lexicon.foreign_words()
        and not is_ordinary(word)
        and not re.search(r"(.)\1\1", word)  # "sooo", "yesss"
        and not _misspelt_or_compound(word)
    )


def _proper_only(word: str) -> bool:
    """A frequent word no English list has but the name or place lists do: "paris", "david"."""
    return (
        len(word) >= 4
        and word not in NOT_PROPER
        and (word in lexicon.places() or word in lexicon.given_names())
        and not is_ordinary(word)
    )


def _misspelt_or_compound(word: str) -> bool:
    """'evry', 'sophmore', 'lukemia' are words misspelt, 'checkup' and 'autocorrect' two words run together;
    names and places the lists know are neither."""
    if not 4 <= len(word) <= 30 or word in lexicon.given_names() or word in lexicon.places():
        return False
    known = lexicon.ordinary_words()
    if any(word[:i] in known and word[i:] in known for i in range(3, len(word) - 2)):
        return True
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1] + [
        a + c + b for a, b in splits for c in letters
    ]
    if len(word) >= 5:  # a short word is one letter from many others: "dkms" is no misspelt "dams"
        edits += [a + b[1:] for a, b in splits if b] + [
            a + c + b[1:] for a, b in splits if b for c in letters
        ]
    return any(edit in known for edit in edits if len(edit) >= 4)


# Words that join a body's name before its head word: "heart and lung centre", "women's and children's
# hospital", "sisters of mercy hospital".
NAME_JOINERS = frozenset({"and", "&", "of"})
# Words that open such a name: "at heart and lung centre", "the women's and children's hospital".
BODY_OPENERS = frozenset(words("at the from to in into of with for by near outside joined"))


def _possessive(token: Token) -> bool:
    """A possessive ending split from its word: "women" "'s"."""
    return token.lower_ in ("'s", "’s", "'", "’") and token.i > 0 and not _space_before(token)


def _space_before(token: Token) -> bool:
    return token.i == 0 or bool(token.doc[token.i - 1].whitespace_)


def _joins_name(doc: Doc, k: int, words: list[Token]) -> bool:
    """Whether `doc[k]` belongs to the name of a body whose later words are `words` ("lung centre"): a word
    no grammar list holds, a possessive ending, or "and"/"of" between two such words, never after a
    relative ("my mum and dad's hospital") or an everyday word ("lots of medical centre visits")."""
    previous = doc[k]
    if previous.lower_ in FAN_VERBS:
        return False  # "my son supports rovers" is "rovers"
    if _possessive(previous):
        return True
    if previous.lower_ in NAME_JOINERS:
        if not words or k == 0 or words[0].lower_ in NAME_JOINERS:
            return False
        before = doc[k - 1]
        if _possessive(before):
            before = doc[k - 2] if k >= 2 else before
        if not before.is_alpha or before.lower_ in GRAMMAR_WORDS:
            return False
        if before.lower_ in RELATION_CUES and not _possessive(doc[k - 1]):
            return False  # "children's and women's hospital" goes on
        if previous.lower_ == "of":
            return before.lower_ in ORG_AND_PLACE_WORDS  # "sisters of mercy", not "the logo of ..."
        return True
    return (
        previous.is_alpha or previous.like_num or previous.text == "-"
    ) and previous.lower_ not in GRAMMAR_WORDS


def _capitalise(text: str, start: int, end: int, chars: list[str]) -> None:
    upper = text[start].upper()
    if len(upper) == 1:  # keep offsets: "ß".upper() is two letters
        chars[start] = upper


class LowerCaseLetterDetector:
    """Names, places and organisations in letters written in lower case."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        if not is_lowercase_letter(doc):
            return
        text = letter.text
        chars = list(text)
        starts = sentence_starts(doc)
        for token in doc:
            if unknown(token) or (starts[token.i] and token.is_alpha):
                _capitalise(text, token.idx, token.idx + len(token), chars)
            elif token.lower_ in ORG_AND_PLACE_WORDS and token.i > 0 and unknown(doc[token.i - 1]):
                _capitalise(text, token.idx, token.idx + len(token), chars)  # "salina city", "nebraska state"
        cased_text = "".join(chars)
        cased = Letter(text=cased_text, doc=nlp()(cased_text), known=letter.known)
        for detector in (NerDetector(), CapitalsDetector()):
            for flag in detector.find(cased):
                yield Flag(flag.start, flag.end, flag.label, "lowercase", min(flag.confidence, 0.6))
        for token in doc:
            if unknown(token):
                label = "LOCATION" if token.text in lexicon.places() else "NAME"
                yield Flag(token.idx, token.idx + len(token), label, "lowercase", 0.5)
        yield from self._after_prepositions(doc)
        yield from self._phrases(doc)
        yield from self._sports(text, doc)
        yield from self._bodies(text)

    @staticmethod
    def _after_prepositions(doc: Doc) -> Iterator[Flag]:
        """'at willowmere', 'from arcadia': a word no frequent-word list has, after a preposition."""
        for token in doc[1:]:
            before = doc[token.i - 1]
            word = token.text
            if (
                before.lower_ in PLACE_PREPOSITIONS
                and token.is_alpha
                and word.islower()
                and len(word) >= 4
                and word not in lexicon.common_words()
                and word not in GRAMMAR_WORDS
                and not word.endswith(("ing", "ed", "ly"))
            ):
                yield Flag(token.idx, token.idx + len(word), "LOCATION", "lowercase", 0.4)

    @staticmethod
    def _phrases(doc: Doc) -> Iterator[Flag]:
        """'the hospital is grey oaks medical center': words before an organisation or place word."""
        for token in doc:
            if token.lower_ not in ORG_AND_PLACE_WORDS or not token.text.islower():
                continue
            k = token.i - 1
            words: list[Token] = []
            while k >= 0 and len(words) < 9:
                previous = doc[k]
                if not _joins_name(doc, k, words):
                    break
                words.insert(0, previous)
                k -= 1
            joined = any(w.lower_ in NAME_JOINERS or _possessive(w) for w in words)
            if joined and not (k >= 0 and doc[k].lower_ in BODY_OPENERS):
                # only a name that a preposition or "the" opens runs over "and", "of" and possessives
                # ("at heart and lung centre"); else it starts after the last ("he is 8 now and plays
                # little league", "my aunt's bakery")
                while any(w.lower_ in NAME_JOINERS or _possessive(w) for w in words):
                    words.pop(0)
                    k += 1
            while words and (words[0].lower_ in NAME_JOINERS or _possessive(words[0])):
                words.pop(0)  # "... of heart and lung centre" starts at "heart"
                k += 1
            content = [
                w for w in words if w.text != "-" and w.lower_ not in NAME_JOINERS and not _possessive(w)
            ]
            rare = any(w.lower_ not in lexicon.common_words() or w.like_num for w in content)
            # "irish blood service", "the coast guard": two words before, or one after "the"
            named = len(content) >= 2 or (
                len(content) == 1
                and k >= 0
                and doc[k].lower_ == "the"
                and token.lower_ not in ("hospital", "school")
            )
            # "over maple ridge", "in sugar county": one word between a preposition and a landform
            named = named or (
                len(content) == 1
                and k >= 0
                and doc[k].lower_ in NAMING_PREPOSITIONS
                and token.lower_ in LANDFORMS
                and not content[0].like_num
            )
            if content and (rare or named):
                label = "ORGANISATION" if token.lower_ in ORG_WORDS else "LOCATION"
                yield Flag(words[0].idx, token.idx + len(token), label, "lowercase", 0.5)
            yield from LowerCaseLetterDetector._after_generic(doc, token)
            if (
                token.lower_ in ("mount", "lake", "river", "camp", "fort", "cape", "isle", "saint")
                and token.i + 1 < len(doc)
                and doc[token.i + 1].is_alpha
            ):
                nxt = doc[token.i + 1]
                if nxt.lower_ not in GRAMMAR_WORDS:
                    yield Flag(token.idx, nxt.idx + len(nxt), "LOCATION", "lowercase", 0.5)

    @staticmethod
    def _after_generic(doc: Doc, token: Token) -> Iterator[Flag]:
        """'hospital san jose', 'falls of clyde', 'ward c7': an organisation or place word, its name."""
        words: list[Token] = []
        for nxt in doc[token.i + 1 : token.i + 6]:
            if nxt.lower_ in CONNECTORS and nxt.lower_ not in ("and", "the", "a", "i"):
                words.append(nxt)
            elif (
                nxt.is_alpha or any(c.isdigit() for c in nxt.text)
            ) and nxt.lower_ not in lexicon.common_words():
                if nxt.lower_ in GRAMMAR_WORDS:
                    break
                words.append(nxt)
            else:
                break
        while words and words[-1].lower_ in CONNECTORS:
            words.pop()
        if words:
            label = "ORGANISATION" if token.lower_ in ORG_WORDS else "LOCATION"
            yield Flag(token.idx, words[-1].idx + len(words[-1]), label, "lowercase", 0.5)

    @staticmethod
    def _bodies(text: str) -> Iterator[Flag]:
        """'registered with hope link after', '1. fc hollerbach', 'the kowalczyks next door'."""
        for m in JOINED.finditer(text):
            words_ = m.group(1).split()
            if (
                words_[0] in NOT_A_BODY_START
                or all(w in lexicon.common_words() and w in GENERIC_BODIES for w in words_)
                or any(w in NOT_IDENTIFYING for w in words_)
            ):
                continue
            yield Flag(m.start(1), m.end(1), "ORGANISATION", "lowercase", 0.5)
        for m in LOWER_CLUB.finditer(text):
            yield Flag(m.start(), m.end(), "ORGANISATION", "lowercase", 0.6)
        for m in FAMILY_NEXT_DOOR.finditer(text):
            word = m.group(1)
            if word not in lexicon.common_words() and word.rstrip("s") not in lexicon.common_words():
                yield Flag(m.start(1), m.end(1), "NAME", "lowercase", 0.5)

    @staticmethod
    def _sports(text: str, doc: Doc) -> Iterator[Flag]:
        """'go sharks!', 'rams games', 'watch the jets': a team."""
        for pattern in (CHEER, SUPPORT):
            for m in pattern.finditer(text):
                if m.group(1).lower() not in GRAMMAR_WORDS and not m.group(1).lower().startswith("go"):
                    yield Flag(m.start(1), m.end(1), "ORGANISATION", "lowercase", 0.5)
        for m in FOLLOWED_CLUB.finditer(text):
            parts = m.group(1).split()
            if parts[0] in GRAMMAR_WORDS:
                continue  # "watching our town"
            start = m.start(1)
            if len(parts) == 2 and parts[0] in lexicon.common_words():
                start = m.end(1) - len(parts[1])  # "watching big city" names "city" at most
            yield Flag(start, m.end(1), "ORGANISATION", "lowercase", 0.5)
        for token in doc[1:]:
            before = doc[token.i - 1]
            team_like = before.lower_.endswith("s") or not is_ordinary(before.text)
            if (
                token.lower_ in SPORT_AFTER
                and before.is_alpha
                and before.lower_ not in GRAMMAR_WORDS
                and team_like
            ):
                first = before
                if before.i > 0 and doc[before.i - 1].lower_ in TEAM_ADJECTIVES:
                    first = doc[before.i - 1]  # "a golden bears season ticket"
                yield Flag(first.idx, before.idx + len(before), "ORGANISATION", "lowercase", 0.5)


def lower_case(text: str) -> str:
    """The text lower-cased character by character, so every offset stays where it was."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


class UpperCaseLetterDetector:
    """Letters written in capitals, where capitals say nothing: read again in lower case, as a letter
    written without capitals, by the model and the rules that know such letters."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        if not is_uppercase_letter(letter.text):
            return
        text = lower_case(letter.text)
        lowered = Letter(text=text, doc=nlp()(text), known=letter.known)
        for detector in (LowerCaseLetterDetector(), CueDetector(), NerDetector()):
            for flag in detector.find(lowered):
                yield Flag(flag.start, flag.end, flag.label, "uppercase", min(flag.confidence, 0.6))
