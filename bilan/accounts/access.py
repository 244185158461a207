"""The signed-in user of a request, typed: views behind login_required use it."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from .models import User


def request_user(request: HttpRequest) -> User:
    """``request.user`` as a ``User``; anyone not signed in gets a 404, like other access checks."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404
    return user
