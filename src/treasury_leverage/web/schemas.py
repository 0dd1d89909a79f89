"""Response models of the web API: the Python API's records, with units in the field names.

Every number carries its unit in its name (``holdings_usd_bn``, ``yield_pct``, ``impact_bp``);
dates are ISO strings (``YYYY-MM-DD``); missing values are ``null``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ERROR_RESPONSES",
    "CurvePoint",
    "CurveResponse",
    "DatasetStatus",
    "EpisodeResponse",
    "ErrorMessage",
    "FlowMonth",
    "FlowsResponse",
    "GameResponse",
    "HistoryRow",
    "HolderResponse",
    "ImpactAtMaturity",
    "ImpactResponse",
    "ImpactSummary",
    "MaturityBucket",
    "MoveMaturity",
    "MoveResponse",
    "ParChange",
    "ProfileResponse",
    "RankingResponse",
    "RankingRow",
    "RunoffResponse",
    "RunoffYear",
    "ScenarioModelResult",
    "ScenarioResponse",
    "SellerBillRow",
    "StatusResponse",
    "TermPremiumPoint",
    "TermPremiumResponse",
    "USBill",
    "VegaLiteChart",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorMessage(_Out):
    """An error that is not about one request field (404, 413, 503)."""

    detail: str


class DatasetStatus(_Out):
    """One catalogued dataset: where it is served from, its range, unit and vintage."""

    dataset: str
    origin: str = Field(description="'cache' (refreshed store), 'snapshot' (bundled) or 'missing'")
    title: str
    publisher: str
    unit: str | None = None
    frequency: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    effective_end: str | None = Field(
        default=None, description="Last date the accessor serves (e.g. the par curve extended with FRED)")
    segments: str | None = Field(default=None, description="Which source covers which dates")
    n_series: int | None = None
    rows: int | None = None
    vintage: str | None = None
    n_vintages: int | None = None
    damage: str | None = Field(default=None, description=(
        "Empty, or a summary of the damage found in the user store's copy (then served from the snapshot)"))


class StatusResponse(_Out):
    """``treasury_leverage.data.status()``."""

    datasets: list[DatasetStatus]


class RankingRow(_Out):
    """One holder in the ranking (rank 0 is the 'All Other' residual row)."""

    rank: int
    holder: str
    holdings_usd_bn: float | None
    share_of_foreign_pct: float | None
    share_of_marketable_pct: float | None
    change_12m_usd_bn: float | None
    change_12m_pct: float | None
    custodial_centre: bool


class RankingResponse(_Out):
    """``treasury_leverage.holdings.ranking(date, top=top)`` with its attrs."""

    date: str
    grand_total_usd_bn: float | None
    foreign_official_usd_bn: float | None
    marketable_usd_bn: float | None
    all_other_usd_bn: float | None
    note: str | None
    vintage: str | None
    origin: str | None
    holders: list[RankingRow]


class HistoryRow(_Out):
    """One month of ``holder_history``."""

    date: str
    holdings_usd_bn: float | None
    change_1m_usd_bn: float | None
    change_12m_usd_bn: float | None
    share_of_foreign_pct: float | None
    share_of_marketable_pct: float | None
    official_share_pct: float | None = None
    bills_share_pct: float | None = None


class MaturityBucket(_Out):
    """One remaining-maturity bucket of ``MaturityProfile.table()``."""

    bucket: str
    from_years: float
    to_years: float
    share_of_holdings_pct: float


class ProfileResponse(_Out):
    """A holder's maturity profile and where its parts come from."""

    st_share_pct: float = Field(description="Short-term (bills) share of holdings, percent")
    st_source: str
    lt_source: str
    buckets: list[MaturityBucket]


class RunoffYear(_Out):
    """One year of ``runoff_schedule``."""

    year: int
    matures_usd_bn: float
    cumulative_usd_bn: float
    cumulative_pct: float


class RunoffResponse(_Out):
    """``runoff_schedule(holder, date=...)``: market value maturing per year."""

    date: str
    holdings_usd_bn: float
    beyond_horizon_usd_bn: float
    years: list[RunoffYear]


class HolderResponse(_Out):
    """One holder: monthly history, maturity profile and run-off."""

    holder: str
    official_share_note: str | None
    vintage: str | None
    origin: str | None
    history: list[HistoryRow]
    maturity_profile: ProfileResponse
    runoff: RunoffResponse


