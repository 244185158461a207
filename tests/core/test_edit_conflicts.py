"""No lost work: two tabs (two clients of the same intern) editing the same long text.

Each test loads the form in A and B, saves in A, then saves in B: B gets the conflict page with
both texts (409), the database keeps A's text; B takes the saved text or merges, and the save
based on the current version goes through.
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from bilan.core.edits import VERSION_FIELD

pytestmark = pytest.mark.django_db


def _version(page: str) -> str:
    match = re.search(r'name="edit_version"(?: value="([^"]*)")?', page)
    assert match, "the form carries no version"
    return html.unescape(match.group(1) or "")


def _theirs(page: str, name: str) -> str:
    match = re.search(rf'name="edit_theirs_{name}" [^>]*value="([^"]*)"', page, re.S)
    assert match, f"no saved text for {name}"
    return html.unescape(match.group(1))


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    if match is None:  # a one-line field, or a text equal on both sides (sent along unseen)
        match = re.search(
            rf'<input type="(?:text|hidden)" name="{name}"(?: value="([^"]*)")?', page
        )
    assert match, f"no field {name}"
    return html.unescape(match.group(1) or "")


@pytest.fixture
def tabs(intern):
    a, b = Client(), Client()
    a.force_login(intern)
    b.force_login(intern)
    return a, b


def _conflict(
    tabs,
    url: str,
    *,
    data: dict[str, str],
    field: str,
    mine: str,
    theirs: str,
    load_url: str | None = None,
    headers: dict[str, str] | None = None,
):
    """Load in both tabs, save ``theirs`` in A, then ``mine`` in B; return B's conflict page."""
    a, b = tabs
    headers = headers or {}
    version_a = _version(a.get(load_url or url, headers=headers).content.decode())
    version_b = _version(b.get(load_url or url, headers=headers).content.decode())
    assert version_a == version_b
    saved = a.post(url, {**data, field: theirs, VERSION_FIELD: version_a}, headers=headers)
    assert saved.status_code in (200, 302), saved.content.decode()[:500]
    assert "X-Bilan-Conflict" not in saved
    refused = b.post(url, {**data, field: mine, VERSION_FIELD: version_b}, headers=headers)
    page = refused.content.decode()
    assert refused["X-Bilan-Conflict"] == "1"
    assert "modifié ailleurs" in page
    assert html.escape(theirs) in page.replace("&#x27;", "&#39;") or theirs in html.unescape(page)
    assert _textarea(page, field) == mine
    assert _theirs(page, field) == theirs
    assert _version(page) != version_b
    return refused, page


def _merge(client: Client, url: str, page: str, *, data: dict[str, str], field: str, text: str):
    """Take the saved text (the no-JS button), then save a merge based on the current version."""
    taken = client.post(
        url,
        {
            **data,
            field: "ignored",
            VERSION_FIELD: _version(page),
            "edit_take": field,
            f"edit_theirs_{field}": _theirs(page, field),
        },
    )
    assert taken["X-Bilan-Conflict"] == "1"
    assert _textarea(taken.content.decode(), field) == _theirs(page, field)
    saved = client.post(url, {**data, field: text, VERSION_FIELD: _version(page)})
    assert saved.status_code in (200, 302), saved.content.decode()[:800]
    assert "X-Bilan-Conflict" not in saved
    return saved


# --- synthesis ---------------------------------------------------------------------------


def test_synthesis_two_tabs(tabs, dossier):
    from bilan.documents.model import TRAME
    from bilan.synthesis import services
    from bilan.synthesis.models import SynthesisVersion

    services.synthesis_generate(dossier=dossier)
    url = reverse("synthesis:edit", args=[dossier.pk])
    current = SynthesisVersion.objects.get().sections
    data = {key: current.get(key, "") for key in TRAME}
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="ouverture",
        mine="Mon ouverture, écrite la nuit dans l'onglet B.",
        theirs="Mon ouverture, écrite dans l'onglet A.",
    )
    assert refused.status_code == 409
    assert SynthesisVersion.objects.count() == 2
    latest = SynthesisVersion.objects.order_by("-number").first()
    assert latest.sections["ouverture"] == "Mon ouverture, écrite dans l'onglet A."
    assert _version(page) == "2"

    _merge(tabs[1], url, page, data=data, field="ouverture", text="A puis B, fusionnés.")
    latest = SynthesisVersion.objects.order_by("-number").first()
    assert latest.number == 3
    assert latest.sections["ouverture"] == "A puis B, fusionnés."


