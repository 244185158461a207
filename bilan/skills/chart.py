"""Geometry of the before/after chart; the template draws it as SVG (print-friendly, no JS)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import scale
from .services import SkillsOverview

WIDTH = 600
BAR_HEIGHT = 14
ROW_HEIGHT = 62
GROUP_HEIGHT = 40
TOP = 56
LABEL_CHARS = 60


@dataclass
class Bar:
    y: int
    width: int
    level: int | None


@dataclass
class Row:
    label: str
    full_label: str
    y: int
    before: Bar
    now: Bar
    before_label: str
    now_label: str


@dataclass
class Group:
    label: str
    y: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class Chart:
    groups: list[Group]
    height: int
    width: int = WIDTH
    ticks: list[tuple[int, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(group.rows for group in self.groups)


def _bar(y: int, level: int | None) -> Bar:
    width = round(WIDTH * (level or 0) / scale.MAX_LEVEL)
    return Bar(y=y, width=width, level=level)


def build(overview: SkillsOverview) -> Chart:
    y = TOP
    groups = []
    for family in overview.groups:
        if not family.skills:
            continue
        group = Group(label=family.label, y=y + 24)
        y += GROUP_HEIGHT
        for item in family.skills:
            label = item.label
            short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
            group.rows.append(
                Row(
                    label=short,
                    full_label=label,
                    y=y + 18,
                    before=_bar(y + 26, item.level_before),
                    now=_bar(y + 26 + BAR_HEIGHT + 2, item.level_now),
                    before_label=item.level_before_label,
                    now_label=item.level_now_label,
                )
            )
            y += ROW_HEIGHT
        groups.append(group)
    ticks = [
        (level.value, round(WIDTH * level.value / scale.MAX_LEVEL) - 1) for level in scale.LEVELS
    ]
    return Chart(groups=groups, height=y + 8, ticks=ticks)
