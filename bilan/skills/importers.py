"""Read skill frameworks from the files their publishers distribute, without touching the database.

Every reader parses the whole input first and raises :class:`FrameworkFileError` naming the file
and line at the first problem; :func:`bilan.skills.services.framework_import` then writes
everything in one transaction, so a bad file never leaves a framework half-imported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .models import Family

# Families as the custom CSV may spell them, in English (the stored value) or French.
FAMILY_ALIASES = {
    "technical": Family.TECHNICAL,
    "technique": Family.TECHNICAL,
    "techniques": Family.TECHNICAL,
    "transversal": Family.TRANSVERSAL,
    "transversale": Family.TRANSVERSAL,
    "transversales": Family.TRANSVERSAL,
    "behavioural": Family.BEHAVIOURAL,
    "behavioral": Family.BEHAVIOURAL,
    "comportementale": Family.BEHAVIOURAL,
    "comportementales": Family.BEHAVIOURAL,
    "savoir-etre": Family.BEHAVIOURAL,
    "savoir-être": Family.BEHAVIOURAL,
}

CUSTOM_REQUIRED = ("code", "family", "label_fr", "label_en", "alt_labels", "parent_code")
CUSTOM_OPTIONAL = ("alt_labels_en", "cues")
ESCO_REQUIRED = ("conceptUri", "preferredLabel", "altLabels", "skillType", "reuseLevel")
ESCO_HIERARCHY_REQUIRED = ("conceptUri", "broaderUri")
ROME_REQUIRED = ("code_ogr", "libelle_competence", "cat_comp", "sous_cat_comp")
ROME_COMPETENCE_GLOB = "unix_referentiel_competence_v*_utf8.csv"
MAX_FIELD = 5_000


class FrameworkFileError(ValueError):
    """A file that cannot be imported; the message names the file and the line."""


@dataclass
class SkillRow:
    code: str
    line: int
    # Only the fields this source provides: an English ESCO file must not blank French labels.
    values: dict[str, str] = field(default_factory=dict)


def _fail(path: Path, line: int, message: str) -> FrameworkFileError:
    return FrameworkFileError(
        _("%(file)s, ligne %(line)d : %(message)s")
        % {"file": path.name, "line": line, "message": message}
    )


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _fail(
            path,
            line,
            _(
                "octets illisibles en UTF-8 (position %(pos)d). Enregistrez le fichier en "
                "UTF-8 (dans un tableur : « CSV UTF-8 »)."
            )
            % {"pos": error.start},
        ) from error


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line where the record starts, row) from a comma-separated UTF-8 file."""
    if not path.is_file():
        raise FrameworkFileError(_("Fichier introuvable : %(path)s") % {"path": path})
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise _fail(path, 1, _("le fichier est vide.")) from None
    except csv.Error as error:
        raise _fail(path, 1, str(error)) from error
    header = [name.strip() for name in header]
    missing = [name for name in required if name not in header]
    if missing:
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            raise _fail(
                path,
                1,
                _(
                    "les colonnes doivent être séparées par des virgules ; ce fichier semble "
                    "utiliser un autre séparateur (« ; » ou tabulation)."
                ),
            )
        raise _fail(
            path,
            1,
            _("colonne(s) manquante(s) : %(missing)s. Colonnes trouvées : %(found)s.")
            % {"missing": ", ".join(missing), "found": ", ".join(header) or "-"},
        )
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _fail(path, start, str(error)) from error
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise _fail(
                path,
                line,
                _("%(found)d colonnes au lieu de %(expected)d (séparateur ou guillemets ?).")
                % {"found": len(record), "expected": len(header)},
            )
        if any(len(cell) > MAX_FIELD for cell in record):
            raise _fail(path, line, _("une cellule dépasse %(n)d caractères.") % {"n": MAX_FIELD})
        yield line, dict(zip(header, (cell.strip() for cell in record), strict=True))


def _lines(value: str) -> str:
    """Alternative labels, one per line, whatever the source used (newline or |)."""
    parts = [part.strip() for part in re.split(r"[\n|]", value)]
    return "\n".join(dict.fromkeys(part for part in parts if part))


