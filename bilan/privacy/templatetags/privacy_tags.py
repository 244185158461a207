"""Privacy pieces other apps' templates show without importing this app: the footer link, the
account links, and the retention line of the rater's notice (its period depends on the
dossier's organisation, which the feedback app cannot see)."""

from __future__ import annotations

from typing import Any

from django import template

from bilan.dossiers.models import Dossier
from bilan.privacy.retention import delete_date, retention_days_for

register = template.Library()


@register.inclusion_tag("privacy/_footer_link.html")
def privacy_footer_link() -> dict[str, Any]:
    return {}


@register.inclusion_tag("privacy/_account_links.html")
def privacy_account_links() -> dict[str, Any]:
    return {}


@register.inclusion_tag("privacy/_rater_retention.html")
def privacy_rater_retention(dossier: Dossier) -> dict[str, Any]:
    days = retention_days_for(dossier)
    return {"days": days, "until": delete_date(dossier, days)}


@register.inclusion_tag("privacy/_import_link.html")
def privacy_import_link() -> dict[str, Any]:
    """For a new account's empty dossier list: bring one's dossiers from another Bilan."""
    return {}
