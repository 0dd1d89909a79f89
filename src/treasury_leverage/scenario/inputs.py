"""What the scenario engine reads from the data layer, gathered once per spec.

The engine is two steps (docs/DESIGN.md, "the library owns the answer"):

1. :func:`gather_inputs` checks the spec against the data and reads everything the simulation
   needs -- each holder's ladder (profile x start-day curve), its FX rate, a pause's measured
   baseline purchases and official share, a run-off's maturing amounts, the start day's par curve
   (the cost basis), the MSPD debt profile of the U.S. bill and the data vintages -- into one
   frozen :class:`EngineInputs`;
2. :func:`treasury_leverage.scenario.simulate.simulate` turns the spec and those inputs into the
   result without touching a data store (deterministic given the seed).

The readers here are memoised per process (the data do not change under a running process;
:func:`clear_caches` forgets them after ``tlev data update``), so a batch of scenarios on the same
holder, start and vintage reads each dataset once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import ScenarioError
from treasury_leverage.scenario.seller import HOME_CURRENCY, Ladder, build_ladder, discount_factors
from treasury_leverage.scenario.spec import (
    CheckData,
    HoldAction,
    PauseAction,
    ResolvedSpec,
    RunoffAction,
    ScenarioSpec,
    SellAction,
    check_data,
    check_spec,
    parse_spec,
)

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.holdings.profile import MaturityProfile
    from treasury_leverage.scenario.us_bill import DebtSetup

__all__ = [
    "OFFICIAL_SHARE_PRESETS",
    "RESERVE_SERIES",
    "Basis",
    "EngineInputs",
    "HolderInputs",
    "clear_caches",
    "gather_inputs",
    "official_share",
]

FloatArray = NDArray[np.float64]
Action = SellAction | PauseAction | RunoffAction | HoldAction

#: Holder -> preset with the official share of its TIC holdings (what its government can pause).
OFFICIAL_SHARE_PRESETS: Final[dict[str, str]] = {"Japan": "official_share_of_tic_japan",
                                                  "China, Mainland": "official_share_of_tic_china"}
#: Holder -> FRED series of its total reserves excluding gold (USD millions), where bundled.
RESERVE_SERIES: Final[dict[str, str]] = {"Japan": "TRESEGJPM052N", "China, Mainland": "TRESEGCNM052N"}


# -- the cost basis ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """The present-value basis of both sides' costs: horizon and the start day's par curve."""

    horizon_years: int
    curve_years: FloatArray
    curve_pct: FloatArray
    #: Share of the Treasury shift that kept dollar proceeds earn (preset
    #: ``kept_proceeds_yield_shift_share``; 0: they leave the Treasury market).
    kept_proceeds_shift_share: float = 0.0

    def discount(self, years: float) -> float:
        """Discount factor at ``years`` on the baseline curve."""
        return float(discount_factors([years], self.curve_years, self.curve_pct)[0])


def basis_of(curve_years: FloatArray, curve_pct: FloatArray, overrides: Mapping[str, float]) -> Basis:
    """The :class:`Basis` of a start day's curve under the spec's ``cost_horizon_years``."""
    from treasury_leverage.presets import preset_value

    h = preset_value("cost_horizon_years", overrides)
    if h != int(h) or not 1 <= h <= 30:
        raise ScenarioError("invalid scenario: overrides.cost_horizon_years: expected whole years 1-30, "
                            f"got {h}")
    kept = preset_value("kept_proceeds_yield_shift_share", overrides)
    if not 0.0 <= kept <= 1.0:
        raise ScenarioError("invalid scenario: overrides.kept_proceeds_yield_shift_share: expected a "
                            f"fraction 0-1, got {kept}")
    return Basis(int(h), curve_years, curve_pct, float(kept))


@functools.lru_cache(maxsize=64)
def _start_curve(start: dt.date) -> tuple[FloatArray, FloatArray]:
    """The start day's par curve as (years, percent), the tenors published that day."""
    from treasury_leverage.curves.panel import tenor_years

    row = _par_row(start).dropna()
    years = np.array([tenor_years(str(c)) for c in row.index])
    pct = row.to_numpy(dtype=float)
    years.flags.writeable = pct.flags.writeable = False  # shared by every scenario on that day
    return years, pct


def _basis(start: dt.date, overrides: Mapping[str, float]) -> Basis:
    """The cost basis of a scenario starting on ``start`` (reads the par curve)."""
    years, pct = _start_curve(start)
    return basis_of(years, pct, overrides)


# -- pause baselines --------------------------------------------------------------------------


def official_share(holder: str, overrides: Mapping[str, float]) -> tuple[float, str]:
    """The share of the holder's TIC holdings its government can pause, and how it was set."""
    from treasury_leverage.presets import preset_value

    name = OFFICIAL_SHARE_PRESETS.get(holder)
    if name is None:
        return 1.0, (f"official share of {holder}'s TIC holdings not estimated: all its purchases are "
                     "treated as pausable (an upper bound)")
    share = preset_value(name, overrides)
    return share, (f"only the official part is paused: {share:.0%} of TIC {holder} (preset {name}); "
                   "private buyers keep buying")


