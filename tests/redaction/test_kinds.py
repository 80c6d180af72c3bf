"""The placeholder a reader sees must be right: each flag's kind by its own words, its context and the lists.

Every letter here is invented for these tests.
"""

import pytest

from redaction import Flag, detect
from redaction.kinds import head_kind, label_flags, list_kind
from redaction.model import nlp
from redaction.types import Letter


def label_of(text: str, fragment: str) -> str | None:
    """The label of the flag that covers most of `fragment`, or None when no flag touches it."""
    start = text.index(fragment)
    end = start + len(fragment)
    best, overlap = None, 0
    for flag in detect(text):
        shared = min(end, flag.end) - max(start, flag.start)
        if shared > overlap:
            best, overlap = flag.label, shared
    return best


@pytest.mark.parametrize(
    ("span", "kind"),
    [
        ("Dr Okonkwo-Baptiste", "NAME"),  # "Dr" opens a name, it is no Drive here
        ("Prof. Dr. Yilmazer", "NAME"),
        ("St Aldhelm's", None),  # a saint, not a Street
        ("Park Seo-yeon", None),  # a family name, not a park
        ("Hillcrest Rowing Club", "ORGANISATION"),
        ("Universidad del Páramo", "ORGANISATION"),  # the head before "del"
        ("Praia da Lagoinha", "LOCATION"),
        ("Vellmarschule", "ORGANISATION"),  # a compound's own head
        ("Birkenstraße", "LOCATION"),
        ("Quarry Lane Medical Practice", "ORGANISATION"),  # English names end in their head
        ("Calle del Hospital", "LOCATION"),  # other languages open with it
        ("Upper Tregarth", "LOCATION"),
        ("Norbury Town", None),  # a town or a team: the words do not say
        ("Harwick Valley Hospice", "ORGANISATION"),
    ],
)
def test_a_spans_own_words_say_its_kind(span, kind):
    """Titles, head words and compounds in English and other languages name a span's kind."""
    assert head_kind(span) == kind


@pytest.mark.parametrize(
    ("span", "kind"),
    [
        ("Galway", "LOCATION"),
        ("the UK", "LOCATION"),
        ("Orange County", "LOCATION"),
        ("Niamh's", "NAME"),  # a given name that is no town, with its possessive
        ("Hope", None),  # a given name that is also a word
        ("Vantoria Fennimore", None),  # the lists know neither
    ],
)
def test_the_word_lists_know_towns_and_given_names(span, kind):
    """A known town or country is a place; a given name that is no town and no word is a name."""
    assert list_kind(span) == kind


@pytest.mark.parametrize(
    ("text", "fragment", "kind"),
    [
        ("Our cat Pickle sleeps on my feet every night.", "Pickle", "NAME"),
        ("My abuela Ximena taught me to cook.", "Ximena", "NAME"),
        ("The consultant, Dr Okonkwo-Baptiste, was kind to us.", "Okonkwo-Baptiste", "NAME"),
        ("I'm a big fan of the Harrowgate Herons, even when they lose.", "Harrowgate Herons", "ORGANISATION"),
        ("My husband supports Kilbarra Rovers, sadly.", "Kilbarra", "ORGANISATION"),
        ("Dad has been a Tullyvale Thistle supporter for fifty years.", "Tullyvale Thistle", "ORGANISATION"),
        ("I work as a forklift driver at Brenmoor Freight in the port.", "Brenmoor Freight", "ORGANISATION"),
        ("I'm a nurse at Kellington General, on nights mostly.", "Kellington General", "ORGANISATION"),
        ("I sing in our parish choir, Cantamus Vellore, on Sundays.", "Cantamus Vellore", "ORGANISATION"),
        ("Then Transvita Registry called me about the match.", "Transvita Registry", "ORGANISATION"),
        ("Last summer we walked over Tower Bridge at dawn.", "Tower Bridge", "LOCATION"),
        ("We live in Ashcombe Vale now, near my parents.", "Ashcombe Vale", "LOCATION"),
        ("One day I will take you to the Sheelan Mosque at sunset.", "Sheelan Mosque", "LOCATION"),
        (
            "We pray with our congregation at Grace Hill Church every Sunday.",
            "Grace Hill Church",
            "ORGANISATION",
        ),
        ("I did six years in the army, the last three with the RLDF in the north.", "RLDF", "ORGANISATION"),
        ("Greetings from a very rainy Galway, where I was born.", "Galway", "LOCATION"),
    ],
)
def test_a_flags_kind_follows_its_words_and_its_context(text, fragment, kind):
    """Pets and relatives are names; fans' teams and employers organisations; where one lives or walks a
    place; a place of worship one is shown is a landmark, the one a congregation meets in an organisation.

    The model's label is set wrong on purpose: the rule, not the model, must name the kind."""
    start = text.index(fragment)
    wrong = {"NAME": "LOCATION", "LOCATION": "ORGANISATION", "ORGANISATION": "LOCATION"}[kind]
    flag = Flag(start, start + len(fragment), wrong, "ner", 0.75)
    assert label_flags([flag], [flag], Letter(text=text, doc=None)) == [
        Flag(flag.start, flag.end, kind, "ner", 0.75)
    ]
    assert label_of(text, fragment) == kind  # and the whole pipeline agrees


