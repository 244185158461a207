"""Production settings: `bilan check --deploy` is silent; passwords are hashed with Argon2."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse

from bilan.accounts.models import User

PRODUCTION_ENV = {
    "BILAN_HTTPS": "1",
    "BILAN_BEHIND_PROXY": "1",
    "BILAN_ALLOWED_HOSTS": "bilan.example.edu",
    "BILAN_CSRF_TRUSTED_ORIGINS": "https://bilan.example.edu",
}


def clean_env() -> dict[str, str]:
    """This process's environment without Bilan's settings nor what the test session set
    (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which a deployment must not have)."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BILAN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def deploy_check(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = clean_env()
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "bilan", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = deploy_check({**PRODUCTION_ENV, "BILAN_SECRET_KEY": secrets.token_urlsafe(50)})
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_the_deploy_check_speaks_up_without_https_or_a_secret_key():
    result = deploy_check({})
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "bilan.W001"):
        assert check in result.stderr


def test_the_production_settings_themselves():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.PASSWORD_HASHERS[0])"
    )
    env = clean_env()
    env["DJANGO_SETTINGS_MODULE"] = "bilan.settings"
    run = [sys.executable, "-c", "import django; django.setup();" + code]
    production = subprocess.run(
        run, env={**env, **PRODUCTION_ENV}, capture_output=True, text=True, check=True
    )
    assert production.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    # Development (make run): plain HTTP on loopback, no header trusted.
    development = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert development.stdout.split()[:5] == ["0", "False", "False", "False", "None"]


@pytest.fixture
def real_hashers(settings):
    from bilan import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_argon2_hashes_new_passwords_and_upgrades_old_ones_at_login(db, real_hashers, settings):
    user = User.objects.create_user(email="ana@example.org", password="a-long-passphrase-1")
    assert identify_hasher(user.password).algorithm == "argon2"
    # An account from before: its PBKDF2 hash still works, and becomes Argon2 at login.
    from django.contrib.auth.hashers import make_password

    user.password = make_password("old-passphrase-2", hasher="pbkdf2_sha256")
    user.save()
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"
    response = Client().post(
        reverse("accounts:login"), {"username": "ana@example.org", "password": "old-passphrase-2"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("old-passphrase-2")


def test_responses_carry_the_security_headers(db, client):
    response = client.get(reverse("accounts:login"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_templates_are_parsed_once_per_process_in_production():
    """No `loaders` option: with DEBUG off Django wraps the loaders in its cached loader."""
    code = (
        "from django.template import engines;"
        "print(type(engines['django'].engine.template_loaders[0]).__module__)"
    )
    env = clean_env()
    env["DJANGO_SETTINGS_MODULE"] = "bilan.settings"
    run = [sys.executable, "-c", "import django; django.setup();" + code]
    production = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert production.stdout.strip() == "django.template.loaders.cached"
