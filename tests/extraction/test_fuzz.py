"""Mutation fuzzing: start from a valid sample, flip, insert and delete bytes.

Whatever comes in, extraction returns an ``Extracted`` with a known error code or none, and
returns in time. Hypothesis' deadline is the in-process time check.
"""

from __future__ import annotations

import io
import time
import zipfile
from functools import cache

from extraction_samples import (
    BROKEN_MESSAGE,
    make_docx,
    make_email,
    make_jpeg_header,
    make_odt,
    make_pdf,
    make_png,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilan.evidence.extraction import MESSAGES, Limits, extract_bytes, extract_bytes_isolated
from bilan.evidence.extraction.detect import OLE2_MAGIC

FUZZ = settings(
    max_examples=40,
    deadline=3000,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIMITS = Limits(max_seconds=5)


@cache
def samples() -> dict[str, bytes]:
    mail = make_email(attachments=[("a.pdf", make_pdf(["pj"]), "application/pdf")])
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("a.eml", mail)
        archive.writestr("b.eml", BROKEN_MESSAGE)
    return {
        "pdf": make_pdf(["Bilan", "Page deux"]),
        "docx": make_docx(["Paragraphe"], table=[["a", "b"]]),
        "odt": make_odt(),
        "txt": "Texte en cp1252 : réunion".encode("cp1252"),
        "markdown": b"# Titre\n\n- un\n- deux\n",
        "html": b"<html><head><title>T</title></head><body><p>x</p><script>y</script></body>",
        "eml": mail,
        "mbox": b"From a@b Mon Jan  1 00:00:00 2024\n" + mail + b"\nFrom c@d x\n" + BROKEN_MESSAGE,
        "zip-eml": zipped.getvalue(),
        "msg": OLE2_MAGIC + b"\0" * 2048,
        "png": make_png(),
        "jpeg": make_jpeg_header(),
    }


mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.binary(min_size=1, max_size=16),
)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    buffer = bytearray(data)
    for operation, where, payload in mutations:
        position = int(where * len(buffer))
        if operation == "flip" and buffer:
            index = min(position, len(buffer) - 1)
            buffer[index] ^= payload[0] or 1
        elif operation == "insert":
            buffer[position:position] = payload
        elif operation == "delete":
            del buffer[position : position + len(payload) * 8]
        elif operation == "truncate":
            del buffer[position:]
    return bytes(buffer)


def check(data: bytes) -> None:
    result = extract_bytes(data, limits=LIMITS)
    assert result.error_code is None or result.error_code in MESSAGES
    assert isinstance(result.text, str)
    assert result.date is None or result.date.tzinfo is not None
    result.to_dict()


@FUZZ
@given(kind=st.sampled_from(sorted(samples())), mutations=st.lists(mutation, max_size=6))
def test_mutated_samples_never_raise(kind: str, mutations: list[tuple[str, float, bytes]]) -> None:
    check(mutate(samples()[kind], mutations))


# One run per extractor, so each gets its own examples and none is starved by the others.
def _per_kind(kind: str):  # type: ignore[no-untyped-def]
    @FUZZ
    @given(mutations=st.lists(mutation, min_size=1, max_size=8))
    def test(mutations: list[tuple[str, float, bytes]]) -> None:
        check(mutate(samples()[kind], mutations))

    return test


test_fuzz_pdf = _per_kind("pdf")
test_fuzz_docx = _per_kind("docx")
test_fuzz_odt = _per_kind("odt")
test_fuzz_eml = _per_kind("eml")
test_fuzz_mbox = _per_kind("mbox")
test_fuzz_zip_eml = _per_kind("zip-eml")
test_fuzz_html = _per_kind("html")


@settings(max_examples=6, deadline=None, database=None)
@given(kind=st.sampled_from(["pdf", "docx", "eml"]), mutations=st.lists(mutation, max_size=6))
def test_isolated_returns_within_its_limit(
    kind: str, mutations: list[tuple[str, float, bytes]]
) -> None:
    limits = Limits(max_seconds=1)
    started = time.monotonic()
    result = extract_bytes_isolated(mutate(samples()[kind], mutations), limits=limits)
    # The helper may start during the first example; afterwards a call costs milliseconds.
    assert time.monotonic() - started < 1 + 5
    assert result.error_code is None or result.error_code in MESSAGES