class FlowMonth(_Out):
    """One month of ``treasury_leverage.holdings.flows``."""

    date: str
    holdings_usd_bn: float | None
    change_usd_bn: float | None
    valuation_usd_bn: float | None
    valuation_kind: str
    valuation_source: str | None
    valuation_estimated_usd_bn: float | None
    series_break: bool
    net_purchases_usd_bn: float | None
    lt_net_purchases_reported_usd_bn: float | None
    bills_and_other_usd_bn: float | None
    cumulative_net_purchases_usd_bn: float | None
    band_usd_bn: float | None
    net_purchases_low_usd_bn: float | None
    net_purchases_high_usd_bn: float | None
    cumulative_low_usd_bn: float | None
    cumulative_high_usd_bn: float | None


class FlowsResponse(_Out):
    """Net purchases vs valuation, month by month, with the one-line verdict."""

    holder: str
    verdict: str
    identity: str
    calibration_rule: str
    calibration: dict[str, dict[str, Any]]
    months: list[FlowMonth]


class CurvePoint(_Out):
    """One tenor of a day's curve (the yield column named by ``kind``)."""

    tenor: str
    maturity_years: float
    par_yield_pct: float | None = Field(None, description="Published par yield (semiannual bond-equivalent)")
    fitted_par_yield_pct: float | None = None
    fit_error_bp: float | None = None
    zero_yield_pct: float | None = Field(None, description="Zero yield, continuously compounded")
    zero_yield_semiannual_pct: float | None = None
    discount_factor: float | None = None
    forward_rate_pct: float | None = Field(None, description="Instantaneous forward, continuously compounded")


class CurveResponse(_Out):
    """A day's Treasury curve at the published tenors."""

    requested_date: str
    date: str = Field(description="The day used: the last day with data on or before the request")
    kind: Literal["par", "zero", "forward"]
    method: str
    source: str | None
    points: list[CurvePoint]


class ParChange(_Out):
    """Par yields of the two days and their change at one tenor."""

    tenor: str
    maturity_years: float
    start_par_yield_pct: float
    end_par_yield_pct: float
    change_bp: float


class MoveMaturity(_Out):
    """Zero-curve change at one maturity and its level/slope/curvature parts."""

    maturity_years: float
    start_zero_pct: float
    end_zero_pct: float
    change_bp: float
    level_bp: float
    slope_bp: float
    curvature_bp: float
    residual_bp: float


class MoveResponse(_Out):
    """``decompose_move`` of two days' par curves (``MoveDecomposition.to_dict()`` plus tables)."""

    start_date: str | None
    end_date: str | None
    level_bp: float
    slope_bp: float
    curvature_bp: float
    residual_rms_bp: float
    residual_max_abs_bp: float
    r_squared: float
    tau_years: float
    method: str
    summary: str
    par: list[ParChange]
    zero: list[MoveMaturity]


class TermPremiumPoint(_Out):
    """One date of ``term_premium_series``; fitted = risk-neutral + term premium."""

    date: str
    fitted_yield_pct: float | None
    risk_neutral_yield_pct: float | None
    term_premium_pct: float | None


class TermPremiumResponse(_Out):
    """The ACM term premium at one maturity."""

    maturity_years: int
    frequency: Literal["monthly", "daily"]
    model: str | None
    unit: str | None
    points: list[TermPremiumPoint]


class EpisodeResponse(_Out):
    """``EpisodeResult.to_dict()``: a yield episode split into expected rates and term premium."""

    start: str | None
    end: str | None
    start_date: str | None
    end_date: str | None
    yields: list[dict[str, Any]] = Field(
        description="Per maturity: maturity_years, yield_start_pct, yield_end_pct, change_bp, "
        "expected_rates_bp, term_premium_bp, residual_bp, tp_start_pct, tp_end_pct, note")
    ten_year_inflation_split: dict[str, float | None]
    indicators: dict[str, dict[str, Any]]
    notes: list[str]
    model: str
    curve: str = Field(default="", description="Which zero curve the ACM split used at each end")
    headline: str


class ImpactAtMaturity(_Out):
    """End-of-sale and long-run impacts with p5/p50/p95 bands at one maturity."""

    maturity_years: float
    end_impact_bp: float
    peak_impact_bp: float
    long_run_impact_bp: float
    end_p5_bp: float
    end_p50_bp: float
    end_p95_bp: float
    long_run_p5_bp: float
    long_run_p50_bp: float
    long_run_p95_bp: float


