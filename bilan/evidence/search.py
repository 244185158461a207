"""Accent-folded French stems, so "développé" finds "developpement".

Traces keep a `search_text` of space-separated stems; a query matches when every one of its
stems starts a word there. Plain LIKE scans on both SQLite and PostgreSQL stay well under the
200 ms budget for a dossier's few thousand traces (bench/traces.py measures it).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
# Enough text for a long report; beyond it the extra words rarely change what a search finds.
MAX_INDEXED_CHARS = 300_000


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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
        if stem:
            seen.setdefault(stem, None)
    return list(seen)[:12]
