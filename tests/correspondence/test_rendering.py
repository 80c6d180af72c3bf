from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from correspondence.rendering import render_redacted


@dataclass
class Span:
    start: int
    end: int
    label: str


def test_it_replaces_each_redaction_by_its_kind():
    text = "I am Otto from Kassel, call 0561 555 0199 on 3 May."
    spans = [
        Span(text.index("Otto"), text.index("Otto") + 4, "NAME"),
        Span(text.index("Kassel"), text.index("Kassel") + 6, "LOCATION"),
        Span(text.index("0561"), text.index("0199") + 4, "CONTACT"),
        Span(text.index("3 May"), text.index("3 May") + 5, "DATE"),
    ]
    assert render_redacted(text, spans) == "I am [name] from [place], call [contact] on [date]."


def test_it_joins_overlapping_redactions_whatever_their_order():
    text = "Greetings from the Royal Infirmary Edinburgh!"
    spans = [Span(19, 34, "ORGANISATION"), Span(28, 44, "LOCATION")]
    assert render_redacted(text, list(reversed(spans))) == "Greetings from the [organisation]!"


@given(
    text=st.text(alphabet="abcXYZ 12", min_size=1, max_size=60),
    raw=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=6),
)
def test_it_leaves_no_redacted_character_and_keeps_the_rest(text, raw):
    spans = [Span(min(s, len(text)), min(s + n, len(text)), "NAME") for s, n in raw]
    spans = [s for s in spans if s.end > s.start]
    out = render_redacted(text, spans)
    covered = {i for s in spans for i in range(s.start, s.end)}
    kept = "".join(ch for i, ch in enumerate(text) if i not in covered)
    assert out.replace("[name]", "") == kept
