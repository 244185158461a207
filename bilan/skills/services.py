"""Workflows over frameworks, the intern's skills, examples, réussites/difficultés, ressentis."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Length
from django.utils import formats
from django.utils.translation import gettext as _

from bilan.coach.detect import detect_language
from bilan.core.edits import edit_claim
from bilan.core.services import model_update
from bilan.dossiers.models import Dossier, Objective
from bilan.dossiers.services import dossier_texts_changed
from bilan.jobs.models import Job
from bilan.jobs.services import job_enqueue_once

from . import builtin, suggest, suggest_en
from .importers import SkillRow
from .models import (
    DossierFramework,
    DossierSkill,
    Example,
    Family,
    Feelings,
    Framework,
    Highlight,
    ProgressAxis,
    Skill,
    Suggestion,
)
from .nlp import get_nlp
from .textnorm import normalise
from .upsert import ImportCounts, upsert_framework

MAX_SKILLS_PER_DOSSIER = 200
MAX_EXAMPLES_PER_DOSSIER = 300
MAX_HIGHLIGHTS_PER_DOSSIER = 200
MAX_AXES_PER_DOSSIER = 50
SEARCH_LIMIT = 30
# The text read is capped (objectives first, then the most recent journal entries, then traces
# and feedback received) so a run ends in seconds even for a huge dossier.
SUGGEST_MAX_CHARS = 60_000
# Beyond this much text the run goes to the worker, so a page never waits on it.
SUGGEST_SYNC_MAX_CHARS = 15_000
JOB_SUGGEST = "skills.suggestions_run"

# Apps above this one add what the intern received or gathered (feedback answers, traces):
# each registers a function giving the dossier's passages (see their AppConfig.ready).
PassageSource = Callable[[Dossier], list[suggest.Passage]]
_passage_sources: list[PassageSource] = []


def suggestion_passages_register(source: PassageSource) -> None:
    if source not in _passage_sources:
        _passage_sources.append(source)


# --- Frameworks ------------------------------------------------------------------------------


@transaction.atomic
def framework_import(
    *, key: str, name: str, source: str, rows: list[SkillRow], description: str = ""
) -> ImportCounts:
    """All rows or none: the caller has parsed the whole file before calling."""
    if Framework.objects.filter(key=key).exclude(source=source).exists():
        raise ValidationError(
            _("La clé « %(key)s » est déjà prise par un autre référentiel.") % {"key": key}
        )
    return upsert_framework(
        Framework, Skill, key=key, name=name, source=source, rows=rows, description=description
    )


@transaction.atomic
def skills_builtin_ensure() -> dict[str, ImportCounts]:
    return builtin.ensure_builtins(Framework, Skill)


def frameworks_available() -> list[Framework]:
    return list(Framework.objects.annotate(skill_count=Count("skills")))


def frameworks_for_dossier(*, dossier: Dossier) -> list[Framework]:
    chosen = list(
        Framework.objects.filter(
            pk__in=DossierFramework.objects.filter(dossier=dossier).values("framework_id")
        )
    )
    return chosen or list(Framework.objects.filter(is_default=True))


@transaction.atomic
def dossier_frameworks_set(*, dossier: Dossier, frameworks: Iterable[Framework]) -> None:
    frameworks = list(frameworks)
    if not frameworks:
        raise ValidationError(_("Choisissez au moins un référentiel."))
    DossierFramework.objects.filter(dossier=dossier).delete()
    DossierFramework.objects.bulk_create(
        DossierFramework(dossier=dossier, framework=framework) for framework in frameworks
    )
    # Proposals from frameworks the intern no longer uses would be noise.
    Suggestion.objects.filter(dossier=dossier, status=Suggestion.Status.PENDING).exclude(
        skill__framework__in=frameworks
    ).delete()


def skill_search(
    *, query: str, frameworks: Sequence[Framework], limit: int = SEARCH_LIMIT
) -> list[Skill]:
    """Every word of the query, without accents or case, in a label or alternative label."""
    words = normalise(query).split()[:8]
    if not words or not frameworks:
        return []
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return list(
        Skill.objects.filter(condition, framework__in=frameworks)
        .select_related("framework")
        .order_by(Length("search_text"), "id")[:limit]
    )


# --- The intern's skills ---------------------------------------------------------------------


def _room(queryset: Any, limit: int, message: str) -> None:
    if queryset.count() >= limit:
        raise ValidationError(message % {"limit": limit})


@transaction.atomic
def dossier_skill_add(
    *,
    dossier: Dossier,
    skill: Skill | None = None,
    label: str = "",
    family: str = "",
    level_before: int | None = None,
    level_now: int | None = None,
    note: str = "",
) -> DossierSkill:
    _room(
        dossier.skills.all(),
        MAX_SKILLS_PER_DOSSIER,
        _("Un dossier peut contenir au plus %(limit)d compétences."),
    )
    if skill is not None:
        if dossier.skills.filter(skill=skill).exists():
            raise ValidationError(
                _("« %(label)s » est déjà dans vos compétences.") % {"label": skill.label}
            )
        family = family or skill.family
        label = ""
    elif not label.strip():
        raise ValidationError(_("Nommez la compétence."))
    elif normalise(label) in {
        normalise(value) for value in dossier.skills.values_list("custom_label", flat=True)
    }:
        raise ValidationError(
            _("« %(label)s » est déjà dans vos compétences.") % {"label": label.strip()}
        )
    item = DossierSkill(
        dossier=dossier,
        skill=skill,
        custom_label=label.strip(),
        family=family,
        level_before=level_before,
        level_now=level_now,
        note=note,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def dossier_skill_update(
    *, dossier_skill: DossierSkill, version: str | None = None, **data: Any
) -> DossierSkill:
    edit_claim(instance=dossier_skill, version=version, fields=("note",))
    allowed = {"level_before", "level_now", "note", "family"}
    if dossier_skill.skill_id is None:
        allowed.add("custom_label")
    model_update(instance=dossier_skill, fields=allowed, data=data)
    return dossier_skill


@transaction.atomic
def dossier_skill_delete(*, dossier_skill: DossierSkill) -> None:
    dossier_skill.delete()


@dataclass
class FamilyGroup:
    family: str
    label: str
    skills: list[DossierSkill] = field(default_factory=list)

    @property
    def without_example(self) -> int:
        # example_count comes from skills_overview's annotate().
        return len([item for item in self.skills if not item.example_count])  # type: ignore[attr-defined]


@dataclass
class SkillsOverview:
    groups: list[FamilyGroup]

    @property
    def skills(self) -> list[DossierSkill]:
        return [item for group in self.groups for item in group.skills]

    @property
    def total(self) -> int:
        return len(self.skills)

    @property
    def with_example(self) -> int:
        return len([item for item in self.skills if item.example_count])  # type: ignore[attr-defined]

    @property
    def without_example(self) -> int:
        return self.total - self.with_example

    @property
    def assessed(self) -> int:
        return sum(1 for item in self.skills if item.progress is not None)

    def count(self, *families: str) -> int:
        return sum(len(group.skills) for group in self.groups if group.family in families)


def skills_overview(*, dossier: Dossier) -> SkillsOverview:
    """The dossier's skills by family, each with its number of examples; one query."""
    items = (
        DossierSkill.objects.filter(dossier=dossier)
        .select_related("skill__framework")
        .annotate(example_count=Count("examples"))
        .order_by("id")
    )
    groups = {value: FamilyGroup(value, str(label)) for value, label in Family.choices}
    for item in items:
        groups[item.family].skills.append(item)
    return SkillsOverview(groups=list(groups.values()))


