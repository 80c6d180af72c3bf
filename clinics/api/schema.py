"""drf-spectacular's description of the centre API key (imported by clinics.apps.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class CentreAPIKeyScheme(OpenApiAuthenticationExtension):
    target_class = "clinics.api.authentication.CentreAPIKeyAuthentication"
    name = "CentreAPIKey"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Your centre's API key, as `Api-Key <key>`. Ask the registry for a key; "
                "it is shown once and can be revoked at any time."
            ),
        }
