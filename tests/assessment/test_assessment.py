"""``treasury_leverage.assess``: one frozen, JSON-ready answer whose parts the faces render.

The assessment's numbers are checked against the functions it reads (the engine's run of the
same spec, the game of the same draws), its standard cases against the brief's hand-built specs
of before issue 15 (recomputed here in their old dict form), its verdicts against the game's
threshold.
"""

from __future__ import annotations

import dataclasses
import json
import math
import subprocess
import sys
from typing import Any

import pytest

import treasury_leverage
from treasury_leverage.assessment import Assessment, assess

DRAWS, SEED = 200, 7


@pytest.fixture(scope="module")
def japan() -> Assessment:
    return assess("japan", draws=DRAWS, seed=SEED)


def test_to_dict_round_trips_through_json_with_the_brief_keys(japan: Assessment) -> None:
    d = japan.to_dict()
    text = json.dumps(d, allow_nan=False)  # NaN would be invalid JSON
    assert json.loads(text) == d
    assert list(d) == ["holder", "holdings", "flows", "backdrop", "scenario", "game", "provenance", "options"]
    # frames stay out of the JSON; unit-carrying keys of the brief stay in
    assert "history" not in d["holdings"] and "frame" not in d["flows"] and "result" not in d["game"]
    assert d["holdings"]["holdings_usd_bn"] == pytest.approx(japan.holdings.holdings_usd_bn)
    row = next(r for r in d["scenario"]["rows"] if r["case"] == "sell_300bn_60d")
    assert {"impact_10y_bp", "holder_cost_usd_bn", "us_cost_usd_bn", "impact_10y_permanent_bp"} <= set(row)
    assert d["options"] == {"draws": DRAWS, "seed": SEED, "tariff_pct": 10.0, "flows_window_months": 24,
                            "sale_business_days": 60, "start": None,
                            "episode": ["2025-04-04", "2025-04-11"]}


def test_the_assessment_and_its_parts_are_frozen(japan: Assessment) -> None:
    for obj, attr in ((japan, "holder"), (japan.game, "headline"), (japan.scenario, "rows"),
                      (japan.scenario.rows[0], "holder_cost_usd_bn"), (japan.game.rows[0], "verdict"),
                      (japan.holdings, "holdings_usd_bn"), (japan.provenance, "seed")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, attr, None)


def test_summary_names_the_holder_and_the_headline_numbers(japan: Assessment) -> None:
    from treasury_leverage._format import money_bn

    text = japan.summary()
    assert text.startswith("Japan:") and str(japan) == text
    assert money_bn(japan.holdings.holdings_usd_bn) in text
    big = japan.scenario.row("sell_300bn_60d")
    assert money_bn(big.holder_cost_usd_bn) in text and money_bn(big.us_cost_usd_bn) in text
    assert japan.game.summary_line in text and "Most leveraged" in japan.game.summary_line
    assert 3 <= len(text.splitlines()) <= 10


def test_notebook_view_holds_the_tables(japan: Assessment) -> None:
    html = japan._repr_html_()
    assert html.count("<table") == 2  # the scenario table and the game's threats
    for r in japan.scenario.rows:
        assert r.case in html
    for r in japan.game.rows:
        assert r.response in html
    assert "<table" in japan.game._repr_html_() and "Japan" in japan.holdings._repr_html_()
    frame = japan.to_frame()
    assert list(frame["case"]) == [r.case for r in japan.scenario.rows]
    assert frame.loc[frame["case"] == "sell_300bn_60d", "holder_cost_usd_bn"].iloc[0] == pytest.approx(
        japan.scenario.row("sell_300bn_60d").holder_cost_usd_bn)


