from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from bilan.accounts.models import User

from ..conftest import PASSWORD


def test_signup_logs_in_and_sends_to_dossier_creation(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "first_name": "Inès",
            "last_name": "Benali",
            "email": "Ines@Example.org",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("dossiers:create")
    user = User.objects.get()
    assert user.email == "ines@example.org" and user.language == "en"
    assert client.get(reverse("dossiers:create")).status_code == 200


def test_signup_refuses_mismatch_weak_and_duplicate(client, intern):
    base = {"first_name": "A", "last_name": "B", "language": "fr"}
    r1 = client.post(
        reverse("accounts:signup"),
        {
            **base,
            "email": "x@example.org",
            "password1": "abcdefgh-1234",
            "password2": "autre-chose-99",
        },
    )
    assert "ne correspondent pas" in r1.content.decode()
    r2 = client.post(
        reverse("accounts:signup"),
        {**base, "email": "x@example.org", "password1": "123", "password2": "123"},
    )
    assert r2.status_code == 200 and "trop court" in r2.content.decode()
    r3 = client.post(
        reverse("accounts:signup"),
        {**base, "email": intern.email.upper(), "password1": PASSWORD, "password2": PASSWORD},
    )
    assert "existe déjà" in r3.content.decode()
    assert User.objects.count() == 1


def test_login_and_logout(client, intern):
    response = client.post(
        reverse("accounts:login"), {"username": intern.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("dossiers:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dossiers:list")).status_code == 302


def test_login_with_wrong_password_says_so(client, intern):
    response = client.post(reverse("accounts:login"), {"username": intern.email, "password": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "L&#x27;adresse e-mail ou le mot de passe est incorrect." in page
    # Django's own wording: "un adresse", and a claim about case that is not ours to make.
    assert "Saisissez" not in page and "majuscules" not in page
    assert "_auth_user_id" not in client.session


def test_login_error_in_english(client, intern):
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("accounts:login"),
        {"username": intern.email, "password": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "The e-mail address or the password is wrong." in page
    assert "case-sensitive" not in page


def test_login_ignores_the_case_of_the_address(client, intern):
    response = client.post(
        reverse("accounts:login"), {"username": intern.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(intern.pk)


def test_password_reset_by_email(client, intern):
    client.post(reverse("accounts:password_reset"), {"email": intern.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [intern.email]
    assert "mot de passe" in message.subject
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)
    page = client.get(link, follow=True)
    assert "Choisissez un nouveau mot de passe" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "nouveau-mot-de-passe-42", "new_password2": "nouveau-mot-de-passe-42"},
    )
    assert response.status_code == 302
    intern.refresh_from_db()
    assert intern.check_password("nouveau-mot-de-passe-42")


def test_password_reset_for_unknown_address_sends_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_browser_language_is_used_for_anonymous_visitors(client, db):
    page = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert 'lang="en"' in page.content.decode()
    assert "Log in" in page.content.decode()
    page = client.get(reverse("accounts:login"))
    assert 'lang="fr"' in page.content.decode()


def test_language_switch_is_saved_on_the_account(intern_client, intern):
    response = intern_client.post(
        reverse("accounts:language"), {"language": "en", "next": "/dossiers/"}
    )
    assert response.status_code == 302 and response.url == "/dossiers/"
    intern.refresh_from_db()
    assert intern.language == "en"
    page = intern_client.get("/dossiers/", headers={"Accept-Language": "fr"})
    assert "My dossiers" in page.content.decode()


def test_language_switch_refuses_foreign_redirect_and_unknown_language(client, db):
    response = client.post(
        reverse("accounts:language"), {"language": "de", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert "django_language" not in response.cookies


def test_preferences(intern_client, intern):
    response = intern_client.post(
        reverse("accounts:preferences"), {"first_name": "Cam", "last_name": "M", "language": ""}
    )
    assert response.status_code == 302
    intern.refresh_from_db()
    assert intern.first_name == "Cam" and intern.language == ""
