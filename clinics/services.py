"""Writes for transplant centres: API keys, and forgetting old Idempotency-Keys."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from clinics.models import CentreAPIKey, IdempotentRequest, TransplantCentre


@transaction.atomic
def centre_api_key_issue(*, centre: TransplantCentre, name: str) -> tuple[CentreAPIKey, str]:
    """Create an API key for the centre; returns the row and the key (never stored, never shown again)."""
    api_key, key = CentreAPIKey.objects.create_key(centre=centre, name=name[:50])
    return api_key, key


IDEMPOTENCY_TTL = timedelta(hours=24)
PRUNE_BATCH = 5_000


def idempotent_requests_prune(*, older_than: timedelta = IDEMPOTENCY_TTL) -> int:
    """Forget Idempotency-Keys older than `older_than` (a bounded batch per call); returns how many."""
    cutoff = timezone.now() - older_than
    ids = list(
        IdempotentRequest.objects.filter(created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:PRUNE_BATCH]
    )
    deleted, _ = IdempotentRequest.objects.filter(pk__in=ids).delete()
    return deleted
