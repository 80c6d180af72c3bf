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
    NOT_NAMES,
    ORG_WORDS,
    PLACE_WORDS,
    RELATION_CUES,
    TITLE_CUES,
    is_ordinary,
    words,
)
from redaction.pipeline import Flag, Letter

SENTENCE_END = frozenset(".!?:;—–…•*>")
QUOTES = frozenset("\"“”„«»'‘’([")
# Lower-case words that may sit inside a capitalised name: "Universidad de Valparaíso", "Dunne & Sons".
CONNECTORS = frozenset(
    words(
        """
    of de del della di da do dos das du des la le les van von der den ter y e & the 's ’s ' - of. al el bin
    ibn bint im. im m. i a and
    """
    )
)
POSSESSIVES = frozenset(["my", "our", "his", "her", "their", "your"])
# Words that name nothing on their own ("the Hospital"); the armed forces do.
PET_CUES = frozenset(
    words(
        "dog dogs puppy cat cats kitten horse pony rabbit bunny hamster parrot pet pets budgie tortoise "
        "goldfish chickens hens goat"
    )
)
HOLIDAY_TAILS = frozenset({"day", "eve", "festival", "year", "feast"})
GENERIC = (ORG_WORDS | PLACE_WORDS) - {
    "army",
    "navy",
    "marines",
    "corps",
    "police",
    "bundeswehr",
    "feuerwehr",
}
NAME_MODALS = frozenset({"will", "may"})
# Lower-case words that open a place's name in other languages: "parc La Fontaine", "ul. Indiry Gandhi".
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


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


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


def _hard_wrap(doc: Doc, token: Token) -> bool:
    """Whether a single line break only wraps a long line of prose, mid-sentence."""
    if token.text.count("\n") != 1 or token.i == 0:
        return False
    line_start = doc.text.rfind("\n", 0, token.idx) + 1
    return token.idx - line_start >= 50 and not _ends_sentence(doc[token.i - 1])


