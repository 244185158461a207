"""Export, import and erasure of an account (RGPD articles 15, 17 and 20)."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import tempfile
import uuid
from collections.abc import Iterable
from typing import IO, Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, models, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.evidence.models import MailboxImport, Trace
from bilan.feedback.models import Answer, Discovery, FeedbackRequest
from bilan.jobs.models import Job
from bilan.jobs.services import job_enqueue
from bilan.schools.models import AccessLog, Enrolment, Organisation

from . import archive
from .models import DataExport
from .records import ImportRefused, account_export_data, dossier_import

JOB_EXPORT = "privacy.export"
ERASED_LABEL = "—"


def bilan_version() -> str:
    try:
        return importlib.metadata.version("bilan")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# Export -----------------------------------------------------------------------------------


def account_export(*, user: User, target: IO[bytes], now: dt.datetime | None = None) -> None:
    """Write the account's export ZIP to ``target`` (a file opened for writing)."""
    data = account_export_data(user, now=now or timezone.now(), bilan_version=bilan_version())
    archive.export_write(data, target)


def account_files_bytes(*, user: User) -> int:
    """Bytes of stored files an export of this account carries (decides sync or worker)."""
    dossiers = Dossier.objects.filter(owner=user)
    traces = Trace.objects.filter(dossier__in=dossiers).aggregate(s=Sum("size"))["s"] or 0
    imports = MailboxImport.objects.filter(dossier__in=dossiers).aggregate(s=Sum("size"))["s"] or 0
    return int(traces) + int(imports)


def export_is_small(*, user: User) -> bool:
    return account_files_bytes(user=user) <= settings.BILAN_PRIVACY_LIMITS["sync_export_bytes"]


@transaction.atomic
def export_request(*, user: User) -> DataExport:
    """Queue an export for the worker; a request already waiting is reused."""
    for waiting in DataExport.objects.filter(user=user, status=DataExport.Status.QUEUED):
        job_alive = Job.objects.filter(
            kind=JOB_EXPORT,
            payload__export_id=waiting.pk,
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
        ).exists()
        if job_alive:
            return waiting
        # Its job failed for good (after its retries): say so, and start again.
        DataExport.objects.filter(pk=waiting.pk).update(status=DataExport.Status.FAILED)
    export = DataExport.objects.create(user=user)
    job_enqueue(kind=JOB_EXPORT, payload={"export_id": export.pk})
    return export


def export_build(*, export_id: int, now: dt.datetime | None = None) -> None:
    """The worker's part: build the ZIP into storage and mark the export ready."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.QUEUED:
        return
    now = now or timezone.now()
    with tempfile.TemporaryFile() as spool:
        account_export(user=export.user, target=spool, now=now)
        size = spool.tell()
        spool.seek(0)
        name = default_storage.save(f"exports/{export.user_id}/{uuid.uuid4().hex}.zip", spool)
    hours = settings.BILAN_PRIVACY_LIMITS["export_keep_hours"]
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.READY,
        file=name,
        size=size,
        ready_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )


def exports_purge_expired(*, now: dt.datetime | None = None) -> int:
    """Delete expired export ZIPs and their rows."""
    now = now or timezone.now()
    expired = list(DataExport.objects.filter(expires_at__lt=now))
    _storage_delete(e.file for e in expired)
    DataExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    return len(expired)


# Import -----------------------------------------------------------------------------------


def account_import(
    *, source: IO[bytes] | str, user: User | None = None, email: str | None = None
) -> tuple[User, list[Dossier]]:
    """Import an export: into ``user`` (which must have no dossier) or a new account.

    Everything happens in one transaction; files written to storage are removed if anything
    fails. Raises ImportRefused with a message for the user.
    """
    reader = archive.export_open(source)
    saved: list[str] = []
    try:
        document = reader.document
        with transaction.atomic():
            owner = user or _import_account(document["account"], email)
            if Dossier.objects.filter(owner=owner).exists():
                raise ImportRefused(
                    _("Le compte %(email)s a déjà des dossiers : import refusé.")
                    % {"email": owner.email}
                )

            def save_file(member: str, obj: models.Model) -> None:
                field = obj._meta.get_field("file")
                assert isinstance(field, models.FileField)  # noqa: S101 — models fixed above
                with reader.file_copy(member) as content:
                    name = field.generate_filename(obj, member.rsplit("/", 1)[-1])
                    name = field.storage.save(name, content, max_length=field.max_length)
                saved.append(name)
                setattr(obj, field.attname, name)

            try:
                dossiers = [dossier_import(owner, d, save_file) for d in document["dossiers"]]
            except (DatabaseError, ValidationError, ValueError, TypeError, KeyError) as exc:
                # Data the schema lets through but a field refuses (a date that is not one, a
                # text too long): the transaction is rolled back, the user told why.
                detail = "; ".join(getattr(exc, "messages", [])) or str(exc)
                raise ImportRefused(
                    _("L'export contient une valeur invalide : %(error)s") % {"error": detail[:300]}
                ) from exc
        return owner, dossiers
    except BaseException:
        _storage_delete(saved)
        raise
    finally:
        reader.close()


def _import_account(account: dict[str, Any], email: str | None) -> User:
    address = (email or account["email"]).strip().lower()
    existing = User.objects.filter(email__iexact=address).first()
    if existing is not None:
        return existing
    # No password travels in an export: the owner sets one with "mot de passe oublié".
    user = User.objects.create_user(
        email=address,
        password=None,
        first_name=account.get("first_name", "")[:150],
        last_name=account.get("last_name", "")[:150],
        language=account.get("language", "")
        if account.get("language") in dict(settings.LANGUAGES)
        else "",
    )
    if account.get("date_joined"):
        joined = User._meta.get_field("date_joined").to_python(account["date_joined"])
        User.objects.filter(pk=user.pk).update(date_joined=joined)
        user.refresh_from_db()
    return user


# Erasure ----------------------------------------------------------------------------------


def _storage_delete(names: Iterable[str]) -> None:
    for name in names:
        if name:
            with contextlib.suppress(Exception):
                default_storage.delete(name)


def _dossier_files(dossier_ids: list[int]) -> list[str]:
    names = list(
        Trace.objects.filter(dossier_id__in=dossier_ids)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    names += list(
        MailboxImport.objects.filter(dossier_id__in=dossier_ids)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    return names


def _jobs_delete(dossier_ids: list[int]) -> None:
    """Queued jobs about these dossiers' rows would find nothing; drop them with the rows."""
    if not dossier_ids:
        return
    keys = {
        "dossier_id": dossier_ids,
        "trace_id": list(
            Trace.objects.filter(dossier_id__in=dossier_ids).values_list("pk", flat=True)
        ),
        "import_id": list(
            MailboxImport.objects.filter(dossier_id__in=dossier_ids).values_list("pk", flat=True)
        ),
        "request_id": list(
            FeedbackRequest.objects.filter(dossier_id__in=dossier_ids).values_list("pk", flat=True)
        ),
        "answer_id": list(
            Answer.objects.filter(request__dossier_id__in=dossier_ids).values_list("pk", flat=True)
        ),
    }
    condition = Q()
    for key, ids in keys.items():
        if ids:
            condition |= Q(**{f"payload__{key}__in": ids})
    Job.objects.filter(condition).exclude(status=Job.Status.RUNNING).delete()