# --- skills ------------------------------------------------------------------------------


def test_example_two_tabs(tabs, dossier):
    from bilan.skills import services
    from bilan.skills.models import Example

    example = services.example_create(
        dossier=dossier, title="Newsletter", action="J'ai proposé trois rubriques."
    )
    url = reverse("skills:example_edit", args=[dossier.pk, example.pk])
    data = {"title": "Newsletter", "situation": "", "task": "", "result": "", "learned": ""}
    refused, page = _conflict(
        tabs,
        url,
        data={**data, "action": ""},
        field="action",
        mine="J'ai refondu la maquette (onglet B).",
        theirs="J'ai proposé trois rubriques et un sondage (onglet A).",
    )
    assert refused.status_code == 409
    example.refresh_from_db()
    assert example.action == "J'ai proposé trois rubriques et un sondage (onglet A)."
    _merge(tabs[1], url, page, data=data, field="action", text="Rubriques, sondage, maquette.")
    assert Example.objects.get(pk=example.pk).action == "Rubriques, sondage, maquette."


def test_highlight_two_tabs(tabs, dossier):
    from bilan.skills import services

    highlight = services.highlight_create(
        dossier=dossier, kind="success", title="Le salon", description="Stand tenu seule."
    )
    url = reverse("skills:highlight_edit", args=[dossier.pk, highlight.pk])
    data = {"title": "Le salon", "lesson": ""}
    _conflict(
        tabs,
        url,
        data=data,
        field="description",
        mine="Stand tenu seule, 40 contacts (B).",
        theirs="Stand tenu seule pendant deux jours (A).",
    )
    highlight.refresh_from_db()
    assert highlight.description == "Stand tenu seule pendant deux jours (A)."
    _, page = _conflict_again(tabs, url, data=data, field="description", mine="Encore B.")
    _merge(tabs[1], url, page, data=data, field="description", text="Deux jours, 40 contacts.")
    highlight.refresh_from_db()
    assert highlight.description == "Deux jours, 40 contacts."


def _conflict_again(tabs, url, *, data, field, mine):
    """B, still on the version it loaded first, tries once more: refused again, nothing lost."""
    page = tabs[1].get(url).content.decode()
    stale = tabs[1].post(url, {**data, field: mine, VERSION_FIELD: "2001-01-01T00:00:00+00:00"})
    assert stale["X-Bilan-Conflict"] == "1"
    assert _version(stale.content.decode()) == _version(page)
    return stale, stale.content.decode()


def test_feelings_two_tabs_when_none_were_saved_yet(tabs, dossier):
    from bilan.skills.models import Feelings

    url = reverse("skills:feelings", args=[dossier.pk])
    data = {"culture": "", "atmosphere": "", "motivation": "", "applications": ""}
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="team",
        mine="Une équipe de quatre (B).",
        theirs="Une équipe qui relit mes textes (A).",
    )
    assert _version(page)  # the row A created
    assert Feelings.objects.get(dossier=dossier).team == "Une équipe qui relit mes textes (A)."
    _merge(tabs[1], url, page, data=data, field="team", text="Quatre, qui relisent mes textes.")
    assert Feelings.objects.get(dossier=dossier).team == "Quatre, qui relisent mes textes."


def test_skill_note_two_tabs(tabs, dossier):
    from bilan.skills import services

    item = services.dossier_skill_add(dossier=dossier, label="Brevo", family="technical")
    url = reverse("skills:edit", args=[dossier.pk, item.pk])
    data = {"custom_label": "Brevo", "family": "technical", "level_before": "", "level_now": ""}
    _conflict(tabs, url, data=data, field="note", mine="Note B.", theirs="Note A.")
    item.refresh_from_db()
    assert item.note == "Note A."


# --- dossiers ----------------------------------------------------------------------------


def test_journal_entry_two_tabs(tabs, dossier):
    from bilan.dossiers import services

    entry = services.journal_entry_create(
        dossier=dossier, date=dossier.start_date, text="Premier jour."
    )
    url = reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk])
    data = {"date": dossier.start_date.isoformat(), "tags": ""}
    _conflict(
        tabs, url, data=data, field="text", mine="Premier jour (B).", theirs="Premier jour (A)."
    )
    entry.refresh_from_db()
    assert entry.text == "Premier jour (A)."
    _, page = _conflict_again(tabs, url, data=data, field="text", mine="B encore.")
    _merge(tabs[1], url, page, data=data, field="text", text="Premier jour, A et B.")
    entry.refresh_from_db()
    assert entry.text == "Premier jour, A et B."