# --- Examples --------------------------------------------------------------------------------

EXAMPLE_FIELDS = ("title", "situation", "task", "action", "result", "learned")


def _own(dossier: Dossier, items: Iterable[Any], label: str) -> list[Any]:
    items = list(items)
    if any(item.dossier_id != dossier.pk for item in items):
        raise ValidationError(_("%(what)s d'un autre dossier.") % {"what": label})
    return items


@transaction.atomic
def example_create(
    *,
    dossier: Dossier,
    title: str,
    situation: str = "",
    task: str = "",
    action: str = "",
    result: str = "",
    learned: str = "",
    skills: Iterable[DossierSkill] = (),
    objectives: Iterable[Objective] = (),
) -> Example:
    _room(
        dossier.examples.all(),
        MAX_EXAMPLES_PER_DOSSIER,
        _("Un dossier peut contenir au plus %(limit)d exemples."),
    )
    skills = _own(dossier, skills, _("Compétence"))
    objectives = _own(dossier, objectives, _("Objectif"))
    example = Example(
        dossier=dossier,
        title=title,
        situation=situation,
        task=task,
        action=action,
        result=result,
        learned=learned,
    )
    example.full_clean()
    example.save()
    example.skills.set(skills)
    example.objectives.set(objectives)
    dossier_texts_changed(dossier_id=dossier.pk)
    return example


