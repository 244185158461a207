"""Error codes of the extraction package and their French and English wording.

Extractors raise ``ExtractionFailed(code, **params)``; the wording is rendered late, in the
reader's language, so the importer can store the code and params and show either language.
"""

from __future__ import annotations

from typing import Any

DEFAULT_LANG = "fr"

# One entry per code: French first (the default interface language), English second.
# Placeholders are filled by ``message()`` after numbers have been formatted for the language.
MESSAGES: dict[str, dict[str, str]] = {
    "unsupported": {
        "fr": "texte non extrait : format non pris en charge",
        "en": "text not extracted: unsupported format",
    },
    "encrypted": {
        "fr": "texte non extrait : document protégé par un mot de passe",
        "en": "text not extracted: password-protected document",
    },
    "corrupt": {
        "fr": "texte non extrait : fichier illisible, corrompu ou tronqué",
        "en": "text not extracted: unreadable, corrupt or truncated file",
    },
    "too_large": {
        "fr": "Fichier trop volumineux : {size} (limite : {limit})",
        "en": "File too large: {size} (limit: {limit})",
    },
    "import_too_large": {
        "fr": "Import trop volumineux : {size} (limite : {limit})",
        "en": "Import too large: {size} (limit: {limit})",
    },
    "too_many_pages": {
        "fr": "Trop de pages : {pages} (limite : {limit})",
        "en": "Too many pages: {pages} (limit: {limit})",
    },
    "too_many_messages": {
        "fr": "Trop de messages dans la boîte (limite : {limit})",
        "en": "Too many messages in the mailbox (limit: {limit})",
    },
    "too_many_members": {
        "fr": "Archive avec trop de fichiers : {members} (limite : {limit})",
        "en": "Archive with too many files: {members} (limit: {limit})",
    },
    "timeout": {
        "fr": "texte non extrait : délai dépassé ({seconds} s)",
        "en": "text not extracted: time limit exceeded ({seconds} s)",
    },
    "out_of_memory": {
        "fr": "texte non extrait : mémoire insuffisante (limite : {limit})",
        "en": "text not extracted: out of memory (limit: {limit})",
    },
    "worker_crashed": {
        "fr": "texte non extrait : l'extraction s'est arrêtée anormalement (code {exitcode})",
        "en": "text not extracted: extraction stopped abnormally (code {exitcode})",
    },
    "zip_bomb": {
        "fr": "texte non extrait : archive suspecte ({detail})",
        "en": "text not extracted: suspicious archive ({detail})",
    },
    "unsafe_xml": {
        "fr": "texte non extrait : XML dangereux refusé (entités ou DTD)",
        "en": "text not extracted: unsafe XML refused (entities or DTD)",
    },
    "image_no_text": {
        "fr": "image : pas de texte à extraire (pas de reconnaissance de caractères)",
        "en": "image: no text to extract (no OCR)",
    },
    "pdf_no_text": {
        "fr": "PDF sans texte (document scanné ?) : pas de reconnaissance de caractères",
        "en": "PDF without text (scanned document?): no OCR",
    },
    "not_found": {
        "fr": "fichier introuvable : {path}",
        "en": "file not found: {path}",
    },
}

# Details of ``zip_bomb`` are codes too, so they can be translated.
ZIP_DETAILS: dict[str, dict[str, str]] = {
    "ratio": {
        "fr": "taux de compression {ratio}:1, limite {limit}:1",
        "en": "compression ratio {ratio}:1, limit {limit}:1",
    },
    "uncompressed": {
        "fr": "{size} une fois décompressée, limite {limit}",
        "en": "{size} once decompressed, limit {limit}",
    },
    "member": {
        "fr": "fichier interne plus gros que déclaré",
        "en": "inner file larger than declared",
    },
}


class ExtractionFailed(Exception):
    """The only exception this package lets out; ``code`` is a key of ``MESSAGES``."""

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown extraction error code: {code}")
        self.code = code
        self.params = params
        super().__init__(message(code, "en", **params))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return message(self.code, lang, **self.params)


def format_bytes(size: int, lang: str = DEFAULT_LANG) -> str:
    """Binary megabytes with one decimal, dropped when whole: ``31,2 Mo`` / ``25 MB``."""
    if size < 1024 * 1024:
        value, unit = size / 1024, ("Ko" if lang == "fr" else "KB")
    elif size < 1024**3:
        value, unit = size / 1024**2, ("Mo" if lang == "fr" else "MB")
    else:
        value, unit = size / 1024**3, ("Go" if lang == "fr" else "GB")
    return f"{format_number(value, lang)} {unit}"


def format_number(value: float, lang: str = DEFAULT_LANG) -> str:
    rounded = round(value, 1)
    text = str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _render_param(name: str, value: Any, lang: str) -> str:
    if name in {"size", "limit_bytes"} and isinstance(value, int):
        return format_bytes(value, lang)
    if name == "seconds" and isinstance(value, int | float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "fr" else text
    if isinstance(value, float):
        return format_number(value, lang)
    return str(value)


def message(code: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """Render an error code in ``'fr'`` or ``'en'`` (anything else falls back to French)."""
    lang = lang if lang in ("fr", "en") else DEFAULT_LANG
    entry = MESSAGES.get(code) or MESSAGES["corrupt"]
    values = {name: _render_param(name, value, lang) for name, value in params.items()}
    # Byte-valued limits are passed as ``limit_bytes`` and shown as ``limit``.
    if "limit_bytes" in values:
        values["limit"] = values.pop("limit_bytes")
    if code == "zip_bomb":
        detail = ZIP_DETAILS.get(str(params.get("detail")), ZIP_DETAILS["member"])
        values["detail"] = detail[lang].format_map(_Lenient(values))
    return entry[lang].format_map(_Lenient(values))


class _Lenient(dict[str, str]):
    """Leave unknown placeholders visible rather than crash while reporting another error."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
