"""One test or table per layer that the whole-letter tests do not already pin down."""

import pytest

from redaction import detect
from redaction.detectors.ner import NerDetector
from redaction.detectors.text import is_greeting, is_lowercase_letter, sentence_starts
from redaction.model import nlp
from redaction.types import Letter
from tests.redaction.helpers import flagged, untouched


def _letter(text: str) -> Letter:
    return Letter(text=text, doc=nlp()(text))


def test_it_maps_the_models_entities_to_our_labels():
    """PERSON is a NAME, GPE a LOCATION, ORG an ORGANISATION, a personal date a DATE; a count is nothing."""
    text = (
        "My husband Anders works at Vestergaard Logistics in Seattle. "
        "We married on 4 July 2015 with 300 guests."
    )
    labels = {text[f.start : f.end]: f.label for f in NerDetector().find(_letter(text))}
    assert labels.get("Anders") == "NAME"
    assert labels.get("Seattle") == "LOCATION"
    assert labels.get("Vestergaard Logistics") == "ORGANISATION"
    assert labels.get("4 July 2015") == "DATE"
    assert not any("300" in span for span in labels)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("hi!! so im tam. i live in salina. i like dogs", True, id="no-capitals"),
        pytest.param("Hi! I'm Tam. I live in Salina. I like dogs.", False, id="capitals"),
        pytest.param("hey there, i think i should say that i am fine", True, id="lone-i"),
    ],
)
def test_it_tells_letters_written_without_capitals(text, expected):
    """Most sentences opening in lower case, or 'i' standing alone, mark such a letter."""
    assert is_lowercase_letter(nlp()(text)) is expected


def test_it_reads_a_letter_without_capitals_as_if_it_had_them():
    """Unknown words, places after prepositions, '<words> hospital' and cheered teams are flagged."""
    text = "hi im noa. i live in tauranga and i go to otumoetai intermediate. go chiefs!! my nana says hi"
    for fragment in ("noa", "tauranga", "otumoetai intermediate", "chiefs"):
        assert flagged(text, fragment), fragment
    assert untouched(text, "nana")


def test_it_repeats_a_name_found_once_across_the_letter():
    """'my wife Pearl' makes 'Pearl' at a sentence start a name too; 'May I' stays a verb."""
    text = "My wife Pearl sends her love. Pearl says hello. My sister May came too. May I ask how you are?"
    flags = detect(text)
    starts = {f.start for f in flags}
    assert text.index("Pearl says") in starts
    assert text.index("May I") not in starts


def test_it_sees_sentence_starts_after_stops_quotes_and_line_breaks_but_not_abbreviations():
    """A capital after '.', a line break or an opening quote says nothing; after 'Ma.' it does."""
    doc = nlp()('Hello there. She said "We won" and\nThen my name is Ma. Lourdes.')
    starts = {t.text for t, start in zip(doc, sentence_starts(doc), strict=True) if start}
    assert {"Hello", "She", "We", "Then"} <= starts
    assert "Lourdes" not in starts


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        pytest.param("Querido donante,\n\nGracias.", "Querido donante", True, id="greeting"),
        pytest.param("Thanks.\n\nUn abrazo fuerte, Nati", "Un abrazo fuerte", True, id="closing"),
        pytest.param("Leonora, I hope you are well.", "Leonora", False, id="a-known-name"),
    ],
)
def test_it_tells_greetings_and_closings_from_names(text, words, expected):
    """Opening and closing formulas in any language are no names; names the lists know always are."""
    doc = nlp()(text)
    start = text.index(words)
    tokens = [t for t in doc if start <= t.idx < start + len(words)]
    assert is_greeting(doc, tokens) is expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("hi. i'm finn and we have a farm out of town. i love it", "finn", id="im-a-name"),
        pytest.param(
            "hi. my husband hope and our girl came too. it was fun", "hope", id="a-word-name-before-and"
        ),
        pytest.param(
            "hi. my kids will (9) and nell (7) made you a card. ok",
            "will",
            id="a-modal-name-before-a-pause",
        ),
        pytest.param("hi. my name's olive (like the tree). i am 17", "olive", id="name-s"),
        pytest.param("hi. i am mandeep grewal bains from bristol. i am 22", "grewal bains", id="full-name"),
        pytest.param(
            "hi. i'm with irish blood service since 2019. so yeah",
            "irish blood service",
            id="org-phrase",
        ),
        pytest.param(
            "hi. my donor number is ab-7302-1148 they said. ok", "ab-7302-1148", id="lower-case-reference"
        ),
    ],
)
def test_it_finds_names_in_letters_without_capitals(text, fragment):
    """Without capitals, cues and the lists still find names, bodies and references."""
    assert flagged(text, fragment)


