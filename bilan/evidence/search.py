"""Trace search: the database's full-text engine over accent-folded French stems, ranked.

Each trace keeps a `search_text` of accent-folded Snowball stems (so "développé", "developpe"
and "développement" meet on "developp"), written by the services that change the trace's text.
Each database indexes that column with its own full-text engine:

- PostgreSQL: a stored generated column `search_vector = to_tsvector('french', search_text)`
  with a GIN index (migration 0003). It follows `search_text` by itself. Queries use
  `to_tsquery('french', ...)` and rank with `ts_rank` (normalised by document length).
- SQLite: an FTS5 table `evidence_trace_fts` (tokenizer `unicode61 remove_diacritics 2`), one
  row per trace, written here by `index_store` whenever a service saves the trace's text. A
  database trigger removes a trace's row when the trace is deleted, cascades included (a
  deleted dossier or account leaves no words behind). Ranked by `bm25`.

A query's stems are all required, each as a prefix ("rapp" finds "rapport"). The dossier's
traces with the page's other filters (kind, dates, objective, skill) are the ORM queryset the
caller passes, so the owner check and privacy hold on both databases. The search ranks the
RANKED_AT_MOST most recently added matches (all of them, in any real dossier), then the page
is read in that order: ranking costs a little per match, and reading only the page's rows keeps
a broad query over 50,000 traces in one dossier well under 200 ms on both databases
(bench/traces.py --search). SQLite's index also holds the dossier as a token, so a match never
walks other dossiers' traces. On PostgreSQL, a query made only of stop words finds nothing.

Why a trigger only for deletes: inserts and updates go through the evidence services (the
project's rule: no logic in signals or `save()`), but a dossier or an account is deleted by
their own apps, which must not know about evidence. A SQLite trigger is dropped when Django
rebuilds the table (some ALTERs on SQLite do), so `test_search_index.py` checks that it is
still there after every migration.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet, Value
from django.db.models.expressions import Col, Expression

from bilan.textfold import fold

from .models import Trace

# A word as both full-text tokenizers see one: letters and digits ("_" separates).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Enough text for a long report; beyond it the extra words rarely change what a search finds.
MAX_INDEXED_CHARS = 300_000
MAX_QUERY_TERMS = 12
_FTS_DELETE = "DELETE FROM evidence_trace_fts WHERE rowid = %s"
_FTS_INSERT = (
    "INSERT INTO evidence_trace_fts (rowid, document, dossier, trace_id) VALUES (%s, %s, %s, %s)"
)
PG_CONFIG = "french"


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return fold(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    # Numbers, dates and codes need no stemming, and would fill the cache with one-offs.
    return [
        fold(word) if any(char.isdigit() for char in word) else _stem(word)
        for word in _WORD.findall(text.casefold())
    ]


def index_text(*parts: str) -> str:
    joined = " ".join(part for part in parts if part)[:MAX_INDEXED_CHARS]
    return " " + " ".join(stems(joined)) + " "


def query_terms(query: str) -> list[str]:
    seen: dict[str, None] = {}
    for stem in stems(query[:500]):
        # A stem is letters and digits, so it cannot carry full-text query syntax.
        for token in _WORD.findall(stem):
            seen.setdefault(token, None)
    return list(seen)[:MAX_QUERY_TERMS]


# Writing the SQLite index ---------------------------------------------------------------------


def _uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def index_store(*, traces: Iterable[Trace]) -> None:
    """Write the traces' current `search_text` to the SQLite index (PostgreSQL needs nothing)."""
    if not _uses_fts5():
        return
    rows = [(trace.pk, trace.search_text, f"d{trace.dossier_id}", trace.pk) for trace in traces]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(_FTS_DELETE, [(row[0],) for row in rows])
        cursor.executemany(_FTS_INSERT, rows)


# Querying -------------------------------------------------------------------------------------

# A query matching more traces than this ranks the most recently added ones only: ranking costs
# a little per match, and a search matching thousands of traces needs more words, not a rank.
RANKED_AT_MOST = 1_000

# SQLite: the match runs once over the index, newest first, and stops after RANKED_AT_MOST
# rows that pass the other filters; "+rowid" keeps SQLite from probing the index once per
# trace of the dossier instead (a prefix query costs a millisecond per probe).
_FTS_RANKED = (
    "SELECT rowid, bm25(evidence_trace_fts, 1.0, 0.0, 0.0) FROM evidence_trace_fts "
    "WHERE evidence_trace_fts MATCH %s AND +rowid IN ({filtered}) ORDER BY rowid DESC LIMIT %s"
)


