"""Extraction benchmark: stream an MBOX of N messages with attachments, time and memory.

Run from the repository root: ``python bench/extraction.py``. No Django, no database: the
importer will also write rows, this measures the extraction part only.
"""

from __future__ import annotations

import io
import mailbox
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from bilan.evidence.extraction import (  # noqa: E402
    extract_bytes,
    extract_bytes_isolated,
    iter_mailbox,
)
from bilan.evidence.extraction.isolated import shutdown_helper  # noqa: E402


def small_pdf(number: int) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setTitle(f"Compte rendu {number}")
    pdf.drawString(72, 720, f"Compte rendu de la réunion numéro {number}, décisions prises.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def small_docx(number: int) -> bytes:
    document = docx.Document()
    document.add_paragraph(f"Livrable {number} : rapport d'avancement du stage.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_mbox(path: Path, count: int) -> None:
    # Attachments are built once per kind: generation is not what is measured.
    pdf, word = small_pdf(1), small_docx(1)
    box = mailbox.mbox(str(path), create=True)
    box.lock()
    try:
        for number in range(count):
            message = EmailMessage()
            message["From"] = f"Collègue {number % 17} <c{number % 17}@example.org>"
            message["To"] = "stagiaire@example.org"
            message["Subject"] = f"Point d'étape n°{number}"
            message["Date"] = "Thu, 12 Jun 2025 09:30:00 +0200"
            message["Message-ID"] = f"<bench-{number}@example.org>"
            message.set_content(f"Bonjour,\n\nMerci pour le point {number}. " * 20)
            kind = number % 3
            if kind == 0:
                message.add_attachment(
                    pdf, maintype="application", subtype="pdf", filename="cr.pdf"
                )
            elif kind == 1:
                message.add_attachment(
                    word,
                    maintype="application",
                    subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                    filename="livrable.docx",
                )
            else:
                message.add_attachment("Notes : tout va bien.\n", filename="notes.txt")
            box.add(message)
    finally:
        box.unlock()
        box.close()


def run(path: Path, attachments: Callable[[bytes, str | None], object] | None) -> dict[str, float]:
    tracemalloc.start()
    started = time.perf_counter()
    messages = children = 0
    extract_inline = attachments is None
    for message in iter_mailbox(path, extract_attachments=extract_inline):
        messages += 1
        for child in message.children:
            children += 1
            if attachments is not None and child.content is not None:
                attachments(child.content, child.filename)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"messages": messages, "attachments": children, "seconds": elapsed, "peak": peak}


def line(label: str, figures: dict[str, float]) -> str:
    return (
        f"{label:<34} {int(figures['messages']):>5} messages {int(figures['attachments']):>5}"
        f" attachments {figures['seconds']:7.2f} s  "
        f"{figures['seconds'] / figures['messages'] * 1000:6.2f} ms/msg  "
        f"peak {figures['peak'] / 1024 / 1024:6.2f} MiB"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "100.mbox", Path(tmp) / "1000.mbox"
        build_mbox(small, 100)
        build_mbox(large, 1000)
        print(
            f"mbox sizes: 100 msgs {small.stat().st_size / 1e6:.1f} MB, "
            f"1000 msgs {large.stat().st_size / 1e6:.1f} MB"
        )
        print("-- in-process (iter_mailbox, attachments extracted inline)")
        inline_small = run(small, None)
        inline_large = run(large, None)
        print(line("100 messages", inline_small))
        print(line("1000 messages", inline_large))
        print(f"peak memory ratio 1000/100: {inline_large['peak'] / inline_small['peak']:.2f}")

        print("-- isolated attachments (iter_mailbox + extract_bytes_isolated per attachment)")
        extract_bytes_isolated(b"warm-up", "w.txt")  # helper start-up is paid once per process

        def isolated(data: bytes, name: str | None) -> object:
            return extract_bytes_isolated(data, name)

        isolated_small = run(small, isolated)
        isolated_large = run(large, isolated)
        print(line("100 messages", isolated_small))
        print(line("1000 messages", isolated_large))
        print(f"peak memory ratio 1000/100: {isolated_large['peak'] / isolated_small['peak']:.2f}")

        print("-- per-file overhead of isolation (tiny text file, 200 calls)")
        for label, function in (
            ("in-process", extract_bytes),
            ("isolated", extract_bytes_isolated),
        ):
            started = time.perf_counter()
            for _ in range(200):
                function(b"Bonjour", "a.txt")
            print(f"{label:<12} {(time.perf_counter() - started) / 200 * 1000:.2f} ms/file")
        shutdown_helper()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ru_maxrss of this process (whole run, includes building the mboxes): {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
