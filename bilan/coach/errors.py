"""Exceptions raised by the coach."""

from __future__ import annotations

from bilan.coach.lang import get_lexicon


class TextTooLong(ValueError):
    """The text exceeds the size the coach accepts (``max_chars``).

    ``str(exc)`` is bilingual; :meth:`message` gives one language for a user interface.
    """

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"{self.message('en')} / {self.message('fr')}")

    def message(self, language: str = "en") -> str:
        template = get_lexicon(language).messages.text_too_long
        return template.format(
            size=_figure(self.size, language), limit=_figure(self.limit, language)
        )


def _figure(value: int, language: str) -> str:
    text = f"{value:,}"
    # French groups thousands with a (narrow no-break) space.
    return text.replace(",", "\u202f") if language == "fr" else text
