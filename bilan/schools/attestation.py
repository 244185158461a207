"""The attestation de stage: the figures entered, the parties' details, and its PDF.

Code de l'éducation, art. D124-9 (model of the arrêté of 29 December 2014): the host
organisation certifies who the intern is, the training they follow, the dates, the effective
duration (counted from presence, see `duration.py`) and the total gratification. Signatures are
left blank for a handwritten or an electronic signature.

Who is who: when the organisation running Bilan is a company (its HR), it is the host and its
signatory signs; when it is a school or a university, it is the establishment, and the host is
the one the intern named in their dossier (its tutor stands in as signatory until corrected).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.core.services import model_update
from bilan.dossiers.models import Dossier

from . import duration
from .models import Attestation, Enrolment, Organisation

EDITABLE_FIELDS = (
    "host_name",
    "host_address",
    "host_phone",
    "host_signatory_name",
    "host_signatory_role",
    "intern_birth_date",
    "intern_address",
    "programme_name",
    "school_name",
    "presence_hours",
    "weekly_hours",
    "days_absent",
    "gratification_total",
    "signed_place",
)
# The text fields that fall back on the dossier and the organisation when left blank.
DEFAULTED_FIELDS = (
    "host_name",
    "host_address",
    "host_signatory_name",
    "host_signatory_role",
    "programme_name",
    "school_name",
)
CSS_PATH = Path(__file__).parent / "data" / "attestation.css"
LANGUAGES = ("fr", "en")


def _enrolment(dossier: Dossier) -> Enrolment | None:
    return (
        Enrolment.objects.select_related("cohort__programme__organisation")
        .filter(dossier=dossier)
        .first()
    )


def attestation_defaults(*, dossier: Dossier) -> dict[str, str]:
    """What a blank field shows: from the organisation's details, else from the dossier."""
    enrolment = _enrolment(dossier)
    organisation = enrolment.cohort.programme.organisation if enrolment else None
    if organisation is not None and organisation.kind == Organisation.Kind.COMPANY:
        return {
            "host_name": organisation.name,
            "host_address": organisation.address,
            "host_signatory_name": organisation.signatory_name,
            "host_signatory_role": organisation.signatory_role,
            "programme_name": dossier.programme,
            "school_name": dossier.school,
        }
    host_address = ", ".join(part for part in (dossier.service, dossier.location) if part)
    return {
        "host_name": dossier.organisation,
        "host_address": host_address,
        "host_signatory_name": dossier.tutor_name,
        "host_signatory_role": dossier.tutor_role,
        "programme_name": (
            enrolment.cohort.programme.name if enrolment is not None else dossier.programme
        ),
        "school_name": organisation.name if organisation is not None else dossier.school,
    }


def attestation_get(*, dossier: Dossier) -> Attestation:
    """The dossier's attestation, unsaved and empty until someone enters something."""
    return Attestation.objects.filter(dossier=dossier).first() or Attestation(dossier=dossier)


@transaction.atomic
def attestation_update(*, dossier: Dossier, data: Mapping[str, Any], user: User) -> Attestation:
    current = Attestation.objects.select_for_update().filter(dossier=dossier).first()
    current = current or Attestation(dossier=dossier)
    # Keys of ``data`` outside the editable fields (a stray "dossier") are ignored.
    model_update(
        instance=current,
        fields=(*EDITABLE_FIELDS, "updated_by"),
        data={**data, "updated_by": user},
    )
    return current


# --- The document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttestationContent:
    """Every value the PDF prints, already formatted in its language; "" prints a blank line."""

    language: str
    host_name: str
    host_address: str
    host_phone: str
    intern_last_name: str
    intern_first_name: str
    intern_birth_date: str
    intern_address: str
    intern_email: str
    programme_name: str
    school_name: str
    school_address: str
    school_contact: str
    start_date: str
    end_date: str
    duration: str  # "1 mois et 20 jours"
    duration_detail: str  # "42 jours de présence (300 heures)"
    gratification: str  # "3 600,00 €"
    signed_place: str
    signatory_name: str
    signatory_role: str


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _hours(value: Decimal) -> str:
    shown = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    return formats.number_format(shown, use_l10n=True, force_grouping=True)


