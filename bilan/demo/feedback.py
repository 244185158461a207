"""Demo feedback: the tutor's grid and three colleagues, one of whom reveals a hidden skill.

Loaded through the feedback services, as a rater's answers would be; the requests are
recorded without e-mails (the demo addresses are not real). `bilan demo` then runs the
background jobs that look for hidden skills in the answers.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bilan.dossiers.models import Dossier, Objective
from bilan.feedback import services as feedback
from bilan.feedback.models import Criterion, FeedbackRequest
from bilan.meeting import services as meeting_services
from bilan.skills.models import DossierSkill

PARIS = ZoneInfo("Europe/Paris")

# Criterion label → value on the default scale (Excellent … Insuffisant).
TUTOR_GRID = {
    "Adaptation": "tres_bien",
    "Intégration dans l'équipe": "excellent",
    "Assiduité et ponctualité": "excellent",
    "Organisation": "bien",
    "Autonomie": "tres_bien",
    "Initiative": "tres_bien",
    "Implication": "excellent",
    "Rigueur": "bien",
    "Application des connaissances": "bien",
    "Capacité d'observation": "tres_bien",
    "Capacité de synthèse": "excellent",
    "Communication": "tres_bien",
}
OBJECTIVE_VALUES: dict[str, str] = {
    Objective.Status.DONE: "atteint",
    Objective.Status.PARTIAL: "partiel",
    Objective.Status.CHANGED: "partiel",
}
TUTOR_COMMENT = (
    "Camille a une vraie capacité à structurer l'information : la newsletter est passée de "
    "une à trois rubriques claires, et le taux d'ouverture de 31 % à 42 % entre mai et août. "
    "Le benchmark présenté au comité de direction du 12 mai nous a permis de trancher."
)
TUTOR_IMPROVE = (
    "Oser davantage défendre ses propositions en réunion : en juin, deux bonnes idées pour "
    "Instagram ont été abandonnées faute d'avoir été argumentées."
)

# (name, e-mail, relationship, strengths among the intern's skill labels, free strengths,
#  improve, situation, developed)
COLLEAGUES = [
    (
        "Jean Morel",
        "jean.morel@example.org",
        FeedbackRequest.Relationship.MANAGER,
        ["Prendre la parole en public"],
        "",
        "Préparer une version courte des présentations pour les réunions de 15 minutes.",
        "Au comité de direction du 12 mai, le benchmark de 8 coopératives était clair et "
        "nous a permis de trancher sur la newsletter en une séance.",
        "La prise de parole : plus à l'aise en août qu'en avril.",
    ),
    (
        "Nadia Benali",
        "nadia.benali@example.org",
        FeedbackRequest.Relationship.COLLEAGUE,
        ["Canva", "Manipuler et analyser des données"],
        "",
        "Partager plus tôt les brouillons des visuels.",
        "Le tableau de bord Looker Studio de juillet m'évite désormais une demi-journée de "
        "calculs chaque mois.",
        "L'analyse des statistiques des réseaux sociaux.",
    ),
    (
        "Léa Garnier",
        "lea.garnier@example.org",
        FeedbackRequest.Relationship.COLLEAGUE,
        ["Canva"],
        "Pédagogie",
        "Garder du temps pour ses propres tâches quand on la sollicite.",
        "À mon arrivée en juillet, Camille m'a formée sur Canva et Brevo avec un guide de "
        "4 pages ; j'ai pu publier sans aide dès ma deuxième semaine.",
        "Former les nouveaux arrivants.",
    ),
]


def demo_feedback_load(*, dossier: Dossier) -> None:
    grid = feedback.round_get(dossier=dossier).grid
    if grid is not None:
        feedback.round_update(dossier=dossier, grid=grid, scale=grid.scale)
    meeting_services.meeting_set(
        dossier=dossier,
        starts_at=dt.datetime.combine(
            dossier.end_date - dt.timedelta(days=2), dt.time(14, 0), tzinfo=PARIS
        ),
        duration_minutes=60,
        place="Coopérative Terres du Rhône, salle du conseil",
    )
    owned = DossierSkill.objects.filter(dossier=dossier).select_related("skill")
    skills = {item.label: item for item in owned}
    tutor = feedback.feedback_request_create(
        dossier=dossier,
        name=dossier.tutor_name,
        email=dossier.tutor_email,
        relationship=FeedbackRequest.Relationship.TUTOR,
        language="fr",
        send=False,
    )
    criteria = Criterion.objects.filter(grid=grid) if grid else Criterion.objects.none()
    ratings = [
        {"key": f"criterion:{c.pk}", "label": c.label_fr, "value": TUTOR_GRID[c.label_fr]}
        for c in criteria
        if c.label_fr in TUTOR_GRID
    ]
    ratings += [
        {"key": f"objective:{o.pk}", "label": o.title, "value": OBJECTIVE_VALUES[o.status]}
        for o in dossier.objectives.all()
        if o.status in OBJECTIVE_VALUES
    ]
    ratings += [
        {"key": f"skill:{item.pk}", "label": label, "value": "tres_bien"}
        for label, item in skills.items()
    ]
    feedback.feedback_answer_submit(
        feedback_request=tutor,
        ratings=ratings,
        comment=TUTOR_COMMENT,
        improve=TUTOR_IMPROVE,
        host_again="yes",
        offers_recommendation=True,
    )
    for name, email, relationship, chosen, other, improve, situation, developed in COLLEAGUES:
        colleague = feedback.feedback_request_create(
            dossier=dossier, name=name, email=email, relationship=relationship, send=False
        )
        feedback.feedback_answer_submit(
            feedback_request=colleague,
            strengths=[skills[label] for label in chosen if label in skills],
            strengths_other=other,
            improve=improve,
            situation=situation,
            developed=developed,
        )
