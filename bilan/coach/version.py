"""The coach's version: stored verdicts made by another version are recomputed.

Bump it whenever a change to the pipeline, the lexicons, the rules or the learned models can
change an :class:`~bilan.coach.results.Analysis` of the same text; the web app then refreshes
every stored result in the background.
"""

from __future__ import annotations

COACH_VERSION = "2026.11.1"
