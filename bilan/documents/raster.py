"""The skills chart as a PNG, for formats that want a raster image (Word).

The SVG stays the one drawing of the chart: WeasyPrint (already used for the PDF) lays it out
on a page of exactly its size and pypdfium2 (PDFium's binary wheels, no system library)
rasterises that page. No second drawing of the chart to keep in step, no cairo to install.
"""

from __future__ import annotations

import base64
import io
import re

_VIEWBOX = re.compile(r'viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"')


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height from the SVG's viewBox (the chart always has one)."""
    match = _VIEWBOX.search(svg)
    if not match:
        raise ValueError("the chart SVG has no viewBox")
    return float(match[1]), float(match[2])


def svg_to_png(svg: str, *, scale: float = 2.0) -> tuple[bytes, float, float]:
    """The PNG of ``svg`` at ``scale`` pixels per SVG unit, with the SVG's width and height."""
    import pypdfium2
    import weasyprint
    from weasyprint.urls import URLFetcher

    width, height = svg_size(svg)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    # 1 SVG unit = 1 CSS px; PDF points are 0.75 px.
    html = (
        f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}"
        f" img {{ display: block; width: {width}px; height: {height}px }}</style>"
        f'<img src="data:image/svg+xml;base64,{data}">'
    )
    # As for the PDF: the chart's own data: URI is the only resource that may be read.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    pdf_bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        page = pdf[0]
        bitmap = page.render(scale=scale / 0.75, fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
    finally:
        pdf.close()
    return out.getvalue(), width, height
