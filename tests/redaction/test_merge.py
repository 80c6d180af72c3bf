# ruff: noqa: RUF001  (letters use typographic apostrophes)
from itertools import pairwise

import pytest

from redaction import Flag
from redaction.pipeline import merge


def f(start, end, label="NAME", source="ner", confidence=0.5):
    return Flag(start, end, label, source, confidence)


def test_it_merges_overlapping_flags_and_the_widest_label_wins():
    """Two overlapping flags become one covering both, labelled as the wider one."""
    text = "at the Royal Infirmary of Inverness today"
    merged = merge(
        [f(7, 22, "ORGANISATION"), f(26, 35, "LOCATION"), f(7, 35, "ORGANISATION"), f(20, 30)], text
    )
    assert merged == [Flag(7, 35, "ORGANISATION", "ner", 0.5)]


def test_it_prefers_the_surer_flag_of_equal_width():
    """Of two flags over the same span, the more confident one names the source."""
    text = "hello zelda"
    merged = merge(
        [f(6, 11, source="gazetteer", confidence=0.5), f(6, 11, source="known", confidence=0.99)], text
    )
    assert merged == [Flag(6, 11, "NAME", "known", 0.99)]


def test_it_keeps_a_possessive_inside_a_name():
    """Gavin's: the 's stays inside the flag."""
    text = "that was Gavin's idea and Ana’s too"
    merged = merge([f(9, 14), f(26, 29)], text)
    assert [text[m.start : m.end] for m in merged] == ["Gavin's", "Ana’s"]


def test_it_joins_names_one_space_apart_but_not_dates():
    """'the Royal Infirmary' + 'Inverness' is one flag; a date next to a name stays apart."""
    text = "Royal Infirmary Inverness 12 May"
    merged = merge([f(0, 15, "ORGANISATION"), f(16, 25, "LOCATION"), f(26, 32, "DATE", "pattern")], text)
    assert [(m.start, m.end, m.label) for m in merged] == [(0, 25, "ORGANISATION"), (26, 32, "DATE")]


@pytest.mark.parametrize(
    "flags",
    [
        pytest.param([f(-3, 4), f(2, 99)], id="out-of-bounds-is-clipped"),
        pytest.param([f(0, 0), f(3, 3)], id="empty-flags-are-dropped"),
        pytest.param([f(0, 2), f(5, 7), f(1, 6)], id="chains-collapse"),
    ],
)
def test_it_returns_sorted_disjoint_flags_within_the_text(flags):
    """Whatever the detectors say, merged flags are in bounds, sorted and disjoint."""
    text = "abcdefghij"
    merged = merge(flags, text)
    assert all(0 <= m.start < m.end <= len(text) for m in merged)
    assert all(a.end <= b.start for a, b in pairwise(merged))


def test_it_trims_whitespace_from_flag_edges():
    """A flag never starts or ends on a space."""
    assert merge([f(0, 7)], " Maren  ") == [Flag(1, 6, "NAME", "ner", 0.5)]
