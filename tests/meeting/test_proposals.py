"""Questions proposed from the dossier's gaps: unconfirmed skills, axes, the future."""

from __future__ import annotations

from bilan.feedback import services as feedback
from bilan.feedback.models import FeedbackRequest
from bilan.meeting import services
from bilan.meeting.proposals import questions_propose, unconfirmed_skills
from bilan.skills import services as skills


def _skill(dossier, label):
    return skills.dossier_skill_add(dossier=dossier, skill=None, label=label, family="technical")


def _answer(dossier, email, relationship="colleague", **kwargs):
    item = feedback.feedback_request_create(
        dossier=dossier, name=email, email=email, relationship=relationship, send=False
    )
    return feedback.feedback_answer_submit(feedback_request=item, **kwargs)


def test_skills_named_or_rated_by_others_are_confirmed(dossier):
    canva, brevo, excel = (_skill(dossier, label) for label in ("Canva", "Brevo", "Excel"))
    _answer(dossier, "a@example.org", strengths=[canva], situation="Le 3 mai, ...")
    _answer(
        dossier,
        "t@example.org",
        relationship=FeedbackRequest.Relationship.TUTOR,
        ratings=[
            {"key": f"skill:{brevo.pk}", "label": "Brevo", "value": "bien"},
            {"key": f"skill:{excel.pk}", "label": "Excel", "value": ""},
        ],
    )
    assert [item.label for item in unconfirmed_skills(dossier=dossier)] == ["Excel"]
    keys = [p.key for p in questions_propose(dossier=dossier)]
    assert f"skill:{excel.pk}" in keys
    assert f"skill:{canva.pk}" not in keys and f"skill:{brevo.pk}" not in keys


def test_axes_and_the_future_are_proposed(dossier):
    axis = skills.progress_axis_add(dossier=dossier, text="Oser donner mon avis en réunion")
    proposals = {p.key: p for p in questions_propose(dossier=dossier)}
    assert "Oser donner mon avis en réunion" in proposals[f"axis:{axis.pk}"].text
    future = [p for p in proposals.values() if p.topic == "future"]
    assert {p.key for p in future} >= {"future:next", "future:recommendation", "future:contacts"}
    assert "lettre de recommandation" in proposals["future:recommendation"].text
    assert "contacter" in proposals["future:contacts"].text


def test_the_tutors_offer_is_mentioned(dossier):
    _answer(
        dossier, "t@example.org", relationship="tutor", offers_recommendation=True, comment="ok"
    )
    proposals = {p.key: p for p in questions_propose(dossier=dossier)}
    assert proposals["future:recommendation"].text.startswith("Vous avez proposé de me recommander")


def test_kept_proposals_are_not_proposed_again(dossier):
    services.meeting_question_pick(dossier=dossier, key="future:next")
    assert "future:next" not in {p.key for p in questions_propose(dossier=dossier)}
