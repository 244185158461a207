"""Enrolling interns from the school's spreadsheet: read the CSV, check every line, import.

Every entry point (the web preview, `bilan cohort import`, the HTTP API) goes through the same
three steps: `enrolment_csv_read` turns the uploaded bytes into rows, `enrolment_rows_check`
finds every problem on every line, `enrolment_rows_import` writes all of it or nothing.
`enrolment_rows_plan` says what an import would do, for the preview and `--dry-run`.

Importing the same file twice changes nothing: a line whose e-mail is already enrolled in the
cohort updates that enrolment only if something differs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier
from bilan.jobs.services import job_enqueue

from .models import Cohort, Enrolment, Membership
from .services import enrolment_link

JOB_INVITE = "schools.enrolment_invite"

ENROLMENT_COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "company",
    "service",
    "start",
    "end",
    "tutor_name",
    "tutor_email",
    "referent_email",
)
REQUIRED_COLUMNS = ("email", "first_name", "last_name", "company", "start", "end")

# What a column may be called in the header, besides its English name (French first: that is
# what a French school's spreadsheet says). Compared without case, accents, dashes or underscores.
COLUMN_ALIASES = {
    "email": ("e-mail", "mail", "courriel", "adresse e-mail", "e-mail address"),
    "first_name": ("prénom", "first name"),
    "last_name": ("nom", "nom de famille", "last name"),
    "company": ("entreprise", "organisme d'accueil", "organisation"),
    "service": ("service", "department"),
    "start": ("début", "date de début", "start date"),
    "end": ("fin", "date de fin", "end date"),
    "tutor_name": ("nom du tuteur", "tuteur", "tutor"),
    "tutor_email": ("e-mail du tuteur", "tutor e-mail"),
    "referent_email": ("e-mail du référent", "référent", "referent e-mail"),
}
# How a column is named in messages: its French header and its English name, both accepted.
COLUMN_LABELS = {
    "email": "e-mail / email",
    "first_name": "prénom / first_name",
    "last_name": "nom / last_name",
    "company": "entreprise / company",
    "service": "service",
    "start": "début / start",
    "end": "fin / end",
    "tutor_name": "nom du tuteur / tutor_name",
    "tutor_email": "e-mail du tuteur / tutor_email",
    "referent_email": "e-mail du référent / referent_email",
}
# The model's lengths, so that a long cell is a message on its line rather than a failed save.
MAX_LENGTHS = {
    "email": 254,
    "first_name": 150,
    "last_name": 150,
    "company": 200,
    "service": 200,
    "tutor_name": 200,
    "tutor_email": 254,
    "referent_email": 254,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def _normalise(header: str) -> str:
    decomposed = unicodedata.normalize("NFKD", header.replace("\ufeff", ""))
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    text = text.replace("_", " ").replace("-", " ").replace("\u2019", "'")
    return " ".join(text.split())


_HEADERS = {
    _normalise(alias): name
    for name in ENROLMENT_COLUMNS
    for alias in (name, *COLUMN_ALIASES.get(name, ()))
}


def max_bytes() -> int:
    return int(settings.BILAN_ENROLMENT_MAX_BYTES)


def max_rows() -> int:
    return int(settings.BILAN_ENROLMENT_MAX_ROWS)


class EnrolmentFileError(ValidationError):
    """The file as a whole cannot be read; the message is in the active language."""


@dataclass
class EnrolmentRow:
    line: int  # as the spreadsheet numbers it: the header is line 1
    email: str
    first_name: str
    last_name: str
    company: str
    start: dt.date
    end: dt.date
    service: str = ""
    tutor_name: str = ""
    tutor_email: str = ""
    referent_email: str = ""


@dataclass
class RowError:
    line: int
    field: str  # a name of ENROLMENT_COLUMNS
    message: str

    @property
    def column(self) -> str:
        return str(COLUMN_LABELS.get(self.field, self.field))


# --- Reading ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else what Excel writes on Windows (cp1252, then latin-1)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a character: never fails


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def enrolment_csv_read(data: bytes) -> list[dict[str, str]]:
    """The file's lines as {column: value}, keyed by `ENROLMENT_COLUMNS` names.

    Every line after the header is kept, blank ones as all-empty rows, so that the n-th row is
    line n + 2 of the spreadsheet. Raises `EnrolmentFileError` for anything that is not a
    readable CSV with the required columns, or past the size and row limits.
    """
    if len(data) > max_bytes():
        raise EnrolmentFileError(
            _("Le fichier dépasse la taille maximale (%(size)d Kio).")
            % {"size": max_bytes() // 1024}
        )
    if not data.strip():
        raise EnrolmentFileError(_("Le fichier est vide."))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise EnrolmentFileError(
            _(
                "Ce fichier est un classeur (Excel, LibreOffice), pas un CSV : enregistrez-le "
                "au format CSV puis recommencez."
            )
        )
    if b"\x00" in data:
        raise EnrolmentFileError(
            _("Ce fichier n'est pas un CSV lisible : enregistrez-le au format CSV (UTF-8).")
        )
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader, [])
        columns = _columns(header)
        rows: list[dict[str, str]] = []
        filled = 0
        for record in reader:
            row = {name: "" for name in columns.values()}
            for index, name in columns.items():
                if index < len(record):
                    row[name] = record[index].strip()
            if any(row.values()):
                filled += 1
                if filled > max_rows():
                    raise EnrolmentFileError(
                        _("Le fichier compte plus de %(limit)d stagiaires : découpez-le.")
                        % {"limit": max_rows()}
                    )
            rows.append(row)
    except csv.Error as error:
        raise EnrolmentFileError(
            _("Ce fichier n'est pas un CSV lisible (ligne %(line)d).") % {"line": reader.line_num}
        ) from error
    if not any(any(row.values()) for row in rows):
        raise EnrolmentFileError(_("Le fichier ne contient aucun stagiaire après l'en-tête."))
    return rows


def _columns(header: list[str]) -> dict[int, str]:
    """Position of each known column; unknown columns are ignored, a missing required one is
    an error that names what is expected."""
    columns: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = _HEADERS.get(_normalise(cell))
        if name is None:
            continue
        if name in columns.values():
            raise EnrolmentFileError(
                _("La colonne « %(column)s » figure deux fois dans l'en-tête.")
                % {"column": COLUMN_LABELS[name]}
            )
        columns[index] = name
    missing = [name for name in REQUIRED_COLUMNS if name not in columns.values()]
    if missing:
        raise EnrolmentFileError(
            _(
                "Colonnes obligatoires absentes de la première ligne : %(missing)s. "
                "Colonnes reconnues : %(expected)s."
            )
            % {
                "missing": ", ".join(str(COLUMN_LABELS[name]) for name in missing),
                "expected": ", ".join(str(COLUMN_LABELS[name]) for name in ENROLMENT_COLUMNS),
            }
        )
    return columns


# --- Checking --------------------------------------------------------------------------------


def _date(value: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007 — a date only
        except ValueError:
            continue
    return None


def _email_valid(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _staff_emails(cohort: Cohort) -> set[str]:
    """Addresses of the organisation's admins and referents: who a line may name as referent."""
    return {
        email.lower()
        for email in Membership.objects.filter(
            organisation_id=cohort.programme.organisation_id
        ).values_list("user__email", flat=True)
    }


