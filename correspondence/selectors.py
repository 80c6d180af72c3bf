"""Every read of letters, scoped to who asks."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from correspondence.models import Letter
from donors.models import Donation, Donor


def donations_for_donor(*, donor: Donor) -> QuerySet[Donation]:
    return (
        Donation.objects.filter(donor=donor)
        .exclude(product=Donation.Product.CORD)
        .order_by("-first_transplant_date", "pk")
    )


def letters_for_donor(*, donor: Donor) -> QuerySet[Letter]:
    """The donor's own letters, newest first, with their photo counts."""
    return (
        Letter.objects.filter(donation__donor=donor, direction=Letter.Direction.DONOR_TO_PATIENT)
        .select_related("donation")
        .annotate(photo_count=Count("attachments"))
        .order_by("-created_at")
    )


def letter_for_donor(*, donor: Donor, public_id: str) -> Letter:
    """The donor's own letter, or 404: another donor's letter does not exist for them."""
    return get_object_or_404(
        Letter.objects.select_related("donation").prefetch_related("attachments", "events"),
        public_id=public_id,
        donation__donor=donor,
        direction=Letter.Direction.DONOR_TO_PATIENT,
    )
