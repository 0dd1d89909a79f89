"""The dashboard in a real browser: Debian's chromium driven by Playwright against ``tlev serve``.

The server is the real command (``python -m treasury_leverage.cli.main serve``) on a free
loopback port. The page's numbers must equal the API's, charts must render from the locally
served Vega bundle (no request leaves the server), an invalid size must show a message, and
screenshots at laptop and phone widths are saved under test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    home = tmp_path_factory.mktemp("tlev-home")
    env = {**os.environ, "TLEV_HOME": str(home), "TLEV_OFFLINE": "1"}
    log_path = home / "serve.log"
    log = log_path.open("wb")  # a file, not a pipe: a full pipe would block the server
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                out = log_path.read_text(errors="replace")
                pytest.fail(f"tlev serve exited with {proc.returncode}: {out[-2000:]}")
            try:
                if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("tlev serve did not answer within a minute")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


def _wait_ready(page: Any, caption_part: str | None = None) -> None:
    page.wait_for_function(
        "([part]) => document.body.dataset.state === 'ready' && "
        "(part === null || document.getElementById('impact-caption').textContent.includes(part))",
        arg=[caption_part], timeout=60_000)


def _table(page: Any) -> dict[float, list[float]]:
    rows = page.eval_on_selector_all(
        "#impact-table tbody tr",
        "rows => rows.map(r => [Number(r.dataset.maturity), "
        "Array.from(r.querySelectorAll('td')).map(td => Number(td.dataset.value))])")
    return {float(m): values for m, values in rows}


def _api_table(base: str, **params: Any) -> dict[float, list[float]]:
    body = httpx.get(f"{base}/api/impact", params=params, timeout=60).json()
    keys = ("end_impact_bp", "end_p5_bp", "end_p95_bp", "long_run_impact_bp")
    return {r["maturity_years"]: [r[k] for k in keys] for r in body["results"][0]["impacts"]}


def test_dashboard_updates_and_matches_the_api(server: str, browser: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(server) else outside.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    _wait_ready(page)

    # the default view: Japan sells 300bn of 10y over 60 business days, beltran2013
    defaults = {"sell": 300, "maturity": "10y", "model": "beltran2013", "days": 60}
    assert page.input_value("#holder") == "Japan"
    assert _table(page) == _api_table(server, **defaults)
    for chart in ("#impact-chart", "#holder-chart", "#flows-chart"):
        if chart != "#impact-chart" and not httpx.get(f"{server}/openapi.json").json()["paths"].get(
                "/api/charts/holders/{holder}"):
            continue
        page.wait_for_selector(f"{chart} svg", timeout=30_000)
    japan = httpx.get(f"{server}/api/holders/japan").json()
    assert page.evaluate("window.tlevDashboard.holdings") == japan["history"][-1]["holdings_usd_bn"]
    flows = httpx.get(f"{server}/api/flows/japan", params={"start": "2022-12"}).json()
    assert page.text_content("#flows-verdict") == flows["verdict"]
    page.screenshot(path=str(ARTIFACTS / "dashboard-laptop.png"), full_page=True)

    # change the holder: holdings, flows and the summary follow
    page.select_option("#holder", "China, Mainland")
    page.wait_for_function("document.getElementById('holder-summary').textContent.startsWith('China')",
                           timeout=60_000)
    _wait_ready(page)
    china = httpx.get(f"{server}/api/holders/China, Mainland").json()
    assert page.evaluate("window.tlevDashboard.holdings") == china["history"][-1]["holdings_usd_bn"]

    # change the size (Enter submits): the numbers follow and equal the API's
    page.fill("#size", "500")
    page.press("#size", "Enter")
    _wait_ready(page, "USD 500 bn")
    assert _table(page) == _api_table(server, **{**defaults, "sell": 500})
    page.select_option("#model", "habitat")
    _wait_ready(page, "habitat")
    assert _table(page) == _api_table(server, **{**defaults, "sell": 500, "model": "habitat"})

    # an invalid size shows a message, not a broken page
    page.fill("#size", "-5")
    page.press("#size", "Enter")
    page.wait_for_selector("#message:not([hidden])")
    assert "negative" in page.text_content("#message")
    assert page.get_attribute("#size", "aria-invalid") == "true"
    assert page.evaluate("document.body.dataset.state") == "invalid"
    assert page.is_visible("#impact-table")
    page.fill("#size", "99999")
    page.press("#size", "Enter")
    page.wait_for_function("document.getElementById('message').textContent.includes('more than')")
    page.screenshot(path=str(ARTIFACTS / "dashboard-invalid-size.png"), full_page=True)
    page.fill("#size", "300")
    page.press("#size", "Enter")
    _wait_ready(page, "USD 300 bn")
    assert page.is_hidden("#message")

    assert not outside, f"requests left the server: {outside}"
    assert not errors, errors
    page.close()


def test_dashboard_at_phone_width_and_by_keyboard(server: str, browser: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(server + "/")
    _wait_ready(page)
    # nothing but the charts' own scroll boxes is wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the controls in a sensible tab order, each with a label
    order = []
    page.focus("#holder")
    for _ in range(7):
        order.append(page.evaluate("document.activeElement.id"))
        page.keyboard.press("Tab")
    assert order == ["holder", "action", "size", "horizon", "maturity", "model", "update"]
    labels = page.eval_on_selector_all("#controls select, #controls input",
                                       "els => els.map(e => e.labels.length)")
    assert all(n == 1 for n in labels)
    # keyboard only: type a size and press Enter
    page.focus("#size")
    page.keyboard.press("Control+A")
    page.keyboard.type("120")
    page.keyboard.press("Enter")
    _wait_ready(page, "USD 120 bn")
    page.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"), full_page=True)
    page.close()
