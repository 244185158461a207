"""Drafts: CV lines from STAR examples, stories, "à propos", the recommendation request."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from bilan.career import drafting, services
from bilan.skills.models import Example


@pytest.mark.parametrize(
    ("action", "result", "expected", "from_text", "measurable"),
    [
        (
            "J'ai analysé les 12 derniers numéros, proposé trois rubriques et rédigé les éditos.",
            "42 % d'ouverture en août ; ma tutrice ne relit plus que la forme.",
            "Analysé les 12 derniers numéros, proposé trois rubriques et rédigé les éditos"
            " — 42 % d'ouverture en août",
            True,
            True,
        ),
        (
            "Je rédige chaque semaine la newsletter des adhérents.",
            "1 200 abonnés de plus en trois mois.",
            "Rédigé chaque semaine la newsletter des adhérents — 1 200 abonnés de plus en trois"
            " mois",
            True,
            True,
        ),
        (
            "J'ai d'abord conçu un guide de 4 pages.",
            "Léa a publié seule dès sa deuxième semaine.",
            "Conçu un guide de 4 pages — Léa a publié seule dès sa deuxième semaine",
            True,
            False,
        ),
        (
            "J'ai fait le benchmark de 8 coopératives.",
            "Le comité a retenu deux pistes, mais la fin a été coupée.",
            "Analysé le benchmark de 8 coopératives — le comité a retenu deux pistes",
            False,
            True,
        ),
        (
            "Mise en place d'un tableau de bord Looker Studio.",
            "Une demi-journée de calculs économisée chaque mois.",
            "Analysé : mise en place d'un tableau de bord Looker Studio — une demi-journée de"
            " calculs économisée chaque mois",
            False,
            False,
        ),
    ],
)
def test_cv_line(action, result, expected, from_text, measurable):
    draft = drafting.cv_line_draft(Example(title="Exemple", action=action, result=result))
    assert draft.text == expected
    assert draft.verb_from_text is from_text and draft.measurable is measurable


def test_cv_line_never_exceeds_the_limit():
    example = Example(title="Long", action="J'ai rédigé " + "des articles " * 60, result="10 %")
    draft = drafting.cv_line_draft(example)
    assert len(draft.text) <= 300 and draft.text.endswith("… — 10 %")


def test_story_is_labelled_star():
    text = drafting.story_text(
        Example(title="Refonte", situation="S.", task="T.", action="A.", result="R.", learned="")
    )
    assert text.splitlines() == [
        "Refonte",
        "",
        "Situation : S.",
        "Tâche : T.",
        "Action : A.",
        "Résultat : R.",
    ]


def test_about_draft_uses_dossier_and_skills(filled):
    about = services.career_about_draft(dossier=filled)
    assert about.startswith("En BUT Information-Communication à IUT Lyon 3, j'ai effectué un stage")
    assert "Coopérative Terres du Rhône (Communication, Lyon)" in about
    assert "Canva et prendre la parole en public" in about
    assert "42 % d'ouverture en août" in about


def test_letter_mentions_results_and_the_offer(filled):
    subject, body = services.career_letter_draft(dossier=filled)
    assert subject == "Demande de lettre de recommandation — Camille Moreau"
    assert body.startswith("Bonjour Sophie Laurent,")
    assert "- Refonte de la newsletter : 42 % d'ouverture en août" in body
    assert "proposé de me recommander" not in body
    from bilan.feedback import services as feedback

    item = feedback.feedback_request_create(
        dossier=filled, name="Sophie L.", email="sl@example.org", relationship="tutor", send=False
    )
    feedback.feedback_answer_submit(feedback_request=item, offers_recommendation=True)
    letter = services.career_letter(dossier=filled)
    assert "vous avez proposé de me recommander" in letter.body
    assert letter.to == "sl@example.org" and letter.offered


def test_mailto_is_properly_encoded():
    link = drafting.mailto_link(
        to="sophie+tuteur@example.org",
        subject="Lettre & recommandation ? 100 %",
        body="Bonjour,\n\nMerci #1 = oui",
    )
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "sophie+tuteur@example.org"
    assert " " not in link and "\n" not in link and "&body=" in link
    assert "%0D%0A%0D%0A" in link and "%26" in link and "%23" in link and "%2B" in link
    query = parse_qs(parts.query)
    assert query["subject"] == ["Lettre & recommandation ? 100 %"]
    assert query["body"] == ["Bonjour,\r\n\r\nMerci #1 = oui"]
