"""One default, every face: the CLI, the web API and the dashboard page ask the same question.

Before issue 15 ``tlev impact`` sold 5-year paper and ``/api/impact`` 10-year paper, and "is it
selling?" was answered over the whole history (CLI, API), 37 months (dashboard) and 24 months
(brief). Each default now lives in one preset, read by every face.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from cli_helpers import run_cli
from treasury_leverage import _defaults
from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value


def test_the_faces_defaults_are_the_presets() -> None:
    assert _defaults.IMPACT_MATURITY == "10y" == f"{preset_value('default_impact_maturity_years'):g}y"
    assert preset_value("default_impact_draws") == _defaults.IMPACT_DRAWS
    draws = preset_value("default_draws")
    assert draws == _defaults.DRAWS == _defaults.SCENARIO_DRAWS == _defaults.BRIEF_DRAWS
    assert preset_value("default_sale_business_days") == _defaults.SALE_DAYS
    assert preset_value("default_flows_window_months") == _defaults.FLOWS_WINDOW_MONTHS
    assert [_defaults.maturity_label(y) for y in (10.0, 0.5, 0.25, 1.0)] == ["10y", "6m", "3m", "1y"]


def test_cli_and_api_sell_the_same_paper_and_give_the_same_numbers(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "impact", "--sell", "100", "--model", "beltran2013", "--draws", "300",
                           "--format", "json")
    assert code == 0
    cli = json.loads(out)
    web = client.get("/api/impact", params={"sell": 100, "model": "beltran2013", "draws": 300}).json()
    assert web["maturity"] == _defaults.IMPACT_MATURITY
    cli_rows = {r["maturity_years"]: r for r in cli["impacts"]}
    for row in web["results"][0]["impacts"]:
        mine = cli_rows[row["maturity_years"]]
        assert mine["end_impact_bp"] == pytest.approx(row["end_impact_bp"])
        assert mine["end_p95_bp"] == pytest.approx(row["end_p95_bp"])


def test_flows_window_is_the_same_in_cli_api_and_library(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    from treasury_leverage.holdings import recent_window

    first, last = recent_window("japan")
    code, out, _ = run_cli(capsys, "flows", "japan", "--format", "json")
    assert code == 0
    cli = json.loads(out)
    web = client.get("/api/flows/japan").json()
    assert web["verdict"] == cli["meta"]["verdict"]
    assert f"over {first}..{last}" in web["verdict"]
    # the window is FLOWS_WINDOW_MONTHS long, inclusive of both ends
    y0, m0 = map(int, re.match(r"(\d{4})-(\d{2})", first).groups())  # type: ignore[union-attr]
    y1, m1 = map(int, re.match(r"(\d{4})-(\d{2})", last).groups())  # type: ignore[union-attr]
    assert (y1 * 12 + m1) - (y0 * 12 + m0) + 1 == _defaults.FLOWS_WINDOW_MONTHS


def test_recent_window_counts_months_inclusively_and_rejects_an_empty_window() -> None:
    from treasury_leverage.holdings import recent_window

    assert recent_window("japan", 24, end="2025-06") == ("2023-07", "2025-06")
    assert recent_window("japan", 1, end="2024-02-29") == ("2024-02", "2024-02")
    assert recent_window("japan", 13, end="2025-01") == ("2024-01", "2025-01")
    with pytest.raises(InputError, match="at least 1 month"):
        recent_window("japan", 0)


def test_dashboard_page_carries_the_library_defaults(client: TestClient) -> None:
    page = client.get("/").text
    found = re.search(r"data-defaults='([^']*)'", page)
    assert found is not None
    defaults = json.loads(found.group(1).replace("&#34;", '"').replace("&quot;", '"'))
    from treasury_leverage.web.routes_pages import DEFAULT_VIEW_SALE_USD_BN

    assert defaults == {"maturity": _defaults.IMPACT_MATURITY, "sale_days": _defaults.SALE_DAYS,
                        "flows_window_months": _defaults.FLOWS_WINDOW_MONTHS,
                        "sale_usd_bn": DEFAULT_VIEW_SALE_USD_BN, "tariff_pct": _defaults.TARIFF_PCT}
    assert re.search(rf'id="horizon"[^>]*value="{_defaults.SALE_DAYS}"', page)
    # the inputs start at the same values the server's warm-up asks for (routes_pages)
    assert re.search(rf'id="size"[^>]*value="{DEFAULT_VIEW_SALE_USD_BN:g}"', page)
    if 'id="tariff"' in page:
        assert re.search(rf'id="tariff"[^>]*value="{_defaults.TARIFF_PCT:g}"', page)
    if '<select id="maturity"' in page:  # the impact-only page (no scenario engine) offers the maturity
        assert re.search(rf'<option value="{_defaults.IMPACT_MATURITY}" selected>', page)
