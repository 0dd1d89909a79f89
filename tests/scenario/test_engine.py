"""The scenario engine on the bundled snapshot: properties that would catch real bugs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from treasury_leverage.cli._output import to_jsonable
from treasury_leverage.curves.bonds import bond_price
from treasury_leverage.curves.panel import par_curve_on, tenor_years
from treasury_leverage.data import api
from treasury_leverage.holdings.profile import LT_BUCKETS, maturity_profile
from treasury_leverage.scenario import run
from treasury_leverage.scenario.spec import MATURITIES_YEARS, MONTHS, pause_spec, runoff_spec, sell_spec

LINEAR = ["beltran2013", "duration_supply"]


def _all_bills(result) -> list[float]:  # type: ignore[no-untyped-def]
    return [r["central"] for r in result.seller_rows if r["item"].endswith("_usd_bn")]


def test_zero_actions_zero_impact_zero_costs() -> None:
    empty = run({"actors": [], "draws": 200, "seed": 3})
    for path in empty.paths.values():
        assert not np.any(path.central_day_bp) and not np.any(path.central_month_bp)
        assert path.bands_month_bp is not None and not np.any(path.bands_month_bp)
    assert empty.seller_rows == []
    holding = run({"actors": [{"holder": "japan", "hold": {}}, {"holder": "china", "hold": {}}]})
    assert all(v == 0.0 for v in _all_bills(holding))
    assert holding.us_bill is not None
    for bill in holding.us_bill.values():
        assert bill["extra_interest_usd_bn"] == [0.0, 0.0, 0.0]


def test_mark_to_market_is_a_direct_repricing_of_the_profile() -> None:
    res = run(sell_spec("japan", 100, days=20, models=["beltran2013"]))
    # independently: holdings, profile and curve from the data; one par bond per bucket
    start = res.start
    par = par_curve_on(api.par_curve(), start.isoformat())
    held = float(api.holdings("japan").loc[: str(res.holdings_date)].iloc[-1])
    prof = maturity_profile("japan", date=str(res.holdings_date))
    mats = np.array([0.25] + [(a + b) / 2 for a, b in LT_BUCKETS])
    shares = np.array([prof.st_share] + [(1 - prof.st_share) * w for w in prof.lt_weights])
    remaining = held * shares * (1 - 100.0 / held)  # pro-rata sale
    tenors = np.array([tenor_years(c) for c in par.index])
    coupon = np.interp(mats, tenors, par.to_numpy(float))
    settle = np.datetime64(start.isoformat())
    months = np.rint(mats * 12).astype(int)
    maturity = (settle.astype("datetime64[M]") + months).astype("datetime64[D]") + (
        settle - settle.astype("datetime64[M]").astype("datetime64[D]"))
    shift_grid = np.array([res.shift_bp("beltran2013", m, grid="day", index=19) for m in MATURITIES_YEARS])
    shift = np.interp(mats, MATURITIES_YEARS, shift_grid)
    p0 = bond_price(settle, maturity, coupon, coupon)
    p1 = bond_price(settle, maturity, coupon, coupon + shift / 100.0)
    expected = float(remaining @ (1 - p1 / p0))
    assert res.cost("beltran2013", "Japan", "mark_to_market_usd_bn") == pytest.approx(expected, rel=1e-9)
    assert expected > 0


def test_doubling_a_small_sale_doubles_the_impact_under_linear_models() -> None:
    one = run(sell_spec("japan", 10, days=10, models=LINEAR))
    two = run(sell_spec("japan", 20, days=10, models=LINEAR))
    for name in LINEAR:
        a, b = one.paths[name], two.paths[name]
        assert np.allclose(b.central_month_bp, 2 * a.central_month_bp, rtol=1e-12)
        assert np.allclose(b.central_day_bp, 2 * a.central_day_bp, rtol=1e-12)
        # mark-to-market is linear in the shift to first order (on a slightly smaller book) ...
        mtm = "mark_to_market_usd_bn"
        ratio = two.cost(name, "Japan", mtm) / one.cost(name, "Japan", mtm)
        assert ratio == pytest.approx(2.0, rel=0.02)
        # ... while the realised concession is quadratic: twice the size at twice the price move
        conc = two.cost(name, "Japan", "concession_usd_bn") / one.cost(name, "Japan", "concession_usd_bn")
        assert conc == pytest.approx(4.0, rel=0.01)


def test_pause_costs_less_than_a_sale_of_the_same_size() -> None:
    size = 120.0
    models = ["beltran2013", "kcfed2025", "ahmed_rebucci2022", "duration_supply"]
    sale = run(sell_spec("japan", size, days=60, models=models, convert_share=0.5))
    pause = run(pause_spec("japan", 12, baseline_usd_bn_per_month=size / 12, models=models))
    assert pause.holders[0]["forgone_purchases_usd_bn"] == pytest.approx(size)
    for name in models:
        realised_sale = sale.cost(name, "Japan", "concession_usd_bn") + sale.cost(name, "Japan", "fx_usd_bn")
        realised_pause = (pause.cost(name, "Japan", "concession_usd_bn")
                          + pause.cost(name, "Japan", "fx_usd_bn"))
        assert realised_pause == 0.0 and realised_sale > 0.0
        # in total too (the paper loss on the bonds it keeps is of the same order in both: under a
        # stock-effect model a pause's mark-to-market is ~5% larger, as it keeps more bonds)
        assert pause.cost(name, "Japan") < sale.cost(name, "Japan")
    for name in ["beltran2013", "kcfed2025", "ahmed_rebucci2022"]:
        # flow models: spreading the same dollars over a year moves yields less than 60 days of selling
        assert pause.shift_bp(name, 10.0) < sale.shift_bp(name, 10.0)


def test_same_seed_same_result_other_seed_other_bands() -> None:
    spec = sell_spec("japan", 200, days=40, models=["kcfed2025", "habitat"], draws=3000, seed=11)
    a, b = run(spec), run(spec)
    assert json.dumps(to_jsonable(a.to_dict())) == json.dumps(to_jsonable(b.to_dict()))
    c = run(sell_spec("japan", 200, days=40, models=["kcfed2025", "habitat"], draws=3000, seed=12))
    assert a.cost("kcfed2025", "Japan", band="p95") != c.cost("kcfed2025", "Japan", band="p95")
    assert a.cost("kcfed2025", "Japan") == c.cost("kcfed2025", "Japan")  # central values do not depend on it
    assert a.spec_hash != c.spec_hash


def test_bands_bracket_the_central_path_and_cover_both_grids() -> None:
    res = run(sell_spec("japan", 150, days=30, mix="longest-first", models=["habitat", "beltran2013"],
                        draws=2000, seed=1))
    for path in res.paths.values():
        assert path.central_day_bp.shape == (30, len(MATURITIES_YEARS))
        assert path.central_month_bp.shape == (MONTHS, len(MATURITIES_YEARS))
        assert path.bands_day_bp is not None and path.bands_month_bp is not None
        lo, mid, hi = path.bands_month_bp
        assert np.all(lo <= mid + 1e-12) and np.all(mid <= hi + 1e-12)
    for row in res.seller_rows:
        if row["item"] == "total_usd_bn":
            assert row["p5"] <= row["p50"] <= row["p95"]


def test_runoff_uses_the_runoff_schedule_and_shrinks_the_book() -> None:
    res = run(runoff_spec("japan", 24, models=["duration_supply"]))
    h = res.holders[0]
    from treasury_leverage.holdings.profile import runoff_schedule

    sched = runoff_schedule("japan", date=str(res.holdings_date), years=2)
    assert h["matured_usd_bn"] == pytest.approx(float(sched["matures_usd_bn"].sum()))
    assert h["remaining_usd_bn"] == pytest.approx(h["holdings_usd_bn"] - h["matured_usd_bn"])
    assert res.flows_month_usd_bn[:24].sum() == pytest.approx(h["matured_usd_bn"])
    assert not np.any(res.flows_month_usd_bn[24:])
    assert res.cost("duration_supply", "Japan", "concession_usd_bn") == 0.0


def test_pause_baseline_is_the_trailing_average_and_shown() -> None:
    res = run(pause_spec("japan", 6, models=["beltran2013"]))
    h = res.holders[0]
    from treasury_leverage.holdings import flows
    from treasury_leverage.presets import preset_value

    window = int(preset_value("pause_baseline_months"))
    # the official part of the trailing average (issue 13: private buyers are not paused)
    net = flows("japan", end=str(res.holdings_date))["net_purchases_usd_bn"].dropna()
    trailing = net.tail(window).mean() * preset_value("official_share_of_tic_japan")
    assert h["baseline_usd_bn_per_month"] == pytest.approx(float(trailing))
    assert "net purchases" in h["baseline_source"]
    assert res.flows_month_usd_bn[:6] == pytest.approx(np.full(6, trailing))


def test_coalition_with_tariff_and_json_output() -> None:
    res = run({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 100, "days": 20, "convert_share": 1}},
                          {"holder": "china", "runoff": {"months": 12, "convert_share": 0}}],
               "trade": {"tariff_pct": {"japan": 25}}, "models": ["beltran2013"], "draws": 500, "seed": 2})
    assert [h["holder"] for h in res.holders] == ["Japan", "China, Mainland"]
    assert res.cost("beltran2013", "Japan", "fx_usd_bn") > 0  # converted proceeds strengthen the yen
    rate = res.holders[0]["home_per_usd_at_start"]
    assert 100 < rate < 200  # yen per dollar from DEXJPUS
    assert res.cost("beltran2013", "Japan", "fx_home_currency_bn") == pytest.approx(
        rate * res.cost("beltran2013", "Japan", "fx_usd_bn"))
    assert res.cost("beltran2013", "China, Mainland", "fx_usd_bn") == 0  # nothing converted
    assert any("trade channel" in n for n in res.notes)
    payload = json.loads(json.dumps(res.to_dict(), allow_nan=False))  # plain JSON as it is
    assert payload["spec_hash"] == res.spec_hash
    assert payload["provenance"]["draws"] == 500 and payload["provenance"]["seed"] == 2
    assert "holdings" in payload["provenance"]["data_vintages"]
    assert "fx_intervention_jpy_per_100bn" in payload["provenance"]["presets"]["seller"]
    frame = res.summary_frame()
    assert {"shift_10y_bp", "japan_cost_usd_bn", "china_mainland_cost_usd_bn"} <= set(frame.columns)


def test_public_names() -> None:
    import treasury_leverage.scenario as sc

    assert set(sc.__all__) == {
        "MATURITIES_YEARS", "MONTHS", "Actor", "HoldAction", "ModelPath", "PauseAction", "RunoffAction",
        "ScenarioResult", "ScenarioSpec", "SellAction", "TradeBlock", "check_spec", "load_spec", "parse_spec",
        "pause_spec", "run", "run_many", "runoff_spec", "sell_spec", "spec_hash",
    }
    assert all(getattr(sc, name) is not None for name in sc.__all__)


def test_flows_frame_adds_up() -> None:
    res = run({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 63, "days": 63}},
                          {"holder": "china", "pause": {"months": 2, "baseline_usd_bn_per_month": 5}}],
               "models": ["duration_supply"]})
    frame = res.flows_frame()
    assert list(frame.columns) == ["japan_usd_bn", "china_mainland_usd_bn", "total_usd_bn"]
    assert frame["japan_usd_bn"].iloc[:3].tolist() == pytest.approx([21.0, 21.0, 21.0])
    assert frame["china_mainland_usd_bn"].iloc[:3].tolist() == pytest.approx([5.0, 5.0, 0.0])
    assert frame["total_usd_bn"].sum() == pytest.approx(73.0)


def test_trade_channel_draws_carry_into_the_bands() -> None:
    trade = pytest.importorskip("treasury_leverage.scenario.trade")
    from treasury_leverage.impact.base import SalesPath
    from treasury_leverage.impact.registry import MODELS
    from treasury_leverage.presets import preset_value
    from treasury_leverage.scenario.engine import _ladder

    # the model's own parameters fixed: the 10y band comes from the shortfall's draws alone
    fixed = {k: preset_value(k) for k in MODELS["duration_supply"].preset_names}
    res = run({"actors": [{"holder": "japan", "hold": {}}],
               "trade": {"tariff_pct": {"japan": 25}, "months": 12},
               "models": ["duration_supply"], "draws": 300, "seed": 5, "overrides": fixed})
    draws = trade.trade_shortfall("japan", 25, months=12, draws=300, seed=np.random.default_rng([5, 3000]),
                                  overrides=fixed).purchase_shortfall_usd_bn
    ladder = _ladder("Japan", res.holders[0]["holdings_usd_bn"], res.holdings_date, res.start)
    shares = ladder.holdings_usd_bn / ladder.total_usd_bn
    model = MODELS["duration_supply"](maturities_years=(10.0,))
    direct = []
    for path in draws:  # one model evaluation per draw of the shortfall
        monthly = np.zeros((MONTHS, len(shares)))
        monthly[:12] = path[:, None] * shares[None, :]
        path_n = SalesPath(monthly, tuple(ladder.maturities_years), "month")
        direct.append(model.impact(path_n).impact_bp[11, 0])
    expected = np.percentile(direct, [5, 50, 95])
    got = [res.shift_bp("duration_supply", 10.0, grid="month", index=11, band=b)
           for b in ("p5", "p50", "p95")]
    assert got == pytest.approx(expected.tolist(), rel=1e-9)
    assert got[0] < got[2]


@pytest.mark.parametrize("name", ["beltran2013", "warnock2009", "habitat", "almgren_chriss",
                                  "flow_plus_stock"])
def test_delayed_unit_responses_equal_direct_kernel_calls(name: str) -> None:
    """The trade-draw shortcut (month t's response = month 0's, t periods later) against the kernel."""
    from treasury_leverage.impact.base import SalesPath, kernel_values
    from treasury_leverage.impact.registry import MODELS
    from treasury_leverage.presets import sample_presets
    from treasury_leverage.scenario.engine import _kernel, _shifted_sum

    buckets = (0.25, 2.5, 9.5, 25.0)
    shares = np.array([0.1, 0.4, 0.3, 0.2])
    model = MODELS[name](maturities_years=MATURITIES_YEARS)
    params = sample_presets(model.preset_names, 40, seed=9)
    coef = np.random.default_rng(2).normal(size=(40, 6))
    units = []
    for t in range(6):
        monthly = np.zeros((MONTHS, 4))
        monthly[t] = shares
        units.append(SalesPath(monthly, buckets, "month"))
    direct = sum(coef[:, t, None, None] * kernel_values(_kernel(model, units[t], params)) for t in range(6))
    fast = kernel_values(_shifted_sum(_kernel(model, units[0], params), coef, 1))
    assert np.allclose(fast, direct, rtol=1e-10, atol=1e-10)


def test_a_models_bands_do_not_depend_on_the_other_models_in_the_run() -> None:
    """Each model draws from its own named stream: running it alone or beside others is the same."""
    from treasury_leverage.scenario import run, sell_spec

    alone = run(sell_spec("japan", 100, days=20, models=["kcfed2025"], draws=500, seed=3)).to_dict()
    both = run(sell_spec("japan", 100, days=20, models=["beltran2013", "kcfed2025"], draws=500,
                         seed=3)).to_dict()
    pick = {m["model"]: m for m in both["models"]}["kcfed2025"]
    assert alone["models"][0]["end_shift_bands_bp"] == pick["end_shift_bands_bp"]


# -- the draws behind the bands, aligned draw by draw -------------------------------------------


def test_bill_draws_reproduce_the_reported_bands_exactly() -> None:
    from treasury_leverage.scenario.engine import quantiles

    sale = {"amount_usd_bn": 200, "days": 30, "convert_share": 0.5}
    res = run({"actors": [{"holder": "japan", "sell": sale}, {"holder": "china", "hold": {}}],
               "trade": {"tariff_pct": {"china": 20}, "months": 24},
               "models": ["beltran2013", "habitat"], "draws": 400, "seed": 8})
    assert res.us_bill is not None
    for model in res.models:
        bd = res.bill_draws(model)
        assert bd.n_draws == 400 and bd.n_us_draws == 400 and bd.us_horizons_years == (1, 5, 10)
        for row in res.seller_rows:
            if row["model"] != model or row["item"] not in bd.holder_usd_bn[row["holder"]]:
                continue
            values = bd.holder_usd_bn[row["holder"]][row["item"]]
            before = values.copy()
            assert values.shape == (400,)
            assert quantiles(values).tolist() == [row["p5"], row["p50"], row["p95"]]  # exactly
            assert np.array_equal(values, before)  # reading the bands leaves the draws in order
        bill = res.us_bill[model]
        assert quantiles(bd.us_extra_interest_usd_bn).T.tolist() == bill["extra_interest_bands_usd_bn"]
        assert quantiles(bd.us_pct_gdp).T.tolist() == bill["pct_gdp_bands"]
        # the items of a draw add up draw by draw (they are the same draw)
        japan = bd.holder_usd_bn["Japan"]
        assert np.allclose(japan["concession_usd_bn"] + japan["mark_to_market_usd_bn"] + japan["fx_usd_bn"],
                           japan["total_usd_bn"], rtol=1e-12)
        frame = res.draws_frame(model)
        assert len(frame) == 400
        assert np.array_equal(frame["china_mainland_total_usd_bn"].to_numpy(),
                              bd.holder_usd_bn["China, Mainland"]["total_usd_bn"])
        assert np.array_equal(frame["us_extra_interest_5y_usd_bn"].to_numpy(),
                              bd.us_extra_interest_usd_bn[:, 1])
    # not part of the JSON
    assert "bill_draw_arrays" not in json.dumps(to_jsonable(res.to_dict()))


def test_bill_draws_are_the_same_parameter_draws_across_runs_and_models() -> None:
    """Draw k of a model is the same parameter draw whatever the action or the other models."""
    sale = run(sell_spec("japan", 100, days=20, models=["kcfed2025"], draws=300, seed=3))
    both = run(sell_spec("japan", 100, days=20, models=["beltran2013", "kcfed2025"], draws=300, seed=3))
    pause = run(pause_spec("japan", 6, models=["kcfed2025"], draws=300, seed=3))
    other = run(sell_spec("japan", 100, days=20, models=["kcfed2025"], draws=300, seed=4))
    a, b = sale.bill_draws("kcfed2025"), both.bill_draws("kcfed2025")
    assert np.array_equal(a.holder_usd_bn["Japan"]["total_usd_bn"], b.holder_usd_bn["Japan"]["total_usd_bn"])
    assert a.us_extra_interest_usd_bn is not None and b.us_extra_interest_usd_bn is not None
    assert np.array_equal(a.us_extra_interest_usd_bn, b.us_extra_interest_usd_bn)
    assert a.parameter_digest == b.parameter_digest == pause.bill_draws("kcfed2025").parameter_digest
    assert other.bill_draws("kcfed2025").parameter_digest != a.parameter_digest
    # a bigger sale costs more in every single draw (same parameters, larger flow)
    bigger = run(sell_spec("japan", 200, days=20, models=["kcfed2025"], draws=300, seed=3))
    assert np.all(bigger.bill_draws("kcfed2025").us_extra_interest_usd_bn > a.us_extra_interest_usd_bn)


def test_bill_draws_without_draws_and_unknown_model() -> None:
    from treasury_leverage.errors import InputError, UnknownNameError

    res = run(sell_spec("japan", 100, days=20, models=["beltran2013"]))
    with pytest.raises(InputError, match="draws > 0"):
        res.bill_draws("beltran2013")
    with pytest.raises(UnknownNameError):
        res.bill_draws("beltran")


def test_us_bill_draws_cover_the_first_draws_when_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from treasury_leverage.scenario import bills
    from treasury_leverage.scenario.engine import quantiles

    monkeypatch.setattr(bills, "_US_DRAWS", 70)
    res = run(sell_spec("japan", 100, days=20, models=["beltran2013"], draws=200, seed=1))
    bd = res.bill_draws("beltran2013")
    assert bd.n_draws == 200 and bd.n_us_draws == 70
    assert res.us_bill is not None
    assert quantiles(bd.us_extra_interest_usd_bn).T.tolist() == res.us_bill["beltran2013"][
        "extra_interest_bands_usd_bn"]
    frame = res.draws_frame("beltran2013")
    assert frame["us_extra_interest_1y_usd_bn"].iloc[70:].isna().all()
    assert frame["us_extra_interest_1y_usd_bn"].iloc[:70].notna().all()


def test_mortgage_exposure_weights_match_the_games_mortgage_cost() -> None:
    from treasury_leverage.game.payoffs import mortgage_cost_usd_bn
    from treasury_leverage.scenario.engine import _cohort_weights

    paths = np.random.default_rng(0).normal(10.0, 5.0, size=(3, MONTHS))
    weights = _cohort_weights(MONTHS, (1, 5, 10))
    exposure = paths @ weights
    for i in range(3):
        for j, h in enumerate((1, 5, 10)):
            # 1,200bn of loans a year = 100bn a month: cost = 100 x exposure / 10^4
            cost = mortgage_cost_usd_bn(paths[i], horizon_years=h, originations_usd_bn_per_year=1200.0,
                                        passthrough=1.0)
            assert 100.0 * exposure[i, j] / 1e4 == pytest.approx(cost, rel=1e-12)