@transaction.atomic
def example_update(
    *,
    example: Example,
    skills: Iterable[DossierSkill] | None = None,
    objectives: Iterable[Objective] | None = None,
    version: str | None = None,
    **data: Any,
) -> Example:
    """``version``: what the form was loaded from (see bilan.core.edits); None skips the check."""
    edit_claim(instance=example, version=version, fields=EXAMPLE_FIELDS)
    model_update(instance=example, fields=EXAMPLE_FIELDS, data=data)
    if skills is not None:
        example.skills.set(_own(example.dossier, skills, _("Compétence")))
    if objectives is not None:
        example.objectives.set(_own(example.dossier, objectives, _("Objectif")))
    dossier_texts_changed(dossier_id=example.dossier_id)
    return example


@transaction.atomic
def example_delete(*, example: Example) -> None:
    dossier_id = example.dossier_id
    example.delete()
    dossier_texts_changed(dossier_id=dossier_id)


def examples_for_dossier(*, dossier: Dossier) -> list[Example]:
    return list(
        Example.objects.filter(dossier=dossier).prefetch_related(
            Prefetch("skills", queryset=DossierSkill.objects.select_related("skill")),
            "objectives",
            # Traces point at examples from the evidence app; shown as the example's proof.
            "traces",
        )
    )


# --- Réussites and difficultés ---------------------------------------------------------------

HIGHLIGHT_FIELDS = ("title", "description", "solution", "resources", "lesson")


@transaction.atomic
def highlight_create(
    *, dossier: Dossier, kind: str, title: str, examples: Iterable[Example] = (), **data: Any
) -> Highlight:
    _room(
        dossier.highlights.all(),
        MAX_HIGHLIGHTS_PER_DOSSIER,
        _("Un dossier peut contenir au plus %(limit)d réussites et difficultés."),
    )
    examples = _own(dossier, examples, _("Exemple"))
    highlight = Highlight(
        dossier=dossier,
        kind=kind,
        title=title,
        **{k: v for k, v in data.items() if k in HIGHLIGHT_FIELDS},
    )
    highlight.full_clean()
    highlight.save()
    highlight.examples.set(examples)
    dossier_texts_changed(dossier_id=dossier.pk)
    return highlight


@transaction.atomic
def highlight_update(
    *,
    highlight: Highlight,
    examples: Iterable[Example] | None = None,
    version: str | None = None,
    **data: Any,
) -> Highlight:
    edit_claim(instance=highlight, version=version, fields=HIGHLIGHT_FIELDS)
    model_update(instance=highlight, fields=HIGHLIGHT_FIELDS, data=data)
    if examples is not None:
        highlight.examples.set(_own(highlight.dossier, examples, _("Exemple")))
    dossier_texts_changed(dossier_id=highlight.dossier_id)
    return highlight


@transaction.atomic
def highlight_delete(*, highlight: Highlight) -> None:
    dossier_id = highlight.dossier_id
    highlight.delete()
    dossier_texts_changed(dossier_id=dossier_id)


def highlights_for_dossier(*, dossier: Dossier) -> dict[str, list[Highlight]]:
    items = Highlight.objects.filter(dossier=dossier).prefetch_related("examples")
    grouped: dict[str, list[Highlight]] = {kind: [] for kind in Highlight.Kind.values}
    for item in items:
        grouped[item.kind].append(item)
    return grouped


# --- Ressentis and axes de progrès -----------------------------------------------------------

FEELINGS_FIELDS = ("culture", "atmosphere", "team", "motivation", "applications")


def feelings_get(*, dossier: Dossier) -> Feelings:
    """The dossier's ressentis, unsaved and empty until the intern writes them."""
    return Feelings.objects.filter(dossier=dossier).first() or Feelings(dossier=dossier)


