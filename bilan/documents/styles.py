"""The print stylesheet, in a normal and a condensed layout.

Both layouts share one template so that they only differ in measurements: condensing must make
the text smaller and tighter, never hide or drop anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from string import Template

# Liberation Sans has Arial's metrics (narrower than DejaVu Sans, so more text per page);
# DejaVu Sans covers the glyphs it lacks. Both ship with the fontconfig setup WeasyPrint uses.
FONT_STACK = '"Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif'


@dataclass(frozen=True)
class Layout:
    font_size: str
    line_height: str
    margin: str
    margin_bottom: str
    title_size: str
    heading_size: str
    block_gap: str
    section_gap: str
    chart_width: str
    footer_size: str


NORMAL = Layout(
    font_size="10.5pt",
    line_height="1.45",
    margin="20mm 20mm",
    margin_bottom="22mm",
    title_size="19pt",
    heading_size="13pt",
    block_gap="0.55em",
    section_gap="1.1em",
    chart_width="44%",
    footer_size="8.5pt",
)
CONDENSED = Layout(
    font_size="9pt",
    line_height="1.28",
    margin="12mm 14mm",
    margin_bottom="15mm",
    title_size="15pt",
    heading_size="10.5pt",
    block_gap="0.3em",
    section_gap="0.6em",
    chart_width="36%",
    footer_size="7.5pt",
)

_TEMPLATE = Template(
    """
@page {
  size: A4;
  margin: $margin;
  margin-bottom: $margin_bottom;
  @bottom-center {
    content: $footer_content;
    font-family: $font_stack;
    font-size: $footer_size;
    color: #555;
  }
}
html { font-family: $font_stack; font-size: $font_size; line-height: $line_height; color: #1a1a1a; }
body { margin: 0; }
header.title-block { string-set: footer attr(data-footer); margin-bottom: $section_gap; }
h1 { font-size: $title_size; line-height: 1.2; margin: 0 0 0.2em; color: #1f3a5f; }
.subtitle { font-size: 1.1em; margin: 0 0 0.5em; color: #444; }
dl.meta { columns: 2; column-gap: 2em; margin: 0; padding: 0.4em 0; font-size: 0.92em;
  border-top: 0.6pt solid #9aa9bb; border-bottom: 0.6pt solid #9aa9bb; }
.meta-line { break-inside: avoid; margin: 0; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.meta-line dt { display: inline; font-weight: bold; }
.meta-line dd { display: inline; margin: 0; }
section.section { margin-top: $section_gap; }
/* The chart floats beside its own section only: the next section starts below it. */
section.section + section.section { clear: both; }
/* The meeting pack's evidence annex is a page of its own, after the synthesis. */
#section-annex { break-before: page; page-break-before: always; }
h2 { font-size: $heading_size; line-height: 1.25; margin: 0 0 $block_gap; color: #1f3a5f;
  border-bottom: 0.6pt solid #c5cfdb; padding-bottom: 0.1em;
  break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 $block_gap; }
ul, ol { margin: 0 0 $block_gap; padding-left: 1.3em; }
li { margin: 0 0 0.15em; }
p, li { orphans: 2; widows: 2; overflow-wrap: break-word; }
figure.chart { float: right; width: $chart_width; margin: 0 0 $block_gap 1em; break-inside: avoid; }
figure.chart img { width: 100%; height: auto; display: block; }
figure.chart.end { float: none; margin: $section_gap auto 0; }
"""
)


def print_css(layout: Layout, *, with_footer_text: bool) -> str:
    """The stylesheet for ``layout``; the footer text itself comes from the HTML (``data-footer``)
    so that no user text is ever written into CSS."""
    pages = 'counter(page) " / " counter(pages)'
    footer = f'string(footer) "  \\2014  " {pages}' if with_footer_text else pages
    return _TEMPLATE.substitute(
        asdict(layout), footer_content=footer, font_stack=FONT_STACK
    ).strip()
