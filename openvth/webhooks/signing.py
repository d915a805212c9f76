"""Signing of deliveries (HMAC-SHA256) and how a receiver verifies one.

Every delivery is a POST with the CloudEvent as its body (structured mode, `application/cloudevents+json`) and
these headers:

    Webhook-Id:         the CloudEvent's id (the same on every attempt and replay: a receiver may drop repeats)
    Webhook-Timestamp:  seconds since 1970-01-01 UTC when this attempt was signed
    Webhook-Signature:  sha256=<hex HMAC-SHA256 of "<Webhook-Timestamp>.<body>" with the subscription's secret>

To verify, the receiver
1. takes the raw body bytes as received (before any JSON parsing),
2. computes HMAC-SHA256 with the secret it was shown once, over the bytes `<timestamp>.` followed by the body,
3. compares the hex digest with the value after `sha256=` in constant time (Python: `hmac.compare_digest`),
4. refuses a timestamp more than TOLERANCE (5 minutes) from its own clock: a recorded request replayed later
   fails even with a valid signature, because the timestamp is part of what is signed.

In Python (`verify` below does exactly this):

    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    ok = hmac.compare_digest(f"sha256={expected}", signature) and abs(now - int(timestamp)) <= 300

Why the secret is not stored but derived: the sender needs the secret itself to sign (a hash such as an API
token's would not do), so it must be recoverable. Rather than keep it (a database dump would then hold every
partner's key), openvth keeps a random salt per subscription and derives the secret with HMAC from the
installation's key (WEBHOOKS_SECRET_KEY, else SECRET_KEY): the database alone reveals no secret. Set
WEBHOOKS_SECRET_KEY before rotating SECRET_KEY, or every partner must get a new subscription (a new secret).
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

PREFIX = "whsec_"
TOLERANCE = 300  # seconds a signed request is valid for against replay
ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER = "Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"


def new_salt() -> str:
    return secrets.token_hex(32)


def _installation_key() -> bytes:
    return (getattr(settings, "WEBHOOKS_SECRET_KEY", "") or settings.SECRET_KEY).encode()


def derive_secret(salt: str) -> str:
    """The subscription's secret: the same for the same salt and installation key, unguessable without the key."""
    digest = hmac.new(_installation_key(), f"openvth.webhooks.secret:{salt}".encode(), hashlib.sha256).digest()
    return PREFIX + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def headers(secret: str, event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        ID_HEADER: event_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def verify(secret: str, body: bytes, timestamp: str, received: str, *, now: int, tolerance: int = TOLERANCE) -> bool:
    """What a receiver does: the signature over this body and timestamp, and the timestamp within the tolerance."""
    try:
        moment = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - moment) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, moment, body), received or "")
