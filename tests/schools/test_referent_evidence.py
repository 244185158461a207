"""What the school reads of the intern's evidence: a confidential trace only by the intern's
choice for the school, in the handed-in synthesis and its PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bilan.dossiers.models import Objective
from bilan.evidence.models import Proof, Trace
from bilan.evidence.proofs import ProofChoice, ProofTarget, proofs_save
from bilan.synthesis import services as synthesis

pytestmark = pytest.mark.django_db

SECRET = "Le plan social est reporté à janvier."


@pytest.fixture
def handed_in(school, dossier):
    objective = Objective.objects.create(
        dossier=dossier, title="Préparer le comité", status=Objective.Status.DONE, actual="Fait"
    )
    secret = Trace.objects.create(
        dossier=dossier,
        kind=Trace.Kind.EMAIL,
        source=Trace.Source.NOTE,
        title="Comité restreint",
        author="Marc Durand",
        note=SECRET,
        confidential=True,
    )

    def hand_in(outputs: list[str]):
        proofs_save(
            dossier=dossier,
            target=ProofTarget("objective", objective),
            choices=[ProofChoice(secret.pk, SECRET, outputs)],
        )
        current = synthesis.synthesis_get(dossier=dossier)
        if current is None:
            synthesis.synthesis_generate(dossier=dossier)
        else:
            synthesis.synthesis_regenerate_apply(synthesis=current, keys={"deroulement"})

    return hand_in


def _submit(client, dossier):
    response = client.post(reverse("schools:my_school_submit", args=[dossier.pk]))
    assert response.status_code == 302


def test_confidential_proof_reaches_the_school_only_when_included(
    handed_in, school, dossier, intern_client, referent_client
):
    urls = (
        reverse("schools:intern_synthesis", args=[school.cohort.pk, school.enrolment.pk]),
        reverse("schools:intern_synthesis_pdf", args=[school.cohort.pk, school.enrolment.pk]),
    )

    def seen() -> list[str]:
        page = referent_client.get(urls[0]).content.decode()
        pdf = referent_client.get(urls[1]).content
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        return [" ".join(page.split()), " ".join(text.split())]

    handed_in([Proof.Output.SYNTHESIS])
    _submit(intern_client, dossier)
    for text in seen():
        assert "M. Durand" not in text and "plan social" not in text

    handed_in([Proof.Output.SYNTHESIS, Proof.Output.SCHOOL])
    _submit(intern_client, dossier)
    for text in seen():
        assert "M. Durand" in text
