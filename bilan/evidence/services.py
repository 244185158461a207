"""Traces: creating them from uploads, notes, links and mailboxes; extraction; search."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier, Objective
from bilan.jobs.services import job_enqueue
from bilan.skills.models import DossierSkill, Example

from .extraction import Extracted, detect_type, message
from .extraction.core import MAILBOX_TYPES, probe_path
from .extraction.detect import HEAD_BYTES
from .limits import evidence_limits
from .models import MailboxImport, Trace
from .search import index_store, index_text, matching

logger = logging.getLogger(__name__)

JOB_EXTRACT = "evidence.extract"
JOB_IMPORT_MAILBOX = "evidence.import_mailbox"
CHUNK = 1024 * 1024


def _lang() -> str:
    return (get_language() or "fr")[:2]


def _hash_file(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _basename(name: str | None, default: str) -> str:
    # A plain split rather than pathlib, which interns every distinct name it parses: a
    # mailbox of unique attachment names would grow the interpreter's intern table.
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return (base or default)[:300]


def _reindex(trace: Trace) -> None:
    trace.search_text = index_text(trace.title, trace.author, trace.note, trace.url, trace.text)


def _save(trace: Trace) -> None:
    """Save a trace whose text may have changed, and its row in the search index."""
    trace.save()
    index_store(traces=[trace])


@dataclass
class UploadOutcome:
    traces: list[Trace] = field(default_factory=list)
    imports: list[MailboxImport] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def uploads_check(*, files: Sequence[UploadedFile]) -> list[tuple[str, str]]:
    """Limit problems of a whole upload, each as (file name, message); empty when fine."""
    limits = evidence_limits()
    lang = _lang()
    total = sum(upload.size or 0 for upload in files)
    if total > limits.max_import_bytes:
        text = message("import_too_large", lang, size=total, limit_bytes=limits.max_import_bytes)
        return [("", text)]
    problems = []
    for upload in files:
        kind = _upload_kind(upload)
        limit = limits.max_import_bytes if kind in MAILBOX_TYPES else limits.max_file_bytes
        if (upload.size or 0) > limit:
            problems.append(
                (upload.name or "", message("too_large", lang, size=upload.size, limit_bytes=limit))
            )
    return problems


def _upload_kind(upload: UploadedFile) -> str:
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        with contextlib.suppress(Exception):
            return probe_path(Path(path()))[0]
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return detect_type(head, upload.name)


@transaction.atomic
def traces_upload(
    *,
    dossier: Dossier,
    files: Sequence[UploadedFile],
    kind: str = Trace.Kind.OTHER,
    confidential: bool = False,
    user: User | None = None,
) -> UploadOutcome:
    """Store each file, then queue its extraction; mailboxes become background imports.

    Files over a limit are refused whole (nothing stored); the others go through.
    """
    outcome = UploadOutcome()
    refused = dict(uploads_check(files=files))
    if "" in refused:
        outcome.refused.append(("", refused[""]))
        return outcome
    for upload in files:
        name = _basename(upload.name, "fichier")
        if name in refused:
            outcome.refused.append((name, refused[name]))
            continue
        detected = _upload_kind(upload)
        if detected in MAILBOX_TYPES:
            outcome.imports.append(
                mailbox_import_create(
                    dossier=dossier,
                    upload=upload,
                    kind=kind if kind != Trace.Kind.OTHER else Trace.Kind.EMAIL,
                    confidential=confidential,
                    user=user,
                )
            )
            continue
        digest = _hash_file(upload)
        if dossier.traces.filter(content_hash=digest).exists():
            outcome.duplicates.append(name)
            continue
        trace = Trace(
            dossier=dossier,
            kind=Trace.Kind.EMAIL if detected in {"eml", "msg"} and kind == "other" else kind,
            source=Trace.Source.UPLOAD,
            title=name,
            filename=name,
            size=upload.size or 0,
            detected_type=detected,
            content_hash=digest,
            confidential=confidential,
            extraction=Trace.Extraction.PENDING,
        )
        trace.file.save(name, upload, save=False)
        _reindex(trace)
        _save(trace)
        job_enqueue(kind=JOB_EXTRACT, payload={"trace_id": trace.pk})
        outcome.traces.append(trace)
    return outcome


@transaction.atomic
def trace_create_note(
    *,
    dossier: Dossier,
    title: str,
    note: str,
    kind: str = Trace.Kind.OTHER,
    author: str = "",
    date: dt.datetime | None = None,
    confidential: bool = False,
) -> Trace:
    trace = Trace(
        dossier=dossier,
        source=Trace.Source.NOTE,
        kind=kind,
        title=title,
        note=note,
        text=note,
        author=author,
        date=date,
        confidential=confidential,
    )
    trace.full_clean()
    _reindex(trace)
    _save(trace)
    return trace


@transaction.atomic
def trace_create_link(
    *,
    dossier: Dossier,
    url: str,
    title: str = "",
    kind: str = Trace.Kind.OTHER,
    author: str = "",
    date: dt.datetime | None = None,
    note: str = "",
    confidential: bool = False,
) -> Trace:
    trace = Trace(
        dossier=dossier,
        source=Trace.Source.LINK,
        kind=kind,
        title=title or url[:300],
        url=url,
        note=note,
        text=note,
        author=author,
        date=date,
        confidential=confidential,
    )
    trace.full_clean()
    _reindex(trace)
    _save(trace)
    return trace


@transaction.atomic
def trace_update(
    *,
    trace: Trace,
    objectives: Iterable[Objective] | None = None,
    skills: Iterable[DossierSkill] | None = None,
    examples: Iterable[Example] | None = None,
    **data: Any,
) -> Trace:
    for name in ("kind", "title", "author", "date", "confidential", "note", "url"):
        if name in data:
            setattr(trace, name, data[name])
    if trace.source == Trace.Source.NOTE:
        trace.text = trace.note
    trace.full_clean()
    _reindex(trace)
    _save(trace)
    # Links stay inside the dossier, whatever ids a caller passes.
    if objectives is not None:
        trace.objectives.set([o for o in objectives if o.dossier_id == trace.dossier_id])
    if skills is not None:
        trace.skills.set([s for s in skills if s.dossier_id == trace.dossier_id])
    if examples is not None:
        trace.examples.set([e for e in examples if e.dossier_id == trace.dossier_id])
    return trace


def _delete_files(names: list[tuple[Any, str | None]]) -> None:
    for storage, name in names:
        with contextlib.suppress(Exception):
            storage.delete(name)


@transaction.atomic
def trace_delete(*, trace: Trace) -> None:
    """Delete a trace, its attachments and their stored files (once the delete commits)."""
    doomed = [trace, *trace.attachments.all()]
    files = [(t.file.storage, t.file.name) for t in doomed if t.file]
    trace.delete()
    transaction.on_commit(lambda: _delete_files(files))


@contextlib.contextmanager
def local_copy(field_file: Any) -> Iterator[Path]:
    """A path to read: the file itself on local storage, a temporary copy from S3 & co."""
    try:
        yield Path(field_file.path)
        return
    except (NotImplementedError, AttributeError):
        pass
    with tempfile.NamedTemporaryFile(suffix=".bin") as handle:
        with field_file.open("rb") as source:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                handle.write(chunk)
        handle.flush()
        yield Path(handle.name)


def trace_apply_extraction(*, trace: Trace, result: Extracted) -> None:
    """Copy what extraction found onto the trace; the intern's own edits win."""
    trace.detected_type = result.type or trace.detected_type
    if result.error_code:
        trace.extraction = Trace.Extraction.FAILED
        trace.extraction_error_code = result.error_code
        trace.extraction_error_params = _jsonable(result.error_params)
    else:
        trace.extraction = Trace.Extraction.DONE
        trace.extraction_error_code = ""
        trace.extraction_error_params = {}
    trace.text = (result.text or "").replace("\x00", "")
    if result.title and trace.title == trace.filename:
        trace.title = result.title[:300]
    if result.author and not trace.author:
        trace.author = result.author[:300]
    if result.date and not trace.date:
        trace.date = result.date
    if result.message_id and not trace.message_id:
        trace.message_id = result.message_id[:500]
    _reindex(trace)


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, int | float | str | bool) or value is None else str(value)
        for key, value in params.items()
    }


