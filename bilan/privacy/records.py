"""An account's records as plain JSON and back: the heart of the export and the import.

No database id leaves the instance. Within a dossier each collection is numbered from 1 in
creation order, and records point at each other by those numbers ("skills": [2, 5]); framework
skills are named by framework key and skill code, grids by their key. Keys that embed ids in the
app ("skill:12" in a tutor's ratings, a question's proposal key) are rewritten the same way
("skill#3"). SCHEMA.md describes the result; schema/export-v1.json checks it.

Plain fields are read from the models themselves, so a field added to a model is exported
without touching this module; the list below only says which collections exist and how they
refer to each other. Secrets (hashes of personal links) and derived data (search index, coach
results, the school's dashboard line) are left out: they are rebuilt, or die, on import.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from bilan.accounts.models import User
from bilan.career.models import CvLine, Profile
from bilan.dossiers.models import Dossier, JournalEntry, Objective
from bilan.evidence.models import MailboxImport, Proof, Trace
from bilan.evidence.search import index_store, index_text
from bilan.feedback.models import Answer, Criterion, Discovery, FeedbackRequest, Grid, Round
from bilan.meeting.models import Meeting, Question, Record
from bilan.rehearsal.models import Note, Plan
from bilan.schools.models import AccessLog, Enrolment
from bilan.schools.models_attestation import Attestation
from bilan.skills.models import (
    DossierFramework,
    DossierSkill,
    Example,
    Feelings,
    Framework,
    Highlight,
    ProgressAxis,
    Skill,
    Suggestion,
)
from bilan.synthesis.models import Synthesis, SynthesisVersion

FORMAT = "bilan-export"
VERSION = 1

# Never exported: link secrets, the search index, who created an import (the account itself).
EXCLUDED = {
    Trace: {"search_text"},
    FeedbackRequest: {"token_hash"},
    Record: {"token_hash"},
    MailboxImport: set(),
}
ACCOUNT_FIELDS = ("email", "first_name", "last_name", "language", "date_joined")


def plain_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """Concrete, non-relational, non-file fields other than the id, in declaration order."""
    excluded = EXCLUDED.get(model, set())
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not f.is_relation
        and not isinstance(f, models.FileField)
        and f.name not in excluded
    ]


def to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def dump(obj: models.Model) -> dict[str, Any]:
    return {f.name: to_json(f.value_from_object(obj)) for f in plain_fields(type(obj))}


def load(model: type[models.Model], data: dict[str, Any]) -> dict[str, Any]:
    """Field values for ``model`` from exported ``data``; a missing key takes the default."""
    values: dict[str, Any] = {}
    for f in plain_fields(model):
        if f.name in data:
            value = data[f.name]
            values[f.attname] = value if isinstance(f, models.JSONField) else f.to_python(value)
        elif isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
            values[f.attname] = timezone.now()
        else:
            values[f.attname] = f.get_default()
    return values


# Keys with ids inside ---------------------------------------------------------------------

_KEY = re.compile(r"^(skill|objective|criterion):(\d+)$")
_NUMBERED = re.compile(r"^(skill|objective)#(\d+)$")
_CRITERION = re.compile(r"^criterion#([\w-]+)#(\d+)$")


@dataclass
class Numbers:
    """Database id -> number within the export, per collection, for one dossier."""

    by_kind: dict[str, dict[int, int]] = field(default_factory=dict)

    def number(self, kind: str, pk: int | None) -> int | None:
        if pk is None:
            return None
        return self.by_kind.get(kind, {}).get(pk)

    def numbers(self, kind: str, pks: Iterable[int]) -> list[int]:
        found = (self.number(kind, pk) for pk in pks)
        return sorted(n for n in found if n is not None)


def _criteria_keys(ids: set[int]) -> dict[int, str]:
    """criterion id -> "criterion#<grid key>#<position in the grid, from 1>"."""
    grids = set(Criterion.objects.filter(pk__in=ids).values_list("grid_id", flat=True))
    keys: dict[int, str] = {}
    for grid in Grid.objects.filter(pk__in=grids).prefetch_related("criteria"):
        for index, criterion in enumerate(grid.criteria.all(), start=1):
            keys[criterion.pk] = f"criterion#{grid.key}#{index}"
    return keys


def key_out(key: str, numbers: Numbers, criteria: dict[int, str]) -> str:
    match = _KEY.match(key)
    if not match:
        return key
    kind, pk = match.group(1), int(match.group(2))
    if kind == "criterion":
        return criteria.get(pk, key)
    number = numbers.number(kind, pk)
    return f"{kind}#{number}" if number is not None else key


def key_in(
    key: str, ids: dict[str, dict[int, int]], criteria: Callable[[str, int], int | None]
) -> str:
    match = _NUMBERED.match(key)
    if match:
        pk = ids.get(match.group(1), {}).get(int(match.group(2)))
        return f"{match.group(1)}:{pk}" if pk is not None else key
    match = _CRITERION.match(key)
    if match:
        pk = criteria(match.group(1), int(match.group(2)))
        return f"criterion:{pk}" if pk is not None else key
    return key


# Export -----------------------------------------------------------------------------------


@dataclass
class StoredFile:
    """A file of the export: where it is in storage and where it goes in the ZIP."""

    storage_name: str
    member: str


@dataclass
class ExportData:
    document: dict[str, Any]
    files: list[StoredFile]


def _numbered(queryset: Iterable[models.Model], kind: str, numbers: Numbers) -> list[Any]:
    items = list(queryset)
    numbers.by_kind[kind] = {obj.pk: n for n, obj in enumerate(items, start=1)}
    return items


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return ("." + base.rsplit(".", 1)[-1].lower()[:10]) if "." in base else ""


def _skill_key(skill: Skill | None) -> dict[str, str] | None:
    if skill is None:
        return None
    return {
        "framework": skill.framework.key,
        "code": skill.code,
        "label_fr": skill.label_fr,
        "label_en": skill.label_en,
    }


def _one(model: type[models.Model], dossier: Dossier) -> dict[str, Any] | None:
    obj = model._default_manager.filter(dossier=dossier).first()
    return dump(obj) if obj is not None else None


def dossier_export(dossier: Dossier, number: int, files: list[StoredFile]) -> dict[str, Any]:
    n = Numbers()
    prefix = f"files/dossier-{number}"
    objectives = _numbered(Objective.objects.filter(dossier=dossier).order_by("pk"), "objective", n)
    skills = _numbered(
        DossierSkill.objects.filter(dossier=dossier)
        .select_related("skill__framework")
        .order_by("pk"),
        "skill",
        n,
    )
    examples = _numbered(
        Example.objects.filter(dossier=dossier)
        .prefetch_related("skills", "objectives")
        .order_by("pk"),
        "example",
        n,
    )
    highlights = _numbered(
        Highlight.objects.filter(dossier=dossier).prefetch_related("examples").order_by("pk"),
        "highlight",
        n,
    )
    imports = _numbered(
        MailboxImport.objects.filter(dossier=dossier).order_by("pk"), "mailbox_import", n
    )
    traces = _numbered(
        Trace.objects.filter(dossier=dossier)
        .prefetch_related("objectives", "skills", "examples")
        .order_by("pk"),
        "trace",
        n,
    )
    versions = _numbered(
        SynthesisVersion.objects.filter(synthesis__dossier=dossier).order_by("pk"), "version", n
    )

    def file_entry(obj: models.Model, kind: str, name: str) -> dict[str, Any] | None:
        if not name:
            return None
        member = f"{prefix}/{kind}-{n.number(kind, obj.pk)}{_suffix(name)}"
        files.append(StoredFile(storage_name=name, member=member))
        return {"path": member}

    out: dict[str, Any] = {"number": number, **dump(dossier)}
    out["objectives"] = [{"number": i, **dump(o)} for i, o in enumerate(objectives, 1)]
    out["journal"] = [dump(e) for e in JournalEntry.objects.filter(dossier=dossier).order_by("pk")]
    out["frameworks"] = list(
        DossierFramework.objects.filter(dossier=dossier)
        .order_by("pk")
        .values_list("framework__key", flat=True)
    )
    out["skills"] = [
        {"number": i, **dump(s), "skill": _skill_key(s.skill)} for i, s in enumerate(skills, 1)
    ]
    out["examples"] = [
        {
            "number": i,
            **dump(e),
            "skills": n.numbers("skill", (s.pk for s in e.skills.all())),
            "objectives": n.numbers("objective", (o.pk for o in e.objectives.all())),
        }
        for i, e in enumerate(examples, 1)
    ]
    out["highlights"] = [
        {
            "number": i,
            **dump(h),
            "examples": n.numbers("example", (e.pk for e in h.examples.all())),
        }
        for i, h in enumerate(highlights, 1)
    ]
    out["feelings"] = _one(Feelings, dossier)
    out["progress_axes"] = [
        dump(a) for a in ProgressAxis.objects.filter(dossier=dossier).order_by("pk")
    ]
    out["suggestions"] = [
        {**dump(s), "skill": _skill_key(s.skill)}
        for s in Suggestion.objects.filter(dossier=dossier)
        .select_related("skill__framework")
        .order_by("pk")
    ]
    out["mailbox_imports"] = [
        {"number": i, **dump(m), "file": file_entry(m, "mailbox_import", m.file.name)}
        for i, m in enumerate(imports, 1)
    ]
    out["traces"] = [
        {
            "number": i,
            **dump(t),
            "file": file_entry(t, "trace", t.file.name),
            "parent": n.number("trace", t.parent_id),
            "mailbox_import": n.number("mailbox_import", t.mailbox_import_id),
            "objectives": n.numbers("objective", (o.pk for o in t.objectives.all())),
            "skills": n.numbers("skill", (s.pk for s in t.skills.all())),
            "examples": n.numbers("example", (e.pk for e in t.examples.all())),
        }
        for i, t in enumerate(traces, 1)
    ]
    out["proofs"] = [
        {
            **dump(p),
            "trace": n.number("trace", p.trace_id),
            "objective": n.number("objective", p.objective_id),
            "skill": n.number("skill", p.skill_id),
            "example": n.number("example", p.example_id),
            "highlight": n.number("highlight", p.highlight_id),
        }
        for p in Proof.objects.filter(dossier=dossier).order_by("pk")
    ]
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    out["synthesis"] = (
        None if synthesis is None else {**dump(synthesis), "versions": [dump(v) for v in versions]}
    )

    requests = list(
        FeedbackRequest.objects.filter(dossier=dossier)
        .select_related("answer")
        .prefetch_related("answer__strengths", "answer__discoveries__skill__framework")
        .order_by("pk")
    )
    answers = [r.answer for r in requests if hasattr(r, "answer")]
    criteria = _criteria_keys(
        {
            int(m.group(2))
            for a in answers
            for item in a.ratings
            if (m := _KEY.match(str(item.get("key", "")))) and m.group(1) == "criterion"
        }
    )
    round_ = Round.objects.filter(dossier=dossier).select_related("grid").first()
    out["feedback_round"] = (
        None
        if round_ is None
        else {**dump(round_), "grid": round_.grid.key if round_.grid else None}
    )
    out["feedback_requests"] = []
    for request in requests:
        item: dict[str, Any] = {**dump(request), "answer": None}
        answer = getattr(request, "answer", None)
        if answer is not None:
            ratings = [
                {**rating, "key": key_out(str(rating.get("key", "")), n, criteria)}
                for rating in answer.ratings
            ]
            item["answer"] = {
                **dump(answer),
                "ratings": ratings,
                "strengths": n.numbers("skill", (s.pk for s in answer.strengths.all())),
                "discoveries": [
                    {**dump(d), "skill": _skill_key(d.skill)}
                    for d in sorted(answer.discoveries.all(), key=lambda d: d.pk)
                ],
            }
        out["feedback_requests"].append(item)

    out["meeting"] = _one(Meeting, dossier)
    out["questions"] = [
        {**dump(q), "proposal_key": key_out(q.proposal_key, n, {})}
        for q in Question.objects.filter(dossier=dossier).order_by("pk")
    ]
    out["record"] = _one(Record, dossier)
    out["cv_lines"] = [
        {**dump(line), "example": n.number("example", line.example_id)}
        for line in CvLine.objects.filter(dossier=dossier).order_by("pk")
    ]
    out["profile"] = _one(Profile, dossier)
    out["rehearsal_plan"] = _one(Plan, dossier)
    out["rehearsal_notes"] = [
        dump(note) for note in Note.objects.filter(dossier=dossier).order_by("pk")
    ]
    out["attestation"] = _one(Attestation, dossier)
    out["access_log"] = [
        dump(entry) for entry in AccessLog.objects.filter(dossier=dossier).order_by("at", "pk")
    ]
    return out


def _enrolment_export(enrolment: Enrolment, dossier_numbers: dict[int, int]) -> dict[str, Any]:
    cohort = enrolment.cohort
    programme = cohort.programme
    submitted = None
    if enrolment.submitted_version_id is not None:
        version = SynthesisVersion.objects.filter(pk=enrolment.submitted_version_id).first()
        submitted = version.number if version else None
    data = dump(enrolment)
    data.pop("invitation_token_hash", None)
    return {
        **data,
        "organisation": programme.organisation.name,
        "programme": programme.name,
        "cohort": cohort.name,
        "cohort_year": cohort.year,
        "dossier": dossier_numbers.get(enrolment.dossier_id or 0),
        "submitted_version": submitted,
    }


def rater_answers_of(email: str) -> Any:
    """Feedback requests addressed to this e-mail on other people's dossiers, answered."""
    return (
        FeedbackRequest.objects.filter(email__iexact=email, answer__isnull=False)
        .exclude(dossier__owner__email__iexact=email)
        .select_related("answer", "dossier__owner")
        .order_by("pk")
    )


