"""The demo internship: realistic French content, kept apart from the code that loads it."""

from __future__ import annotations

import datetime as dt

DEMO_EMAIL = "demo@bilan.local"
DEMO_PASSWORD = "bilan-demo-2026"  # noqa: S105 — a published demo login, not a secret

INTERN = {"first_name": "Camille", "last_name": "Moreau"}

DOSSIER = {
    "organisation": "Coopérative Terres du Rhône",
    "service": "Communication et marketing digital",
    "location": "Lyon (69)",
    "kind": "stage",
    "start_date": dt.date(2026, 4, 6),
    "end_date": dt.date(2026, 8, 28),
    "school": "IUT Lyon 3",
    "programme": "BUT Information-Communication, 2e année",
    "tutor_name": "Sophie Laurent",
    "tutor_email": "sophie.laurent@example.org",
    "tutor_role": "Responsable communication",
    "referent_name": "Marc Duval",
    "referent_email": "marc.duval@example.edu",
    "language": "fr",
    "mission_text": """Activités confiées :
- Participer à la refonte de la newsletter mensuelle des adhérents
- Animer les réseaux sociaux de la coopérative (Instagram, LinkedIn, Facebook)
- Rédiger des articles pour le blog et le site internet
- Réaliser un benchmark des coopératives agricoles concurrentes
- Mettre à jour la base de contacts des producteurs dans le CRM
- Concevoir les supports de communication du marché de producteurs de juin
- Produire un tableau de bord mensuel des statistiques web et réseaux sociaux
- Préparer une campagne d'e-mailing pour le lancement des paniers d'été
- Organiser le tournage de portraits vidéo de producteurs
- Traduire la plaquette de présentation en anglais

Compétences à acquérir :
- Maîtriser les outils de publication et d'analyse (Meta Business Suite, Brevo, Canva)
- Savoir adapter un message à une cible""",
}

# (mission line, status, what was really done, own contribution, reason)
OBJECTIVE_REVIEWS = [
    (
        "done",
        "Nouvelle maquette Brevo en 3 rubriques, 5 numéros envoyés d'avril à août.",
        "J'ai proposé la structure en rubriques et rédigé les éditos ; taux d'ouverture passé "
        "de 31 % à 42 %.",
        "",
    ),
    (
        "done",
        "Calendrier éditorial mensuel, 3 publications par semaine sur Instagram et LinkedIn.",
        "Création des visuels dans Canva et rédaction des textes, validés chaque lundi.",
        "",
    ),
    (
        "partial",
        "6 articles publiés sur le blog ; la refonte du site a été reportée à l'automne.",
        "Interviews de producteurs et rédaction complète des articles.",
        "",
    ),
    (
        "done",
        "Benchmark de 8 coopératives (offre, ton, fréquence de publication).",
        "Grille d'analyse conçue seule, présentée au comité de direction le 12 mai.",
        "",
    ),
    (
        "changed",
        "Nettoyage de 1 200 fiches dans un tableur partagé au lieu du CRM.",
        "Dédoublonnage et règles de saisie communes.",
        "Le projet de CRM a été suspendu en mai faute de budget ; le tableur sert de transition.",
    ),
    (
        "done",
        "Affiches, flyers et signalétique du marché du 20 juin (2 500 visiteurs).",
        "Conception graphique et suivi de l'impression avec l'imprimeur.",
        "",
    ),
    (
        "partial",
        "Tableau de bord livré pour mai, juin et juillet.",
        "Construction du modèle dans Looker Studio.",
        "",
    ),
    ("planned", "", "", ""),
    (
        "dropped",
        "",
        "",
        "Le vidéaste prévu n'était plus disponible ; remplacé par des portraits photo.",
    ),
    (
        "done",
        "Plaquette traduite et relue par une adhérente anglophone.",
        "Traduction complète et glossaire des termes agricoles.",
        "",
    ),
    ("planned", "", "", ""),
    ("partial", "Je sais adapter un même message pour LinkedIn et Instagram.", "", ""),
]

UNPLANNED = [
    (
        "Accueillir et former la stagiaire arrivée en juillet",
        "done",
        "Deux demi-journées de prise en main des outils et un guide de 4 pages.",
        "J'ai écrit le guide et animé les deux sessions.",
    ),
    (
        "Répondre aux avis clients sur Google",
        "done",
        "Réponse à 45 avis avec des modèles validés par ma tutrice.",
        "Rédaction des modèles de réponse.",
    ),
]

