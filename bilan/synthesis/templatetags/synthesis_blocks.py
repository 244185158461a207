from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from bilan.documents.html_output import runs_html
from bilan.documents.model import BulletList, Section

register = template.Library()


@register.filter
def section_html(section: Section) -> SafeString:
    """A section's blocks as HTML; every run is escaped by runs_html."""
    parts = []
    for block in section.blocks:
        if isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{runs_html(item)}</li>" for item in block.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        else:
            parts.append(f"<p>{runs_html(block.runs)}</p>")
    return mark_safe("".join(parts))  # noqa: S308 — built from escaped runs only
