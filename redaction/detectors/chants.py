"""Teams in fans' chants and talk, and places in quoted nicknames: names that are ordinary words."""

# ruff: noqa: RUF001  (letters use typographic apostrophes and quotes on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction import lexicon
from redaction.detectors.text import is_lowercase_letter
from redaction.lexicon import GRAMMAR_WORDS, NOT_IDENTIFYING, SPORT_WORDS, is_ordinary, words
from redaction.types import Flag, Letter

# One to three words of a team's name, up to the punctuation that ends the chant.
_TEAM = r"((?:[^\W\d_][\w'’.-]*)(?:[ \t]+[^\W\d_][\w'’.-]*){0,2})"
# Cheers no ordinary sentence opens with: what follows is the team ("Forza Roma", "Hook 'em Horns").
STRONG_CHEER = re.compile(
    rf"\b(?:forza|allez(?:[ \t]+les)?|hook[ \t]+['’]?em|vamos|aupa|geaux|come[ \t]+on[ \t]+you(?:[ \t]+the)?)"
    rf"[ \t]+{_TEAM}",
    re.IGNORECASE,
)
# Cheers that are also ordinary phrases ("go home", "up the hill"): only before an exclamation mark.
WEAK_CHEER = re.compile(
    rf"\b(?:go|let['’]?s[ \t]+go|up[ \t]+the|come[ \t]+on(?:[ \t]+the)?|c['’]?mon(?:[ \t]+the)?)[ \t]+{_TEAM}"
    r"[ \t]*!",
    re.IGNORECASE,
)
# Devotion after the name: "Northvale forever", "Dockers till I die".
DEVOTION = re.compile(
    rf"(?:^|(?<=[.!?…\n\"“(])[ \t]*|\band[ \t]+){_TEAM}[ \t]+"
    r"(?:forever|for[ \t]+ever|till[ \t]+i[ \t]+die|til[ \t]+i[ \t]+die|['’]til[ \t]+i[ \t]+die|"
    r"until[ \t]+i[ \t]+die|for[ \t]+life|through[ \t]+and[ \t]+through)\b[ \t]*[,.!;]",
    re.IGNORECASE | re.MULTILINE,
)
# Sport talked as a topic, without a preposition: "we talked harbour hawks for hours".
TALK = re.compile(r"\b(?:talk|talked|talking)[ \t]+([a-z][\w'’-]*(?:[ \t]+[a-z][\w'’-]*)?s)\b")
# Words after "talked" that start no team: "talked about", "talked to them".
TALK_LINKS = frozenset(
    words(
        """
    about to with through over of for into onto on in at from by like till until after before back out up
    down away it him her them me us you this that these those some any his their our your my its such
    """
    )
)
# What fans chant or talk about that names no team.
NOT_TEAMS = frozenset(
    words(
        """
    home away back well ahead on out now there here team teams guys girls boys lads kids everyone everybody
    people friends family love thanks thank grateful yours together always blessed changed mine best hugs
    sisters brothers us you we me them him her it hope faith god bless games matches highlights sports
    results replays scores goals finals players others ones things movies films shows cartoons news videos
    series episodes birds stars politics tactics economics ethics genetics logistics statistics stats basics
    """
    )
)
# Words teams put before a mascot: "the golden bears", "the fighting irish".
TEAM_ADJECTIVES = frozenset(
    words("black white red blue green golden silver purple maroon crimson royal fighting flying mighty")
)
# A team after what fans do: "watching the hornets", "cheering for the golden bears", "follows the owls".
FOLLOW = re.compile(
    r"\b(?:watch(?:es|ed|ing)?|support(?:s|ed|ing)?|cheer(?:s|ed|ing)?[ \t]+(?:for|on)|"
    r"root(?:s|ed|ing)?[ \t]+(?:for|on)|follow(?:s|ed|ing)?)[ \t]+the[ \t]+"
    r"([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)",
    re.IGNORECASE,
)
# What a team does after "watching the X": "lose", "win", "play".
PLAYED = re.compile(r"[ \t]+(?:lose|win|play|draw|score)\b", re.IGNORECASE)
# A team as the subject of a result: "the hornets won the cup", "the owls are winning this year".
RESULT = re.compile(
    r"\bthe[ \t]+([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)[ \t]+(?:won|lost|beat|drew|"
    r"(?:are|were)[ \t]+(?:winning|losing|top|bottom|playing)|went[ \t]+down|going[ \t]+down|"
    r"got[ \t]+(?:relegated|promoted))\b",
    re.IGNORECASE,
)
# A quoted nickname right after a place: 'greetings from Lakeshire, "the garden of the north"!'.
PLACE_NICKNAME = re.compile(
    r"([A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)?),?[ \t]+[\"“„«]([^\"“”„«»\n]{3,60})[\"”»]"
)


