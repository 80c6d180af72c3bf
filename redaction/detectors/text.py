"""Token helpers the word rules share: capitals, sentence starts, greetings, and small word sets."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token

from redaction import lexicon
from redaction.lexicon import ORG_AND_PLACE_WORDS, ORG_WORDS, PLACE_WORDS, is_ordinary, words

# The model's entity labels mapped to ours: spaCy's own names, and the three the letter model adds.
ENTITY_LABELS = {
    "PERSON": "NAME",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANISATION",
    "DATE": "DATE",
    "INITIALS": "INITIALS",
    "CONTACT": "CONTACT",
    "ID": "ID",
}
SENTENCE_END = frozenset(".!?:;—–…•*>")
QUOTES = frozenset("\"“”„«»'‘’([")
# Lower-case words that may sit inside a capitalised name: "Universidad de Antioquia", "Pryce & Daughters".
CONNECTORS = frozenset(
    words(
        """
    of de del della di da do dos das du des la le les van von der den ter y e & the 's ’s ' - of. al el bin
    ibn bint im. im m. i a and
    """
    )
)
POSSESSIVES = frozenset(["my", "our", "his", "her", "their", "your"])
HOLIDAY_TAILS = frozenset({"day", "eve", "festival", "year", "feast"})
# Words that name nothing on their own ("the Hospital"); the armed forces do.
GENERIC = ORG_AND_PLACE_WORDS - {
    "army",
    "navy",
    "marines",
    "corps",
    "police",
    "bundeswehr",
    "feuerwehr",
}
NAME_MODALS = frozenset({"will", "may"})
# Lower-case words that open a place's name in other languages: "parc Saint-Viateur", "ul. Polna".
PLACE_PREFIXES = frozenset(
    words(
        """
    parc rue ul. ul ulica al. aleja plac calle avenida av. rua río rio lago lac monte mont parque praça
    piazza via viale strada chemin route jardin jardín plaza paseo camino lake mount
    """
    )
)
# Nouns that start sentences as words, not as the names they also are ("Hope is what kept me going").
ABSTRACT_NOUNS = frozenset(
    words(
        """
    hope faith grace love joy peace patience charity mercy destiny liberty justice honor honour glory
    summer autumn winter spring dawn june april august rose
    """
    )
)
SUBJECT_VERBS = frozenset(
    words(
        """
    is was has had says said would will can could and stayed came went told made sent helped loves
    looked held brought sat kept called asked took gave
    """
    )
)
SLANG = frozenset(
    words(
        """
    im ive id ill dont cant wont didnt doesnt isnt wasnt couldnt wouldnt shouldnt thats whats theres hes
    shes theyre youre lets ur u r ya yall gonna wanna gotta kinda sorta lol lmao omg tbh idk btw imo ngl rn
    bc cuz cos coz pls plz thx ty np ok okay yay haha hahaha xoxo sooo soo aww awww yeah yep nope hmm fav
    fave favr tho thru bday bff gf bf mum mom nan nans
    """
    )
)
INITIALS = re.compile(r"^(?:[A-Z]\.?[-‐]?){1,4}$|^(?:[A-Z]\.){1,4}[A-Z]?$|^[A-Z]\.?[A-Z]?['’][A-Z]\.?$")


def is_capitalised(token: Token) -> bool:
    text = token.text
    # An upper-case first character is nearly always a letter, so the scan of the rest is rarely needed
    # ("Ⅷ" and "Ⓐ" are upper case but no letters); this runs for most tokens of every letter.
    return text[:1].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text))


def doc_text(doc: Doc) -> str:
    """The doc's text; spaCy joins its tokens again on every `doc.text`, so it is kept in user_data."""
    text = doc.user_data.get("redaction_text")
    if text is None:
        text = doc.user_data["redaction_text"] = doc.text
    return text


def sentence_starts(doc: Doc) -> list[bool]:
    """Whether each token starts a sentence or a line: there capitals say nothing about names.

    Computed once per doc and kept in its user_data, since several detectors ask.
    """
    cached = doc.user_data.get("redaction_sentence_starts")
    if cached is None:
        cached = doc.user_data["redaction_sentence_starts"] = _sentence_starts(doc)
    return cached


def _sentence_starts(doc: Doc) -> list[bool]:
    starts = [False] * len(doc)
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            if "\n" in token.text and not _hard_wrap(doc, token):
                previous = None
            continue
        if previous is None or _ends_sentence(previous) or "\n" in previous.whitespace_:
            starts[token.i] = True
        if token.text in QUOTES - {"(", "["} and (
            previous is None or previous.whitespace_ or starts[token.i]
        ):
            previous = None  # quoted speech opens with a capital: "We have found someone."
            continue
        if token.text in ("(", "["):
            continue  # what follows a bracket starts a sentence only if the bracket did
        previous = token
    return starts


def soft_break(doc: Doc, token: Token) -> bool:
    """Whether a token is a line break that only wraps a long line of prose: read it as a space."""
    return token.is_space and _hard_wrap(doc, token)


