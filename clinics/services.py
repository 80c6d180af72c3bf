"""Writes for transplant centres: API keys."""

from django.db import transaction

from clinics.models import CentreAPIKey, TransplantCentre


@transaction.atomic
def centre_api_key_issue(*, centre: TransplantCentre, name: str) -> tuple[CentreAPIKey, str]:
    """Create an API key for the centre; returns the row and the key (never stored, never shown again)."""
    api_key, key = CentreAPIKey.objects.create_key(centre=centre, name=name[:50])
    return api_key, key
