"""The public names are the ones we mean to publish, and each resolves (as httpx checks its own)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import treasury_leverage.errors as errors

SRC = Path(__file__).resolve().parents[1] / "src" / "treasury_leverage"

#: Every package and subpackage, and the top-level modules others import by name: exactly the
#: names each publishes. A name added or dropped is a decision; make it here too.
PUBLIC: dict[str, set[str]] = {
    "treasury_leverage": {
        "__version__", "assess",
    },
    "treasury_leverage.assessment": {
        "EPISODE_END", "EPISODE_START", "GAME_RESPONSES", "GAME_TARIFF_PCT", "NOT_AVAILABLE", "PARTS",
        "Assessment", "BackdropPart", "FlowsPart", "GamePart", "HoldingsPart", "Provenance", "QuietSelling",
        "ScenarioRow", "ScenarioTable", "assess", "backdrop_part", "flows_part", "game_part", "holdings_part",
        "provenance_part", "quiet_selling", "resolve_holder", "scenario_part",
    },
    "treasury_leverage.bibliography": {
        "OWN_CHOICE", "REFERENCES", "Reference", "cite_preset", "get_reference", "reader_source",
        "references_for",
    },
    "treasury_leverage.cli": set(),
    "treasury_leverage.curves": {
        "BondAnalytics", "BondCashflows", "BondRisk", "Curve", "MoveDecomposition", "NSSFit",
        "NSS_BOUNDS", "PiecewiseCurve", "SvenssonCurve", "SvenssonParams", "accrued_interest",
        "bill_bond_equivalent_yield", "bill_discount_yield", "bill_price_from_bey",
        "bill_price_from_discount", "bond_analytics", "bond_cashflows", "bond_price", "bond_risk",
        "bond_yield", "bootstrap_par_curve", "cached_nss_panel", "cached_zero_panel",
        "convert_rate", "curve_from_par", "decompose_move", "fit_nss", "fit_nss_many",
        "fit_nss_panel", "gsw_panel", "gsw_zero_yields", "par_change_table", "par_curve_on",
        "svensson_forward", "svensson_zero", "tenor_years", "zero_curve_panel",
    },
    "treasury_leverage.data": {
        "acm_published", "export", "gsw_parameters", "gsw_zero_curve", "holders", "holdings",
        "mspd", "par_curve", "read", "series", "slt_flows", "sql", "status", "survey_holdings",
    },
    "treasury_leverage.data.sources": set(),
    "treasury_leverage.data.sources.tic": {
        "MFH_HISTORY_URL", "SLT_TABLE1_URL", "SLT_TABLE5_URL", "parse_bltype_history", "parse_mfh",
        "parse_shl_history", "parse_slt2d_history", "parse_slt_table1",
    },
    "treasury_leverage.errors": {
        "DataFormatError", "DataUnavailable", "FetchError", "InputError", "ScenarioError",
        "StoreError", "TLError", "UnknownNameError", "closest",
    },
    "treasury_leverage.game": {
        "CoalitionAssessment", "CoalitionEquilibrium", "CoalitionGame", "CoalitionResult",
        "DEFAULT_RESPONSES", "Deterrence", "Equilibrium", "GameResult", "PayoffComponents",
        "PayoffWeights", "Response", "ResponseAssessment", "SequentialGame", "analyse",
        "analyse_coalition", "assess_joint_response", "assess_response", "coalition_game",
        "credibility_frame", "deterrence", "deterrence_frame", "leader_payoff_under_rule",
        "leverage_game", "parse_response", "solve_coalition", "solve_spe",
    },
    "treasury_leverage.holdings": {
        "AttributionResults", "Calibration", "CustodyAdjustment", "DEFAULT_LT_WEIGHTS",
        "EventStudyResults", "LT_BUCKETS", "MaturityProfile", "attribution", "calibrate", "changes",
        "check_estimator", "custody_adjusted", "event_study", "flows", "holder_history",
        "maturity_profile", "official_net_purchases", "official_private", "ranking", "recent_window",
        "runoff_schedule", "st_lt_history", "verdict",
    },
    "treasury_leverage.impact": {
        "ACParams", "AhmedRebucci2022", "AlmgrenChriss", "Beltran2013", "DurationSupply",
        "ExecutionPlan", "FlowPlusStock", "HabitatParams", "ImpactModel", "ImpactResult",
        "KCFed2025", "MATURITIES_YEARS", "MODELS", "PreferredHabitat", "SalesPath", "Warnock2009",
        "calibrate_habitat", "compare", "compare_frame", "dump_schedule", "efficient_frontier",
        "even_schedule", "execution_comparison", "get_model", "maturity_mapping",
        "one_factor_closed_form", "optimal_schedule", "par_durations", "par_yields_on",
        "parse_maturity", "solve_habitat", "supply_response_bp", "ten_year_equivalents_usd_bn",
        "transient_supply_response_bp", "treasury_execution_params",
    },
    "treasury_leverage.presets": {
        "Confidence", "Distribution", "PRESETS", "Preset", "get_preset", "preset_value",
        "presets_frame", "sample_presets",
    },
    "treasury_leverage.report": {
        "Brief", "build_brief", "curve_chart", "curve_move_chart", "flows_chart",
        "holdings_history_chart", "maturity_profile_chart", "ranking_chart", "runoff_chart",
        "save_chart", "write_brief",
    },
    "treasury_leverage.report.brief": {
        "BRIEF_MARKER", "COALITION_SALE_USD_BN", "EPISODE_END", "EPISODE_START", "FLOW_MONTHS",
        "GAME_RESPONSES", "GAME_TARIFF_PCT", "NOT_AVAILABLE", "SCENARIO_CASES", "BackdropSection", "Brief",
        "BriefChart", "FlowsSection", "Format", "GameResponseRow", "GameSection", "HoldingsSection",
        "ProvenanceSection", "ScenarioRow", "ScenarioSection", "backdrop_section", "brief_from_assessment",
        "brief_slug", "build_brief", "check_brief_target", "coalition_partner", "flows_section",
        "game_section", "holdings_section", "is_brief_folder", "provenance_section", "render_html",
        "render_markdown", "resolve_holder", "scenario_section", "write_brief",
    },
    "treasury_leverage.report.charts": {
        "backtest_chart", "curve_chart", "curve_move_chart", "episode_chart", "flows_chart",
        "frontier_chart", "holder_overview_chart", "holdings_history_chart", "impact_response_chart",
        "last_date_of", "maturity_profile_chart", "ranking_chart", "require_columns", "runoff_chart",
        "save_chart", "scenario_table_chart", "source_line", "term_premium_chart", "threats_chart",
        "with_source_footer",
    },
    "treasury_leverage.scenario": {
        "Actor", "HoldAction", "MATURITIES_YEARS", "MONTHS", "ModelPath", "PauseAction",
        "RunoffAction", "ScenarioResult", "ScenarioSpec", "SellAction", "TradeBlock", "check_spec",
        "load_spec", "parse_spec", "pause_spec", "run", "run_many", "runoff_spec", "sell_spec", "spec_hash",
    },
    "treasury_leverage.settings": {
        "Settings", "config_path", "get_settings",
    },
    "treasury_leverage.termpremium": {
        "ACM", "ACMResults", "AffineTermStructure", "DAILY_START", "DEFAULT_PC_MATURITIES",
        "DEFAULT_RETURN_MATURITIES", "EPISODE_MATURITIES", "EpisodeResult", "MonthlyZeroPanel",
        "NSS_SOURCE", "PanelProvenance", "SimulatedCurves", "affine_recursion",
        "daily_term_premium", "daily_zero_yields", "decompose", "default_panel", "fit_default",
        "gsw_monthly_zero_panel", "log_bond_prices", "simulate_affine_curves",
        "spliced_monthly_panel", "term_premium_series",
    },
    "treasury_leverage.units": {
        "BP", "BP_PER_DECIMAL", "CNY_PER_USD", "DECIMAL_PER_BP", "INDEX", "JPY_PER_USD", "PCT",
        "USD_BN", "USD_MN", "to_usd_bn",
    },
    "treasury_leverage.web": {
        "Limits", "create_app", "features",
    },
}


def _packages() -> set[str]:
    return {".".join(p.parent.relative_to(SRC.parent).parts) for p in SRC.rglob("__init__.py")}


def test_every_package_is_listed() -> None:
    assert _packages() <= set(PUBLIC), "add the new package's __all__ to PUBLIC"


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_all_is_exactly_the_published_names(module: str) -> None:
    mod = importlib.import_module(module)
    assert len(mod.__all__) == len(set(mod.__all__)), "a name listed twice"
    assert set(mod.__all__) == PUBLIC[module]


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_each_published_name_imports(module: str) -> None:
    for name in PUBLIC[module]:
        # the ``from module import name`` a user writes, in a fresh namespace
        namespace: dict[str, object] = {}
        exec(f"from {module} import {name}", namespace)
        assert namespace[name] is not None
        assert name == "__version__" or not name.startswith("_")


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
