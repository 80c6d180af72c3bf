import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from correspondence.roles import CASEWORKERS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_signs_a_caseworker_in_to_the_admin(client):
    user = UserFactory(username="casey", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    response = client.post(
        reverse("admin:login"),
        {"username": "casey", "password": "a-long-test-password"},
        REMOTE_ADDR="10.9.0.1",
    )
    assert response.status_code == 302
    queue = client.get(reverse("admin:correspondence_letter_changelist"), follow=True)
    assert queue.status_code == 200 and "Review queue" in queue.content.decode()


def test_it_keeps_a_caseworker_out_of_country_rule_editing(client):
    user = UserFactory(username="casey", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    client.force_login(user)
    assert user.has_perm("correspondence.review_letter")
    assert not user.has_perm("policies.change_countryrule")


def test_it_keeps_flags_read_only_outside_the_review_page(client):
    from correspondence.models import Flag
    from tests.factories import LetterFactory

    user = UserFactory(username="casey", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    client.force_login(user)
    flag = Flag.objects.create(letter=LetterFactory(), start=0, end=4, label="NAME", source="ner")
    assert client.get(reverse("admin:correspondence_flag_add")).status_code == 403
    page = client.get(reverse("admin:correspondence_flag_change", args=[flag.pk]))
    assert page.status_code == 200 and 'name="decision"' not in page.content.decode()
