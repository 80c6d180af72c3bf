"""Names after cues: titles (Dr., nurse), relations (my wife, our dog), "named", "my name is"."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from redaction import lexicon
from redaction.detectors.text import (
    NAME_MODALS,
    POSSESSIVES,
    SUBJECT_VERBS,
    is_capitalised,
    is_lowercase_letter,
    is_uppercase_letter,
)
from redaction.lexicon import (
    GRAMMAR_WORDS,
    NAMING_VERBS,
    NOT_IDENTIFYING,
    ORG_WORDS,
    PET_CUES,
    PET_STATES,
    RELATION_CUES,
    TITLE_CUES,
    is_ordinary,
    words,
)
from redaction.types import Flag, Letter

# Verbs in the past or the third person that a sentence goes on with after its subject: English's common
# irregular pasts and frequent present forms ("-ed" pasts are told by their ending).
FINITE_VERBS = frozenset(
    words(
        """
    was were had did said made went took came saw knew got gave found thought told became left felt brought
    began kept held wrote stood heard meant met ran paid sat spoke lay led read grew lost fell sent built
    understood drew broke spent cut rose drove bought wore chose ate drank flew forgot taught caught fought
    sold slept shook hid rode threw wept swam rang sang stuck
    is has does says goes makes takes comes sees knows gets gives thinks tells works lives loves wants
    helps sends
    """
    )
)


# Who someone is, after their name and a comma: "bonnie, our night nurse".
ROLE_WORDS = frozenset(
    words(
        """
    nurse nurses doctor specialist coordinator consultant teacher chaplain therapist worker volunteer carer
    counsellor counselor physio physiotherapist surgeon midwife registrar receptionist porter cleaner
    """
    )
)


# Endings of words that say how a pet is ("friendly", "spoiled", "barking", "nervous", "playful").
PET_STATE_ENDINGS = ("ly", "ed", "ing", "ous", "ful", "ive", "able", "ible", "less", "ish", "ic", "est")
# Words after which a pet's name has ended: "our cat is mouse and she hunts".
PAUSE_WORDS = frozenset(words("and but who she he they so because since now too though"))


def _name_like(token: Token, *, listed: bool = False) -> bool:
    """Whether a word right after a cue ("my dog ___") can be a name; `listed` after a comma or "and"."""
    word = token.lower_
    if not token.is_alpha or len(word) < 2 or word in NOT_IDENTIFYING:
        return False
    if word in TITLE_CUES or word in RELATION_CUES:
        return False  # "his named nurse"
    if is_capitalised(token):
        return word not in GRAMMAR_WORDS - NAME_MODALS
    if word in GRAMMAR_WORDS or word in FINITE_VERBS:
        return False  # "my uncle drove us"
    if word in lexicon.common_words():
        return False  # "my mother said", "my son loves"
    if word in lexicon.given_names():
        return True
    if word.endswith(("ly", "ed", "ing")):
        return False  # "my wife finally", "my dog barked"
    return listed or not (is_ordinary(word) and word.endswith("s"))  # "our dog noodle", not "our dog sleeps"


def _shouted_name(token: Token, *, family: bool = False) -> bool:
    """In a letter written in capitals, whether a word after a cue is a name the lists know ("GRACE",
    "WILL"; a family name only after a title: "DR STRONG", not "MY MOTHER SAID") or no English word
    ("SIOBHAN"), not "SAYS" or "DRIVING"."""
    word = token.lower_
    if word in SUBJECT_VERBS - NAME_MODALS:
        return False  # "MY HUSBAND SAID": "Said" is a name too
    if word in lexicon.given_names() or (family and word in lexicon.family_names()):
        return word not in GRAMMAR_WORDS - NAME_MODALS
    return not is_ordinary(word) and word not in lexicon.common_words()


def _goes_on_as_verb(token: Token | None) -> bool:
    """Whether `token` reads as the verb of the sentence a name opened ("... hazel phoned us")."""
    if token is None or not token.is_alpha or not token.text.islower():
        return False
    word = token.text
    return word in FINITE_VERBS or (len(word) >= 5 and word.endswith("ed") and is_ordinary(word))


# A nickname in quotes after what people call one: 'everyone calls me "pops"', "KNOWN AS 'TINY'".
QUOTED_NICKNAME = re.compile(
    r"\b(?:call(?:s|ed|ing)?[ \t]+(?:me|him|her|us|them|you|it)|known[ \t]+as|nicknamed|go(?:es)?[ \t]+by|"
    r"went[ \t]+by|answers?[ \t]+to)[ \t]*,?[ \t]+[\"“‘']"
    r"(?P<name>[^\W\d_][\w’'.-]*(?:[ \t]+[^\W\d_][\w’'.-]*){0,2})[,.!?]?[\"”’'](?!\w)",
    re.IGNORECASE,
)


# Every word the detector below reads as a cue, in any of its branches.
CUE_WORDS = (
    TITLE_CUES
    | RELATION_CUES
    | NAMING_VERBS
    | frozenset({"is", "was", "'s", "’s", "name", "i'm", "im", "am", "'m", "’m", "calls", "call"})
)


class CueDetector:
    """Names after cues: titles (Dr., nurse), relations (my wife, our dog), "named", "my name is"."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        doc = letter.doc
        for m in QUOTED_NICKNAME.finditer(letter.text):
            parts = m.group("name").lower().split()
            if not any(w in GRAMMAR_WORDS or w in NOT_IDENTIFYING for w in parts):  # 'known as "the donor"'
                yield Flag(m.start("name"), m.end("name"), "NAME", "context", 0.7)
        # In a letter written in capitals they say nothing ("MY WIFE SAYS"): only a name the lists know
        # follows a cue there ("MY SISTER GRACE"); the upper-case layer reads the rest lower-cased.
        shouted = is_uppercase_letter(letter.text)
        no_capitals = is_lowercase_letter(doc)
        for token in doc:
            word = token.lower_
            if word not in CUE_WORDS:  # most words cue nothing: skip them before looking ahead
                continue
            nxt = self._next_word(doc, token.i)
            if nxt is None:
                continue
            cue = strong = False
            if (
                (word in TITLE_CUES and (is_capitalised(nxt) or self._lower_names(doc, nxt)))
                or (
                    word in RELATION_CUES
                    and token.i > 0
                    and self._possessive_before(doc, token.i)
                    and (word in PET_CUES or is_capitalised(nxt) or self._lower_names(doc, nxt))
                )
                or word in NAMING_VERBS
                or (word in ("is", "'s", "’s") and token.i >= 1 and doc[token.i - 1].lower_ == "name")
            ):
                cue = True
                strong = word in NAMING_VERBS or word in ("is", "'s", "’s")
            elif word == "name" and token.i > 0 and doc[token.i - 1].lower_ == "the":
                cue = strong = True  # "they chose the name ivy for me"
            elif word in ("i'm", "im") or (
                word in ("am", "'m", "’m") and token.i > 0 and doc[token.i - 1].lower_ == "i"
            ):
                after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
                cue = (
                    is_capitalised(nxt)
                    or (not is_ordinary(nxt.text) and nxt.lower_ in lexicon.given_names())
                    or (no_capitals and (nxt.lower_ in lexicon.given_names() or not is_ordinary(nxt.text)))
                    # "i'm bay (yes, like the leaf)": a name the lists know, then a pause
                    or (
                        nxt.lower_ in lexicon.given_names()
                        and nxt.lower_ not in lexicon.common_words()
                        and (after is None or after.is_punct)
                    )
                )
            elif word in ("is", "was") and self._relation_before(doc, token.i):
                # "my big sister is clem": only a name the lists know, not "my brother is tall".
                cue = nxt.lower_ in lexicon.given_names() and nxt.lower_ not in lexicon.common_words()
            elif word in ("calls", "call") and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "me":
                nxt = self._next_word(doc, token.i + 1)  # "everyone calls me Pinto"
                cue = strong = nxt is not None
            listed = nxt is not None and any(t.text in (",", ":") for t in doc[token.i + 1 : nxt.i])
            if not cue or nxt is None:
                continue
            if shouted and not _shouted_name(nxt, family=word in TITLE_CUES):
                continue
            if not (
                _name_like(nxt, listed=listed)
                or (no_capitals and self._paused_name(doc, nxt))
                or (no_capitals and self._name_that_is_a_word(doc, nxt, strong=strong))
            ):
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
                and (not shouted or _shouted_name(following, family=True))
            ):
                end = following
            while no_capitals and (following := self._next_word(doc, end.i, allow_comma=False)) is not None:
                lower = following.lower_
                if not (
                    (lower in lexicon.family_names() or lower in lexicon.given_names())
                    and lower not in lexicon.common_words()
                    and following.is_alpha
                ):
                    break
                end = following  # "i am mandeep grewal bains"
            yield Flag(nxt.idx, end.idx + len(end), "NAME", "context", 0.7)
            yield from self._listed(doc, end, no_capitals=no_capitals, shouted=shouted)
        if no_capitals:
            yield from self._apposed(doc)
            yield from self._pets_that_are(doc)

    @staticmethod
    def _pets_that_are(doc: Doc) -> Iterator[Flag]:
        """In a letter without capitals (or one in capitals, read lower-cased), a pet's name after "is":
        "my old spaniel is biscuit.", "our tabby is mouse and ...", not "my dog is asleep", "is a lab"."""
        for token in doc[2:-1]:
            if token.lower_ not in ("is", "was") or doc[token.i - 1].lower_ not in PET_CUES:
                continue
            if not CueDetector._relation_before(doc, token.i):
                continue
            name = doc[token.i + 1]
            after = doc[name.i + 1] if name.i + 1 < len(doc) else None
            word = name.lower_
            if (
                not name.is_alpha
                or len(word) < 2
                or word in GRAMMAR_WORDS
                or word in FINITE_VERBS
                or word in PET_STATES
                or word in PET_CUES
                or word in NOT_IDENTIFYING
                or word.endswith(PET_STATE_ENDINGS)
                or not (after is None or after.is_punct or after.lower_ in PAUSE_WORDS)
            ):
                continue
            yield Flag(name.idx, name.idx + len(name), "NAME", "context", 0.7)

    @staticmethod
    def _apposed(doc: Doc) -> Iterator[Flag]:
        """In a letter without capitals, a given name set off by commas that says who it is or goes on as a
        sentence: "bonnie, our night nurse, sat up with me", "and then, hazel, wrote to us"."""
        for token in doc[1:-2]:
            if (
                token.lower_ not in lexicon.given_names()
                or not token.is_alpha
                or token.lower_ in GRAMMAR_WORDS
                or doc[token.i + 1].text != ","
            ):
                continue
            after = doc[token.i + 2 : token.i + 7]
            role = after[0].lower_ in ("the", "our", "my", "a", "an") and any(
                t.lower_ in ROLE_WORDS for t in after[1:]
            )
            aside = doc[token.i - 1].text == "," and _goes_on_as_verb(after[0])
            if role or aside:
                yield Flag(token.idx, token.idx + len(token), "NAME", "context", 0.6)

    def _listed(
        self, doc: Doc, last: Token, *, no_capitals: bool = False, shouted: bool = False
    ) -> Iterator[Flag]:
        """The other names of a list a cue opened: "our hens, pickle and waffle", "Cosmo, Autumn, Reed"."""
        k = last.i + 1
        for _ in range(4):
            while k < len(doc) and (
                doc[k].text in {",", "(", ")", "and", "&", "or"}
                or doc[k].like_num
                or (doc[k].is_space and "\n\n" not in doc[k].text)
            ):
                k += 1
            if k >= len(doc) or k == last.i + 1 or doc[k].is_punct:
                return
            if not _name_like(doc[k], listed=True) and not (no_capitals and self._paused_name(doc, doc[k])):
                return
            if shouted and not _shouted_name(doc[k]):
                return  # "CALL ME THANDI, EVERYONE DOES"
            joined = doc[last.i + 1 : k]
            # A comma alone lists only capitalised names: "Aoibheann, rang me" ends the list.
            commas_list = is_capitalised(doc[k]) or (no_capitals and self._paused_name(doc, doc[k]))
            links = ("and", "&", ",", "or") if commas_list else ("and", "&", "or")
            if not any(t.lower_ in links for t in joined):
                return
            yield Flag(doc[k].idx, doc[k].idx + len(doc[k]), "NAME", "context", 0.6)
            last, k = doc[k], k + 1

    @staticmethod
    def _lower_names(doc: Doc, token: Token) -> bool:
        """Whether a lower-case word after "my sister" may be her name: writers who use capitals write
        names with one, so there only a name the lists know or no English word counts ("drove" does not)."""
        word = token.lower_
        if word in lexicon.given_names() or not is_ordinary(word):
            return True
        return is_lowercase_letter(doc)

    @staticmethod
    def _paused_name(doc: Doc, token: Token) -> bool:
        """In a letter without capitals, a listed name that is also a word, before a pause: "my husband hope
        and our girl", "my kids rose (9)", but not "my son will be fine"."""
        if (
            token.lower_ not in lexicon.given_names()
            or token.lower_ in GRAMMAR_WORDS - {"will", "may"}
            or token.lower_ in FINITE_VERBS  # "my aunt said, ..."
        ):
            return False
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return after is None or after.is_punct or after.lower_ in ("and", "&")

    @staticmethod
    def _name_that_is_a_word(doc: Doc, token: Token, *, strong: bool) -> bool:
        """In a letter without capitals, a given name that is also a word ("ivy", "will"), after a cue that
        names ("please call me ivy", "the name ivy") or before the verb its sentence goes on with ("my aunt
        ivy phoned", "my nephew will wrote"), but not "my son will be fine"."""
        if token.lower_ not in lexicon.given_names() or not token.is_alpha or token.lower_ in FINITE_VERBS:
            return False
        if strong:
            return token.lower_ not in GRAMMAR_WORDS
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return _goes_on_as_verb(after)

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


