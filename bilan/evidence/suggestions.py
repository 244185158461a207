"""What the traces give the skill suggestions to read: their note and extracted text."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier
from bilan.skills.suggest import Passage

from .models import Trace

# A long document says what it is about early on; reading all of it would crowd out the rest.
TRACE_CHARS = 4000


def trace_passages(dossier: Dossier) -> list[Passage]:
    passages = []
    for trace in Trace.objects.filter(dossier=dossier).only("title", "note", "text", "date"):
        text = "\n".join(part for part in (trace.note, trace.text) if part.strip())
        if text.strip():
            source = _("Trace : %(title)s") % {"title": trace.title[:80]}
            passages.append(Passage(source, text[:TRACE_CHARS]))
    return passages