def _sport_near(text: str, start: int, end: int) -> bool:
    """Whether sport is talked about within a few lines of a span."""
    window = text[max(0, start - 300) : end + 300].lower()
    return any(word in SPORT_WORDS for word in re.findall(r"[a-z]+", window))


def _team_words(name: str) -> list[str]:
    """The words of a chanted name, without the function words that end it ("Go Lions and")."""
    parts = name.split()
    while parts and parts[-1].lower() in GRAMMAR_WORDS:
        parts.pop()
    return parts


class ChantDetector:
    """Teams in fans' chants ("Forza X", "Go X!", "X till I die") and in sport talk ("we talked X")."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        no_capitals = is_lowercase_letter(letter.doc)
        for pattern in (STRONG_CHEER, WEAK_CHEER, DEVOTION):
            for m in pattern.finditer(text):
                parts = _team_words(m.group(1))
                strong = pattern is STRONG_CHEER
                if not parts or not self._team(parts, text, m.start(1), m.end(1), no_capitals, strong):
                    continue
                last = list(re.finditer(r"\S+", m.group(1)))[len(parts) - 1]
                yield Flag(m.start(1), m.start(1) + last.end(), "ORGANISATION", "context", 0.6)
        for m in TALK.finditer(text):
            parts = m.group(1).split()
            if (
                parts[-1].lower() in NOT_TEAMS
                or parts[0].lower() in NOT_TEAMS
                or parts[0].lower() in TALK_LINKS
                or len(parts[-1]) < 4
                or not _sport_near(text, m.start(1), m.end(1))
            ):
                continue
            yield Flag(m.start(1), m.end(1), "ORGANISATION", "context", 0.5)
        for pattern in (FOLLOW, RESULT):
            for m in pattern.finditer(text):
                start = m.start(1)
                end = start + self._followed_team(m.group(1), pattern is RESULT)
                parts = text[start:end].split()
                if not parts or not (no_capitals or parts[0][0].isupper() or text[start:end].isupper()):
                    continue
                # "watching the hornets lose" is about sport even where nothing else is
                if PLAYED.match(text, end) or _sport_near(text, start, end):
                    yield Flag(start, end, "ORGANISATION", "context", 0.5)

    @staticmethod
    def _followed_team(words_: str, whole: bool) -> int:
        """How much of the words after "watching the" (or before "won") is a team: a plural ("hornets"), an
        adjective and a plural ("golden bears"), or a word no English list has ("bluebirdz"); 0 if none."""
        parts = words_.split()
        lowered = [p.lower() for p in parts]
        if len(parts) == 2 and lowered[0] in TEAM_ADJECTIVES and lowered[1].endswith("s"):
            return len(words_)
        if whole and len(parts) == 2:
            return 0  # "the kids next door won": only a one-word subject
        first = lowered[0]
        if first in NOT_TEAMS or first in GRAMMAR_WORDS or first in NOT_IDENTIFYING or len(first) < 4:
            return 0
        if (first.endswith("s") and not first.endswith("ss")) or not is_ordinary(first):
            return len(parts[0])
        return 0

    @staticmethod
    def _team(parts: list[str], text: str, start: int, end: int, no_capitals: bool, strong: bool) -> bool:
        """Whether chanted words are a team: capitalised where the writer uses capitals, never a word that
        names nobody, and, when all are ordinary words after a cheer that is also a phrase, said among
        talk of sport."""
        lowered = [p.lower().strip("'’.") for p in parts]
        if lowered[0] in GRAMMAR_WORDS or any(w in NOT_TEAMS or w in NOT_IDENTIFYING for w in lowered):
            return False
        shouted = all(p.isupper() for p in parts)
        if not (no_capitals or shouted) and not parts[0][0].isupper():
            return False
        if not strong and all(is_ordinary(p) for p in parts):
            return _sport_near(text, start, end)
        return True


class PlaceNicknameDetector:
    """A place's quoted nickname right after its name: 'from Lakeshire, "the garden of the north"'."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        for m in PLACE_NICKNAME.finditer(text):
            if self._place(letter, m.start(1), m.end(1)) and len(m.group(2).split()) <= 6:
                yield Flag(m.start(2), m.end(2), "LOCATION", "context", 0.6)

    @staticmethod
    def _place(letter: Letter, start: int, end: int) -> bool:
        """Whether words name a place: the place list or spaCy says so, or "from", "in" or "near" precede."""
        name = letter.text[start:end]
        if name.lower() in lexicon.places() and not is_ordinary(name):
            return True
        span = letter.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        if any(t.ent_type_ in ("GPE", "LOC") for t in span):
            return True
        before = letter.doc[span.start - 1].lower_ if span.start > 0 else ""
        return before in ("from", "in", "near") and not is_ordinary(name)
