"""Links to the school side from pages the lower apps own (header, dossier home, dossier list).

The overview and dossiers apps sit below schools and must not know it; their templates load
this library instead, and the links' words live in the schools catalogue.
"""

from __future__ import annotations

from typing import Any

from django import template

from bilan.dossiers.models import Dossier

from ..models import Enrolment

register = template.Library()


@register.inclusion_tag("schools/school/_header_link.html", takes_context=True)
def school_header_link(context: template.Context) -> dict[str, Any]:
    """ "Promotions" in the header, for admins and referents only (see navigation.py)."""
    return {"school_staff": context.get("school_staff", False)}


@register.inclusion_tag("schools/school/_my_school_link.html")
def my_school_link(dossier: Dossier) -> dict[str, Any]:
    """The intern's "Mon école" button, only when the dossier is enrolled in a cohort."""
    enrolled = Enrolment.objects.filter(dossier_id=dossier.pk).exists()
    return {"dossier": dossier, "enrolled": enrolled}


@register.inclusion_tag("schools/school/_create_school_link.html")
def create_school_link() -> dict[str, Any]:
    return {}
