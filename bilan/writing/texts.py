"""Every text the intern writes in a dossier, grouped by where it will end up.

Texts live in apps below this one (dossiers, skills), read here directly, and in the synthesis
app, which sits above this one (its views call the coach): it passes its texts down by
registering a provider with :func:`text_provider` from its ``AppConfig.ready()``. Each
provider reads its texts with one query, whatever their number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bilan.dossiers.models import Dossier, JournalEntry, Objective
from bilan.skills.models import Example, Feelings, Highlight

# Where each text will end up, in the order the panel shows them: what the intern hands in
# (the synthesis) first, the raw material (the journal) last.
GROUPS: tuple[tuple[str, Promise], ...] = (
    ("synthesis", _("Synthèse")),
    ("examples", _("Exemples (STAR)")),
    ("highlights", _("Réussites et difficultés")),
    ("feelings", _("Ressentis")),
    ("objectives", _("Objectifs (prévu et réalisé)")),
    ("weeks", _("Première et dernière semaine")),
    ("journal", _("Journal")),
)


@dataclass(frozen=True)
class TextSource:
    """One text field: where it lives (the key of its stored result) and where to edit it."""

    group: str
    source: str
    object_id: int
    field: str
    label: str
    # Where to edit it: a URL name and its arguments, reversed only for what the page shows.
    url_name: str
    url_args: tuple[int, ...]
    text: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.source, self.object_id, self.field)

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args)


Provider = Callable[[Dossier], list[TextSource]]
_providers: dict[str, Provider] = {}


def text_provider(group: str) -> Callable[[Provider], Provider]:
    """Register the function listing a dossier's texts of ``group`` (one of :data:`GROUPS`)."""
    if group not in dict(GROUPS):
        raise ValueError(f"unknown group {group!r}")

    def register(func: Provider) -> Provider:
        _providers[group] = func
        return func

    return register


def dossier_sources(*, dossier: Dossier) -> list[TextSource]:
    """The dossier's non-empty texts, group by group in :data:`GROUPS` order."""
    out: list[TextSource] = []
    for group, _label in GROUPS:
        provider = _providers.get(group)
        if provider is not None:
            out.extend(source for source in provider(dossier) if source.text.strip())
    return out


def _label(obj: models.Model, name: str, title: str) -> str:
    field_name = str(getattr(obj._meta.get_field(name), "verbose_name", name))
    return f"{title} — {field_name}" if title else field_name


def _fields(
    group: str,
    source: str,
    obj: models.Model,
    names: tuple[str, ...],
    title: str,
    url_name: str,
    url_args: tuple[int, ...],
) -> list[TextSource]:
    return [
        TextSource(
            group=group,
            source=source,
            object_id=int(obj.pk),
            field=name,
            label=_label(obj, name, title),
            url_name=url_name,
            url_args=url_args,
            text=getattr(obj, name),
        )
        for name in names
    ]


@text_provider("examples")
def _examples(dossier: Dossier) -> list[TextSource]:
    out: list[TextSource] = []
    for example in Example.objects.filter(dossier=dossier).order_by("id"):
        names = ("situation", "task", "action", "result", "learned")
        url = ("skills:example_edit", (dossier.pk, example.pk))
        out += _fields("examples", "example", example, names, example.title[:80], *url)
    return out


@text_provider("highlights")
def _highlights(dossier: Dossier) -> list[TextSource]:
    out: list[TextSource] = []
    for item in Highlight.objects.filter(dossier=dossier).order_by("kind", "id"):
        names = ("description", "solution", "resources", "lesson")
        url = ("skills:highlight_edit", (dossier.pk, item.pk))
        out += _fields("highlights", "highlight", item, names, item.title[:80], *url)
    return out


@text_provider("feelings")
def _feelings(dossier: Dossier) -> list[TextSource]:
    feelings = Feelings.objects.filter(dossier=dossier).first()
    if feelings is None:
        return []
    names = ("culture", "atmosphere", "team", "motivation", "applications")
    title = str(_("Ressentis"))
    return _fields("feelings", "feelings", feelings, names, title, "skills:feelings", (dossier.pk,))


@text_provider("objectives")
def _objectives(dossier: Dossier) -> list[TextSource]:
    out: list[TextSource] = []
    for objective in Objective.objects.filter(dossier=dossier).order_by("position", "id"):
        names = ("actual", "contribution", "reason")
        url = ("dossiers:objective_edit", (dossier.pk, objective.pk))
        out += _fields("objectives", "objective", objective, names, objective.title[:80], *url)
    return out


@text_provider("weeks")
def _weeks(dossier: Dossier) -> list[TextSource]:
    names = ("first_week_note", "mastered_now")
    return _fields("weeks", "dossier", dossier, names, "", "dossiers:weeks", (dossier.pk,))


@text_provider("journal")
def _journal(dossier: Dossier) -> list[TextSource]:
    # Plain tuples, not model instances: a long internship's journal holds hundreds of entries.
    entries = (
        JournalEntry.objects.filter(dossier=dossier)
        .order_by("-date", "-id")
        .values_list("id", "date", "text")
    )
    journal = str(_("Journal"))
    return [
        TextSource(
            group="journal",
            source="journal",
            object_id=pk,
            field="text",
            label=f"{journal} — {date.isoformat()}",
            url_name="dossiers:journal_edit",
            url_args=(dossier.pk, pk),
            text=text,
        )
        for pk, date, text in entries
    ]
