import pytest

from config.celery import app as celery_app


@pytest.fixture(autouse=True)
def _eager_celery_and_private_media(settings, tmp_path):
    """Run tasks in-process and keep uploads in a temporary folder (the worker test opts out of eager)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Test users need no slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: cached API-key rows and pages must not cross tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def donor_client(client):
    """A client signed in as a donor with one donation; the donor is `client.donor`."""
    from tests.factories import DonationFactory

    donation = DonationFactory()
    client.force_login(donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    client.donor = donation.donor
    client.donation = donation
    return client


@pytest.fixture(autouse=True)
def _seeded_country_rules(request):
    """Put the seeded country rules back if a transactional test's flush removed them.

    Flushing empties every table, rows from data migrations included; without rules every letter
    would be held ("no policy on file").
    """
    uses_db = {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    ) or request.node.get_closest_marker("django_db")
    if not uses_db:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from policies.models import CountryRule
    from policies.services import country_rules_load

    if not CountryRule.objects.exists():
        country_rules_load()
