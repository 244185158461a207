"""An organisation's own skills frameworks (its RNCP blocs...), uploaded as Bilan's custom CSV.

The upload goes through the same parser and the same import as `bilan import-framework custom`:
the whole file is read before anything is written, and a bad file changes nothing.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from bilan.skills import importers
from bilan.skills import services as skills_services
from bilan.skills.models import DossierSkill, Framework
from bilan.skills.upsert import ImportCounts

from .models import Organisation, OrganisationFramework


def max_upload_bytes() -> int:
    return int(settings.BILAN_ORG_FRAMEWORK_BYTES)


def _parse(upload_name: str, data: bytes) -> list[importers.SkillRow]:
    """The parser reads a path; the file goes to a private temporary folder under its own name
    so that error messages name the file the admin chose."""
    if len(data) > max_upload_bytes():
        raise ValidationError(
            _("Le fichier fait %(size)d Ko ; la limite est de %(limit)d Ko.")
            % {"size": len(data) // 1024, "limit": max_upload_bytes() // 1024}
        )
    try:
        name = get_valid_filename(Path(upload_name).name)[:100]
    except Exception:  # noqa: BLE001 — a name Django cannot clean: use a neutral one
        name = ""
    with tempfile.TemporaryDirectory(prefix="bilan-framework-") as folder:
        path = Path(folder) / (name or "referentiel.csv")
        path.write_bytes(data)
        try:
            rows = importers.parse_custom(path)
        except importers.FrameworkFileError as error:
            raise ValidationError(
                _("Rien n'a été importé. %(error)s") % {"error": error}
            ) from error
    if not rows:
        raise ValidationError(_("Rien n'a été importé : le fichier ne contient aucune ligne."))
    return rows


@transaction.atomic
def organisation_framework_import(
    *,
    organisation: Organisation,
    upload_name: str,
    data: bytes,
    name: str,
    replace: OrganisationFramework | None = None,
) -> tuple[OrganisationFramework, ImportCounts]:
    """A new framework for the organisation, or new rows for one it owns (``replace``).

    Replacing updates skills in place and keeps those absent from the file, as the command
    does: interns' dossiers may point at them.
    """
    if replace is not None and replace.organisation_id != organisation.pk:
        raise ValidationError(_("Ce référentiel n'appartient pas à l'organisation."))
    rows = _parse(upload_name, data)
    name = name.strip()[:200]
    if replace is not None:
        key = replace.framework.key
        name = name or replace.framework.name
    else:
        if not name:
            raise ValidationError(_("Donnez un nom au référentiel."))
        key = f"org{organisation.pk}-{secrets.token_hex(5)}"
    counts = skills_services.framework_import(
        key=key, name=name, source=Framework.Source.CUSTOM, rows=rows
    )
    if replace is not None:
        return replace, counts
    framework = Framework.objects.get(key=key)
    link = OrganisationFramework.objects.create(organisation=organisation, framework=framework)
    return link, counts


@transaction.atomic
def organisation_framework_rename(*, link: OrganisationFramework, name: str) -> None:
    name = name.strip()
    if not name:
        raise ValidationError(_("Donnez un nom au référentiel."))
    framework = link.framework
    framework.name = name[:200]
    framework.full_clean()
    framework.save(update_fields=["name", "updated_at"])


def framework_used(framework: Framework) -> int:
    """Skills of interns' dossiers taken from this framework."""
    return DossierSkill.objects.filter(skill__framework=framework).count()


@transaction.atomic
def organisation_framework_delete(*, link: OrganisationFramework) -> None:
    """Refused while a dossier holds one of its skills: the intern's skill would lose its name."""
    used = framework_used(link.framework)
    if used:
        raise ValidationError(
            _(
                "%(count)d compétence(s) de dossiers viennent de ce référentiel : il ne peut pas "
                "être supprimé. Renommez-le ou remplacez son fichier."
            )
            % {"count": used}
        )
    framework = link.framework
    link.delete()
    framework.delete()