class EmployerDetector:
    """Employers and schools after their cues, also in lower case: "I stack shelves at aldi"."""

    CUE = re.compile(
        r"\b(?:work(?:s|ed|ing)?|job|shifts?|employed|intern(?:ing)?|volunteer(?:s|ed|ing)?|study|studied|"
        r"studying|student|teach(?:es|ing)?|taught|stack shelves|drives|driving)\s+(?:at|for|by|with)\s+"
        r"(?:the\s+)?"
        r"([\w'’&-]{2,40}(?:\s+[\w'’&-]{2,40}){0,3})",
        re.IGNORECASE,
    )

    def find(self, letter: Letter) -> Iterator[Flag]:
        for m in self.CUE.finditer(letter.text):
            words = m.group(1).split()
            taken = []
            for word in words:
                bare = word.strip("'’")
                lower = bare.lower()
                if (
                    lower in GRAMMAR_WORDS
                    or lower in NOT_IDENTIFYING
                    or (not taken and (lower in lexicon.common_words() or lower in ORG_WORDS))
                ):
                    break  # "work at home", "work for a charity"
                if taken and is_ordinary(bare) and lower not in ORG_WORDS:
                    break  # "aldi on weekends" ends at "on"; "Pryce & Daughters" goes on
                taken.append(word)
            if taken:
                end = m.start(1) + len(" ".join(taken))
                yield Flag(m.start(1), end, "ORGANISATION", "context", 0.6)
