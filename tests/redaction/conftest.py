import pytest

from redaction.model import nlp


@pytest.fixture(scope="session", autouse=True)
def spacy_pipeline():
    """Load the spaCy model once for the whole session; every test below shares it."""
    return nlp()