def test_a_fans_team_named_like_a_town_is_an_organisation_and_the_town_a_place():
    """Context comes before the lists: "a Dunmore fan" is the club, "born in Dunmore" the town."""
    text = "I was born in Dunmore in 1970. I have been a Dunmore fan all my life, win or lose."
    first = text.index("Dunmore")
    second = text.index("Dunmore", first + 1)
    flags = [
        Flag(first, first + 7, "ORGANISATION", "ner", 0.75),
        Flag(second, second + 7, "LOCATION", "ner", 0.75),
    ]
    labelled = label_flags(flags, flags, Letter(text=text, doc=None))
    assert [f.label for f in labelled] == ["LOCATION", "ORGANISATION"]
    found = {f.start: f.label for f in detect(text)}
    assert (found[first], found[second]) == ("LOCATION", "ORGANISATION")


def test_initials_under_a_letter_and_an_acronym_in_prose_differ():
    """Initials in a signature stay initials; an acronym in running prose is a body."""
    text = "I had my transplant at the KHMC in March and I am doing well.\n\nWith love,\nJ.B."
    acronym = Flag(text.index("KHMC"), text.index("KHMC") + 4, "INITIALS", "capitals", 0.7)
    signed = Flag(text.index("J.B."), text.index("J.B.") + 4, "NAME", "ner", 0.75)
    vote = Flag(signed.start, signed.end, "INITIALS", "context", 0.75)
    labelled = label_flags([acronym, signed], [acronym, signed, vote], Letter(text=text, doc=None))
    assert [f.label for f in labelled] == ["ORGANISATION", "INITIALS"]
    assert label_of(text, "KHMC") == "ORGANISATION"
    assert label_of(text, "J.B.") == "INITIALS"


def test_a_word_of_capitals_under_an_all_capitals_letter_is_a_name():
    """In a letter written in capitals, "BRODY" under the closing is a name, not initials; "TJW" initials."""
    text = "DEAR FRIEND, THANK YOU FOR WHAT YOU DID FOR MY LITTLE BROTHER. HE IS BACK AT SCHOOL.\nLOVE,\n"
    name = text + "BRODY"
    initials = text + "TJW"
    for letter_text, value, kind in ((name, "BRODY", "NAME"), (initials, "TJW", "INITIALS")):
        start = letter_text.index(value)
        flag = Flag(start, start + len(value), "INITIALS", "context", 0.75)
        assert label_flags([flag], [flag], Letter(text=letter_text, doc=None))[0].label == kind


def test_a_registry_number_that_looks_like_a_phone_number_is_an_id():
    """ "My donor ID is ..." names an identifier, whatever its digits look like."""
    text = "In case the office needs it, my donor ID is 4471-2290-8. You can call me on 07700 900461."
    assert label_of(text, "4471-2290-8") == "ID"
    assert label_of(text, "07700 900461") == "CONTACT"


def test_one_name_gets_one_kind_in_a_letter():
    """Where surer evidence named a word's kind once, its other mentions take that kind."""
    text = Letter(text="Our dog Brindle is old. Brindle still chases the post van.", doc=None)
    first = Flag(8, 15, "NAME", "ner", 0.75)
    second = Flag(24, 31, "LOCATION", "ner", 0.75)
    cue = Flag(8, 15, "NAME", "context", 0.7)
    labelled = label_flags([first, second], [first, second, cue], text)
    assert [f.label for f in labelled] == ["NAME", "NAME"]


@pytest.mark.parametrize(
    ("text", "fragment", "wrong", "kind"),
    [
        pytest.param(
            "We moved to Tralee, Co. Kerry last spring.",
            "Tralee, Co. Kerry",
            "ORGANISATION",
            "LOCATION",
            id="county",
        ),
        pytest.param(
            "I served twenty years with the 9th Signal Regiment, Bydgoszcz, and retired a sergeant.",
            "Bydgoszcz",
            "ORGANISATION",
            "LOCATION",
            id="town-after-a-units-name",
        ),
        pytest.param(
            "I am a porter in Kraków at Vireo Freight, mostly on nights.",
            "Vireo Freight",
            "LOCATION",
            "ORGANISATION",
            id="employer-after-occupation-and-town",
        ),
    ],
)
def test_counties_towns_after_a_body_and_employers_after_a_town(text, fragment, wrong, kind):
    """'Co.' before a county is no company; a town the lists know after a body's name and a comma is where
    the body is; an occupation, its town, then "at": an employer."""
    start = text.index(fragment)
    flag = Flag(start, start + len(fragment), wrong, "ner", 0.75)
    (labelled,) = label_flags([flag], [flag], Letter(text=text, doc=None))
    assert labelled.label == kind


def test_an_ordinary_word_after_the_lends_its_kind_to_no_name():
    """ "We walked along the brook" is a place there; it says nothing of the sister called Brook."""
    text = "My sister Brook came too. We walked along the brook at dusk, and Brook found a heron."
    letter = Letter(text=text, doc=None)
    common = text.index("brook")
    name = text.rindex("Brook")
    flags = [Flag(common, common + 5, "LOCATION", "ner", 0.75), Flag(name, name + 5, "NAME", "ner", 0.75)]
    labelled = label_flags(flags, flags, letter)
    assert [f.label for f in labelled] == ["LOCATION", "NAME"]


def test_labelling_keeps_every_flag_and_its_offsets():
    """Naming kinds never drops, moves or adds a flag: recall cannot depend on it."""
    text = "Greetings from Galway! Our cat Pickle says hi, and so does Dr Okonkwo-Baptiste at St Aldhelm's."
    letter = Letter(text=text, doc=nlp()(text))
    flags = [Flag(15, 21, "NAME", "ner", 0.75), Flag(31, 37, "LOCATION", "ner", 0.75)]
    labelled = label_flags(flags, flags, letter)
    assert [(f.start, f.end) for f in labelled] == [(15, 21), (31, 37)]
    assert [f.label for f in labelled] == ["LOCATION", "NAME"]
