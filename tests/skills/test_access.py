"""Every skills URL takes an id: owner in, outsider 404, anonymous to login, nothing written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.skills import services
from bilan.skills.models import DossierSkill, Example, Highlight, ProgressAxis, Suggestion


@pytest.fixture
def ids(dossier, kept, builtin_skill):
    example = services.example_create(dossier=dossier, title="Salon", action="x", skills=[kept])
    highlight = services.highlight_create(
        dossier=dossier, kind="difficulty", title="Appels", solution="Script"
    )
    axis = services.progress_axis_add(dossier=dossier, text="Écrire court")
    suggestion = Suggestion.objects.create(
        dossier=dossier, skill=builtin_skill("bilan", "TRANS-ORAL"), sentence="J'ai présenté."
    )
    return {
        "d": dossier.pk,
        "s": kept.pk,
        "e": example.pk,
        "h": highlight.pk,
        "a": axis.pk,
        "g": suggestion.pk,
    }


GET_URLS = [
    ("skills:list", ["d"], {}),
    ("skills:pick", ["d"], {}),
    ("skills:frameworks", ["d"], {}),
    ("skills:chart", ["d"], {}),
    ("skills:edit", ["d", "s"], {}),
    ("skills:examples", ["d"], {}),
    ("skills:example_create", ["d"], {}),
    ("skills:example_edit", ["d", "e"], {}),
    ("skills:highlights", ["d"], {}),
    ("skills:highlight_create", ["d"], {"kind": "success"}),
    ("skills:highlight_edit", ["d", "h"], {}),
    ("skills:feelings", ["d"], {}),
    ("skills:suggestions", ["d"], {}),
]
POST_URLS = [
    ("skills:add_free", ["d"], {}),
    ("skills:add_from_framework", ["d"], {}),
    ("skills:frameworks", ["d"], {}),
    ("skills:edit", ["d", "s"], {}),
    ("skills:delete", ["d", "s"], {}),
    ("skills:example_create", ["d"], {}),
    ("skills:example_edit", ["d", "e"], {}),
    ("skills:example_delete", ["d", "e"], {}),
    ("skills:highlight_create", ["d"], {"kind": "difficulty"}),
    ("skills:highlight_edit", ["d", "h"], {}),
    ("skills:highlight_delete", ["d", "h"], {}),
    ("skills:feelings", ["d"], {}),
    ("skills:axis_add", ["d"], {}),
    ("skills:axis_delete", ["d", "a"], {}),
    ("skills:suggestions_run", ["d"], {}),
    ("skills:suggestion_accept", ["d", "g"], {}),
    ("skills:suggestion_dismiss", ["d", "g"], {}),
]
PAYLOAD = {
    "label": "piraté",
    "family": "technical",
    "title": "piraté",
    "action": "piraté",
    "solution": "piraté",
    "text": "piraté",
    "team": "piraté",
    "note": "piraté",
}


def _url(name, keys, extra, ids):
    args = [ids[key] for key in keys]
    if extra:
        return reverse(name, kwargs={"dossier_id": args[0], **extra})
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "keys", "extra"), GET_URLS)
def test_owner_can_get(intern_client, ids, name, keys, extra):
    assert intern_client.get(_url(name, keys, extra, ids)).status_code == 200


@pytest.mark.parametrize(("name", "keys", "extra"), GET_URLS + POST_URLS)
def test_outsider_gets_404(outsider_client, ids, name, keys, extra):
    url = _url(name, keys, extra, ids)
    assert outsider_client.post(url, PAYLOAD).status_code == 404
    assert outsider_client.get(url).status_code in {404, 405}


@pytest.mark.parametrize(("name", "keys", "extra"), GET_URLS + POST_URLS)
def test_anonymous_is_sent_to_login(client, ids, name, keys, extra):
    response = client.post(_url(name, keys, extra, ids), PAYLOAD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def _snapshot(dossier):
    return (
        list(DossierSkill.objects.values_list("id", "custom_label", "note", "level_now")),
        list(Example.objects.values_list("id", "title", "action")),
        list(Highlight.objects.values_list("id", "title")),
        list(ProgressAxis.objects.values_list("id", "text")),
        list(Suggestion.objects.values_list("id", "status")),
        hasattr(dossier, "feelings"),
    )


def test_outsider_and_anonymous_changed_nothing(outsider_client, client, ids, dossier):
    before = _snapshot(dossier)
    for name, keys, extra in POST_URLS:
        outsider_client.post(_url(name, keys, extra, ids), PAYLOAD)
        client.post(_url(name, keys, extra, ids), PAYLOAD)
    dossier.refresh_from_db()
    assert _snapshot(dossier) == before


def test_ids_of_another_dossier_of_the_same_user_are_not_mixed(intern_client, intern, ids):
    import datetime as dt

    from bilan.dossiers import services as dossier_services

    other = dossier_services.dossier_create(
        owner=intern,
        organisation="Autre",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    assert intern_client.get(reverse("skills:edit", args=[other.pk, ids["s"]])).status_code == 404
    response = intern_client.post(reverse("skills:example_delete", args=[other.pk, ids["e"]]))
    assert response.status_code == 404
    assert Example.objects.filter(pk=ids["e"]).exists()
