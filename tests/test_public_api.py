"""The public names are the ones we mean to publish, and each resolves (as httpx checks its own)."""

from __future__ import annotations

import importlib

import pytest

import treasury_leverage.errors as errors

PUBLIC = {
    "treasury_leverage.data": {
        "acm_published", "export", "gsw_parameters", "gsw_zero_curve", "holders", "holdings", "mspd",
        "par_curve", "read", "series", "slt_flows", "sql", "status", "survey_holdings",
    },
    "treasury_leverage.curves": {
        "BondAnalytics", "BondCashflows", "BondRisk", "accrued_interest", "bill_bond_equivalent_yield",
        "bill_discount_yield", "bill_price_from_bey", "bill_price_from_discount", "bond_analytics",
        "bond_cashflows", "bond_price", "bond_risk", "bond_yield", "svensson_forward", "svensson_zero",
        "Curve", "SvenssonCurve", "PiecewiseCurve", "bootstrap_par_curve", "fit_nss", "fit_nss_panel",
        "zero_curve_panel", "decompose_move",
    },
    "treasury_leverage.holdings": {
        "ranking", "holder_history", "maturity_profile", "runoff_schedule", "flows", "attribution",
        "custody_adjusted", "MaturityProfile",
    },
    "treasury_leverage.impact": {
        "SalesPath", "ImpactModel", "ImpactResult", "MODELS", "get_model", "compare", "Beltran2013",
        "DurationSupply", "PreferredHabitat", "AlmgrenChriss", "optimal_schedule", "efficient_frontier",
    },
    "treasury_leverage.presets": {"PRESETS", "Preset", "get_preset", "preset_value", "sample_presets"},
    "treasury_leverage.scenario": {
        "ScenarioSpec", "ScenarioResult", "run", "load_spec", "sell_spec", "pause_spec", "runoff_spec",
    },
    "treasury_leverage.game": {
        "SequentialGame", "solve_spe", "assess_response", "deterrence", "leverage_game", "coalition_game",
        "GameResult", "CoalitionResult",
    },
    "treasury_leverage.web": {"create_app", "Limits", "features"},
    "treasury_leverage.termpremium": {
        "ACM", "ACMResults", "gsw_monthly_zero_panel", "spliced_monthly_panel", "decompose", "fit_default",
        "daily_term_premium", "term_premium_series", "EpisodeResult",
    },
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_all_is_exactly_the_published_names(module: str) -> None:
    mod = importlib.import_module(module)
    assert set(mod.__all__) >= PUBLIC[module], "a published name disappeared"
    for name in mod.__all__:
        assert getattr(mod, name) is not None
        assert not name.startswith("_")


def test_every_error_is_a_tlerror_and_user_errors_are_value_errors() -> None:
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type):
            assert issubclass(obj, errors.TLError)
    assert issubclass(errors.UnknownNameError, ValueError)
    assert issubclass(errors.UnknownNameError, KeyError)  # lookups in mappings raise it too


def test_unknown_name_message_is_readable() -> None:
    err = errors.UnknownNameError("country", "Japn", ["Japan", "China, Mainland", "Jordan"])
    assert str(err).startswith("unknown country 'Japn'; did you mean 'Japan'")
    assert err.choices == ["China, Mainland", "Japan", "Jordan"]