def _ends_sentence(token: Token) -> bool:
    text = token.text
    if text[-1] not in SENTENCE_END:
        return False
    # "C.W.", "Dr." and "St." are abbreviations: spaCy splits a sentence's full stop off its word.
    if text == "." and token.i > 0 and _abbreviation(token.doc[token.i - 1]):
        return False  # "Ma. Rosario", "J. Smith", "St. James"
    return len(text) == 1 or text[-1] in "!?…" or not any(c.isalpha() for c in text)


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
            if i > 0 and doc[i - 1].lower_ in PLACE_PREFIXES and not doc[i - 1].whitespace_.count("\n"):
                run.insert(0, doc[i - 1])  # "parc La Fontaine", "ul. Indiry Gandhi"
            elif i > 1 and doc[i - 1].text == "." and doc[i - 2].lower_ + "." in PLACE_PREFIXES:
                run[:0] = [doc[i - 2], doc[i - 1]]
            j = i + 1
            while j < len(doc):
                token = doc[j]
                if "\n" in doc[j - 1].whitespace_:
                    break
                if _wrapped(doc, j):  # a name the writer's line break cut in two: "Hôpital\nÉdouard-Herriot"
                    run.extend((token, doc[j + 1]))
                    j += 2
                    continue
                if is_capitalised(token) and not starts[j]:
                    run.append(token)
                    j += 1
                elif token.text == "." and not doc[j - 1].whitespace_ and _abbreviation(doc[j - 1]):
                    run.append(token)  # "Ma. Rosario Dela Cruz"
                    j += 1
                elif _joined(doc, j):  # "Ji-woo", "Kamal-ol-Molk": a hyphen inside one word
                    run.extend((token, doc[j + 1]))
                    j += 2
                elif (links := _connectors(doc, j)) is not None:  # "Temple of the Tooth"
                    run.extend(doc[j : links + 1])
                    j = links + 1
                elif _foreign(token):  # "Norrlands universitetssjukhus", "Fakultní nemocnice Brno"
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
                    # "Red Cross", "Rotary Club": what follows names nothing without the first word
                    and not (len(run) > 1 and run[0].lower_ not in GRAMMAR_WORDS and _generic_rest(run[1:]))
                )
            )
        ):
            run = run[1:]
        while run and (
            run[0].text in ("-", "‐") or (run[0].lower_ in CONNECTORS and not is_capitalised(run[0]))
        ):
            run = run[1:]
        while run and (
            (run[-1].lower_ in NOT_NAMES and not (len(run) > 1 and run[-2].lower_ in CONNECTORS))
            or run[-1].lower_ in CONNECTORS
            or run[-1].text == "-"
        ):
            run = run[:-1]  # but "Church of Pentecost" keeps its feast
        if not run:
            return
        meaningful = [
            t for t in run if t.lower_ not in CONNECTORS and t.lower_ not in NOT_NAMES and t.text != "-"
        ]
        if not meaningful or all(t.lower_ in GRAMMAR_WORDS - NAME_MODALS for t in meaningful):
            return
        words = [t for t in run if t.lower_ not in CONNECTORS and t.text != "-"]
        if len(words) == 1 and words[0].lower_ in GENERIC:
            return  # "the Hospital", "the Ward"
        if is_greeting(doc, run, opening=opening) and not self.lone_name(run[0], doc):
            return
        shouted = len(meaningful) > 1 and any(t.whitespace_ for t in run[:-1])
        if shouted and all(t.text.isupper() for t in meaningful):
            # A run in capitals is a shout ("THANK YOU FOR YOUR BLOOD"): only its unknown words may be names.
            shout = list(re.finditer(r"\S+", doc.text[run[0].idx : run[-1].idx + len(run[-1])]))
            for index, word in enumerate(shout):
                value = word.group().strip(".,;:!?'\"")
                if len(value) > 1 and not is_ordinary(value) and value.lower() not in SLANG | NOT_NAMES:
                    last = index  # with the generic words after it: "LEEDS UNITED", "BRAMLEY PARK ACADEMY"
                    while (
                        last + 1 < len(shout) and shout[last + 1].group().strip(".,;:!?").lower() in GENERIC
                    ):
                        last += 1
                    start = run[0].idx + word.start()
                    yield Flag(start, run[0].idx + shout[last].end(), "NAME", "capitals", 0.5)  # "COLO-COLO"
            return
        first = run[0]
        # Parts of a hyphenated name count as capitalised: "Ji-woo".
        capitalised = [t for t in meaningful if is_capitalised(t) or (t.i > 0 and doc[t.i - 1].text == "-")]
        if (
            starts[first.i]
            and len(capitalised) == 1
            and (first.i not in ner or is_ordinary(first.text))
            and not self.lone_name(first, doc)
        ):
            return
        if (
            len(meaningful) == 1
            and first.text.isupper()
            and (first.lower_ in GRAMMAR_WORDS or (len(first) > 2 and is_ordinary(first.text)))
        ):
            return  # "SO nervous", "YOUR bone marrow"
        label = _label_for(run, ner)
        confidence = 0.6 if all(is_ordinary(t.text) for t in meaningful) else 0.7
        yield Flag(run[0].idx, run[-1].idx + len(run[-1]), label, "capitals", confidence)

    @staticmethod
    def lone_name(token: Token, doc: Doc) -> bool:
        """Whether a lone capitalised word at a sentence start is a name ("Marisol says", "Heather has")."""
        word = token.lower_
        in_lists = word in lexicon.given_names() or word in lexicon.family_names() or word in lexicon.places()
        if in_lists and not is_ordinary(token.text):
            return True
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in ("'s", "’s") and word in lexicon.given_names():
            return word not in GRAMMAR_WORDS  # "Faith's donor"
        if (
            word in lexicon.given_names()
            and nxt is not None
            and nxt.text == ","
            and token.i + 2 < len(doc)
            and doc[token.i + 2].lower_ in POSSESSIVES | {"the"}
        ):
            return True  # "Grace, my youngest, was in hospital"
        if (
            word in lexicon.given_names()
            and nxt is not None
            and nxt.lower_ == "and"
            and token.i + 2 < len(doc)
            and (
                doc[token.i + 2].lower_ in {"i", "me", "my", "her", "his", "their"}
                or is_capitalised(doc[token.i + 2])
            )
        ):
            return True  # "Grace and her little brother", not "Grace and peace"
        if word not in lexicon.given_names() or word in ABSTRACT_NOUNS or word in GRAMMAR_WORDS - NAME_MODALS:
            return False
        return (
            nxt is not None
            and nxt.is_lower
            and (nxt.lower_ in SUBJECT_VERBS or nxt.lower_.endswith(("s", "ed")))
        )


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