def trace_extract(*, trace_id: int) -> None:
    """Background job: extract a stored file in an isolated process, then save the result."""
    from .extraction import extract_file_isolated

    trace = Trace.objects.filter(pk=trace_id).first()
    if trace is None or not trace.file:
        return
    with local_copy(trace.file) as path:
        result = extract_file_isolated(path, limits=evidence_limits(), lang="fr")
    with transaction.atomic():
        trace = Trace.objects.select_for_update().get(pk=trace_id)
        trace_apply_extraction(trace=trace, result=result)
        _save(trace)
        for child in result.children:
            trace_create_attachment(parent=trace, child=child)


def trace_create_attachment(*, parent: Trace, child: Extracted) -> Trace | None:
    """An attachment becomes a trace of its own, linked to its message; text already extracted."""
    content = child.content or b""
    digest = hashlib.sha256(content).hexdigest() if content else ""
    if digest and parent.dossier.traces.filter(content_hash=digest).exists():
        return None
    name = _basename(child.filename, "piece-jointe")
    trace = Trace(
        dossier=parent.dossier,
        parent=parent,
        mailbox_import=parent.mailbox_import,
        kind=Trace.Kind.DOCUMENT,
        source=Trace.Source.ATTACHMENT,
        title=name,
        filename=name,
        size=len(content),
        content_hash=digest,
        confidential=parent.confidential,
        date=parent.date,
        author=parent.author,
    )
    if content:
        trace.file.save(name, ContentFile(content), save=False)
    trace_apply_extraction(trace=trace, result=child)
    _save(trace)
    return trace


