"""Dashboard first paint: time from navigation until every chart of the default view is drawn.

Starts ``tlev serve`` on a free loopback port, warms it with one full page load (the server's
caches: data, Vega bundle, engine), then opens the page ``--loads`` times, each in a fresh browser
context (empty HTTP cache, so the Vega bundle is downloaded and parsed every time: a user's first
visit to a warm server). Measures, per load, when each chart (``#impact-chart``,
``#holder-chart``, ``#flows-chart``) first holds an SVG, and when the page says it is ready (game
verdict included). Browser: Debian's ``/usr/bin/chromium`` driven by Playwright.

The reference, in the same run, is the previous dashboard script (``--reference-js``, e.g. the
file from the previous commit: ``git show HEAD~1:src/treasury_leverage/web/static/dashboard.js``),
served in place of the current one by request interception; the ratio is reference / current.

Run: ``python benchmarks/bench_dashboard.py [--loads 5] [--reference-js old_dashboard.js]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(home: str) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _free_port()
    env = {**os.environ, "TLEV_HOME": home, "TLEV_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"tlev serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not answer within two minutes")


def _load(browser: Any, base: str, js: str | None) -> dict[str, float]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    if js is not None:
        ctx.route("**/static/dashboard.js",
                  lambda route: route.fulfill(body=js, content_type="text/javascript"))
    page = ctx.new_page()
    page.add_init_script(_WATCH.replace("() => {", "(() => {", 1) + ")();")
    page.goto(base + "/", wait_until="commit")
    page.wait_for_function("() => window.__paint && 'ready' in window.__paint && "
                           + " && ".join(f"'{c}' in window.__paint" for c in CHARTS), timeout=120_000)
    marks: dict[str, float] = page.evaluate("() => window.__paint")
    ctx.close()
    out = {f"{k}_s": v / 1000.0 for k, v in marks.items()}
    out["all_charts_s"] = max(marks[c] for c in CHARTS) / 1000.0
    return out


def _summary(loads: list[dict[str, float]]) -> dict[str, float]:
    keys = loads[0].keys()
    return {k: statistics.median(x[k] for x in loads) for k in keys}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--reference-js", type=Path, default=None,
                    help="a previous dashboard.js to time beside the current one")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ref_js = args.reference_js.read_text(encoding="utf-8") if args.reference_js else None
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory() as home:
        proc, base = _start_server(home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                try:
                    _load(browser, base, None)  # warm the server (data, bundle, engine)
                    if ref_js is not None:
                        _load(browser, base, ref_js)
                    ours, ref = [], []
                    for _ in range(args.loads):  # interleaved, so load drifts hit both alike
                        ours.append(_load(browser, base, None))
                        if ref_js is not None:
                            ref.append(_load(browser, base, ref_js))
                finally:
                    browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    out: dict[str, Any] = {"benchmark": "dashboard first paint on a warm server (fresh browser context)",
                           "loads": args.loads, "current_median": _summary(ours), "current_loads": ours}
    if ref:
        out["reference_median"] = _summary(ref)
        out["ratio_all_charts_reference_over_current"] = (out["reference_median"]["all_charts_s"]
                                                          / out["current_median"]["all_charts_s"])
    out.update(load_avg_before=load0, load_avg_after=os.getloadavg(), cpu_count=os.cpu_count(),
               python=platform.python_version())
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