def _abbreviation(token: Token) -> bool:
    """A short capitalised word before a full stop of its own: "Ma", "St", "J"."""
    return not token.whitespace_ and token.is_alpha and len(token) <= 2 and token.text.istitle()


def _rare_name(token: Token) -> bool:
    """A first or family name that is no frequent word: "Rosario Dela Cruz", not "Will Smith"."""
    word = token.lower_
    in_lists = word in lexicon.given_names() or word in lexicon.family_names()
    return in_lists and word not in lexicon.common_words()


def _known_name(token: Token) -> bool:
    word = token.lower_
    in_lists = word in lexicon.given_names() or word in lexicon.family_names() or word in lexicon.places()
    return in_lists and not is_ordinary(token.text)


def _line_start(doc: Doc, token: Token) -> bool:
    return token.i == 0 or "\n" in doc[token.i - 1].whitespace_ or "\n" in doc[token.i - 1].text


def is_greeting(doc: Doc, tokens: Sequence[Token], *, opening: Token | None = None) -> bool:
    """Whether words are a greeting or a closing formula rather than names.

    A greeting opens a line and ends at "," "!" ":" or "." ("Querido donante,", "Kia ora!"); a closing
    opens one of the last three lines and a comma and the signature follow ("Un abrazo apretado desde el
    fin del mundo, Cami"). Words the name lists know are never taken for either.
    """
    first, last = tokens[0], tokens[-1]
    if not _line_start(doc, opening or first) or any(_known_name(t) for t in tokens):
        return False
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in {",", "!", ":", ".", "¡"}:
        return True
    line_end = doc.text.find("\n", last.idx)
    line_end = len(doc.text) if line_end == -1 else line_end
    after = doc.text[last.idx + len(last) : line_end]
    closing = re.fullmatch(r"[^,.!?;]{0,60},\s*\S[^!?]{0,60}", after)
    return bool(closing) and len(doc.text[line_end:].split()) <= 8


def _connectors(doc: Doc, j: int) -> int | None:
    """The index of the capitalised word that up to two connectors from j lead to, if any."""
    k = j
    while k < len(doc) and k - j < 3 and doc[k].lower_ in CONNECTORS and "\n" not in doc[k].whitespace_:
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


