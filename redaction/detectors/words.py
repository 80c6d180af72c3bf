"""Word rules: capitalised runs, names after cues, signatures, initials and lower-case gazetteer hits."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from redaction import lexicon
from redaction.lexicon import (
    GRAMMAR_WORDS,
    NAMING_VERBS,
    NOT_IDENTIFYING,
    ORG_WORDS,
    PLACE_WORDS,
    RELATION_CUES,
    TITLE_CUES,
    is_ordinary,
)
from redaction.pipeline import Flag, Letter

SENTENCE_END = frozenset('.!?:;"“”(«—–-…•*>')
# Lower-case words that may sit inside a capitalised name: "Universidad de Valparaíso", "Dunne & Sons".
CONNECTORS = frozenset(
    [
        "of",
        "de",
        "del",
        "della",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "du",
        "des",
        "la",
        "le",
        "les",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "y",
        "e",
        "&",
        "the",
        "'s",
        "’s",
        "'",
        "-",
        "of.",
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
    ]
)
POSSESSIVES = frozenset(["my", "our", "his", "her", "their", "your"])
INITIALS = re.compile(r"^(?:[A-Z]\.?[-‐]?){1,4}$|^(?:[A-Z]\.){1,4}[A-Z]?$|^[A-Z]\.?[A-Z]?['’][A-Z]\.?$")
VALEDICTIONS = re.compile(
    r"^(?:with\s+)?(?:all\s+(?:my|our)\s+)?(?:love|lots of love|much love|regards|kind regards|best regards|"
    r"warm regards|warmest regards|best wishes|best|warmly|warmest wishes|sincerely|yours|yours sincerely|"
    r"yours truly|yours faithfully|cheers|thanks|thank you|many thanks|blessings|god bless|hugs|xo+|x+|"
    r"with gratitude|gratefully|with love|love always|affectionately|respectfully|take care|"
    r"(?:your|ur)\s+(?:donor|recipient|friend|stem cell \w+|anonymous \w+|grateful \w+|\w+\s+donor)|"
    r"from|signed|saludos|un abrazo|abrazos|besos|cariños|atentamente|liebe grüße|viele grüße|"
    r"herzliche grüße|grüße|bisous|amitiés|cordialement|baci|un abbraccio|beijos|abraços|"
    r"with (?:deep|much|heartfelt|sincere|warm) (?:gratitude|thanks|love))\b",
    re.IGNORECASE,
)


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def sentence_starts(doc: Doc) -> list[bool]:
    """Whether each token starts a sentence or a line: there capitals say nothing about names."""
    starts = [False] * len(doc)
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                previous = None
            continue
        if previous is None or previous.text[-1] in SENTENCE_END or "\n" in previous.whitespace_:
            starts[token.i] = True
        previous = token
    # A token followed by a newline ends its line; the next token starts one.
    for token in doc[:-1]:
        if "\n" in token.whitespace_:
            starts[token.i + 1] = True
    return starts


def _label_for(tokens: Sequence[Token], ner_labels: dict[int, str]) -> str:
    words = [t.lower_ for t in tokens]
    for t in tokens:
        if t.i in ner_labels:
            return ner_labels[t.i]
    if any(w in ORG_WORDS for w in words):
        return "ORGANISATION"
    if any(w in PLACE_WORDS for w in words[1:]) or " ".join(words) in lexicon.places():
        return "LOCATION"
    if all(INITIALS.match(t.text) for t in tokens if t.text not in CONNECTORS):
        return "INITIALS"
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) >= 3:
        return "ORGANISATION"
    return "NAME"


def _ner_labels(doc: Doc) -> dict[int, str]:
    from redaction.detectors.ner import LABELS

    return {t.i: LABELS[ent.label_] for ent in doc.ents if ent.label_ in LABELS for t in ent}


class CapitalsDetector:
    """Runs of capitalised words that are not ordinary words at a sentence start: names, places, bodies."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        starts = sentence_starts(doc)
        ner = _ner_labels(doc)
        i = 0
        while i < len(doc):
            if not is_capitalised(doc[i]):
                i += 1
                continue
            run = [doc[i]]
            j = i + 1
            while j < len(doc):
                token = doc[j]
                if is_capitalised(token) and not starts[j] and "\n" not in doc[j - 1].whitespace_:
                    run.append(token)
                    j += 1
                elif (
                    token.lower_ in CONNECTORS
                    and j + 1 < len(doc)
                    and is_capitalised(doc[j + 1])
                    and doc[j + 1].lower_ not in NOT_IDENTIFYING
                    and "\n" not in token.whitespace_
                    and "\n" not in doc[j - 1].whitespace_
                ):
                    run.extend((token, doc[j + 1]))
                    j += 2
                else:
                    break
            yield from self._judge(run, starts, ner)
            i = j

    def _judge(self, run: list[Token], starts: list[bool], ner: dict[int, str]) -> Iterator[Flag]:
        # Trim words that identify nobody ("Dear", "Mom", "Christmas") and a sentence's first ordinary word.
        while run and (
            run[0].lower_ in NOT_IDENTIFYING
            or run[0].lower_ in TITLE_CUES
            or run[0].lower_ in CONNECTORS
            or (starts[run[0].i] and is_ordinary(run[0].text) and run[0].i not in ner)
        ):
            if len(run) > 1 and run[0].lower_ in CONNECTORS:
                pass
            run = run[1:]
            if run:
                starts = starts  # the next word is no longer a sentence start, but it follows one
        while run and (run[-1].lower_ in NOT_IDENTIFYING or run[-1].lower_ in CONNECTORS):
            run = run[:-1]
        if not run:
            return
        meaningful = [t for t in run if t.lower_ not in CONNECTORS and t.lower_ not in NOT_IDENTIFYING]
        if not meaningful:
            return
        generic = ORG_WORDS | PLACE_WORDS
        if all(t.lower_ in generic for t in meaningful):
            return  # "the Hospital", "the Ward"
        first = run[0]
        if starts[first.i] and len(meaningful) == 1 and first.i not in ner:
            # A lone word at a sentence start: a name only if the gazetteers know it and it is no word.
            word = first.lower_
            known = (
                word in lexicon.given_names() or word in lexicon.family_names() or word in lexicon.places()
            )
            if not known or is_ordinary(first.text):
                return
        label = _label_for(run, ner)
        confidence = 0.6 if all(is_ordinary(t.text) for t in meaningful) else 0.7
        yield Flag(run[0].idx, run[-1].idx + len(run[-1]), label, "capitals", confidence)


