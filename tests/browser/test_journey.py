"""The whole journey of an intern, in real Chromium, with axe-core on every page it visits.

French on a desktop screen, then English on a 375 px phone: sign up, a dossier from a pasted
mission and its objectives, the journal, a DOCX and an e-mail as traces, three skills with their
examples, a difficulty and its solution (its vague first draft fixed with the coach), a colleague
answering from the e-mailed link in a browser of their own, and the synthesis PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from email.message import EmailMessage
from email.utils import format_datetime

import docx
import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from bilan.accounts.models import User
from bilan.dossiers.models import Dossier
from bilan.evidence.models import Trace
from bilan.feedback.models import Answer, FeedbackRequest
from bilan.jobs.services import jobs_run_pending
from bilan.skills.models import DossierSkill, Highlight

from .axe import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+/f/[A-Za-z0-9_-]{43}/")

JOURNEYS = {
    "fr": {
        "viewport": {"width": 1280, "height": 900},
        "locale": "fr-FR",
        "mission": (
            "Activités confiées :\n- Suivre les chantiers de rénovation\n"
            "- Préparer les devis avec le conducteur de travaux\n"
            "- Mettre à jour le planning des équipes"
        ),
        "objectives": [
            "Suivre les chantiers de rénovation",
            "Préparer les devis avec le conducteur de travaux",
            "Mettre à jour le planning des équipes",
        ],
        "journal": "Première visite de chantier avec le conducteur de travaux.",
        "docx": "Compte rendu de la réunion de chantier : planning des équipes validé.",
        "mail_subject": "Devis de la rue Lesdiguières",
        "mail_body": "Bonjour Yanis,\nMerci pour le devis envoyé hier, il est accepté.\nMarc",
        "skills": [
            ("Chiffrer un devis de rénovation", "technical"),
            ("Organiser le planning d'une équipe", "transversal"),
            ("Garder son calme face à un client mécontent", "behavioural"),
        ],
        "example": (
            "Le 14 mai, j'ai chiffré seul le devis de la rue Lesdiguières.",
            "Le client attendait une réponse sous 48 heures.",
            "J'ai relevé les métrés sur place puis comparé trois fournisseurs.",
            "Le devis de 18 400 euros a été signé le 20 mai.",
            "Vérifier les quantités sur place avant de chiffrer.",
        ),
        "difficulty": "Le planning des équipes n'était jamais à jour",
        "vague": "Le planning des équipes changeait tous les jours. Tout s'est très bien passé.",
        "fixed": (
            "Le planning des équipes changeait tous les jours. Le 14 mai, j'ai refait le planning "
            "des trois équipes dans un tableur partagé ; le conducteur de travaux l'a validé le "
            "lendemain."
        ),
        "solution": "Un tableur partagé, mis à jour chaque matin à 8 heures avec le chef d'équipe.",
        "situation": (
            "Le 12 mai, Yanis a présenté le devis de la rue Lesdiguières au client ; "
            "il a été signé une semaine plus tard."
        ),
    },
    "en": {
        "viewport": {"width": 375, "height": 812},
        "locale": "en-GB",
        "mission": (
            "Tasks:\n- Follow the renovation sites\n- Prepare quotes with the site manager\n"
            "- Keep the crews' schedule up to date"
        ),
        "objectives": [
            "Follow the renovation sites",
            "Prepare quotes with the site manager",
            "Keep the crews' schedule up to date",
        ],
        "journal": "First site visit with the site manager.",
        "docx": "Minutes of the site meeting: the crews' schedule was approved.",
        "mail_subject": "Quote for Lesdiguières street",
        "mail_body": "Hello Yanis,\nThanks for the quote you sent yesterday, it is accepted.\nMarc",
        "skills": [
            ("Costing a renovation quote", "technical"),
            ("Planning a crew's week", "transversal"),
            ("Staying calm with an unhappy client", "behavioural"),
        ],
        "example": (
            "On 14 May I costed the Lesdiguières street quote on my own.",
            "The client expected an answer within 48 hours.",
            "I measured the rooms on site, then compared three suppliers.",
            "The 18,400 euro quote was signed on 20 May.",
            "Check the quantities on site before costing anything.",
        ),
        "difficulty": "The crews' schedule was never up to date",
        "vague": (
            "Two crews arrived at the same site on 3 April because the schedule was out of "
            "date. Everything went really well."
        ),
        "fixed": (
            "Two crews arrived at the same site on 3 April because the schedule was out of date. "
            "On 14 May I rebuilt the schedule of the three crews in a shared spreadsheet; the "
            "site manager approved it the next day."
        ),
        "solution": "A shared spreadsheet, updated every morning at 8 with the crew leader.",
        "situation": (
            "On 12 May Yanis presented the Lesdiguières street quote to the client; "
            "it was signed a week later."
        ),
    },
}


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _eml(subject: str, body: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Marc Roux <marc.roux@example.org>"
    message["To"] = "Yanis Haddad <yanis@example.org>"
    message["Subject"] = subject
    message["Date"] = format_datetime(dt.datetime(2026, 5, 15, 9, 30, tzinfo=dt.UTC))
    message["Message-ID"] = "<devis-1@example.org>"
    message.set_content(body)
    return message.as_bytes()


def _submit(page: Page, form: str = "main form") -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def _step(page: Page, section: str) -> None:
    """Go to a section of the dossier through its step bar, as the intern does."""
    with page.expect_navigation():
        page.locator(f"nav ol.steps a[href$='{section}']").click()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whole_journey(lang, live_server, browser, smtp, axe: AxeAudit, settings, tmp_path):
    cache.clear()  # the personal-link rate limit counts per address in the cache
    settings.SITE_URL = live_server.url
    words = JOURNEYS[lang]
    context = browser.new_context(viewport=words["viewport"], locale=words["locale"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    axe.track(page)
    url = live_server.url

    # Sign up.
    page.goto(f"{url}/accounts/signup/")
    axe.check(page)
    assert page.evaluate("document.documentElement.lang") == lang
    page.fill("#id_first_name", "Yanis")
    page.fill("#id_last_name", "Haddad")
    page.fill("#id_email", "yanis@example.org")
    page.fill("#id_password1", "chantier-du-printemps-26")
    page.fill("#id_password2", "chantier-du-printemps-26")
    page.select_option("#id_language", lang)
    _submit(page)

    # A dossier from the pasted mission; the objectives are proposed straight away.
    page.wait_for_url("**/dossiers/new/")
    axe.check(page)
    assert User.objects.get(email="yanis@example.org").language == lang
    page.fill("#id_organisation", "BTP Rénov' Grenoble")
    page.fill("#id_start_date", "2026-03-02")
    page.fill("#id_end_date", "2026-02-01")
    page.fill("#id_mission_text", words["mission"])
    _submit(page)
    axe.check(page)  # the form again, with its error
    assert page.locator("main .errorlist").count() == 1
    assert not Dossier.objects.exists()
    page.fill("#id_end_date", "2026-06-26")
    _submit(page)
    page.wait_for_url("**/objectives/import/")
    axe.check(page)
    dossier = Dossier.objects.get(owner__email="yanis@example.org")
    assert page.input_value("#id_text").splitlines() == words["objectives"]
    _submit(page)
    page.wait_for_url(f"**/dossiers/{dossier.pk}/objectives/")
    axe.check(page)
    assert list(dossier.objectives.values_list("title", flat=True)) == words["objectives"]
    base = f"{url}/dossiers/{dossier.pk}"

    # The journal, from the dossier's home page.
    page.goto(f"{base}/")
    axe.check(page)
    page.fill("#id_text", words["journal"])
    _submit(page, "#capture-title ~ form")
    axe.check(page)
    assert list(dossier.journal_entries.values_list("text", flat=True)) == [words["journal"]]
    _step(page, "/journal/")
    axe.check(page)
    expect(page.locator("main")).to_contain_text(words["journal"])

    # Two traces: a Word report and a saved e-mail, extracted by the worker.
    report = tmp_path / "compte-rendu.docx"
    report.write_bytes(_docx(words["docx"]))
    email = tmp_path / "devis.eml"
    email.write_bytes(_eml(words["mail_subject"], words["mail_body"]))
    page.goto(f"{base}/traces/upload/")
    axe.check(page)
    page.set_input_files("input[type=file]", [str(report), str(email)])
    _submit(page)
    page.wait_for_url(f"**/dossiers/{dossier.pk}/traces/")
    axe.check(page)  # extraction still pending
    jobs_run_pending()  # what `bilan worker` does beside the server
    page.reload()
    axe.check(page)
    traces = Trace.objects.filter(dossier=dossier)
    assert sorted(traces.values_list("filename", "extraction")) == [
        ("compte-rendu.docx", "done"),
        ("devis.eml", "done"),
    ]
    assert words["docx"] in traces.get(filename="compte-rendu.docx").text
    mail = traces.get(filename="devis.eml")
    assert (mail.kind, mail.title) == ("email", words["mail_subject"])
    assert words["mail_body"].splitlines()[1] in mail.text
    with page.expect_navigation():
        page.locator(f"main table a[href$='/traces/{mail.pk}/']").click()
    axe.check(page)
    expect(page.locator("main")).to_contain_text(words["mail_body"].splitlines()[1])

    # Three skills in the intern's words, each with an example.
    page.goto(f"{base}/skills/")
    axe.check(page)
    for label, family in words["skills"]:
        page.fill("#id_label", label)
        page.select_option("#id_family", family)
        _submit(page, "form[action$='/skills/add/']")
        axe.check(page)
    skills = list(DossierSkill.objects.filter(dossier=dossier).order_by("pk"))
    assert [s.label for s in skills] == [label for label, _ in words["skills"]]
    situation, task, action, result, learned = words["example"]
    for number, skill in enumerate(skills, start=1):
        page.goto(f"{base}/skills/")
        axe.check(page)
        page.locator(f"a[href$='/skills/examples/new/?skill={skill.pk}']").click()
        page.wait_for_url("**/skills/examples/new/*")
        axe.check(page)
        expect(page.get_by_label(skill.label)).to_be_checked()
        page.fill("#id_title", f"{skill.label} ({number})")
        page.fill("#id_situation", situation)
        page.fill("#id_task", task)
        page.fill("#id_action", action)
        page.fill("#id_result", result)
        page.fill("#id_learned", learned)
        _submit(page)
        page.wait_for_url("**/skills/examples/")
        axe.check(page)
    for skill in skills:
        assert skill.examples.count() == 1, skill.label

    # A difficulty and its solution; the coach flags the vague draft, then not the fix.
    _step(page, "/skills/highlights/")
    axe.check(page)
    page.goto(f"{base}/skills/highlights/new/difficulty/")
    axe.check(page)
    page.fill("#id_title", words["difficulty"])
    page.fill("#id_description", words["vague"])
    coach = page.locator(".field", has=page.locator("#id_description")).locator(".coach-tools")
    coach.locator("button").click()
    review = coach.locator(".coach-review .coach-text")
    expect(review).to_contain_text(words["vague"][-15:])
    expect(review.locator("mark.coach-vague")).not_to_have_count(0)
    axe.check(page)
    page.fill("#id_description", words["fixed"])
    coach.locator("button").click()
    expect(review).to_contain_text(words["fixed"][-15:])
    expect(review.locator("mark.coach-vague")).to_have_count(0)
    axe.check(page)
    page.fill("#id_solution", words["solution"])
    _submit(page)
    page.wait_for_url("**/skills/highlights/")
    axe.check(page)
    difficulty = Highlight.objects.get(dossier=dossier, kind=Highlight.Kind.DIFFICULTY)
    assert (difficulty.description, difficulty.solution) == (words["fixed"], words["solution"])

    # A colleague is invited; the e-mail goes out through SMTP; they answer in their own browser.
    page.goto(f"{base}/feedback/invite/")
    axe.check(page)
    page.fill("#id_name", "Marc Roux")
    page.fill("#id_email", "marc.roux@example.org")
    page.select_option("#id_relationship", FeedbackRequest.Relationship.COLLEAGUE)
    page.select_option("#id_language", lang)
    with page.expect_navigation():
        page.locator("main form button[type=submit]:not([name=preview])").click()
    # The form posts to "#apercu" (where a preview would show); the fragment outlives the redirect.
    page.wait_for_url(re.compile(rf"/dossiers/{dossier.pk}/feedback/(#apercu)?$"))
    axe.check(page)
    jobs_run_pending()
    assert [rcpt for _, rcpt in smtp.envelopes] == [["marc.roux@example.org"]]
    message = smtp.messages[0]
    assert message["Content-Language"] == lang
    link = LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(0)

    colleague = browser.new_context(viewport=words["viewport"], locale=words["locale"])
    rater = colleague.new_page()
    rater.set_default_timeout(15_000)
    axe.track(rater)
    rater.goto(link)
    axe.check(rater)
    assert rater.evaluate("document.documentElement.lang") == lang
    with rater.expect_navigation():
        rater.locator("main a.button").click()  # past the privacy notice
    axe.check(rater)
    rater.get_by_label(skills[0].label).check()
    rater.fill("textarea[name=situation]", words["situation"])
    _submit(rater)
    rater.wait_for_url("**/thanks/")
    axe.check(rater)
    colleague.close()
    answer = Answer.objects.get(request__dossier=dossier)
    assert list(answer.strengths.all()) == [skills[0]]
    assert answer.situation == words["situation"]
    page.reload()
    axe.check(page)
    assert FeedbackRequest.objects.get(dossier=dossier).status == FeedbackRequest.Status.ANSWERED
    with page.expect_navigation():
        page.locator(f"main a[href$='/dossiers/{dossier.pk}/feedback/results/']").first.click()
    axe.check(page)
    expect(page.locator("main")).to_contain_text(words["situation"])

    # The synthesis, written from the dossier, as a PDF of two pages at most.
    _step(page, "/synthesis/")
    axe.check(page)
    _submit(page)
    page.wait_for_url(f"**/dossiers/{dossier.pk}/synthesis/")
    pages = page.locator(".synthesis-export .coach-ok")  # the page count, loaded by htmx
    expect(pages).to_be_visible()
    axe.check(page)
    with page.expect_download() as download:
        page.locator(".synthesis-export a.button[href$='/export/pdf/']").click()
    pdf = PdfReader(download.value.path())
    assert 1 <= len(pdf.pages) <= 2
    expect(pages).to_contain_text(str(len(pdf.pages)))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "BTP Rénov" in text and words["skills"][0][0] in text
    with page.expect_navigation():
        page.locator(f"main .subnav a[href$='/dossiers/{dossier.pk}/synthesis/edit/']").click()
    axe.check(page)
    if lang == "en":
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

    context.close()
    axe.assert_clean()


def test_the_audit_can_fail(live_server, page, axe: AxeAudit):
    """The audit sees a real violation, sideways scrolling on a phone, and a page loaded again
    but not audited again."""
    axe.track(page)
    page.goto(f"{live_server.url}/accounts/signup/")
    page.evaluate("document.querySelector('label[for=id_email]').remove()")
    axe.check(page)
    found = axe.violations
    assert any(": label (critical)" in v and "#id_email" in v for v in found), found
    axe.violations.clear()
    page.evaluate(
        "document.querySelector('main').append(Object.assign("
        "document.createElement('pre'), {textContent: 'x'.repeat(200)}))"
    )
    axe.check(page)  # the page fixture is 375 px wide
    assert any("reflow" in v for v in axe.violations), axe.violations
    axe.violations.clear()
    page.reload()
    with pytest.raises(AssertionError, match="never audited: \\['/accounts/signup/'\\]"):
        axe.assert_clean()