def _hard_wrap(doc: Doc, token: Token) -> bool:
    """Whether a single line break only wraps a long line of prose, mid-sentence."""
    if token.text.count("\n") != 1 or token.i == 0:
        return False
    line_start = doc_text(doc).rfind("\n", 0, token.idx) + 1
    return token.idx - line_start >= 50 and not _ends_sentence(doc[token.i - 1])


def _ends_sentence(token: Token) -> bool:
    text = token.text
    if text[-1] not in SENTENCE_END:
        return False
    # "C.W.", "Dr." and "St." are abbreviations: spaCy splits a sentence's full stop off its word.
    if text == "." and token.i > 0 and abbreviation(token.doc[token.i - 1]):
        return False  # "Ma. Lourdes", "J. Smith", "St. James"
    return len(text) == 1 or text[-1] in "!?…" or not any(c.isalpha() for c in text)


def abbreviation(token: Token) -> bool:
    """A short capitalised word before a full stop of its own: "Ma", "St", "J"."""
    return not token.whitespace_ and token.is_alpha and len(token) <= 2 and token.text.istitle()


def known_name(token: Token) -> bool:
    word = token.lower_
    in_lists = word in lexicon.given_names() or word in lexicon.family_names() or word in lexicon.places()
    return in_lists and not is_ordinary(token.text)


def _line_start(doc: Doc, token: Token) -> bool:
    if token.i == 0 or "\n" in doc[token.i - 1].whitespace_:
        return True
    before = doc[token.i - 1]
    return "\n" in before.text and not soft_break(doc, before)


def is_greeting(doc: Doc, tokens: Sequence[Token], *, opening: Token | None = None) -> bool:
    """Whether words are a greeting or a closing formula rather than names.

    A greeting opens a line and ends at "," "!" ":" or "." ("Querido donante,", "Kia ora!"); a closing
    opens one of the last three lines and a comma and the signature follow ("Con un abrazo grande desde
    el otro lado del mar, Nati"). Words the name lists know are never taken for either.
    """
    first, last = tokens[0], tokens[-1]
    if not _line_start(doc, opening or first) or any(known_name(t) for t in tokens):
        return False
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in {",", "!", ":", ".", "¡"}:
        return True
    # Bounded look-ahead: a closing's line is short, and little but the signature follows it.
    text = doc_text(doc)
    line_end = text.find("\n", last.idx, last.idx + 200)
    if line_end == -1:
        line_end = len(text) if len(text) - last.idx <= 200 else last.idx + 200
    after = text[last.idx + len(last) : line_end]
    closing = re.fullmatch(r"[^,.!?;]{0,60},\s*\S[^!?]{0,60}", after)
    return bool(closing) and len(text) - line_end <= 300 and len(text[line_end:].split()) <= 8


@lru_cache(maxsize=64)
def is_uppercase_letter(text: str) -> bool:
    """Whether the letter is written in capitals throughout ("DEAR DONOR, MY NAME IS ..."); asked once per
    letter, not once per flag."""
    upper = sum(map(str.isupper, text))  # counted in C: this runs over every character of every letter
    cased = upper + sum(map(str.islower, text))
    return cased >= 30 and upper >= 0.85 * cased


def is_lowercase_letter(doc: Doc) -> bool:
    """Whether the writer does without capitals: most sentences start lower-case, or "i" stands alone."""
    cached = doc.user_data.get("redaction_lowercase")
    if cached is None:
        cached = doc.user_data["redaction_lowercase"] = _is_lowercase_letter(doc)
    return cached


def _is_lowercase_letter(doc: Doc) -> bool:
    starts = sentence_starts(doc)
    first_words = [t for t in doc if starts[t.i] and t.is_alpha]
    lower = sum(t.text.islower() for t in first_words)
    lone_i = sum(t.text == "i" for t in doc)
    return (len(first_words) >= 3 and lower / len(first_words) >= 0.5) or lone_i >= 2


# Words in both lists, or too loose to name a kind ("city" in "Leicester City", "station" in "Station 3").
AMBIGUOUS_KIND_WORDS = (ORG_WORDS & PLACE_WORDS) | frozenset({"station", "farm", "farms", "centre", "center"})
WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def kind_from_words(text: str) -> str | None:
    """ORGANISATION or LOCATION when a span's own words say which ("Hillcrest Rowing Club", "the Old Mill
    Inn", "Mount Tamsin", "Lindenweg"), None when they do not."""
    found = [w.lower().strip(".'’") for w in WORD.findall(text)]
    if len(found) < 2:
        return None
    org = any(w in ORG_WORDS and w not in AMBIGUOUS_KIND_WORDS for w in found)
    place = any(w in PLACE_WORDS and w not in AMBIGUOUS_KIND_WORDS for w in found)
    if org and not place:
        return "ORGANISATION"
    if place and not org:
        return "LOCATION"
    if found[0] in lexicon.given_names() and found[-1] in lexicon.family_names():
        places = lexicon.places()
        if " ".join(found) not in places and found[-1] not in places:
            return "NAME"  # "Maren Okafor": a given name and a family name
    return None