def enrolment_rows_check(
    cohort: Cohort, rows: list[dict[str, str]]
) -> tuple[list[EnrolmentRow], list[RowError]]:
    """Every problem on every line, in the active language; the good lines as typed rows.

    Row n of `rows` is line n + 2 of the spreadsheet. Blank rows are skipped.
    """
    staff = _staff_emails(cohort)
    seen: dict[str, int] = {}
    checked: list[EnrolmentRow] = []
    errors: list[RowError] = []
    for index, raw in enumerate(rows):
        line = index + 2
        values = {name: str(raw.get(name) or "").strip() for name in ENROLMENT_COLUMNS}
        if not any(values.values()):
            continue
        found: list[RowError] = []

        def error(name: str, message: str, line: int = line, found: list[RowError] = found) -> None:
            found.append(RowError(line=line, field=name, message=message))

        values["email"] = values["email"].lower()
        for name in ("email", "first_name", "last_name", "company", "start", "end"):
            if not values[name]:
                error(name, _("Information obligatoire manquante."))
        for name, limit in MAX_LENGTHS.items():
            if len(values[name]) > limit:
                error(name, _("Trop long : %(limit)d caractères au plus.") % {"limit": limit})
                values[name] = ""  # checked no further
        for name in ("email", "tutor_email", "referent_email"):
            if values[name] and not _email_valid(values[name]):
                error(
                    name,
                    _("« %(value)s » n'est pas une adresse e-mail valide.")
                    % {"value": values[name]},
                )
                values[name] = ""
        email = values["email"]
        if email:
            if email in seen:
                error(
                    "email",
                    _("Cet e-mail figure déjà ligne %(line)d du fichier.") % {"line": seen[email]},
                )
            else:
                seen[email] = line
        dates: dict[str, dt.date | None] = {}
        for name in ("start", "end"):
            dates[name] = _date(values[name]) if values[name] else None
            if values[name] and dates[name] is None:
                error(
                    name,
                    _("« %(value)s » n'est pas une date : écrivez 2026-05-12 ou 12/05/2026.")
                    % {"value": values[name]},
                )
        start, end = dates["start"], dates["end"]
        if start and end and end < start:
            error(
                "end",
                _("La fin (%(end)s) précède le début (%(start)s).")
                % {"end": values["end"], "start": values["start"]},
            )
        referent = values["referent_email"].lower()
        if referent and referent not in staff:
            error(
                "referent_email",
                _(
                    "%(email)s n'est ni référent ni administrateur de l'organisation : "
                    "ajoutez-le d'abord comme membre."
                )
                % {"email": referent},
            )
        if found or start is None or end is None:
            errors.extend(found)
            continue
        checked.append(
            EnrolmentRow(
                line=line,
                email=email,
                first_name=values["first_name"],
                last_name=values["last_name"],
                company=values["company"],
                service=values["service"],
                start=start,
                end=end,
                tutor_name=values["tutor_name"],
                tutor_email=values["tutor_email"].lower(),
                referent_email=referent,
            )
        )
    # What the database says about the lines that are well-formed.
    for planned in enrolment_rows_plan(cohort, checked):
        if planned.action == Action.CONFLICT:
            errors.append(
                RowError(
                    line=planned.row.line,
                    field="company",
                    message=_(
                        "Ce stage figure déjà dans une autre promotion pour le compte %(email)s."
                    )
                    % {"email": planned.row.email},
                )
            )
    conflicts = {error.line for error in errors}
    checked = [row for row in checked if row.line not in conflicts]
    errors.sort(key=lambda error: (error.line, ENROLMENT_COLUMNS.index(error.field)))
    return checked, errors


