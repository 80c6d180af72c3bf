"""Letters written in capitals: capitals say nothing there, so ordinary words must not become flags, and
the flags that are right must not run on past their entity into the words after them."""

import pytest

from redaction import detect
from redaction.detectors.capitals import plain_phrase
from tests.redaction.helpers import flagged, untouched


def _flags_over(text: str, fragment: str) -> list[tuple[str, str]]:
    """The (text, label) of every flag that overlaps `fragment`'s first occurrence."""
    start = text.index(fragment)
    end = start + len(fragment)
    return [(text[f.start : f.end], f.label) for f in detect(text) if f.start < end and start < f.end]


BORN = (
    "DEAR FRIEND,\n\nI WAS BORN 1966 IN LEEDS AND I HAVE NEVER LIVED MORE THAN TEN MILES FROM THE HOUSE I "
    "GREW UP IN. MY HUSBAND WORKS NIGHTS AT THE BAKERY SO I AM WRITING THIS AT THE KITCHEN TABLE WITH A "
    "POT OF TEA. I HOPE THE WINTER IS KIND TO YOU.\n\nWARMEST WISHES,\nBRONAGH"
)


def test_a_year_before_a_grammar_word_in_capitals_is_no_dutch_postcode():
    """'1966 IN' reads as four digits and two capitals, the form of a Dutch postcode; in capitals 'IN' is
    the word, so the year stays a date and the flag does not run on."""
    assert _flags_over(BORN, "1966") == [("1966", "DATE")]
    assert untouched(BORN, " IN ")
    assert flagged(BORN, "LEEDS")


def test_a_dutch_postcode_still_counts_before_its_town():
    text = "We moved last spring. Our new address is Brouwersgracht 41, 1015 GK Amsterdam, if you ever visit."
    assert flagged(text, "1015 GK")
    shouted = "OUR NEW ADDRESS IS BROUWERSGRACHT 41, 1015 GK AMSTERDAM, IF YOU EVER COME BY THE CANAL."
    assert flagged(shouted, "1015 GK")


MARRIED = (
    "HELLO FROM THE FARM!\n\nMY WIFE AND I MARRIED IN 1988 IN PERTH, AND I BECAME A DONOR IN 2019 WHEN "
    "MY NEPHEW NEEDED PLATELETS. THERE WAS NO REASON TO WAIT AND NO QUESTION OF SAYING NO. I AM 58 YEARS "
    "OLD, A RETIRED LORRY DRIVER, AND MY 31-YEAR-OLD SON RUNS THE PLACE NOW. THE DONATION WAS ON 12 "
    "SEPTEMBER, A SUNNY DAY.\n\nALL THE BEST,\nGORDON"
)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        pytest.param("1988", [("1988", "DATE")], id="year-before-in"),
        pytest.param("2019", [("2019", "DATE")], id="year-after-cue-word"),
        pytest.param("12 SEPTEMBER", [("12 SEPTEMBER", "DATE")], id="date-before-comma"),
    ],
)
def test_dates_in_capitals_keep_their_own_kind(fragment, expected):
    """A year after 'donor' is no donor number running on into 'WHEN MY NEPHEW'; a date before a comma is
    no house number and street."""
    assert _flags_over(MARRIED, fragment) == expected


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param("REASON", id="no-reason-is-no-number"),
        pytest.param("QUESTION", id="no-question-is-no-number"),
        pytest.param("58 YEARS OLD", id="age-is-no-address"),
        pytest.param("31-YEAR-OLD", id="hyphenated-age-is-no-code"),
        pytest.param("WHEN MY NEPHEW", id="ordinary-words-after-a-year"),
    ],
)
def test_ordinary_phrases_in_capitals_are_not_flagged(fragment):
    assert untouched(MARRIED, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("MY CAR PLATE IS GR 2241-22, SO WAVE IF YOU SEE ME.", "GR 2241-22", id="plate"),
        pytest.param("MY DONOR NUMBER IS KX 4471 AND I CARRY THE CARD.", "KX 4471", id="cued-code"),
        pytest.param("THE CASE NUMBER WAS KGH-HEM-23-0457 ON EVERY FORM.", "KGH-HEM-23-0457", id="code"),
        pytest.param("WRITE TO 27 HEOL Y NANT, WHITCHURCH, ANY TIME.", "27 HEOL Y NANT", id="address"),
    ],
)
def test_codes_and_addresses_in_capitals_are_still_flagged(text, fragment):
    assert flagged(text, fragment)