def dossiers_erase(*, dossier_ids: list[int]) -> int:
    """Delete dossiers with everything in them; their files go once the deletion commits."""
    names = _dossier_files(dossier_ids)
    _jobs_delete(dossier_ids)
    deleted = Dossier.objects.filter(pk__in=dossier_ids).count()
    Dossier.objects.filter(pk__in=dossier_ids).delete()
    transaction.on_commit(lambda: _storage_delete(names))
    return deleted


def rater_policy_for(request: FeedbackRequest) -> str:
    """The organisation's choice for this dossier, else the instance's default."""
    organisation = Organisation.objects.filter(
        programmes__cohorts__enrolments__dossier_id=request.dossier_id
    ).first()
    policy = organisation.rater_answer_policy if organisation else ""
    policy = policy or settings.BILAN_RATER_ANSWER_POLICY
    return policy if policy in Organisation.RaterAnswerPolicy.values else "anonymise"


def rater_answers_erase(*, email: str) -> dict[str, int]:
    """The person's answers on other interns' dossiers: anonymised or deleted, per policy.

    Anonymised: the ratings stay (the intern's evaluation keeps its value), the name, e-mail,
    personal message and every free text are blanked, and the skills found in those texts go.
    Requests never answered are deleted: they hold only the person's name and address.
    """
    counts = {"anonymised": 0, "deleted": 0}
    requests = FeedbackRequest.objects.filter(email__iexact=email).exclude(
        dossier__owner__email__iexact=email
    )
    for request in requests.select_related("dossier"):
        answer = Answer.objects.filter(request=request).first()
        if answer is None or rater_policy_for(request) == "delete":
            request.delete()
            counts["deleted"] += 1
            continue
        Discovery.objects.filter(answer=answer).delete()
        Answer.objects.filter(pk=answer.pk).update(
            strengths_other="", improve="", situation="", developed="", comment=""
        )
        answer.strengths.clear()
        FeedbackRequest.objects.filter(pk=request.pk).update(
            name="", email="", message="", token_hash=None, anonymous=True
        )
        counts["anonymised"] += 1
    return counts


def _sessions_delete(user: User) -> None:
    key = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()


@transaction.atomic
def account_erase(*, user: User) -> dict[str, int]:
    """Erase an account and everything about its owner; files go once the deletion commits."""
    email = user.email
    dossier_ids = list(Dossier.objects.filter(owner=user).values_list("pk", flat=True))
    export_files = list(DataExport.objects.filter(user=user).values_list("file", flat=True))
    counts = rater_answers_erase(email=email)
    counts["dossiers"] = dossiers_erase(dossier_ids=dossier_ids)
    counts["enrolments"] = Enrolment.objects.filter(Q(user=user) | Q(email__iexact=email)).delete()[
        0
    ]
    # The interns keep the trace that someone opened their dossier, not who.
    AccessLog.objects.filter(Q(actor=user) | Q(actor_label__icontains=email)).update(
        actor=None, actor_label=ERASED_LABEL
    )
    Job.objects.filter(
        kind=JOB_EXPORT,
        payload__export_id__in=list(
            DataExport.objects.filter(user=user).values_list("pk", flat=True)
        ),
    ).delete()
    _sessions_delete(user)
    user.delete()
    transaction.on_commit(lambda: _storage_delete(export_files))
    return counts


def account_erase_checked(*, user: User, password: str) -> bool:
    """Erase only if the password is right (the web form)."""
    if not user.check_password(password):
        return False
    account_erase(user=user)
    return True
