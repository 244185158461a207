"""`bilan demo` prepares the meeting too: questions (one about the future) and CV lines."""

from __future__ import annotations

from django.core.management import call_command

from bilan.career.models import CvLine
from bilan.demo.meeting import demo_meeting_load
from bilan.dossiers.models import Dossier
from bilan.meeting.models import Question
from bilan.overview.checklist import dossier_checklist


def test_demo_meeting_is_loaded_once(db):
    call_command("demo", stdout=None)
    dossier = Dossier.objects.get()
    topics = list(Question.objects.filter(dossier=dossier).values_list("topic", flat=True))
    assert "future" in topics and "axis" in topics and len(topics) == 5
    future = next(item for item in dossier_checklist(dossier).items if item.key == "future")
    assert future.done
    lines = list(CvLine.objects.filter(dossier=dossier).values_list("text", flat=True))
    assert lines and "42 % d'ouverture en août" in lines[0]
    demo_meeting_load(dossier=dossier)
    call_command("demo", stdout=None)
    assert Question.objects.count() == 5 and CvLine.objects.count() == len(lines)