def parse_custom(path: Path) -> list[SkillRow]:
    """An organisation's own framework; see bilan/skills/README.md for the columns."""
    rows: list[SkillRow] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(path, CUSTOM_REQUIRED):
        code = row["code"]
        if not code:
            raise _fail(path, line, _("la colonne « code » est vide."))
        if len(code) > 255:
            raise _fail(path, line, _("le code dépasse 255 caractères."))
        if code in seen:
            raise _fail(
                path,
                line,
                _("le code « %(code)s » figure déjà ligne %(first)d.")
                % {"code": code, "first": seen[code]},
            )
        seen[code] = line
        family = FAMILY_ALIASES.get(row["family"].casefold())
        if family is None:
            raise _fail(
                path,
                line,
                _(
                    "famille « %(family)s » inconnue ; utilisez technical, transversal ou "
                    "behavioural (ou technique, transversale, comportementale)."
                )
                % {"family": row["family"]},
            )
        if not (row["label_fr"] or row["label_en"]):
            raise _fail(path, line, _("il faut au moins un libellé (label_fr ou label_en)."))
        if len(row["label_fr"]) > 500 or len(row["label_en"]) > 500:
            raise _fail(path, line, _("un libellé dépasse 500 caractères."))
        rows.append(
            SkillRow(
                code=code,
                line=line,
                values={
                    "family": str(family),
                    "label_fr": row["label_fr"],
                    "label_en": row["label_en"],
                    "alt_labels_fr": _lines(row["alt_labels"]),
                    "alt_labels_en": _lines(row.get("alt_labels_en", "")),
                    "parent_code": row["parent_code"],
                    "cues": _lines(row.get("cues", "")),
                },
            )
        )
    for skill_row in rows:
        parent = skill_row.values["parent_code"]
        if parent and parent not in seen:
            raise _fail(
                path,
                skill_row.line,
                _("le code parent « %(parent)s » n'existe pas dans le fichier.")
                % {"parent": parent},
            )
    return rows


def esco_language(path: Path, language: str | None) -> str:
    if language is None:
        match = re.search(r"_([a-z]{2})\.csv$", path.name)
        language = match.group(1) if match else "fr"
    if language not in {"fr", "en"}:
        raise FrameworkFileError(
            _("Langue « %(language)s » non prise en charge : fr ou en.") % {"language": language}
        )
    return language


def parse_esco(
    skills_path: Path, *, hierarchy_path: Path | None = None, language: str | None = None
) -> list[SkillRow]:
    """ESCO's skills CSV (one language per file); the concept URI is the code."""
    language = esco_language(skills_path, language)
    parents: dict[str, str] = {}
    if hierarchy_path is not None:
        for _line, row in read_rows(hierarchy_path, ESCO_HIERARCHY_REQUIRED):
            parents.setdefault(row["conceptUri"], row["broaderUri"])
    rows: list[SkillRow] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(skills_path, ESCO_REQUIRED):
        uri = row["conceptUri"]
        if not uri.startswith("http"):
            raise _fail(skills_path, line, _("conceptUri « %(uri)s » invalide.") % {"uri": uri})
        if uri in seen:
            raise _fail(
                skills_path,
                line,
                _("le concept %(uri)s figure déjà ligne %(first)d.")
                % {"uri": uri, "first": seen[uri]},
            )
        seen[uri] = line
        if not row["preferredLabel"]:
            raise _fail(skills_path, line, _("preferredLabel est vide."))
        family = Family.TRANSVERSAL if row["reuseLevel"] == "transversal" else Family.TECHNICAL
        values = {
            "family": str(family),
            f"label_{language}": row["preferredLabel"][:500],
            f"alt_labels_{language}": _lines(row["altLabels"]),
        }
        if hierarchy_path is not None:
            values["parent_code"] = parents.get(uri, "")
        rows.append(SkillRow(code=uri, line=line, values=values))
    return rows


def rome_family(category: str, subcategory: str) -> str:
    if category.startswith("Savoir-être"):
        return Family.BEHAVIOURAL
    if subcategory == "Transverse":
        return Family.TRANSVERSAL
    return Family.TECHNICAL


def parse_rome(folder: Path) -> list[SkillRow]:
    """ROME 4.0's referential of compétences (savoir-faire and savoir-être); code OGR kept."""
    if not folder.is_dir():
        raise FrameworkFileError(_("Dossier introuvable : %(path)s") % {"path": folder})
    found = sorted(folder.glob(ROME_COMPETENCE_GLOB))
    if not found:
        raise FrameworkFileError(
            _("Aucun fichier %(pattern)s dans %(folder)s.")
            % {"pattern": ROME_COMPETENCE_GLOB, "folder": folder}
        )
    path = found[-1]
    rows: list[SkillRow] = []
    seen: dict[str, int] = {}
    for line, row in read_rows(path, ROME_REQUIRED):
        code = row["code_ogr"]
        if not code or code in seen:
            message = _("code_ogr vide ou en double (« %(code)s »).") % {"code": code}
            raise _fail(path, line, message)
        seen[code] = line
        rows.append(
            SkillRow(
                code=code,
                line=line,
                values={
                    "family": rome_family(row["cat_comp"], row["sous_cat_comp"]),
                    "label_fr": row["libelle_competence"][:500],
                    "parent_code": row.get("code_ogr_macro_comp", ""),
                },
            )
        )
    return rows