@transaction.atomic
def feelings_update(*, dossier: Dossier, version: str | None = None, **data: Any) -> Feelings:
    feelings = feelings_get(dossier=dossier)
    edit_claim(instance=feelings, version=version, fields=FEELINGS_FIELDS)
    model_update(instance=feelings, fields=FEELINGS_FIELDS, data=data)
    dossier_texts_changed(dossier_id=dossier.pk)
    return feelings


@transaction.atomic
def progress_axis_add(*, dossier: Dossier, text: str) -> ProgressAxis:
    _room(
        dossier.progress_axes.all(),
        MAX_AXES_PER_DOSSIER,
        _("Un dossier peut contenir au plus %(limit)d axes de progrès."),
    )
    existing = {normalise(value) for value in dossier.progress_axes.values_list("text", flat=True)}
    if normalise(text) in existing:
        raise ValidationError(_("Cet axe de progrès figure déjà dans la liste."))
    axis = ProgressAxis(dossier=dossier, text=text.strip())
    axis.full_clean()
    axis.save()
    return axis


@transaction.atomic
def progress_axis_delete(*, axis: ProgressAxis) -> None:
    axis.delete()


# --- Suggestions -----------------------------------------------------------------------------


def _passages(dossier: Dossier) -> tuple[list[suggest.Passage], bool]:
    passages: list[suggest.Passage] = []
    for objective in dossier.objectives.all():
        text = "\n".join(
            part for part in (objective.title, objective.actual, objective.contribution) if part
        )
        source = _("Objectif : %(title)s") % {"title": objective.title[:80]}
        passages.append(suggest.Passage(source, text))
    for entry in dossier.journal_entries.order_by("-date", "-id"):
        date = formats.date_format(entry.date, "DATE_FORMAT")
        passages.append(suggest.Passage(_("Journal, %(date)s") % {"date": date}, entry.text))
    for provide in _passage_sources:
        passages += provide(dossier)
    kept: list[suggest.Passage] = []
    size = 0
    for passage in passages:
        if size + len(passage.text) > SUGGEST_MAX_CHARS:
            return kept, True
        kept.append(passage)
        size += len(passage.text)
    return kept, False


def _ensure_lemma_keys(skills: list[Skill]) -> None:
    missing = [skill for skill in skills if skill.lemma_keys is None]
    if missing:
        nlp = get_nlp()
        for skill in missing:
            phrases = suggest.skill_phrases(skill.label_fr, skill.alt_labels_fr, skill.cues)
            skill.lemma_keys = "\n".join(suggest.lemma_keys_for(nlp, phrases))
        Skill.objects.bulk_update(missing, ["lemma_keys"], batch_size=1000)
    missing_en = [skill for skill in skills if skill.stem_keys_en is None]
    for skill in missing_en:
        skill.stem_keys_en = "\n".join(
            suggest_en.stem_keys_for(skill.label_en, skill.alt_labels_en)
        )
    Skill.objects.bulk_update(missing_en, ["stem_keys_en"], batch_size=1000)


def _by_language(passages: list[suggest.Passage]) -> dict[str, list[suggest.Passage]]:
    """French and English passages apart: each is matched against its own labels."""
    split: dict[str, list[suggest.Passage]] = {"fr": [], "en": []}
    for passage in passages:
        split[detect_language(passage.text)].append(passage)
    return split


@dataclass
class SuggestionRun:
    created: int
    truncated: bool
    queued: bool = False


def suggestions_request(*, dossier: Dossier) -> SuggestionRun:
    """Run now for a short text; queue the run for the worker when the text is long."""
    passages, truncated = _passages(dossier)
    if sum(len(passage.text) for passage in passages) > SUGGEST_SYNC_MAX_CHARS:
        job_enqueue_once(kind=JOB_SUGGEST, payload={"dossier_id": dossier.pk})
        return SuggestionRun(created=0, truncated=False, queued=True)
    return _suggestions_from(dossier, passages, truncated)


def suggestions_running(*, dossier: Dossier) -> bool:
    return Job.objects.filter(
        kind=JOB_SUGGEST,
        payload={"dossier_id": dossier.pk},
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
    ).exists()