@functools.cache
def _vector_field() -> SearchVectorField:
    field = SearchVectorField()
    field.set_attributes_from_name("search_vector")
    field.model = Trace
    return field


class _TraceVector(Expression):
    """PostgreSQL's generated `search_vector` column, which the model does not declare (it would
    be fetched with every trace); resolved against the query's own alias, subqueries included."""

    output_field = SearchVectorField()

    def resolve_expression(
        self,
        query: Any = None,
        allow_joins: bool = True,
        reuse: set[str] | None = None,
        summarize: bool = False,
        for_save: bool = False,
    ) -> Any:
        return Col(query.get_initial_alias(), _vector_field())


class _Position(Func):
    """Where a row's id stands in a list of ids (1 for the first), to keep a computed order."""

    output_field = IntegerField()

    def __init__(self, ids: list[int]) -> None:
        super().__init__(F("pk"))
        self.ids = ids

    def as_sqlite(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        column, params = compiler.compile(self.source_expressions[0])
        listed = "," + ",".join(map(str, self.ids)) + ","
        return f"instr(%s, ',' || {column} || ',')", (listed, *params)

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        column, params = compiler.compile(self.source_expressions[0])
        return f"array_position(%s::bigint[], {column})", (self.ids, *params)


def _fts_query(dossier_id: int, terms: list[str]) -> str:
    # Terms are letters and digits only (query_terms), so quoting them cannot break the syntax.
    words = " AND ".join(f'"{term}"*' for term in terms)
    return f'dossier : "d{dossier_id}" AND document : ({words})'


def fts_statement(
    traces: QuerySet[Trace], dossier_id: int, terms: list[str]
) -> tuple[str, list[Any]]:
    """SQLite: the ranked match over the filtered traces, as SQL and its parameters."""
    filtered, params = traces.order_by().values("pk").query.sql_with_params()
    sql = _FTS_RANKED.format(filtered=filtered)
    return sql, [_fts_query(dossier_id, terms), *params, RANKED_AT_MOST]


def _ranked_sqlite(
    traces: QuerySet[Trace], dossier_id: int, terms: list[str]
) -> list[tuple[int, float]]:
    try:
        statement = fts_statement(traces, dossier_id, terms)
    except EmptyResultSet:  # filters that cannot match anything (an empty list of ids)
        return []
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        # bm25 is better when lower.
        return [(pk, -score) for pk, score in cursor.fetchall()]


def _ranked_postgresql(traces: QuerySet[Trace], terms: list[str]) -> list[tuple[int, float]]:
    search = SearchQuery(
        " & ".join(f"'{term}':*" for term in terms), search_type="raw", config=PG_CONFIG
    )
    # The candidates first, then ts_rank on those only: computed in the scan, it would read
    # every match's vector (from TOAST, for long texts) before the LIMIT.
    candidates = (
        traces.alias(search_vector=_TraceVector())
        .filter(search_vector=search)
        .order_by("-pk")
        .values("pk")[:RANKED_AT_MOST]
    )
    rows = (
        Trace.objects.filter(pk__in=candidates)
        .alias(search_vector=_TraceVector())
        .annotate(score=SearchRank(F("search_vector"), search, normalization=Value(1)))
        .values_list("pk", "score")
    )
    return list(rows)


def matching(traces: QuerySet[Trace], *, dossier_id: int, query: str) -> QuerySet[Trace]:
    """The traces matching every stem of the query, best first, then newest.

    The rows are annotated with their `rank` (1 for the best). Pass the dossier's traces with
    the other filters already applied. A query without a word leaves the queryset as it is.
    """
    terms = query_terms(query)
    if not terms:
        return traces
    if _uses_fts5():
        scored = _ranked_sqlite(traces, dossier_id, terms)
    else:
        scored = _ranked_postgresql(traces, terms)
    # Best score first; among equals, the most recently added.
    ids = [pk for pk, _ in sorted(scored, key=lambda row: (-row[1], -row[0]))]
    if not ids:
        return traces.none()
    return traces.filter(pk__in=ids).annotate(rank=_Position(ids)).order_by("rank")
