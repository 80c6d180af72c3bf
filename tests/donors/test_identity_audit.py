"""Every view of a donor's or a patient's identity is audited; audit rows cannot be changed."""

import os

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from correspondence.models import LetterEvent
from donors.models import IdentityView
from tests.factories import DonationFactory, LetterFactory

pytestmark = pytest.mark.django_db


def test_it_audits_a_view_of_a_donors_identity(admin_client, admin_user):
    donor = DonationFactory().donor
    assert admin_client.get(reverse("admin:donors_donor_change", args=[donor.pk])).status_code == 200
    assert admin_client.get(reverse("admin:donors_donor_history", args=[donor.pk])).status_code == 200
    views = list(IdentityView.objects.order_by("pk").values_list("viewer", "kind", "subject_id", "page"))
    assert views == [
        (admin_user.pk, "donor", donor.pk, "admin change page"),
        (admin_user.pk, "donor", donor.pk, "admin history"),
    ]


def test_it_audits_a_view_of_a_patients_identity(admin_client, admin_user):
    patient = DonationFactory().patient
    assert admin_client.get(reverse("admin:clinics_patient_change", args=[patient.pk])).status_code == 200
    view = IdentityView.objects.get()
    assert (view.viewer, view.kind, view.subject_id) == (admin_user, "patient", patient.pk)


def test_it_does_not_audit_lists_that_show_no_identity(admin_client):
    DonationFactory()
    assert admin_client.get(reverse("admin:donors_donor_changelist")).status_code == 200
    assert not IdentityView.objects.exists()


def test_it_keeps_identity_views_append_only_in_python(admin_user):
    view = IdentityView.objects.create(viewer=admin_user, kind="donor", subject_id=1, page="test")
    with pytest.raises(ValueError, match="append-only"):
        view.save()
    with pytest.raises(ValueError, match="append-only"):
        view.delete()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the trigger is PostgreSQL's"
)
@pytest.mark.parametrize("rows", ["letter_events", "identity_views"])
def test_it_refuses_to_change_or_delete_audit_rows_in_the_database(rows, admin_user):
    """Even around the models (a bulk update, a queryset delete, raw SQL), the database refuses."""
    if rows == "letter_events":
        LetterEvent.objects.create(letter=LetterFactory(), kind="created")
        queryset = LetterEvent.objects.all()
        change = {"kind": "approved"}
    else:
        IdentityView.objects.create(viewer=admin_user, kind="donor", subject_id=1, page="test")
        queryset = IdentityView.objects.all()
        change = {"page": "elsewhere"}
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        queryset.update(**change)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        queryset._raw_delete(queryset.db)
    assert queryset.count() == 1
