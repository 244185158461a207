"""The printable meeting pack: agenda, the intern's questions, then the synthesis.

Built as a :class:`bilan.documents.Document` so the PDF comes from the same renderer as the
synthesis. The synthesis is passed in rather than fetched: the pack does not depend on how
(or whether) the synthesis app is installed.
"""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from bilan.documents.citations import EXCERPT_MAX_CHARS
from bilan.documents.html_output import blocks_html
from bilan.documents.model import BulletList, Document, Language, Paragraph, Run, Section
from bilan.dossiers.models import Dossier
from bilan.evidence.models import Proof
from bilan.evidence.proofs import excerpt_default, proof_source, proofs_for_output

from .ics import intern_name
from .models import Question
from .services import meeting_get


def agenda_items() -> list[str]:
    """The order of the meeting, after the method's trame; it ends on an opening."""
    return [
        _("Accueil : objectifs de l'entretien et déroulé"),
        _("Missions réalisées : ce qui était prévu, ce qui a été fait"),
        _("Compétences acquises, avec un exemple concret pour chacune"),
        _("Difficultés rencontrées et solutions trouvées"),
        _("Retour du tuteur : impressions, points forts, points à travailler"),
        _("Axes de progrès à retenir"),
        _("Ouverture : la suite du parcours, une recommandation, des contacts utiles"),
    ]


def _language(dossier: Dossier) -> Language:
    return "en" if dossier.language == "en" else "fr"


def _meta(dossier: Dossier) -> list[tuple[str, str]]:
    meta = [(_("Stagiaire"), intern_name(dossier)), (_("Organisation"), dossier.organisation)]
    if dossier.tutor_name:
        meta.append((_("Tuteur"), dossier.tutor_name))
    meeting = meeting_get(dossier=dossier)
    if meeting is not None:
        when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
        meta.append((_("Date"), when))
        if meeting.place:
            meta.append((_("Lieu"), meeting.place))
    return meta


# The annex holds to one page: the proofs that matter most, never whole files.
ANNEX_MAX_ENTRIES = 12


def evidence_annex(dossier: Dossier, language: Language) -> Section | None:
    """The chosen proofs the pack may show: date, author, title and a short excerpt each."""
    index = proofs_for_output(dossier=dossier, output=Proof.Output.PACK)
    excerpts: dict[int, str] = {}
    for proof in index.all:
        if proof.excerpt and proof.trace_id not in excerpts:
            excerpts[proof.trace_id] = proof.excerpt
    items: list[list[Run]] = []
    for trace in index.traces()[:ANNEX_MAX_ENTRIES]:
        excerpt = excerpts.get(trace.pk) or excerpt_default(trace)
        runs = [Run(proof_source(trace, language), bold=True)]
        if trace.author and trace.title:
            runs.append(Run(" — " + " ".join(trace.title.split())))
        if excerpt:
            quoted = excerpt[:EXCERPT_MAX_CHARS]
            runs.append(Run(f" : « {quoted} »" if language == "fr" else f": “{quoted}”"))
        items.append(runs)
    if not items:
        return None
    return Section("annex", _("Annexe : les preuves"), [BulletList(items)])


def meeting_pack_document(
    *, dossier: Dossier, synthesis: Document | None, annex: bool = False
) -> Document:
    language = _language(dossier)
    with translation.override(language):
        questions = list(Question.objects.filter(dossier=dossier))
        question_blocks: list[Paragraph | BulletList] = (
            [BulletList([[Run(q.text)] for q in questions], ordered=True)]
            if questions
            else [Paragraph([Run(_("Aucune question retenue pour l'instant."), italic=True)])]
        )
        sections = [
            Section(
                "agenda",
                _("Ordre du jour"),
                [BulletList([[Run(item)] for item in agenda_items()], ordered=True)],
            ),
            Section("questions", _("Mes questions pour le tuteur"), question_blocks),
        ]
        if synthesis is not None:
            sections.append(Section("synthesis", synthesis.title or _("Synthèse"), []))
            sections += synthesis.sections
        annex_section = evidence_annex(dossier, language) if annex else None
        if annex_section is not None:
            sections.append(annex_section)
        return Document(
            title=_("Entretien de bilan de fin de stage"),
            subtitle=f"{intern_name(dossier)} — {dossier.organisation}",
            language=language,
            meta=_meta(dossier),
            sections=sections,
            chart_svg=synthesis.chart_svg if synthesis is not None else None,
            chart_section=synthesis.chart_section if synthesis is not None else "competences",
            author=intern_name(dossier),
            footer=_("Préparé avec Bilan"),
        )


def section_html(section: Section) -> SafeString:
    """A section's blocks as HTML for the printable page (text escaped by the renderer)."""
    return mark_safe(blocks_html(section.blocks))  # noqa: S308 — built from escaped runs only
