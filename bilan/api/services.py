"""API tokens (create, revoke, resolve) and the writes the API makes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bilan.accounts.models import User
from bilan.core.public import token_hash, token_new
from bilan.schools.models import AccessLog, Enrolment, Membership, Organisation

from .models import ApiToken

# The prefix makes a leaked token recognisable (secret scanners, logs); the rest is random.
TOKEN_PREFIX = "bilan_"  # noqa: S105 — a public prefix, not a secret
_PURPOSE = "api:"


class TokenRefused(Exception):
    """`reason` is "token_invalid" or "token_revoked" (an error code of `errors.MESSAGES`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def api_token_create(
    *, organisation: Organisation, name: str, scope: str, created_by: User | None
) -> tuple[ApiToken, str]:
    """The new token and its secret, which is returned here once and never stored."""
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"unknown scope {scope!r}")
    secret = TOKEN_PREFIX + token_new()
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name.strip()[:100],
        scope=scope,
        token_hash=token_hash(secret, purpose=_PURPOSE),
        created_by=created_by,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> bool:
    """Revoke for good; False when it already was."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return True


def api_token_resolve(secret: str) -> ApiToken:
    """The live token for this secret, or TokenRefused."""
    secret = secret.strip()
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        raise TokenRefused("token_invalid")
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(token_hash=token_hash(secret, purpose=_PURPOSE))
        .first()
    )
    if token is None:
        raise TokenRefused("token_invalid")
    if token.revoked_at is not None:
        raise TokenRefused("token_revoked")
    return token


def api_token_touch(token: ApiToken) -> None:
    """Record the use, at most once per BILAN_API_LAST_USED_SECONDS (one UPDATE, no race)."""
    now = timezone.now()
    since = now - dt.timedelta(seconds=int(settings.BILAN_API_LAST_USED_SECONDS))
    if token.last_used_at is not None and token.last_used_at > since:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=since)
    ).update(last_used_at=now)
    token.last_used_at = now


def api_access_log(*, token: ApiToken, enrolment: Enrolment, what: str) -> None:
    """The intern sees in their access log that the school's system read part of the dossier."""
    if enrolment.dossier_id is None:
        return
    AccessLog.objects.create(
        dossier_id=enrolment.dossier_id,
        actor=None,  # a system read it, not the person who created the token
        actor_label=f"API « {token.name} » ({token.organisation.name})",
        role=Membership.Role.ADMIN,
        what=what,
    )


@transaction.atomic
def api_enrolment_delete(*, enrolment: Enrolment) -> None:
    """Remove the intern from the cohort; their dossier stays theirs, unchanged."""
    enrolment.delete()