def suggestions_run(*, dossier: Dossier) -> SuggestionRun:
    """Propose skills from the active frameworks; dismissed or accepted ones are not re-proposed."""
    passages, truncated = _passages(dossier)
    return _suggestions_from(dossier, passages, truncated)


@transaction.atomic
def _suggestions_from(
    dossier: Dossier, passages: list[suggest.Passage], truncated: bool
) -> SuggestionRun:
    frameworks = frameworks_for_dossier(dossier=dossier)
    skills = list(
        Skill.objects.filter(framework__in=frameworks).only(
            "id",
            "label_fr",
            "alt_labels_fr",
            "cues",
            "lemma_keys",
            "label_en",
            "alt_labels_en",
            "stem_keys_en",
        )
    )
    _ensure_lemma_keys(skills)
    if not passages:
        return SuggestionRun(created=0, truncated=False)
    split = _by_language(passages)
    matches = []
    if split["fr"]:
        index = suggest.Index({skill.pk: skill.lemma_keys or "" for skill in skills})
        matches += suggest.find(get_nlp(), split["fr"], index)
    if split["en"]:
        index_en = suggest.Index({skill.pk: skill.stem_keys_en or "" for skill in skills})
        found = {match.skill_id for match in matches}
        matches += [m for m in suggest_en.find_en(split["en"], index_en) if m.skill_id not in found]
    kept = set(dossier.skills.exclude(skill=None).values_list("skill_id", flat=True))
    known = {s.skill_id: s for s in Suggestion.objects.filter(dossier=dossier)}
    created, refreshed = [], []
    for match in matches:
        if match.skill_id in kept:
            continue
        existing = known.get(match.skill_id)
        if existing is None:
            created.append(
                Suggestion(
                    dossier=dossier,
                    skill_id=match.skill_id,
                    sentence=match.sentence,
                    source=match.source[:200],
                )
            )
        elif existing.status == Suggestion.Status.PENDING:
            existing.sentence, existing.source = match.sentence, match.source[:200]
            refreshed.append(existing)
    Suggestion.objects.bulk_create(created)
    Suggestion.objects.bulk_update(refreshed, ["sentence", "source"])
    return SuggestionRun(created=len(created), truncated=truncated)


def suggestions_pending(*, dossier: Dossier) -> list[Suggestion]:
    return list(
        Suggestion.objects.filter(dossier=dossier, status=Suggestion.Status.PENDING)
        .select_related("skill__framework")
        .order_by("skill__family", "id")
    )


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, with_example: bool = False) -> DossierSkill:
    dossier = suggestion.dossier
    item = dossier.skills.filter(skill=suggestion.skill).first()
    if item is None:
        item = dossier_skill_add(dossier=dossier, skill=suggestion.skill)
    if with_example:
        example_create(
            dossier=dossier,
            title=suggestion.skill.label[:200],
            situation=suggestion.sentence,
            skills=[item],
        )
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def suggestion_dismiss(*, suggestion: Suggestion) -> None:
    suggestion.status = Suggestion.Status.DISMISSED
    suggestion.save(update_fields=["status", "updated_at"])


# --- Progress, for the dossier's checklist ---------------------------------------------------


@dataclass(frozen=True)
class SkillsProgress:
    total: int
    without_example: int
    technical: int
    human: int
    transversal: int
    axes: int

    @property
    def skills_done(self) -> bool:
        return self.technical > 0 and self.human > 0 and self.without_example == 0

    @property
    def transversal_done(self) -> bool:
        return self.transversal >= 2 and self.axes >= 2


def skills_progress(*, dossier: Dossier) -> SkillsProgress:
    counts = DossierSkill.objects.filter(dossier=dossier).aggregate(
        total=Count("id", distinct=True),
        technical=Count("id", filter=Q(family=Family.TECHNICAL), distinct=True),
        human=Count("id", filter=~Q(family=Family.TECHNICAL), distinct=True),
        transversal=Count("id", filter=Q(family=Family.TRANSVERSAL), distinct=True),
        with_example=Count("id", filter=Q(examples__isnull=False), distinct=True),
    )
    return SkillsProgress(
        total=counts["total"],
        without_example=counts["total"] - counts["with_example"],
        technical=counts["technical"],
        human=counts["human"],
        transversal=counts["transversal"],
        axes=ProgressAxis.objects.filter(dossier=dossier).count(),
    )
