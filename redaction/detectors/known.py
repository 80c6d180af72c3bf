"""Every occurrence of what the registry or centre knows: names and their parts and initials, places,
organisations, phones in any formatting, e-mails, and dates in any written form."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from redaction.detectors.patterns import DATES, PHONE
from redaction.detectors.text import is_lowercase_letter
from redaction.lexicon import MONTHS, common_words
from redaction.types import Flag, Known, Letter

POSSESSIVE = r"(?:['’]s)?"


def _word_pattern(words: list[str], *, ignore_case: bool = True) -> re.Pattern[str] | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    return re.compile(rf"(?<![\w])(?:{body}){POSSESSIVE}(?![\w])", re.IGNORECASE if ignore_case else 0)


def name_variants(name: str) -> tuple[list[str], list[str]]:
    """Return (words, initials) for a known name: the full name, each part, and initials in any form."""
    parts = [p for p in re.split(r"[\s]+", name.strip()) if p]
    words = [name.strip()] if parts else []
    words += [p for p in parts if len(p.strip(".")) >= 2]
    for part in parts:
        if "-" in part:  # "Eva-Maria" is also "Eva" and "Maria"
            words += [p for p in part.split("-") if len(p) >= 2]
    if len(parts) >= 2:
        words.append(f"{parts[0]} {parts[-1]}")
    letters = [p[0].upper() for p in parts if p and p[0].isalpha()]
    initials: list[str] = []
    for chosen in {tuple(letters), (letters[0], letters[-1])} if len(letters) >= 2 else ():
        initials += [".".join(chosen) + ".", ". ".join(chosen) + ".", "".join(chosen), ".".join(chosen)]
    return words, initials


@dataclass(frozen=True)
class _Patterns:
    names: re.Pattern[str] | None  # full names and parts that are no English word, in any case
    word_names: re.Pattern[str] | None  # parts that are also words ("Will", "Hope"): capitalised only
    word_names_any_case: re.Pattern[str] | None  # the same, for letters written without capitals
    initials: re.Pattern[str] | None
    places: re.Pattern[str] | None
    organisations: re.Pattern[str] | None
    emails: re.Pattern[str] | None


@lru_cache(maxsize=256)
def _compiled(known: Known) -> _Patterns:
    strong: list[str] = []
    weak: list[str] = []
    dotted: list[str] = []
    undotted: list[str] = []
    for name in known.names:
        words, initials = name_variants(name)
        for word in words:
            # Parts that are frequent words ("Will", "Hope") must be capitalised to count.
            (weak if " " not in word and word.lower() in common_words() else strong).append(word)
        for initial in initials:
            (dotted if "." in initial else undotted).append(initial)
    initials_pattern = None
    if dotted or undotted:
        dotted_body = "|".join(re.escape(i) for i in sorted(set(dotted), key=len, reverse=True)) or "(?!)"
        undotted_body = "|".join(re.escape(i) for i in sorted(set(undotted), key=len, reverse=True)) or "(?!)"
        # "a.s." in any case, but "AS" only in capitals: "as" is a word.
        initials_pattern = re.compile(rf"(?<![\w.])(?:(?i:{dotted_body})|{undotted_body})(?![\w])")
    capitalised = [w[:1].upper() + w[1:] for w in weak] + [w.upper() for w in weak]
    return _Patterns(
        names=_word_pattern(strong),
        word_names=_word_pattern(capitalised, ignore_case=False),
        word_names_any_case=_word_pattern(weak),
        initials=initials_pattern,
        places=_word_pattern(list(known.places)),
        organisations=_word_pattern(list(known.organisations)),
        emails=_word_pattern(list(known.emails)),
    )


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _same_phone(candidate: str, known: str) -> bool:
    a, b = _digits(candidate).lstrip("0"), _digits(known).lstrip("0")
    if len(a) < 6 or len(b) < 6:
        return False
    # With or without the country code or trunk zero: the national significant number is a suffix of both.
    shorter, longer = sorted((a, b), key=len)
    return longer.endswith(shorter) and len(shorter) >= min(7, len(longer))


def parse_date(value: str) -> tuple[int | None, int, int] | None:
    """Return (year, month, day) of a written or numeric date, or None; numeric dates read day first."""
    value = value.strip()
    try:
        iso = date.fromisoformat(value)
        return iso.year, iso.month, iso.day
    except ValueError:
        pass
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    month = None
    for word in re.findall(r"[^\W\d_]+", value.lower()):
        if word in MONTHS:
            month = MONTHS[word]
            break
    year = next((n for n in numbers if n >= 1000), None)
    small = [n for n in numbers if n < 1000]
    if month is not None:
        day = next((n for n in small if 1 <= n <= 31), None)
        return (year, month, day) if day else None
    if len(small) >= 2:
        if numbers and numbers[0] >= 1000 and len(numbers) >= 3:
            return numbers[0], numbers[1], numbers[2]
        d, m = small[0], small[1]
        if 1 <= d <= 31 and 1 <= m <= 12:
            return year, m, d
    return None


def _date_matches(candidate: str, known: tuple[int | None, int, int]) -> bool:
    parsed = parse_date(candidate)
    if parsed is None:
        numbers = [int(n) for n in re.findall(r"\d+", candidate)]
        # Month-first numeric dates ("5/17/1990") read the other way round.
        if len(numbers) >= 2:
            return numbers[0] == known[1] and numbers[1] == known[2]
        return False
    year, month, day = parsed
    if (month, day) == (known[1], known[2]) and (
        year is None or known[0] is None or year % 100 == known[0] % 100
    ):
        return True
    numbers = [int(n) for n in re.findall(r"\d+", candidate)]
    return (
        len(numbers) >= 2
        and numbers[0] == known[1]
        and numbers[1] == known[2]
        and not re.search(r"[A-Za-z]", candidate)
    )


class KnownDetector:
    """What the registry or the centre holds about the writer and the reader, wherever it appears."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        known = letter.known
        if known is None:
            return
        text = letter.text
        try:
            compiled = _compiled(known)
        except TypeError:  # a Known built with lists is not hashable: compile it without the cache
            compiled = _compiled.__wrapped__(known)
        word_names = compiled.word_names_any_case if is_lowercase_letter(letter.doc) else compiled.word_names
        for pattern, label in (
            (compiled.names, "NAME"),
            (word_names, "NAME"),
            (compiled.initials, "INITIALS"),
            (compiled.places, "LOCATION"),
            (compiled.organisations, "ORGANISATION"),
            (compiled.emails, "CONTACT"),
        ):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                yield Flag(m.start(), m.end(), label, "known", 1.0)
        if known.phones:
            for m in PHONE.finditer(text):
                if any(_same_phone(m.group(), phone) for phone in known.phones):
                    end = m.end()
                    while end > m.start() and not text[end - 1].isdigit():
                        end -= 1
                    yield Flag(m.start(), end, "CONTACT", "known", 1.0)
        wanted = [d for d in (parse_date(d) for d in known.dates) if d is not None]
        if wanted:
            for m in DATES.finditer(text):
                if any(_date_matches(m.group(), w) for w in wanted):
                    yield Flag(m.start(), m.end(), "DATE", "known", 1.0)
