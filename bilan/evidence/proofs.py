"""Proofs: the traces the intern picks to back what they claim, and how outputs cite them.

Every output asks for the proofs it may show (`proofs_for_output`); a confidential trace only
comes back for an output the intern named on that proof. Nothing else in Bilan reads proofs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import formats, translation
from django.utils.translation import gettext as _

from bilan.documents.citations import EXCERPT_MAX_CHARS, citation_text
from bilan.documents.model import Language
from bilan.dossiers.models import Dossier

from .models import Proof, Trace

MAX_PROOFS_PER_TARGET = 5
CANDIDATES_SHOWN = 60

_EMAIL_IN_NAME = re.compile(r"<[^>]*>|\S+@\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")
# "Bonjour Camille," or "Dear Sam," opens many e-mails and says nothing worth quoting.
_GREETING = re.compile(
    r"^(?:bonjour|bonsoir|salut|coucou|hello|hi|dear|cher|chère|madame|monsieur)\b[^,.!\n]{0,40}[,.!]\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProofTarget:
    """What a proof backs: one of the dossier's objectives, skills, examples or highlights."""

    kind: str
    obj: Model

    @property
    def label(self) -> str:
        return str(self.obj)

    @property
    def pk(self) -> int:
        return int(self.obj.pk)


@dataclass
class Candidate:
    trace: Trace
    linked: bool  # already linked to the target (or to one of its examples)
    proof: Proof | None = None


@dataclass(frozen=True)
class ProofChoice:
    trace_id: int
    excerpt: str = ""
    confidential_outputs: Sequence[str] = field(default_factory=tuple)


def _linked_trace_ids(target: ProofTarget) -> set[int]:
    obj = target.obj
    if target.kind == "highlight":
        example_ids = obj.examples.values_list("pk", flat=True)  # type: ignore[attr-defined]
        return set(
            Trace.objects.filter(examples__in=list(example_ids)).values_list("pk", flat=True)
        )
    return set(obj.traces.values_list("pk", flat=True))  # type: ignore[attr-defined]


def proof_candidates(*, dossier: Dossier, target: ProofTarget) -> list[Candidate]:
    """Traces to choose from: chosen ones, then linked ones, then the most recent others."""
    chosen = {
        proof.trace_id: proof
        for proof in Proof.objects.filter(dossier=dossier, **{target.kind: target.obj})
    }
    linked = _linked_trace_ids(target)
    first_ids = set(chosen) | linked
    first = list(Trace.objects.filter(dossier=dossier, pk__in=first_ids))
    others = list(
        Trace.objects.filter(dossier=dossier).exclude(pk__in=first_ids)[:CANDIDATES_SHOWN]
    )
    first.sort(key=lambda trace: (trace.pk not in chosen, trace.pk not in linked))
    return [
        Candidate(trace=trace, linked=trace.pk in linked, proof=chosen.get(trace.pk))
        for trace in first + others
    ]


@transaction.atomic
def proofs_save(*, dossier: Dossier, target: ProofTarget, choices: Sequence[ProofChoice]) -> int:
    """Replace the target's proofs with ``choices``; returns how many there are now."""
    if len(choices) > MAX_PROOFS_PER_TARGET:
        raise ValidationError(
            _("Choisissez au plus %(n)s preuves : les plus parlantes.")
            % {"n": MAX_PROOFS_PER_TARGET}
        )
    ids = [choice.trace_id for choice in choices]
    traces = Trace.objects.in_bulk(ids)
    if len(traces) != len(set(ids)) or any(t.dossier_id != dossier.pk for t in traces.values()):
        raise ValidationError(_("Une des traces choisies n'existe plus."))
    valid_outputs = set(Proof.Output.values)
    Proof.objects.filter(dossier=dossier, **{target.kind: target.obj}).delete()
    Proof.objects.bulk_create(
        Proof(
            dossier=dossier,
            trace=traces[choice.trace_id],
            excerpt=" ".join(choice.excerpt.split())[:300],
            confidential_outputs=sorted(set(choice.confidential_outputs) & valid_outputs),
            position=position,
            **{target.kind: target.obj},
        )
        for position, choice in enumerate(choices)
    )
    return len(choices)


