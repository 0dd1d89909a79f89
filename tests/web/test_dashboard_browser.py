"""The dashboard in a real browser: Debian's chromium driven by Playwright.

The main server is the real command (``python -m treasury_leverage.cli.main serve``) on a free
loopback port; the impact-only page (no scenario engine) is served by uvicorn in a thread. The
page's numbers must equal the command line's and the API's, charts must render from the locally
served Vega bundle (no request leaves the server), invalid input must show a message, and
screenshots at laptop and phone widths are saved under test-artifacts/.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import treasury_leverage.web as web
from treasury_leverage._defaults import SCENARIO_DRAWS

# slow as well: the default view runs the CLI's scenario (all models, default draws) several times
pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
FEATURES = web.features()
needs_engine = pytest.mark.skipif(not (FEATURES["scenario"] and FEATURES["game"]),
                                  reason="scenario engine or game not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(base: str, proc: subprocess.Popen[bytes] | None = None, log: Path | None = None) -> None:
    for _ in range(300):
        if proc is not None and proc.poll() is not None:
            out = log.read_text(errors="replace") if log else ""
            pytest.fail(f"tlev serve exited with {proc.returncode}: {out[-2000:]}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail("the server did not answer within a minute")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("tlev-home")
    return {**os.environ, "TLEV_HOME": str(home), "TLEV_OFFLINE": "1"}


@pytest.fixture(scope="module")
def server(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    log_path = Path(env["TLEV_HOME"]) / "serve.log"
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    with log_path.open("wb") as log:  # a file, not a pipe: a full pipe would block the server
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_up(base, proc, log_path)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def impact_server() -> Iterator[str]:
    import uvicorn

    app = web.create_app(disable=("scenario", "game", "brief"))
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{config.port}"
    _wait_up(base)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


def _open(browser: Any, base: str, query: str = "", **viewport: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(base) else outside.append(req.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/" + query)
    _wait_ready(page)
    return page, outside, errors


def _wait_ready(page: Any, caption_part: str | None = None) -> None:
    page.wait_for_function(
        "([part]) => document.body.dataset.state === 'ready' && "
        "(part === null || document.getElementById('impact-caption').textContent.includes(part))",
        arg=[caption_part], timeout=120_000)


def _rows(page: Any, table: str, key: str) -> dict[str, list[float | None]]:
    rows = page.eval_on_selector_all(
        f"#{table} tbody tr",
        f"rows => rows.map(r => [r.dataset.{key}, Array.from(r.querySelectorAll('td')).map("
        "td => td.dataset.value === undefined ? null : Number(td.dataset.value))])")
    return {str(k): v for k, v in rows}


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return bool(abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b))))


def _check_scenario(page: Any, result: dict[str, Any], focus: str) -> None:
    """The page's tables equal a ScenarioResult.to_dict() for the focus model."""
    entry = next(m for m in result["models"] if m["model"] == focus)
    shown = _rows(page, "impact-table", "maturity")
    assert len(shown) == len(result["maturities_years"])
    for m in result["maturities_years"]:
        key = f"{m:g}y"
        central, p5, p95 = shown[str(int(m)) if float(m).is_integer() else str(m)]
        assert _same(central, entry["end_shift_bp"][key])
        if "end_shift_bands_bp" in entry:
            assert _same(p5, entry["end_shift_bands_bp"][key]["p5"])
            assert _same(p95, entry["end_shift_bands_bp"][key]["p95"])
    seller = _rows(page, "seller-table", "item")
    mine = [row for row in result["seller_bill"] if row["model"] == focus]
    assert list(seller) == list(dict.fromkeys(row["item"] for row in mine))
    for row in mine:
        assert _same(seller[row["item"]][0], row["central"]), row
    models = _rows(page, "models-table", "model")
    assert set(models) == {m["model"] for m in result["models"]}
    for m in result["models"]:
        assert _same(models[m["model"]][0], m["end_shift_bp"]["10y"])
    if result["us_bill"]:
        us = _rows(page, "us-table", "horizon")
        bill = result["us_bill"][focus]
        for i, h in enumerate(bill["horizons_years"]):
            assert _same(us[str(h)][0], bill["extra_interest_usd_bn"][i])


