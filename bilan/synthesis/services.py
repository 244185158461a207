"""The synthesis: generated from the dossier, edited by section, versioned, rendered."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from bilan.core.edits import EditConflict
from bilan.documents.citations import drop_citations
from bilan.documents.docx_output import render_docx
from bilan.documents.markdown_output import render_markdown
from bilan.documents.markup import parse_markdown
from bilan.documents.model import TRAME, TRAME_HEADINGS, Document, Language, Section
from bilan.documents.pdf_output import render_pdf_with_pages
from bilan.documents.typography import typeset
from bilan.dossiers.models import Dossier
from bilan.dossiers.services import dossier_texts_changed
from bilan.evidence.models import Proof
from bilan.evidence.proofs import confidential_sources
from bilan.skills import chart as skills_chart
from bilan.skills import scale as skills_scale
from bilan.skills import services as skills

from .generator import intern_notes, is_intern_note, sections_generate
from .models import Synthesis, SynthesisVersion

MAX_PAGES = 2
FORMATS = ("pdf", "docx", "md")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


def synthesis_get(*, dossier: Dossier) -> Synthesis | None:
    return Synthesis.objects.filter(dossier=dossier).first()


def synthesis_current(*, synthesis: Synthesis) -> SynthesisVersion | None:
    return synthesis.versions.order_by("-number").first()


def _append(
    synthesis: Synthesis, *, sections: dict[str, str], generated: dict[str, str], origin: str
) -> SynthesisVersion:
    last = synthesis.versions.aggregate(n=Max("number"))["n"] or 0
    dossier_texts_changed(dossier_id=synthesis.dossier_id)
    return SynthesisVersion.objects.create(
        synthesis=synthesis,
        number=last + 1,
        origin=origin,
        sections={key: sections.get(key, "") for key in TRAME},
        generated={key: generated.get(key, "") for key in TRAME},
    )


@transaction.atomic
def synthesis_generate(*, dossier: Dossier) -> SynthesisVersion:
    """The first draft; once a synthesis exists, regenerating goes through a proposal."""
    synthesis, _created = Synthesis.objects.get_or_create(dossier=dossier)
    current = synthesis_current(synthesis=synthesis)
    if current is not None:
        return current
    draft = sections_generate(dossier=dossier)
    return _append(
        synthesis, sections=draft, generated=draft, origin=SynthesisVersion.Origin.GENERATED
    )


@transaction.atomic
def synthesis_save(
    *, synthesis: Synthesis, sections: dict[str, str], version: str | None = None
) -> SynthesisVersion | None:
    """Save the intern's edits as a new version; None when nothing changed.

    ``version`` is the number the edit was loaded from: when another version was saved since,
    nothing is written and EditConflict carries the current texts (None: no check).
    """
    if version is not None:
        # A no-op UPDATE first: it holds the synthesis row's write lock until the end of the
        # transaction, so two saves based on the same version are serialised and the second
        # sees the first one's version.
        Synthesis.objects.filter(pk=synthesis.pk).update(condensed=F("condensed"))
    current = synthesis_current(synthesis=synthesis)
    if version is not None and current is not None and str(current.number) != version:
        # The version the edit started from is known: sections the intern left alone take the
        # other save's text on the conflict page.
        loaded = (
            synthesis.versions.filter(number=int(version)).first() if version.isdigit() else None
        )
        raise EditConflict(
            saved=current.sections,
            version=str(current.number),
            base=loaded.sections if loaded else None,
        )
    base = current.sections if current else {}
    merged = {key: sections.get(key, base.get(key, "")) for key in TRAME}
    if current is not None and all(
        merged[key].strip() == base.get(key, "").strip() for key in TRAME
    ):
        return None
    return _append(
        synthesis,
        sections=merged,
        generated=current.generated if current else {},
        origin=SynthesisVersion.Origin.EDITED,
    )


@dataclass
class SectionProposal:
    key: str
    heading: str
    current: str
    proposed: str
    edited: bool

    @property
    def changed(self) -> bool:
        return self.current.strip() != self.proposed.strip()


def synthesis_regenerate_proposal(*, synthesis: Synthesis) -> list[SectionProposal]:
    """What regenerating would change, section by section, flagging the intern's edits."""
    current = synthesis_current(synthesis=synthesis)
    draft = sections_generate(dossier=synthesis.dossier)
    edited = current.edited_keys() if current else set()
    headings = TRAME_HEADINGS[_language(synthesis.dossier)]
    return [
        SectionProposal(
            key=key,
            heading=headings[key],
            current=current.sections.get(key, "") if current else "",
            proposed=draft[key],
            edited=key in edited,
        )
        for key in TRAME
    ]


@transaction.atomic
def synthesis_regenerate_apply(*, synthesis: Synthesis, keys: set[str]) -> SynthesisVersion | None:
    """Replace only the sections the intern chose; the others keep their text."""
    current = synthesis_current(synthesis=synthesis)
    draft = sections_generate(dossier=synthesis.dossier)
    sections = dict(current.sections) if current else {}
    generated = dict(current.generated) if current else {}
    replaced = False
    for key in TRAME:
        if key in keys and sections.get(key, "").strip() != draft[key].strip():
            sections[key] = draft[key]
            generated[key] = draft[key]
            replaced = True
    if not replaced and current is not None:
        return None
    return _append(
        synthesis,
        sections=sections,
        generated=generated,
        origin=SynthesisVersion.Origin.REGENERATED,
    )


