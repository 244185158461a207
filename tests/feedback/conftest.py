"""Feedback personas (a tutor, colleagues), a real SMTP server on loopback, links from mails."""

from __future__ import annotations

import re
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.cache import cache

from bilan.feedback import services
from bilan.feedback.models import FeedbackRequest
from bilan.jobs.services import jobs_run_pending

LINK = re.compile(r"/f/([A-Za-z0-9_-]{43})/")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


class Inbox:
    """Messages the SMTP server received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture
def run_jobs():
    return jobs_run_pending


def token_in(text: str) -> str:
    match = LINK.search(text)
    assert match, text
    return match.group(1)


def last_token() -> str:
    return token_in(mail.outbox[-1].body)


@pytest.fixture
def invite(dossier, run_jobs):
    """Invite someone and run the worker; returns (request, token from the e-mail)."""

    def make(
        name: str = "Jean Morel",
        email: str = "jean.morel@example.org",
        relationship: str = FeedbackRequest.Relationship.COLLEAGUE,
        *,
        target=None,
        **extra,
    ) -> tuple[FeedbackRequest, str]:
        item = services.feedback_request_create(
            dossier=target or dossier, name=name, email=email, relationship=relationship, **extra
        )
        run_jobs()
        item.refresh_from_db()
        return item, last_token()

    return make


@pytest.fixture
def colleague(invite):
    return invite()


@pytest.fixture
def tutor(invite):
    return invite(
        "Sophie Laurent", "sophie.laurent@example.org", FeedbackRequest.Relationship.TUTOR
    )
