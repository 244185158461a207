"""Meeting fixtures: the feedback tests' real SMTP server on loopback, a written record."""

from __future__ import annotations

import re

import pytest

from bilan.dossiers import services as dossier_services
from bilan.meeting import services
from tests.feedback.conftest import _fresh_cache  # noqa: F401 — shared fixture

LINK = re.compile(r"/m/([A-Za-z0-9_-]{43})/")


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def token_in(text: str) -> str:
    match = LINK.search(text)
    assert match, text
    return match.group(1)


@pytest.fixture
def with_tutor(dossier):
    return dossier_services.dossier_update(
        dossier=dossier, tutor_name="Sophie Laurent", tutor_email="sophie@example.org"
    )


@pytest.fixture
def written(with_tutor):
    return services.meeting_record_update(
        dossier=with_tutor,
        tutor_said="Bonne capacité à structurer l'information ; oser défendre ses idées.",
        agreed_axes="Présentations en dix diapositives maximum.",
        next_steps="Envoyer la synthèse au référent avant le 4 septembre.",
        recommendation="agreed",
    )
