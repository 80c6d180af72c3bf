"""What each layer adds: score the pipeline with every detector, and with each one left out.

Usage: python -m redaction.training.ablation GOLD.jsonl [GOLD.jsonl ...] [--only NAME ...]

Each file is read once by the model; the detectors' flags are kept apart, then merged without one
detector at a time (and with the model's own layer alone), and scored as the office scores: recall of
required spans (every letter and digit inside some flag), leaked letters, precision (flags overlapping
any gold span) and label accuracy of caught spans. A layer whose removal costs nothing on any file no
longer pays for itself.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from redaction import model
from redaction.detectors import DETECTORS
from redaction.pipeline import flag_letter
from redaction.training.labels import label_accuracy
from redaction.types import Flag, Letter


def _caught(text: str, span: dict, mask: bytearray) -> bool:
    return all(mask[i] for i in range(span["start"], span["end"]) if text[i].isalnum())


def score(rows: Sequence[dict], flags: Sequence[list[Flag]]) -> dict:
    """Recall, leaked letters, precision and label accuracy of `flags` against the rows' gold spans."""
    required = caught = leaked = true_flags = all_flags = 0
    for row, found in zip(rows, flags, strict=True):
        text = row["text"]
        mask = bytearray(len(text))
        for f in found:
            mask[f.start : f.end] = b"\x01" * (f.end - f.start)
        leaks = 0
        for span in row["spans"]:
            if span.get("optional"):
                continue
            required += 1
            if _caught(text, span, mask):
                caught += 1
            else:
                leaks += 1
        leaked += leaks > 0
        all_flags += len(found)
        true_flags += sum(any(f.start < g["end"] and g["start"] < f.end for g in row["spans"]) for f in found)
    gold = {str(i): row for i, row in enumerate(rows)}
    pred = {
        str(i): {"spans": [{"start": f.start, "end": f.end, "label": f.label} for f in found]}
        for i, found in enumerate(flags)
    }
    accuracy, _, _ = label_accuracy(gold, pred)
    return {
        "recall": caught / required if required else 1.0,
        "leaked": leaked,
        "precision": true_flags / all_flags if all_flags else 1.0,
        "labels": accuracy,
        "flags": all_flags / max(1, len(rows)),
    }


def layer_name(detector: object) -> str:
    return type(detector).__name__.removesuffix("Detector")


def run(rows: Sequence[dict], only: Sequence[str] = ()) -> dict[str, dict]:
    """Score every configuration on `rows`: all layers, each one left out, and the model alone."""
    docs = list(model.nlp().pipe(row["text"] for row in rows))
    letters = [Letter(text=row["text"], doc=doc) for row, doc in zip(rows, docs, strict=True)]
    by_layer = {layer_name(d): [list(d.find(letter)) for letter in letters] for d in DETECTORS}

    def combined(layers: Sequence[str], with_repeat: bool = True) -> list[list[Flag]]:
        result = []
        for i, letter in enumerate(letters):
            found = [f for name in layers for f in by_layer[name][i]]
            result.append(flag_letter(letter, found, repeat=with_repeat))
        return result

    names = list(by_layer)
    results = {"all layers": score(rows, combined(names)), "no repeat": score(rows, combined(names, False))}
    for name in names:
        if only and name not in only:
            continue
        results[f"without {name}"] = score(rows, combined([n for n in names if n != name]))
    results["Ner alone"] = score(rows, combined(["Ner"], False))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", help="letters with gold spans (JSON lines)")
    parser.add_argument("--only", nargs="*", default=(), help="leave out only these layers")
    args = parser.parse_args(argv)
    print(f"model: {model.MODEL}")
    for path in args.gold:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        print(f"\n{path} ({len(rows)} letters)")
        print(f"  {'configuration':<30} {'recall':>7} {'leaked':>6} {'prec':>6} {'labels':>6} {'flags':>6}")
        for name, s in run(rows, args.only).items():
            print(
                f"  {name:<30} {s['recall']:7.4f} {s['leaked']:6d} {s['precision']:6.3f} "
                f"{s['labels']:6.3f} {s['flags']:6.1f}"
            )


if __name__ == "__main__":
    main()
