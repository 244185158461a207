"""The cohort dashboard's exports: the filtered set (every page) as CSV or XLSX.

Rows are read with a database iterator, so neither export holds the cohort in memory: the CSV is
streamed to the client, the XLSX is written by openpyxl's write-only mode into a temporary file.
Column headers follow the user's language. A text cell starting with a character a spreadsheet
would read as a formula gets a leading apostrophe (CSV/formula injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .dashboard import DashboardQuery, dashboard_enrolments
from .models import Cohort

# Characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 2_000


def cell_neutralise(value: str) -> str:
    """A text cell a spreadsheet will show as text, never evaluate."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_headers() -> list[str]:
    """Column headers in the active language."""
    return [
        _("Nom"),
        _("Prénom"),
        _("E-mail"),
        _("Entreprise"),
        _("Préparation (%)"),
        _("Retours demandés"),
        _("Retours reçus"),
        _("Évaluation du tuteur reçue"),
        _("Entretien"),
        _("Synthèse remise le"),
        _("Dernière activité"),
        _("Inscription"),
    ]


def _labels() -> dict[str, str]:
    return {
        "yes": _("oui"),
        "no": _("non"),
        "joined": _("inscrit"),
        "invited": _("invitation en attente"),
        "not_invited": _("pas encore invité"),
    }


def _joined_label(row: dict[str, Any], labels: dict[str, str]) -> str:
    if row["joined_at"]:
        return labels["joined"]
    if row["invited_at"]:
        return labels["invited"]
    return labels["not_invited"]


def _local(value: dt.datetime | None) -> dt.datetime | None:
    # Spreadsheets have no time zones: the instance's local time, without tzinfo.
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _values(row: dict[str, Any], labels: dict[str, str]) -> list[Any]:
    """One row's cells: text neutralised, numbers as numbers, dates as naive local datetimes."""
    return [
        cell_neutralise(row["last_name"]),
        cell_neutralise(row["first_name"]),
        cell_neutralise(row["email"]),
        cell_neutralise(row["company_shown"]),
        row["readiness"] if row["has_dossier"] else None,
        row["feedback_requested"],
        row["feedback_answered"],
        labels["yes"] if row["tutor_evaluation"] else labels["no"],
        _local(row["meeting_at"]),
        _local(row["submitted_at"]),
        _local(row["last_activity_at"]),
        _joined_label(row, labels),
    ]


def _rows(cohort: Cohort, query: DashboardQuery) -> Iterator[list[Any]]:
    """The export's rows. The labels are translated now, in the request's language: a
    streamed response reads the rows after the view has returned."""
    labels = _labels()
    rows = dashboard_enrolments(cohort, query).iterator(chunk_size=CHUNK_ROWS)
    return (_values(row, labels) for row in rows)


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else value


def dashboard_csv(cohort: Cohort, query: DashboardQuery) -> Iterator[str]:
    """The CSV lines; the first starts with a UTF-8 BOM so that Excel reads the accents right."""
    headers = export_headers()
    rows = _rows(cohort, query)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(headers)
        for row in rows:
            yield writer.writerow([_csv_text(value) for value in row])

    return lines()


def dashboard_xlsx(cohort: Cohort, query: DashboardQuery, title: str) -> IO[bytes]:
    """The XLSX workbook in a temporary file, rewound, for the response to stream."""
    workbook = Workbook(write_only=True)
    # A sheet title has at most 31 characters and none of []:*?/\.
    safe_title = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    sheet = workbook.create_sheet(title=safe_title or "-")
    bold = Font(bold=True)
    header_cells = []
    for header in export_headers():
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    sheet.freeze_panes = "C2"
    _append_all(sheet, _rows(cohort, query))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def _append_all(sheet: Any, rows: Iterable[list[Any]]) -> None:
    # Plain values: openpyxl writes numbers and dates as such, and text as text unless it starts
    # with "=" (a formula), which cell_neutralise has already ruled out.
    for row in rows:
        sheet.append(row)
