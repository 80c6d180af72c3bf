from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redaction import MAX_LETTER_CHARS, detect, detect_many

NASTY = [
    "Hello\x00\x07 Maren\x1b[31m from Cork",
    "Ma\u200bren and Bi\u200dscuit\ufeff live in Tromsø",
    "I love you 💛💛 — Lorcan 👨‍👩‍👧 +44 7700 900123",
    "שלום, my name is Noa and I live in תל אביב",
    "مرحبا Maren! 你好, 我叫李明, I live in 北京 since 2019",
    "\u202eReversed Maren\u202c and \u2066isolated\u2069 text",
    "Zalgo M̷̢a̸r̶e̵n̴ c̷o̸m̶b̷i̴n̸i̵n̴g marks",
    "\r\n\r\nLove,\r\nRhodri\r\n",
    "'s 's ' - . , ; @ # / +",
    "A.B.C.D.E.F.G. x" * 40,
]


def _check(text: str) -> None:
    flags = detect(text)
    assert all(0 <= f.start < f.end <= len(text) for f in flags)
    assert all(a.end <= b.start for a, b in pairwise(flags))
    assert all(text[f.start : f.end].strip() == text[f.start : f.end] for f in flags)


@pytest.mark.parametrize("text", NASTY)
def test_it_survives_control_characters_scripts_and_emoji(text):
    """Control characters, zero-width spaces, RTL text, mixed scripts and emoji never crash it."""
    _check(text)


def test_it_keeps_offsets_exact_around_zero_width_characters():
    """Offsets index the original text, invisible characters included."""
    text = "\u200b\u200bMy wife Leonora sends love."
    flags = detect(text)
    assert any(text[f.start : f.end] == "Leonora" for f in flags)


@settings(deadline=None, max_examples=60)
@given(st.text(max_size=400))
def test_it_returns_sorted_disjoint_flags_inside_any_text(text):
    """For any text, every flag lies inside it, flags are sorted and never overlap."""
    _check(text)


@settings(deadline=None, max_examples=30)
@given(
    st.lists(
        st.sampled_from(
            ["Maren", "cork", "07700 900123", "\u200b", "💛", "Love,\n", "the", "@x_y", "12/3", " ", "\n"]
        ),
        max_size=60,
    ).map("".join)
)
def test_it_keeps_its_invariants_on_letter_like_text(text):
    """Letter-like fragments in any order keep flags sorted, disjoint and in bounds."""
    _check(text)


@settings(deadline=None, max_examples=20)
@given(st.lists(st.text(max_size=120), max_size=5))
def test_it_flags_many_letters_as_it_flags_each(texts):
    """detect_many agrees with detect letter by letter."""
    assert detect_many(texts) == [detect(t) for t in texts]


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("1-", id="digits-and-dashes"),
        pytest.param("A-", id="capitals-and-hyphens"),
        pytest.param("a.b", id="dotted-words"),
        pytest.param("Greta\n", id="one-name-per-line"),
        pytest.param("a dot ", id="spoken-dots"),
        pytest.param("a_", id="underscores"),
        pytest.param("x at ", id="spoken-at"),
    ],
)
def test_it_flags_a_pathological_letter_at_the_cap(unit):
    """Repetitive letters at the cap come back with exact, disjoint flags.

    How long they take is measured by `manage.py redaction_bench`, never here: a timed unit test
    fails on a busy machine, not on slow code.
    """
    text = (unit * (MAX_LETTER_CHARS // len(unit) + 1))[:MAX_LETTER_CHARS]
    _check(text)
