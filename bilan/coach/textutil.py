"""Text clean-up that never moves a character, so offsets stay valid in the original."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline, plus characters that render as nothing (BOM, zero
# width) or come from a bad decode (lone surrogates, U+FFFD replacement characters).
_NOISE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u200b\ud800-\udfff\ufffd-\uffff]")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
WORDS_PER_PAGE = 500


def clean(text: str) -> str:
    """Replace control and invisible characters by spaces, one for one."""
    return _NOISE.sub(" ", text)


def normalise_quotes(text: str) -> str:
    """Straighten typographic apostrophes (same length) so lexicon patterns can use ``'``."""
    return text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" and 0x2190 <= ord(char) != 0xFFFD