class ImpactSummary(_Out):
    """``ImpactResult.to_dict()`` of one model."""

    model: str
    family: str
    citation: str
    source: str
    period: Literal["day", "month"]
    horizon_periods: int | None
    sell_usd_bn: float | None
    impacts: list[ImpactAtMaturity]
    presets: list[str]
    parameters: dict[str, float]
    draws: int
    seed: int | None
    notes: str


class ImpactResponse(_Out):
    """What selling ``sell_usd_bn`` of one maturity does to yields, by model."""

    sell_usd_bn: float
    maturity: str
    horizon_days: int | None
    horizon_months: int | None
    band: str
    durations: str
    results: list[ImpactSummary]


class VegaLiteChart(BaseModel):
    """A Vega-Lite specification (``alt.Chart.to_dict()``), rendered by vega-embed."""

    model_config = ConfigDict(extra="allow")


class ScenarioModelResult(BaseModel):
    """One impact model's part of ``ScenarioResult.to_dict()``: yield shifts (bp) at the end point."""

    model_config = ConfigDict(extra="allow")

    model: str
    citation: str
    source: str
    notes: str
    parameters: dict[str, float | None]
    presets: list[str]
    end_shift_bp: dict[str, float | None] = Field(description="Maturity label -> yield shift (bp)")
    end_shift_bands_bp: dict[str, dict[str, float | None]] | None = Field(
        None, description="Maturity label -> {p5, p50, p95} (bp), with draws")


class SellerBillRow(BaseModel):
    """One item of a holder's bill under one model; positive = a loss to the holder.

    Items: ``concession_usd_bn``, ``mark_to_market_usd_bn``, ``fx_usd_bn``,
    ``fx_home_currency_bn``, ``total_usd_bn``, ``total_pct_holdings``, ``total_pct_gdp`` and, on
    the present-value basis over the cost horizon, ``carry_usd_bn``,
    ``horizon_mark_to_market_usd_bn``, ``total_pv_usd_bn`` (with their undiscounted ``*_cash_usd_bn``
    twins and ``total_at_end_usd_bn``, the bill struck at the end of the action); the unit is in
    the item's name; bands over parameter draws when the scenario has draws.
    """

    model_config = ConfigDict(extra="allow")

    model: str
    holder: str
    action: str
    item: str
    central: float | None
    p5: float | None = None
    p50: float | None = None
    p95: float | None = None