# --- Planning and importing ------------------------------------------------------------------


class Action(StrEnum):
    CREATE = "create"  # new enrolment, invitation by e-mail
    LINK_NEW = "link_new"  # the e-mail has an account: a dossier is created from the line
    LINK_EXISTING = "link_existing"  # the e-mail has an account and a dossier for this internship
    UPDATE = "update"  # already enrolled; the line changes something
    UNCHANGED = "unchanged"  # already enrolled, nothing differs
    CONFLICT = "conflict"  # the matching dossier is enrolled elsewhere (an error of the check)


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("Inscription et invitation par e-mail"),
    Action.LINK_NEW: gettext_lazy("Compte existant : dossier créé et lié"),
    Action.LINK_EXISTING: gettext_lazy("Compte existant : son dossier est lié"),
    Action.UPDATE: gettext_lazy("Déjà inscrit : mis à jour"),
    Action.UNCHANGED: gettext_lazy("Déjà inscrit : inchangé"),
    Action.CONFLICT: gettext_lazy("Conflit"),
}


@dataclass
class PlannedRow:
    row: EnrolmentRow
    action: Action
    enrolment: Enrolment | None = None
    user: User | None = None
    dossier: Dossier | None = None  # the intern's own dossier that will be linked

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self.action])


@dataclass
class ImportResult:
    created: int = 0
    linked: int = 0
    updated: int = 0
    unchanged: int = 0
    invitations: int = 0
    enrolments: list[Enrolment] = field(default_factory=list)

    def summary(self) -> str:
        """One line of counts in the active language."""
        parts = [
            ngettext("%(n)d créé", "%(n)d créés", self.created) % {"n": self.created},
            ngettext(
                "%(n)d lié à un compte existant", "%(n)d liés à un compte existant", self.linked
            )
            % {"n": self.linked},
            ngettext("%(n)d mis à jour", "%(n)d mis à jour", self.updated) % {"n": self.updated},
            ngettext("%(n)d inchangé", "%(n)d inchangés", self.unchanged) % {"n": self.unchanged},
            ngettext("%(n)d invitation", "%(n)d invitations", self.invitations)
            % {"n": self.invitations},
        ]
        return ", ".join(parts)


