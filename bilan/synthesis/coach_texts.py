"""The synthesis's sections, handed to the coach's readiness panel (the writing app).

The synthesis app sits above the writing app (its views call the coach), so it passes its
texts down by registering a provider rather than being read from below.
"""

from __future__ import annotations

from bilan.documents.model import TRAME, TRAME_HEADINGS
from bilan.dossiers.models import Dossier
from bilan.writing.texts import TextSource, text_provider

from .models import SynthesisVersion


@text_provider("synthesis")
def synthesis_texts(dossier: Dossier) -> list[TextSource]:
    """The sections of the current version, in the trame's order."""
    current = (
        SynthesisVersion.objects.filter(synthesis__dossier=dossier)
        .only("id", "synthesis_id", "sections")
        .order_by("-number")
        .first()
    )
    if current is None:
        return []
    headings = TRAME_HEADINGS["en" if dossier.language == "en" else "fr"]
    return [
        TextSource(
            group="synthesis",
            source="synthesis",
            object_id=current.synthesis_id,
            field=key,
            label=headings[key],
            url_name="synthesis:edit",
            url_args=(dossier.pk,),
            text=str(current.sections.get(key, "")),
        )
        for key in TRAME
    ]