def _rater_answer_export(request: FeedbackRequest) -> dict[str, Any]:
    dossier = request.dossier
    answer = request.answer
    return {
        "intern": dossier.owner.get_full_name() or dossier.owner.email,
        "organisation": dossier.organisation,
        "relationship": request.relationship,
        "name": request.name,
        "email": request.email,
        "answered_at": to_json(request.answered_at),
        "answer": {
            **dump(answer),
            "ratings": [
                {"label": r.get("label", ""), "value": r.get("value", "")} for r in answer.ratings
            ],
        },
    }


def account_export_data(user: User, *, now: dt.datetime, bilan_version: str) -> ExportData:
    files: list[StoredFile] = []
    dossiers = list(Dossier.objects.filter(owner=user).order_by("pk"))
    dossier_numbers = {d.pk: i for i, d in enumerate(dossiers, start=1)}
    account = {name: to_json(getattr(user, name)) for name in ACCOUNT_FIELDS}
    enrolments = (
        Enrolment.objects.filter(models.Q(user=user) | models.Q(email__iexact=user.email))
        .select_related("cohort__programme__organisation")
        .order_by("pk")
    )
    document = {
        "format": FORMAT,
        "version": VERSION,
        "bilan_version": bilan_version,
        "exported_at": to_json(now),
        "account": account,
        "dossiers": [dossier_export(d, dossier_numbers[d.pk], files) for d in dossiers],
        "enrolments": [_enrolment_export(e, dossier_numbers) for e in enrolments],
        "rater_answers": [_rater_answer_export(r) for r in rater_answers_of(user.email)],
    }
    return ExportData(document=document, files=files)