def test_objective_two_tabs_with_htmx(tabs, dossier):
    """The inline editor posts through htmx: the conflict page replaces the main content."""
    objective = dossier.objectives.create(title="Animer les réseaux sociaux", position=99)
    url = reverse("dossiers:objective_edit", args=[dossier.pk, objective.pk])
    data = {
        "title": "Animer les réseaux sociaux",
        "status": "done",
        "contribution": "",
        "reason": "",
        "from": "plan",
    }
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="actual",
        mine="Trois publications par semaine (B).",
        theirs="Deux publications par semaine (A).",
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 200
    assert refused["HX-Retarget"] == "#content"
    assert refused["HX-Reselect"] == "#content"
    assert 'name="from" value="plan"' in page
    assert "hx-post" not in page.split("data-conflict")[1].split("</form>")[0]
    objective.refresh_from_db()
    assert objective.actual == "Deux publications par semaine (A)."
    # The merge is a plain form: a full-page save that goes back to the plan.
    saved = _merge(tabs[1], url, page, data=data, field="actual", text="Deux puis trois.")
    assert saved["Location"] == reverse("dossiers:plan", args=[dossier.pk])
    objective.refresh_from_db()
    assert objective.actual == "Deux puis trois."


def test_weeks_notes_two_tabs(tabs, dossier):
    url = reverse("dossiers:weeks", args=[dossier.pk])
    _conflict(
        tabs,
        url,
        data={"first_week_note": ""},
        field="mastered_now",
        mine="Brevo (B).",
        theirs="Canva (A).",
    )
    dossier.refresh_from_db()
    assert dossier.mastered_now == "Canva (A)."


# --- meeting -----------------------------------------------------------------------------


def test_meeting_record_two_tabs(tabs, dossier):
    from bilan.meeting.models import Record

    url = reverse("meeting:record", args=[dossier.pk])
    data = {"agreed_axes": "", "next_steps": "", "recommendation": "undecided"}
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="tutor_said",
        mine="Le tuteur a salué la newsletter (B).",
        theirs="Le tuteur a salué le salon (A).",
    )
    assert refused.status_code == 409
    record = Record.objects.get(dossier=dossier)
    assert record.tutor_said == "Le tuteur a salué le salon (A)."
    _merge(tabs[1], url, page, data=data, field="tutor_said", text="Salon et newsletter.")
    record.refresh_from_db()
    assert record.tutor_said == "Salon et newsletter."
    assert record.version == 2


def test_meeting_question_two_tabs(tabs, dossier):
    from bilan.meeting import services

    question = services.meeting_question_add(dossier=dossier, text="Quel poste ?", topic="future")
    url = reverse("meeting:question_edit", args=[dossier.pk, question.pk])
    _conflict(
        tabs,
        url,
        data={"topic": "future"},
        field="text",
        mine="Quel poste après (B) ?",
        theirs="Quel poste en CDI (A) ?",
    )
    question.refresh_from_db()
    assert question.text == "Quel poste en CDI (A) ?"


# --- career ------------------------------------------------------------------------------


def test_career_letter_two_tabs(tabs, dossier):
    from bilan.career.models import Profile

    url = reverse("career:letter", args=[dossier.pk])
    index = reverse("career:index", args=[dossier.pk])
    data = {"subject": "Lettre de recommandation"}
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="body",
        mine="Bonjour, pourriez-vous (B) ?",
        theirs="Bonjour, accepteriez-vous (A) ?",
        load_url=index,
    )
    assert Profile.objects.get(dossier=dossier).letter_body == "Bonjour, accepteriez-vous (A) ?"
    _merge(tabs[1], url, page, data=data, field="body", text="Bonjour, accepteriez-vous ?")
    assert Profile.objects.get(dossier=dossier).letter_body == "Bonjour, accepteriez-vous ?"


