"""Behind HTTPS (SECURE_COOKIES=true) openvth redirects plain HTTP, sends HSTS and believes the proxy's
X-Forwarded-Proto; without it, none of these (issue 14). The settings are computed at import, so each case runs in a
fresh interpreter with its own environment."""

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json
import django
from django.conf import settings
django.setup()
from django.core.management import call_command

call_command("migrate", verbosity=0)  # the login page reads the sign-in providers
from django.test import Client

client = Client()
plain = client.get("/login/", HTTP_HOST="vth.example.nl")
proxied = client.get("/login/", HTTP_HOST="vth.example.nl", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "redirect": settings.SECURE_SSL_REDIRECT,
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
    "hsts": [settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD],
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "plain": [plain.status_code, plain.get("Location"), plain.get("Strict-Transport-Security")],
    "proxied": [proxied.status_code, proxied.get("Strict-Transport-Security")],
}))
"""
SETTINGS = {"SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"}
SETTINGS |= {"SECURE_HSTS_PRELOAD", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "TRUSTED_PROXIES"}


def probe(tmp_path, **variables) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env |= {"DJANGO_SETTINGS_MODULE": "openvth.settings", "ALLOWED_HOSTS": "vth.example.nl"}
    env |= {"OPENVTH_VAR_DIR": str(tmp_path)} | variables
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_behind_https_plain_http_is_redirected_and_hsts_sent(tmp_path):
    found = probe(tmp_path, SECURE_COOKIES="true")
    assert found["redirect"] is True
    assert found["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["hsts"] == [365 * 24 * 3600, True, True]
    assert found["cookies"] == [True, True]
    assert found["plain"] == [301, "https://vth.example.nl/login/", None]
    assert found["proxied"] == [200, "max-age=31536000; includeSubDomains; preload"]


def test_the_hsts_period_and_redirect_can_be_set(tmp_path):
    found = probe(tmp_path, SECURE_COOKIES="true", SECURE_HSTS_SECONDS="3600", SECURE_SSL_REDIRECT="false")
    assert found["hsts"][0] == 3600 and found["redirect"] is False
    assert found["plain"][0] == 200


@pytest.mark.parametrize("variables", [{}, {"SECURE_COOKIES": "false"}])
def test_without_https_nothing_is_forced(tmp_path, variables):
    found = probe(tmp_path, **variables)
    assert found["redirect"] is False and found["proxy_header"] is None and found["hsts"][0] == 0
    assert found["cookies"] == [False, False]
    assert found["plain"] == [200, None, None]
    assert found["proxied"] == [200, None]  # X-Forwarded-Proto is not believed without a proxy


def test_a_trusted_proxy_that_is_no_address_stops_the_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env |= {"ALLOWED_HOSTS": "vth.example.nl", "OPENVTH_VAR_DIR": str(tmp_path)}
    env |= {"TRUSTED_PROXIES": "10.0.0.0/8, proxy.example.nl"}
    done = subprocess.run(
        [sys.executable, "-m", "openvth", "check"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode != 0
    assert done.stderr.strip() == (
        "openvth: Set TRUSTED_PROXIES to IP addresses or CIDR ranges, comma-separated ('proxy.example.nl' is neither)."
    )
