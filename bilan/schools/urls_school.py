"""Routes of the school pages (namespace `schools`)."""

from __future__ import annotations

from django.urls import path

from .views_school import intern, members, organisations, referent

app_name = "schools"

ORG = "schools/<int:organisation_id>/"
INTERN = "cohorts/<int:cohort_id>/interns/<int:enrolment_id>/"

urlpatterns = [
    path("schools/", organisations.school_index, name="index"),
    path("schools/new/", organisations.organisation_create, name="organisation_create"),
    path(ORG, organisations.organisation_home, name="organisation"),
    path(f"{ORG}programmes/new/", organisations.programme_create, name="programme_create"),
    path(
        f"{ORG}programmes/<int:programme_id>/edit/",
        organisations.programme_edit,
        name="programme_edit",
    ),
    path(
        f"{ORG}programmes/<int:programme_id>/delete/",
        organisations.programme_delete,
        name="programme_delete",
    ),
    path(
        f"{ORG}programmes/<int:programme_id>/cohorts/new/",
        organisations.cohort_create,
        name="cohort_create",
    ),
    path(f"{ORG}cohorts/<int:cohort_id>/edit/", organisations.cohort_edit, name="cohort_edit"),
    path(
        f"{ORG}cohorts/<int:cohort_id>/delete/", organisations.cohort_delete, name="cohort_delete"
    ),
    path(f"{ORG}cohorts/<int:cohort_id>/code/", organisations.cohort_code, name="cohort_code"),
    path(
        f"{ORG}cohorts/<int:cohort_id>/referents/",
        members.cohort_referents,
        name="cohort_referents",
    ),
    path(f"{ORG}members/", members.members, name="members"),
    path(f"{ORG}members/<int:membership_id>/remove/", members.member_remove, name="member_remove"),
    # The intern's side of their enrolment.
    path("dossiers/<int:dossier_id>/school/", intern.my_school, name="my_school"),
    path(
        "dossiers/<int:dossier_id>/school/submit/", intern.my_school_submit, name="my_school_submit"
    ),
    # The referent's view of one intern.
    path(INTERN, referent.intern_overview, name="intern"),
    path(f"{INTERN}synthesis/", referent.intern_synthesis, name="intern_synthesis"),
    path(f"{INTERN}synthesis/pdf/", referent.intern_synthesis_pdf, name="intern_synthesis_pdf"),
    path(f"{INTERN}evaluation/", referent.intern_evaluation, name="intern_evaluation"),
    path(f"{INTERN}journal/", referent.intern_journal, name="intern_journal"),
    path(f"{INTERN}traces/", referent.intern_traces, name="intern_traces"),
    path(
        f"{INTERN}traces/<int:trace_id>/file/",
        referent.intern_trace_download,
        name="intern_trace_download",
    ),
    path(f"{INTERN}feelings/", referent.intern_feelings, name="intern_feelings"),
    path(f"{INTERN}drafts/", referent.intern_drafts, name="intern_drafts"),
]
