"""The letter NER model's training: a corpus the project writes itself, the training command, and the
scripts that measure it. Nothing here runs in production; nothing here reads ../shared.

- `python -m redaction.training.corpus` writes the generated and hand-written corpus (JSON lines);
- `python -m redaction.training.train` builds that corpus and fine-tunes the shipped model;
- `python -m redaction.training.recase` writes a letters file lower- or upper-cased, offsets unchanged;
- `python -m redaction.training.labels GOLD PRED` reports the label accuracy of caught spans.
"""