class USBill(BaseModel):
    """The United States' bill under one model: extra interest and mortgage rates."""

    model_config = ConfigDict(extra="allow")

    horizons_years: list[int]
    extra_interest_usd_bn: list[float | None] = Field(description="Cumulative extra interest at each horizon")
    pct_gdp: list[float | None] = Field(description="Extra interest over cumulative GDP of the same years")
    mortgage_rate_shift_bp_end: float | None = None
    mortgage_rate_shift_bp_peak: float | None = None
    extra_interest_bands_usd_bn: list[list[float | None]] | None = Field(
        None, description="Per horizon: [p5, p50, p95]")
    pv_extra_interest_usd_bn: float | None = Field(
        None, description="Present value of the extra interest over pv_horizon_years at the start day's par "
        "curve (the basis of the holder's total_pv_usd_bn)")
    pv_horizon_years: int | None = Field(None, description="Horizon of the present values (years)")
    pv_basis: str | None = Field(None, description="How the present value is struck, in words")
    pv_extra_interest_bands_usd_bn: list[float | None] | None = Field(
        None, description="[p5, p50, p95] of the present value over the draws")
    pct_gdp_bands: list[list[float | None]] | None = Field(None, description="Per horizon: [p5, p50, p95]")
    band_draws: int | None = Field(None, description="Draws behind the bands")
    debt_as_of: str | None = Field(None, description="Month-end of the MSPD debt composition priced")
    views: dict[str, Any] | None = Field(
        None, description="The U.S. cost in three labelled views: fiscal_pv_usd_bn (the Treasury's extra "
        "interest), national_pv_usd_bn (interest paid to foreign holders only, foreign_held_share), the "
        "households view's mortgage-rate shift (bp), *_bands_usd_bn [p5, p50, p95] when drawn, labels")
    presets: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class ScenarioResponse(BaseModel):
    """``ScenarioResult.to_dict()``: the yield paths per model, the seller's and the U.S.'s bills.

    Seller bill rows: ``model, holder, action, item, central[, p5, p50, p95]`` with items
    ``concession_usd_bn``, ``mark_to_market_usd_bn``, ``fx_usd_bn``, ``total_usd_bn``,
    ``total_pct_holdings``, ``total_pct_gdp`` (positive = a loss to the holder).
    """

    model_config = ConfigDict(extra="allow")

    name: str
    spec: dict[str, Any]
    spec_hash: str
    start: str
    holdings_date: str
    maturities_years: list[float]
    n_days: int
    n_months: int
    end_point: str
    holders: list[dict[str, Any]] = Field(
        description="Per holder: holdings_usd_bn, what it sold or forwent (USD bn), where its bill is "
        "struck, its ladder's duration, home currency; with the spec's jgb: true, jgb: the JGB side "
        "(action_case and repatriation_case: jgb_purchases_jpy_tn, jgb_10y_change_bp, "
        "jgb_mtm_gain_usd_bn with *_range), reported, not netted")
    models: list[ScenarioModelResult]
    seller_bill: list[SellerBillRow]
    us_bill: dict[str, USBill] | None = Field(description="Model name -> the U.S. bill")
    default_model: str | None = Field(None, description="The headline model: 'pooled' when it ran")
    pooled: dict[str, Any] | None = Field(
        None, description="The default answer: pooled 10-year peak and permanent effects (p5/p50/p95), "
        "both bills from the same draws, family weights, the stock-literature and CBO checks")
    flows_month_usd_bn: list[float | None]
    flows_day_usd_bn: list[float | None]
    provenance: dict[str, Any]
    notes: list[str]
    chart: dict[str, Any] | None = Field(None, description="Vega-Lite chart of the end-point shifts "
                                         "(with ?chart=true)")


class GameResponse(BaseModel):
    """``GameResult.to_dict()``: equilibrium, credibility and leverage ratio of each threat, verdicts."""

    model_config = ConfigDict(extra="allow")

    holder: str
    us_actions: list[str]
    holder_actions: list[str]
    n_draws: int
    equilibrium: dict[str, Any]
    credibility: list[dict[str, Any]] = Field(
        description="Per (tariff, response): credible_share_of_draws, holder_cost_usd_bn, us_cost_usd_bn, "
        "leverage_ratio (U.S. cost per dollar of the holder's), resolve_needed_usd_bn, each {p5, p50, p95}")
    deterrence: list[dict[str, Any]] = Field(
        description="Per (tariff, response): deterrence_threshold_prob, tariff_gain_usd_bn, "
        "gain_if_retaliated_usd_bn (each {p5, p50, p95}), the aims' break-even and undeterrable values "
        "(USD bn), revealed_aims_usd_bn (revealed-preference value of the tariff's aims) with "
        "revealed_aims_basis, and deterrence_curve: rows of aims_usd_bn -> required_prob_p5/p50/p95, "
        "the revealed-preference point marked")
    payoffs: list[dict[str, Any]] = Field(
        description="Per (U.S. action, holder response): the money flows' medians (USD bn, present value "
        "on the game's basis), tariff_revenue_usd_bn as the Treasury borrowing it saves; a counter-tariff "
        "response's holder_counter_tariff_usd_bn (its buyers' cost less its revenue), "
        "us_exporter_loss_usd_bn (national view) and us_export_tax_loss_usd_bn (fiscal view)")
    weights: dict[str, Any] | None = Field(
        description="The payoff weights by preset name, game_us_view (fiscal, national, households, all) "
        "and game_cost_basis (pv or cash)")
    holder_gdp_usd_bn: float | None
    us_gdp_usd_bn: float | None = Field(None, description="U.S. nominal GDP (USD bn), for the shares of GDP")
    headline: str | None = Field(None, description="The verdict in one sentence")
    verdicts: list[str]
    provenance: dict[str, Any]
    notes: list[str]


#: Error responses any API route may give besides 422, for the OpenAPI schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "An unknown name in the path (closest names listed)"},
    413: {"model": ErrorMessage, "description": "Request body larger than the server's limit"},
    503: {"model": ErrorMessage,
          "description": "Data unavailable, or the computation took longer than the server's time limit"},
}
