import pytest
from rest_framework.test import APIClient

from clinics.services import centre_api_key_issue
from tests.factories import DonationFactory, ForwardedLetterFactory, PatientFactory, TransplantCentreFactory


def client_for(centre) -> APIClient:
    """An API client sending a new key of the centre; `client.centre` is the centre."""
    _, key = centre_api_key_issue(centre=centre, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    client.centre = centre
    client.key = key
    return client


@pytest.fixture
def api(db) -> APIClient:
    """Alice's centre, with one key."""
    return client_for(TransplantCentreFactory(code="US-ALICE", name="Alice Transplant Centre"))


@pytest.fixture
def other_api(db) -> APIClient:
    """Bob's centre: it must never see Alice's patients' letters."""
    return client_for(TransplantCentreFactory(code="US-BOB", name="Bob Transplant Centre"))


@pytest.fixture
def donation(api):
    return DonationFactory(patient=PatientFactory(centre=api.centre, reference="ALICE-P-1"))


@pytest.fixture
def letter(donation):
    return ForwardedLetterFactory(donation=donation)


@pytest.fixture
def others_letter(other_api):
    return ForwardedLetterFactory(donation=DonationFactory(patient=PatientFactory(centre=other_api.centre)))
