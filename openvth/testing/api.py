"""What every API test needs: a client authenticated as a user, and the check of a problem+json answer."""

from rest_framework.test import APIClient

from openvth.core.api import PROBLEM_CONTENT_TYPE


def api_token(user, days: int = 90) -> str:
    """The key of a new API token of the user (accounts.ApiToken), for tests that send `Authorization: Token`."""
    from openvth.accounts.services import create_api_token

    return create_api_token(user=user, name="test", days=days)[1]


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    return response.json()