def _reserve_check(holder: str, holdings_date: dt.date, months: int) -> dict[str, Any]:
    """Average monthly change in the holder's FX reserves over the window (a cross-check), if bundled."""
    sid = RESERVE_SERIES.get(holder)
    if sid is None:
        return {}
    from treasury_leverage.data import api

    try:
        s = api.series(sid, end=holdings_date).dropna()
    except Exception:  # the cross-check is optional
        return {}
    s = s.tail(months + 1)
    if len(s) < 2:
        return {}
    change = float(s.iloc[-1] - s.iloc[0]) / 1000.0 / (len(s) - 1)
    return {"reserves_change_usd_bn_per_month": change,
            "reserves_check": (f"{holder}'s total reserves excluding gold changed by {change:,.1f} USD bn a "
                               f"month over {s.index[0]:%Y-%m}..{s.index[-1]:%Y-%m} (IMF IFS via FRED {sid}; "
                               "includes valuation of non-dollar assets)")}


# -- memoised readers -------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _par_panel() -> pd.DataFrame:
    from treasury_leverage.data import api

    return api.par_curve()


@functools.lru_cache(maxsize=1)
def _check_data() -> CheckData:
    """The par curve and holdings :func:`~treasury_leverage.scenario.spec.check_spec` reads, once."""
    return check_data(_par_panel())


@functools.lru_cache(maxsize=64)
def _par_row(start: dt.date) -> pd.Series:
    from treasury_leverage.curves.panel import par_curve_on

    return par_curve_on(_par_panel(), start)


@functools.lru_cache(maxsize=64)
def _profile(holder: str, holdings_date: dt.date) -> MaturityProfile:
    from treasury_leverage.holdings.profile import maturity_profile

    return maturity_profile(holder, date=holdings_date)


@functools.lru_cache(maxsize=64)
def _ladder(holder: str, holdings_usd_bn: float, holdings_date: dt.date, start: dt.date) -> Ladder:
    profile = _profile(holder, holdings_date)
    return build_ladder(holder, holdings_usd_bn, profile, _par_row(start), settle=start)


@functools.lru_cache(maxsize=64)
def _baseline_purchases(holder: str, holdings_date: dt.date, months: int) -> tuple[float, str]:
    """Average monthly net purchases over the trailing ``months`` (flow detective), and the source."""
    import pandas as pd

    from treasury_leverage.holdings.flows import flows

    frame = flows(holder, end=pd.Timestamp(holdings_date))
    net = frame["net_purchases_usd_bn"].dropna().tail(months)
    if net.empty:
        return 0.0, f"no net purchases of {holder} could be measured; baseline 0"
    return float(net.mean()), (f"average net purchases of {holder} over {len(net)} months "
                               f"{net.index.min():%Y-%m}..{net.index.max():%Y-%m} (tlev flows)")


@functools.lru_cache(maxsize=64)
def _runoff_years(holder: str, holdings_date: dt.date, years: int) -> tuple[float, ...]:
    from treasury_leverage.holdings.profile import runoff_schedule

    sched = runoff_schedule(holder, date=holdings_date, years=years)
    return tuple(float(v) for v in sched["matures_usd_bn"])


@functools.lru_cache(maxsize=8)
def _fx_rate(series_id: str, start: dt.date) -> float | None:
    from treasury_leverage.data import api

    try:
        s = api.series(series_id, end=start)
    except Exception:  # a missing FX series only removes the home-currency figure
        return None
    return float(s.iloc[-1]) if len(s) else None


@functools.lru_cache(maxsize=64)
def _held_at(holder: str, holdings_date: dt.date) -> float:
    """Holdings (USD bn) of a holder at the month-end at or before ``holdings_date``."""
    import pandas as pd

    from treasury_leverage.data import api

    return float(api.holdings(holder).loc[: pd.Timestamp(holdings_date)].iloc[-1])


@functools.lru_cache(maxsize=16)
def _debt_setup(start: dt.date) -> DebtSetup | None:
    """The U.S. bill's MSPD profile at the start; None without the MSPD or the U.S.-bill module."""
    try:
        from treasury_leverage.scenario.us_bill import debt_setup
    except ImportError:
        return None
    try:
        return debt_setup(start)
    except Exception:  # no MSPD: the bill resolves (and reports) it itself when it runs
        return None


@functools.lru_cache(maxsize=1)
def _vintages() -> dict[str, str]:
    from treasury_leverage.data.api import store_for

    out = {}
    for name in ("holdings", "par_curve", "fred", "mspd", "shl_history", "slt2d"):
        try:
            store, origin = store_for(name)
            out[name] = f"{store.info(name).vintage} ({origin})"
        except Exception:  # a dataset missing from this install is reported as such
            out[name] = "unavailable"
    return out