# Import -----------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The export cannot be imported; ``message`` says why in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _create(model: type[models.Model], data: dict[str, Any] | None, **links: Any) -> Any:
    """A row with its exported timestamps kept (a raw save skips auto_now and auto_now_add)."""
    obj = model(**load(model, data or {}), **links)
    obj.save_base(raw=True)
    return obj


def _skill_lookup() -> Callable[[dict[str, Any] | None], Skill | None]:
    frameworks: dict[str, int | None] = {}

    def find(key: dict[str, Any] | None) -> Skill | None:
        if not key:
            return None
        name = str(key.get("framework", ""))
        if name not in frameworks:
            frameworks[name] = (
                Framework.objects.filter(key=name).values_list("pk", flat=True).first()
            )
        framework_id = frameworks[name]
        if framework_id is None:
            return None
        return Skill.objects.filter(framework_id=framework_id, code=key.get("code", "")).first()

    return find


def _criterion_lookup() -> Callable[[str, int], int | None]:
    cache: dict[str, list[int]] = {}

    def find(grid_key: str, index: int) -> int | None:
        if grid_key not in cache:
            grid = Grid.objects.filter(key=grid_key).first()
            cache[grid_key] = [c.pk for c in grid.criteria.all()] if grid else []
        ids = cache[grid_key]
        return ids[index - 1] if 0 < index <= len(ids) else None

    return find


