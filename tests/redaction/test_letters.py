"""Whole letters, written for these tests, with every detail a caseworker must see flagged."""

import pytest

from redaction import detect
from tests.redaction.helpers import covered

LETTERS = [
    pytest.param(
        """Dear Recipient,

My name is Tobias and I drive a tram in Gothenburg. I signed up with the Swedish registry after my
colleague Linnea got sick, and two years later they called me. The collection was at Sahlgrenska on
4 October 2023, and the nurses there were kind. Our cat Smulan slept on my coat the whole evening after.

I play bandy for IFK Kungälv on Sundays, badly. If the rules ever allow it, my number is +46 70 123 45 67.

All the best,
Tobias""",
        [
            "Tobias",
            "Gothenburg",
            "Linnea",
            "Sahlgrenska",
            "4 October 2023",
            "Smulan",
            "IFK Kungälv",
            "+46 70 123 45 67",
        ],
        ["Sundays", "Dear Recipient"],
        id="sweden",
    ),
    pytest.param(
        """Hello from Lagos!

I am Chiamaka, a pharmacist at Reddington Hospital, and my husband Emeka and I have three boys. I was
born on 12/06/1988, which makes me the old one in our house. We worship at the Redeemed Christian Church
of God in Ikeja, where my prayer group has prayed for you every week since March 2024.

Please greet your family for me. My email is chiamaka.o@example.ng if we may one day write directly.

God bless you,
Chi""",
        [
            "Lagos",
            "Chiamaka",
            "Reddington Hospital",
            "Emeka",
            "12/06/1988",
            "Ikeja",
            "March 2024",
            "chiamaka.o@example.ng",
            "Chi",
        ],
        ["God bless"],
        id="nigeria",
    ),
    pytest.param(
        """hey!! so this is weird to write lol. im jordan, im 21 and i study nursing at ucf in orlando. my
roommate bree drove me to every appointment and my dog biscuit basically lives on my bed now. we go to
knights games every saturday and scream a lot.

my insta is @jordy.runs if they ever let u have it.

love jordan""",
        ["jordan", "ucf", "orlando", "bree", "biscuit", "knights", "@jordy.runs"],
        ["lol"],
        id="lower-case-student",
    ),
    pytest.param(
        """Dear Donor,

It is my son Rafael who got your cells, at the Hospital Infantil de México Federico Gómez, on the
3rd of February. He is seven and wants to be a firefighter like his uncle Beto, who works for the
Bomberos de Puebla. We live in Calle Reforma 218, Colonia Centro, 72000 Puebla.

His case number was HIM-TR-2023-0442, the doctor told us to write it.

Con cariño,
Verónica Salgado""",
        [
            "Rafael",
            "Hospital Infantil de México Federico Gómez",
            "3rd of February",
            "Beto",
            "Bomberos de Puebla",
            "Calle Reforma 218",
            "72000",
            "HIM-TR-2023-0442",
            "Verónica Salgado",
        ],
        ["Dear Donor", "Con cariño"],
        id="mexico",
    ),
    pytest.param(
        """Dear friend,

I'm 58, a retired postman from Ballymena, and I never thought I'd be anybody's match. Mr Adair at the
Belfast City Hospital explained it all, and my wife Roberta came along with flasks of tea. I served
twelve years in the Royal Irish Regiment before the post office, so needles don't frighten me.

Hope you are keeping well. Grace and peace to you and yours.

W.J.M.""",
        ["Ballymena", "Adair", "Belfast City Hospital", "Roberta", "Royal Irish Regiment", "W.J.M."],
        ["Hope you", "Grace and peace"],
        id="northern-ireland",
    ),
]


@pytest.mark.parametrize(("text", "must_flag", "must_not_flag"), LETTERS)
def test_it_flags_every_identifying_detail_of_a_letter(text, must_flag, must_not_flag):
    """Every listed detail is fully covered; the listed harmless words are left alone."""
    flags = detect(text)
    missed = [fragment for fragment in must_flag if not covered(text, fragment, flags)]
    assert missed == []
    for fragment in must_not_flag:
        start = text.index(fragment)
        end = start + len(fragment)
        assert not any(f.start < end and start < f.end for f in flags), fragment
