"""The "Mon école" entry of the header, for people on the school side and nobody else.

Whether the user is staff of something is kept in the session: computed when they log in (and
on first use for older sessions), updated by their own school pages. It costs one query per
login rather than one per page; someone added to an organisation while logged in sees the entry
at their next login, or as soon as they open a school page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from bilan.accounts.models import User

from .models import Cohort, Membership

SESSION_KEY = "schools_staff"


def is_staff_of_something(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.filter(user_id=user.pk).exists()
        or Cohort.referents.through.objects.filter(user_id=user.pk).exists()
    )


def staff_flag_store(request: HttpRequest, value: bool | None = None) -> bool:
    flag = is_staff_of_something(request.user) if value is None else value
    if hasattr(request, "session") and request.session.get(SESSION_KEY) != flag:
        request.session[SESSION_KEY] = flag
    return flag


def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = is_staff_of_something(user)


def school_navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `school_staff` is true for admins and referents."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {"school_staff": False}
    flag = request.session.get(SESSION_KEY)
    if flag is None:
        flag = staff_flag_store(request)
    return {"school_staff": bool(flag)}
