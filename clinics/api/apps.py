from django.apps import AppConfig


class ClinicsApiConfig(AppConfig):
    """The clinic REST API, an app of its own so that the clinics core never imports it."""

    name = "clinics.api"
    label = "clinics_api"
    verbose_name = "Clinic API"

    def ready(self) -> None:
        from clinics.api import (
            receivers,  # noqa: F401 (keeps the API's caches in step with the database)
            schema,  # noqa: F401 (registers the API key scheme with drf-spectacular)
        )
