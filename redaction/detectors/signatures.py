"""The writer's name or initials under a closing, and initials anywhere."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.detectors.text import INITIALS, SLANG, is_lowercase_letter
from redaction.lexicon import (
    GRAMMAR_WORDS,
    NOT_IDENTIFYING,
    NOT_NAMES,
    is_ordinary,
    words,
)
from redaction.types import Flag, Letter

SIGNATURE_STOP = frozenset(
    words(
        """
    donor recipient family friend friends always forever again soon xx xxx xo xoxo love hugs hug kisses
    thanks thank grateful gratefully truly yours heart whole best wishes god bless you everything sincerely
    respect gratitude regards prayers blessings care strength health warmly kind kindest cheers lots much big
    from your ur stem cell cells brother sister twin sincerely faithfully p.s. ps pps amen bye take whoever
    wherever everyone everybody
    """
    )
)
VALEDICTIONS = re.compile(
    r"(?:with\s+)?(?:all\s+(?:my|our)\s+)?(?:love|lots of love|much love|regards|kind regards|best regards|"
    r"warm regards|warmest regards|best wishes|best|warmly|warmest wishes|sincerely|yours|yours sincerely|"
    r"yours truly|yours faithfully|cheers|thanks|thank you|many thanks|blessings|god bless|hugs|xo+|x+|"
    r"with gratitude|gratefully|with love|love always|affectionately|respectfully|take care|"
    r"(?:your|ur)\s+(?:donor|recipient|friend|stem cell \w+|anonymous \w+|grateful \w+|\w+\s+donor)|"
    r"from|signed|saludos|un abrazo|abrazos|besos|cariños|atentamente|liebe grüße|viele grüße|"
    r"herzliche grüße|grüße|bisous|amitiés|cordialement|baci|un abbraccio|beijos|abraços|"
    r"with (?:deep|much|heartfelt|sincere|warm) (?:gratitude|thanks|love))\b",
    re.IGNORECASE,
)


class SignatureDetector:
    """The writer's name or initials under a closing ("Love,\\nRhodri", "Your donor, D.", "— M.")."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        for index, (start, end) in enumerate(lines):
            for sentence in re.finditer(r"(?:^|(?<=[.!?♥)]\s))\s*\S[^.!?]*", text[start:end]):
                s_start = start + sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
                m = VALEDICTIONS.match(text, s_start, end)
                if not m:
                    continue
                rest = text[m.end() : end]
                if re.match(r"^[\s,!.:-]*$", rest) or rest.rstrip().endswith(","):
                    if (
                        index + 1 < len(lines)
                        and len(text[lines[index + 1][0] : lines[index + 1][1]].split()) <= 6
                    ):
                        yield from self._words(text, *lines[index + 1], first=True)
                elif re.match(r"^\s*[,:–—-]|^\s+\S", rest):
                    stop = re.search(r"[.!?](?:\s|$)", rest)
                    segment_end = m.end() + (stop.start() + 1 if stop else len(rest))
                    if len(text[m.end() : segment_end].split()) <= 6:
                        yield from self._words(text, m.end(), segment_end, first=True)
            line = text[start:end]
            if re.match(r"^\s*[—–-]{1,2}\s*\S", line) and len(line.split()) <= 4:
                yield from self._words(text, start, end, first=True)
        # The last lines of a letter: "Onward, Marek", "Teodora (Teo)", "E.".
        for index in range(max(1, len(lines) - 2), len(lines)):
            start, end = lines[index]
            line = text[start:end]
            after_comma = text[lines[index - 1][0] : lines[index - 1][1]].rstrip().endswith(",")
            closing = line.rstrip()[-1:] in (",", ":", "?") or (
                line.rstrip().endswith(".") and len(line.split()) > 2
            )
            if len(line.split()) <= 6 and not closing:
                # A letter's last line of one or two words is its signature, even "tam" or "Hope".
                last_words = index == len(lines) - 1 and len(line.split()) <= 2
                yield from self._words(text, start, end, first=after_comma or last_words)
            elif "," in line and len(line[line.rindex(",") + 1 :].split()) <= 6:
                yield from self._words(text, start + line.rindex(",") + 1, end, first=True)

    @staticmethod
    def _words(text: str, start: int, end: int, *, first: bool) -> Iterator[Flag]:
        """Flag the words of a signature; with `first`, its first word even when it is an ordinary word."""
        seen_word = False
        for m in re.finditer(r"[^\s,;:!()\"“”—–]+(?:\s*&\s*[^\s,;:!()\"“”—–]+)*", text[start:end]):
            word = m.group().strip(".-'’?!")
            if not word or not any(c.isalpha() for c in word) or any(c.isdigit() for c in word):
                continue
            lower = word.lower()
            opening = first and not seen_word
            seen_word = True
            parts = [p for p in re.split(r"\s*&\s*", lower) if p]
            if all(p in SIGNATURE_STOP or p in NOT_IDENTIFYING or p in GRAMMAR_WORDS for p in parts):
                continue
            if (
                INITIALS.match(m.group())
                or re.fullmatch(r"(?:[a-z]\.){1,4}", m.group())
                or re.fullmatch(r"[A-Z]{1,3}(?:\s*&\s*[A-Z]{1,3})+", m.group())
                or re.fullmatch(r"[A-Z]\.?[A-Z]?['’][A-Z]\.?", m.group())
            ):
                yield Flag(start + m.start(), start + m.end(), "INITIALS", "context", 0.75)
            elif lower in NOT_NAMES and not opening:
                continue
            elif opening or (not is_ordinary(word) and (word[0].isupper() or lower not in SLANG)):
                yield Flag(start + m.start(), start + m.end(), "NAME", "context", 0.7)


class InitialsDetector:
    """Initials standing for a person: "P.J.", "A & T", "M-S", "t.k."."""

    PATTERN = re.compile(
        r"(?<![\w.])(?:[A-Z]\.\s?){2,4}(?![\w])"
        r"|(?<![\w.])[A-Z]\.[-‐][A-Z]\.(?![\w])"
        r"|(?<![\w&])[A-Z]\s?&\s?[A-Z](?![\w&])"
    )
    NOT_INITIALS = frozenset(
        {"U.S.", "U.K.", "E.U.", "U.N.", "A.M.", "P.M.", "D.C.", "N.Z.", "B.C.", "A.D.", "P.S.", "P.P.S."}
    )

    # In a letter written without capitals: "t.k.", "r. j.", never "e.g." or "a.m.".
    LOWER_PATTERN = re.compile(r"(?<![\w.])(?:[a-z]\.\s?){2,4}(?![\w])")
    NOT_LOWER_INITIALS = frozenset(
        {"e.g.", "i.e.", "a.m.", "p.m.", "p.s.", "n.b.", "a.k.a.", "r.i.p.", "b.c.", "a.d."}
    )

    def find(self, letter: Letter) -> Iterator[Flag]:
        for m in self.PATTERN.finditer(letter.text):
            value = m.group().strip()
            if value.replace(" ", "") in self.NOT_INITIALS:
                continue
            yield Flag(m.start(), m.start() + len(value), "INITIALS", "pattern", 0.75)
        if not is_lowercase_letter(letter.doc):
            return
        for m in self.LOWER_PATTERN.finditer(letter.text):
            value = m.group().strip()
            if value.replace(" ", "") not in self.NOT_LOWER_INITIALS:
                yield Flag(m.start(), m.start() + len(value), "INITIALS", "pattern", 0.6)
