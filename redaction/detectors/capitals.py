"""Runs of capitalised words that are not a sentence's ordinary first word: names, places, bodies."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from redaction import lexicon
from redaction.detectors.text import (
    ABSTRACT_NOUNS,
    CONNECTORS,
    ENTITY_LABELS,
    GENERIC,
    HOLIDAY_TAILS,
    INITIALS,
    NAME_MODALS,
    PLACE_PREFIXES,
    POSSESSIVES,
    SLANG,
    SUBJECT_VERBS,
    abbreviation,
    doc_text,
    is_capitalised,
    is_greeting,
    sentence_starts,
    soft_break,
)
from redaction.lexicon import (
    GRAMMAR_WORDS,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_WORDS,
    is_ordinary,
)
from redaction.types import Flag, Letter

# An acronym in capitals after these is a place or a body, not a shout: "treated at CHOP".
PLACE_CUES = frozenset({"at", "in", "from", "to", "near", "for", "with", "by", "the"})
# Words that open a place's name at a sentence start ("New England in autumn ...").
PLACE_OPENERS = frozenset(
    {"new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper", "lower"}
    | {"greater", "central", "port", "fort", "cape", "mount", "lake", "san", "santa", "saint", "st"}
)
# Words in a shout that are no names.
NOT_SHOUTED_NAMES = SLANG | NOT_NAMES
# Function words never name anyone, but "Will" and "May" do.
NOT_NAME_GRAMMAR = GRAMMAR_WORDS - NAME_MODALS


def _label_for(tokens: Sequence[Token], ner_labels: dict[int, str]) -> str:
    words = [t.lower_ for t in tokens]
    for t in tokens:
        if t.i in ner_labels:
            return ner_labels[t.i]
    if any(w in ORG_WORDS for w in words):
        return "ORGANISATION"
    if len(words) > 1 and words[0] in PLACE_OPENERS:
        return "LOCATION"  # "Southern Alberta", "New Brighton"
    if any(w in PLACE_WORDS for w in words[1:]) or " ".join(words) in lexicon.places():
        return "LOCATION"
    if all(INITIALS.match(t.text) for t in tokens if t.text not in CONNECTORS):
        return "INITIALS"
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) >= 3:
        return "ORGANISATION"
    return "NAME"


def _ner_labels(doc: Doc) -> dict[int, str]:
    return {t.i: ENTITY_LABELS[ent.label_] for ent in doc.ents if ent.label_ in ENTITY_LABELS for t in ent}


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
            before = doc[i - 2] if i > 1 and soft_break(doc, doc[i - 1]) else doc[i - 1] if i > 0 else None
            if before is not None and before.lower_ in PLACE_PREFIXES and "\n" not in before.whitespace_:
                run.insert(0, before)  # "parc Saint-Viateur", "ul. Polna"
            elif i > 1 and doc[i - 1].text == "." and doc[i - 2].lower_ + "." in PLACE_PREFIXES:
                run[:0] = [doc[i - 2], doc[i - 1]]
            j = i + 1
            while j < len(doc):
                token = doc[j]
                if "\n" in doc[j - 1].whitespace_:
                    break
                if soft_break(doc, token) and j + 1 < len(doc):
                    j += 1  # a line break inside a sentence reads as a space: "NHS\nTayside"
                    continue
                if _wrapped(doc, j):  # a name the writer's line break cut in two: "Hôpital\nSaint-Éloi"
                    run.extend((token, doc[j + 1]))
                    j += 2
                    continue
                if is_capitalised(token) and not starts[j]:
                    run.append(token)
                    j += 1
                elif token.text == "." and not doc[j - 1].whitespace_ and abbreviation(doc[j - 1]):
                    run.append(token)  # "Ma. Lourdes Bautista"
                    j += 1
                elif _joined(doc, j):  # "Ha-eun", "Ali-Reza": a hyphen inside one word
                    run.extend((token, doc[j + 1]))
                    j += 2
                elif (links := _connectors(doc, j)) is not None:  # "Shrine of the Cloak"
                    run.extend(t for t in doc[j : links + 1] if not t.is_space)
                    j = links + 1
                elif _foreign(token):  # "Sahlgrenska universitetssjukhuset", "Hospital universitario La Paz"
                    run.append(token)
                    j += 1
                else:
                    break
            yield from self._judge(run, starts, ner, doc)
            i = j

    def _judge(self, run: list[Token], starts: list[bool], ner: dict[int, str], doc: Doc) -> Iterator[Flag]:
        opening = run[0]
        if run[-1].lower_ in HOLIDAY_TAILS:
            return  # "Valentine's Day", "Spring Festival", "New Year"
        # A sentence's first word is capitalised anyway: drop it when it is an ordinary word, unless a
        # capitalised function word follows, which only happens in titles ("Be The Match").
        while (
            run
            and (
                run[0].lower_ == "i"
                or (
                    starts[run[0].i]
                    and is_ordinary(run[0].text)
                    and not (len(run) > 1 and _rare_name(run[0]))
                    and not self.lone_name(run[0], doc)
                    and run[0].i not in ner
                    and not (len(run) > 1 and run[1].lower_ in GRAMMAR_WORDS and is_capitalised(run[1]))
                    and not (len(run) > 1 and run[1].text in ("-", "‐"))
                    # "New England", "Southern Alberta", "Upper Austria": the first word is the name's
                    and not (len(run) > 1 and run[0].lower_ in PLACE_OPENERS)
                    # "Red Cross", "Rotary Club": what follows names nothing without the first word
                    and not (len(run) > 1 and run[0].lower_ not in GRAMMAR_WORDS and _generic_rest(run[1:]))
                )
            )
        ):
            run = run[1:]
        while run and (
            run[0].text in ("-", "‐", ".")  # "Hi." read as "Ma.": the greeting gone, its stop is no name
            or (run[0].lower_ in CONNECTORS and not is_capitalised(run[0]))
        ):
            run = run[1:]
        while run and (
            (run[-1].lower_ in NOT_NAMES and not (len(run) > 1 and run[-2].lower_ in CONNECTORS))
            or run[-1].lower_ in CONNECTORS
            or run[-1].text == "-"
        ):
            run = run[:-1]  # but "Chapel of Advent" keeps its feast
        if not run:
            return
        meaningful = [
            t for t in run if t.lower_ not in CONNECTORS and t.lower_ not in NOT_NAMES and t.text != "-"
        ]
        if not meaningful or all(t.lower_ in NOT_NAME_GRAMMAR for t in meaningful):
            return
        words = [t for t in run if t.lower_ not in CONNECTORS and t.text != "-"]
        if len(words) == 1 and words[0].lower_ in GENERIC:
            return  # "the Hospital", "the Ward"
        if is_greeting(doc, run, opening=opening) and not self.lone_name(run[0], doc):
            return
        shouted = len(meaningful) > 1 and any(t.whitespace_ for t in run[:-1])
        if shouted and all(t.text.isupper() for t in meaningful):
            yield from self._shout(run, doc)
            return
        first = run[0]
        # Parts of a hyphenated name count as capitalised: "Ha-eun".
        capitalised = [t for t in meaningful if is_capitalised(t) or (t.i > 0 and doc[t.i - 1].text == "-")]
        if (
            starts[first.i]
            and len(capitalised) == 1
            and (first.i not in ner or is_ordinary(first.text))
            and not self.lone_name(first, doc)
        ):
            return
        before = doc[first.i - 1].lower_ if first.i > 0 else ""
        if (
            len(meaningful) == 1
            and first.text.isupper()
            and (
                first.lower_ in GRAMMAR_WORDS
                or (len(first) > 2 and is_ordinary(first.text) and before not in PLACE_CUES)
            )
        ):
            return  # "SO nervous", "YOUR bone marrow", but "treated at CHOP"
        label = _label_for(run, ner)
        confidence = 0.6 if all(is_ordinary(t.text) for t in meaningful) else 0.7
        yield Flag(run[0].idx, run[-1].idx + len(run[-1]), label, "capitals", confidence)

    @staticmethod
    def _shout(run: list[Token], doc: Doc) -> Iterator[Flag]:
        """A run in capitals is a shout ("WE ARE SO GRATEFUL TO YOU"): only its unknown words may be names,
        with the generic words after them ("DERBY COUNTY", "ELMFIELD PARK ACADEMY")."""
        shout = list(re.finditer(r"\S+", doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1])]))
        for index, word in enumerate(shout):
            value = word.group().strip(".,;:!?'\"()")
            if len(value) < 2 or plain_shout(value):
                continue
            last = index
            while last + 1 < len(shout) and shout[last + 1].group().strip(".,;:!?").lower() in GENERIC:
                last += 1
            yield Flag(run[0].idx + word.start(), run[0].idx + shout[last].end(), "NAME", "capitals", 0.5)

    @staticmethod
    def lone_name(token: Token, doc: Doc) -> bool:
        """Whether a lone capitalised word at a sentence start is a name ("Leonora says", "Rosalind has")."""
        word = token.lower_
        in_lists = word in lexicon.given_names() or word in lexicon.family_names() or word in lexicon.places()
        if in_lists and not is_ordinary(token.text):
            return True
        following = [t for t in doc[token.i + 1 : token.i + 6] if not t.is_space][:2]
        nxt = following[0] if following else None
        after = following[1] if len(following) > 1 else None
        if nxt is not None and nxt.text in ("'s", "’s") and word in lexicon.given_names():
            return word not in GRAMMAR_WORDS  # "Faith's donor"
        if word in lexicon.given_names() and nxt is not None and after is not None:
            if nxt.text == "," and after.lower_ in POSSESSIVES | {"the"}:
                return True  # "Grace, my youngest, was in hospital"
            if nxt.lower_ == "and" and (
                after.lower_ in {"i", "me", "my", "her", "his", "their"} or is_capitalised(after)
            ):
                return True  # "Grace and her little brother", not "Grace and peace"
        if word not in lexicon.given_names() or word in ABSTRACT_NOUNS or word in NOT_NAME_GRAMMAR:
            return False
        return (
            nxt is not None
            and nxt.is_lower
            and (nxt.lower_ in SUBJECT_VERBS or nxt.lower_.endswith(("s", "ed")))
        )


# Contractions: "WASN'T", "YOU'D", "THAT'LL", "THEY'RE" are the word before them.
CONTRACTION = re.compile(r"(?:N['’]T|['’](?:D|LL|VE|RE|M|S))$", re.IGNORECASE)


def plain_shout(value: str) -> bool:
    """A word of a shout that names nobody: an ordinary or a frequent word that no list holds as a name
    ("HELD", "HAS"), a contraction of one ("WASN'T", "YOU'D"), a word in NOT_SHOUTED_NAMES, or words of
    those joined by hyphens ("YEAR-OLD", "MOTHER-IN-LAW")."""
    parts = [p for p in re.split(r"[-‐]", value) if p and not p.isdigit()]
    if len(parts) > 1:
        return all(plain_shout(p) for p in parts)
    lower = CONTRACTION.sub("", value).lower()
    if is_ordinary(value) or lower in GRAMMAR_WORDS or lower in NOT_SHOUTED_NAMES or is_ordinary(lower):
        return True
    return (
        lower in lexicon.common_words()
        and lower not in lexicon.given_names()
        and lower not in lexicon.places()
    )


# Places written short or as a common noun, which the place lists spell out.
PLACE_ABBREVIATIONS = frozenset({"states", "the states", "uk", "us", "usa", "uae", "eu", "nyc"})


def plain_phrase(words: Sequence[str]) -> bool:
    """Whether a phrase of a letter written in capitals is ordinary words only ("THE KETTLE", "ODDLY
    EXCITED"): each a plain word of a shout (`plain_shout`), none a given name ("HOPE", "WILL") or an
    acronym ("DMC"), the phrase no place ("TURKEY", "THE STATES") and no team's plural ("THE DUCKS")."""
    found = [w.strip('.,;:!?"()') for w in words if any(c.isalpha() for c in w)]
    if not found:
        return False
    phrase = " ".join(w.lower() for w in found)
    if phrase in lexicon.places() or phrase in PLACE_ABBREVIATIONS:
        return False
    last = found[-1].lower()
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        return False
    given = lexicon.given_names()
    return all(plain_shout(w) and w.lower() not in given and re.search(r"[AEIOUYaeiouy]", w) for w in found)


def _wrapped(doc: Doc, j: int) -> bool:
    token = doc[j]
    if token.text != "\n" or j + 1 >= len(doc) or doc[j - 1].is_punct:
        return False
    nxt = doc[j + 1]
    name_like = not is_ordinary(nxt.text) or nxt.lower_ in GENERIC  # "the London\nClinic"
    return is_capitalised(nxt) and name_like and nxt.lower_ not in NOT_NAMES


def _generic_rest(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if t.lower_ not in CONNECTORS and t.text != "-"]
    return bool(words) and all(t.lower_ in GENERIC for t in words)


def _rare_name(token: Token) -> bool:
    """A first or family name that is no frequent word: "Florentina Manalo", not "Will Smith"."""
    word = token.lower_
    in_lists = word in lexicon.given_names() or word in lexicon.family_names()
    return in_lists and word not in lexicon.common_words()


def _connectors(doc: Doc, j: int) -> int | None:
    """The index of the capitalised word that up to two connectors from j lead to, if any."""
    k = j
    while (
        k < len(doc)
        and k - j < 4
        and ((doc[k].lower_ in CONNECTORS and "\n" not in doc[k].whitespace_) or soft_break(doc, doc[k]))
    ):
        k += 1
    if k == j or k >= len(doc) or not is_capitalised(doc[k]) or doc[k].lower_ in GRAMMAR_WORDS:
        return None
    return k


def _joined(doc: Doc, j: int) -> bool:
    token = doc[j]
    return (
        token.text in ("-", "‐")
        and not doc[j - 1].whitespace_
        and not token.whitespace_
        and j + 1 < len(doc)
        and doc[j + 1].is_alpha
    )


def _foreign(token: Token) -> bool:
    """A lower-case word no English list knows, inside a capitalised name in another language."""
    word = token.text
    return (
        token.is_alpha
        and word.islower()
        and len(word) >= 3
        and not is_ordinary(word)
        and word not in lexicon.common_words()
        and word not in SLANG
        and any(ord(c) > 127 for c in word) | (len(word) >= 6)
    )