def _name_like(token: Token, *, listed: bool = False) -> bool:
    """Whether a word right after a cue ("my dog ___") can be a name; `listed` after a comma or "and"."""
    word = token.lower_
    if not token.is_alpha or len(word) < 2 or word in NOT_IDENTIFYING:
        return False
    if word in TITLE_CUES or word in RELATION_CUES:
        return False  # "her named nurse"
    if is_capitalised(token):
        return word not in GRAMMAR_WORDS - NAME_MODALS
    if word in GRAMMAR_WORDS:
        return False
    if word in lexicon.common_words():
        return False  # "my mother said", "my son loves"
    if word in lexicon.given_names():
        return True
    if word.endswith(("ly", "ed", "ing")):
        return False  # "my wife finally", "my dog barked"
    return listed or not (is_ordinary(word) and word.endswith("s"))  # "our dog pretzel", not "our dog sleeps"


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
                (word in TITLE_CUES and (is_capitalised(nxt) or self._lower_names(doc, nxt)))
                or (
                    word in RELATION_CUES
                    and token.i > 0
                    and self._possessive_before(doc, token.i)
                    and (word in PET_CUES or is_capitalised(nxt) or self._lower_names(doc, nxt))
                )
                or word in NAMING_VERBS
                or (word == "is" and token.i >= 2 and doc[token.i - 1].lower_ == "name")
            ):
                cue = True
            elif word in ("i'm", "im") or (
                word in ("am", "'m", "’m") and token.i > 0 and doc[token.i - 1].lower_ == "i"
            ):
                after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
                cue = (
                    is_capitalised(nxt)
                    or (not is_ordinary(nxt.text) and nxt.lower_ in lexicon.given_names())
                    # "i'm sage (yes, like the herb)": a name the lists know, then a pause
                    or (
                        nxt.lower_ in lexicon.given_names()
                        and nxt.lower_ not in lexicon.common_words()
                        and (after is None or after.is_punct)
                    )
                )
            elif word in ("is", "was") and self._relation_before(doc, token.i):
                # "my big brother is chip": only a name the lists know, not "my brother is tall".
                cue = nxt.lower_ in lexicon.given_names() and nxt.lower_ not in lexicon.common_words()
            elif word in ("calls", "call") and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "me":
                nxt = self._next_word(doc, token.i + 1)  # "everyone calls me Gopi"
                cue = nxt is not None
            listed = nxt is not None and any(t.text in (",", ":") for t in doc[token.i + 1 : nxt.i])
            if not cue or nxt is None or not _name_like(nxt, listed=listed):
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
            yield from self._listed(doc, end)

    def _listed(self, doc: Doc, last: Token) -> Iterator[Flag]:
        """The other names of a list a cue opened: "our cats, mittens and biscuit", "Will, Summer, Jack"."""
        k = last.i + 1
        for _ in range(4):
            while k < len(doc) and (
                doc[k].text in {",", "(", ")", "and", "&", "or"}
                or doc[k].like_num
                or (doc[k].is_space and "\n\n" not in doc[k].text)
            ):
                k += 1
            if k >= len(doc) or k == last.i + 1 or not _name_like(doc[k], listed=True) or doc[k].is_punct:
                return
            joined = doc[last.i + 1 : k]
            # A comma alone lists only capitalised names: "Róisín, rang me" ends the list.
            links = ("and", "&", ",", "or") if is_capitalised(doc[k]) else ("and", "&", "or")
            if not any(t.lower_ in links for t in joined):
                return
            yield Flag(doc[k].idx, doc[k].idx + len(doc[k]), "NAME", "context", 0.6)
            last, k = doc[k], k + 1

    @staticmethod
    def _lower_names(doc: Doc, token: Token) -> bool:
        """Whether a lower-case word after "my sister" may be her name: writers who use capitals write
        names with one, so there only a name the lists know or no English word counts ("drove" does not)."""
        from redaction.detectors.lowercase import is_lowercase_letter

        word = token.lower_
        if word in lexicon.given_names() or not is_ordinary(word):
            return True
        return is_lowercase_letter(doc)

    @classmethod
    def _relation_before(cls, doc: Doc, i: int) -> bool:
        return i > 0 and doc[i - 1].lower_ in RELATION_CUES and cls._possessive_before(doc, i - 1)

    @staticmethod
    def _possessive_before(doc: Doc, i: int) -> bool:
        for k in range(i - 1, max(-1, i - 4), -1):
            if doc[k].lower_ in POSSESSIVES:
                return True
            if doc[k].is_punct or (doc[k].is_space and "\n\n" in doc[k].text):
                return False
            if doc[k].is_space:
                continue
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
        # The last lines of a letter: "Semper Fi, Travis", "Ancy (Ammu)", "E.".
        for index in range(max(1, len(lines) - 2), len(lines)):
            start, end = lines[index]
            line = text[start:end]
            after_comma = text[lines[index - 1][0] : lines[index - 1][1]].rstrip().endswith(",")
            closing = line.rstrip()[-1:] in (",", ":", "?") or (
                line.rstrip().endswith(".") and len(line.split()) > 2
            )
            if len(line.split()) <= 6 and not closing:
                # A letter's last line of one or two words is its signature, even "kay" or "Hope".
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
            if not word or not any(c.isalpha() for c in word):
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


class LowerCaseGazetteerDetector:
    """A lower-case town only the place list knows, after "in", "from", "near": "we live in kelowna".

    Without that cue the lists flag foreign words ("gracias", "sana") more often than places.
    """

    CUES = frozenset({"in", "from", "near", "to", "at", "outside", "visit", "visiting", "visited", "moved"})

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        for token in doc[1:]:
            text = token.text
            if (
                not token.is_alpha
                or not text.islower()
                or len(text) < 4
                or doc[token.i - 1].lower_ not in self.CUES
            ):
                continue
            if is_ordinary(text) or text in lexicon.common_words() or text in NOT_IDENTIFYING:
                continue
            if text in lexicon.places():
                yield Flag(token.idx, token.idx + len(text), "LOCATION", "gazetteer", 0.5)


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

    def find(self, letter: Letter) -> Iterator[Flag]:
        for m in self.PATTERN.finditer(letter.text):
            value = m.group().strip()
            if value.replace(" ", "") in self.NOT_INITIALS:
                continue
            yield Flag(m.start(), m.start() + len(value), "INITIALS", "pattern", 0.75)
