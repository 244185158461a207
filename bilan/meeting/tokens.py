"""The tutor's link to the meeting record: a random token, stored only as its SHA-256.

The hash is taken over a purpose prefix, so a token can never open anything but a meeting
record, even if the same random string were ever issued by another part of Bilan.
"""

from __future__ import annotations

from bilan.feedback.tokens import token_hash, token_new, token_well_formed

PURPOSE = "meeting-record:"

__all__ = ["record_token_hash", "token_new", "token_well_formed"]


def record_token_hash(token: str) -> str:
    return token_hash(PURPOSE + token)
