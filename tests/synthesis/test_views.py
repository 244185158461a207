from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bilan.synthesis import services
from bilan.synthesis.models import Synthesis, SynthesisVersion


@pytest.fixture
def ids(full_dossier):
    version = services.synthesis_generate(dossier=full_dossier)
    return {"d": full_dossier.pk, "v": version.number}


URLS = [
    ("synthesis:home", ["d"], "get"),
    ("synthesis:generate", ["d"], "post"),
    ("synthesis:edit", ["d"], "get"),
    ("synthesis:edit", ["d"], "post"),
    ("synthesis:regenerate", ["d"], "get"),
    ("synthesis:regenerate", ["d"], "post"),
    ("synthesis:versions", ["d"], "get"),
    ("synthesis:version", ["d", "v"], "get"),
    ("synthesis:version", ["d", "v"], "post"),
    ("synthesis:review", ["d"], "get"),
    ("synthesis:pages", ["d"], "get"),
    ("synthesis:layout", ["d"], "post"),
]


def _url(name, keys, ids):
    return reverse(name, args=[ids[key] for key in keys])


@pytest.mark.parametrize(("name", "keys", "method"), URLS)
def test_outsider_gets_404_and_changes_nothing(outsider_client, ids, name, keys, method):
    response = getattr(outsider_client, method)(_url(name, keys, ids), {"introduction": "x"})
    assert response.status_code == 404
    assert SynthesisVersion.objects.count() == 1


@pytest.mark.parametrize(("name", "keys", "method"), URLS)
def test_anonymous_goes_to_login(client, ids, name, keys, method):
    response = getattr(client, method)(_url(name, keys, ids))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_export_is_private(outsider_client, intern_client, ids, fmt):
    url = reverse("synthesis:export", args=[ids["d"], fmt])
    assert outsider_client.get(url).status_code == 404
    response = intern_client.get(url)
    assert response.status_code == 200
    assert f"bilan-{ids['d']}." in response["Content-Disposition"]


def test_unknown_format_is_404(intern_client, ids):
    assert intern_client.get(reverse("synthesis:export", args=[ids["d"], "exe"])).status_code == 404


def test_first_visit_offers_generation(intern_client, dossier):
    page = intern_client.get(reverse("synthesis:home", args=[dossier.pk])).content.decode()
    assert "Rédiger la première version" in page
    intern_client.post(reverse("synthesis:generate", args=[dossier.pk]))
    assert Synthesis.objects.get(dossier=dossier).versions.count() == 1


def test_edit_saves_a_version_and_refuses_huge_text(intern_client, ids, full_dossier):
    url = reverse("synthesis:edit", args=[ids["d"]])
    form = intern_client.get(url).content.decode()
    assert "Relire avec le coach" in form
    current = SynthesisVersion.objects.get().sections
    response = intern_client.post(url, {**current, "ouverture": "**Mon** ouverture"})
    assert response.status_code == 302
    assert SynthesisVersion.objects.count() == 2
    response = intern_client.post(url, {**current, "ouverture": "x" * 20_000})
    assert response.status_code == 400
    assert SynthesisVersion.objects.count() == 2
    home = intern_client.get(reverse("synthesis:home", args=[ids["d"]])).content.decode()
    assert "<strong>Mon</strong> ouverture" in home


def test_regenerate_page_leaves_edited_sections_unticked(intern_client, ids, full_dossier):
    synthesis = Synthesis.objects.get()
    current = SynthesisVersion.objects.get()
    services.synthesis_save(synthesis=synthesis, sections=dict(current.sections, ouverture="Moi"))
    page = intern_client.get(reverse("synthesis:regenerate", args=[ids["d"]])).content.decode()
    assert 'value="ouverture">' in page  # offered, not ticked
    assert "modifiée par vous" in page
    intern_client.post(reverse("synthesis:regenerate", args=[ids["d"]]), {"sections": []})
    assert SynthesisVersion.objects.order_by("-number").first().sections["ouverture"] == "Moi"


def test_versions_compare_page(intern_client, ids):
    synthesis = Synthesis.objects.get()
    current = SynthesisVersion.objects.get()
    services.synthesis_save(
        synthesis=synthesis, sections=dict(current.sections, introduction="Intro v2")
    )
    page = intern_client.get(
        reverse("synthesis:versions", args=[ids["d"]]), {"old": 1, "new": 2}
    ).content.decode()
    assert "<ins>Intro v2</ins>" in page


def test_pages_fragment_and_review(intern_client, ids):
    pages = intern_client.get(reverse("synthesis:pages", args=[ids["d"]])).content.decode()
    assert "Le PDF fait" in pages
    review = intern_client.get(reverse("synthesis:review", args=[ids["d"]])).content.decode()
    assert "Voir le texte relu" in review


def test_cli_export(full_dossier, tmp_path):
    out = StringIO()
    target = tmp_path / "bilan.pdf"
    call_command(
        "synthesis",
        "export",
        str(full_dossier.pk),
        "--format",
        "pdf",
        "-o",
        str(target),
        stdout=out,
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert "page(s)" in out.getvalue()
    md = tmp_path / "bilan.md"
    call_command("synthesis", "export", str(full_dossier.pk), "--format", "md", "-o", str(md))
    assert md.read_text().startswith("# Bilan de fin de stage")
    with pytest.raises(CommandError):
        call_command("synthesis", "export", "9999", "-o", str(md))
