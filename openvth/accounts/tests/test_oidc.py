"""OpenID Connect sign-in per organisation against a fake provider in this process: its token, userinfo and JWKS
endpoints answer mozilla-django-oidc's HTTP calls; the ID token is signed with a key of its own (RS256)."""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from openvth.accounts.models import OidcProvider, Role, SecondFactorPolicy, User
from openvth.core import clock
from openvth.register.tests.factories import ServiceFactory

from .conftest import sign_in

ISSUER = "https://login.gemeente.example/realms/vth"
CLIENT_ID = "openvth"


class FakeResponse:
    def __init__(self, body: dict, status: int = 200):
        self.body, self.status_code, self.headers, self.url, self.text = body, status, {}, "", str(body)

    def json(self):
        return self.body

    def raise_for_status(self):
        if self.status_code >= 400:
            raise AssertionError(self.status_code)


class FakeProvider:
    """The provider's side of the code flow: codes it handed out, the tokens and claims behind them."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.userinfo: dict[str, dict] = {}  # by access token
        self.id_token_extra: dict = {}

    def authorize(self, login_redirect: str, **claims) -> dict:
        """What the browser brings back to the callback after the user signed in at the provider."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(login_redirect).query).items()}
        assert query["client_id"] == CLIENT_ID and query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(8)
        self.codes[code] = {"query": query, "claims": claims}
        return {"code": code, "state": query["state"]}

    # requests.post / requests.get as mozilla-django-oidc calls them
    def post(self, url, data=None, **kwargs):
        assert url.endswith("/token")
        grant = self.codes.pop(data["code"])
        challenge = base64.urlsafe_b64encode(hashlib.sha256(data["code_verifier"].encode()).digest()).rstrip(b"=")
        assert challenge.decode() == grant["query"]["code_challenge"]  # PKCE
        assert data["client_secret"] == "geheim"
        now = int(clock.now().timestamp())  # the one clock: the set day of the test
        id_claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["query"]["nonce"],
            **{k: v for k, v in grant["claims"].items() if k != "email"},
            **self.id_token_extra,
        }
        id_token = jwt.encode(id_claims, self.key, algorithm="RS256", headers={"kid": "sleutel-1"})
        access_token = f"at-{secrets.token_urlsafe(8)}"
        self.userinfo[access_token] = {"sub": grant["claims"].get("sub"), "email": "j.jansen@gemeente.example"}
        return FakeResponse({"id_token": id_token, "access_token": access_token})

    def get(self, url, headers=None, **kwargs):
        if url.endswith("/jwks"):
            jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return FakeResponse({"keys": [{**jwk, "kid": "sleutel-1", "alg": "RS256", "use": "sig"}]})
        assert url.endswith("/userinfo")
        return FakeResponse(self.userinfo[headers["Authorization"].removeprefix("Bearer ")])


@pytest.fixture
def fake(monkeypatch):
    provider = FakeProvider()

    class Requests:
        post = staticmethod(provider.post)
        get = staticmethod(provider.get)

    monkeypatch.setattr("mozilla_django_oidc.auth.requests", Requests)
    return provider


@pytest.fixture
def municipality(db):
    return ServiceFactory(name="Gemeente Voorbeeld", code="GM9999")


@pytest.fixture
def provider(service, municipality):
    provider = OidcProvider.objects.create(
        slug="voorbeeld",
        name="Gemeente Voorbeeld",
        issuer=ISSUER,
        authorization_endpoint=f"{ISSUER}/auth",
        token_endpoint=f"{ISSUER}/token",
        userinfo_endpoint=f"{ISSUER}/userinfo",
        jwks_uri=f"{ISSUER}/jwks",
        client_id=CLIENT_ID,
        client_secret="geheim",
        organisation_claim="organisatie",
        role_claim="groups",
        role_map={"VTH-Toezicht": Role.INSPECTOR, "VTH-Beheer": Role.ADMINISTRATOR},
    )
    provider.organisations.set([municipality, service])
    return provider


def oidc_sign_in(client, fake, **claims):
    start = client.get(reverse("oidc_start", args=["voorbeeld"]), {"next": reverse("register:search")})
    assert start.status_code == 302 and start.url.startswith(f"{ISSUER}/auth?")
    return client.get(reverse("oidc_callback"), fake.authorize(start.url, **claims))


def test_the_login_page_offers_the_organisations_provider(client, provider):
    html = client.get(reverse("login")).content.decode()
    assert "Inloggen via Gemeente Voorbeeld" in html and reverse("oidc_start", args=["voorbeeld"]) in html


