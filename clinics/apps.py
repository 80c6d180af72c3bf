from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "clinics"
    verbose_name = "Transplant centres"

    def ready(self) -> None:
        from clinics import signals  # noqa: F401 (keeps cached API-key rows in step)
        from clinics.api import schema  # noqa: F401 (registers the API key scheme with drf-spectacular)
