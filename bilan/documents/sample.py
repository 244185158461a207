"""A realistic synthesis, used by the tests, the benchmark and previews of the layout.

Camille, in a six-month marketing internship, wrote each part of the trame in the Markdown
subset interns use; :func:`sample_document` parses it exactly as the editor's text would be.
"""

from __future__ import annotations

from bilan.documents.markup import parse_markdown
from bilan.documents.model import TRAME_HEADINGS, Document, Language, Section

SECTIONS_FR: dict[str, str] = {
    "introduction": """\
J'ai effectué mon stage de fin d'études de **six mois** (du 3 février au 1er août 2025) au sein
du service marketing digital d'**Atelier Lumen**, une PME nantaise de 45 personnes qui fabrique
des luminaires en bois certifié. Ma mission, telle que la fiche mission la décrivait : *relancer
la newsletter client et structurer le suivi des campagnes d'acquisition*.""",
    "deroulement": """\
Le stage s'est organisé en trois temps :

1. **Février – mars** : audit de la base de 12 400 contacts, nettoyage des doublons et mise en
   conformité RGPD des formulaires d'inscription.
2. **Avril – mai** : refonte de la newsletter mensuelle (nouveau gabarit, calendrier éditorial,
   tests A/B sur les objets).
3. **Juin – juillet** : tableau de bord hebdomadaire des campagnes dans Looker Studio, présenté
   chaque lundi à l'équipe commerciale.

S'y est ajoutée une tâche imprévue : la préparation du stand du salon *Maison & Objet*, que j'ai
coordonnée avec deux prestataires.""",
    "competences": """\
- **Analyse de données** : je sais désormais construire un tableau de bord qui répond à une
  question. Par exemple, en croisant les ouvertures et les ventes, j'ai montré que les envois du
  mardi matin convertissaient 1,8 fois mieux ; l'équipe a déplacé l'envoi.
- **Rédaction et structuration de l'information** : mon tuteur a relevé la clarté de mes
  comptes rendus. Le gabarit que j'ai conçu pour la newsletter a fait passer le taux d'ouverture
  de 21 % à 34 % en trois envois.
- **Gestion de projet** : pour le salon, j'ai tenu un rétroplanning partagé avec les
  prestataires et livré le stand avec deux jours d'avance.
- **Communication en réunion** : j'ai appris à présenter des chiffres en cinq minutes, en
  commençant par la décision à prendre plutôt que par la méthode.""",
    "difficultes": """\
**Des données dispersées.** Les chiffres de vente étaient dans trois outils qui ne se parlaient
pas. Plutôt que de tout ressaisir, j'ai demandé l'aide de l'administrateur du CRM ; ensemble nous
avons mis en place un export automatique hebdomadaire. J'en retiens qu'il vaut mieux demander
tôt qu'improviser seul.

**Prioriser.** En mai, les demandes de l'équipe commerciale se sont accumulées. J'ai proposé un
point de quinze minutes chaque lundi pour arbitrer les priorités avec mon tuteur, ce qui a réduit
les urgences de dernière minute.""",
    "bilan_personnel": """\
Ce stage m'a révélé un goût pour la **mesure de l'impact** : je ne me contente plus d'envoyer une
campagne, je veux savoir ce qu'elle a produit. J'ai aussi gagné en assurance à l'oral : en
février, je préparais mes interventions par écrit mot à mot ; en juillet, je présentais le tableau
de bord à partir de trois notes. Mes points forts, selon mon tuteur et deux collègues : la
rigueur dans la préparation des données et la capacité à *rendre clair ce qui est compliqué*.""",
    "ouverture": """\
Deux axes de progression identifiés avec mon tuteur :

- approfondir le SQL pour ne plus dépendre des exports ;
- apprendre à déléguer et à relire le travail d'un prestataire plutôt que de le refaire.

Je souhaite poursuivre dans le marketing analytique, idéalement en alternance en master. Je
demanderai à mon tuteur s'il accepterait de me recommander et quels contacts il me conseille dans
ce domaine.""",
}