def test_career_line_two_tabs(tabs, dossier):
    from bilan.career import services

    line = services.cv_line_add(dossier=dossier, text="Refonte de la newsletter")
    url = reverse("career:line_edit", args=[dossier.pk, line.pk])
    _conflict(tabs, url, data={}, field="text", mine="Newsletter (B)", theirs="Newsletter (A)")
    line.refresh_from_db()
    assert line.text == "Newsletter (A)"


# --- the mechanism -----------------------------------------------------------------------


def test_a_post_without_version_is_not_checked_but_a_wrong_one_is(intern_client, dossier):
    """Scripts that build their own POST opt out; a forged or stale version never wins."""
    entry = dossier.journal_entries.create(date=dossier.start_date, text="Lundi.")
    url = reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk])
    data = {"date": dossier.start_date.isoformat(), "text": "Lundi matin.", "tags": ""}
    assert intern_client.post(url, data).status_code == 302
    for bad in ("", "garbage", "2026-01-01T00:00:00"):
        refused = intern_client.post(url, {**data, "text": "Écrasé ?", VERSION_FIELD: bad})
        assert refused.status_code == 409
    entry.refresh_from_db()
    assert entry.text == "Lundi matin."


def test_the_conflict_page_is_404_for_someone_else(outsider_client, dossier):
    entry = dossier.journal_entries.create(date=dossier.start_date, text="Lundi.")
    url = reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk])
    data = {"date": dossier.start_date.isoformat(), "text": "x", "tags": "", VERSION_FIELD: ""}
    assert outsider_client.post(url, {**data, "edit_take": "text"}).status_code == 404
    entry.refresh_from_db()
    assert entry.text == "Lundi."


def test_only_one_of_two_claims_on_the_same_version_wins(dossier):
    from bilan.core.edits import EditConflict, edit_claim, edit_version
    from bilan.dossiers.models import JournalEntry

    entry = JournalEntry.objects.create(dossier=dossier, date=dossier.start_date, text="Lundi.")
    version = edit_version(entry)
    edit_claim(instance=entry, version=version, fields=["text"])
    with pytest.raises(EditConflict) as caught:
        edit_claim(instance=entry, version=version, fields=["text"])
    assert caught.value.saved == {"text": "Lundi."}
    assert caught.value.version == edit_version(JournalEntry.objects.get(pk=entry.pk))


