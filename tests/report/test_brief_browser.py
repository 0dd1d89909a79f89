"""The brief in a real browser: Debian's Chromium, driven by Playwright, with no network.

Opens the written HTML from disk, waits until every chart container holds a drawn ``<svg>`` or
``<canvas>``, and records every request the page makes: all must be ``file://``, ``data:`` or
``about:`` URLs. A screenshot goes to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file://", "data:", "about:")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian's chromium is not installed at /usr/bin/chromium "
                       "(apt-get install chromium)"),
]


def test_brief_opens_offline_with_every_chart_drawn(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    from treasury_leverage.report.brief import build_brief, write_brief

    brief = build_brief("japan", draws=50)
    folder = write_brief(brief, tmp_path / "brief-japan", chart_files=False)
    page_file = folder / "brief-japan.html"
    keys = [c.dom_id for c in brief.charts]
    assert len(keys) >= 8  # holdings, profile, run-off, flows, term premium, episode, scenarios, game

    requests: list[str] = []
    console_errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda req: requests.append(req.url))
            page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-charts-rendered]", timeout=15_000)
            drawn = page.evaluate(
                """keys => keys.map(k => {
                    const el = document.getElementById(k);
                    const drawn = !!el && !!el.querySelector('svg, canvas');
                    return [k, drawn && !el.hasAttribute('data-chart-error'),
                            el ? (el.getAttribute('data-chart-error') || '') : 'missing'];
                })""",
                keys,
            )
            # A drawn chart has marks, not just an empty frame.
            marks = page.evaluate(
                "keys => keys.map(k => document.getElementById(k)"
                ".querySelectorAll('path, rect, line').length)",
                keys,
            )
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "brief-japan.png"), full_page=True)
        finally:
            browser.close()

    failed = [(k, err) for k, ok, err in drawn if not ok]
    assert failed == [], f"charts not drawn: {failed}"
    assert all(n > 10 for n in marks), dict(zip(keys, marks, strict=True))
    assert requests, "the page made no request at all (not even for itself)"
    remote = [u for u in requests if not u.startswith(LOCAL_SCHEMES)]
    assert remote == [], f"requests left the machine: {remote}"
    assert console_errors == []


@pytest.mark.parametrize("width", [360, 390])
def test_brief_fits_a_phone_and_prints(tmp_path: Path, width: int) -> None:
    """Responsive down to 360 px (tables scroll in their own box, charts scale) and printable."""
    playwright = pytest.importorskip("playwright.sync_api")
    from treasury_leverage.report.brief import build_brief, write_brief

    folder = write_brief(build_brief("japan", draws=20), tmp_path / "brief-japan", chart_files=False)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto((folder / "brief-japan.html").as_uri())
            page.wait_for_selector("body[data-charts-rendered]", timeout=15_000)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            too_wide = page.evaluate(
                f"""() => [...document.querySelectorAll('.chart svg, .chart canvas')]
                    .map(e => e.getBoundingClientRect())
                    .filter(r => r.right > {width} + 0.5 || r.left < -0.5).length""")
            assert too_wide == 0
            # Print: A4 and Letter both lay out without a horizontal overflow; the PDF is produced.
            page.emulate_media(media="print")
            for paper, px in (("A4", 794), ("Letter", 816)):
                page.set_viewport_size({"width": px - 91, "height": 1000})  # page width less the margins
                assert page.evaluate("document.documentElement.scrollWidth") <= px - 91
                pdf = page.pdf(format=paper, print_background=True)
                assert pdf[:5] == b"%PDF-" and len(pdf) > 50_000
            refs = page.eval_on_selector_all("#references li", "els => els.map(e => e.id)")
            assert "ref-beltran2013" in refs  # the brief links its presets to the shipped bibliography
            assert "literature.md" not in page.content()
        finally:
            browser.close()
