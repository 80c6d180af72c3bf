import pytest

from redaction import detect
from tests.redaction.helpers import flagged, untouched


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("Our dog noodle sleeps on my feet.", "noodle", id="lower-case-pet-after-cue"),
        pytest.param("My wife Hope says hello.", "Hope", id="ordinary-word-name-after-relation"),
        pytest.param("Nurse Joy held my hand.", "Joy", id="ordinary-word-name-after-title"),
        pytest.param("We named the kitten Pippin.", "Pippin", id="after-named"),
        pytest.param("The doctor, Dr. Varga-Lund, explained it all.", "Varga-Lund", id="after-dr"),
        pytest.param("I told my colleague Leonora about you.", "Leonora", id="mid-sentence-capital"),
        pytest.param("Leonora says I should write more.", "Leonora", id="known-name-at-sentence-start"),
        pytest.param('At school the kids call me "Ha-eun" now.', "Ha-eun", id="quoted-hyphenated"),
        pytest.param(
            "My daughters Olive (9) and Summer (6) made you a card.", "Summer", id="season-word-name"
        ),
    ],
)
def test_it_flags_names(text, fragment):
    """Names after cues, capitalised mid-sentence, or known to the name lists."""
    assert flagged(text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "I was treated at the Royal Infirmary Aberdeen last year.",
            "Royal Infirmary Aberdeen",
            id="split-entity",
        ),
        pytest.param("My cousin told me about Be The Match years ago.", "Be The Match", id="title-case-org"),
        pytest.param("She sings at Hope Methodist every week.", "Hope Methodist", id="ordinary-word-church"),
        pytest.param("I teach at Hallam Primary School now.", "Hallam Primary School", id="school"),
        pytest.param("We support the Northgate Rovers.", "Northgate Rovers", id="team"),
        pytest.param("I served six years in the Army.", "Army", id="military-branch"),
        pytest.param(
            "I studied at the Universidad de Antioquia.", "Universidad de Antioquia", id="foreign-connector"
        ),
        pytest.param("We prayed at the Shrine of the Cloak.", "Shrine of the Cloak", id="two-connectors"),
        pytest.param("We watch 1. FC Magdeburg on Saturdays.", "1. FC Magdeburg", id="numbered-club"),
    ],
)
def test_it_flags_multi_word_organisations_and_places(text, fragment):
    """Runs of capitalised words become one flag, joined across connectors."""
    assert flagged(text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("Hope you are keeping well.", "Hope", id="hope-the-word"),
        pytest.param("Faith is a strange gift.", "Faith", id="faith-the-word"),
        pytest.param("Will you write back one day?", "Will", id="will-the-word"),
        pytest.param("Dear Donor,\n\nThank you.", "Donor", id="dear-donor"),
        pytest.param("Every Sunday we go for a walk.", "Sunday", id="weekday"),
        pytest.param("At Christmas we think of you.", "Christmas", id="holiday"),
        pytest.param("My mom and dad say thank you.", "mom", id="family-role"),
        pytest.param("I had AML and then GVHD.", "GVHD", id="medical-acronym"),
        pytest.param("Querido donante,\n\nGracias por todo.", "Querido donante", id="foreign-greeting"),
    ],
)
def test_it_leaves_words_that_only_look_like_names(text, fragment):
    """Ordinary words, greetings, days, holidays, family roles and medical terms are not flagged."""
    assert untouched(text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("Thank you again.\n\nLove,\nRhodri", "Rhodri", id="name-under-closing"),
        pytest.param("Thank you again.\n\nYour donor, D.", "D.", id="initial-after-closing"),
        pytest.param("Thank you again.\n\n— M.", "M.", id="dash-initial"),
        pytest.param("Thank you again.\n\nWith love and gratitude,\nK.", "K.", id="longer-closing"),
        pytest.param("Thank you again.\n\nlove olive ♥ ♥", "olive", id="lower-case-ordinary-word-name"),
        pytest.param("Thank you again.\n\nLove from A & T", "A & T", id="couple-initials"),
        pytest.param(
            "We are so grateful.\n\nGod bless you always,\nHarjit (friends call me Jeet)",
            "Harjit",
            id="name-with-nickname",
        ),
        pytest.param("All the best from P.J. and the kids", "P.J.", id="initials-mid-text"),
    ],
)
def test_it_flags_signatures_and_initials(text, fragment):
    """The writer's name or initials under a closing, and initials anywhere."""
    assert flagged(text, fragment)


def test_it_labels_flags_by_kind():
    """Flags carry the label a caseworker filters by."""
    text = "I work at Brightwater Logistics in Tromsø with Maren Okafor."
    labels = {text[f.start : f.end]: f.label for f in detect(text)}
    assert labels.get("Brightwater Logistics") == "ORGANISATION"
    assert labels.get("Maren Okafor") == "NAME"


def test_it_finds_a_lower_case_town_after_a_preposition_but_not_foreign_words():
    """The place list finds 'kelowna' after 'in'; 'gracias' alone is not flagged."""
    text = "We moved to kelowna last year, and gracias is the first word our son learned there."
    flagged_texts = {text[f.start : f.end] for f in detect(text)}
    assert "kelowna" in flagged_texts
    assert "gracias" not in flagged_texts


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        pytest.param("I stack shelves at tesco on weekends.", "tesco", True, id="lower-case-employer"),
        pytest.param("I volunteer at oxfam in town.", "oxfam", True, id="lower-case-charity"),
        pytest.param("I work at home mostly.", "home", False, id="work-at-home"),
        pytest.param("She works at the local hospital.", "hospital", False, id="generic-workplace"),
    ],
)
def test_it_flags_employers_after_work_cues(text, fragment, expected):
    """Employers and schools after 'work at', 'volunteer at', also in lower case; not 'work at home'."""
    assert flagged(text, fragment) is expected
