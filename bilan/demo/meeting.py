"""Demo meeting preparation: questions for the tutor and CV lines, through the services.

Idempotent on its own: a dossier that already has questions is left as it is.
"""

from __future__ import annotations

from bilan.career import services as career
from bilan.dossiers.models import Dossier
from bilan.meeting import services as meeting
from bilan.meeting.proposals import questions_propose

# Proposals the demo intern keeps, in this order (the first axis is matched by prefix).
KEPT = ("impressions", "axis:", "future:next", "future:recommendation")
OWN_QUESTION = (
    "Les deux idées pour Instagram abandonnées en juin : comment auriez-vous aimé que je les "
    "défende ?"
)


def demo_meeting_load(*, dossier: Dossier) -> None:
    if meeting.meeting_questions(dossier=dossier):
        return
    proposals = questions_propose(dossier=dossier)
    for prefix in KEPT:
        proposal = next((p for p in proposals if p.key.startswith(prefix)), None)
        if proposal is not None:
            meeting.meeting_question_pick(dossier=dossier, key=proposal.key)
    meeting.meeting_question_add(dossier=dossier, text=OWN_QUESTION, topic="other")
    if not career.cv_lines(dossier=dossier):
        for draft in career.cv_lines_propose(dossier=dossier):
            career.cv_line_add(dossier=dossier, text=draft.text, example=draft.example)