def test_scenario_rows_are_the_engine_runs_of_the_standard_specs(japan: Assessment) -> None:
    """Each row's numbers equal the engine's own result for the case's spec (same draws, seed)."""
    from treasury_leverage.scenario import run
    from treasury_leverage.scenario.cases import standard_cases

    cases = {c.key: c for c in standard_cases("Japan", draws=DRAWS, seed=SEED)}
    for key in ("pause_12m", "sell_300bn_60d"):
        spec = cases[key].spec
        assert spec is not None
        result = run(spec)
        row = japan.scenario.row(key)
        assert row.spec_hash == result.spec_hash
        assert row.holder_cost_usd_bn == pytest.approx(result.cost("pooled", "Japan", "total_pv_usd_bn",
                                                                   band="p50"), rel=1e-12)
        assert row.us_cost_usd_bn == pytest.approx(
            result.us_bill["pooled"]["pv_extra_interest_bands_usd_bn"][1], rel=1e-12)


def test_game_verdicts_use_the_games_own_threshold(japan: Assessment) -> None:
    from treasury_leverage.game import DEFAULT_RESPONSES
    from treasury_leverage.game.result import CLEAR_SHARE
    from treasury_leverage.game.words import classify_threat, threat_rows

    assert japan.game.available and japan.game.result is not None
    assert tuple(r.response for r in japan.game.rows) == tuple(DEFAULT_RESPONSES[1:])
    assert japan.game.rows == threat_rows(japan.game.result)
    for r in japan.game.rows:
        assert r.verdict == classify_threat(r.credible_share_of_draws)
    assert classify_threat(CLEAR_SHARE) == "credible"
    assert classify_threat(math.nextafter(CLEAR_SHARE, 0.0)) == "uncertain"
    assert classify_threat(1 - CLEAR_SHARE) == "self-destructive"
    assert japan.game.headline == japan.game.result.headline()
    assert list(japan.game.statements) == japan.game.result.verdicts()


