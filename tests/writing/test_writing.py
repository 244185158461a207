"""The coach in the web app: the review fragment, the button on long fields, the readiness."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bilan.dossiers import services as dossiers
from bilan.jobs.services import jobs_run_pending
from bilan.writing.services import dossier_readiness, text_review


@pytest.fixture(scope="module", autouse=True)
def _warm_model():
    # Load the French pipeline once for the module; later calls reuse it.
    text_review(text="J'ai appris à estimer mes tâches.")


def test_review_segments_cover_the_text_and_carry_labels():
    text = "Tout s'est très bien passé.  J'ai appris à estimer mes tâches en demi-journées."
    review = text_review(text=text)
    assert "".join(segment.text for segment in review.segments) == text
    labelled = {segment.text: segment.labels for segment in review.segments if segment.labels}
    assert "vague" in labelled["Tout s'est très bien passé."]
    assert "reflective" in labelled["J'ai appris à estimer mes tâches en demi-journées."]
    vague_segment = next(s for s in review.segments if "vague" in s.labels)
    assert vague_segment.finding_numbers
    number = vague_segment.finding_numbers[0]
    assert review.analysis.findings[number - 1].code == "vague"


def test_review_of_too_long_text_says_the_limit(settings):
    settings.BILAN_COACH_MAX_CHARS = 50
    review = text_review(text="a" * 51)
    assert review.analysis is None
    assert "50" in review.error and "51" in review.error


def test_review_view_returns_highlights(intern_client, dossier):
    response = intern_client.post(
        reverse("writing:review", args=[dossier.pk]),
        {"source": "actual", "actual": "C'était le boulot le plus relou du stage !!!"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "coach-tone" in body
    assert "travail" in body  # the neutral alternative to "boulot"


def test_review_view_with_empty_text(intern_client, dossier):
    response = intern_client.post(
        reverse("writing:review", args=[dossier.pk]), {"source": "text", "text": "   "}
    )
    assert "Écrivez d'abord" in response.content.decode()


def test_review_and_readiness_are_private(outsider_client, client, dossier):
    for url in (
        reverse("writing:review", args=[dossier.pk]),
        reverse("writing:readiness", args=[dossier.pk]),
    ):
        assert outsider_client.post(url, {"text": "x"}).status_code in {404, 405}
        assert outsider_client.get(url).status_code in {404, 405}
        assert client.get(url).status_code == 302


def test_long_text_fields_get_the_coach_button(intern_client, dossier):
    objective = dossiers.objective_create(dossier=dossier, title="Benchmark")
    page = intern_client.get(reverse("dossiers:objective_edit", args=[dossier.pk, objective.pk]))
    body = page.content.decode()
    assert body.count("Relire avec le coach") == 4  # title, actual, contribution, reason
    assert reverse("writing:review", args=[dossier.pk]) in body
    # Outside a dossier there is no coach (no text of the intern's to review).
    assert (
        "Relire avec le coach" not in intern_client.get(reverse("dossiers:create")).content.decode()
    )


def test_readiness_counts_the_four_errors(dossier):
    objective = dossiers.objective_create(dossier=dossier, title="Benchmark")
    dossiers.objective_update(
        objective=objective,
        status="done",
        actual="Tout s'est très bien passé.",
        contribution="J'ai appris à présenter un benchmark en dix diapositives au maximum.",
    )
    dossiers.journal_entry_create(
        dossier=dossier,
        date=dt.date(2026, 5, 12),
        text="Le client ne répondait pas à nos relances ; j'ai proposé un point hebdomadaire.",
    )
    jobs_run_pending()  # the worker stores the verdicts; the panel only reads them
    readiness = dossier_readiness(dossier=dossier)
    assert readiness.pending == 0
    checks = {key: (ok, figure) for key, ok, figure in readiness.checks}
    assert readiness.sources == 3
    assert checks["vague"] == (False, "1")
    assert checks["difficulties"][0] is True
    assert checks["tone"] == (True, "0")
    assert any(item.finding.code == "vague" for item in readiness.findings)


def test_readiness_panel_is_loaded_lazily_on_the_home(intern_client, dossier):
    home = intern_client.get(reverse("dossiers:home", args=[dossier.pk])).content.decode()
    assert reverse("writing:readiness", args=[dossier.pk]) in home
    panel = intern_client.get(reverse("writing:readiness", args=[dossier.pk])).content.decode()
    assert "Le coach relira vos textes" in panel
