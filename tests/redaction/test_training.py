"""The training corpus, the training command on a tiny corpus, and the measuring scripts."""

import json
import random

import pytest
import spacy

from redaction.training import corpus, labels, recase, train
from redaction.training.fillers import Fillers, ordinal


def _texts(row: dict) -> list[tuple[str, str]]:
    return [(row["text"][s["start"] : s["end"]], s["label"]) for s in row["spans"]]


def test_it_parses_inline_markup_into_exact_spans():
    """[[LABEL:text]] becomes a span; short labels and a leading "the" outside the span are understood."""
    row = corpus.parse(
        "Hi, I'm [[N:Wendeline]] from [[L:Oudewater]], I serve in [[O:the 4th Signal Corps]]."
    ).to_json()
    assert row["text"] == "Hi, I'm Wendeline from Oudewater, I serve in the 4th Signal Corps."
    assert _texts(row) == [
        ("Wendeline", "NAME"),
        ("Oudewater", "LOCATION"),
        ("4th Signal Corps", "ORGANISATION"),
    ]


def test_it_refuses_an_unknown_label():
    """A typo in the markup is an error, not a silently unlabelled name."""
    with pytest.raises(ValueError):
        corpus.parse("I am [[Q:Wendeline]].")


@pytest.mark.parametrize(("folder", "at_least"), [("train", 150), ("heldout", 50), ("blind", 30)])
def test_every_hand_written_letter_parses(folder, at_least):
    """No hand-written letter keeps markup in its text, and each has its spans on its words."""
    letters = [letter.to_json() for letter in corpus.written_letters(folder)]
    assert len(letters) >= at_least
    for row in letters:
        assert "[[" not in row["text"] and "]]" not in row["text"]
        for text, _ in _texts(row):
            assert text == text.strip() and text


@pytest.mark.parametrize("change", ["lower", "upper", "wrap", "ocr", "swap", "sentences"])
def test_augmentation_keeps_spans_on_their_words(change):
    """Case changes, wrapping, OCR noise and swapped names leave every span on an entity's text."""
    rng = random.Random(5)
    fillers = Fillers(rng)
    sample = corpus.parse(
        "Dear friend,\n\nMy wife [[N:Oona]] and I live in [[L:Kilkenny]]. Call [[C:087 555 0147]]."
    )
    changed = {
        "lower": lambda s: corpus.lower(s),
        "upper": lambda s: corpus.upper(s),
        "wrap": lambda s: corpus.wrap(s, 12),
        "ocr": lambda s: corpus.ocr_noise(s, rng, rate=0.5),
        "swap": lambda s: corpus.swap_entities(s, fillers),
        "sentences": lambda s: corpus.no_sentence_capitals(s),
    }[change](sample)
    row = changed.to_json()
    assert [label for _, label in _texts(row)] == ["NAME", "LOCATION", "CONTACT"]
    if change == "wrap":
        assert "\n" in row["text"].split("\n\n", 1)[1] and len(row["text"]) == len(sample.to_json()["text"])
    if change in ("lower", "upper", "sentences"):
        assert [t.lower() for t, _ in _texts(row)] == ["oona", "kilkenny", "087 555 0147"]


def test_generated_letters_cover_every_label():
    """The generator writes letters with all seven labels, reproducibly from one seed."""
    rows = corpus.build(generated=120, copies=1, seed=3)
    assert rows == corpus.build(generated=120, copies=1, seed=3)
    assert {s["label"] for row in rows for s in row["spans"]} == set(corpus.LABELS)
    for row in rows:
        for text, _ in _texts(row):
            assert text.strip() == text and text


def test_it_writes_ordinals():
    """1st, 2nd, 3rd, 11th, 22nd, 113th."""
    assert [ordinal(n) for n in (1, 2, 3, 11, 22, 113)] == ["1st", "2nd", "3rd", "11th", "22nd", "113th"]


def test_it_trains_a_tiny_model_and_loads_it(tmp_path):
    """A few updates on a tiny generated corpus write a pipeline that spaCy loads and runs."""
    rows = corpus.build(generated=16, copies=1, seed=7)[:24]
    summary = train.train(rows, tmp_path / "model", max_steps=2, minutes=1)
    assert summary["steps"] == 2
    nlp = spacy.load(tmp_path / "model")
    assert nlp.pipe_names == ["ner"]
    assert {"PERSON", "GPE", "ORG", "DATE", "INITIALS", "CONTACT", "ID"} <= set(nlp.get_pipe("ner").labels)
    doc = nlp("My name is Wendeline and I live in Oudewater.")
    assert all(0 <= e.start_char < e.end_char <= len(doc.text) for e in doc.ents)
    assert json.loads((tmp_path / "model" / "training.json").read_text())["steps"] == 2


def test_it_recases_without_moving_offsets():
    """Lower- and upper-casing keep every character where it was, even where case changes length."""
    text = "İstanbul and Straße"
    assert len(recase.recase(text, "lower")) == len(text)
    assert len(recase.recase(text, "upper")) == len(text)
    assert recase.recase("Maren", "upper") == "MAREN"


def test_it_reports_label_accuracy_of_caught_spans():
    """A caught span takes the label of the flag that covers most of it; missed spans do not count."""
    gold = {
        "a": {
            "text": "Biscuit lives in Cork.",
            "spans": [
                {"start": 0, "end": 7, "label": "NAME"},
                {"start": 17, "end": 21, "label": "LOCATION"},
            ],
        }
    }
    right = {
        "a": {
            "spans": [{"start": 0, "end": 7, "label": "NAME"}, {"start": 17, "end": 21, "label": "LOCATION"}]
        }
    }
    wrong = {"a": {"spans": [{"start": 0, "end": 7, "label": "ORGANISATION"}]}}
    assert labels.label_accuracy(gold, right)[:2] == (1.0, 2)
    accuracy, caught, confusions = labels.label_accuracy(gold, wrong)
    assert (accuracy, caught) == (0.0, 1)
    assert confusions == {("NAME", "ORGANISATION"): 1}


def test_the_measuring_letters_never_reach_the_training_corpus(monkeypatch):
    """Held-out and blind letters are for measuring only: the corpus is built from `train/` alone."""
    read = []
    monkeypatch.setattr(corpus, "written_letters", lambda folder="train": read.append(folder) or iter(()))
    corpus.build(generated=3, copies=1)
    assert read == ["train"]
