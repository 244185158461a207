"""Feedback personas (a tutor, colleagues), a real SMTP server on loopback, links from mails."""

from __future__ import annotations

import re

import pytest
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
