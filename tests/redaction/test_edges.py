"""In letters written all in capitals or without any, a flag loses the ordinary words at its edges that the
model ran on into, so its kind follows the name's own words. Every letter here is invented for these tests.
"""

import pytest

from redaction import Flag, detect
from redaction.pipeline import trim_plain_edges


def _flag(text: str, fragment: str, label: str = "ORGANISATION", source: str = "ner") -> Flag:
    start = text.index(fragment)
    return Flag(start, start + len(fragment), label, source, 0.8)


def _trimmed(text: str, wide: str, *narrower: str) -> str:
    flag = _flag(text, wide)
    votes = [flag, *(_flag(text, n, "NAME", "capitals") for n in narrower)]
    (result,) = trim_plain_edges([flag], votes, text)
    return text[result.start : result.end]


@pytest.mark.parametrize(
    ("text", "wide", "narrower", "expected"),
    [
        pytest.param(
            "SHE IS AT MERRIDALE TECH STUDYING NOW.",
            "MERRIDALE TECH STUDYING",
            ("MERRIDALE TECH",),
            "MERRIDALE TECH",
            id="ing-forms-after-a-college",
        ),
        pytest.param(
            "we sat at fenwick park while we read.",
            "fenwick park while we",
            (),
            "fenwick park",
            id="grammar-words-need-no-other-layer",
        ),
        pytest.param(
            "THE NURSES, ESPECIALLY ORLA, WERE KIND.",
            "ESPECIALLY ORLA",
            ("ORLA",),
            "ORLA",
            id="adverb-before-a-name",
        ),
        pytest.param(
            "MY OLD SHEEPDOG NIPPER IS NINE.",
            "SHEEPDOG NIPPER",
            (),
            "NIPPER",
            id="pet-word-before-a-name",
        ),
        pytest.param(
            "a card from everyone, for tamsin's donor.",
            "tamsin's donor",
            ("tamsin's",),
            "tamsin's",
            id="letter-word-after-a-possessive",
        ),
        pytest.param(
            "THE NURSES, ESPECIALLY ORLA, WERE KIND.",
            "ESPECIALLY ORLA",
            (),
            "ESPECIALLY ORLA",
            id="an-adverb-goes-only-when-another-layer-found-the-name-without-it",
        ),
    ],
)
def test_ordinary_words_at_a_flags_edges_go(text, wide, narrower, expected):
    assert _trimmed(text, wide, *narrower) == expected


@pytest.mark.parametrize(
    ("text", "wide", "narrower"),
    [
        pytest.param(
            "WE ALL SUPPORT THE ALL BLACKS.", "ALL BLACKS", ("BLACKS",), id="grammar-word-opening-a-team"
        ),
        pytest.param(
            "I CHEER FOR THE WHITE KNIGHTS.", "WHITE KNIGHTS", ("KNIGHTS",), id="ordinary-words-of-a-team"
        ),
        pytest.param(
            "I SIGNED UP WITH BE BOLD BLOOD AT SCHOOL.",
            "BE BOLD BLOOD",
            ("BOLD BLOOD",),
            id="a-verb-opening-a-name",
        ),
        pytest.param("we flew to new york in may.", "new york", ("york",), id="two-words-of-one-place"),
        pytest.param(
            "A LAD FROM BISHOP'S CASTLE CAME TOO.", "BISHOP'S CASTLE", ("CASTLE",), id="a-possessive-stays"
        ),
        pytest.param(
            "DR PENHALIGON SAYS I'M DOING WELL.", "DR PENHALIGON", ("PENHALIGON",), id="a-title-stays"
        ),
        pytest.param(
            "my son plays for the ashgrove eagles.", "ashgrove eagles", ("ashgrove",), id="plural-noun"
        ),
    ],
)
def test_words_that_belong_to_the_name_stay(text, wide, narrower):
    assert _trimmed(text, wide, *narrower) == wide


def test_a_postcode_keeps_its_states_code():
    """'or' is Oregon's code before a ZIP code, not a grammar word."""
    text = "my cousin lives in bend, or 97701, by the river."
    assert _trimmed(text, "or 97701") == "or 97701"


def test_flags_that_are_not_wordy_are_left_alone():
    text = "MY NUMBER IS 0491 570 156 BY THE WAY."
    flag = _flag(text, "0491 570 156", "CONTACT", "pattern")
    assert trim_plain_edges([flag], [flag], text) == [flag]


def _label_over(text: str, fragment: str) -> str | None:
    start = text.index(fragment)
    labels = [f.label for f in detect(text) if f.start < start + len(fragment) and start < f.end]
    return labels[0] if labels else None


@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        pytest.param(
            "dear donor,\n\nthank you for everything, we think of you every day.\n\nall our love,\nb & j",
            "b & j",
            "INITIALS",
            id="lower-case-initials-joined-by-and",
        ),
        pytest.param(
            "Dear donor,\n\nThank you. We think of you every single day here.\n\nWith love,\nK.-M.",
            "K.-M.",
            "INITIALS",
            id="hyphenated-initials",
        ),
        pytest.param(
            "DEAR DONOR,\n\nTHANK YOU FOR WHAT YOU DID. WE THINK OF YOU EVERY DAY.\n\nBEST WISHES,\nBILL",
            "BILL",
            "NAME",
            id="given-name-that-is-a-word-under-a-letter-in-capitals",
        ),
    ],
)
def test_initials_and_names_under_a_letter_in_any_case(text, fragment, label):
    assert _label_over(text, fragment) == label