def _same_company(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _dossiers_of(users: list[User]) -> dict[int, list[Dossier]]:
    """Each user's dossiers, oldest first, with their enrolment, in one query."""
    found: dict[int, list[Dossier]] = {user.pk: [] for user in users}
    for dossier in (
        Dossier.objects.filter(owner__in=users)
        .select_related("enrolment")
        .order_by("created_at", "id")
    ):
        found[dossier.owner_id].append(dossier)
    return found


def _matching(dossiers: list[Dossier], company: str, start: dt.date, end: dt.date) -> list[Dossier]:
    """The dossiers for this company whose dates overlap the line's."""
    return [
        dossier
        for dossier in dossiers
        if _same_company(dossier.organisation, company)
        and dossier.start_date <= end
        and dossier.end_date >= start
    ]


def _enrolled(dossier: Dossier) -> bool:
    try:
        return dossier.enrolment is not None
    except Enrolment.DoesNotExist:
        return False


def _differs(enrolment: Enrolment, row: EnrolmentRow, referent: User | None) -> bool:
    return any(
        (
            enrolment.first_name != row.first_name,
            enrolment.last_name != row.last_name,
            enrolment.company != row.company,
            enrolment.service != row.service,
            enrolment.start_date != row.start,
            enrolment.end_date != row.end,
            enrolment.tutor_name != row.tutor_name,
            enrolment.tutor_email != row.tutor_email,
            enrolment.referent_id != (referent.pk if referent else None),
        )
    )


def _referents(cohort: Cohort, rows: list[EnrolmentRow]) -> dict[str, User]:
    emails = {row.referent_email for row in rows if row.referent_email}
    return {
        user.email.lower(): user
        for user in User.objects.filter(
            email__in=emails,
            memberships__organisation_id=cohort.programme.organisation_id,
        ).distinct()
    }


def enrolment_rows_plan(cohort: Cohort, rows: list[EnrolmentRow]) -> list[PlannedRow]:
    """What importing these (checked) rows would do, line by line; writes nothing."""
    existing = {enrolment.email.lower(): enrolment for enrolment in cohort.enrolments.all()}
    users = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=[row.email for row in rows])
    }
    referents = _referents(cohort, rows)
    dossiers = _dossiers_of(list(users.values()))
    planned: list[PlannedRow] = []
    for row in rows:
        enrolment = existing.get(row.email)
        user = users.get(row.email)
        if enrolment is not None and (enrolment.user_id or user is None):
            referent = referents.get(row.referent_email)
            action = Action.UPDATE if _differs(enrolment, row, referent) else Action.UNCHANGED
            planned.append(PlannedRow(row, action, enrolment=enrolment))
            continue
        if user is None:
            planned.append(PlannedRow(row, Action.CREATE))
            continue
        matches = _matching(dossiers[user.pk], row.company, row.start, row.end)
        free = [dossier for dossier in matches if not _enrolled(dossier)]
        if free:
            planned.append(
                PlannedRow(
                    row, Action.LINK_EXISTING, enrolment=enrolment, user=user, dossier=free[0]
                )
            )
        elif matches:
            planned.append(PlannedRow(row, Action.CONFLICT, enrolment=enrolment, user=user))
        else:
            planned.append(PlannedRow(row, Action.LINK_NEW, enrolment=enrolment, user=user))
    return planned


def enrolment_counts(planned: list[PlannedRow]) -> ImportResult:
    """What `enrolment_rows_import` would report for this plan (the preview, --dry-run)."""
    result = ImportResult()
    for item in planned:
        if item.action == Action.CREATE:
            result.created += 1
            result.invitations += 1
        elif item.action in (Action.LINK_NEW, Action.LINK_EXISTING):
            result.linked += 1
        elif item.action == Action.UPDATE:
            result.updated += 1
        elif item.action == Action.UNCHANGED:
            result.unchanged += 1
    return result


def _apply(enrolment: Enrolment, row: EnrolmentRow, referent: User | None) -> None:
    enrolment.first_name = row.first_name
    enrolment.last_name = row.last_name
    enrolment.company = row.company
    enrolment.service = row.service
    enrolment.start_date = row.start
    enrolment.end_date = row.end
    enrolment.tutor_name = row.tutor_name
    enrolment.tutor_email = row.tutor_email
    enrolment.referent = referent