# Paragraphs appended to each section for the "long" variant: a draft far beyond two pages.
_LONG_EXTRA_FR = (
    "Pour illustrer davantage cette partie, je reviens sur la semaine du {n} où l'équipe a "
    "revu ensemble les indicateurs : chaque membre a commenté le tableau de bord, j'ai noté "
    "les remarques, puis j'ai corrigé les définitions des taux de conversion le lendemain. "
    "Cette expérience numéro {n} m'a appris à documenter mes calculs pour que d'autres puissent "
    "les vérifier sans moi, et à annoncer clairement les limites des données disponibles."
)

SECTIONS_EN: dict[str, str] = {
    "introduction": """\
I spent my **six-month** final internship (3 February to 1 August 2025) in the digital marketing
team of **Atelier Lumen**, a 45-person lighting manufacturer in Nantes.""",
    "deroulement": """\
- February–March: audit and clean-up of the 12,400-contact mailing list.
- April–May: redesign of the monthly newsletter.
- June–July: a weekly campaign dashboard for the sales team.""",
    "competences": """\
- **Data analysis**: by crossing opens and sales I showed that Tuesday-morning sends converted
  1.8 times better; the team moved the send day.""",
    "difficultes": """\
Sales figures lived in three tools. I asked the CRM administrator for help and we set up a
weekly automatic export.""",
    "bilan_personnel": "I found I enjoy *measuring impact*, and I gained confidence speaking.",
    "ouverture": "Next: learn SQL properly and look for a work-study master's in analytics.",
}


def sample_chart_svg() -> str:
    """A small before/after bar chart of four skills, as the synthesis app would draw it."""
    skills = [("Analyse", 1, 4), ("Rédaction", 2, 4), ("Projet", 1, 3), ("Oral", 1, 3)]
    bars = []
    for index, (name, before, after) in enumerate(skills):
        y = 20 + index * 34
        bars.append(
            f'<text x="0" y="{y + 14}" font-size="11" font-family="sans-serif">{name}</text>'
            f'<rect x="70" y="{y}" width="{before * 30}" height="10" fill="#9aa9bb"/>'
            f'<rect x="70" y="{y + 12}" width="{after * 30}" height="10" fill="#1f3a5f"/>'
        )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="220" height="160" '
        'viewBox="0 0 220 160">' + "".join(bars) + "</svg>"
    )


def sample_document(
    language: Language = "fr", *, long: bool = False, chart: bool = True
) -> Document:
    """Camille's synthesis; ``long=True`` pads each part to a draft of several pages."""
    texts = SECTIONS_FR if language == "fr" else SECTIONS_EN
    sections = []
    for key, text in texts.items():
        if long:
            extra = [_LONG_EXTRA_FR.format(n=f"{key}-{n}") for n in range(1, 6)]
            text = "\n\n".join([text, *extra])
        sections.append(Section(key, TRAME_HEADINGS[language][key], parse_markdown(text)))
    if language == "fr":
        title, subtitle = "Bilan de fin de stage", "Synthèse préparée pour l'entretien de bilan"
        meta = [
            ("Stagiaire", "Camille Moreau — Master 1 Marketing digital, IAE Nantes"),
            ("Organisation", "Atelier Lumen, service marketing digital (Nantes)"),
            ("Période", "3 février – 1er août 2025 (stage de six mois)"),
            ("Tuteur", "Julien Perrin, responsable marketing"),
            ("Référente école", "Sophie Laurent"),
        ]
        footer = "Camille Moreau — Bilan de fin de stage — Atelier Lumen"
    else:
        title, subtitle = "End-of-internship review", "Summary prepared for the review meeting"
        meta = [
            ("Intern", "Camille Moreau"),
            ("Organisation", "Atelier Lumen, digital marketing (Nantes)"),
            ("Period", "3 February – 1 August 2025"),
            ("Tutor", "Julien Perrin"),
        ]
        footer = "Camille Moreau — End-of-internship review"
    return Document(
        title=title,
        subtitle=subtitle,
        language=language,
        meta=meta,
        sections=sections,
        chart_svg=sample_chart_svg() if chart else None,
        footer=footer,
        author="Camille Moreau",
    )