# (date, text, tags)
JOURNAL = [
    (
        dt.date(2026, 4, 6),
        "Accueil par Sophie, présentation des 14 salariés et des producteurs. "
        "Je découvre Brevo et Canva, que je n'avais jamais utilisés.",
        "accueil, outils",
    ),
    (
        dt.date(2026, 4, 7),
        "Lecture des 12 dernières newsletters. Je note ce qui marche : "
        "les portraits de producteurs sont les plus cliqués.",
        "newsletter",
    ),
    (
        dt.date(2026, 4, 9),
        "Première publication Instagram, corrigée trois fois par Sophie. "
        "Je dois apprendre à écrire plus court.",
        "réseaux sociaux",
    ),
    (
        dt.date(2026, 4, 10),
        "Je n'ose pas encore appeler les producteurs pour les interviews ; "
        "Sophie me propose de l'écouter faire le premier appel.",
        "difficulté, producteurs",
    ),
    (
        dt.date(2026, 4, 20),
        "Grille de benchmark terminée : 8 coopératives, 12 critères.",
        "benchmark",
    ),
    (
        dt.date(2026, 5, 12),
        "Présentation du benchmark au comité de direction. Trop de "
        "diapositives (25) : je n'ai pas eu le temps de finir. À retenir : 10 maximum.",
        "benchmark, oral",
    ),
    (
        dt.date(2026, 5, 26),
        "Le projet CRM est suspendu. On passe à un tableur partagé ; je "
        "propose des règles de saisie.",
        "CRM",
    ),
    (
        dt.date(2026, 6, 20),
        "Marché de producteurs : 2 500 visiteurs, les affiches ont été remarquées par la mairie.",
        "événement",
    ),
    (
        dt.date(2026, 7, 6),
        "Arrivée de Léa, nouvelle stagiaire. Je lui montre Brevo et Canva.",
        "tutorat",
    ),
    (
        dt.date(2026, 8, 24),
        "J'écris seule la newsletter d'août ; Sophie ne fait qu'une relecture "
        "rapide sans correction de fond.",
        "newsletter, autonomie",
    ),
    (
        dt.date(2026, 8, 25),
        "Bilan des statistiques : 42 % d'ouverture contre 31 % en avril.",
        "newsletter, chiffres",
    ),
    (
        dt.date(2026, 8, 27),
        "J'appelle maintenant les producteurs sans préparation écrite ; "
        "trois interviews calées cette semaine.",
        "producteurs, autonomie",
    ),
]

FIRST_WEEK_NOTE = (
    "Je ne connaissais ni Brevo ni Canva. J'écrivais des textes longs, pensés pour l'école, "
    "et j'hésitais à téléphoner à des inconnus."
)
MASTERED_NOW = (
    "Je conçois et envoie seule une newsletter (42 % d'ouverture), j'adapte un message à "
    "chaque réseau, et j'appelle les producteurs sans script."
)

# Skills: (framework key, code, own label, family, level at arrival, level now, note).
# A framework skill has a code and no own label; a free entry has a label and no code.
SKILLS = [
    (None, None, "Brevo (e-mailing)", "technical", 1, 3, "Jamais utilisé avant le stage."),
    (None, None, "Canva", "technical", 1, 4, "Je forme désormais les nouveaux arrivants."),
    ("bilan", "TECH-DONNEES", "", "technical", 2, 3, "Tableau de bord dans Looker Studio."),
    ("bilan", "TRANS-ORAL", "", "transversal", 1, 2, "Présentation au comité de direction."),
    ("bilan", "TRANS-COMMUNICATION", "", "transversal", 2, 3, ""),
    ("savoir-etre", "300460", "", "behavioural", 1, 3, "Newsletter d'août écrite seule."),
]

# (title, situation, task, action, result, learned, skill indexes in SKILLS)
EXAMPLES = [
    (
        "Refonte de la newsletter",
        "La newsletter mensuelle avait 31 % d'ouverture et une maquette datée.",
        "Proposer une nouvelle structure et rédiger les numéros d'avril à août.",
        "J'ai analysé les 12 derniers numéros, proposé trois rubriques et rédigé les éditos.",
        "42 % d'ouverture en août ; ma tutrice ne relit plus que la forme.",
        "Partir des chiffres pour convaincre, et écrire court.",
        [0, 5],
    ),
    (
        "Présentation du benchmark au comité de direction",
        "Le 12 mai, je présentais seule mon benchmark de 8 coopératives.",
        "Restituer l'analyse en 15 minutes.",
        "J'ai préparé 25 diapositives ; je n'ai pas eu le temps de finir.",
        "Le comité a retenu deux pistes, mais la fin a été coupée.",
        "Dix diapositives au maximum, et une répétition chronométrée la veille.",
        [3],
    ),
]

# (kind, title, description, solution, resources, lesson)
HIGHLIGHTS = [
    (
        "success",
        "La newsletter passe de 31 % à 42 % d'ouverture",
        "Cinq numéros envoyés d'avril à août avec la nouvelle maquette.",
        "",
        "",
        "Mesurer avant et après rend une réussite visible.",
    ),
    (
        "difficulty",
        "Je n'osais pas appeler les producteurs",
        "Les premières semaines, je repoussais les appels pour les interviews.",
        "J'ai écouté Sophie faire le premier appel, puis préparé un script.",
        "Ma tutrice ; un script d'appel de cinq questions.",
        "Préparer lève l'appréhension ; aujourd'hui j'appelle sans script.",
    ),
]

FEELINGS = {
    "culture": "Une coopérative où chaque décision se discute avec les producteurs.",
    "atmosphere": "Une équipe de 14 personnes, bienveillante et disponible.",
    "team": "Des points chaque lundi avec Sophie ; j'ai été associée aux réunions d'équipe.",
    "motivation": "Voir l'effet de mon travail en chiffres me motive ; la saisie, moins.",
    "applications": "Je veux me spécialiser en communication digitale en licence professionnelle.",
}

PROGRESS_AXES = [
    "Préparer mes présentations en dix diapositives maximum",
    "Oser donner mon avis en réunion sans attendre qu'on me le demande",
]
