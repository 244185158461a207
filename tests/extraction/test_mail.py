from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from extraction_samples import (
    BROKEN_MESSAGE,
    make_email,
    make_pdf,
    write_mbox,
    write_zip_of_eml,
)

from bilan.evidence.extraction import (
    ExtractionFailed,
    Limits,
    extract_bytes,
    extract_path,
    iter_mailbox,
    iter_mbox_messages,
)
from bilan.evidence.extraction.detect import OLE2_MAGIC


def test_eml_headers_body_and_attachments(mail_messages: list[bytes]) -> None:
    result = extract_bytes(mail_messages[0], "merci.eml")
    assert result.type == "eml"
    assert result.error is None
    assert result.title == "Merci pour ton aide sur le projet"
    assert result.author == "Paul Dupont <paul@example.org>"
    assert result.date == datetime(2025, 6, 12, 9, 30, tzinfo=UTC)
    assert result.message_id == "<merci-1@example.org>"
    assert "Merci pour la démo" in result.text
    pdf, note = result.children
    assert (pdf.type, pdf.filename, pdf.text) == ("pdf", "rapport.pdf", "Annexe du rapport")
    assert pdf.content is not None and pdf.content.startswith(b"%PDF")
    assert (note.type, note.text) == ("txt", "Note écrite en cp1252")


def test_broken_message_is_decoded_best_effort() -> None:
    result = extract_bytes(BROKEN_MESSAGE)
    assert result.error is None
    assert result.title == "Réunion d'équipe ✓"
    assert result.author == "Renée Café <renee@example.org>"
    assert result.date is None
    assert result.message_id is None
    assert "décisions prises à l'unanimité" in result.text


def test_html_only_message_is_converted() -> None:
    raw = make_email(body="", html="<p>Bravo <b>Léa</b></p><script>x()</script>")
    assert extract_bytes(raw).text == "Bravo Léa"


def test_forwarded_message_is_a_child() -> None:
    inner = message_from_bytes(make_email(subject="Message d'origine"), policy=policy.default)
    outer = message_from_bytes(make_email(), policy=policy.default)
    assert isinstance(outer, EmailMessage)
    outer.add_attachment(inner)
    (child,) = extract_bytes(outer.as_bytes()).children
    assert child.type == "eml"
    assert child.title == "Message d'origine"


@pytest.fixture
def mbox_path(tmp_path: Path, mail_messages: list[bytes]) -> Path:
    return write_mbox(tmp_path / "boite.mbox", mail_messages)


def test_mbox_streams_every_message(mbox_path: Path) -> None:
    messages = list(iter_mbox_messages(mbox_path))
    assert [m.title for m in messages] == [
        "Merci pour ton aide sur le projet",
        "Réunion d'équipe ✓",
        "Sans identifiant",
    ]
    assert all(m.error is None for m in messages)
    first, _, last = messages
    assert [c.filename for c in first.children] == ["rapport.pdf", "note.txt"]
    assert first.children[0].text == "Annexe du rapport"
    # mailbox escapes body lines starting with "From "; the escape is undone.
    assert last.text == "From the beginning, merci."
    assert last.message_id is None and last.date is None


def test_mbox_without_attachment_extraction_keeps_bytes(mbox_path: Path) -> None:
    first = next(iter_mailbox(mbox_path, extract_attachments=False))
    assert first.children[0].type == "pdf"
    assert first.children[0].text == ""
    assert first.children[0].content is not None


def test_zip_of_eml(tmp_path: Path, mail_messages: list[bytes]) -> None:
    path = write_zip_of_eml(tmp_path / "mails.zip", mail_messages)
    messages = list(iter_mailbox(path))
    assert len(messages) == 3
    assert messages[0].filename == "mails/message-001.eml"
    assert messages[1].title == "Réunion d'équipe ✓"


def test_extract_path_on_mailbox_gives_messages_as_children(mbox_path: Path) -> None:
    result = extract_path(mbox_path)
    assert result.type == "mbox"
    assert len(result.children) == 3
    # Bytes are dropped in this collecting mode to bound memory.
    assert result.children[0].children[0].content is None


def test_too_many_messages(mbox_path: Path) -> None:
    limits = Limits(max_messages=2)
    with pytest.raises(ExtractionFailed) as failure:
        list(iter_mailbox(mbox_path, limits=limits))
    assert failure.value.code == "too_many_messages"
    result = extract_path(mbox_path, limits=limits)
    assert len(result.children) == 2
    assert result.error_code == "too_many_messages"


def test_oversized_message_is_skipped_not_loaded(tmp_path: Path) -> None:
    big = make_email(body="x" * 200_000)
    path = write_mbox(tmp_path / "big.mbox", [big, make_email(subject="petit")])
    first, second = iter_mailbox(path, limits=Limits(max_file_bytes=100_000))
    assert first.error_code == "too_large"
    assert second.title == "petit"


def test_mbox_over_import_limit(mbox_path: Path) -> None:
    with pytest.raises(ExtractionFailed) as failure:
        list(iter_mailbox(mbox_path, limits=Limits(max_import_bytes=100)))
    assert failure.value.code == "import_too_large"


def test_mbox_with_broken_headers_and_mixed_encodings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.mbox"
    path.write_bytes(
        b"From x Mon Jan  1 00:00:00 2024\n"
        + BROKEN_MESSAGE
        + b"\nFrom y Mon Jan  1 00:00:00 2024\n"
        + b"Subject: =?koi8-r?B?invalid base64!?= =?no-such-charset?Q?caf=E9?=\n"
        + b"From: \xe9\xe9 <\xff@\xfe>\nDate: Mon, 99 Foo 2024 99:99:99 +9999\n"
        + b'Content-Type: multipart/mixed; boundary="never-closed"\n\n'
        + b"--never-closed\nContent-Type: text/plain; charset=utf-16\n\n\xff\xfe\xd8\n"
        + b"\nFrom z Mon Jan  1 00:00:00 2024\n\n\n"
        + b"a line without newline " * 10_000
    )
    messages = list(iter_mailbox(path))
    assert len(messages) == 3
    assert messages[1].title is not None and "café" in messages[1].title
    assert messages[1].date is None


def test_memory_stays_flat_with_more_messages(tmp_path: Path) -> None:
    attachment = [("annexe.pdf", make_pdf(["Annexe"]), "application/pdf")]
    raw = make_email(body="Compte rendu " * 200, attachments=attachment)

    def peak(count: int) -> int:
        path = tmp_path / f"{count}.mbox"
        path.write_bytes(
            b"".join(b"From a@b Mon Jan  1 00:00:00 2024\n" + raw for _ in range(count))
        )
        tracemalloc.start()
        for message in iter_mailbox(path, extract_attachments=False):
            assert message.error is None
        _, high = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return high

    small, large = peak(20), peak(400)
    assert large < small * 2, (small, large)


def test_msg_detection_and_clean_error_on_garbage_ole() -> None:
    result = extract_bytes(OLE2_MAGIC + b"\x00" * 4000, "mail.msg", lang="en")
    assert result.type == "msg"
    assert result.error == "text not extracted: unreadable, corrupt or truncated file"


def test_password_protected_office_file_in_ole_container() -> None:
    data = OLE2_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600
    assert extract_bytes(data).error_code == "encrypted"
