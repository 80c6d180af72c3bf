"""Teams in fans' chants and sport talk, and places in quoted nicknames; invented letters only."""

import pytest

from tests.redaction.helpers import flagged, untouched


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("Sundays are for the stadium. Forza Brezza, always!", "Brezza", id="forza"),
        pytest.param("Allez les Mouettes! We sang all the way home.", "Mouettes", id="allez"),
        pytest.param("GOD BLESS AND HOOK 'EM OWLS!\n\nYour friend", "OWLS", id="hook-em-shouted"),
        pytest.param("My son wrote this part: Go Lindale Otters!", "Lindale Otters", id="go-capitalised"),
        pytest.param("And as we say at home, up the Marshfield!", "Marshfield", id="up-the"),
        pytest.param("Come on you Harbourmen! Sorry, I had to.", "Harbourmen", id="come-on-you"),
        pytest.param(
            "Every other Saturday I am at the stadium with my dad. Rovers forever, even when they lose.",
            "Rovers",
            id="ordinary-word-forever-near-sport",
        ),
        pytest.param(
            "We never miss a match at the old ground. Tidewater till I die!", "Tidewater", id="till-i-die"
        ),
        pytest.param(
            "hi. the nurse was great, we talked harbour hawks for hours and argued about the last cup final. "
            "ok bye",
            "harbour hawks",
            id="talked-team-near-sport",
        ),
        pytest.param(
            'Warm greetings from Lakeshire, "the garden of the north"! I am a teacher.',
            "the garden of the north",
            id="quoted-place-nickname",
        ),
    ],
)
def test_it_flags_teams_in_chants_and_place_nicknames(text, fragment):
    """A team after a fan's cheer or before a vow of devotion, and a place's quoted nickname, are flagged."""
    assert flagged(text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("After the treatment I just wanted to go home!", "home", id="go-home"),
        pytest.param("We walked up the hill! It took an hour.", "hill", id="up-the-hill"),
        pytest.param("I am forever grateful to you.", "grateful", id="forever-grateful"),
        pytest.param("Thank you so much.\n\nLove forever,\nSam", "Love", id="love-forever-closing"),
        pytest.param("Friends forever! That is what my mum says.", "Friends", id="friends-forever"),
        pytest.param("Go team! The nurses cheered when I walked out.", "team", id="go-team"),
        pytest.param("Vamos a la playa every summer.", "playa", id="vamos-a"),
        pytest.param(
            "He would rather fish than be talking about feelings after the match.",
            "feelings",
            id="talk-about",
        ),
        pytest.param(
            "On good days we sit by the river and watch the fishing boats come in.",
            "fishing boats",
            id="watch-boats",
        ),
        pytest.param("Summer forever, that is my motto.", "Summer", id="ordinary-word-forever-without-sport"),
        pytest.param('My granny said "be brave" and I was.', "be brave", id="quote-after-no-place"),
    ],
)
def test_it_leaves_ordinary_phrases_that_look_like_chants(text, fragment):
    """'Go home', 'up the hill', 'forever grateful' and talk about feelings name no team."""
    assert untouched(text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "hi. saturday afternoons are for watching the hornets at the stadium with dad. bye",
            "hornets",
            id="watching-the-plural",
        ),
        pytest.param(
            "hi. my husband cheers for the golden bears in every league game, loudly. ok",
            "golden bears",
            id="adjective-and-mascot",
        ),
        pytest.param(
            "hi. it is not much fun watching the hornets play like that. ok",
            "hornets",
            id="watching-them-play",
        ),
        pytest.param(
            "hi. for my birthday my aunt gave me golden bears jersey number nine. ok",
            "golden bears",
            id="adjective-and-mascot-before-jersey",
        ),
        pytest.param(
            "hi. the herons beat everyone in the league in may, my kids were thrilled. ok",
            "herons",
            id="result",
        ),
        pytest.param(
            "Hi. Our whole street follows the Kestrels, and every home game is a party. Bye",
            "Kestrels",
            id="capitalised-letter",
        ),
    ],
)
def test_it_flags_teams_fans_follow_or_that_win_among_sport_talk(text, fragment):
    """What fans do ("watching the X", "cheers for the X") and results ("the X beat") name a team, in any
    case, when sport is talked about near it."""
    assert flagged(text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "hi. i love watching the birds from my window, and the nurses won my heart. ok",
            "nurses",
            id="no-sport-talk",
        ),
        pytest.param(
            "hi. we were watching the kids play football in the park all season. ok", "kids", id="not-a-team"
        ),
        pytest.param(
            "Hi. I keep watching the matches with my dad every season. Bye", "matches", id="lower-case-word"
        ),
    ],
)
def test_it_leaves_what_fans_watch_that_is_no_team(text, fragment):
    """Without sport talk, or a word that names no team, or a lower-case word where names are
    capitalised, nothing is flagged."""
    assert untouched(text, fragment)
