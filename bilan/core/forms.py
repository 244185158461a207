"""Form helpers shared by every app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def form_add_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, above the fields, message by message."""
    for message in error.messages:
        form.add_error(None, message)