def duration_text(effective: duration.EffectiveDuration) -> str:
    """ "1 mois et 20 jours", "22 jours", "2 mois" in the active language."""
    months = translation.ngettext("%(n)d mois", "%(n)d mois", effective.months) % {
        "n": effective.months
    }
    days = translation.ngettext("%(n)d jour", "%(n)d jours", effective.extra_days) % {
        "n": effective.extra_days
    }
    if effective.months and effective.extra_days:
        return _("%(months)s et %(days)s") % {"months": months, "days": days}
    return months if effective.months else days


def money_text(amount: Decimal) -> str:
    number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return _("%(amount)s €") % {"amount": number}


def attestation_content(*, dossier: Dossier, language: str) -> AttestationContent:
    language = language if language in LANGUAGES else "fr"
    attestation = attestation_get(dossier=dossier)
    defaults = attestation_defaults(dossier=dossier)
    enrolment = _enrolment(dossier)
    organisation = enrolment.cohort.programme.organisation if enrolment else None
    owner = dossier.owner
    first_name = (enrolment.first_name if enrolment else "") or owner.first_name
    last_name = (enrolment.last_name if enrolment else "") or owner.last_name

    def value(name: str) -> str:
        return str(getattr(attestation, name) or defaults.get(name, "")).strip()

    school_is_organisation = (
        organisation is not None and organisation.kind != Organisation.Kind.COMPANY
    )
    with translation.override(language):
        hours = attestation.effective_hours(dossier.start_date, dossier.end_date)
        duration_shown = detail = ""
        if hours is not None:
            effective = duration.duration_from_hours(hours)
            duration_shown = duration_text(effective)
            detail = translation.ngettext(
                "%(days)d jour de présence (%(hours)s heures)",
                "%(days)d jours de présence (%(hours)s heures)",
                effective.days,
            ) % {"days": effective.days, "hours": _hours(hours)}
        gratification = ""
        if attestation.gratification_total is not None:
            gratification = money_text(attestation.gratification_total)
        contact = ""
        if school_is_organisation and organisation is not None:
            contact = ", ".join(
                part
                for part in (
                    organisation.signatory_name,
                    organisation.signatory_role,
                    organisation.contact_email,
                )
                if part
            )
        return AttestationContent(
            language=language,
            host_name=value("host_name"),
            host_address=value("host_address"),
            host_phone=attestation.host_phone,
            intern_last_name=last_name,
            intern_first_name=first_name,
            intern_birth_date=_date(attestation.intern_birth_date),
            intern_address=attestation.intern_address,
            intern_email=owner.email,
            programme_name=value("programme_name"),
            school_name=value("school_name"),
            school_address=(
                organisation.address if school_is_organisation and organisation else ""
            ),
            school_contact=contact,
            start_date=_date(dossier.start_date),
            end_date=_date(dossier.end_date),
            duration=duration_shown,
            duration_detail=detail,
            gratification=gratification,
            signed_place=attestation.signed_place,
            signatory_name=value("host_signatory_name"),
            signatory_role=value("host_signatory_role"),
        )


def attestation_html(*, content: AttestationContent) -> str:
    with translation.override(content.language):
        return render_to_string("schools/orgsettings/attestation_pdf.html", {"a": content})


def attestation_pdf(*, dossier: Dossier, language: str) -> bytes:
    # Imported here, as in bilan.documents: WeasyPrint loads Pango, which only PDFs need.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    content = attestation_content(dossier=dossier, language=language)
    html = attestation_html(content=content)
    # The page references nothing: no scheme at all may be fetched.
    fetcher = URLFetcher(allowed_protocols=set(), allow_redirects=False)
    stylesheet = CSS(string=CSS_PATH.read_text(encoding="utf-8"), url_fetcher=fetcher)
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    return bytes(document.write_pdf(stylesheets=[stylesheet]))


def attestation_filename(*, dossier: Dossier, language: str) -> str:
    prefix = "internship-certificate" if language == "en" else "attestation-de-stage"
    return f"{prefix}-{dossier.pk}.pdf"
