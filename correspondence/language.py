"""Offline language detection of letters, with lingua: which language a letter is written in.

The detector knows a bounded set of languages (those of the registries in the policy seed and the
most common others), which keeps a worker's memory low: with every model of the set loaded it adds
about 105 MB to a worker (205 MB with spaCy loaded, 310 MB with both; the whole of lingua's 75
languages would take about 160 MB). High-accuracy mode stays on: low-accuracy mode saved
almost nothing here. The detector is built lazily, once per process, never at import
(`correspondence.warmup` builds it as a web or worker process starts).
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import Language, LanguageDetector

# lingua's names (lingua.Language members). Letters in other languages come out as the nearest one
# or, more often, as "" (unsure); either way a caseworker reads every letter.
LANGUAGES = (
    "ARABIC",
    "ARMENIAN",
    "BOKMAL",
    "CATALAN",
    "CHINESE",
    "CROATIAN",
    "CZECH",
    "DANISH",
    "DUTCH",
    "ENGLISH",
    "FINNISH",
    "FRENCH",
    "GERMAN",
    "GREEK",
    "HEBREW",
    "HINDI",
    "HUNGARIAN",
    "ITALIAN",
    "JAPANESE",
    "KOREAN",
    "POLISH",
    "PORTUGUESE",
    "ROMANIAN",
    "RUSSIAN",
    "SLOVAK",
    "SLOVENE",
    "SPANISH",
    "SWEDISH",
    "THAI",
    "TURKISH",
    "UKRAINIAN",
)

# Below these the answer is "" (unsure): a greeting alone says little about a letter's language.
MIN_LETTERS = 20
# The winning language must hold this share of the letters.
MAJORITY = 0.5
# A letter counts as carrying an English translation when English paragraphs hold this share of it.
ENGLISH_SHARE = 0.25

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?…])\s+|\n+")


_detector_lock = threading.Lock()


def _detector() -> LanguageDetector:
    """Return the process's detector, built on first use with every language's models loaded.

    Loaded up front (about 0.2 s, the same memory as once every language has been met), so a letter in
    a language not met before does not pay for its models; `correspondence.warmup` builds it as a
    process starts. The lock keeps two threads from building two.
    """
    with _detector_lock:
        return _build_detector()


@cache
def _build_detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = (getattr(Language, name) for name in LANGUAGES)
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


@lru_cache(maxsize=4096)
def _sentence_language(sentence: str) -> Language | None:
    """Return lingua's language for one sentence (names already left out), remembered per process.

    A writer checks a letter, changes a few words and checks again; screening and the English test
    of each paragraph read the same sentences again: each is detected once.
    """
    return _detector().detect_language_of(sentence)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _without_names(sentence: str) -> str:
    """Drop capitalised words after a sentence's first: names and places ("Lena", "Freiburg") sway
    lingua towards their own language, while the words between them say what the letter is in."""
    words = sentence.split()
    kept = words[:1] + [w for w in words[1:] if not w[:1].isupper() or w.startswith("I'") or w == "I"]
    return " ".join(kept)


def detect_language(text: str) -> str:
    """Return the text's language as an ISO 639-1 code ("de"), or "" when the text is too short or unclear.

    Each sentence votes for its language with its letters: over a whole short letter, lingua lets
    a closing such as "Viele Grüße!" outweigh several English sentences.
    """
    if _letters(text) < MIN_LETTERS:
        return ""
    sentences = [(sentence, _letters(sentence)) for sentence in map(_without_names, _SENTENCES.split(text))]
    sentences = sorted((item for item in sentences if item[1]), key=lambda item: -item[1])
    all_letters = sum(weight for _, weight in sentences)
    votes: dict = {}
    total = 0
    for sentence, weight in sentences:
        language = _sentence_language(sentence)
        if language is None:
            continue
        total += weight
        votes[language] = votes.get(language, 0) + weight
        # Decided: a language holding more than half of all the letters wins whatever the rest says
        # (and holds the majority of the letters that vote). Longest sentences first, to get there soon.
        if votes[language] > MAJORITY * all_letters:
            break
    if not votes:
        return ""
    language, weight = max(votes.items(), key=lambda item: item[1])
    if weight / total < MAJORITY:
        return ""
    return language.iso_code_639_1.name.lower()


def english_share(text: str) -> float:
    """Return the share of the text's letters (0 to 1) in paragraphs detected as English."""
    total = english = 0
    for paragraph in _PARAGRAPHS.split(text):
        letters = _letters(paragraph)
        total += letters
        if letters and detect_language(paragraph) == "en":
            english += letters
    return english / total if total else 0.0


def has_english(text: str) -> bool:
    """Return True when the text is in English or carries an English part (a translation)."""
    return detect_language(text) == "en" or english_share(text) >= ENGLISH_SHARE


def language_name(code: str) -> str:
    """Return the English name of an ISO 639-1 code ("German"), or the code itself when unknown."""
    import pycountry

    language = pycountry.languages.get(alpha_2=code) if code else None
    return language.name if language else code