@needs_engine
def test_dashboard_answers_like_the_command_line(server: str, browser: Any, env: dict[str, str]) -> None:
    """Acceptance: 'Japan sells $300bn over 60 days' = ``tlev scenario sell japan 300 --days 60``."""
    ARTIFACTS.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "scenario", "sell", "japan", "300",
           "--days", "60", "--format", "json"]
    cli = subprocess.run(cmd, env=env, capture_output=True, check=True)
    expected = json.loads(cli.stdout)
    page, outside, errors = _open(browser, server)
    assert page.input_value("#holder") == "Japan" and page.input_value("#size") == "300"
    assert page.input_value("#horizon") == "60" and page.input_value("#draws") == str(SCENARIO_DRAWS)
    _check_scenario(page, expected, expected["models"][0]["model"])
    assert page.text_content("#cli-equivalent") == "tlev scenario sell Japan 300 --days 60"
    game = httpx.get(f"{server}/api/game/Japan", timeout=120,
                     params={"response": "sell 300bn 60d", "tariff_pct": 10, "draws": 1000, "seed": 0}).json()
    assert _same(float(page.get_attribute("#leverage-ratio", "data-value")),
                 game["credibility"][0]["leverage_ratio"]["p50"])
    assert page.eval_on_selector_all("#verdicts li", "els => els.map(e => e.textContent)") == game["verdicts"]
    assert page.text_content("#game-headline") == (game.get("headline") or "")
    for chart in ("#impact-chart", "#holder-chart", "#flows-chart"):
        page.wait_for_selector(f"{chart} svg", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-laptop.png"), full_page=True)
    assert not outside, f"requests left the server: {outside}"
    assert not errors, errors
    page.close()


@needs_engine
def test_dashboard_shows_the_assessments_numbers(server: str, browser: Any) -> None:
    """Issue 15: the dashboard's standard question (Japan sells $300bn over the default days, the
    default tariff, the standard question's draws, seed 0) shows ``treasury_leverage.assess()``'s
    numbers: the pooled 10-year impact of the scenario table and the game's leverage ratio and
    credibility of that sale."""
    from treasury_leverage import assess
    from treasury_leverage._defaults import BRIEF_DRAWS, SALE_DAYS, TARIFF_PCT

    answer = assess("japan", seed=0, coalition=False)  # default draws: the brief's and the game's
    page, outside, errors = _open(browser, server, f"?holder=Japan&action=sell&size=300&horizon={SALE_DAYS}"
                                  f"&draws={BRIEF_DRAWS}&tariff={TARIFF_PCT:g}")
    assert page.input_value("#draws") == str(BRIEF_DRAWS) and page.input_value("#tariff") == f"{TARIFF_PCT:g}"
    row = answer.scenario.row("sell_300bn_60d")
    pooled = next(m for m in row.models if m["model"] == "pooled")
    shown = _rows(page, "models-table", "model")
    assert _same(shown["pooled"][0], pooled["impact_10y_bp"])
    threat = next(r for r in answer.game.rows if r.response == "sell 300bn")
    assert threat.leverage_ratio is not None
    assert _same(float(page.get_attribute("#leverage-ratio", "data-value")), threat.leverage_ratio)
    assert page.text_content("#credible-share") == (
        f"{round(100 * threat.credible_share_of_draws)}% of {BRIEF_DRAWS} draws")
    assert not outside and not errors
    page.close()


@needs_engine
def test_dashboard_follows_holder_size_model_and_action(server: str, browser: Any) -> None:
    # the controls can be set from the address (a bookmarkable view)
    page, outside, errors = _open(browser, server, "?draws=5000&model=nonsense")
    assert page.input_value("#draws") == "5000" and page.input_value("#model") == ""
    assert "5000 draws" in page.text_content("#impact-caption")

    def api(holder: str, action: dict[str, Any], model: str | None = None) -> dict[str, Any]:
        spec: dict[str, Any] = {"actors": [{"holder": holder, "action": action}], "draws": 5000, "seed": 0}
        if model:
            spec["models"] = [model]
        return httpx.post(f"{server}/api/scenario", json=spec, timeout=120).json()

    # another holder: holdings, flows and the scenario follow
    page.select_option("#holder", "China, Mainland")
    _wait_ready(page, "China, Mainland sells USD 300 bn")
    china = httpx.get(f"{server}/api/holders/China, Mainland").json()
    assert page.evaluate("window.tlevDashboard.holdings") == china["history"][-1]["holdings_usd_bn"]
    # the page asks over the library's default window, as /api/flows does without a start
    flows = httpx.get(f"{server}/api/flows/China, Mainland").json()
    assert page.text_content("#flows-verdict") == flows["verdict"]
    if FEATURES["brief"]:
        assert page.get_attribute("#brief-link", "href") == "/api/brief/China%2C%20Mainland"
    first = api("China, Mainland", {"kind": "sell", "amount_usd_bn": 300, "days": 60})
    _check_scenario(page, first, first["models"][0]["model"])

    # another size (Enter submits), then one model
    page.fill("#size", "500")
    page.press("#size", "Enter")
    _wait_ready(page, "USD 500 bn")
    page.select_option("#model", "habitat")
    _wait_ready(page, "habitat (")
    result = api("China, Mainland", {"kind": "sell", "amount_usd_bn": 500, "days": 60}, "habitat")
    _check_scenario(page, result, "habitat")
    assert page.text_content("#cli-equivalent") == (
        "tlev scenario sell 'China, Mainland' 500 --days 60 --model habitat --draws 5000")

    # another action: the horizon becomes months
    page.select_option("#action", "pause")
    _wait_ready(page, "pauses its purchases for 12 months")
    assert page.text_content("#horizon-label") == "Horizon (months)"
    assert page.is_hidden("#size-field")
    _check_scenario(page, api("China, Mainland", {"kind": "pause", "months": 12}, "habitat"), "habitat")

    # invalid input shows a message, not a broken page
    page.select_option("#action", "sell")
    _wait_ready(page, "sells")
    for bad, words in (("-5", "negative"), ("99999", "more than"), ("", "enter a number")):
        page.fill("#size", bad)
        page.press("#size", "Enter")
        page.wait_for_function("([w]) => document.getElementById('message').textContent.includes(w)",
                               arg=[words], timeout=30_000)
        assert page.get_attribute("#size", "aria-invalid") == "true"
        assert page.evaluate("document.body.dataset.state") == "invalid"
        assert page.is_visible("#impact-table")
    page.screenshot(path=str(ARTIFACTS / "dashboard-invalid-size.png"), full_page=True)
    page.fill("#size", "300")
    page.press("#size", "Enter")
    _wait_ready(page, "USD 300 bn")
    assert page.is_hidden("#message")
    assert "holder=China%2C+Mainland" in page.url and "size=300" in page.url and "model=habitat" in page.url
    assert not outside, f"requests left the server: {outside}"
    assert not errors, errors
    page.close()


def test_dashboard_at_phone_width_and_by_keyboard(server: str, browser: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page, _, errors = _open(browser, server, "?draws=0", width=390, height=844)
    # nothing but the charts' and tables' own scroll boxes is wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ids = page.eval_on_selector_all("#controls select, #controls input, #controls button",
                                    "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")
    order = []
    page.focus("#holder")
    for _ in ids:
        order.append(page.evaluate("document.activeElement.id"))
        page.keyboard.press("Tab")
    assert order == ids and ids[0] == "holder" and ids[-1] == "update"
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
    assert not errors, errors
    page.close()


def test_impact_only_dashboard_matches_the_api(impact_server: str, browser: Any) -> None:
    page, outside, errors = _open(browser, impact_server)
    params = {"sell": 300, "maturity": "10y", "model": "beltran2013", "days": 60}

    def api(**over: Any) -> dict[str, list[float]]:
        body = httpx.get(f"{impact_server}/api/impact", params={**params, **over}, timeout=60).json()
        keys = ("end_impact_bp", "end_p5_bp", "end_p95_bp", "long_run_impact_bp")
        return {f"{r['maturity_years']:g}": [r[k] for k in keys] for r in body["results"][0]["impacts"]}

    assert _rows(page, "impact-table", "maturity") == api()
    page.fill("#size", "500")
    page.press("#size", "Enter")
    _wait_ready(page, "USD 500 bn")
    assert _rows(page, "impact-table", "maturity") == api(sell=500)
    page.fill("#size", "-1")
    page.press("#size", "Enter")
    page.wait_for_selector("#message:not([hidden])")
    assert "negative" in page.text_content("#message")
    assert page.is_disabled("option[value=pause]")
    assert not outside and not errors
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_dashboard_charts_stay_inside_their_cards(server: str, browser: Any, width: int) -> None:
    """No chart is clipped at its card's edge (issue 16): every drawing fits its card's box."""
    page, _, errors = _open(browser, server, "?draws=0", width=width, height=900)
    for chart in ("#impact-chart", "#holder-chart", "#flows-chart"):
        page.wait_for_selector(f"{chart} svg", timeout=30_000)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.card .chart svg')].map(svg => {
            const card = svg.closest('.card').getBoundingClientRect();
            const box = svg.getBoundingClientRect();
            const host = svg.closest('.chart');
            return {id: host.id, left: box.left - card.left, right: card.right - box.right,
                    width: box.width, scrolls: host.scrollWidth > host.clientWidth + 1};
        })""")
    assert len(boxes) >= 3
    outside = [b for b in boxes if b["left"] < -0.5 or b["right"] < -0.5 or b["scrolls"] or b["width"] < 100]
    assert not outside, outside
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not errors, errors
    page.close()


@pytest.fixture(scope="module")
def warmed_server(env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    """A fresh ``tlev serve --profile`` whose start-up warm-up has finished (its log says so)."""
    port = _free_port()
    log_path = Path(env["TLEV_HOME"]) / "serve-warmed.log"
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1",
           "--port", str(port), "--profile"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_up(base, proc, log_path)
            for _ in range(1200):
                if "warm-up finished" in log_path.read_text(errors="replace"):
                    break
                time.sleep(0.25)
            else:
                pytest.fail("the server's warm-up did not finish within 5 minutes")
            yield base, log_path
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@needs_engine
def test_first_view_of_a_warm_server_comes_from_the_answer_cache(warmed_server: tuple[str, Path],
                                                                browser: Any) -> None:
    """The start-up warm-up asks exactly what dashboard.js asks on a first view: every slow answer
    of that view (scenario, game, charts, flows) is then a cache hit, and the profile names its steps."""
    base, log_path = warmed_server
    seen: dict[str, str] = {}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("response", lambda res: seen.__setitem__(res.url[len(base):], res.headers.get("x-cache", "")))
    page.goto(base + "/")
    _wait_ready(page)
    for chart in ("#impact-chart", "#holder-chart", "#flows-chart"):
        page.wait_for_selector(f"{chart} svg", timeout=30_000)
    page.close()
    slow = {url: state for url, state in seen.items()
            if url.startswith(("/api/scenario", "/api/game/", "/api/charts/", "/api/flows/"))}
    assert len(slow) == 5, seen  # scenario, game, holder and flows charts, flows
    assert set(slow.values()) == {"hit"}, slow
    profile = log_path.read_text(errors="replace")
    for step in ("warm-up: vega bundle", "warm-up: heavy worker 0", "warm-up: /api/scenario?chart=true"):
        assert step in profile, profile[-3000:]
