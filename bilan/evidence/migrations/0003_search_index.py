"""Full-text search over traces: FTS5 on SQLite, a generated tsvector with GIN on PostgreSQL;
an index for the list's date order and filters.

Existing traces are re-indexed with today's folding (it now spells "œ" as "oe", as queries do)
and copied into the SQLite index, so nothing stored before becomes unsearchable.
"""

from typing import Any

from django.db import migrations, models

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE evidence_trace_fts USING fts5("
    "document, dossier, trace_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    # Deleting a trace (directly or by cascade from its dossier) removes its words.
    "CREATE TRIGGER evidence_trace_fts_delete AFTER DELETE ON evidence_trace BEGIN "
    "DELETE FROM evidence_trace_fts WHERE rowid = OLD.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS evidence_trace_fts_delete",
    "DROP TABLE IF EXISTS evidence_trace_fts",
]
POSTGRES_CREATE = [
    "ALTER TABLE evidence_trace ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('french'::regconfig, search_text)) STORED",
    "CREATE INDEX evidence_trace_search_vector ON evidence_trace USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS evidence_trace_search_vector",
    "ALTER TABLE evidence_trace DROP COLUMN IF EXISTS search_vector",
]
BATCH = 500


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def create_index(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def drop_index(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


def backfill(apps: Any, schema_editor: Any) -> None:
    from bilan.evidence.search import index_text

    Trace = apps.get_model("evidence", "Trace")
    connection = schema_editor.connection
    fields = ("id", "dossier_id", "title", "author", "note", "url", "text")
    last = 0
    while True:
        rows = list(Trace.objects.filter(id__gt=last).order_by("id").values_list(*fields)[:BATCH])
        if not rows:
            break
        last = rows[-1][0]
        indexed = [(pk, dossier, index_text(*parts)) for pk, dossier, *parts in rows]
        Trace.objects.bulk_update(
            [Trace(id=pk, search_text=text) for pk, _, text in indexed], ["search_text"]
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO evidence_trace_fts (rowid, document, dossier, trace_id) "
                    "VALUES (%s, %s, %s, %s)",
                    [(pk, text, f"d{dossier}", pk) for pk, dossier, text in indexed],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_trace_examples_trace_skills"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="trace",
            index=models.Index(fields=["dossier", "date"], name="evidence_tr_dossier_4f9f3b_idx"),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
