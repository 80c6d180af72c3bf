import pytest

from redaction import Known, detect
from redaction.detectors.known import name_variants, parse_date
from tests.redaction.helpers import flagged

GRETA = Known(names=("Greta Sofie Brandt",))


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param("Greta Sofie Brandt", id="full-name"),
        pytest.param("greta", id="given-name-lower-case"),
        pytest.param("BRANDT", id="family-name-upper-case"),
        pytest.param("Greta Brandt", id="first-and-last"),
        pytest.param("Brandt's", id="possessive"),
        pytest.param("G.B.", id="initials-with-stops"),
        pytest.param("G. S. B.", id="spaced-initials"),
        pytest.param("GSB", id="run-together-initials"),
    ],
)
def test_it_flags_every_form_of_a_known_name(fragment):
    """Full name, parts, initials, any case and possessives of the names the registry holds."""
    text = f"Just wanted to say that {fragment} was thinking of you today."
    flags = detect(text, known=GRETA)
    assert flagged(text, fragment, known=GRETA)
    assert any(f.source == "known" for f in flags)


def test_it_flags_a_nickname_the_registry_holds():
    """Nicknames count as names."""
    known = Known(names=("Robert Lindholm", "Bobbo"))
    assert flagged("everyone calls me bobbo here", "bobbo", known=known)


@pytest.mark.parametrize(
    "written",
    ["+44 7700 900461", "07700 900461", "07700-900-461", "(07700) 900461", "00447700900461"],
)
def test_it_flags_a_known_phone_in_any_formatting(written):
    """The same number with or without country code, spaced or dashed."""
    known = Known(phones=("+447700900461",))
    text = f"text me at {written} some day"
    assert any(f.source == "known" and text[f.start : f.end].strip() for f in detect(text, known=known))
    assert flagged(text, written, known=known)


def test_it_does_not_take_another_number_for_a_known_phone():
    """A different number is not the known one."""
    known = Known(phones=("+447700900461",))
    flags = detect("call 07700 900999 instead", known=known)
    assert not any(f.source == "known" for f in flags)


@pytest.mark.parametrize(
    "written", ["17 May 1990", "May 17th", "17th of May", "17/05/1990", "17.5.1990", "5/17/1990"]
)
def test_it_flags_a_known_date_in_written_forms(written):
    """The date of birth the registry holds, however it is written."""
    known = Known(dates=("1990-05-17",))
    text = f"my birthday is {written}, so soon"
    assert any(f.source == "known" for f in detect(text, known=known))


def test_it_flags_known_places_organisations_and_emails_in_any_case():
    """Places, employers and e-mails the registry holds, in any case."""
    known = Known(places=("Tromsø",), organisations=("Brightwater Logistics",), emails=("maren@example.org",))
    text = "i drive for brightwater logistics out of TROMSØ, write to Maren@Example.org"
    sources = {text[f.start : f.end].lower(): f.source for f in detect(text, known=known)}
    assert sources.get("brightwater logistics") == "known"
    assert sources.get("tromsø") == "known"
    assert sources.get("maren@example.org") == "known"


def test_it_derives_parts_and_initials_from_a_name():
    """name_variants gives the parts and the usual ways of writing initials."""
    words, initials = name_variants("Eva-Maria Weiss")
    assert {"Eva-Maria Weiss", "Eva-Maria", "Eva", "Maria", "Weiss"} <= set(words)
    assert {"E.W.", "E. W.", "EW"} <= set(initials)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1990-05-17", (1990, 5, 17)),
        ("17 May 1990", (1990, 5, 17)),
        ("May 17th", (None, 5, 17)),
        ("17.05.1990", (1990, 5, 17)),
        ("nonsense", None),
    ],
)
def test_it_parses_dates(value, expected):
    """ISO, written and numeric (day first) dates."""
    assert parse_date(value) == expected


def test_it_accepts_a_known_built_with_lists():
    """A Known whose fields are lists (unhashable) still works."""
    known = Known(names=["Zelda Fitz"])  # type: ignore[arg-type]
    assert flagged("zelda fitz says hi", "zelda fitz", known=known)


def test_it_flags_a_known_name_that_is_a_word_only_where_it_is_a_name():
    """'Hope' the daughter is flagged; 'hope' the verb is not, unless the writer uses no capitals at all."""
    known = Known(names=("Hope Adebayo",))
    text = "I hope you are well. Hope says hello, and so does her brother."
    flags = detect(text, known=known)
    assert [text[f.start : f.end] for f in flags if f.source == "known"] == ["Hope"]
    lower = "i hope you are well. i think hope says hello too. i am fine."
    assert any(lower[f.start : f.end] == "hope" and f.start > 20 for f in detect(lower, known=known))


def test_it_matches_run_together_initials_only_in_capitals():
    """'ON' are Otto Nagel's initials; 'on' is a word."""
    known = Known(names=("Otto Nagel",))
    text = "We carried on, and ON will write again."
    flags = [text[f.start : f.end] for f in detect(text, known=known) if f.source == "known"]
    assert flags == ["ON"]
