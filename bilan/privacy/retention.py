"""Retention: a dossier is deleted a set time after the internship ends, the intern warned first.

The period is the dossier's organisation's (enrolment -> cohort -> programme -> organisation,
`Organisation.retention_days`), else `settings.BILAN_RETENTION_DAYS`. The intern gets one
e-mail `BILAN_RETENTION_WARNING_DAYS` before; the dossier is never deleted earlier than the
date that e-mail announced, so a dossier already past its period when this runs for the first
time gets its warning and its full notice period rather than vanishing overnight.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bilan.dossiers.models import Dossier
from bilan.schools.models import Organisation
from bilan.schools.organisation_settings import organisation_retention_days

from .models import RetentionNotice
from .services import dossiers_erase

logger = logging.getLogger(__name__)


def retention_days_default() -> int:
    return int(settings.BILAN_RETENTION_DAYS)


def retention_days_for(dossier: Dossier) -> int:
    organisation = Organisation.objects.filter(
        programmes__cohorts__enrolments__dossier=dossier
    ).first()
    if organisation is not None:
        return organisation_retention_days(organisation)
    return int(settings.BILAN_RETENTION_DAYS)


def delete_date(dossier: Dossier, days: int | None = None) -> dt.date:
    """The first day the dossier may be deleted (before any warning delay)."""
    return dossier.end_date + dt.timedelta(
        days=retention_days_for(dossier) if days is None else days
    )


@dataclass
class PurgeReport:
    warned: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    # Due for deletion but still within the notice the e-mail announced.
    waiting: list[int] = field(default_factory=list)


def _candidates(today: dt.date) -> list[Dossier]:
    """Dossiers whose warning date may have come: ended at least (shortest period - notice) ago.

    The shortest period across organisations bounds the query; each dossier's own period is
    then checked exactly.
    """
    periods = [int(settings.BILAN_RETENTION_DAYS)]
    periods += [
        d
        for d in Organisation.objects.exclude(retention_days=None).values_list(
            "retention_days", flat=True
        )
        if d
    ]
    notice = int(settings.BILAN_RETENTION_WARNING_DAYS)
    latest_end = today - dt.timedelta(days=min(periods) - notice)
    return list(
        Dossier.objects.filter(end_date__lte=latest_end)
        .select_related("owner", "retention_notice")
        .order_by("pk")
    )


def _warn(dossier: Dossier, when: dt.date, now: dt.datetime) -> None:
    owner = dossier.owner
    with translation.override(owner.language or dossier.language or settings.LANGUAGE_CODE):
        context = {
            "dossier": dossier,
            "when": when,
            "site_url": settings.SITE_URL,
            "name": owner.first_name or owner.email,
        }
        subject = _("Votre dossier « %(name)s » sera supprimé le %(date)s") % {
            "name": dossier.organisation,
            "date": date_format(when, "DATE_FORMAT"),
        }
        body = render_to_string("privacy/email/retention_warning.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
    RetentionNotice.objects.create(dossier=dossier, warned_at=now, delete_after=when)


def retention_purge(*, now: dt.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Warn the interns whose dossiers come up for deletion, delete those past their date."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    notice = dt.timedelta(days=int(settings.BILAN_RETENTION_WARNING_DAYS))
    report = PurgeReport()
    for dossier in _candidates(today):
        due = delete_date(dossier)
        warning = getattr(dossier, "retention_notice", None)
        if warning is None:
            if today < due - notice:
                continue
            if dry_run:
                report.warned.append(dossier.pk)
                continue
            try:
                # A send that fails records nothing: tomorrow's run tries again.
                with transaction.atomic():
                    _warn(dossier, max(due, today + notice), now)
            except Exception:
                logger.exception("Retention warning for dossier %s not sent", dossier.pk)
            else:
                report.warned.append(dossier.pk)
            continue
        if today >= max(due, warning.delete_after):
            report.deleted.append(dossier.pk)
        else:
            report.waiting.append(dossier.pk)
    if report.deleted and not dry_run:
        with transaction.atomic():
            dossiers_erase(dossier_ids=report.deleted)
    return report
