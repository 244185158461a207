"""No lost work: an edit is saved only on top of the version it was loaded from.

Every form that edits an existing long text carries, in a hidden field, the version it was
loaded from (``edit_version``): the row's ``updated_at`` by default, or whatever the owner
chooses (the synthesis uses its version number). The service compares and saves in one step
(``edit_claim``, a conditional UPDATE inside its atomic block), so of two concurrent saves
based on the same version exactly one wins. The other raises ``EditConflict`` and the view
answers with ``edit_conflict_page``: both texts side by side, the intern's own text editable,
a button to take the saved one, and a save based on the version now current.

Nothing is ever silently overwritten; a caller that passes no version (the command line, the
demo) opts out of the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

VERSION_FIELD = "edit_version"
TAKE_FIELD = "edit_take"
THEIRS_PREFIX = "edit_theirs_"


class EditConflict(Exception):
    """Saved elsewhere since the form was loaded; ``saved`` holds the texts now stored.

    ``base``, when the owner still has them (the synthesis keeps every version), are the texts
    the form was loaded with: a field the intern did not touch then simply takes the saved text.
    """

    def __init__(
        self, *, saved: Mapping[str, str], version: str, base: Mapping[str, str] | None = None
    ) -> None:
        super().__init__("edit conflict")
        self.saved = dict(saved)
        self.version = version
        self.base = dict(base) if base is not None else None


def edit_version(instance: models.Model | None) -> str:
    """The version token of a row: its ``updated_at``, empty while it is not saved."""
    if instance is None or instance.pk is None:
        return ""
    stamp = getattr(instance, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def _parse(version: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(version)
    except ValueError:
        return None
    return stamp if timezone.is_aware(stamp) else None


def edit_claim(
    *, instance: models.Model, version: str | None, fields: Iterable[str] | Mapping[str, str]
) -> None:
    """Compare-and-set on ``updated_at``; call it first inside the service's atomic block.

    The conditional UPDATE matches only while the row still carries the version the form was
    loaded from, and it holds the row's write lock until the transaction ends: a concurrent
    save based on the same version then matches nothing and gets the conflict. ``fields`` are
    the texts shown on the conflict page: the form's names, or {form name: model field}.
    ``version`` None skips the check; an unsaved ``instance`` has nothing to conflict with
    unless the form was loaded from a saved row.
    """
    if version is None:
        return
    names = dict(fields) if isinstance(fields, Mapping) else {name: name for name in fields}
    manager = type(instance)._default_manager
    if instance.pk is None:
        if version:
            raise EditConflict(saved={name: "" for name in names}, version="")
        return
    stamp = _parse(version)
    claimed = 0
    if stamp is not None:
        claimed = manager.filter(pk=instance.pk, updated_at=stamp).update(updated_at=timezone.now())
    if not claimed:
        current = manager.get(pk=instance.pk)
        raise EditConflict(
            saved={name: getattr(current, field) for name, field in names.items()},
            version=edit_version(current),
        )


class EditVersionMixin:
    """A form that carries the version it was loaded from; put it first in the bases.

    ModelForms take the version from their instance; other forms get ``version=``. The
    view passes ``form.edit_base()`` to the service inside its ``try``: on the conflict page,
    the "take the saved text" button comes back as a request that raises ``EditConflict``
    there, so the page is shown again with the saved text in the editable field.
    """

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, version: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version is None:
            version = edit_version(getattr(self, "instance", None))
        # Its own element id: several such forms can share a page (the "about" text and the
        # letter), and ids must stay unique.
        instance_pk = getattr(getattr(self, "instance", None), "pk", None)
        element_id = f"{type(self).__name__.lower()}-{instance_pk or 'new'}-{VERSION_FIELD}"
        self.fields[VERSION_FIELD] = forms.CharField(
            required=False,
            max_length=64,
            initial=version,
            widget=forms.HiddenInput(attrs={"id": element_id}),
        )
        self.edit_taking = ""
        self._edit_base: str | None = None

    def full_clean(self) -> None:
        # Here rather than in __init__: a subclass may add its fields after calling super().
        if self.is_bound and self.data.get(TAKE_FIELD) in self.fields:
            self.edit_taking = self.data[TAKE_FIELD]
            data = self.data.copy()
            data[self.edit_taking] = data.get(THEIRS_PREFIX + self.edit_taking, "")
            self.data = data
        super().full_clean()  # type: ignore[misc]
        if hasattr(self, "cleaned_data"):
            version = self.cleaned_data.pop(VERSION_FIELD, "") or ""
            # Every rendered form sends the field; a request without it (a script, a test that
            # builds its own POST) asked for no check.
            self._edit_base = version if VERSION_FIELD in self.data else None

    def edit_base(self) -> str | None:
        """The version the text was loaded from; raises EditConflict when taking theirs."""
        if self.edit_taking:
            saved = {
                key[len(THEIRS_PREFIX) :]: value
                for key, value in self.data.items()
                if key.startswith(THEIRS_PREFIX)
            }
            raise EditConflict(saved=saved, version=self._edit_base or "")
        return self._edit_base


def _same(one: str | None, other: str | None) -> bool:
    """Equal texts, whatever the line endings the browser sent and the spaces around."""
    return (one or "").replace("\r\n", "\n").strip() == (other or "").replace("\r\n", "\n").strip()


def edit_conflict_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    conflict: EditConflict,
    cancel_url: str,
    action: str = "",
) -> HttpResponse:
    """Both texts side by side; the intern's stays editable and the save builds on the new one.

    Fields that are not compared travel as hidden inputs with what the intern chose. An htmx
    request gets the whole page in place of the main content: the merge is a plain form.
    """
    data = cast(QueryDict, form.data).copy()  # bound from request.POST
    data[VERSION_FIELD] = conflict.version
    data.pop(TAKE_FIELD, None)
    merged = set()
    for name, text in conflict.saved.items():
        data[THEIRS_PREFIX + name] = text
        untouched = conflict.base is not None and _same(data.get(name), conflict.base.get(name))
        if untouched and name in form.fields and not _same(data.get(name), text):
            data[name] = text or ""
            merged.add(name)
    form.data = data
    items: list[dict[str, Any]] = []
    hidden = []
    for name in form.fields:
        bound = form[name]
        if name == VERSION_FIELD:
            continue
        if name in conflict.saved:
            theirs = conflict.saved[name] or ""
            yours = str(bound.value() or "")
            items.append(
                {
                    "field": bound,
                    "theirs": theirs,
                    "theirs_name": THEIRS_PREFIX + name,
                    # Only the intern changed it (the other save kept the loaded text): theirs
                    # adds nothing, so there is nothing to compare.
                    "differs": not _same(yours, theirs)
                    and not (conflict.base is not None and _same(theirs, conflict.base.get(name))),
                    "same": _same(yours, theirs),
                    "taken": name == getattr(form, "edit_taking", ""),
                    "merged": name in merged,
                }
            )
        else:
            hidden.append(bound.as_hidden() if not bound.is_hidden else str(bound))
    # The texts to compare come first; a text equal on both sides and not just taken or merged
    # goes along unseen (the synthesis has a dozen sections, usually one in conflict).
    quiet = [item for item in items if item["same"] and not (item["taken"] or item["merged"])]
    if len(quiet) < len(items):
        items = [item for item in items if item not in quiet]
        hidden += [item["field"].as_hidden() for item in quiet]
        items.sort(key=lambda item: not item["differs"])
    context = {
        "form": form,
        "items": items,
        "hidden": hidden,
        "version": conflict.version,
        "action": action or request.get_full_path(),
        "cancel_url": cancel_url,
        # Inputs outside the form (where to go back to, say) come along unchanged.
        "extra": [
            (key, value)
            for key, value in request.POST.items()
            if key not in form.fields
            and not key.startswith("edit_")
            and key != "csrfmiddlewaretoken"
        ],
    }
    htmx = request.headers.get("HX-Request") == "true"
    # htmx swaps only 2xx answers; a plain request gets 409 Conflict.
    response = render(request, "core/conflict.html", context, status=200 if htmx else 409)
    if htmx:
        response["HX-Retarget"] = "#content"
        response["HX-Reswap"] = "outerHTML"
        response["HX-Reselect"] = "#content"
    response["X-Bilan-Conflict"] = "1"
    return response