def traces_search(
    *,
    dossier: Dossier,
    query: str = "",
    kind: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    objective: Objective | None = None,
    skill: DossierSkill | None = None,
    unlinked: bool = False,
) -> QuerySet[Trace]:
    """The dossier's traces matching the query and filters; best match first when searching."""
    traces = dossier.traces.all()
    if kind:
        traces = traces.filter(kind=kind)
    # Bounds on the stored datetime, not its date: an index serves them.
    if date_from:
        traces = traces.filter(date__gte=_day_start(date_from))
    if date_to:
        traces = traces.filter(date__lt=_day_start(date_to + dt.timedelta(days=1)))
    if objective is not None:
        traces = traces.filter(objectives=objective)
    if skill is not None:
        traces = traces.filter(skills=skill)
    if unlinked:
        traces = traces.filter(objectives__isnull=True)
    return matching(traces, dossier_id=dossier.pk, query=query)


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of the day in the current time zone, as the date filters meant it."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# Mailbox imports ----------------------------------------------------------------------------


def mailbox_import_create(
    *,
    dossier: Dossier,
    upload: UploadedFile | File[bytes],
    kind: str = Trace.Kind.EMAIL,
    confidential: bool = False,
    user: User | None = None,
) -> MailboxImport:
    name = _basename(upload.name, "mailbox")
    job = MailboxImport(
        dossier=dossier,
        created_by=user,
        filename=name,
        size=upload.size or 0,
        kind=kind,
        confidential=confidential,
    )
    job.file.save(name, upload, save=False)
    job.save()
    job_enqueue(kind=JOB_IMPORT_MAILBOX, payload={"import_id": job.pk})
    return job


