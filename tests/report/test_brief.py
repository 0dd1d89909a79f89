"""``tlev brief``: the brief's numbers are the atlas's and the models', the HTML is self-contained."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.cli.main import main
from treasury_leverage.errors import UnknownNameError
from treasury_leverage.report import brief as brief_mod
from treasury_leverage.report.brief import Brief, build_brief, render_markdown, resolve_holder, write_brief
from treasury_leverage.report.html import json_for_script, remote_references

SAMPLE = ("japan", "china", "united kingdom", "canada")
#: Fewer draws than the command's default keep the module quick; the numbers are compared with
#: engine runs of the same draws and seed.
DRAWS, SEED = 200, 7


@pytest.fixture(scope="module")
def briefs() -> dict[str, Brief]:
    return {h: build_brief(h, draws=DRAWS, seed=SEED) for h in SAMPLE}


@pytest.fixture(scope="module")
def written(briefs: dict[str, Brief], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("brief") / "japan-brief"
    return write_brief(briefs["japan"], out, formats=("html", "md", "json"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("holder", SAMPLE)
def test_holdings_numbers_equal_the_atlas(briefs: dict[str, Brief], holder: str) -> None:
    from treasury_leverage.holdings import holder_history, maturity_profile, ranking, runoff_schedule

    h = briefs[holder].holdings
    hist = holder_history(holder)
    last = hist.iloc[-1]
    assert h.date == f"{hist.index[-1]:%Y-%m-%d}"
    assert h.holdings_usd_bn == pytest.approx(float(last["holdings_usd_bn"]))
    assert h.change_12m_usd_bn == pytest.approx(float(last["change_12m_usd_bn"]))
    assert h.share_of_foreign_pct == pytest.approx(float(last["share_of_foreign_pct"]))
    assert h.share_of_marketable_pct == pytest.approx(float(last["share_of_marketable_pct"]))
    table = ranking(hist.index[-1])
    assert table.loc[h.rank, "holder"] == h.holder  # the rank points at this holder's row
    assert h.foreign_official_share_pct == pytest.approx(
        100 * table.attrs["foreign_official_usd_bn"] / table.attrs["grand_total_usd_bn"])
    assert h.official_share_pct is None and "does not split" in h.official_note
    profile = maturity_profile(holder, date=hist.index[-1])
    assert h.bills_share_pct == pytest.approx(100 * profile.st_share)
    runoff = runoff_schedule(holder, date=hist.index[-1], profile=profile)
    assert h.matures_1y_usd_bn == pytest.approx(float(runoff["cumulative_usd_bn"].iloc[0]))
    assert h.matures_2y_usd_bn == pytest.approx(float(runoff["cumulative_usd_bn"].iloc[1]))
    assert [r["matures_usd_bn"] for r in h.runoff] == pytest.approx(runoff["matures_usd_bn"].tolist())
    assert sum(r["share_of_holdings_pct"] for r in h.maturity_profile) == pytest.approx(100.0)


def test_known_ranks_and_custodial_flags(briefs: dict[str, Brief]) -> None:
    # TIC MFH, December 2025: Japan first ($1,185.5bn), the UK second, China third.
    assert briefs["japan"].holdings.rank == 1 and briefs["japan"].holdings.holdings_usd_bn == 1185.5
    assert briefs["united kingdom"].holdings.rank == 2
    assert briefs["china"].holdings.holder == "China, Mainland" and briefs["china"].holdings.rank == 3
    assert briefs["united kingdom"].holdings.custodial
    assert "custodial centre" in briefs["united kingdom"].holdings.custodial_note
    assert briefs["united kingdom"].headlines()[0][0] == "Custodial centre"
    for holder in ("japan", "china", "canada"):
        assert not briefs[holder].holdings.custodial and briefs[holder].holdings.custodial_note == ""


@pytest.mark.parametrize("holder", SAMPLE)
def test_flows_numbers_equal_the_flow_detective(briefs: dict[str, Brief], holder: str) -> None:
    from treasury_leverage.holdings import flows

    f = briefs[holder].flows
    assert f.available and f.months == brief_mod.FLOW_MONTHS
    assert f.start is not None and f.end is not None
    assert f.net_purchases_usd_bn is not None and f.valuation_usd_bn is not None
    frame = flows(holder, f.start[:7], f.end[:7])
    ok = frame["net_purchases_usd_bn"].notna()
    net = float(frame.loc[ok, "net_purchases_usd_bn"].sum())
    assert f.net_purchases_usd_bn == pytest.approx(net)
    assert f.valuation_usd_bn == pytest.approx(float(frame.loc[ok, "valuation_usd_bn"].sum()))
    # The identity the section reports: change = trades + valuation.
    assert f.change_usd_bn == pytest.approx(f.net_purchases_usd_bn + f.valuation_usd_bn)
    band = math.sqrt(float((frame.loc[ok, "band_usd_bn"].fillna(0) ** 2).sum()))
    assert f.band_usd_bn == pytest.approx(band)
    expected = "yes" if net < -band else "no" if net > band else "unclear"
    assert f.quiet_selling == expected
    assert f.verdict == frame.attrs["verdict"]
    assert f.months_reported + f.months_estimated == int(ok.sum())


def test_backdrop_numbers_equal_the_models(briefs: dict[str, Brief]) -> None:
    from treasury_leverage.termpremium.episode import decompose
    from treasury_leverage.termpremium.estimate import term_premium_series

    b = briefs["japan"].backdrop
    assert b.available
    daily = term_premium_series(10, frequency="daily")
    assert b.term_premium_10y_date == f"{daily.index[-1]:%Y-%m-%d}"
    assert b.term_premium_10y_pct == pytest.approx(float(daily["term_premium_pct"].iloc[-1]))
    split = decompose(brief_mod.EPISODE_START, brief_mod.EPISODE_END, maturities=(2, 5, 10, 30))
    assert b.episode["yields"] == split.to_dict()["yields"]
    ten = next(r for r in b.episode["yields"] if r["maturity_years"] == 10)
    # April 2025: the 10-year rose by roughly 50 bp on the week (literature memo 8.3).
    assert 35 <= ten["change_bp"] <= 60
    parts = ten["expected_rates_bp"] + ten["term_premium_bp"] + ten["residual_bp"]
    assert ten["change_bp"] == pytest.approx(parts)
    # Holder-independent: the same in every brief.
    assert briefs["canada"].backdrop.episode == b.episode


def test_json_file_carries_the_same_numbers_with_units(written: Path, briefs: dict[str, Brief]) -> None:
    data = json.loads((written / "brief.json").read_text())
    b = briefs["japan"]
    assert data["holder"] == "Japan"
    assert data["holdings"]["holdings_usd_bn"] == b.holdings.holdings_usd_bn
    assert data["flows"]["net_purchases_usd_bn"] == pytest.approx(b.flows.net_purchases_usd_bn)
    assert data["backdrop"]["term_premium_10y_pct"] == pytest.approx(b.backdrop.term_premium_10y_pct)

    def numeric_keys(obj: Any, path: str = "") -> list[str]:
        out: list[str] = []
        if isinstance(obj, dict):
            for k, v in obj.items():
                if isinstance(v, int | float) and not isinstance(v, bool):
                    out.append(f"{path}.{k}")
                out += numeric_keys(v, f"{path}.{k}")
        elif isinstance(obj, list):
            for v in obj:
                out += numeric_keys(v, path + "[]")
        return out

    unitless = {"rank", "n_ranked", "months", "months_reported", "months_estimated", "maturity_years", "year",
                "seed", "draws", "leverage_ratio", "from_years", "to_years", "value", "low", "high",
                "n_draws"}
    units = ("_usd_bn", "_pct", "_bp", "_years", "_share_of_draws", "_prob", "_at_even_odds")
    bad = [k for k in numeric_keys(data) if not k.endswith(units) and k.rsplit(".", 1)[-1] not in unitless
           and not k.startswith(".backdrop.episode.indicators")]
    assert bad == []


# -- sections without an engine ------------------------------------------------------------------


def test_missing_engines_show_no_invented_numbers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import treasury_leverage.assessment.game as game_part
    import treasury_leverage.assessment.scenarios as scenario_part

    monkeypatch.setattr(scenario_part, "_run_many", lambda: None)
    monkeypatch.setattr(game_part, "_entry", lambda name="leverage_game": None)
    b = build_brief("canada")
    assert not b.scenario.available and b.scenario.rows == () and brief_mod.NOT_AVAILABLE in b.scenario.note
    assert not b.game.available and b.game.rows == () and b.game.statements == ()
    assert b.provenance.seed is None and b.provenance.presets == []
    assert [c.key for c in b.charts if c.key in ("scenarios", "game")] == []
    html = brief_mod.render_html(b)
    assert html.count('data-unavailable="true"') == 2
    assert "Not available in this version" in html
    assert "sell $100 bn / $300 bn / 25%" in render_markdown(b)


# -- files -----------------------------------------------------------------------------------------


def test_html_is_self_contained(written: Path, briefs: dict[str, Brief]) -> None:
    html = (written / "brief-japan.html").read_text(encoding="utf-8")
    assert remote_references(html) == []
    assert "window.vegaEmbed" in html  # the bundle is inlined, not linked
    assert "<script src" not in html and "<link" not in html
    for chart in briefs["japan"].charts:
        assert f'id="{chart.dom_id}"' in html and f'id="{chart.dom_id}-spec"' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # a chart id equal to a section id would draw over the section
    assert {c.key for c in briefs["japan"].charts} >= {"holdings", "maturity_profile", "runoff", "flows",
                                                        "term_premium", "episode"}


def test_remote_reference_scanner_catches_fetches_and_ignores_data() -> None:
    page = ('<img src="https://cdn.example.com/x.png"><link rel="stylesheet" href="//fonts.example/css">'
            '<a href="https://vega.github.io/">link</a><style>@import "http://x.org/a.css";'
            'div{background:url(https://x.org/b.png)}</style>'
            '<script type="application/json">{"$schema":"https://vega.github.io/schema/vega-lite/v6.json"}</script>'
            '<img src="charts/a.png"><img src="data:image/png;base64,AAAA">')
    found = remote_references(page)
    assert found == ["https://cdn.example.com/x.png", "//fonts.example/css", "https://vega.github.io/",
                     "http://x.org/a.css", "https://x.org/b.png"]


def test_json_for_script_cannot_close_the_script_element() -> None:
    value = {"title": "</script><script>alert(1)</script> & <!--"}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_chart_files_and_markdown(written: Path, briefs: dict[str, Brief]) -> None:
    for chart in briefs["japan"].charts:
        assert (written / "charts" / f"{chart.key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (written / "charts" / f"{chart.key}.svg").read_text()
        assert "<svg" in svg[:200]
    md = (written / "brief.md").read_text()
    assert md.startswith("# Japan: Treasury leverage brief")
    assert "1,185.5" in md and "](charts/flows.png)" in md


def test_write_is_atomic(briefs: dict[str, Brief], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import treasury_leverage.report.html as html_mod

    target = tmp_path / "out"

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(html_mod, "write_chart_files", boom)
    with pytest.raises(RuntimeError):
        write_brief(briefs["canada"], target)
    assert list(tmp_path.iterdir()) == []  # no half-written folder, no temporary left behind
    monkeypatch.undo()
    write_brief(briefs["canada"], target, chart_files=False)
    first = (target / "brief-canada.html").read_text()
    monkeypatch.setattr(html_mod, "write_chart_files", boom)
    with pytest.raises(RuntimeError):
        write_brief(briefs["canada"], target, formats=("json",))
    assert (target / "brief-canada.html").read_text() == first and not (target / "brief.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# -- the command -------------------------------------------------------------------------------------


def test_unknown_holder_one_line_with_close_matches(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "brief", "atlantis")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: unknown holder 'atlantis'; close matches:")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UnknownNameError, match="did you mean 'Japan'"):
        resolve_holder("japn")


def test_command_writes_the_folder_and_prints_a_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "brief", "united kingdom", "--format", "json", "--format", "md",
                         "--draws", "20")
    assert code == 0, err
    folder = tmp_path / "brief-united-kingdom"
    files = {p.name for p in folder.iterdir()}
    assert files == {"brief-united-kingdom.html", "brief.json", "brief.md", "charts", ".tlev-brief"}
    assert "Custodial centre" in out and "866.0" in out and "brief written to" in out
    data = json.loads((folder / "brief.json").read_text())
    assert data["holdings"]["custodial"] is True and data["holdings"]["rank"] == 2


def test_brief_of_an_aggregate_reports_its_official_share() -> None:
    from treasury_leverage.holdings import holder_history

    h = brief_mod.holdings_section("official")
    hist = holder_history("official")
    assert h.holder == "Foreign Official" and h.rank is None
    assert h.official_share_pct == pytest.approx(float(hist["official_share_pct"].iloc[-1]))
    assert np.isclose(h.share_of_foreign_pct or 0.0, h.official_share_pct or 0.0)
    assert "aggregate" in h.text


def test_flows_window_is_the_last_months() -> None:
    f = brief_mod.flows_section("japan", months=12)
    assert f.months == 12 and f.end == "2025-12-31"
    assert pd.Timestamp(f.start) == pd.Timestamp(f.end) - pd.offsets.MonthEnd(11)


# -- the shared chart builders ---------------------------------------------------------------------


def test_holdings_chart_builders_encode_the_unit_columns() -> None:
    from treasury_leverage.errors import InputError
    from treasury_leverage.holdings import flows, holder_history, maturity_profile, runoff_schedule
    from treasury_leverage.report.holdings_charts import (
        flows_chart,
        holdings_history_chart,
        maturity_profile_chart,
        runoff_chart,
    )

    hist = holder_history("japan", "2024-01")
    spec = holdings_history_chart(hist).to_dict()
    assert spec["vconcat"][0]["encoding"]["y"]["field"] == "usd_bn"  # [1]: the source footer
    assert spec["title"]["text"] == "Japan: Treasury holdings (TIC)"
    runoff = runoff_schedule("japan")
    spec = runoff_chart(runoff).to_dict()
    assert spec["vconcat"][0]["encoding"]["y"]["field"] == "matures_usd_bn"
    assert "2025-12-31" in spec["title"]["text"]
    spec = maturity_profile_chart(maturity_profile("japan").table()).to_dict()
    assert spec["vconcat"][0]["encoding"]["y"]["field"] == "share_of_holdings_pct"
    frame = flows("japan", "2025-01", "2025-12")
    spec = flows_chart(frame).to_dict()
    bars = spec["vconcat"][0]["layer"][0]
    # The stacked parts are exactly net purchases and valuation, which add up to the change (the tick).
    values = spec["datasets"][bars["data"]["name"]]
    total = sum(v["usd_bn"] for v in values)
    assert total == pytest.approx(float(frame["change_usd_bn"].sum()))
    with pytest.raises(InputError, match="lacks columns"):
        flows_chart(frame.drop(columns=["valuation_usd_bn"]))


# -- scenarios and the game --------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return float(np.median(values))


@pytest.mark.parametrize("holder", ["japan", "canada"])
def test_scenario_rows_equal_the_engine(briefs: dict[str, Brief], holder: str) -> None:
    from treasury_leverage.presets import preset_value
    from treasury_leverage.scenario.engine import run

    sc = briefs[holder].scenario
    assert sc.available and sc.draws == DRAWS and sc.seed == SEED
    assert [r.case for r in sc.rows] == [c for c, _ in brief_mod.SCENARIO_CASES]
    row = next(r for r in sc.rows if r.case == "sell_300bn_60d")
    name = briefs[holder].holder
    result = run({"name": "brief sell_300bn_60d", "draws": DRAWS, "seed": SEED,
                  "actors": [{"holder": name, "sell": {"amount_usd_bn": 300, "days": 60}}]})
    assert row.spec_hash == result.spec_hash  # the very spec the brief ran
    horizon = int(preset_value("cost_horizon_years"))
    # the headline is the pooled mixture (issue 12): its median and p5/p95, costs from the same draws,
    # both sides in present value over the cost horizon (issue 13)
    assert row.impact_10y_bp == pytest.approx(result.shift_bp("pooled", 10.0, band="p50"))
    assert row.impact_10y_p5_bp == pytest.approx(result.shift_bp("pooled", 10.0, band="p5"))
    assert row.impact_30y_p95_bp == pytest.approx(result.shift_bp("pooled", 30.0, band="p95"))
    assert row.holder_cost_usd_bn == pytest.approx(result.cost("pooled", name, "total_pv_usd_bn", band="p50"))
    bill = result.us_bill
    assert bill is not None
    us = bill["pooled"]["pv_extra_interest_bands_usd_bn"][1]
    assert row.us_cost_usd_bn == pytest.approx(us) and row.us_cost_horizon_years == horizon
    # a ratio only of a loss to a loss (a private holder, not converting, can gain on carry)
    if us > 0 and row.holder_cost_usd_bn > 0:
        assert row.leverage_ratio == pytest.approx(us / row.holder_cost_usd_bn)
    else:
        assert row.leverage_ratio is None
    perm = result.peak_permanent("pooled", 10.0)["permanent_bp"]
    assert row.impact_10y_permanent_bp == pytest.approx(perm["p50"])
    assert {m["model"] for m in row.models} == set(result.models)  # per-model numbers stay available
    assert row.end_point == "day 60"
    mid, lo, hi = row.impact_10y_bp, row.impact_10y_p5_bp, row.impact_10y_p95_bp
    assert mid is not None and lo is not None and hi is not None
    # Bands contain the central value; a bigger sale moves yields more.
    assert lo <= mid <= hi
    small = next(r for r in sc.rows if r.case == "sell_100bn_60d")
    assert small.impact_10y_bp is not None and small.impact_10y_bp < mid
    coalition = next(r for r in sc.rows if r.case == "coalition_60d")
    partner = brief_mod.coalition_partner(name)
    assert partner is not None and partner in coalition.description
    assert coalition.impact_10y_bp is not None and coalition.impact_10y_bp > mid


def test_scenario_that_the_holdings_rule_out_shows_no_numbers() -> None:
    sc = brief_mod.scenario_section("norway", draws=0)  # $208 bn: a $300 bn sale is impossible
    rows = {r.case: r for r in sc.rows}
    assert sc.available and rows["sell_100bn_60d"].available
    impossible = rows["sell_300bn_60d"]
    assert not impossible.available
    assert impossible.impact_10y_bp is None and impossible.holder_cost_usd_bn is None
    assert "300" in impossible.note
    html = brief_mod.render_html(build_brief("norway", draws=0))
    assert 'data-case="sell_300bn_60d" data-unavailable-row="true"' in html


def test_game_rows_equal_the_leverage_game(briefs: dict[str, Brief]) -> None:
    from treasury_leverage.game.leverage import leverage_game

    gm = briefs["japan"].game
    assert gm.available and gm.tariff == "tariff 10%"
    result = leverage_game("japan", tariff_pct=brief_mod.GAME_TARIFF_PCT, draws=DRAWS, seed=SEED)
    frame = result.credibility_frame().set_index("response")
    assert [r.response for r in gm.rows] == list(frame.index)
    for r in gm.rows:
        assert r.credible_share_of_draws == pytest.approx(frame.loc[r.response, "credible_share_of_draws"])
        assert r.holder_cost_usd_bn == pytest.approx(frame.loc[r.response, "holder_cost_usd_bn_p50"])
        assert r.us_cost_usd_bn == pytest.approx(frame.loc[r.response, "us_cost_usd_bn_p50"])
        if r.leverage_ratio is None:  # the holder gains (a pause): no ratio either way
            assert not np.isfinite(frame.loc[r.response, "leverage_ratio_p50"])
        else:
            assert r.leverage_ratio == pytest.approx(frame.loc[r.response, "leverage_ratio_p50"])
        expected = ("credible" if r.credible_share_of_draws >= 0.9 else
                    "self-destructive" if r.credible_share_of_draws <= 0.1 else "uncertain")
        assert r.verdict == expected
    assert gm.statements == tuple(result.verdicts()) and gm.headline == result.headline()
    # The plain words name the numbers they rest on.
    best = max(gm.rows, key=lambda r: r.leverage_ratio or 0)
    assert f"'{best.response}'" in gm.text and f"{best.leverage_ratio:,.1f} dollars per dollar" in gm.text


def test_aggregate_gets_no_game_and_no_coalition() -> None:
    gm = brief_mod.game_section("official")
    assert not gm.available and "aggregate" in gm.note and gm.rows == ()
    assert brief_mod.coalition_partner("Foreign Official") is None
    assert brief_mod.coalition_partner("Japan") == "China, Mainland"
    assert brief_mod.coalition_partner("Canada") == "Japan"


def test_provenance_lists_presets_with_citations_and_the_seed(briefs: dict[str, Brief]) -> None:
    from treasury_leverage.presets import get_preset

    pv = briefs["japan"].provenance
    assert pv.seed == SEED
    names = {p["name"] for p in pv.presets}
    assert set(briefs["japan"].scenario.presets) <= names and "game_horizon_years" in names
    for p in pv.presets:
        assert p["source"] == get_preset(p["name"]).source and p["source"]
    assert {"holdings", "par_curve", "mspd"} <= {d["dataset"] for d in pv.datasets}
    assert all(d["vintage"] for d in pv.datasets)
    assert "scenario" in pv.models and "game" in pv.models and "term_premium" in pv.models


def test_coalition_numbers_equal_the_coalition_game(briefs: dict[str, Brief]) -> None:
    from treasury_leverage.game.leverage import coalition_game

    c = briefs["japan"].game.coalition
    assert c["partner"] == "China, Mainland"
    row = coalition_game(["Japan", "China, Mainland"], tariff_pct=brief_mod.GAME_TARIFF_PCT,
                         responses=("hold", "sell 300bn"), draws=DRAWS, seed=SEED).summary_frame().iloc[0]
    assert c["coalition_cost_usd_bn"] == pytest.approx(row["coalition_cost_usd_bn"])
    assert c["us_cost_usd_bn"] == pytest.approx(row["us_cost_usd_bn"])
    assert c["holder_cost_share_pct"] == pytest.approx(100 * row["cost_share_japan"])
    assert c["credible_joint_share_of_draws"] == pytest.approx(row["credible_joint_share"])
    # Japan's own share of a joint sale is below 100% and the partner pays the rest.
    assert 0 < c["holder_cost_share_pct"] < 100
    assert briefs["japan"].game.coalition_statements and "China, Mainland" in briefs["japan"].game.text


def test_small_holder_plays_only_the_sales_it_can_make() -> None:
    gm = brief_mod.game_section("norway", draws=0)  # $208 bn of Treasuries
    played = [r.response for r in gm.rows]
    assert gm.available and gm.responses_left_out == ("sell 300bn",)
    assert "sell 300bn" not in played and {"sell 100bn", "sell 25%"} <= set(played)
    assert "Left out: 'sell 300bn'" in gm.text
    assert gm.coalition["sale_each"] == "25% of its holdings"


def test_holder_whose_data_stop_early_still_embeds_valid_charts() -> None:
    from treasury_leverage.report.html import json_for_script

    h = brief_mod.holdings_section("iraq")
    f = brief_mod.flows_section("iraq")
    assert h.date == f.end == "2022-12-31"  # the brief follows the holder's own last month
    assert "stopped reporting Iraq separately after December 2022" in h.series_end_note
    assert brief_mod.holdings_section("japan").series_end_note == ""
    for chart in (*h.charts, *f.charts):
        assert json.loads(json_for_script(chart.spec))  # no NaN: JSON cannot carry it


def test_pause_of_a_net_seller_says_yields_fall(briefs: dict[str, Brief]) -> None:
    # China sold on net in 2025 (TIC): a pause of its net purchases stops the selling.
    pause = next(r for r in briefs["china"].scenario.rows if r.case == "pause_12m")
    assert pause.impact_10y_bp is not None and pause.impact_10y_bp < 0
    assert "net selling" in pause.note and pause.leverage_ratio is None  # no ratio of two gains
    assert "net selling" in dict(briefs["china"].headlines())["Scenarios"]
    from treasury_leverage.report.brief._base import usd

    assert usd(-4.84) == "-$4.8bn"


def test_provenance_names_each_impact_model_with_its_citation(briefs: dict[str, Brief]) -> None:
    pv, sc = briefs["japan"].provenance, briefs["japan"].scenario
    assert sc.models and set(sc.model_citations) == set(sc.models)
    for model in sc.models:
        cite = sc.model_citations[model]
        assert pv.models[f"impact model {model}"] == cite and "(" in cite
    assert f"{DRAWS} parameter draws per model, seed {SEED}" in pv.models["scenario"]


def test_write_never_replaces_a_folder_with_other_files(briefs: dict[str, Brief], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from treasury_leverage.errors import InputError

    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    with pytest.raises(InputError, match="holds other files"):
        write_brief(briefs["canada"], mine, chart_files=False)
    assert (mine / "thesis.tex").read_text() == "precious" and len(list(tmp_path.iterdir())) == 1
    monkeypatch.chdir(tmp_path / "documents")
    with pytest.raises(InputError):
        write_brief(briefs["canada"], ".", chart_files=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert brief_mod.is_brief_folder(empty)
    write_brief(briefs["canada"], empty, chart_files=False)
    assert brief_mod.is_brief_folder(empty) and (empty / "brief-canada.html").exists()


def test_unknown_format_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "brief", "japan", "--format", "pdf")
    assert code == 2 and out == "" and err == "error: --format 'pdf': expected one of html, md, json\n"
    assert list(tmp_path.iterdir()) == []
