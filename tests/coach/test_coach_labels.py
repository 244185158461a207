"""Sentence labels on real sentences, French and English, one group per label."""

from __future__ import annotations

import pytest

VAGUE = [
    ("fr", "Tout s'est très bien passé."),
    ("fr", "J'ai beaucoup appris."),
    ("fr", "J'ai acquis de la rigueur."),
    ("fr", "L'équipe était très accueillante."),
    ("fr", "Le travail en équipe est primordial en entreprise."),
    ("en", "It was a great experience overall."),
    ("en", "I gained a lot of skills."),
    ("en", "I learned a lot."),
]
REFLECTIVE = [
    ("fr", "J'ai appris à estimer mes tâches en demi-journées."),
    ("fr", "J'ai compris qu'un devis envoyé sous 24 heures avait plus de chances d'être signé."),
    (
        "fr",
        "Avec le recul, je demanderais un point de validation à mi-parcours avant de lancer une "
        "campagne.",
    ),
    ("fr", "Je me suis aperçue que je préférais le contact client au travail de back-office."),
    # Reflective without "j'ai appris": a change tied to its cause, a lesson stated for later.
    (
        "fr",
        "Travailler chaque jour avec les collégiens m'a rendue beaucoup plus sûre de moi à l'oral.",
    ),
    (
        "fr",
        "Apprendre à écouter les arguments des autres avant de défendre ma position, c'est "
        "quelque chose qui me servira toute ma vie.",
    ),
    ("en", "Working with the pupils every day made me far more confident in front of a class."),
    ("en", "Learning to listen before defending my own view is something I will use all my life."),
    ("en", "I learned to build a Power BI report that replaced four weekly spreadsheets."),
    ("en", "In hindsight, I should have asked for the data dictionary on day one."),
]
DESCRIPTIVE = [
    ("fr", "J'ai mis à jour chaque vendredi le planning des trois équipes de maintenance."),
    ("fr", "Le laboratoire compte quinze chercheurs et quatre techniciens."),
    ("fr", "J'ai préparé les supports de formation pour les nouveaux arrivants."),
    ("en", "I answered customer tickets in Zendesk every morning."),
    ("en", "I planned the delivery routes of fifteen drivers."),
]
DIFFICULTY = [
    ("fr", "J'ai rencontré des difficultés à obtenir les accès au serveur de production."),
    ("fr", "Le serveur de test tombait en panne plusieurs fois par semaine."),
    ("fr", "Je n'arrivais pas à reproduire le bug signalé par le client."),
    ("en", "The hardest part was working with an undocumented legacy API."),
    ("en", "I struggled to understand the existing architecture."),
]
SOLUTION = [
    (
        "fr",
        "Pour débloquer la situation, j'ai rédigé une demande d'accès validée par le responsable "
        "sécurité.",
    ),
    (
        "fr",
        "Le déploiement échouait à chaque mise à jour, alors j'ai écrit un script de vérification.",
    ),
    ("en", "To fix this, I set up a Docker environment identical to production."),
    ("en", "Clients kept forgetting to send their invoices, so I drafted a reminder template."),
]
TONE = [
    ("fr", "Le stage était trop cool, j'ai kiffé."),
    ("fr", "Mon responsable était nul et ne comprenait rien."),
    ("fr", "C'était la galère pour trouver une place de parking."),
    ("fr", "J'ai fait plein de trucs différents !!!"),
    ("fr", "Ma tutrice était toujours à la bourre 🙄"),
    ("fr", "J'ai bcp appris mdr"),
    ("en", "My boss was a total jerk."),
    ("en", "Tbh the meetings were a waste of time."),
]
NO_LABEL = [
    ("fr", "Merci à ma tutrice pour sa disponibilité."),
    ("fr", "Quels points devrais-je travailler en priorité selon vous ?"),
    ("en", "Thanks to the whole team for their support."),
    ("en", "Could you write me a letter of recommendation?"),
]


def _labels(run, lang: str, text: str) -> frozenset[str]:
    analysis = run(text, lang)
    assert len(analysis.sentences) == 1, [s.text for s in analysis.sentences]
    return analysis.sentences[0].labels


@pytest.mark.parametrize(("lang", "text"), VAGUE)
def test_vague(run, lang, text):
    labels = _labels(run, lang, text)
    assert "vague" in labels
    assert "reflective" not in labels


@pytest.mark.parametrize(("lang", "text"), REFLECTIVE)
def test_reflective(run, lang, text):
    labels = _labels(run, lang, text)
    assert "reflective" in labels
    assert "vague" not in labels


@pytest.mark.parametrize(("lang", "text"), DESCRIPTIVE)
def test_descriptive(run, lang, text):
    assert _labels(run, lang, text) == {"descriptive"}


@pytest.mark.parametrize(("lang", "text"), DIFFICULTY)
def test_difficulty(run, lang, text):
    assert "difficulty" in _labels(run, lang, text)


@pytest.mark.parametrize(("lang", "text"), SOLUTION)
def test_solution(run, lang, text):
    assert "solution" in _labels(run, lang, text)


@pytest.mark.parametrize(("lang", "text"), TONE)
def test_tone(run, lang, text):
    assert "tone" in _labels(run, lang, text)


@pytest.mark.parametrize(("lang", "text"), NO_LABEL)
def test_no_label(run, lang, text):
    assert _labels(run, lang, text) == frozenset()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "J'ai progressé à l'oral. Par exemple, j'ai présenté seul le bilan trimestriel au "
            "comité de direction le 4 juin.",
        ),
        (
            "en",
            "I improved my time management. For example, I delivered all six monthly reports "
            "on the agreed date.",
        ),
    ],
)
def test_claim_illustrated_by_next_sentence_is_not_vague(run, lang, text):
    analysis = run(text, lang)
    assert len(analysis.sentences) == 2
    assert "vague" not in analysis.labels()
    assert "descriptive" in analysis.sentences[1].labels


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Le client ne répondait plus à nos courriels. J'ai proposé un point téléphonique "
            "chaque lundi.",
        ),
        (
            "en",
            "The stock of dressings regularly ran out. I created a weekly order form with the "
            "pharmacy.",
        ),
    ],
)
def test_action_after_difficulty_is_a_solution(run, lang, text):
    first, second = run(text, lang).sentences
    assert "difficulty" in first.labels
    assert "solution" in second.labels


def test_several_labels_on_one_sentence(run):
    text = (
        "J'ai eu du mal à tenir les délais, alors j'ai découpé chaque livrable en tâches d'une "
        "journée, une méthode que je garde."
    )
    assert _labels(run, "fr", text) >= {"difficulty", "solution", "reflective"}


def test_problem_named_inside_a_lesson_is_not_a_difficulty(run):
    text = "J'ai compris qu'une erreur d'adressage dans le WMS bloquait toute la préparation."
    assert _labels(run, "fr", text) == {"reflective"}