def _count_messages(path: Path, kind: str) -> int:
    if kind == "zip-eml":
        import zipfile

        with contextlib.suppress(Exception), zipfile.ZipFile(path) as archive:
            return sum(1 for name in archive.namelist() if not name.endswith("/"))
        return 0
    count = 0
    with path.open("rb") as stream:
        for line in stream:
            if line.startswith(b"From "):
                count += 1
    return count


def _message_key(result: Extracted) -> str:
    basis = "\n".join(
        [result.title or "", result.author or "", str(result.date or ""), result.text or ""]
    )
    return hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()


PROGRESS_EVERY = 20


def mailbox_import_run(*, import_id: int, on_progress: Any = None) -> MailboxImport:
    """Background job: stream the mailbox, one trace per new message, attachments with it."""
    from .extraction import ExtractionFailed, extract_bytes_isolated, iter_mailbox

    job = MailboxImport.objects.select_related("dossier").get(pk=import_id)
    if job.status == MailboxImport.Status.DONE:
        return job
    limits = evidence_limits()
    job.status = MailboxImport.Status.RUNNING
    job.processed = job.created = job.duplicates = job.failed = 0
    job.save(update_fields=["status", "processed", "created", "duplicates", "failed"])
    dossier = job.dossier
    seen_ids = set(dossier.traces.exclude(message_id="").values_list("message_id", flat=True))
    seen_hashes = set(
        dossier.traces.exclude(content_hash="").values_list("content_hash", flat=True)
    )
    try:
        with local_copy(job.file) as path:
            kind, _ = probe_path(path)
            job.expected = _count_messages(path, kind)
            job.save(update_fields=["expected"])
            for result in iter_mailbox(path, limits=limits, lang="fr", extract_attachments=False):
                _import_message(job, result, seen_ids, seen_hashes, extract_bytes_isolated)
                job.processed += 1
                if job.processed % PROGRESS_EVERY == 0:
                    job.save(update_fields=["processed", "created", "duplicates", "failed"])
                    if on_progress:
                        on_progress(job)
    except ExtractionFailed as failure:
        job.status = MailboxImport.Status.FAILED
        job.error_code, job.error_params = failure.code, _jsonable(failure.params)
    except Exception:
        # Messages imported so far are kept; a retry would only find them as duplicates.
        logger.exception("Mailbox import %s crashed", job.pk)
        job.status = MailboxImport.Status.FAILED
        job.error_code, job.error_params = "worker_crashed", {}
    else:
        job.status = MailboxImport.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    if on_progress:
        on_progress(job)
    return job


def _import_message(
    job: MailboxImport,
    result: Extracted,
    seen_ids: set[str],
    seen_hashes: set[str],
    extract_bytes_isolated: Any,
) -> None:
    message_id = (result.message_id or "")[:500]
    digest = _message_key(result)
    # A Message-ID identifies a message; only messages without one fall back to their content.
    if message_id in seen_ids if message_id else digest in seen_hashes:
        job.duplicates += 1
        return
    limits = evidence_limits()
    with transaction.atomic():
        trace = Trace(
            dossier=job.dossier,
            mailbox_import=job,
            kind=job.kind,
            source=Trace.Source.MAILBOX,
            title=(result.title or "(sans objet)")[:300],
            filename="",
            confidential=job.confidential,
            message_id=message_id,
            content_hash=digest,
        )
        trace_apply_extraction(trace=trace, result=result)
        _save(trace)
        for child in result.children:
            if child.content is not None and not child.error_code:
                extracted = extract_bytes_isolated(
                    child.content, child.filename, limits=limits, lang="fr"
                )
                extracted.content, extracted.filename = child.content, child.filename
                child = extracted
            trace_create_attachment(parent=trace, child=child)
    if result.error_code:
        job.failed += 1
    job.created += 1
    if message_id:
        seen_ids.add(message_id)
    seen_hashes.add(digest)
