"""Proofs: picking them, citing them in every output, and keeping confidential traces out."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import docx
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bilan.career.services import cv_line_add
from bilan.dossiers.models import Objective
from bilan.evidence.models import Proof, Trace
from bilan.evidence.proofs import ProofChoice, ProofTarget, proofs_save
from bilan.meeting import pack
from bilan.skills.models import DossierSkill, Example
from bilan.synthesis import services as synthesis

pytestmark = pytest.mark.django_db

THANKS = "Merci pour le tableau de bord des ventes, il sert à chaque comité."
SECRET = "Les chiffres du plan social restent entre nous."


def flat(text: str) -> str:
    return " ".join(re.sub(r"[\u00a0\u202f]", " ", text).split())


def when(day: int, month: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def backed(dossier):
    """An objective done, an example of a skill, a public thank-you and a confidential e-mail."""
    objective = Objective.objects.create(
        dossier=dossier,
        title="Construire le tableau de bord des ventes",
        status=Objective.Status.DONE,
        actual="Tableau de bord livré fin juin",
    )
    skill = DossierSkill.objects.create(dossier=dossier, custom_label="Excel", family="technical")
    example = Example.objects.create(
        dossier=dossier,
        title="Le tableau de bord",
        action="J'ai automatisé l'export hebdomadaire",
        result="Deux heures gagnées par semaine",
    )
    example.skills.add(skill)
    thanks = Trace.objects.create(
        dossier=dossier,
        kind=Trace.Kind.EMAIL,
        source=Trace.Source.NOTE,
        title="Merci pour le tableau",
        author="Sophie Laurent <sophie@example.org>",
        date=when(12, 5),
        note=f"Bonjour Camille, {THANKS}",
    )
    secret = Trace.objects.create(
        dossier=dossier,
        kind=Trace.Kind.EMAIL,
        source=Trace.Source.NOTE,
        title="Plan social",
        author="Marc Durand",
        date=when(3, 6),
        note=SECRET,
        confidential=True,
    )
    return {
        "dossier": dossier,
        "objective": objective,
        "skill": skill,
        "example": example,
        "thanks": thanks,
        "secret": secret,
    }


def choose(backed, kind, trace, excerpt, outputs=()):
    proofs_save(
        dossier=backed["dossier"],
        target=ProofTarget(kind, backed[kind]),
        choices=[ProofChoice(trace.pk, excerpt, outputs)],
    )


def exports(dossier, **kwargs) -> dict[str, str]:
    pdf = synthesis.synthesis_render(dossier=dossier, fmt="pdf", **kwargs).content
    word = docx.Document(
        io.BytesIO(synthesis.synthesis_render(dossier=dossier, fmt="docx").content)
    )
    markdown = synthesis.synthesis_render(dossier=dossier, fmt="md").content.decode("utf-8")
    return {
        # A line may break after the hyphen of "e-mail": where depends on the fonts installed.
        "pdf": flat(
            re.sub(
                r"-\n", "-", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
            )
        ),
        "docx": flat("\n".join(p.text for p in word.paragraphs)),
        "md": flat(markdown),
    }


# --- Picking ------------------------------------------------------------------------------


def test_picker_saves_proofs_and_refuses_what_is_not_the_users(backed, intern_client, outsider):
    dossier, objective, thanks = backed["dossier"], backed["objective"], backed["thanks"]
    url = reverse("evidence:proofs", args=[dossier.pk, "objective", objective.pk])
    page = intern_client.get(url).content.decode()
    assert "Merci pour le tableau" in page and "Plan social" in page
    assert THANKS[:40] in page  # the first sentence, greeting left out, proposed as excerpt
    response = intern_client.post(
        url, {"trace": [str(thanks.pk)], f"excerpt-{thanks.pk}": "il sert à chaque comité"}
    )
    assert response.status_code == 302
    proof = Proof.objects.get()
    assert (proof.objective_id, proof.trace_id, proof.excerpt) == (
        objective.pk,
        thanks.pk,
        "il sert à chaque comité",
    )

    other = Client()
    other.force_login(outsider)
    assert other.get(url).status_code == 404
    assert other.post(url, {"trace": [str(thanks.pk)]}).status_code == 404
    bad_kind = reverse("evidence:proofs", args=[dossier.pk, "dossier", dossier.pk])
    assert intern_client.get(bad_kind).status_code == 404
    assert Proof.objects.count() == 1


def test_a_trace_of_another_dossier_is_refused(backed, intern_client, outsider):
    from bilan.dossiers import services as dossier_services

    theirs = dossier_services.dossier_create(
        owner=outsider,
        organisation="Ailleurs",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 3, 27),
    )
    foreign = Trace.objects.create(
        dossier=theirs, source=Trace.Source.NOTE, title="Pas à vous", note="x"
    )
    url = reverse("evidence:proofs", args=[backed["dossier"].pk, "skill", backed["skill"].pk])
    response = intern_client.post(url, {"trace": [str(foreign.pk)]})
    assert response.status_code == 400
    assert "existe plus" in response.content.decode()
    assert not Proof.objects.exists()


# --- The synthesis ------------------------------------------------------------------------


def test_synthesis_cites_proofs_in_every_format(backed):
    choose(backed, "objective", backed["thanks"], "il sert à chaque comité")
    choose(backed, "example", backed["thanks"], "")
    synthesis.synthesis_generate(dossier=backed["dossier"])
    for fmt, text in exports(backed["dossier"]).items():
        assert "cf. e-mail de S. Laurent, 12 mai 2026 : « il sert à chaque comité »" in text, fmt
        assert "(cf. e-mail de S. Laurent, 12 mai 2026)" in text, fmt


def test_condensed_layout_keeps_the_source_and_drops_the_excerpt(backed):
    choose(backed, "objective", backed["thanks"], "il sert à chaque comité")
    synthesis.synthesis_generate(dossier=backed["dossier"])
    text = exports(backed["dossier"], condensed=True)["pdf"]
    assert "(cf. e-mail de S. Laurent, 12 mai 2026)" in text
    assert "il sert à chaque comité" not in text


def test_confidential_trace_is_cited_only_where_the_intern_includes_it(backed):
    dossier = backed["dossier"]
    choose(backed, "objective", backed["secret"], SECRET)
    synthesis.synthesis_generate(dossier=dossier)
    for fmt, text in exports(dossier).items():
        assert "Plan social" not in text and "M. Durand" not in text, fmt
        assert SECRET not in text, fmt

    # Included in the synthesis only: cited there, still absent from the meeting pack.
    choose(backed, "objective", backed["secret"], SECRET, outputs=[Proof.Output.SYNTHESIS])
    synthesis.synthesis_regenerate_apply(
        synthesis=synthesis.synthesis_get(dossier=dossier), keys={"deroulement"}
    )
    for fmt, text in exports(dossier).items():
        assert "M. Durand" in text and SECRET in text, fmt
    document = pack.meeting_pack_document(
        dossier=dossier,
        synthesis=synthesis.synthesis_document(dossier=dossier, output=Proof.Output.PACK),
        annex=True,
    )
    assert "M. Durand" not in document.text() and SECRET not in document.text()

    # Marked confidential after the synthesis was written: its citation goes too.
    choose(backed, "objective", backed["thanks"], "il sert à chaque comité")
    synthesis.synthesis_regenerate_apply(
        synthesis=synthesis.synthesis_get(dossier=dossier), keys={"deroulement"}
    )
    Trace.objects.filter(pk=backed["thanks"].pk).update(confidential=True)
    for fmt, text in exports(dossier).items():
        assert "S. Laurent" not in text, fmt


# --- The meeting pack ---------------------------------------------------------------------


def test_pack_annex_lists_proofs_without_confidential_ones(backed, intern_client):
    dossier = backed["dossier"]
    choose(backed, "objective", backed["thanks"], "il sert à chaque comité")
    choose(backed, "example", backed["secret"], SECRET)
    synthesis.synthesis_generate(dossier=dossier)
    url = reverse("meeting:pack", args=[dossier.pk])
    page = flat(intern_client.get(url + "?annex=1").content.decode())
    assert "Annexe : les preuves" in page
    assert "e-mail de S. Laurent, 12 mai 2026" in page and "Merci pour le tableau" in page
    assert "Plan social" not in page and SECRET not in page
    assert "Annexe : les preuves" not in flat(intern_client.get(url).content.decode())
    pdf = intern_client.get(reverse("meeting:pack_pdf", args=[dossier.pk]) + "?annex=1")
    text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert "Annexe : les preuves" in text and "il sert à chaque comité" in text
    assert "Plan social" not in text

    choose(backed, "example", backed["secret"], SECRET, outputs=[Proof.Output.PACK])
    page = flat(intern_client.get(url + "?annex=1").content.decode())
    assert "Plan social" in page


# --- CV lines, stories, JSON Resume -------------------------------------------------------


def test_cv_lines_and_stories_show_their_proofs_on_screen(backed, intern_client):
    dossier = backed["dossier"]
    cv_line_add(dossier=dossier, text="Automatisé l'export hebdomadaire", example=backed["example"])
    choose(backed, "skill", backed["thanks"], "")
    page = flat(intern_client.get(reverse("career:index", args=[dossier.pk])).content.decode())
    assert page.count("e-mail de S. Laurent, 12 mai 2026") == 2  # the line and the story

    choose(backed, "skill", backed["secret"], "")
    page = flat(intern_client.get(reverse("career:index", args=[dossier.pk])).content.decode())
    assert "M. Durand" not in page
    choose(backed, "skill", backed["secret"], "", outputs=[Proof.Output.CV])
    page = flat(intern_client.get(reverse("career:index", args=[dossier.pk])).content.decode())
    assert "M. Durand" in page

    resume = intern_client.get(reverse("career:resume", args=[dossier.pk]))
    assert SECRET not in resume.content.decode() and "Plan social" not in json.dumps(
        json.loads(resume.content), ensure_ascii=False
    )


def test_demo_synthesis_cites_at_least_two_traces(db):
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    from bilan.synthesis.models import SynthesisVersion

    version = SynthesisVersion.objects.get()
    cited = re.findall(r"\(cf\. ([^:)]+)", " ".join(version.sections.values()))
    assert len(set(cited)) >= 2, cited