def enrolment_dossier_data(enrolment: Enrolment) -> dict[str, object]:
    """The dossier an enrolment's line describes, as `dossier_create` takes it."""
    cohort = enrolment.cohort
    organisation = cohort.programme.organisation
    referent = enrolment.referent
    return {
        "organisation": enrolment.company,
        "service": enrolment.service,
        "start_date": enrolment.start_date,
        "end_date": enrolment.end_date,
        "school": organisation.name,
        "programme": cohort.programme.name,
        "tutor_name": enrolment.tutor_name,
        "tutor_email": enrolment.tutor_email,
        "referent_name": (referent.get_full_name() or referent.email) if referent else "",
        "referent_email": referent.email if referent else "",
        "language": organisation.default_language,
    }


@transaction.atomic
def enrolment_dossier_attach(*, enrolment: Enrolment, user: User) -> tuple[Dossier, bool]:
    """Link the user's dossier for this internship, or create it from the enrolment's data.

    Returns the dossier and whether it was created. Never a second dossier for one internship:
    an unenrolled dossier of the user's for the same company with overlapping dates is reused.
    """
    if enrolment.dossier_id is not None:
        assert enrolment.dossier is not None
        return enrolment.dossier, False
    if enrolment.start_date is None or enrolment.end_date is None or not enrolment.company:
        raise ValidationError(_("Cette inscription ne décrit pas de stage à créer."))
    matches = _matching(
        _dossiers_of([user])[user.pk], enrolment.company, enrolment.start_date, enrolment.end_date
    )
    free = [dossier for dossier in matches if not _enrolled(dossier)]
    if free:
        dossier, created = free[0], False
    else:
        dossier, created = _dossier_new(enrolment, user), True
    enrolment_link(enrolment, dossier)
    return dossier, created


def _dossier_new(enrolment: Enrolment, user: User) -> Dossier:
    data = enrolment_dossier_data(enrolment)
    if user.language:
        data["language"] = user.language
    return dossier_services.dossier_create(owner=user, **data)


@transaction.atomic
def enrolment_rows_import(
    cohort: Cohort, rows: list[EnrolmentRow], *, invited_by: User | None = None
) -> ImportResult:
    """Import checked rows: everything or nothing. Interns with an account are linked at once
    (their dossier for this internship, or a new one from the line); the others are invited by
    e-mail by the worker once this transaction commits."""
    # Two imports into one cohort wait for each other rather than racing on the same e-mails.
    locked = Cohort.objects.select_for_update(of=("self",)).select_related(
        "programme__organisation"
    )
    cohort = locked.get(pk=cohort.pk)
    planned = enrolment_rows_plan(cohort, rows)
    conflicts = [item.row.line for item in planned if item.action == Action.CONFLICT]
    if conflicts:
        raise ValidationError(
            _("Lignes en conflit avec une autre promotion : %(lines)s.")
            % {"lines": ", ".join(str(line) for line in conflicts)}
        )
    referents = _referents(cohort, rows)
    following = set(cohort.referents.values_list("pk", flat=True))
    result = ImportResult()
    for item in planned:
        row = item.row
        referent = referents.get(row.referent_email)
        if referent is not None and referent.pk not in following:
            # A referent named on a line follows the cohort from now on.
            cohort.referents.add(referent)
            following.add(referent.pk)
        if item.action == Action.UNCHANGED:
            result.unchanged += 1
            assert item.enrolment is not None
            result.enrolments.append(item.enrolment)
            continue
        enrolment = item.enrolment or Enrolment(cohort=cohort, email=row.email)
        _apply(enrolment, row, referent)
        enrolment.save()  # the row was checked: lengths and addresses fit the model
        result.enrolments.append(enrolment)
        if item.action == Action.UPDATE:
            result.updated += 1
        elif item.action == Action.CREATE:
            result.created += 1
            result.invitations += 1
            payload: dict[str, object] = {"enrolment_id": enrolment.pk}
            if invited_by is not None:
                payload["invited_by_id"] = invited_by.pk
            job_enqueue(kind=JOB_INVITE, payload=payload)
        else:
            assert item.user is not None
            dossier = item.dossier or _dossier_new(enrolment, item.user)
            enrolment_link(enrolment, dossier)
            result.linked += 1
    return result
