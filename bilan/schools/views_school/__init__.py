"""The school helper's pages: organisations and their cohorts, members, the intern's "Mon école"
page and the referent's view of an intern (routes in `urls_school.py`, namespace `schools`)."""
