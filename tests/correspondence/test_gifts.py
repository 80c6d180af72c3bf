import pytest

from correspondence.gifts import gift_mentions
from tests.factories import DonationFactory, PatientFactory, TransplantCentreFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "I sent you a little present and some money.", ["a little present", "money"], id="present-money"
        ),
        pytest.param(
            "A parcel with a gift card is on its way. Another parcel!", ["parcel", "gift card"], id="once"
        ),
        pytest.param("At present I am well, and present at every match.", [], id="present-as-time"),
        pytest.param("The gift of life you gave me.", ["gift"], id="gift-of-life"),
    ],
)
def test_it_finds_gift_mentions(text, expected):
    assert gift_mentions(text) == expected


@pytest.mark.django_db
def test_it_warns_the_caseworker_where_no_gifts_are_allowed(client):
    from tests.correspondence.test_review import caseworker, in_review, review_url

    user = caseworker()
    client.force_login(user)
    de_to_gb = DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country="GB")))
    letter = in_review(body="Dear friend, I am sending you a small present by post.", donation=de_to_gb)
    page = client.get(review_url(letter)).content.decode()
    assert "The country rules allow no gifts" in page and "<q>a small present</q>" in page
