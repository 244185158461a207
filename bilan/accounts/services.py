from __future__ import annotations

from django.db import transaction

from .models import User


@transaction.atomic
def user_create(
    *, email: str, password: str, first_name: str = "", last_name: str = "", language: str = ""
) -> User:
    return User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        language=language,
    )
