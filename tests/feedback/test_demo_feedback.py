from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from bilan.dossiers.models import Dossier
from bilan.feedback.models import Answer, Discovery, FeedbackRequest
from bilan.meeting.models import Meeting
from bilan.overview.checklist import dossier_checklist


def test_demo_has_a_tutor_grid_three_colleagues_and_a_hidden_skill(db):
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    dossier = Dossier.objects.get()
    assert FeedbackRequest.objects.filter(dossier=dossier).count() == 4
    tutor = Answer.objects.get(request__relationship="tutor")
    assert len(tutor.ratings) >= 12 and tutor.offers_recommendation
    assert Answer.objects.exclude(request__relationship="tutor").count() == 3
    labels = set(Discovery.objects.values_list("label", flat=True))
    assert "Transmettre ses savoirs" in labels
    assert Meeting.objects.filter(dossier=dossier).exists()
    items = {item.key: item for item in dossier_checklist(dossier).items}
    assert items["feedback"].done
