"""axe-core in the page: WCAG 2.1 A and AA rules on every page a browser test visits.

The script is vendored (tests/browser/vendor, MPL-2.0) and injected by the test, never served by
the app. ``AxeAudit.track`` records every load of a page in the browser (each redirect target,
each reload); ``assert_clean`` fails on any violation and on any load that was never audited.
On a phone-sized viewport the audit also checks what axe cannot: nothing scrolls sideways
(WCAG 1.4.10, Reflow).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Frame, Page

SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = 480  # px: narrower viewports are also checked for sideways scrolling

RUN = """async ({tags, exclude}) => {
    const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])}
                                   : document;
    const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' -> ' + n.failureSummary),
    }));
}"""


@dataclass
class Load:
    path: str
    audited: bool = False


class AxeAudit:
    def __init__(self) -> None:
        self.loads: list[Load] = []  # in the order the browser landed
        self.latest: dict[int, int] = {}  # id(page) -> index of its latest load
        self.violations: list[str] = []

    def track(self, page: Page) -> None:
        def landed(frame: Frame) -> None:
            if frame == page.main_frame and frame.url.startswith("http"):
                self.latest[id(page)] = len(self.loads)
                self.loads.append(Load(urlsplit(frame.url).path))

        page.on("framenavigated", landed)

    def check(self, page: Page, *, exclude: tuple[str, ...] = ()) -> None:
        """Audit the page as it is now (after a load or an htmx swap)."""
        page.wait_for_load_state()
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated, not added as a <script>: the Content-Security-Policy refuses inline code.
            page.evaluate(SCRIPT.read_text(encoding="utf-8"))
        path = urlsplit(page.url).path
        if id(page) in self.latest:
            self.loads[self.latest[id(page)]].audited = True
        # WCAG 1.4.10 (Reflow, AA), which axe cannot judge: on a phone nothing scrolls sideways.
        viewport = page.viewport_size
        if viewport and viewport["width"] <= PHONE:
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > viewport["width"]:
                self.violations.append(f"{path}: reflow, {wide} px wide in {viewport['width']}")
        for violation in page.evaluate(RUN, {"tags": WCAG_21_AA, "exclude": list(exclude)}):
            nodes = "".join(f"\n    {node}" for node in violation["nodes"])
            rule = f"{violation['id']} ({violation['impact']}) {violation['help']}"
            self.violations.append(f"{path}: {rule}{nodes}")

    def assert_clean(self) -> None:
        assert not self.violations, "\n".join(self.violations)
        missed = [load.path for load in self.loads if not load.audited]
        assert not missed, f"pages loaded but never audited: {missed}"
