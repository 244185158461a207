from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from bilan.documents.html_output import blocks_html
from bilan.documents.model import Section

register = template.Library()


@register.filter
def section_html(section: Section) -> SafeString:
    """A section's blocks as HTML; every run is escaped by the documents renderer."""
    return mark_safe(blocks_html(section.blocks))  # noqa: S308 — built from escaped runs only
