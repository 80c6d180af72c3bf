from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from clinics.api.authentication import CentreClient
from clinics.models import CentreAPIKey, TransplantCentre


class HasCentreAPIKey(BasePermission):
    """Let through only requests authenticated with a valid centre API key (CentreAPIKeyAuthentication)."""

    message = "Send a valid API key: Authorization: Api-Key <key>."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.auth, CentreAPIKey) and isinstance(request.user, CentreClient)


def centre_from_request(request: Request) -> TransplantCentre:
    """The centre whose key authenticated the request (HasCentreAPIKey has checked there is one)."""
    assert isinstance(request.user, CentreClient)
    return request.user.centre