def test_a_cued_code_stops_at_the_first_ordinary_word():
    text = "MY DONOR NUMBER IS KX 4471 AND I CARRY THE CARD EVERYWHERE I GO THESE DAYS."
    assert [span for span, _ in _flags_over(text, "KX 4471")] == ["KX 4471"]
    assert untouched(text, "AND I CARRY")


def test_a_number_after_a_cue_in_capitals_and_a_year_in_lower_case_are_no_street():
    text = "i had the harvest on 3 march 2021 in st mary's hospital and went home the same evening."
    flags = detect(text)
    assert not any(f.label == "LOCATION" and text[f.start : f.end].startswith("2021") for f in flags)


SHOUT = (
    "DEAR DONOR,\n\nI WASN'T SURE IF YOU'D WANT TO HEAR FROM ME, BUT MY WIFE SAYS I SHOULD WRITE. I HELD "
    "MY BREATH WHEN THE PHONE RANG. OUR DAUGHTER GRACE DROVE ME TO EVERY APPOINTMENT AND OUR NEIGHBOUR "
    "SIOBHAN KAVANAGH FED THE HENS.\n\nTHANK YOU,\nDECLAN"
)


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param("WASN'T", id="contraction"),
        pytest.param("YOU'D", id="contraction-of-a-pronoun"),
        pytest.param("HELD", id="frequent-word"),
        pytest.param("SAYS", id="verb-after-a-relation"),
    ],
)
def test_ordinary_words_of_a_shout_are_not_names(fragment):
    assert untouched(SHOUT, fragment)


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param("GRACE", id="listed-name-that-is-a-word-after-a-relation"),
        pytest.param("SIOBHAN KAVANAGH", id="full-name"),
        pytest.param("DECLAN", id="signature"),
    ],
)
def test_names_in_a_shout_are_still_flagged(fragment):
    assert flagged(SHOUT, fragment)


CHATTY = (
    "DEAR DONOR,\n\nI'M TERRIBLE AT WRITING LETTERS, SO I'LL PUT THE KETTLE ON AND KEEP IT SHORT. PEOPLE "
    "CALL ME MAGS, EVERYBODY DOES. MY HUSBAND SAID I SHOULD TELL YOU WE MOVED TO TURKEY LAST YEAR AND OUR "
    "BOYS SUPPORT THE HARBOUR OTTERS. OUR GRANDDAUGHTER HOPE STARTS SCHOOL IN THE AUTUMN. DR STRONG, OUR GP, "
    "SAID I WAS FIT AS A FIDDLE.\n\nLOVE,\nMAGS"
)


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param("TERRIBLE", id="ordinary-word-the-model-read-as-a-name"),
        pytest.param("EVERYBODY", id="no-name-listed-after-a-name"),
        pytest.param("HUSBAND SAID", id="verb-after-a-relation-that-is-also-a-name"),
    ],
)
def test_ordinary_words_of_a_letter_in_capitals_are_not_flagged(fragment):
    assert untouched(CHATTY, fragment)


@pytest.mark.parametrize(
    ("fragment", "label"),
    [
        pytest.param("TURKEY", "LOCATION", id="a-place-that-is-a-word"),
        pytest.param("HARBOUR OTTERS", None, id="a-team-in-the-plural"),
        pytest.param("HOPE", None, id="a-given-name-that-is-a-word"),
        pytest.param("STRONG", "NAME", id="a-family-name-after-a-title"),
        pytest.param("MAGS", "NAME", id="a-name-under-the-letter-is-no-initials"),
    ],
)
def test_names_and_places_of_ordinary_words_stay_flagged(fragment, label):
    assert flagged(CHATTY, fragment)
    if label:
        assert {flag_label for _, flag_label in _flags_over(CHATTY, fragment)} == {label}


@pytest.mark.parametrize(
    ("words", "plain"),
    [
        (["THE", "KETTLE"], True),
        (["ODDLY", "EMPTY"], True),
        (["HOPE"], False),  # a given name
        (["TURKEY"], False),  # a place
        (["THE", "STATES"], False),
        (["THE", "DUCKS"], False),  # a team's plural
        (["DMC"], False),  # an acronym
    ],
)
def test_a_phrase_of_ordinary_words_in_capitals(words, plain):
    assert plain_phrase(words) is plain
