from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bilan.evidence import services
from bilan.evidence.models import MailboxImport, Trace

from ..extraction.extraction_samples import make_docx, make_email, write_mbox


@pytest.fixture
def trace(dossier):
    return services.traces_upload(
        dossier=dossier, files=[SimpleUploadedFile("cr.txt", b"Compte rendu")]
    ).traces[0]


@pytest.fixture
def ids(dossier, trace, tmp_path):
    path = write_mbox(tmp_path / "b.mbox", [make_email()])
    job = services.mailbox_import_create(
        dossier=dossier, upload=SimpleUploadedFile("b.mbox", path.read_bytes())
    )
    return {"d": dossier.pk, "t": trace.pk, "i": job.pk}


URLS = [
    ("evidence:list", ["d"]),
    ("evidence:upload", ["d"]),
    ("evidence:note", ["d"]),
    ("evidence:link", ["d"]),
    ("evidence:detail", ["d", "t"]),
    ("evidence:status", ["d", "t"]),
    ("evidence:download", ["d", "t"]),
    ("evidence:delete", ["d", "t"]),
    ("evidence:import", ["d", "i"]),
]


def _url(name, keys, ids):
    return reverse(name, args=[ids[key] for key in keys])


@pytest.mark.parametrize(("name", "keys"), URLS)
def test_outsider_gets_404_and_changes_nothing(outsider_client, ids, name, keys):
    assert outsider_client.get(_url(name, keys, ids)).status_code in {404, 405}
    response = outsider_client.post(_url(name, keys, ids), {"title": "x", "note": "x"})
    assert response.status_code == 404
    assert Trace.objects.count() == 1
    assert Trace.objects.get().title == "cr.txt"


@pytest.mark.parametrize(("name", "keys"), URLS)
def test_anonymous_goes_to_login(client, ids, name, keys):
    response = client.get(_url(name, keys, ids))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_download_returns_the_file_to_its_owner(intern_client, ids):
    response = intern_client.get(_url("evidence:download", ["d", "t"], ids))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Compte rendu"
    assert "attachment" in response["Content-Disposition"]


def test_upload_several_files_at_once(intern_client, dossier, run_jobs):
    files = [
        SimpleUploadedFile("a.docx", make_docx(["Planning des équipes de juin"])),
        SimpleUploadedFile("b.txt", b"Merci pour ton aide, Paul"),
    ]
    response = intern_client.post(
        reverse("evidence:upload", args=[dossier.pk]),
        {"files": files, "kind": "document", "confidential": ""},
    )
    assert response.status_code == 302
    assert dossier.traces.count() == 2
    run_jobs()
    page = intern_client.get(reverse("evidence:list", args=[dossier.pk]), {"q": "équipe"})
    body = page.content.decode()
    assert "a.docx" in body or "Compte rendu" in body
    assert "b.txt" not in body


def test_upload_over_the_import_limit_says_so_and_writes_nothing(intern_client, dossier, settings):
    settings.BILAN_TRACE_LIMITS = {**settings.BILAN_TRACE_LIMITS, "import_bytes": 2000}
    response = intern_client.post(
        reverse("evidence:upload", args=[dossier.pk]),
        {"files": [SimpleUploadedFile("big.txt", b"x" * 100_000)], "kind": "other"},
    )
    assert response.status_code == 400
    assert "limite par import" in response.content.decode()
    assert dossier.traces.count() == 0


def test_upload_without_file_is_refused(intern_client, dossier):
    response = intern_client.post(reverse("evidence:upload", args=[dossier.pk]), {"kind": "other"})
    assert response.status_code == 400
    assert dossier.traces.count() == 0


def test_mailbox_upload_redirects_to_its_progress(intern_client, dossier, tmp_path, run_jobs):
    path = write_mbox(tmp_path / "export.mbox", [make_email(), make_email(message_id="<b@x>")])
    response = intern_client.post(
        reverse("evidence:upload", args=[dossier.pk]),
        {"files": [SimpleUploadedFile("export.mbox", path.read_bytes())], "kind": "other"},
    )
    job = MailboxImport.objects.get()
    assert response.url == reverse("evidence:import", args=[dossier.pk, job.pk])
    page = intern_client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" in page and "<html" not in page
    run_jobs()
    page = intern_client.get(response.url).content.decode()
    assert "Terminé" in page and "every 2s" not in page
    assert dossier.traces.filter(kind="email").count() == 2