def test_it_leaves_modal_verbs_and_ages_alone():
    """'my son will be fine' and '27-year-old' name nobody."""
    text = "hi. my son will be fine now. i'm a 27-year-old plumber. ok bye"
    assert untouched(text, "will")
    assert untouched(text, "27-year-old")


def test_it_reads_hard_wrapped_prose_like_unwrapped_prose():
    """Line breaks inside sentences of wrapped text do not cut names or make greetings."""
    text = (
        "My aunt goes to mass every single week, and she remembers you in her prayers at the Chapel of\n"
        "Advent in the old quarter. My uncle worked all his life as a porter for NHS\n"
        "Tayside, and we climbed the mont Sainte-Anne last autumn with a cousin from Kothrud\n"
        "when she visited. You can reach me on +44 7700\n900123 some day."
    )
    for fragment in ("Chapel of\nAdvent", "NHS\nTayside", "mont Sainte-Anne", "Kothrud", "+44 7700\n900123"):
        assert flagged(text, fragment), fragment


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "hi. they moved me to the hospital santa clara in the end. ok",
            "hospital santa clara",
            id="org-then-name",
        ),
        pytest.param(
            "hi. we had a picnic at the falls of clyde. it was nice", "falls of clyde", id="place-then-name"
        ),
        pytest.param("hi. three weeks on ward c7 felt long. ok", "ward c7", id="ward"),
        pytest.param("hi. stay strong. go the hurricanes! bye", "hurricanes", id="cheer"),
        pytest.param(
            "hi. our kids will (9), summer (7) and leo (4) send hugs. ok", "summer", id="listed-word-name"
        ),
    ],
)
def test_it_finds_more_in_letters_without_capitals(text, fragment):
    """Names after an organisation or place word, cheered teams and listed children."""
    assert flagged(text, fragment)


def _flags(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.label for f in detect(text)}


def test_it_reads_a_letter_written_in_capitals_again_in_lower_case():
    """In a letter in capitals, names, towns and pets are found though capitals say nothing."""
    text = (
        "DEAR DONOR, MY NAME IS TAVISH AND I LIVE IN KIRKCALDY WITH MY WIFE EILIDH. "
        "OUR DOG IS CALLED BRAMBLE. THANK YOU FOR EVERYTHING.\n\nLOVE, TAVISH"
    )
    flagged = _flags(text)
    for name in ("TAVISH", "KIRKCALDY", "EILIDH", "BRAMBLE"):
        assert any(name in span for span in flagged), name
    assert not any("THANK" in span or "DONOR" in span for span in flagged)


def test_it_flags_lower_case_initials_in_a_letter_without_capitals_but_not_abbreviations():
    """'r.t.' under a sign-off is someone's initials; 'e.g.' and 'a.m.' are not."""
    text = (
        "thanks so much. you are a star. i mean it.\n\nrewi (r.t. if they cut my name) e.g. see you at 9 a.m."
    )
    flagged = _flags(text)
    assert flagged.get("r.t.") == "INITIALS"
    assert "e.g." not in flagged and "a.m." not in flagged


def test_it_keeps_ordinary_words_out_of_the_names_the_model_finds():
    """'My wife Leonora sends love' flags 'Leonora', not the words around her."""
    text = "My wife Leonora sends love, and so does our neighbour."
    assert "Leonora" in _flags(text)
    assert not any("sends" in span or "wife" in span for span in _flags(text))


def test_it_flags_a_body_named_for_someone_as_one_organisation():
    """'the Royal Halden Hospital for Sick Children' is one organisation, 'for' included."""
    text = "We spent a month at the Royal Halden Hospital for Sick Children last year."
    assert _flags(text).get("Royal Halden Hospital for Sick Children") == "ORGANISATION"


def test_it_names_a_flag_by_its_own_words():
    """An inn is a place and a rowing club an organisation, whichever layer found them."""
    text = "After the regatta with the Maddox Rowing Club we had a pint at the Old Ferry Inn in Marlow."
    flagged = _flags(text)
    assert flagged.get("Maddox Rowing Club") == "ORGANISATION"
    assert flagged.get("Old Ferry Inn") == "LOCATION"
