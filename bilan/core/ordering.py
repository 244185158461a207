"""Moving an item up or down a list kept in order by a `position` field."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction


@transaction.atomic
def position_move(*, item: models.Model, siblings: models.QuerySet[Any], offset: int) -> None:
    """Swap `item` with its neighbour (offset -1 up, +1 down) and renumber from 0.

    `siblings` is the item's list in display order, item included; it is locked for the
    swap so two concurrent moves cannot leave duplicate positions.
    """
    items = list(siblings.select_for_update())
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        other.position = position
    siblings.model.objects.bulk_update(items, ["position"])
