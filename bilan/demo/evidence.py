"""Demo traces: a meeting report, a mailbox export with thanks and a recommendation, notes.

The files are generated here with the same libraries an intern's tools produce (python-docx,
the standard e-mail package) and go through the ordinary upload path.
"""

from __future__ import annotations

import datetime as dt
import io
import mailbox
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from bilan.dossiers.models import Dossier, Objective
from bilan.evidence import services as evidence
from bilan.evidence.models import Trace
from bilan.evidence.proofs import ProofChoice, ProofTarget, excerpt_default, proofs_save

PARIS = ZoneInfo("Europe/Paris")

REPORT_PARAGRAPHS = [
    "Compte rendu — comité de direction du 12 mai 2026",
    "Présents : Sophie Laurent, Jean Morel (directeur), Camille Moreau (stagiaire).",
    "Camille présente le benchmark de 8 coopératives agricoles : offre, ton, fréquence de "
    "publication. Points forts relevés : les portraits de producteurs et la newsletter.",
    "Décision : la newsletter passe à 3 rubriques dès juin ; Camille en rédige les éditos.",
]

MAILS = [
    (
        dt.datetime(2026, 5, 13, 9, 12, tzinfo=PARIS),
        "Jean Morel <jean.morel@example.org>",
        "Merci pour le benchmark",
        "Bonjour Camille,\n\nMerci pour la présentation d'hier : le benchmark est clair et "
        "nous a aidés à trancher pour la nouvelle newsletter.\n\nJean",
    ),
    (
        dt.datetime(2026, 6, 22, 17, 40, tzinfo=PARIS),
        "Mairie de Villeurbanne <evenements@example.org>",
        "Affiches du marché de producteurs",
        "Bonjour,\n\nVos affiches pour le marché du 20 juin ont été très remarquées ; "
        "pourriez-vous nous transmettre les fichiers pour nos panneaux ?\n\nLe service "
        "événements",
    ),
    (
        dt.datetime(2026, 8, 26, 11, 5, tzinfo=PARIS),
        "Sophie Laurent <sophie.laurent@example.org>",
        "Recommandation",
        "Camille a conduit la refonte de notre newsletter (taux d'ouverture de 31 % à 42 %) "
        "avec rigueur et autonomie. Je la recommande sans réserve.\n\nSophie Laurent",
    ),
]

NOTES = [
    (
        "Retour de Léa, stagiaire arrivée en juillet",
        "Ton guide de 4 pages m'a fait gagner une semaine, merci !",
        Trace.Kind.FEEDBACK,
        dt.datetime(2026, 7, 10, 16, 0, tzinfo=PARIS),
    ),
]


def _report_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "CR comité de direction — 12 mai 2026"
    document.core_properties.author = "Camille Moreau"
    # python-docx's template carries a 2013 creation date; a real report has its own.
    document.core_properties.created = dt.datetime(2026, 5, 12, 18, 0, tzinfo=PARIS)
    for text in REPORT_PARAGRAPHS:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _mbox() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.mbox"
        box = mailbox.mbox(str(path), create=True)
        for number, (date, sender, subject, body) in enumerate(MAILS, start=1):
            message = EmailMessage()
            message["From"] = sender
            message["To"] = "Camille Moreau <camille.moreau@example.org>"
            message["Subject"] = subject
            message["Date"] = format_datetime(date)
            message["Message-ID"] = f"<demo-{number}@bilan.local>"
            message.set_content(body)
            box.add(mailbox.mboxMessage(message.as_bytes()))
        box.close()
        return path.read_bytes()


def demo_traces_load(*, dossier: Dossier) -> None:
    """Queue the demo files like an upload; `bilan demo` then runs the extraction jobs."""
    files = [
        SimpleUploadedFile("cr-comite-12-mai.docx", _report_docx()),
        SimpleUploadedFile("export-thunderbird.mbox", _mbox()),
    ]
    evidence.traces_upload(dossier=dossier, files=files, kind=Trace.Kind.MINUTES)
    for title, note, kind, date in NOTES:
        evidence.trace_create_note(dossier=dossier, title=title, note=note, kind=kind, date=date)


def demo_traces_link(*, dossier: Dossier) -> None:
    """Once extracted, link the traces to the objectives they back and set their kinds."""
    objectives = list(dossier.objectives.all())
    by_word = {
        "benchmark": next((o for o in objectives if "benchmark" in o.title.lower()), None),
        "newsletter": next((o for o in objectives if "newsletter" in o.title.lower()), None),
        "marché": next((o for o in objectives if "marché" in o.title.lower()), None),
        "léa": next((o for o in objectives if "stagiaire" in o.title.lower()), None),
    }
    for trace in dossier.traces.all():
        text = f"{trace.title} {trace.text}".lower()
        linked = [o for word, o in by_word.items() if o is not None and word in text]
        kind = trace.kind
        if "recommand" in text:
            kind = Trace.Kind.RECOMMENDATION
        elif trace.source == Trace.Source.MAILBOX:
            kind = Trace.Kind.FEEDBACK if "merci" in text else Trace.Kind.EMAIL
        evidence.trace_update(trace=trace, objectives=linked, kind=kind)


def demo_proofs_choose(*, dossier: Dossier) -> None:
    """Back what the demo claims: each reviewed objective by its first linked trace, the first
    example by the thanks received; the synthesis generated next cites them."""
    objectives = dossier.objectives.exclude(
        status__in=[Objective.Status.PLANNED, Objective.Status.DROPPED]
    ).prefetch_related("traces")
    for objective in objectives:
        trace = next(iter(objective.traces.all()), None)
        if trace is not None:
            proofs_save(
                dossier=dossier,
                target=ProofTarget("objective", objective),
                choices=[ProofChoice(trace.pk, excerpt_default(trace))],
            )
    thanks = dossier.traces.filter(
        kind__in=[Trace.Kind.FEEDBACK, Trace.Kind.RECOMMENDATION]
    ).first()
    example = dossier.examples.first()
    if thanks is not None and example is not None:
        proofs_save(
            dossier=dossier,
            target=ProofTarget("example", example),
            choices=[ProofChoice(thanks.pk, excerpt_default(thanks))],
        )
