"""Sentences the coach's model is unsure of are shown as uncertain, not asserted."""

from __future__ import annotations

from django.urls import reverse

from bilan.coach import Analysis, Sentence
from bilan.writing import services


def test_review_segments_carry_the_sentence_uncertainty(monkeypatch):
    text = "Partager plus tôt. J'ai saisi 40 factures dans Sage."
    analysis = Analysis(
        language="fr",
        sentences=(
            Sentence(0, 18, text[:18], frozenset({"vague"}), confidence=0.05),
            Sentence(19, len(text), text[19:], frozenset({"descriptive"}), confidence=0.9),
        ),
    )
    monkeypatch.setattr(services, "analyse", lambda *args, **kwargs: analysis)
    review = services.text_review(text=text, language="fr")
    marked = [segment for segment in review.segments if segment.labels]
    assert [segment.uncertain for segment in marked] == [True, False]


def test_review_page_says_uncertain(intern_client, dossier, monkeypatch):
    text = "Partager plus tôt."
    analysis = Analysis(
        language="fr",
        sentences=(Sentence(0, len(text), text, frozenset({"vague"}), confidence=0.05),),
    )
    monkeypatch.setattr(services, "analyse", lambda *args, **kwargs: analysis)
    response = intern_client.post(
        reverse("writing:review", args=[dossier.pk]), {"text": text}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="coach-vague coach-uncertain"' in body
    assert "(incertain)" in body