def dossier_import(
    owner: User, data: dict[str, Any], save_file: Callable[[str, models.Model], None]
) -> Dossier:
    """Create one dossier and everything in it; ``save_file(member, obj)`` stores a file."""
    skill_of = _skill_lookup()
    criterion_of = _criterion_lookup()
    dossier = _create(Dossier, data, owner=owner)
    ids: dict[str, dict[int, int]] = {}

    def remember(kind: str, number: Any, obj: models.Model) -> None:
        ids.setdefault(kind, {})[int(number)] = obj.pk

    def pks(kind: str, numbers: Iterable[Any]) -> list[int]:
        table = ids.get(kind, {})
        return [table[int(x)] for x in numbers if int(x) in table]

    for item in data.get("objectives", []):
        remember("objective", item["number"], _create(Objective, item, dossier=dossier))
    for item in data.get("journal", []):
        _create(JournalEntry, item, dossier=dossier)
    for key in data.get("frameworks", []):
        framework = Framework.objects.filter(key=key).first()
        if framework is not None:
            DossierFramework.objects.create(dossier=dossier, framework=framework)
    for item in data.get("skills", []):
        skill = skill_of(item.get("skill"))
        values = dict(item)
        if skill is None and item.get("skill") and not item.get("custom_label"):
            # The framework is not on this instance: the intern keeps the skill in words.
            key = item["skill"]
            values["custom_label"] = (key.get("label_fr") or key.get("label_en") or "")[:300]
        remember(
            "skill", item["number"], _create(DossierSkill, values, dossier=dossier, skill=skill)
        )
    for item in data.get("examples", []):
        example = _create(Example, item, dossier=dossier)
        example.skills.set(pks("skill", item.get("skills", [])))
        example.objectives.set(pks("objective", item.get("objectives", [])))
        remember("example", item["number"], example)
    for item in data.get("highlights", []):
        highlight = _create(Highlight, item, dossier=dossier)
        highlight.examples.set(pks("example", item.get("examples", [])))
        if item.get("number") is not None:
            remember("highlight", item["number"], highlight)
    if data.get("feelings") is not None:
        _create(Feelings, data["feelings"], dossier=dossier)
    for item in data.get("progress_axes", []):
        _create(ProgressAxis, item, dossier=dossier)
    for item in data.get("suggestions", []):
        skill = skill_of(item.get("skill"))
        if skill is not None:
            _create(Suggestion, item, dossier=dossier, skill=skill)
    for item in data.get("mailbox_imports", []):
        mailbox = MailboxImport(**load(MailboxImport, item), dossier=dossier, created_by=owner)
        if item.get("file"):
            save_file(item["file"]["path"], mailbox)
        mailbox.save_base(raw=True)
        remember("mailbox_import", item["number"], mailbox)
    traces: list[tuple[Trace, dict[str, Any]]] = []
    for item in data.get("traces", []):
        trace = Trace(
            **load(Trace, item),
            dossier=dossier,
            mailbox_import_id=ids.get("mailbox_import", {}).get(item.get("mailbox_import") or 0),
        )
        trace.search_text = _index_text(trace)
        if item.get("file"):
            save_file(item["file"]["path"], trace)
        trace.save_base(raw=True)
        trace.objectives.set(pks("objective", item.get("objectives", [])))
        trace.skills.set(pks("skill", item.get("skills", [])))
        trace.examples.set(pks("example", item.get("examples", [])))
        remember("trace", item["number"], trace)
        traces.append((trace, item))
    for trace, item in traces:
        if item.get("parent"):
            trace.parent_id = ids["trace"].get(int(item["parent"]))
            trace.save_base(raw=True, update_fields=["parent"])
    _index_store([t for t, _ in traces])
    for item in data.get("proofs", []):
        targets = {
            f"{name}_id": ids.get(name, {}).get(int(item[name]))
            for name in ("objective", "skill", "example", "highlight")
            if item.get(name) is not None
        }
        trace_id = ids.get("trace", {}).get(int(item.get("trace") or 0))
        if trace_id is not None and len(targets) == 1 and None not in targets.values():
            _create(Proof, item, dossier=dossier, trace_id=trace_id, **targets)
    if data.get("synthesis") is not None:
        synthesis = _create(Synthesis, data["synthesis"], dossier=dossier)
        for item in data["synthesis"].get("versions", []):
            remember(
                "version", item["number"], _create(SynthesisVersion, item, synthesis=synthesis)
            )
    if data.get("feedback_round") is not None:
        item = data["feedback_round"]
        grid = Grid.objects.filter(key=item.get("grid") or "").first()
        _create(Round, item, dossier=dossier, grid=grid)
    for item in data.get("feedback_requests", []):
        request = _create(FeedbackRequest, item, dossier=dossier)
        if item.get("answer") is not None:
            answer_data = dict(item["answer"])
            answer_data["ratings"] = [
                {**r, "key": key_in(str(r.get("key", "")), ids, criterion_of)}
                for r in answer_data.get("ratings", [])
            ]
            answer = _create(Answer, answer_data, request=request)
            answer.strengths.set(pks("skill", answer_data.get("strengths", [])))
            for discovery in answer_data.get("discoveries", []):
                _create(Discovery, discovery, answer=answer, skill=skill_of(discovery.get("skill")))
    if data.get("meeting") is not None:
        _create(Meeting, data["meeting"], dossier=dossier)
    for item in data.get("questions", []):
        values = {**item, "proposal_key": key_in(item.get("proposal_key", ""), ids, criterion_of)}
        _create(Question, values, dossier=dossier)
    if data.get("record") is not None:
        _create(Record, data["record"], dossier=dossier)
    for item in data.get("cv_lines", []):
        example_id = ids.get("example", {}).get(item.get("example") or 0)
        _create(CvLine, item, dossier=dossier, example_id=example_id)
    if data.get("profile") is not None:
        _create(Profile, data["profile"], dossier=dossier)
    if data.get("rehearsal_plan") is not None:
        _create(Plan, data["rehearsal_plan"], dossier=dossier)
    for item in data.get("rehearsal_notes", []):
        _create(Note, item, dossier=dossier)
    if data.get("attestation") is not None:
        _create(Attestation, data["attestation"], dossier=dossier)
    for item in data.get("access_log", []):
        _create(AccessLog, item, dossier=dossier, actor=None)
    return dossier


def _index_text(trace: Trace) -> str:
    return index_text(trace.title, trace.author, trace.note, trace.url, trace.text)


def _index_store(traces: list[Trace]) -> None:
    index_store(traces=traces)
