"""Helpers shared by every app's services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models


def model_update(
    *, instance: models.Model, fields: Iterable[str], data: Mapping[str, Any], clean: bool = True
) -> bool:
    """Copy the allowed ``fields`` found in ``data`` onto ``instance``, validate, save.

    Keys of ``data`` outside ``fields`` are ignored, so a form's cleaned data can be passed as is.
    An unsaved instance is inserted; a saved one writes only the fields given (with its
    ``auto_now`` fields). They are written even when they look unchanged: a ModelForm has already
    copied its values onto the instance it was built with. Runs ``full_clean`` first unless
    ``clean`` is false. Call it inside the service's atomic block. Returns whether any value
    differed from the instance's.
    """
    given = [name for name in fields if name in data]
    changed = any(getattr(instance, name) != data[name] for name in given)
    for name in given:
        setattr(instance, name, data[name])
    if clean:
        instance.full_clean()
    if instance._state.adding:
        instance.save()
    elif given:
        auto_now = [
            field.name
            for field in instance._meta.concrete_fields
            if getattr(field, "auto_now", False) and field.name not in given
        ]
        instance.save(update_fields=given + auto_now)
    return changed
