"""Form helpers shared by every app's pages: services validate, forms show their errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest


def apply_errors(
    form: forms.Form, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """Put a service's errors on the form: on the matching field (a service key may have a
    form alias), else above the form."""
    messages = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    for key, texts in messages.items():
        name = (aliases or {}).get(key, key)
        target = name if name in form.fields else None
        for text in texts:
            form.add_error(target, text)


def form_submit(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    place: Callable[[Any, ValidationError], None] = apply_errors,
) -> tuple[bool, Any]:
    """On POST with a valid form, call the service; its errors go back on the form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, call(form.cleaned_data)
    except ValidationError as error:
        place(form, error)
        return False, None