class ProofIndex:
    """The proofs an output may show, by what they back."""

    def __init__(self, proofs: Iterable[Proof]) -> None:
        self._by_target: dict[tuple[str, int], list[Proof]] = defaultdict(list)
        self.all: list[Proof] = []
        for proof in proofs:
            kind = proof.target_kind
            self._by_target[(kind, int(getattr(proof, f"{kind}_id")))].append(proof)
            self.all.append(proof)

    def of(self, kind: str, pk: int | None) -> list[Proof]:
        return list(self._by_target.get((kind, int(pk or 0)), []))

    def traces(self) -> list[Trace]:
        """Each cited trace once, by date."""
        seen: dict[int, Trace] = {}
        for proof in self.all:
            seen.setdefault(proof.trace_id, proof.trace)
        return sorted(seen.values(), key=lambda t: (t.date is None, t.date, t.pk))


def proofs_for_output(*, dossier: Dossier, output: str) -> ProofIndex:
    proofs = Proof.objects.filter(dossier=dossier).select_related("trace")
    return ProofIndex(proof for proof in proofs if proof.shown_in(output))


def _short_name(author: str) -> str:
    """ "Sophie Laurent <sophie@example.org>" → "S. Laurent"; an organisation's name
    ("Mairie de Villeurbanne") is kept whole."""
    name = " ".join(_EMAIL_IN_NAME.sub(" ", author).replace('"', " ").split())
    if not name:
        return author.strip("<> ").split("@")[0]
    words = name.split()
    if 2 <= len(words) <= 3 and all(word[:1].isupper() for word in words):
        return f"{words[0][0]}. {' '.join(words[1:])}"
    return name[:60]


def proof_source(trace: Trace, language: Language) -> str:
    """Who and when, briefly: "e-mail de S. Laurent, 12 mai"."""
    with translation.override(language):
        author = _short_name(trace.author) if trace.author else ""
        kinds = {
            Trace.Kind.EMAIL: _("e-mail de %(author)s"),
            Trace.Kind.FEEDBACK: _("message de %(author)s"),
            Trace.Kind.RECOMMENDATION: _("recommandation de %(author)s"),
        }
        if author and trace.kind in kinds:
            source = kinds[Trace.Kind(trace.kind)] % {"author": author}
        else:
            quote = "“%s”" if language == "en" else "« %s »"
            source = quote % " ".join(trace.title.split())[:80]
        if trace.date:
            source += ", " + formats.date_format(trace.date, "j F Y")
        return source


def excerpt_default(trace: Trace) -> str:
    """A first sentence of the trace's note or extracted text, as a starting point."""
    text = _GREETING.sub("", " ".join((trace.note or trace.text).split()))
    if not text:
        return ""
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    return first[:EXCERPT_MAX_CHARS]


def proof_citation(proof: Proof, language: Language) -> str:
    return citation_text(proof_source(proof.trace, language), proof.excerpt, language)


def confidential_sources(*, dossier: Dossier, output: str) -> set[str]:
    """How the dossier's confidential traces would be cited (in either language), unless a
    proof includes them in ``output``: renderers drop citations with these sources, even from
    text the intern edited after marking a trace confidential."""
    allowed = {
        proof.trace_id
        for proof in Proof.objects.filter(dossier=dossier, trace__confidential=True)
        if output in proof.confidential_outputs
    }
    sources: set[str] = set()
    for trace in Trace.objects.filter(dossier=dossier, confidential=True).exclude(pk__in=allowed):
        sources |= {proof_source(trace, "fr"), proof_source(trace, "en")}
    return sources
