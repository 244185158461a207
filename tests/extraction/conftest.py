from __future__ import annotations

import pytest
from extraction_samples import (
    BROKEN_MESSAGE,
    make_docx,
    make_email,
    make_odt,
    make_pdf,
)


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    return make_pdf(["Bilan de stage\nPremière page", "Deuxième page", "Troisième page"])


@pytest.fixture(scope="session")
def docx_bytes() -> bytes:
    return make_docx(
        ["Compte rendu de réunion", "Décision : livrer vendredi"],
        table=[["Tâche", "Statut"], ["Démo", "Faite"]],
    )


@pytest.fixture(scope="session")
def odt_bytes() -> bytes:
    return make_odt()


@pytest.fixture(scope="session")
def mail_messages() -> list[bytes]:
    return [
        make_email(
            attachments=[
                ("rapport.pdf", make_pdf(["Annexe du rapport"]), "application/pdf"),
                ("note.txt", "Note écrite en cp1252".encode("cp1252"), "text/plain"),
            ]
        ),
        BROKEN_MESSAGE,
        make_email(
            subject="=?utf-8?q?Sans_identifiant?=",
            message_id=None,
            date=None,
            body="From the beginning, merci.\n",
        ),
    ]
