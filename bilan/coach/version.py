"""The coach's version: stored verdicts made by another version are recomputed.

Bump ``RELEASE`` whenever a change to the pipeline, the lexicons or the rules can change an
:class:`~bilan.coach.results.Analysis` of the same text. The learned models' fingerprints are
part of the version too: ``make train-coach`` prints them, and a test fails until
``MODEL_FINGERPRINTS`` matches the shipped files, so a retrained model always refreshes the
stored results.
"""

from __future__ import annotations

RELEASE = "2026.12.3"
MODEL_FINGERPRINTS = {"fr": "0864648d77da", "en": "a05745424acf"}
# Short enough for the column that stores it (bilan.writing.models.CoachResult.coach_version).
COACH_VERSION = f"{RELEASE}+{MODEL_FINGERPRINTS['fr'][:8]}.{MODEL_FINGERPRINTS['en'][:8]}"
