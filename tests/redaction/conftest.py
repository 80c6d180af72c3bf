import pytest

from redaction.pipeline import nlp


@pytest.fixture(scope="session", autouse=True)
def spacy_pipeline():
    """Load the spaCy model once for the whole session; every test below shares it."""
    return nlp()
