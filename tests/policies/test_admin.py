"""The country rules in the admin: listed with their verified state, edited with history."""

import pytest
from django.urls import reverse

from policies.models import CountryRule
from policies.services import country_rules_load

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seeded() -> None:
    country_rules_load()


@pytest.fixture
def staff_client(client, admin_user):
    """Return a client signed in as a superuser through the model backend.

    pytest-django's admin_client signs in with the first backend, django-axes', which cannot
    load users back from the session.
    """
    client.force_login(admin_user, backend="axes.backends.AxesBackend")
    return client


def test_it_marks_unverified_rows_in_the_list(staff_client) -> None:
    """The list shows each country with its verified state; unverified rows stand out."""
    response = staff_client.get(reverse("admin:policies_countryrule_changelist"))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="policy-unverified"' in content
    assert 'class="policy-verified"' in content
    assert "Last reviewed" in content


def test_it_keeps_history_of_staff_edits(staff_client) -> None:
    """Editing a row in the admin writes a history entry with the editor."""
    rule = CountryRule.objects.get(country="ES")
    url = reverse("admin:policies_countryrule_change", args=[rule.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(verified="on", last_reviewed="2026-11-01", anonymity_months="", max_letters_per_side="")
    data.pop("photos", None)
    data.pop("direct_contact", None)

    response = staff_client.post(url, data)

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.verified is True
    assert str(rule.last_reviewed) == "2026-11-01"
    latest = rule.history.latest("history_date")
    assert latest.history_user.username == "admin"
    history = staff_client.get(reverse("admin:policies_countryrule_history", args=[rule.pk]))
    assert history.status_code == 200
