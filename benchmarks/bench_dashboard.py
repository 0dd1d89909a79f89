"""Dashboard first paint: time from navigation until every chart of the default view is drawn.

Starts ``tlev serve`` on a free loopback port and waits until its start-up warm-up has finished
(it answers the dashboard's default view once, into its answer cache; ``--profile`` log line).
Then opens the page in fresh browser contexts (empty HTTP cache, so the Vega bundle is
downloaded and parsed every time: a user's first visit to a warm server) and measures, per load,
when each chart (``#impact-chart``, ``#holder-chart``, ``#flows-chart``) first holds an SVG, and
when the page says it is ready (game verdict included). Browser: Debian's ``/usr/bin/chromium``
driven by Playwright.

Three kinds of loads:

* ``first``: the very first page load after the warm-up (ours only; the previous version gives
  no sign of its warm-up's end, so its first load is the warm-up load, as the old benchmark did);
* ``default``: ``--loads`` further loads of the default view (Japan sells USD 300bn);
* ``other holder``: the default view of ``--loads`` other holders (China, the U.K....), one load
  each: nothing of it is in the answer cache, so the server computes every chart (the honest
  cold-cache figure).

With ``--baseline-ref REF`` (e.g. ``848b739``) the server of that git ref (a temporary worktree
imported through ``PYTHONPATH``, its own page and scripts) runs beside ours, and every load is
made on both, interleaved. ``--reference-js`` instead serves a previous ``dashboard.js`` from our
server (request interception), for a script-only comparison.

Run: ``python benchmarks/bench_dashboard.py [--baseline-ref 848b739] [--loads 5]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _baseline import Server, baseline_checkout, machine, start_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
CHARTS = ("impact-chart", "holder-chart", "flows-chart")

# Polls in the page (every animation frame) and records when each chart got its first SVG.
_WATCH = """
() => {
  window.__paint = {};
  const ids = IDS;
  function tick() {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!(id in window.__paint) && el && el.querySelector('svg')) {
        window.__paint[id] = performance.now();
      }
    }
    if (document.body && document.body.dataset.state === 'ready' && !('ready' in window.__paint)) {
      window.__paint.ready = performance.now();
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
}
""".replace("IDS", json.dumps(list(CHARTS)))


def _load(browser: Any, base: str, js: str | None, query: str = "") -> dict[str, float]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    if js is not None:
        ctx.route("**/static/dashboard.js",
                  lambda route: route.fulfill(body=js, content_type="text/javascript"))
    page = ctx.new_page()
    page.add_init_script(_WATCH.replace("() => {", "(() => {", 1) + ")();")
    page.goto(base + "/" + query, wait_until="commit")
    page.wait_for_function("() => window.__paint && 'ready' in window.__paint && "
                           + " && ".join(f"'{c}' in window.__paint" for c in CHARTS), timeout=180_000)
    marks: dict[str, float] = page.evaluate("() => window.__paint")
    ctx.close()
    out = {f"{k}_s": round(v / 1000.0, 3) for k, v in marks.items()}
    out["all_charts_s"] = round(max(marks[c] for c in CHARTS) / 1000.0, 3)
    out["load_avg_1min"] = round(os.getloadavg()[0], 2)
    return out


def _summary(loads: list[dict[str, float]]) -> dict[str, float]:
    keys = loads[0].keys()
    return {k: round(statistics.median(x[k] for x in loads), 3) for k in keys}


def _other_holders(base: str, n: int) -> list[str]:
    import httpx

    ranking = httpx.get(f"{base}/api/holders", params={"top": n + 1}, timeout=60).json()
    rows = ranking.get("holders") or ranking.get("ranking") or ranking.get("rows") or []
    names = [str(r.get("holder")) for r in rows if isinstance(r, dict) and r.get("holder")]
    return names[1:n + 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--baseline-ref", default=None,
                    help="git ref of the previous version to serve beside ours")
    ap.add_argument("--reference-js", type=Path, default=None,
                    help="a previous dashboard.js to time beside the current one (served by our server)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ref_js = args.reference_js.read_text(encoding="utf-8") if args.reference_js else None
    load0 = os.getloadavg()
    loads: dict[str, dict[str, list[dict[str, float]]]] = {}
    warm: dict[str, Any] = {}
    with baseline_checkout(args.baseline_ref) as src, tempfile.TemporaryDirectory() as tmp:
        servers: list[tuple[str, Server, str | None]] = []
        try:
            home = Path(tmp) / "ours"
            home.mkdir()
            ours = start_server("ours", home, None)
            warm["ours"] = {"answers_s": ours.start_s, "warm_up_finished_s": ours.warm_s}
            servers.append(("ours", ours, None))
            if src is not None:
                home = Path(tmp) / "baseline"
                home.mkdir()
                base_srv = start_server("baseline", home, src)
                warm["baseline"] = {"answers_s": base_srv.start_s}
                servers.insert(0, ("baseline", base_srv, None))
            if ref_js is not None:
                servers.append(("reference-js", ours, ref_js))
            holders = _other_holders(ours.base, args.loads)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                try:
                    # ours: the first load after the warm-up; the others: their warm-up load
                    for name, server, js in servers:
                        loads.setdefault(name, {})["first"] = [_load(browser, server.base, js)]
                    for _ in range(args.loads):  # interleaved, so load drifts hit all alike
                        for name, server, js in servers:
                            loads[name].setdefault("default", []).append(_load(browser, server.base, js))
                    for holder in holders:
                        for name, server, js in servers:
                            loads[name].setdefault("other holder", []).append(
                                _load(browser, server.base, js, f"?holder={quote(holder)}"))
                finally:
                    browser.close()
        finally:
            for server in {id(s): s for _, s, _ in servers}.values():
                server.stop()
    print(f"{'server':13s} {'loads':14s} {'n':>2s} {'impact s':>9s} {'holder s':>9s} {'flows s':>8s} "
          f"{'all charts s':>12s} {'ready s':>8s}  load (1 min)")
    table = []
    for name, kinds in loads.items():
        for kind, rows in kinds.items():
            med = _summary(rows)
            table.append({"server": name, "loads": kind, "n": len(rows), **med})
            print(f"{name:13s} {kind:14s} {len(rows):2d} {med['impact-chart_s']:9.2f} "
                  f"{med['holder-chart_s']:9.2f} {med['flows-chart_s']:8.2f} {med['all_charts_s']:12.2f} "
                  f"{med['ready_s']:8.2f}  "
                  f"{[r['load_avg_1min'] for r in rows]}")
    ratios = {}
    if "baseline" in loads:
        for kind in ("default", "other holder"):
            b = _summary(loads["baseline"][kind])["all_charts_s"]
            o = _summary(loads["ours"][kind])["all_charts_s"]
            ratios[kind] = round(b / o, 2)
            print(f"{kind}: all charts {b:.2f} s ({args.baseline_ref}) -> {o:.2f} s (ours): {b / o:.2f}x")
    print(json.dumps({"benchmark": "dashboard first paint on a warm server (fresh browser context)",
                      "baseline_ref": args.baseline_ref, "ratios_all_charts_baseline_over_ours": ratios,
                      "table": table, "loads": loads, "server_start": warm, "load_avg_before": load0,
                      "load_avg_after": os.getloadavg(), **machine()}, indent=1))


if __name__ == "__main__":
    main()
