"""One test or table per layer that the whole-letter tests do not already pin down."""

import pytest

from redaction import detect
from redaction.detectors.lowercase import unknown
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


LOWER_CASE_LETTER = (
    "hello from the coast\n\n"
    "i'm writing this on the train. my aunt hazel phoned every evening of my treatment and my nephew will "
    "wrote me a poem. the family chose the name ivy for my new niece, so ivy is in the family now. my son "
    "will be fine, he says. last spring i took a job in chicago, and now we are home at 7 gull row, tenby, "
    "sa70 7bj. my cousin lives at 40 birch st, bend, or 97701, and my aunt in cork, t12 p9x4. the 2nd one "
    "is me.\n\nlove\nnell"
)


@pytest.mark.parametrize(
    "fragment",
    ["hazel", "ivy", "chicago", "sa70 7bj", "or 97701", "t12 p9x4", "nell"],
)
def test_it_finds_word_names_postcodes_and_frequent_places_without_capitals(fragment):
    """Without capitals: a given name that is a word before its verb or after "the name", a frequent word
    only places are named, and postcodes of the UK, Ireland and the US (with the state) in lower case."""
    assert flagged(LOWER_CASE_LETTER, fragment)


def test_it_finds_a_modal_that_is_a_name_before_its_verb_without_capitals():
    """'my nephew will wrote': a past tense after 'will' says it is his name."""
    text = LOWER_CASE_LETTER
    start = text.index("will \nwrote") if "will \nwrote" in text else text.index("will wrote")
    assert any(f.start <= start and start + 4 <= f.end for f in detect(text))


def test_it_leaves_modal_verbs_ordinals_and_word_names_without_a_verb_alone_without_capitals():
    """'my son will be fine' keeps its verb, 'the 2nd one' is no postcode, 'my sister rose early' no name
    ('early' is no verb), 'the coast' no place, and a verb after 'my uncle' or 'my aunt' is no name."""
    text = (
        "hi from the coast. my son will be fine, the doctors say. my sister rose early to drive me. "
        "the 2nd one was worse. i am 40 and i live in a flat. my uncle drove us to the clinic and my aunt "
        'said, "rest now". ok bye\n\nnell'
    )
    for fragment in ("will be fine", "2nd one", "rose early", "coast", "drove", "said"):
        assert untouched(text, fragment), fragment


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("hi. the storm came over maple ridge at night. ok", "maple ridge", id="ridge"),
        pytest.param("hi. our cabin is near bell mountain, by the creek. ok", "bell mountain", id="mountain"),
        pytest.param("hi. we moved to sugar county last year. ok", "sugar county", id="county"),
    ],
)
def test_it_flags_a_place_named_in_one_word_before_a_landform_without_capitals(text, fragment):
    """'over maple ridge': a word between a preposition and a landform is the place's name."""
    assert flagged(text, fragment)


def test_it_leaves_a_landform_after_a_determiner_alone_without_capitals():
    text = "hi. we walked up the mountain and into every county on the map. ok"
    assert untouched(text, "mountain")
    assert untouched(text, "county")


def test_it_flags_a_word_name_set_off_by_commas_without_capitals():
    """'and then, patience, wrote to us' and 'hazel, our night nurse, sat up': the commas, the verb or the
    role after them say the word is a name."""
    text = (
        "hi. the ward was calm. my old teacher heard and then, patience, wrote to us from abroad. at night "
        "hazel, our night nurse, sat up with me. you need patience, i know. ok bye\n\nnell"
    )
    flags = detect(text)
    first = text.index("patience")
    assert any(f.start <= first and first + len("patience") <= f.end for f in flags)
    assert flagged(text, "hazel")


def test_it_leaves_a_word_between_commas_that_goes_on_as_no_sentence_alone():
    """'you need time, patience, and rest': no verb or role after the commas, so no name."""
    text = "hi. the nurses were great. you need time, patience, and rest, they said. ok bye\n\nnell"
    assert untouched(text, "patience")


def test_it_keeps_one_everyday_word_out_of_the_models_names_without_capitals():
    """In a letter without capitals the model's one-word span that is an everyday word no list holds
    ("breakfast") is dropped; a listed name ("hazel") and a word after "the" (a team, "the stars") stay."""
    letter = _letter("hi. i made breakfast for hazel. we watched the stars on tv. i am 40. ok bye\n\nnell")
    doc = letter.doc
    word = {t.text: t for t in doc}
    assert NerDetector._ordinary_lower_case([word["breakfast"]])
    assert not NerDetector._ordinary_lower_case([word["hazel"]])
    assert not NerDetector._ordinary_lower_case([word["stars"]])


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "hi. my flatmate and i signed up with cells for hope in march. ok",
            "cells for hope",
            id="signed-up-with",
        ),
        pytest.param(
            "hi. i registered with hope link after a talk at work. ok", "hope link", id="registered"
        ),
        pytest.param("hi. my boys play for 1. fc hollerbach now. ok", "1. fc hollerbach", id="club"),
        pytest.param(
            "hi. the kowalczyks next door lent us their car. ok", "kowalczyks", id="family-next-door"
        ),
    ],
)
def test_it_flags_bodies_one_joins_clubs_and_families_without_capitals(text, fragment):
    """A registry or group after 'signed up with' or 'registered with' up to 'in' or 'after', a sports
    club's letters and its town, a family named in the plural where it lives."""
    assert flagged(text, fragment)


def test_it_leaves_generic_bodies_and_everyday_neighbours_alone_without_capitals():
    text = "hi. i joined the register in 2019 and joined a gym. the kids next door waved. ok bye\n\nnell"
    for fragment in ("register", "gym", "kids"):
        assert untouched(text, fragment), fragment


def test_it_drops_the_stop_of_a_greeting_read_as_an_abbreviation():
    """'Hi. I ...': the stop after a greeting is no name."""
    text = "hi. i am on the register now. ok bye\n\nnell"
    assert untouched(text, "hi.")


def test_it_reads_frequent_words_of_other_languages_as_words_without_capitals():
    """In a letter without capitals 'danke' and 'obrigado' are no unknown words to read as names; a name no
    list knows ('zorvan') still is one."""
    doc = _letter("hi. i am zorvan. danke für alles, obrigado. ok bye\n\nzorvan").doc
    word = {t.text: t for t in doc}
    assert not unknown(word["danke"])
    assert not unknown(word["obrigado"])
    assert unknown(word["zorvan"])


def test_it_flags_a_frequent_town_after_a_preposition_in_a_letter_with_capitals():
    """'moved to paris' in a letter that capitalises names: the gazetteer still knows the town."""
    text = "Dear Donor,\n\nI am Ruth. Last year we moved to paris for my work. It rains a lot.\n\nRuth"
    assert flagged(text, "paris")


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