def test_note_with_bad_input_writes_nothing(intern_client, dossier):
    response = intern_client.post(
        reverse("evidence:note", args=[dossier.pk]), {"title": "", "note": "x" * 20_000}
    )
    assert response.status_code == 400
    assert "la limite est de 10" in response.content.decode().replace("\u202f", "")
    assert dossier.traces.count() == 0


def test_link_rejects_a_bad_url(intern_client, dossier):
    response = intern_client.post(
        reverse("evidence:link", args=[dossier.pk]), {"url": "pas une adresse", "kind": "other"}
    )
    assert response.status_code == 400
    assert dossier.traces.count() == 0


def test_detail_edits_and_links_objectives(intern_client, dossier, trace):
    from bilan.dossiers import services as dossier_services

    objective = dossier_services.objective_create(dossier=dossier, title="Benchmark")
    url = reverse("evidence:detail", args=[dossier.pk, trace.pk])
    response = intern_client.post(
        url,
        {
            "title": "CR comité",
            "kind": "minutes",
            "author": "Sophie",
            "day": "2026-05-12",
            "confidential": "on",
            "objectives": [objective.pk],
        },
    )
    assert response.status_code == 302
    trace.refresh_from_db()
    assert (trace.title, trace.kind, trace.confidential) == ("CR comité", "minutes", True)
    assert trace.date.date().isoformat() == "2026-05-12"
    assert list(objective.traces.all()) == [trace]


def test_detail_refuses_an_objective_of_another_dossier(intern_client, dossier, trace, outsider):
    import datetime as dt

    from bilan.dossiers import services as dossier_services

    other = dossier_services.dossier_create(
        owner=outsider,
        organisation="X",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 2, 1),
    )
    foreign = dossier_services.objective_create(dossier=other, title="Secret")
    response = intern_client.post(
        reverse("evidence:detail", args=[dossier.pk, trace.pk]),
        {"title": "t", "kind": "other", "objectives": [foreign.pk]},
    )
    assert response.status_code == 400
    assert not trace.objectives.exists()


def test_list_query_count_does_not_grow_with_traces(
    intern_client, dossier, django_assert_max_num_queries
):
    for number in range(30):
        services.trace_create_note(dossier=dossier, title=f"Note {number}", note="texte")
    with django_assert_max_num_queries(10):
        response = intern_client.get(reverse("evidence:list", args=[dossier.pk]))
    assert response.content.decode().count("Note ") >= 30


def test_pending_trace_page_polls_then_refreshes(intern_client, dossier, trace, run_jobs):
    url = reverse("evidence:status", args=[dossier.pk, trace.pk])
    assert "every 2s" in intern_client.get(url).content.decode()
    run_jobs()
    assert intern_client.get(url)["HX-Refresh"] == "true"


def test_delete_from_the_page(intern_client, dossier, trace):
    response = intern_client.post(reverse("evidence:delete", args=[dossier.pk, trace.pk]))
    assert response.status_code == 302
    assert not dossier.traces.exists()


def test_detail_links_skills_and_examples(intern_client, dossier, trace):
    from bilan.skills import services as skills

    item = skills.dossier_skill_add(dossier=dossier, label="Canva", family="technical")
    example = skills.example_create(dossier=dossier, title="Affiches", skills=[item])
    response = intern_client.post(
        reverse("evidence:detail", args=[dossier.pk, trace.pk]),
        {"title": "t", "kind": "other", "skills": [item.pk], "examples": [example.pk]},
    )
    assert response.status_code == 302
    assert list(trace.skills.all()) == [item] and list(trace.examples.all()) == [example]
    page = intern_client.get(reverse("skills:examples", args=[dossier.pk])).content.decode()
    assert reverse("evidence:detail", args=[dossier.pk, trace.pk]) in page
    listing = intern_client.get(
        reverse("evidence:list", args=[dossier.pk]), {"skill": item.pk}
    ).content.decode()
    assert "cr.txt" in listing or "t</a>" in listing
