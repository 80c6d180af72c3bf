"""Label accuracy of caught spans: is the placeholder a reader sees ("[name]", "[organisation]") right?

Usage: python -m redaction.training.labels GOLD.jsonl PRED.jsonl [--errors]

For every required gold span that the predictions catch (every letter and digit inside some predicted
span, as the office's scorer counts it), the predicted label is the label of the predicted span covering
most of its letters and digits. Accuracy is the share of caught spans whose predicted label is the gold
one; `--errors` lists the confusions by kind (gold label -> predicted label), with counts.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable


def _load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {row["id"]: row for row in map(json.loads, filter(str.strip, f))}


def predicted_label(text: str, gold: dict, spans: Iterable[dict]) -> str | None:
    """Return the label that the predictions give a gold span, or None when any letter of it leaks."""
    wanted = [i for i in range(gold["start"], gold["end"]) if text[i].isalnum()]
    cover: Counter[str] = Counter()
    covered = set()
    for span in spans:
        inside = [i for i in wanted if span["start"] <= i < span["end"]]
        cover[span["label"]] += len(inside)
        covered.update(inside)
    if not wanted or len(covered) < len(wanted):
        return None
    return cover.most_common(1)[0][0]


def label_accuracy(gold: dict[str, dict], pred: dict[str, dict]) -> tuple[float, int, Counter]:
    """Return (accuracy, caught spans, confusions gold->predicted) over the required gold spans."""
    right = caught = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for key, letter in gold.items():
        spans = (pred.get(key) or {}).get("spans", [])
        for span in letter["spans"]:
            if span.get("optional"):
                continue
            label = predicted_label(letter["text"], span, spans)
            if label is None:
                continue
            caught += 1
            if label == span["label"]:
                right += 1
            else:
                confusions[(span["label"], label)] += 1
    return (right / caught if caught else 1.0), caught, confusions


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--errors", action="store_true", help="list the confusions by kind")
    args = parser.parse_args(argv)
    accuracy, caught, confusions = label_accuracy(_load(args.gold), _load(args.pred))
    print(f"label accuracy {accuracy:.4f} over {caught} caught spans")
    if args.errors:
        for (gold, predicted), count in confusions.most_common():
            print(f"  {gold:<12} -> {predicted:<12} {count}")


if __name__ == "__main__":
    main()
