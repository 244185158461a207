"""French action verbs for CV lines: past participle → infinitive, and the weak ones to avoid.

A CV line starts with the verb of what the intern did, as a past participle without subject
("Analysé les 12 derniers numéros…"), which keeps agreement simple and reads as a result.
"""

from __future__ import annotations

# Irregular past participles the first-group rule (-é → -er) does not cover.
IRREGULAR = {
    "conçu": "concevoir",
    "construit": "construire",
    "produit": "produire",
    "réduit": "réduire",
    "traduit": "traduire",
    "conduit": "conduire",
    "écrit": "écrire",
    "décrit": "décrire",
    "mis": "mettre",
    "remis": "remettre",
    "pris": "prendre",
    "repris": "reprendre",
    "appris": "apprendre",
    "entrepris": "entreprendre",
    "suivi": "suivre",
    "établi": "établir",
    "défini": "définir",
    "choisi": "choisir",
    "fourni": "fournir",
    "réuni": "réunir",
    "accueilli": "accueillir",
    "recueilli": "recueillir",
    "bâti": "bâtir",
    "enrichi": "enrichir",
    "résolu": "résoudre",
    "refondu": "refondre",
    "vendu": "vendre",
    "rendu": "rendre",
    "obtenu": "obtenir",
    "soutenu": "soutenir",
    "maintenu": "maintenir",
    "ouvert": "ouvrir",
    "découvert": "découvrir",
    "fait": "faire",
    "dit": "dire",
}
# Verbs that say little on a CV: replaced by a proposed verb when they open the action.
WEAK = frozenset(
    {"fait", "eu", "été", "pu", "dû", "voulu", "essayé", "aidé", "participé", "commencé", "dit"}
)
# Present tense of frequent first-group verbs ("je rédige") → past participle.
PRESENT_SUFFIXES = ("e",)

# Proposed when the action text has no usable verb: keyword in the example → participle.
KEYWORD_VERBS = (
    (("newsletter", "article", "rédaction", "contenu", "blog", "texte"), "Rédigé"),
    (("analyse", "benchmark", "étude", "données", "statistique", "tableau"), "Analysé"),
    (("présentation", "réunion", "comité", "oral"), "Présenté"),
    (("formation", "guide", "tutoriel", "former"), "Formé"),
    (("projet", "planning", "coordination"), "Piloté"),
    (("site", "application", "outil", "logiciel", "code"), "Développé"),
    (("événement", "marché", "salon", "atelier"), "Organisé"),
    (("client", "vente", "commercial"), "Accompagné"),
)
DEFAULT_VERB = "Réalisé"
