from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_MINUTES
from .outline import OutlineItem, clock
from .services import NOTE_MAX_CHARS

_CLOCK = re.compile(r"^\s*(\d{1,2})\s*(?:[:h']\s*(\d{1,2})\s*)?$")


def parse_clock(value: str) -> int | None:
    """Seconds from "1:30", "1'30", "1h30"-like minute marks or a bare number of minutes."""
    match = _CLOCK.match(value or "")
    if not match:
        return None
    minutes, seconds = int(match[1]), int(match[2] or 0)
    if seconds >= 60:
        return None
    return minutes * 60 + seconds


class LengthForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Autre durée (minutes)"), min_value=1, max_value=MAX_MINUTES
    )


class TimesForm(forms.Form):
    """One "m:ss" field per section of the outline."""

    def __init__(self, *args: Any, outline: list[OutlineItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = [item.key for item in outline]
        for item in outline:
            self.fields[item.key] = forms.CharField(
                label=item.heading,
                initial=clock(item.seconds),
                max_length=6,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
                help_text=_("minutes:secondes"),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key in self.keys:
            seconds = parse_clock(cleaned.get(key, ""))
            if seconds is None:
                self.add_error(key, _("Écrivez une durée comme 1:30 (minutes:secondes)."))
            else:
                cleaned[key] = seconds
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ce que je veux améliorer"),
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Par exemple : parler moins vite, raccourcir le déroulement, citer un chiffre."
        ),
    )
    planned_seconds = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    elapsed_seconds = forms.IntegerField(
        min_value=0, max_value=6 * 3600, required=False, widget=forms.HiddenInput
    )
