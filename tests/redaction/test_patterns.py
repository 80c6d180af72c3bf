import pytest

from tests.redaction.helpers import flagged, untouched


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("Write to maren.l@example.org anytime.", "maren.l@example.org", id="email"),
        pytest.param(
            "it is tomas dot berg at mailbox dot se, ok",
            "tomas dot berg at mailbox dot se",
            id="spoken-email",
        ),
        pytest.param("mail: ines.v (at) correo.es thanks", "ines.v (at) correo.es", id="bracketed-at"),
        pytest.param(
            "see https://example.com/help-noodle-run.", "https://example.com/help-noodle-run", id="url"
        ),
        pytest.param("our page is gofundme.com/f/save-rufus now", "gofundme.com/f/save-rufus", id="bare-url"),
        pytest.param("find me @maren_runs_far on there", "@maren_runs_far", id="handle"),
        pytest.param("We used #TeamMaren all year", "#TeamMaren", id="hashtag"),
        pytest.param("my WeChat ID is lin_hz_88.", "lin_hz_88", id="messaging-id"),
        pytest.param("add me on Instagram: keikoruns", "keikoruns", id="bare-handle-after-platform"),
    ],
)
def test_it_flags_contact_details(text, fragment):
    """E-mails, URLs, handles and messaging ids in their usual and spelt-out forms."""
    assert flagged(text, fragment)


@pytest.mark.parametrize(
    "phone",
    [
        pytest.param("+44 7700 900123", id="uk-international"),
        pytest.param("07700 900123", id="uk-national"),
        pytest.param("(503) 555-0142", id="us-brackets"),
        pytest.param("503-555-0142", id="us-dashes"),
        pytest.param("+49 151 2345 6789", id="germany"),
        pytest.param("0151/23456789", id="germany-slash"),
        pytest.param("+91 98765 43210", id="india"),
        pytest.param("+61 412 345 678", id="australia"),
        pytest.param("+55 21 99876-5432", id="brazil"),
        pytest.param("0532 765 43 21", id="turkey"),
        pytest.param("+33 6 12 34 56 78", id="france"),
    ],
)
def test_it_flags_phone_numbers_in_many_formats(phone):
    """Phone numbers of many countries and formats."""
    assert flagged(f"Ring me on {phone} if you like.", phone)


@pytest.mark.parametrize(
    "ref",
    [
        pytest.param("DN-4471-2290", id="dashed"),
        pytest.param("UK/2024/00871", id="slashed"),
        pytest.param("HX3381275", id="letters-and-digits"),
        pytest.param("48810273", id="long-number"),
    ],
)
def test_it_flags_reference_numbers(ref):
    """Donor, patient and case numbers."""
    assert flagged(f"My donor number is {ref}, the office said.", ref)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("Post goes to 7 Larch Close, York YO10 5DD please.", "YO10 5DD", id="uk-postcode"),
        pytest.param("at 7 Larch Close, York", "7 Larch Close", id="house-number"),
        pytest.param("Ottawa, ON K1A 0B1", "K1A 0B1", id="canada"),
        pytest.param("Boise, ID 83702-1234 is home", "83702-1234", id="us-zip"),
        pytest.param("my address is Lindenweg 4, 06108 Halle.", "Lindenweg 4", id="german-street"),
        pytest.param("Schiller Straße 19, 06108 Halle", "Schiller Straße 19", id="german-two-words"),
        pytest.param("and the zip is 30301 if you write", "30301", id="zip-after-cue"),
        pytest.param("Fitzroy VIC 3065.", "VIC 3065", id="australia"),
        pytest.param("we spent weeks on Ward 6C together", "Ward 6C", id="ward"),
        pytest.param("We live in Boise, 83702 now.", "83702", id="town-and-zip"),
        pytest.param("ul. Polna 3, 20-001 Lublin", "20-001", id="poland"),
        pytest.param("The Eircode is D02 X285.", "D02 X285", id="eircode"),
    ],
)
def test_it_flags_addresses_and_postcodes(text, fragment):
    """Postcodes with their state or cue, house numbers and wards."""
    assert flagged(text, fragment)


@pytest.mark.parametrize(
    "date",
    [
        "14 March 2024",
        "14th of March",
        "March 14th",
        "March 14, 2024",
        "March 2024",
        "14/03/2024",
        "3/14/2024",
        "2024-03-14",
        "14.03.2024",
        "14.3.",
        "3 de marzo de 2024",
        "Sept. 12",
        "1987",
    ],
)
def test_it_flags_dates_in_every_common_form(date):
    """Numeric, written and ordinal dates, with and without year, and years."""
    assert flagged(f"It happened on {date} and I remember it well.", date)


@pytest.mark.parametrize(
    "text",
    ["The transplant was on the 14th, a Tuesday.", "It was Tuesday the 14th, I think.", "See you Fri 14th!"],
)
def test_it_flags_a_bare_ordinal_day(text):
    """'on the 14th' and 'Tuesday the 14th' are dates; 'the 8th floor' is not."""
    assert flagged(text, "14th")
    assert untouched("We were on the 8th floor.", "8th")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("It was a 10/10 match, the doctor said.", "10/10", id="hla-match"),
        pytest.param("Nurses are there 24/7 for you.", "24/7", id="around-the-clock"),
        pytest.param("we may 2 or 3 times a week go", "may 2", id="lower-case-may"),
    ],
)
def test_it_leaves_numbers_that_are_no_dates(text, fragment):
    """Match scores and '24/7' are not dates."""
    assert untouched(text, fragment)