@transaction.atomic
def synthesis_restore(*, version: SynthesisVersion) -> SynthesisVersion:
    return _append(
        version.synthesis,
        sections=version.sections,
        generated=version.generated,
        origin=SynthesisVersion.Origin.RESTORED,
    )


@dataclass
class SectionDiff:
    heading: str
    lines: list[tuple[str, str]]  # (" " | "-" | "+", text)

    @property
    def changed(self) -> bool:
        return any(mark != " " for mark, _ in self.lines)


def versions_compare(*, old: SynthesisVersion, new: SynthesisVersion) -> list[SectionDiff]:
    headings = TRAME_HEADINGS[_language(new.synthesis.dossier)]
    diffs = []
    for key in TRAME:
        before = old.sections.get(key, "").splitlines()
        after = new.sections.get(key, "").splitlines()
        lines = []
        for line in difflib.ndiff(before, after):
            mark, text = line[:1], line[2:]
            if mark in {" ", "-", "+"}:
                lines.append((mark, text))
        diffs.append(SectionDiff(heading=headings[key], lines=lines))
    return diffs


def _language(dossier: Dossier) -> Language:
    return "en" if dossier.language == "en" else "fr"


def skills_chart_svg(*, dossier: Dossier) -> str | None:
    chart = skills_chart.build(skills.skills_overview(dossier=dossier))
    if chart.empty:
        return None
    context = {"chart": chart, "levels": skills_scale.LEVELS}
    return render_to_string("skills/_chart_svg.html", context)


def synthesis_document(
    *,
    dossier: Dossier,
    version: SynthesisVersion | None = None,
    condensed: bool = False,
    output: str = Proof.Output.SYNTHESIS,
) -> Document:
    """The synthesis as the section model every format is rendered from.

    ``output`` is where it is going (the synthesis itself, the meeting pack, the school):
    citations of confidential traces the intern did not include there are left out.
    """
    language = _language(dossier)
    if version is None:
        synthesis = synthesis_get(dossier=dossier)
        version = synthesis_current(synthesis=synthesis) if synthesis else None
    texts = version.sections if version else sections_generate(dossier=dossier)
    with translation.override(language):
        headings = TRAME_HEADINGS[language]
        sections = []
        for key in TRAME:
            # Notes to the intern (prompts, skills still to illustrate) stay on screen; drafts
            # written before they left the text still carry some, so they are dropped here.
            blocks = [
                block
                for block in parse_markdown(texts.get(key, ""))
                if not is_intern_note(block, language=language)
            ]
            if blocks:  # a heading with nothing under it tells the reader nothing
                sections.append(Section(key=key, heading=headings[key], blocks=blocks))
        period = _("%(start)s – %(end)s") % {
            "start": formats.date_format(dossier.start_date, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(dossier.end_date, "SHORT_DATE_FORMAT"),
        }
        meta = [(_("Organisation"), dossier.organisation), (_("Période"), period)]
        if dossier.service:
            meta.append((_("Service"), dossier.service))
        if dossier.tutor_name:
            meta.append((_("Tuteur"), dossier.tutor_name))
        if dossier.programme or dossier.school:
            meta.append(
                (_("Formation"), " — ".join(filter(None, [dossier.programme, dossier.school])))
            )
        owner = dossier.owner.get_full_name() or dossier.owner.email
        hidden = confidential_sources(dossier=dossier, output=output)
        return typeset(
            drop_citations(
                Document(
                    title=_("Bilan de fin de stage"),
                    subtitle=owner,
                    language=language,
                    meta=meta,
                    sections=sections,
                    chart_svg=skills_chart_svg(dossier=dossier),
                    footer=f"{owner} — {dossier.organisation}",
                    author=owner,
                ),
                hidden,
            )
        )


def synthesis_notes(*, dossier: Dossier, version: SynthesisVersion | None) -> list[tuple[str, str]]:
    """(section heading, what is left to do) for the intern, in the dossier's language."""
    texts = version.sections if version else {}
    headings = TRAME_HEADINGS[_language(dossier)]
    notes = intern_notes(dossier=dossier, sections=texts)
    return [(headings[key], note) for key in TRAME for note in notes.get(key, [])]


@dataclass
class Rendered:
    content: bytes
    content_type: str
    filename: str
    pages: int | None = None


def synthesis_render(*, dossier: Dossier, fmt: str, condensed: bool | None = None) -> Rendered:
    """Render the current synthesis; PDFs report their real page count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    synthesis = synthesis_get(dossier=dossier)
    if condensed is None:
        condensed = bool(synthesis and synthesis.condensed)
    document = synthesis_document(dossier=dossier, condensed=condensed)
    stem = f"bilan-{dossier.pk}"
    if fmt == "pdf":
        pdf, pages = render_pdf_with_pages(document, condensed=condensed)
        return Rendered(pdf, CONTENT_TYPES["pdf"], f"{stem}.pdf", pages)
    if fmt == "docx":
        return Rendered(render_docx(document), CONTENT_TYPES["docx"], f"{stem}.docx")
    return Rendered(render_markdown(document).encode("utf-8"), CONTENT_TYPES["md"], f"{stem}.md")


@transaction.atomic
def synthesis_deroulement_set(*, synthesis: Synthesis, order: str) -> None:
    """How the next draft tells the internship: by objectives or month by month."""
    synthesis.deroulement_order = order
    synthesis.full_clean(exclude=["dossier"])
    synthesis.save(update_fields=["deroulement_order"])


def synthesis_layout_set(*, synthesis: Synthesis, condensed: bool) -> None:
    synthesis.condensed = condensed
    synthesis.save(update_fields=["condensed"])