def clear_caches() -> None:
    """Forget the cached data (after ``tlev data update`` in the same process)."""
    for fn in (_par_panel, _par_row, _profile, _ladder, _baseline_purchases, _runoff_years, _fx_rate,
               _vintages, _start_curve, _held_at, _debt_setup, _check_data):
        fn.cache_clear()


# -- the inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HolderInputs:
    """What one actor's plan needs from the data.

    Attributes
    ----------
    holder, holdings_usd_bn, action
        Resolved holder, its holdings at the holdings date (USD bn) and its action (``hold`` for a
        holder that only faces a tariff).
    ladder
        Its holdings as bonds on the start day's curve.
    home_per_usd
        Home currency per U.S. dollar on the start day (None where unknown or not bundled).
    baseline_window_months
        A pause's baseline window (months).
    baseline
        A pause's measured average net purchases of all its TIC holders (USD bn a month) and their
        source; None when the spec gives the baseline.
    official_share
        The share of those purchases its government can pause, and how it was set (same condition).
    reserve_check
        The reserves cross-check of a measured baseline (empty where not bundled).
    runoff_per_year_usd_bn
        A run-off's maturing amounts per year (USD bn).
    """

    holder: str
    holdings_usd_bn: float
    action: Action
    ladder: Ladder
    home_per_usd: float | None = None
    baseline_window_months: int | None = None
    baseline: tuple[float, str] | None = None
    official_share: tuple[float, str] | None = None
    reserve_check: Mapping[str, Any] | None = None
    runoff_per_year_usd_bn: tuple[float, ...] | None = None


@dataclass(frozen=True)
class EngineInputs:
    """Everything a scenario reads from the data layer, for one resolved spec (read once).

    Attributes
    ----------
    resolved
        The spec checked against the data (holders, start, holdings date, tariffs).
    actors
        One entry per actor of the spec, then one ``hold`` per holder that only faces a tariff.
    curve_years, curve_pct
        The start day's par curve (the cost basis).
    us_debt
        The U.S. bill's MSPD debt profile at the start (None: the bill resolves it itself).
    vintages
        Dataset -> vintage of the data behind the result.
    """

    resolved: ResolvedSpec
    actors: tuple[HolderInputs, ...]
    curve_years: FloatArray
    curve_pct: FloatArray
    us_debt: DebtSetup | None
    vintages: Mapping[str, str]

    @property
    def spec(self) -> ScenarioSpec:
        """The spec these inputs were gathered for."""
        return self.resolved.spec


def _holder_inputs(resolved: ResolvedSpec, holder: str, holdings: float, action: Action) -> HolderInputs:
    from treasury_leverage.presets import preset_value

    spec = resolved.spec
    ladder = _ladder(holder, holdings, resolved.holdings_date, resolved.start)
    cur = HOME_CURRENCY.get(holder)
    extra: dict[str, Any] = {"home_per_usd": _fx_rate(cur[1], resolved.start) if cur and cur[1] else None}
    if isinstance(action, PauseAction):
        window = action.baseline_months or int(preset_value("pause_baseline_months", spec.overrides))
        extra["baseline_window_months"] = window
        if action.baseline_usd_bn_per_month is None:
            extra.update(baseline=_baseline_purchases(holder, resolved.holdings_date, window),
                         official_share=official_share(holder, spec.overrides),
                         reserve_check=_reserve_check(holder, resolved.holdings_date, window))
    elif isinstance(action, RunoffAction):
        years = -(-action.months // 12)
        extra["runoff_per_year_usd_bn"] = _runoff_years(holder, resolved.holdings_date, years)
    return HolderInputs(holder, holdings, action, ladder, **extra)


def gather_inputs(spec: ScenarioSpec | Mapping[str, Any], *, resolved: ResolvedSpec | None = None
                  ) -> EngineInputs:
    """Check ``spec`` against the data and read everything its simulation needs.

    Parameters
    ----------
    spec
        A :class:`~treasury_leverage.scenario.spec.ScenarioSpec` or a mapping.
    resolved
        The spec already checked (:func:`~treasury_leverage.scenario.spec.check_spec`), if at hand.

    Returns
    -------
    EngineInputs

    Raises
    ------
    ScenarioError
        An invalid spec (the message names the field).
    """
    if resolved is None:
        resolved = check_spec(parse_spec(spec), data=_check_data())
    actors: list[tuple[str, float, Action]] = [
        (h, amt, a.action)
        for h, amt, a in zip(resolved.holders, resolved.holdings_usd_bn, resolved.spec.actors, strict=True)
    ]
    # holders with a tariff but no action are holders that "hold"
    acting = {h for h, _, _ in actors}
    for holder in resolved.tariffs:
        if holder not in acting:
            actors.append((holder, _held_at(holder, resolved.holdings_date), HoldAction()))
    years, pct = _start_curve(resolved.start)
    return EngineInputs(
        resolved=resolved,
        actors=tuple(_holder_inputs(resolved, h, amt, act) for h, amt, act in actors),
        curve_years=years, curve_pct=pct, us_debt=_debt_setup(resolved.start), vintages=_vintages(),
    )
