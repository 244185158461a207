"""Real sample files, built by the tests themselves (no binary fixtures in the repository)."""

from __future__ import annotations

import io
import mailbox
import struct
import zipfile
import zlib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

WHEN = datetime(2025, 6, 12, 9, 30, tzinfo=UTC)


def make_pdf(pages: list[str], *, title: str = "Rapport de stage", author: str = "Léa") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    for text in pages:
        y = 800
        for line in text.split("\n"):
            pdf.drawString(72, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_encrypted_pdf(password: str = "secret") -> bytes:  # noqa: S107 - a test fixture
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Confidentiel"]))))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    paragraphs: list[str],
    *,
    table: list[list[str]] | None = None,
    title: str = "Compte rendu",
    author: str = "Léa Martin",
) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = WHEN.replace(tzinfo=None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
  xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">
<office:body><office:text>
<text:h text:outline-level="1">Bilan de la semaine</text:h>
<text:p>Réunion avec<text:s text:c="2"/>le tuteur<text:tab/>: <text:span
>validée</text:span>.</text:p>
<table:table><table:table-row>
<table:table-cell><text:p>Tâche</text:p></table:table-cell>
<table:table-cell><text:p>Statut</text:p></table:table-cell>
</table:table-row></table:table>
</office:text></office:body></office:document-content>
"""

ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
<office:meta><dc:title>Notes de stage</dc:title>
<meta:initial-creator>Léa Martin</meta:initial-creator>
<meta:creation-date>2025-06-12T09:30:00</meta:creation-date></office:meta>
</office:document-meta>
"""


def make_odt(content: str = ODT_CONTENT, meta: str = ODT_META) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ODF wants "mimetype" first and stored, so its name and value sit at fixed offsets.
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
    return buffer.getvalue()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p><text:p>&lol9;</text:p></w:body></w:document>
"""


def replace_member(archive_bytes: bytes, name: str, content: bytes | str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(archive_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = content if info.filename == name else source.read(info.filename)
            compression = zipfile.ZIP_STORED if info.filename == "mimetype" else None
            target.writestr(info.filename, data, compression)
    return buffer.getvalue()


def make_zip_bomb_docx(gigabytes: int = 1) -> bytes:
    """A DOCX whose document.xml inflates to ``gigabytes`` of zeros, built in well under a second.

    After a full flush the compressor has no history, so every megabyte of zeros compresses
    to the same bytes: one block is computed and repeated.
    """
    megabyte = b"\0" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes * 1024
    deflated = block * count + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(megabyte, crc)
    size = count << 20
    members = [
        ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_STORED, None),
        ("word/document.xml", deflated, zipfile.ZIP_DEFLATED, (crc, size)),
    ]
    return _raw_zip(members)


def make_zip_claiming(declared: int, name: str = "word/document.xml") -> bytes:
    """A small zip whose directory claims ``declared`` bytes for one member (ZIP64 fields)."""
    payload = b"<w:document/>"
    return _raw_zip(
        [
            ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_STORED, None),
            (name, payload, zipfile.ZIP_STORED, (zlib.crc32(payload), declared)),
        ]
    )


def _raw_zip(members: list[tuple[str, bytes, int, tuple[int, int] | None]]) -> bytes:
    """Hand-written zip so sizes can be whatever the test needs, including lies and ZIP64."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, claimed in members:
        crc, size = claimed if claimed else (zlib.crc32(data), len(data))
        encoded = name.encode()
        offset = out.tell()
        zip64 = size >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if zip64 else b""
        small_size = 0xFFFFFFFF if zip64 else size
        small_csize = 0xFFFFFFFF if zip64 else len(data)
        version = 45 if zip64 else 20
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                version,
                0,
                method,
                0,
                0x21,
                crc,
                small_csize,
                small_size,
                len(encoded),
                len(extra),
            )
        )
        out.write(encoded + extra + data)
        central_extra = struct.pack("<HHQQQ", 1, 24, size, len(data), offset) if zip64 else b""
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                version,
                version,
                0,
                method,
                0,
                0x21,
                crc,
                small_csize,
                small_size,
                len(encoded),
                len(central_extra),
                0,
                0,
                0,
                0,
                0xFFFFFFFF if zip64 else offset,
            )
        )
        central.write(encoded + central_extra)
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0
        )
    )
    return out.getvalue()


def make_email(
    *,
    subject: str = "Merci pour ton aide sur le projet",
    sender: str = "Paul Dupont <paul@example.org>",
    body: str = "Bonjour Léa,\n\nMerci pour la démo d'hier, très claire.\n",
    date: datetime | None = WHEN,
    message_id: str | None = "<merci-1@example.org>",
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Léa Martin <lea@example.org>"
    message["Subject"] = subject
    if date is not None:
        message["Date"] = format_datetime(date)
    if message_id is not None:
        message["Message-ID"] = message_id
    if body:
        message.set_content(body)
    if html is not None:
        if body:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    for filename, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


# A latin-1 body that claims to be UTF-8, an RFC 2047 subject, a date nobody can parse.
BROKEN_MESSAGE = (
    b"From: =?iso-8859-1?Q?Ren=E9e_Caf=E9?= <renee@example.org>\n"
    b"Subject: =?utf-8?B?UsOpdW5pb24gZCfDqXF1aXBl?= =?utf-8?Q?_=E2=9C=93?=\n"
    b"Date: the day after tomorrow\n"
    b"X-Garbage: \xff\xfe\x00 raw bytes \xe9t\xe9\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: 8bit\n"
    b"\n"
    b"Compte rendu de la r\xe9union : d\xe9cisions prises \xe0 l'unanimit\xe9.\n"
)

HEADERLESS_GARBAGE = b"this is : not\n\xff\xfe really a header\n\nbody\n"


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.mbox(str(path), create=True)
    try:
        for raw in messages:
            box.add(mailbox.mboxMessage(raw))
        box.flush()
    finally:
        box.close()
    return path


def write_zip_of_eml(path: Path, messages: list[bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, raw in enumerate(messages, start=1):
            archive.writestr(f"mails/message-{number:03}.eml", raw)
    return path


def make_png(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_jpeg_header(width: int = 640, height: int = 480) -> bytes:
    """Enough of a JPEG for detection and size: SOI, an APP0 segment, a baseline SOF0."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"