def test_the_conflict_page_in_english(tabs, intern, dossier):
    from bilan.dossiers import services

    intern.language = "en"
    intern.save()
    entry = services.journal_entry_create(dossier=dossier, date=dossier.start_date, text="Lundi.")
    url = reverse("dossiers:journal_edit", args=[dossier.pk, entry.pk])
    data = {"date": dossier.start_date.isoformat(), "tags": ""}
    a, b = tabs
    version = _version(a.get(url).content.decode())
    a.post(url, {**data, "text": "Monday (A).", VERSION_FIELD: version})
    page = b.post(url, {**data, "text": "Monday (B).", VERSION_FIELD: version}).content.decode()
    assert "This text was changed elsewhere" in page
    assert "Use the saved text" in page
    assert "Your text" in page


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_on_the_same_version_cannot_both_win(dossier):
    """Two requests at once, each in its own transaction and connection: one save, one conflict."""
    import threading

    from django.db import connection, transaction

    from bilan.core.edits import EditConflict, edit_version
    from bilan.dossiers import services
    from bilan.dossiers.models import JournalEntry

    entry = JournalEntry.objects.create(dossier=dossier, date=dossier.start_date, text="Lundi.")
    version = edit_version(entry)
    first_claimed = threading.Event()
    outcome: dict[str, str] = {}

    def save(name: str, text: str, *, hold: bool) -> None:
        try:
            if not hold:
                first_claimed.wait(5)
            row = JournalEntry.objects.get(pk=entry.pk)
            with transaction.atomic():
                services.journal_entry_update(
                    entry=row, date=row.date, text=text, tags="", version=version
                )
                if hold:
                    first_claimed.set()
                    threading.Event().wait(0.3)  # the other request arrives meanwhile
            outcome[name] = "saved"
        except EditConflict:
            outcome[name] = "conflict"
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcome[name] = repr(error)
        finally:
            first_claimed.set()
            connection.close()

    threads = [
        threading.Thread(target=save, args=("a", "Lundi (A)."), kwargs={"hold": True}),
        threading.Thread(target=save, args=("b", "Lundi (B)."), kwargs={"hold": False}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert outcome["a"] == "saved"
    if connection.vendor == "sqlite" and outcome["b"].startswith("OperationalError"):
        # The test database is SQLite in memory with a shared cache, whose table locks fail at
        # once instead of waiting (a file database, as in production, waits: see the settings'
        # IMMEDIATE transactions and timeout). B still did not win.
        assert "locked" in outcome["b"]
    else:
        assert outcome["b"] == "conflict"
    assert JournalEntry.objects.get(pk=entry.pk).text == "Lundi (A)."


def test_dossier_mission_two_tabs(tabs, dossier):
    url = reverse("dossiers:edit", args=[dossier.pk])
    data = {
        "organisation": dossier.organisation,
        "service": dossier.service,
        "location": dossier.location,
        "kind": dossier.kind,
        "start_date": dossier.start_date.isoformat(),
        "end_date": dossier.end_date.isoformat(),
        "language": dossier.language,
    }
    refused, page = _conflict(
        tabs,
        url,
        data=data,
        field="mission_text",
        mine="- Animer les réseaux sociaux (B)",
        theirs="- Animer les réseaux sociaux (A)",
    )
    # The short fields travel with the merge as the intern chose them.
    assert 'type="hidden" name="organisation"' in page
    dossier.refresh_from_db()
    assert dossier.mission_text == "- Animer les réseaux sociaux (A)"
    _merge(tabs[1], url, page, data=data, field="mission_text", text="- A et B")
    dossier.refresh_from_db()
    assert dossier.mission_text == "- A et B"


def test_career_about_two_tabs(tabs, dossier):
    from bilan.career.models import Profile

    _conflict(
        tabs,
        reverse("career:about", args=[dossier.pk]),
        data={},
        field="about",
        mine="Chargée de communication (B).",
        theirs="Chargée de communication junior (A).",
        load_url=reverse("career:index", args=[dossier.pk]),
    )
    assert Profile.objects.get(dossier=dossier).about == "Chargée de communication junior (A)."


def test_synthesis_sections_changed_on_one_side_only_are_merged(tabs, dossier):
    """A rewrote one section, B another: B's page keeps A's section and B's, nothing to compare."""
    from bilan.documents.model import TRAME
    from bilan.synthesis import services
    from bilan.synthesis.models import SynthesisVersion

    services.synthesis_generate(dossier=dossier)
    url = reverse("synthesis:edit", args=[dossier.pk])
    loaded = SynthesisVersion.objects.get().sections
    data = {key: loaded.get(key, "") for key in TRAME}
    first, second = TRAME[0], TRAME[1]
    a, b = tabs
    version = _version(a.get(url).content.decode())
    a.post(url, {**data, first: "Section réécrite par A.", VERSION_FIELD: version})
    refused = b.post(url, {**data, second: "Section réécrite par B.", VERSION_FIELD: version})
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "conflict-pair" not in page
    assert _textarea(page, first) == "Section réécrite par A."
    assert _textarea(page, second) == "Section réécrite par B."
    assert "c’est le texte enregistré ailleurs qui est repris" in page
    merged = {key: _textarea(page, key) for key in TRAME}
    assert b.post(url, {**merged, VERSION_FIELD: _version(page)}).status_code == 302
    latest = SynthesisVersion.objects.order_by("-number").first()
    assert (latest.number, latest.sections[first], latest.sections[second]) == (
        3,
        "Section réécrite par A.",
        "Section réécrite par B.",
    )


# --- drafts in the browser: what the pages give drafts.js ----------------------------------


def test_signed_in_pages_wire_drafts_and_public_ones_do_not(client, intern_client, intern, dossier):
    from django.template.loader import render_to_string

    page = intern_client.get(reverse("dossiers:journal", args=[dossier.pk])).content.decode()
    assert "bilan/drafts.js" in page
    assert f'data-draft-user="{intern.pk}"' in page
    assert "Brouillon restauré" in page
    assert re.search(r'action="/accounts/logout/"[^>]*data-drafts-clear', page)
    # Signed out: the script has no user to key drafts by, so it keeps nothing.
    assert "data-draft-user" not in client.get(reverse("accounts:login")).content.decode()
    # The rater's and the tutor's pages (personal links) keep no draft.
    public = render_to_string("core/public_base.html")
    assert "drafts.js" not in public
    assert "data-draft-user" not in public