def _name_like(token: Token) -> bool:
    """Whether a word right after a cue ("my dog ___") can be a name."""
    word = token.lower_
    if not token.is_alpha or len(word) < 2 or word in GRAMMAR_WORDS or word in NOT_IDENTIFYING:
        return False
    if is_capitalised(token):
        return True
    if word in lexicon.given_names():
        return True
    return word not in lexicon.common_words() and not is_ordinary(word)


class CueDetector:
    """Names after cues: titles (Dr., nurse), relations (my wife, our dog), "named", "my name is"."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        for token in doc:
            word = token.lower_
            nxt = self._next_word(doc, token.i)
            if nxt is None:
                continue
            cue = False
            if (
                word in TITLE_CUES
                or (word in RELATION_CUES and token.i > 0 and self._possessive_before(doc, token.i))
                or word in NAMING_VERBS
                or (word == "is" and token.i >= 2 and doc[token.i - 1].lower_ == "name")
            ):
                cue = True
            elif word in ("i'm", "im") or (
                word in ("am", "'m", "’m") and token.i > 0 and doc[token.i - 1].lower_ == "i"
            ):
                cue = is_capitalised(nxt) or (
                    not is_ordinary(nxt.text) and nxt.lower_ in lexicon.given_names()
                )
            if not cue or not _name_like(nxt):
                continue
            end = nxt
            following = self._next_word(doc, nxt.i, allow_comma=False)
            if (
                following is not None
                and (
                    is_capitalised(following)
                    or (following.lower_ in lexicon.family_names() and not is_ordinary(following.text))
                )
                and following.lower_ not in NOT_IDENTIFYING
                and following.is_alpha
            ):
                end = following
            yield Flag(nxt.idx, end.idx + len(end), "NAME", "context", 0.7)

    @staticmethod
    def _possessive_before(doc: Doc, i: int) -> bool:
        for k in range(i - 1, max(-1, i - 4), -1):
            if doc[k].lower_ in POSSESSIVES:
                return True
            if doc[k].is_punct or doc[k].is_space:
                return False
        return False

    @staticmethod
    def _next_word(doc: Doc, i: int, *, allow_comma: bool = True) -> Token | None:
        k = i + 1
        while k < len(doc) and (
            doc[k].is_space or (allow_comma and doc[k].text in {",", ":", "-", "—", "–", "(", "'", '"', "“"})
        ):
            if "\n\n" in doc[k].text:
                return None
            k += 1
        if k < len(doc) and "\n\n" not in doc[k - 1].whitespace_:
            return doc[k]
        return None


class SignatureDetector:
    """The writer's name or initials under a closing ("Love,\\nDerek", "Your donor, D.", "— M.")."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        for index, (start, end) in enumerate(lines):
            line = text[start:end].strip()
            m = VALEDICTIONS.match(line)
            if m:
                rest_start = start + (len(text[start:end]) - len(text[start:end].lstrip())) + m.end()
                rest = text[rest_start:end]
                if rest.strip(" ,.!-—–:") and len(rest.split()) <= 5:
                    yield from self._words(text, rest_start, end)
                elif index + 1 < len(lines):
                    nxt_start, nxt_end = lines[index + 1]
                    if len(text[nxt_start:nxt_end].split()) <= 5:
                        yield from self._words(text, nxt_start, nxt_end)
            elif re.match(r"^\s*[—–-]{1,2}\s*\S", text[start:end]) and len(line.split()) <= 4:
                yield from self._words(text, start, end)

    @staticmethod
    def _words(text: str, start: int, end: int) -> Iterator[Flag]:
        for m in re.finditer(r"[^\s,;:!()\"“”—–]+(?:\s*&\s*[^\s,;:!()\"“”—–]+)*", text[start:end]):
            word = m.group().strip(".-'’")
            if not word or not any(c.isalpha() for c in word):
                continue
            lower = word.lower()
            parts = [p for p in re.split(r"\s*&\s*", lower) if p]
            if all(p in NOT_IDENTIFYING or p in GRAMMAR_WORDS or p in RELATION_CUES for p in parts):
                continue
            if (
                INITIALS.match(m.group())
                or re.fullmatch(r"(?:[a-z]\.){1,4}", m.group())
                or re.fullmatch(r"[A-Z]{1,3}(?:\s*&\s*[A-Z]{1,3})+", m.group())
            ):
                yield Flag(start + m.start(), start + m.end(), "INITIALS", "context", 0.75)
            elif not is_ordinary(word) or word[0].isupper():
                if lower in ("donor", "recipient", "friend", "family", "always", "forever", "again", "soon"):
                    continue
                yield Flag(start + m.start(), start + m.end(), "NAME", "context", 0.7)


