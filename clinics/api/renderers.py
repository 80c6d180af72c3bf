from rest_framework.renderers import JSONRenderer


class FhirJSONRenderer(JSONRenderer):
    """FHIR's JSON media type (https://hl7.org/fhir/R4/http.html#mime-type)."""

    media_type = "application/fhir+json"
    format = "fhir"
