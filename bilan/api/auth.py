"""Bearer tokens: who is calling, for which organisation, within which rate."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from .errors import ApiError
from .models import ApiToken
from .ratelimit import rate_hit
from .services import TokenRefused, api_token_resolve, api_token_touch

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="bilan"'}


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        scheme, _space, secret = header.partition(" ")
        if not header:
            raise ApiError(401, "token_missing", headers=_CHALLENGE)
        if scheme.lower() != "bearer" or not secret.strip():
            raise ApiError(401, "token_invalid", headers=_CHALLENGE)
        return self.authenticate(request, secret)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        try:
            api_token = api_token_resolve(token)
        except TokenRefused as refused:
            raise ApiError(401, refused.reason, headers=_CHALLENGE) from None
        retry_after = rate_hit(f"token:{api_token.pk}")
        if retry_after is not None:
            raise ApiError(
                429,
                "rate_limited",
                params={"seconds": retry_after},
                headers={"Retry-After": str(retry_after)},
            )
        api_token_touch(api_token)
        return api_token


def request_token(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)
    return token


def write_token(request: HttpRequest) -> ApiToken:
    """The caller's token when it may write; 403 otherwise."""
    token = request_token(request)
    if not token.can_write:
        raise ApiError(403, "scope_insufficient")
    return token