class LowerCaseGazetteerDetector:
    """Lower-case words that only the name and place lists know, in letters written without capitals."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        for token in doc:
            text = token.text
            if not token.is_alpha or not text.islower() or len(text) < 4:
                continue
            if is_ordinary(text) or text in lexicon.common_words() or text in NOT_IDENTIFYING:
                continue
            if text in lexicon.places():
                yield Flag(token.idx, token.idx + len(text), "LOCATION", "gazetteer", 0.5)
            elif text in lexicon.given_names():
                yield Flag(token.idx, token.idx + len(text), "NAME", "gazetteer", 0.5)


class InitialsDetector:
    """Initials standing for a person: "P.J.", "A & T", "M-S", "t.k."."""

    PATTERN = re.compile(
        r"(?<![\w.])(?:[A-Z]\.\s?){2,4}(?![\w])"
        r"|(?<![\w.])[A-Z]\.[-‐][A-Z]\.(?![\w])"
        r"|(?<![\w&])[A-Z]\s?&\s?[A-Z](?![\w&])"
    )
    NOT_INITIALS = frozenset({"U.S.", "U.K.", "E.U.", "U.N.", "A.M.", "P.M.", "D.C.", "N.Z.", "B.C.", "A.D."})

    def find(self, letter: Letter) -> Iterator[Flag]:
        for m in self.PATTERN.finditer(letter.text):
            value = m.group().strip()
            if value.replace(" ", "") in self.NOT_INITIALS:
                continue
            yield Flag(m.start(), m.start() + len(value), "INITIALS", "pattern", 0.75)
