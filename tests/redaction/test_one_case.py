"""Letters written in one case (all lower or ALL CAPITALS): details only the words around them tell.

Every letter here is invented for these tests; each is checked as written in lower case and upper-cased.
"""

import pytest

from redaction import detect
from redaction.detectors.gazetteer import LowerCaseGazetteerDetector
from redaction.detectors.lowercase import lower_case
from redaction.model import nlp
from redaction.types import Letter

CLOSE = " i hope you are keeping well and resting. with love from your donor and all the family"

FOUND = [
    pytest.param(
        "dear friend, i was treated at brookfield heart and lung centre for half a year." + CLOSE,
        "brookfield heart and lung centre",
        "ORGANISATION",
        id="body-with-and",
    ),
    pytest.param(
        "dear friend, our boy was born at st margaret's women's and children's hospital, in the night."
        + CLOSE,
        "st margaret's women's and children's hospital",
        "ORGANISATION",
        id="body-with-possessives",
    ),
    pytest.param(
        'dear friend, my grandchildren all call me "pops" and i love it.' + CLOSE,
        "pops",
        "NAME",
        id="nickname-call-me",
    ),
    pytest.param(
        "dear friend, at the depot i am known as 'tiny' because i am very tall." + CLOSE,
        "tiny",
        "NAME",
        id="nickname-known-as",
    ),
    pytest.param(
        "dear friend, the house is full of animals. my old mare is duchess, and she is twenty." + CLOSE,
        "duchess",
        "NAME",
        id="pet-is",
    ),
    pytest.param(
        "dear friend, the house is full of animals. our ragdoll is smudge and he sleeps all day." + CLOSE,
        "smudge",
        "NAME",
        id="pet-breed-is",
    ),
    pytest.param(
        "dear friend, i grew up by the water and now i live in boise, id with my husband and the boys."
        + CLOSE,
        "id with",
        "LOCATION",
        id="state-code",
    ),
    pytest.param(
        "dear friend, we moved last year and now we live near smallvale, on where it snows a lot." + CLOSE,
        "on where",
        "LOCATION",
        id="province-code-after-place-word",
    ),
    pytest.param(
        "dear friend, we live in reading and the kids go to school just down the road." + CLOSE,
        "reading",
        "LOCATION",
        id="town-that-is-a-word",
    ),
    pytest.param(
        "dear friend, i work in bath as a joiner and i love making things from oak." + CLOSE,
        "bath",
        "LOCATION",
        id="town-after-work-in",
    ),
    pytest.param(
        "dear friend, on sundays i fish on the tweed with my brother and we never catch a thing." + CLOSE,
        "tweed",
        "LOCATION",
        id="river-after-fish-on-the",
    ),
    pytest.param(
        "dear friend, my husband supports the tigers and shouts at the telly every saturday." + CLOSE,
        "tigers",
        "ORGANISATION",
        id="team-fans-follow",
    ),
    pytest.param(
        "dear friend, my wife supports athletic, so the house is split on saturdays." + CLOSE,
        "athletic",
        "ORGANISATION",
        id="club-word-fans-follow",
    ),
]


def _cased(text: str, fragment: str, case: str) -> tuple[str, str]:
    if case == "upper":
        return lower_case(text).upper(), fragment.upper()
    return text, fragment


@pytest.mark.parametrize("case", ["lower", "upper"])
@pytest.mark.parametrize(("text", "fragment", "label"), FOUND)
def test_it_flags_what_only_the_words_around_tell_in_one_case(text, fragment, label, case):
    """The detail is covered whole, and every flag over it names its kind."""
    text, fragment = _cased(text, fragment, case)
    flags = detect(text)
    start = text.index(fragment)
    end = start + len(fragment.split()[0] if fragment.lower().endswith((" with", " where")) else fragment)
    assert all(any(f.start <= i < f.end for f in flags) for i in range(start, end) if text[i].isalnum())
    assert {f.label for f in flags if f.start < end and start < f.end} == {label}


LEFT = [
    pytest.param(
        "dear friend, i will always support my town and its hospital." + CLOSE, "town", id="support-my-town"
    ),
    pytest.param(
        "dear friend, i live in hope that you are getting stronger." + CLOSE, "hope", id="live-in-hope"
    ),
    pytest.param(
        "dear friend, my dad had a fall last month, but he is on the mend now." + CLOSE,
        "on the",
        id="on-the-mend",
    ),
    pytest.param(
        "dear friend, we went to kingston, on the train, with the kids." + CLOSE,
        "on the",
        id="town-then-on-the",
    ),
    pytest.param(
        "dear friend, my old dog is asleep by the fire and our cat is ginger." + CLOSE,
        "asleep",
        id="pet-is-asleep",
    ),
    pytest.param(
        "dear friend, my mum and dad's hospital visits are over now." + CLOSE,
        "mum and dad",
        id="relatives-and",
    ),
]


@pytest.mark.parametrize("case", ["lower", "upper"])
@pytest.mark.parametrize(("text", "fragment"), LEFT)
def test_it_leaves_ordinary_words_in_one_case(text, fragment, case):
    """Places, names and bodies that these cues would read into ordinary phrases are left alone."""
    text, fragment = _cased(text, fragment, case)
    flags = detect(text)
    start = text.index(fragment)
    end = start + len(fragment)
    assert not any(f.start < end and start < f.end for f in flags)


@pytest.mark.parametrize("case", ["lower", "upper"])
@pytest.mark.parametrize(
    "text",
    [
        "dear friend, i work in sales and the hours are long, but we live in hope.",
        "dear friend, we walk along the canal and swim in the sea and fish on the pier every summer.",
        "dear friend, we were born in march and grew up in poverty, then moved to town, in 2019.",
        "dear friend, the nurses were so nice, ok? and my dad is on the mend, me and him both.",
    ],
)
def test_the_place_cues_of_one_case_letters_read_no_place_into_ordinary_words(text, case):
    """Fields of work, states of mind, months and water that names no river are no towns or rivers."""
    text = text.upper() if case == "upper" else text
    letter = Letter(text=text, doc=nlp()(text), known=None)
    assert [text[f.start : f.end] for f in LowerCaseGazetteerDetector().find(letter)] == []
