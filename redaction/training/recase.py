"""Write a JSON-lines letters file with every letter lower- or upper-cased, spans untouched.

Usage: python -m redaction.training.recase IN.jsonl OUT.jsonl {lower,upper}

A character whose case change would change the text's length ("İ".lower() is two characters) is left
as it is, so every offset in the file stays exact.
"""

from __future__ import annotations

import argparse
import json


def recase(text: str, case: str) -> str:
    """Return `text` lower- or upper-cased character by character, its length unchanged."""
    change = str.lower if case == "lower" else str.upper
    return "".join(c2 if len(c2 := change(c)) == 1 else c for c in text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("case", choices=["lower", "upper"])
    args = parser.parse_args(argv)
    with open(args.input, encoding="utf-8") as src, open(args.output, "w", encoding="utf-8") as out:
        for line in filter(str.strip, src):
            row = json.loads(line)
            row["text"] = recase(row["text"], args.case)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
