"""The Markdown subset interns write: parsing, writing back, and hostile input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilan.documents import (
    BulletList,
    Paragraph,
    Run,
    normalise_blocks,
    parse_markdown,
    to_markdown,
)

B = lambda text: Run(text, bold=True)  # noqa: E731
I = lambda text: Run(text, italic=True)  # noqa: E731,E741


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Une phrase.", [Paragraph([Run("Une phrase.")])]),
        (
            "Premier paragraphe\nsur deux lignes.\n\nSecond.",
            [Paragraph([Run("Premier paragraphe sur deux lignes.")]), Paragraph([Run("Second.")])],
        ),
        (
            "J'ai **appris** à *estimer* mes tâches.",
            [Paragraph([Run("J'ai "), B("appris"), Run(" à "), I("estimer"), Run(" mes tâches.")])],
        ),
        ("***les deux***", [Paragraph([Run("les deux", bold=True, italic=True)])]),
        (
            "- SQL\n* Looker Studio\n",
            [BulletList([[Run("SQL")]]), BulletList([[Run("Looker Studio")]])],
        ),
        (
            "1. audit\n2. refonte\n3) bilan",
            [
                BulletList([[Run("audit")], [Run("refonte")]], ordered=True),
                BulletList([[Run("bilan")]], ordered=True),
            ],
        ),
        (
            "- **Analyse** : un tableau\n  de bord\n- Rédaction",
            [BulletList([[B("Analyse"), Run(" : un tableau de bord")], [Run("Rédaction")]])],
        ),
        # Nested items are flattened into the list: the model is flat, the words stay.
        (
            "- a\n  - b\n    1. c\n- d",
            [BulletList([[Run("a")], [Run("b")], [Run("c")], [Run("d")]])],
        ),
        # Only "1." may interrupt a paragraph, as in CommonMark.
        (
            "Chiffre clé en\n2024. Puis la suite",
            [Paragraph([Run("Chiffre clé en 2024. Puis la suite")])],
        ),
        ("2 * 3 * 4 = 24", [Paragraph([Run("2 * 3 * 4 = 24")])]),
        ("un **gras non fermé", [Paragraph([Run("un **gras non fermé")])]),
        ("\\*pas italique\\*", [Paragraph([Run("*pas italique*")])]),
        ("C:\\Users\\camille", [Paragraph([Run("C:\\Users\\camille")])]),
        ("**Note :** texte", [Paragraph([B("Note :"), Run(" texte")])]),
        # Overlapping emphasis is fine for flat runs.
        (
            "**gras *les deux** italique*",
            [
                Paragraph(
                    [
                        B("gras"),
                        Run(" "),
                        Run("les deux", bold=True, italic=True),
                        Run(" "),
                        I("italique"),
                    ]
                )
            ],
        ),
        # No-break spaces are French typography, not whitespace to collapse.
        ("Tuteur\u00a0: Julien", [Paragraph([Run("Tuteur\u00a0: Julien")])]),
        ("", []),
        ("\n\n   \n\t\n", []),
    ],
)
def test_parse_examples(text: str, expected: list) -> None:
    assert parse_markdown(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# Titre",
        "> citation",
        "[lien](https://example.org)",
        "![image](https://example.org/x.png)",
        "<script>alert(1)</script>",
        "`code`",
        "    code indenté",
        "* * *",
        "---",
        "__souligné__",
        "<https://example.org>",
        "&amp; &lt;b&gt;",
    ],
)
def test_everything_else_is_literal_text(text: str) -> None:
    blocks = parse_markdown(text)
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert blocks[0].runs == [Run(text.strip())]


def test_to_markdown_is_readable() -> None:
    blocks = [
        Paragraph([Run("J'ai "), B("appris"), Run(" à estimer.")]),
        BulletList([[Run("SQL")], [I("Looker")]]),
        BulletList([[Run("un")], [Run("deux")]], ordered=True),
    ]
    assert (
        to_markdown(blocks) == "J'ai **appris** à estimer.\n\n- SQL\n- *Looker*\n\n1. un\n2. deux\n"
    )


@pytest.mark.parametrize(
    ("blocks", "markdown"),
    [
        ([Paragraph([Run("- pas une liste")])], "\\- pas une liste\n"),
        ([Paragraph([Run("2024. Une année")])], "2024\\. Une année\n"),
        ([Paragraph([Run("5 * 3")])], "5 \\* 3\n"),
        ([BulletList([[Run("- -")]])], "- \\- -\n"),
        # Two lists in a row keep apart by changing marker.
        ([BulletList([[Run("a")]]), BulletList([[Run("b")]])], "- a\n\n* b\n"),
    ],
)
def test_to_markdown_escapes_what_would_change_meaning(blocks: list, markdown: str) -> None:
    assert to_markdown(blocks) == markdown
    assert parse_markdown(markdown) == blocks


def test_portable_markdown_escapes_other_engines_syntax() -> None:
    blocks = [Paragraph([Run("# <b>x</b> [l](u) _a_ `c` &amp;")])]
    portable = to_markdown(blocks, portable=True)
    assert portable == "\\# \\<b>x\\</b> \\[l\\](u) \\_a\\_ \\`c\\` \\&amp;\n"
    assert parse_markdown(portable) == blocks


# --- Properties ----------------------------------------------------------------------------

# Characters chosen to hit every rule: markers, escapes, digits, whitespace of all kinds, HTML,
# French letters and typography, and characters no output format can carry.
_ALPHABET = st.sampled_from(
    list("ab é1.)*-+_\\<>#[]`&;:\n\t\r") + ["\u00a0", "\u202f", "\x00", "\x0b", "«", "’"]
)
_TEXT = st.text(_ALPHABET, max_size=12)
_RUN = st.builds(Run, _TEXT, st.booleans(), st.booleans())
_RUNS = st.lists(_RUN, max_size=6)
_BLOCK = st.one_of(
    st.builds(Paragraph, _RUNS),
    st.builds(BulletList, st.lists(_RUNS, max_size=4), st.booleans()),
)
_BLOCKS = st.lists(_BLOCK, max_size=5)


@given(_BLOCKS, st.booleans())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_of_any_blocks(blocks: list, portable: bool) -> None:
    canonical = normalise_blocks(blocks)
    assert parse_markdown(to_markdown(canonical, portable=portable)) == canonical


@given(st.text(_ALPHABET, max_size=80))
@settings(max_examples=400, deadline=None)
def test_parse_is_stable_on_any_text(text: str) -> None:
    blocks = parse_markdown(text)
    assert normalise_blocks(blocks) == blocks
    assert parse_markdown(to_markdown(blocks)) == blocks


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_parse_never_crashes_on_unicode(text: str) -> None:
    for block in parse_markdown(text):
        runs = block.runs if isinstance(block, Paragraph) else sum(block.items, [])
        assert all(run.text and "\x00" not in run.text for run in runs)


# --- Hostile input -------------------------------------------------------------------------

HOSTILE = {
    "nested markers on one line": "- " * 10_000 + "fond",
    "nested markers on lines": "".join(" " * depth + "- niveau\n" for depth in range(2_000)),
    "unclosed bold": "**a " * 100_000,
    "asterisks": "*" * 500_000,
    "backslashes": "\\" * 500_000,
    "nul bytes": "avant\x00\x00après\x00",
    "script": "<script>alert('x')</script>\n\n- <img src=x onerror=alert(1)>",
    "megabyte": ("Une **phrase** *ordinaire* d'un bilan de stage.\n" * 25_000)[:1_000_000],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_parsed_quickly(name: str) -> None:
    text = HOSTILE[name]
    start = time.perf_counter()
    blocks = parse_markdown(text)
    markdown = to_markdown(blocks)
    elapsed = time.perf_counter() - start
    assert elapsed < 10, f"{name}: {elapsed:.1f}s"
    assert "\x00" not in markdown
    assert parse_markdown(markdown) == blocks


def test_nested_markers_keep_the_text() -> None:
    (block,) = parse_markdown(HOSTILE["nested markers on one line"])
    assert isinstance(block, BulletList)
    assert block.texts[0].endswith("fond")
    (flattened,) = parse_markdown(HOSTILE["nested markers on lines"])
    assert isinstance(flattened, BulletList) and len(flattened.items) == 2_000