def test_claims_give_the_organisation_and_the_role(client, fake, provider, municipality):
    claims = {"sub": "abc-123", "preferred_username": "jjansen", "given_name": "Jan", "family_name": "Jansen"}
    response = oidc_sign_in(client, fake, organisatie="GM9999", groups=["Iets anders", "VTH-Toezicht"], **claims)
    assert response.status_code == 302 and response.url == reverse("register:search")
    user = User.objects.get(oidc_provider=provider, oidc_subject="abc-123")
    assert (user.organisation, user.role, user.username) == (municipality, Role.INSPECTOR, "voorbeeld:jjansen")
    assert user.get_full_name() == "Jan Jansen" and user.email == "j.jansen@gemeente.example"
    assert not user.has_usable_password() and not user.is_staff and not user.is_superuser
    assert client.get(reverse("register:search")).status_code == 200


def test_the_next_sign_in_brings_the_account_up_to_date(client, fake, provider, service):
    oidc_sign_in(client, fake, sub="abc-123", organisatie="GM9999", groups=["VTH-Toezicht"])
    client.post(reverse("logout"))
    oidc_sign_in(client, fake, sub="abc-123", organisatie=service.code, groups=["VTH-Beheer"])
    user = User.objects.get(oidc_subject="abc-123")
    assert (user.organisation, user.role) == (service, Role.ADMINISTRATOR)
    assert User.objects.filter(oidc_provider=provider).count() == 1


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"organisatie": "GM0000", "groups": ["VTH-Toezicht"]}, "Uw organisatie (GM0000) kan via Gemeente Voorbeeld"),
        ({"groups": ["VTH-Toezicht"]}, "Uw organisatie (?)"),
        ({"organisatie": "GM9999", "groups": ["Iedereen"]}, "Uw rol in openvth is niet bekend"),
    ],
)
def test_an_unknown_organisation_or_role_is_refused(client, fake, provider, claims, message):
    response = oidc_sign_in(client, fake, sub="abc-123", **claims)
    assert response.status_code == 302 and response.url == reverse("login")
    assert message in client.get(response.url).content.decode()
    assert not User.objects.filter(oidc_subject="abc-123").exists()
    assert "_auth_user_id" not in client.session


def test_an_organisation_the_provider_does_not_serve_is_refused(client, fake, provider, other_service):
    oidc_sign_in(client, fake, sub="abc-123", organisatie=other_service.code, groups=["VTH-Toezicht"])
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("forged", [{"aud": "een-andere-client"}, {"iss": "https://elders.example"}])
def test_an_id_token_for_another_client_or_from_another_issuer_is_refused(client, fake, provider, forged):
    fake.id_token_extra = forged
    response = oidc_sign_in(client, fake, sub="abc-123", organisatie="GM9999", groups=["VTH-Toezicht"])
    assert response.url == reverse("login") and "_auth_user_id" not in client.session


def test_a_provider_without_organisation_claim_signs_into_its_one_organisation(client, fake, provider, municipality):
    provider.organisation_claim = ""
    provider.save()
    provider.organisations.set([municipality])
    oidc_sign_in(client, fake, sub="abc-123", groups=["VTH-Toezicht"])
    assert User.objects.get(oidc_subject="abc-123").organisation == municipality


def test_the_providers_own_multi_factor_counts_no_second_local_factor(client, fake, provider):
    SecondFactorPolicy.objects.create(organisation=None)
    oidc_sign_in(client, fake, sub="abc-123", organisatie="GM9999", groups=["VTH-Toezicht"])
    assert client.get(reverse("register:search")).status_code == 200


def test_a_local_account_still_signs_in_with_its_password(client, provider, owner):
    assert sign_in(client, owner.username).status_code == 302
    assert client.get(reverse("register:search")).status_code == 200


def test_an_inactive_provider_offers_no_sign_in(client, provider):
    provider.is_active = False
    provider.save()
    assert client.get(reverse("oidc_start", args=["voorbeeld"])).status_code == 404
    assert "Gemeente Voorbeeld" not in client.get(reverse("login")).content.decode()


def test_signing_out_after_an_oidc_sign_in_ends_the_session_at_the_provider_too(client, fake, provider, owner):
    provider.end_session_endpoint = f"{ISSUER}/logout"
    provider.save()
    oidc_sign_in(client, fake, sub="abc-123", organisatie="GM9999", groups=["VTH-Toezicht"])
    id_token = client.session["oidc_id_token"]
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url.startswith(f"{ISSUER}/logout?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(response.url).query).items()}
    assert query == {"client_id": CLIENT_ID, "id_token_hint": id_token,
                     "post_logout_redirect_uri": "http://testserver" + reverse("login")}  # fmt: skip
    assert "_auth_user_id" not in client.session  # signed out here as well

    client.get(reverse("oidc_start", args=["voorbeeld"]))  # started at the provider, then signed in locally
    sign_in(client, owner.username)
    assert client.post(reverse("logout")).url == reverse("login")  # a local sign-in: only here


def test_signing_out_without_an_end_session_endpoint_stays_here(client, fake, provider):
    oidc_sign_in(client, fake, sub="abc-123", organisatie="GM9999", groups=["VTH-Toezicht"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session
