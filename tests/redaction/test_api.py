import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import redaction
from redaction import MAX_LETTER_CHARS, Flag, Known, LetterTooLong, detect, detect_many, model, reason, types

LETTER = (
    "Dear Recipient,\n\nMy name is Lorcan and I live in Tralee. Call me on 087 555 0199.\n\nLove,\nLorcan"
)


def test_it_returns_no_flags_for_empty_or_blank_text():
    """Empty and blank letters have nothing to flag."""
    assert detect("") == []
    assert detect(" \n\t ") == []
    assert detect_many(["", "   "]) == [[], []]


def test_it_refuses_a_letter_over_the_cap_before_any_nlp(monkeypatch):
    """A letter over MAX_LETTER_CHARS raises LetterTooLong without touching spaCy."""

    def fail():
        raise AssertionError("the model must not run")

    monkeypatch.setattr(model, "nlp", fail)
    with pytest.raises(LetterTooLong) as raised:
        detect("a" * (MAX_LETTER_CHARS + 1))
    assert raised.value.code == "letter_too_long"
    assert isinstance(raised.value, ValueError)
    with pytest.raises(LetterTooLong):
        detect_many(["short", "b" * (MAX_LETTER_CHARS + 1)])


def test_it_accepts_a_letter_exactly_at_the_cap():
    """The cap itself is allowed."""
    text = ("word " * (MAX_LETTER_CHARS // 5))[:MAX_LETTER_CHARS]
    assert isinstance(detect(text), list)


def test_it_returns_frozen_flags_with_a_source_and_confidence():
    """Flags are immutable records of start, end, label, source and confidence."""
    flags = detect(LETTER)
    assert flags and all(isinstance(f, Flag) for f in flags)
    assert {f.label for f in flags} <= set(types.LABELS)
    assert all(f.source and 0 < f.confidence <= 1 for f in flags)
    with pytest.raises(AttributeError):
        flags[0].start = 0  # type: ignore[misc]


def test_it_flags_many_letters_like_one():
    """detect_many gives each letter what detect gives it."""
    texts = [LETTER, "Nothing identifying here at all.", "Write to maren@example.org please."]
    assert detect_many(texts, batch_size=2) == [detect(t) for t in texts]


def test_it_takes_one_known_for_all_letters_or_one_per_letter():
    """`known` is a single Known, or a sequence as long as the letters."""
    texts = ["greetings from zelda", "zelda says hello"]
    known = Known(names=("Zelda",))
    assert all(any(f.source == "known" for f in flags) for flags in detect_many(texts, known=known))
    per_letter = detect_many(texts, known=[known, None])
    assert any(f.source == "known" for f in per_letter[0])
    with pytest.raises(ValueError):
        detect_many(texts, known=[known])


def test_it_gives_a_plain_reason_for_every_label():
    """Each label has a plain-words reason for donors."""
    for label in types.LABELS:
        assert reason(label).endswith(".")
    assert "Names" in reason("NAME")
    assert reason("SOMETHING_ELSE")


def test_it_loads_the_model_lazily():
    """Importing redaction loads no spaCy model; the first detect does."""
    code = (
        "import redaction, redaction.model as p;"
        "assert p._load_nlp.cache_info().currsize == 0;"
        "redaction.detect('Hello Maren');"
        "assert p._load_nlp.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_it_loads_the_model_once_across_threads():
    """Concurrent first calls share one pipeline."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        models = list(pool.map(lambda _: model.nlp(), range(8)))
    assert all(m is models[0] for m in models)


def test_it_exposes_the_public_interface():
    """The names screening codes against."""
    assert set(redaction.__all__) >= {
        "detect",
        "detect_many",
        "Flag",
        "Known",
        "LetterTooLong",
        "MAX_LETTER_CHARS",
    }
    assert MAX_LETTER_CHARS == 20_000


def test_it_runs_the_letter_model_shipped_in_the_repository():
    """The pipeline loads the fine-tuned letter NER from redaction/models/letters, never from a download."""
    assert str(model.MODEL) == str(model.LETTER_MODEL)
    assert (model.LETTER_MODEL / "meta.json").is_file()
    ner = model.nlp().get_pipe("ner")
    assert {"PERSON", "GPE", "ORG", "DATE", "INITIALS", "CONTACT", "ID"} <= set(ner.labels)
    assert model.nlp().pipe_names == ["ner"]