def test_import_stays_cheap_and_assess_is_reexported_lazily() -> None:
    code = ("import sys, treasury_leverage as tl; "
            "print(any(m.startswith('treasury_leverage.assessment') for m in sys.modules), "
            "'pandas' in sys.modules); "
            "f = tl.assess; import treasury_leverage.assessment as a; "
            "print(f is a.assess, 'assess' in dir(tl))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    out = run.stdout.split()
    assert out == ["False", "False", "True", "True"]
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        treasury_leverage.nothing  # noqa: B018


# -- the standard cases ---------------------------------------------------------------------------


def _old_case_spec(case: str, name: str, partner: str | None, *, draws: int, seed: int,
                   holdings_usd_bn: float) -> dict[str, Any] | None:
    """The brief's hand-built spec of a case, as ``report/brief.py`` wrote it before issue 15."""
    sell = {"days": 60}
    actors: list[dict[str, Any]]
    if case == "pause_12m":
        actors = [{"holder": name, "pause": {"months": 12}}]
    elif case == "runoff_24m":
        actors = [{"holder": name, "runoff": {"months": 24}}]
    elif case == "sell_100bn_60d":
        actors = [{"holder": name, "sell": {**sell, "amount_usd_bn": 100}}]
    elif case == "sell_300bn_60d":
        actors = [{"holder": name, "sell": {**sell, "amount_usd_bn": 300}}]
    elif case == "sell_25pct_60d":
        actors = [{"holder": name, "sell": {**sell, "amount_pct": 25}}]
    else:
        if partner is None:
            return None
        amount = {"amount_usd_bn": 300.0} if holdings_usd_bn > 300.0 else {"amount_pct": 25.0}
        actors = [{"holder": h, "sell": {**sell, **amount}} for h in (name, partner)]
    return {"name": f"brief {case}", "actors": actors, "draws": draws, "seed": seed}


@pytest.mark.parametrize("holder", ["Japan", "China, Mainland", "Canada", "Foreign Official"])
def test_standard_cases_are_the_briefs_old_specs(holder: str) -> None:
    from treasury_leverage.scenario.cases import (
        SCENARIO_CASES,
        coalition_partner,
        latest_holdings_usd_bn,
        standard_cases,
    )
    from treasury_leverage.scenario.spec import parse_spec, spec_hash

    held = latest_holdings_usd_bn(holder)
    cases = standard_cases(holder, draws=DRAWS, seed=SEED)
    assert [c.key for c in cases] == [k for k, _ in SCENARIO_CASES]
    for case in cases:
        old = _old_case_spec(case.key, holder, coalition_partner(holder), draws=DRAWS, seed=SEED,
                             holdings_usd_bn=held)
        if case.spec is None:
            assert case.note
            # left out: the coalition of an aggregate, or a sale the engine would refuse
            assert old is None or old["actors"][0]["sell"].get("amount_usd_bn", 0) > held
            continue
        assert old is not None
        assert spec_hash(case.spec) == spec_hash(parse_spec(old)), case.key
    if holder == "Foreign Official":
        assert cases[-1].spec is None and "aggregate" in cases[-1].note


def test_a_sale_larger_than_the_holdings_is_left_out_with_the_reason() -> None:
    from treasury_leverage.scenario.cases import standard_cases

    cases = {c.key: c for c in standard_cases("Japan", draws=0, seed=0, holdings_usd_bn=150.0)}
    assert cases["sell_100bn_60d"].spec is not None
    assert cases["sell_300bn_60d"].spec is None
    assert "exceeds Japan's holdings of 150.0 USD bn" in cases["sell_300bn_60d"].note
    # the coalition falls back to a quarter of each member's holdings
    coalition = cases["coalition_60d"].spec
    assert coalition is not None and all(a.action.amount_pct == 25.0 for a in coalition.actors)


def test_game_responses_are_the_games_defaults_less_too_big_sales() -> None:
    from treasury_leverage.assessment.game import GAME_RESPONSES, standard_responses
    from treasury_leverage.game import DEFAULT_RESPONSES

    assert tuple(DEFAULT_RESPONSES) == GAME_RESPONSES
    kept, left_out = standard_responses(150.0)
    assert left_out == ("sell 300bn",) and "sell 100bn" in kept and "sell 25%" in kept


def test_unknown_holder_is_named_with_close_matches() -> None:
    from treasury_leverage.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="close matches"):
        assess("atlantis")
    with pytest.raises(UnknownNameError, match="did you mean"):
        assess("japn")


def test_the_game_computed_in_a_worker_process_is_the_same_to_the_last_bit(japan: Assessment) -> None:
    # `tlev brief` computes the game in a process of its own (assess(executor=...)): the same
    # function on the same data with one BLAS thread, so the very same numbers
    from treasury_leverage._workers import process_pool

    with process_pool(1) as pool:
        there = assess("japan", draws=DRAWS, seed=SEED, executor=pool)
    assert there.game.to_dict() == japan.game.to_dict()
    assert there.to_dict()["game"] == japan.to_dict()["game"]
    assert there.game.result is not None and japan.game.result is not None


def test_a_broken_worker_pool_costs_time_not_the_answer(japan: Assessment) -> None:
    from concurrent.futures import Executor, Future
    from concurrent.futures.process import BrokenProcessPool

    class Broken(Executor):
        """A pool whose process died: every future fails with BrokenProcessPool."""

        submitted = 0

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            Broken.submitted += 1
            fut: Future[Any] = Future()
            fut.set_exception(BrokenProcessPool("killed"))
            return fut

    again = assess("japan", draws=DRAWS, seed=SEED, executor=Broken())
    assert Broken.submitted == 1
    assert again.game.to_dict() == japan.game.to_dict()

    class Failing(Broken):
        """A pool in which the game itself raised: that error is the caller's, not retried."""

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            fut: Future[Any] = Future()
            fut.set_exception(ValueError("the game's own error"))
            return fut

    with pytest.raises(ValueError, match="the game's own error"):
        assess("japan", draws=DRAWS, seed=SEED, executor=Failing())
