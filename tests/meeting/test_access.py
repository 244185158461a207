"""Every intern-side URL: the owner gets in, an outsider gets 404, anonymous goes to login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bilan.meeting import services
from bilan.meeting.models import Meeting, Question, Record


@pytest.fixture
def ids(dossier):
    services.meeting_set(dossier=dossier, starts_at=timezone.now() + dt.timedelta(days=3))
    question = services.meeting_question_add(dossier=dossier, text="Et après ?", topic="future")
    services.meeting_record_update(dossier=dossier, tutor_said="Bien.")
    return {"d": dossier.pk, "q": question.pk}


GET_URLS = [
    ("meeting:index", ["d"]),
    ("meeting:date", ["d"]),
    ("meeting:ics", ["d"]),
    ("meeting:question_edit", ["d", "q"]),
    ("meeting:pack", ["d"]),
    ("meeting:pack_pdf", ["d"]),
    ("meeting:record", ["d"]),
]
POST_URLS = [
    ("meeting:date", ["d"]),
    ("meeting:question_add", ["d"]),
    ("meeting:question_pick", ["d"]),
    ("meeting:question_edit", ["d", "q"]),
    ("meeting:question_move", ["d", "q"]),
    ("meeting:question_delete", ["d", "q"]),
    ("meeting:record", ["d"]),
    ("meeting:record_confirm", ["d"]),
]
PAYLOAD = {
    "starts_at": "2030-01-01T10:00",
    "duration_minutes": "60",
    "text": "Pirate ?",
    "topic": "other",
    "key": "future:next",
    "tutor_said": "Pirate",
    "recommendation": "declined",
    "clear": "1",
}


def _url(name, keys, ids):
    return reverse(name, args=[ids[key] for key in keys])


@pytest.mark.parametrize(("name", "keys"), GET_URLS)
def test_owner_can_get(intern_client, ids, name, keys):
    assert intern_client.get(_url(name, keys, ids)).status_code == 200


@pytest.mark.parametrize(("name", "keys"), GET_URLS + POST_URLS)
def test_outsider_gets_404(outsider_client, ids, name, keys):
    assert outsider_client.post(_url(name, keys, ids), PAYLOAD).status_code == 404
    assert outsider_client.get(_url(name, keys, ids)).status_code in {404, 405}


@pytest.mark.parametrize(("name", "keys"), GET_URLS + POST_URLS)
def test_anonymous_is_sent_to_login(client, ids, name, keys):
    response = client.post(_url(name, keys, ids), PAYLOAD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outsider_and_anonymous_changed_nothing(outsider_client, client, ids):
    for name, keys in POST_URLS:
        outsider_client.post(_url(name, keys, ids), PAYLOAD)
        client.post(_url(name, keys, ids), PAYLOAD)
    assert list(Question.objects.values_list("text", flat=True)) == ["Et après ?"]
    record = Record.objects.get()
    assert record.tutor_said == "Bien." and record.version == 1 and not record.intern_confirmed
    assert Meeting.objects.get().starts_at.year != 2030


def test_another_dossiers_question_is_404_for_its_owner(intern_client, ids, outsider):
    from bilan.dossiers import services as dossier_services

    other = dossier_services.dossier_create(
        owner=outsider,
        organisation="Ailleurs",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 3, 27),
    )
    url = reverse("meeting:question_edit", args=[other.pk, ids["q"]])
    assert intern_client.get(url).status_code == 404
