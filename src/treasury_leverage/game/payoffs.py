"""Payoffs of the leverage game from the scenario engine and the trade channel.

Every cell of the game (a U.S. tariff level x a holder response) is one run of the scenario
engine (:func:`treasury_leverage.scenario.engine.run`): the holder carries out the response while
the tariff's trade channel (:func:`treasury_leverage.scenario.trade.trade_shortfall`) cuts the
dollars it recycles into Treasuries. Payoffs, USD bn over ``game_horizon_years`` (undiscounted):

* holder: ``-(w_bill x seller's bill) - w_export x lost export earnings``; the seller's bill is
  the engine's total (sale concession, mark-to-market of what it still holds, FX effect);
* U.S.: ``-(w_interest x extra federal interest + w_mortgage x extra mortgage interest)
  + w_revenue x tariff revenue - w_consumer x cost to U.S. buyers``.

A ``counter-tariff`` response (the ordinary weapon, :mod:`treasury_leverage.game.retaliation`) trades
nothing in the market; it adds the holder's net cost of its counter-tariff to the holder's side and
U.S. exporters' surplus loss (national view) or the federal taxes lost on it (fiscal view) to the
U.S. side, on the same draws and basis.

The weights are presets (``game_weight_*``; change them through ``overrides``): the defaults
count every dollar once, which treats tariff revenue as a pure gain and the buyers' cost as a pure
loss (their difference is the deadweight loss plus the share of the tariff that foreign exporters
absorb).

Monte Carlo draws (exact joint draws). Every cell is run with the same seed and number of
engine draws, so draw ``k`` of an impact model is the same parameter draw in every cell (the
engine draws each model's parameters from its own named stream, and the FX, trade-channel and
U.S.-bill presets from streams that depend on the seed only); the engine keeps the draws behind
its bands (:meth:`treasury_leverage.scenario.result.ScenarioResult.bill_draws`), and the game
checks that their fingerprints agree across cells. Models are pooled in turn: game draw ``d``
uses model ``d mod M`` (``M`` models, so each has the same weight) and that model's engine draw
``floor(d / M)``, and reads at that one draw every cell's holder bill, U.S. interest, mortgage cost
(from the U.S. bill's own per-draw mortgage-rate shift) and the trade channel's quantities (the
trade module's draws the engine used for that draw's purchase shortfall). So a share of draws is
a share of actual joint draws: both players' bills, in every cell, come from the same parameters.
If a model's U.S. bill covers fewer draws than the holders' bills (the engine caps it), the game
uses the common prefix; game draws beyond ``M`` x the engine draws reuse them in turn (both said
in the notes).

Fallback (quantile draws). A result without per-draw arrays (or whose cells did not draw the same
parameters) is read off its p5/p50/p95 bands: a game draw picks a model in turn and a quantile
``u ~ U(0, 1)`` shared by every cell and both players' bills (comonotonic draws), read off the
piecewise-linear quantile function through the bands (flat beyond p5 and p95); trade-channel
quantities are then the trade module's own draws. The notes say which method was used.

With ``draws=0`` there is one draw per impact model at its central values, so "share of draws"
reads "share of impact models".
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from treasury_leverage._defaults import SALE_DAYS
from treasury_leverage.errors import InputError
from treasury_leverage.game.solve import FloatArray, SequentialGame

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.scenario.result import ScenarioResult

__all__ = [
    "DEFAULT_RESPONSES",
    "WEIGHT_PRESETS",
    "CoalitionCells",
    "PayoffComponents",
    "PayoffWeights",
    "Response",
    "coalition_cells",
    "engine_components",
    "mortgage_cost_usd_bn",
    "parse_response",
    "quantile_values",
]

#: The responses the game considers by default (hold first): the Treasury actions and the ordinary
#: weapon, a counter-tariff on U.S. exports matching the default U.S. tariff (preset
#: ``default_tariff_pct``), so "Treasuries as leverage" is compared with retaliation in kind.
DEFAULT_RESPONSES: Final = ("hold", "pause 12m", "runoff 24m", "sell 100bn", "sell 300bn", "sell 25%",
                            "counter-tariff 10%")
#: Weight field -> preset name.
WEIGHT_PRESETS: Final = {
    "horizon_years": "game_horizon_years",
    "us_interest": "game_weight_us_interest",
    "us_mortgage": "game_weight_us_mortgage",
    "tariff_revenue": "game_weight_tariff_revenue",
    "us_consumer_cost": "game_weight_us_consumer_cost",
    "holder_bill": "game_weight_holder_bill",
    "holder_export_loss": "game_weight_holder_export_loss",
    "us_tariff_aims_usd_bn": "game_us_tariff_aims_usd_bn",
    "us_exporter_loss": "game_weight_us_exporter_loss",
    "us_export_tax_loss": "game_weight_us_export_tax_loss",
    "holder_counter_tariff": "game_weight_holder_counter_tariff",
}
_MORTGAGE_PRESETS: Final = ("us_mortgage_originations_usd_bn_per_year", "mortgage_treasury_passthrough")
#: The United States' views (preset ``game_us_view``): value -> name. Fiscal: Treasury interest net
#: of tariff revenue; national: interest paid to foreign holders plus the tariff's real resource
#: cost (buyers' cost less revenue; transfers among U.S. residents excluded); households: mortgage
#: pass-through plus the buyers' cost; all: every flow at its weight (the earlier default).
US_VIEWS: Final = {0: "fiscal", 1: "national", 2: "households", 3: "all"}
#: Multipliers of (us_interest, us_mortgage, tariff_revenue, us_consumer_cost, us_exporter_loss,
#: us_export_tax_loss) in each view; the national view's interest multiplier is the foreign-held
#: share of the debt (a preset). A holder's counter-tariff: the fiscal view sees only the federal
#: taxes lost on U.S. exporters' income (a tax-base effect), the national and all views the
#: exporters' surplus loss (of which the taxes are a part: counted once), the households view
#: nothing (the counter-tariff's price rise falls on the holder's buyers).
_VIEW_WEIGHTS: Final = {"fiscal": (1.0, 0.0, 1.0, 0.0, 0.0, 1.0), "national": (None, 0.0, 1.0, 1.0, 1.0, 0.0),
                        "households": (0.0, 1.0, 0.0, 1.0, 0.0, 0.0), "all": (1.0, 1.0, 1.0, 1.0, 1.0, 0.0)}
#: Horizons of the engine's U.S. bill (years).
_BILL_HORIZONS: Final = (1, 5, 10)
#: Most engine draws per model and cell (game draws beyond models x this reuse them in turn).
_MAX_ENGINE_DRAWS: Final = 2_000
#: Impact models of a game when none are named: the pooled mixture (one answer, not a vote
#: among models; per-model games stay available through ``models``).
DEFAULT_MODELS: Final = ("pooled",)
_QUANTILE_KNOTS: Final = (0.05, 0.5, 0.95)


# -- weights ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayoffWeights:
    """How each money flow enters the players' payoffs (all 1 by default) and over what horizon.

    Attributes
    ----------
    horizon_years
        Years over which flows are summed: 1, 5 or 10 (the U.S. bill's horizons).
    us_interest, us_mortgage, tariff_revenue, us_consumer_cost
        Weights of the U.S. payoff's parts.
    holder_bill, holder_export_loss
        Weights of the holder payoff's parts.
    us_exporter_loss, us_export_tax_loss, holder_counter_tariff
        Weights of a counter-tariff's flows (U.S. exporters' surplus loss, the federal taxes lost on
        it, the holder's net cost); the U.S. view sets the first two (:data:`_VIEW_WEIGHTS`).
    us_tariff_aims_usd_bn
        Value (USD bn over the horizon) the U.S. attaches to a tariff's aims beyond money
        (concessions, politics), added to its payoff in every tariff cell. Default 0: a pure money
        game, in which a tariff with full pass-through rarely pays the U.S.
    """

    horizon_years: int = 5
    us_interest: float = 1.0
    us_mortgage: float = 1.0
    tariff_revenue: float = 1.0
    us_consumer_cost: float = 1.0
    holder_bill: float = 1.0
    holder_export_loss: float = 1.0
    us_tariff_aims_usd_bn: float = 0.0
    #: Weights of a counter-tariff's flows: U.S. exporters' surplus loss, the federal taxes lost on
    #: it (direct construction: the all view, which counts the loss once), the holder's net cost.
    us_exporter_loss: float = 1.0
    us_export_tax_loss: float = 0.0
    holder_counter_tariff: float = 1.0
    #: Which U.S. view the weights carry (:data:`US_VIEWS`); direct construction: ``all``.
    us_view: str = "all"
    #: ``pv`` (present values over ``horizon_years`` = preset ``cost_horizon_years``) or ``cash``.
    basis: str = "cash"

    def __post_init__(self) -> None:
        if self.horizon_years not in _BILL_HORIZONS:
            choices = ", ".join(map(str, _BILL_HORIZONS))
            raise InputError(f"horizon_years: expected one of {choices} (the U.S. bill's horizons), "
                             f"got {self.horizon_years!r}")
        for name in WEIGHT_PRESETS:
            v = float(getattr(self, name))
            if name not in ("horizon_years", "us_tariff_aims_usd_bn") and not (math.isfinite(v) and v >= 0):
                raise InputError(f"weight {name}: expected a non-negative number, got {v}")

    @classmethod
    def from_presets(cls, overrides: Mapping[str, float] | None = None) -> PayoffWeights:
        """Weights from the ``game_*`` presets, with ``overrides`` (preset name -> value) applied."""
        from treasury_leverage.presets import preset_value

        vals: dict[str, Any] = {k: preset_value(p, overrides) for k, p in WEIGHT_PRESETS.items()}
        h = vals["horizon_years"]
        if float(h) != int(h):
            raise InputError(f"game_horizon_years: expected whole years (1, 5 or 10), got {h}")
        vals["horizon_years"] = int(h)
        code = preset_value("game_us_view", overrides)
        if code not in US_VIEWS:
            choices = ", ".join(f"{k} ({v})" for k, v in US_VIEWS.items())
            raise InputError(f"game_us_view: expected one of {choices}, got {code}")
        view = US_VIEWS[int(code)]
        mult = _VIEW_WEIGHTS[view]
        foreign = preset_value("us_debt_foreign_held_share", overrides)
        keys = ("us_interest", "us_mortgage", "tariff_revenue", "us_consumer_cost", "us_exporter_loss",
                "us_export_tax_loss")
        for key, m in zip(keys, mult, strict=True):
            vals[key] = float(vals[key]) * (foreign if m is None else m)
        basis = "pv" if preset_value("game_cost_basis_pv", overrides) >= 0.5 else "cash"
        if vals["horizon_years"] not in _BILL_HORIZONS:
            choices = ", ".join(map(str, _BILL_HORIZONS))
            raise InputError(f"game_horizon_years: expected one of {choices} (the U.S. bill's horizons), "
                             f"got {vals['horizon_years']}")
        if basis == "pv":  # one horizon for both sides: the engine's cost horizon
            vals["horizon_years"] = int(preset_value("cost_horizon_years", overrides))
        return cls(**vals, us_view=view, basis=basis)

    def to_dict(self) -> dict[str, Any]:
        """The weights with their preset names (after the U.S. view), and the view."""
        return {**{WEIGHT_PRESETS[k]: getattr(self, k) for k in WEIGHT_PRESETS}, "game_us_view": self.us_view,
                "game_cost_basis": self.basis}


# -- components -> payoffs --------------------------------------------------------------------


@dataclass(frozen=True)
class PayoffComponents:
    """The money flows behind the payoffs, ``(n_draws, n_us_actions, n_holder_actions)``, USD bn.

    All are positive amounts over the horizon: costs (bills, losses) and the tariff's revenue.

    Attributes
    ----------
    holder_bill_usd_bn
        The holder's bill (sale concession + mark-to-market + FX).
    holder_export_loss_usd_bn
        The holder's lost dollar export earnings.
    us_interest_usd_bn
        Extra federal interest.
    us_mortgage_usd_bn
        Extra interest paid by U.S. mortgage borrowers.
    tariff_revenue_usd_bn
        U.S. tariff revenue as lower Treasury borrowing: the debt it saves at the horizon (revenue
        plus interest saved), on the same basis as ``us_interest_usd_bn``.
    us_consumer_cost_usd_bn
        Cost of the tariff to U.S. buyers.
    holder_counter_tariff_usd_bn
        The holder's net cost of its own counter-tariff (its buyers' cost less its revenue;
        :mod:`treasury_leverage.scenario.retaliation`); zeros where none is given.
    us_exporter_loss_usd_bn
        U.S. exporters' surplus loss from the holder's counter-tariff (national view).
    us_export_tax_loss_usd_bn
        Federal taxes lost on that income (fiscal view: a tax-base effect).
    """

    holder_bill_usd_bn: FloatArray
    holder_export_loss_usd_bn: FloatArray
    us_interest_usd_bn: FloatArray
    us_mortgage_usd_bn: FloatArray
    tariff_revenue_usd_bn: FloatArray
    us_consumer_cost_usd_bn: FloatArray
    holder_counter_tariff_usd_bn: FloatArray | None = None
    us_exporter_loss_usd_bn: FloatArray | None = None
    us_export_tax_loss_usd_bn: FloatArray | None = None

    def __post_init__(self) -> None:
        for f in ("holder_counter_tariff_usd_bn", "us_exporter_loss_usd_bn", "us_export_tax_loss_usd_bn"):
            if getattr(self, f) is None:  # no counter-tariff among the responses
                object.__setattr__(self, f, np.zeros(np.shape(self.holder_bill_usd_bn)))
        shapes = {np.shape(getattr(self, f)) for f in self.fields()}
        if len(shapes) != 1 or len(next(iter(shapes))) != 3:
            raise InputError(f"payoff components: expected arrays of one shape (n_draws, n_us, n_holder), "
                             f"got shapes {sorted(shapes)}")

    @staticmethod
    def fields() -> tuple[str, ...]:
        """Names of the component arrays."""
        return ("holder_bill_usd_bn", "holder_export_loss_usd_bn", "us_interest_usd_bn",
                "us_mortgage_usd_bn", "tariff_revenue_usd_bn", "us_consumer_cost_usd_bn",
                "holder_counter_tariff_usd_bn", "us_exporter_loss_usd_bn", "us_export_tax_loss_usd_bn")

    def holder_payoff_usd_bn(self, w: PayoffWeights) -> FloatArray:
        """``-(w_bill bill) - w_export export_loss - w_ct counter-tariff net cost``."""
        return np.asarray(-w.holder_bill * self.holder_bill_usd_bn
                          - w.holder_export_loss * self.holder_export_loss_usd_bn
                          - w.holder_counter_tariff * np.asarray(self.holder_counter_tariff_usd_bn))

    def us_payoff_usd_bn(self, w: PayoffWeights, *, is_tariff: Sequence[bool] | None = None) -> FloatArray:
        """``-(w_i interest + w_m mortgage) + w_r revenue - w_c consumer cost - w_x exporter loss
        - w_t export tax loss (+ aims if a tariff)``.

        Parameters
        ----------
        w
            Weights.
        is_tariff
            Which U.S. actions are tariffs (they get ``w.us_tariff_aims_usd_bn``); default all but
            the first.
        """
        n_us = self.us_interest_usd_bn.shape[1]
        mask = np.arange(n_us) > 0 if is_tariff is None else np.asarray(is_tariff, dtype=bool)
        if mask.shape != (n_us,):
            raise InputError(f"is_tariff: expected {n_us} flags, one per U.S. action, got {mask.shape}")
        aims = np.where(mask, w.us_tariff_aims_usd_bn, 0.0)[None, :, None]
        return np.asarray(-w.us_interest * self.us_interest_usd_bn - w.us_mortgage * self.us_mortgage_usd_bn
                          + w.tariff_revenue * self.tariff_revenue_usd_bn
                          - w.us_consumer_cost * self.us_consumer_cost_usd_bn
                          - w.us_exporter_loss * np.asarray(self.us_exporter_loss_usd_bn)
                          - w.us_export_tax_loss * np.asarray(self.us_export_tax_loss_usd_bn) + aims)

    def game(self, holder: str, us_actions: Sequence[str], holder_actions: Sequence[str],
             weights: PayoffWeights, *, is_tariff: Sequence[bool] | None = None) -> SequentialGame:
        """The :class:`SequentialGame` these flows make under ``weights``."""
        return SequentialGame(tuple(us_actions), tuple(holder_actions),
                              self.us_payoff_usd_bn(weights, is_tariff=is_tariff),
                              self.holder_payoff_usd_bn(weights), holder=holder)

    def frame(self, us_actions: Sequence[str], holder_actions: Sequence[str]) -> pd.DataFrame:
        """Medians over draws: one row per (U.S. action, holder response), one column per flow."""
        import pandas as pd

        rows = []
        for i, a in enumerate(us_actions):
            for j, r in enumerate(holder_actions):
                row: dict[str, Any] = {"us_action": a, "holder_response": r}
                for f in self.fields():
                    row[f"{f}_p50"] = float(np.median(getattr(self, f)[:, i, j]))
                rows.append(row)
        return pd.DataFrame(rows)


# -- responses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """A holder response: its label and the scenario action it maps to."""

    label: str
    kind: str
    action: dict[str, Any] = field(default_factory=dict)


_RESPONSE_RE: Final = re.compile(
    r"^\s*(?P<kind>hold|pause|runoff|run-off|run off|sell|repo|counter-tariff|counter tariff|countertariff|"
    r"retaliate)\s*[: ]?\s*(?P<rest>.*?)\s*$", re.IGNORECASE)


def parse_response(text: str) -> Response:
    """Read a response such as ``"hold"``, ``"pause 12m"``, ``"runoff 24m"``, ``"sell 300bn"``,
    ``"sell 25%"`` or ``"sell 300bn 20d"`` (over 20 business days; default: preset
    ``default_sale_business_days``); a sale ending in ``keep`` (``"sell 300bn keep"``) keeps the
    dollars instead of the holder's default conversion.
    ``"repo 300bn"`` (or ``"repo 300bn 12m"``) raises the dollars at the Fed's FIMA repo facility
    instead of selling: no market action, the holder pays the facility's spread
    (:func:`treasury_leverage.scenario.repo.fima_repo_cost_usd_bn`). ``"counter-tariff 10%"`` (or
    ``"retaliate 10%"``) is the ordinary weapon: a 10% tariff on U.S. goods exports to the holder,
    no market action (:func:`treasury_leverage.scenario.retaliation.counter_tariff`).

    Raises
    ------
    InputError
        Naming the text and the accepted forms.
    """
    forms = ("'hold', 'pause 12m', 'runoff 24m', 'sell 300bn', 'sell 25%', 'sell 300bn 20d', "
             "'sell 300bn keep', 'repo 300bn', 'repo 300bn 12m', 'counter-tariff 10%'")
    m = _RESPONSE_RE.match(str(text))
    if not m:
        raise InputError(f"response {text!r}: expected one of the forms {forms}")
    kind = m["kind"].lower().replace("-", "").replace(" ", "")
    rest = m["rest"].lower().replace(" ", "")
    if kind == "hold":
        if rest:
            raise InputError(f"response {text!r}: 'hold' takes no amount")
        return Response("hold", "hold", {})
    if kind == "repo":  # raise dollars at the Fed's FIMA repo facility: no sale, no market impact
        mm = re.fullmatch(r"(?P<amt>\d+(\.\d+)?)bn((?P<months>\d+)(m|months?))?", rest)
        if not mm:
            raise InputError(f"response {text!r}: expected dollars raised in USD bn, e.g. 'repo 300bn' or "
                             "'repo 300bn 12m'")
        repo: dict[str, Any] = {"amount_usd_bn": float(mm["amt"])}
        label = f"repo {mm['amt']}bn"
        if mm["months"]:
            repo["months"] = int(mm["months"])
            label += f" {int(mm['months'])}m"
        return Response(label, "repo", repo)
    if kind in ("countertariff", "retaliate"):  # a tariff on U.S. exports: the ordinary weapon
        mm = re.fullmatch(r"(?P<pct>\d+(\.\d+)?)%", rest)
        if not mm or not 0 < float(mm["pct"]) <= 200:
            raise InputError(f"response {text!r}: expected a counter-tariff rate above 0 and up to 200 "
                             "percent of U.S. exports' customs value, e.g. 'counter-tariff 10%'")
        return Response(f"counter-tariff {mm['pct']}%", "counter_tariff", {"tariff_pct": float(mm["pct"])})
    if kind in ("pause", "runoff"):
        mm = re.fullmatch(r"(\d+)(m|months?)?", rest) if rest else None
        if rest and not mm:
            raise InputError(f"response {text!r}: expected a number of months, e.g. '{kind} 12m'")
        months = int(mm[1]) if mm else (12 if kind == "pause" else 24)
        return Response(f"{kind} {months}m", kind, {"months": months})
    mm = re.fullmatch(r"(?P<amt>\d+(\.\d+)?)(?P<unit>bn|%)((?P<days>\d+)(d|days))?(?P<keep>keep)?", rest)
    if not mm:
        raise InputError(f"response {text!r}: expected a sale in USD bn or percent of holdings, e.g. "
                         "'sell 300bn', 'sell 25%', 'sell 300bn 20d'")
    days = int(mm["days"]) if mm["days"] else SALE_DAYS
    amount = float(mm["amt"])
    key = "amount_usd_bn" if mm["unit"] == "bn" else "amount_pct"
    label = f"sell {mm['amt']}{mm['unit']}" + ("" if days == SALE_DAYS else f" {days}d")
    action: dict[str, Any] = {key: amount, "days": days}
    if mm["keep"]:  # keep the dollars (no conversion), whatever the holder's default
        label += " keep"
        action["convert_share"] = 0.0
    return Response(label, "sell", action)


# -- mortgage cost and quantile draws ---------------------------------------------------------


def mortgage_cost_usd_bn(
    shift_10y_bp: FloatArray,
    *,
    horizon_years: int,
    originations_usd_bn_per_year: float,
    passthrough: float,
) -> float:
    """Extra interest paid by new U.S. fixed-rate mortgages over the horizon.

    A loan originated in month ``k`` locks the mortgage-rate shift of that month,
    ``passthrough x shift_10y_bp[k]``, and pays it on its balance for the rest of the horizon
    (amortisation and prepayment ignored; existing fixed-rate loans are unaffected):
    ``sum_k orig / 12 x shift_k / 10^4 x (12 H - k) / 12``.

    Parameters
    ----------
    shift_10y_bp
        Monthly 10-year Treasury yield shift (bp), month 0 first.
    horizon_years
        Horizon ``H``.
    originations_usd_bn_per_year
        New mortgage lending a year (USD bn).
    passthrough
        bp of mortgage rate per bp of 10-year yield.

    References
    ----------
    our literature review (mortgage pass-through, about 1:1 in the long run).
    """
    n = 12 * horizon_years
    s = np.zeros(n)
    path = np.asarray(shift_10y_bp, dtype=np.float64)[:n]
    s[: len(path)] = path
    years_left = (n - np.arange(n)) / 12.0
    return float(originations_usd_bn_per_year / 12.0 * passthrough * np.sum(s / 1e4 * years_left))


def quantile_values(p5: float, p50: float, p95: float, u: FloatArray) -> FloatArray:
    """Values at quantiles ``u`` of the piecewise-linear quantile function through the bands.

    Flat beyond p5 and p95 (no tails are invented). Bands out of order (possible for sums of
    separately sorted parts) are sorted first.
    """
    knots = np.sort(np.array([p5, p50, p95], dtype=np.float64))
    return np.asarray(np.interp(u, _QUANTILE_KNOTS, knots))


# -- the engine -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngineCells:
    """What the engine runs produced, besides the components.

    Attributes
    ----------
    holder
        Resolved holder name.
    models
        Impact models (the model of draw ``d`` is ``models[model_of_draw[d]]``).
    model_of_draw
        ``(n_draws,)``.
    spec_hashes
        ``(us_action, response) -> spec hash`` of each engine run.
    presets_used
        Preset names behind the numbers (engine, trade, mortgage, weights).
    start, holdings_date
        Scenario start and holdings month (ISO dates).
    vintages
        Data vintages of the engine.
    notes
        Modelling notes.
    holdings_usd_bn
        The holder's holdings at the start.
    gdp_usd_bn
        The holder's GDP preset value, if any.
    draw_method
        ``"central"`` (no draws), ``"exact"`` (aligned engine draws) or ``"quantile"`` (fallback).
    engine_index
        ``(n_draws,)``: the engine draw each game draw reads (exact method), else None.
    engine_draws
        Engine draws per model and cell.
    """

    holder: str
    models: tuple[str, ...]
    model_of_draw: np.ndarray
    spec_hashes: dict[str, str]
    presets_used: tuple[str, ...]
    start: str
    holdings_date: str
    vintages: dict[str, str]
    notes: tuple[str, ...]
    holdings_usd_bn: float
    gdp_usd_bn: float | None
    draw_method: str = "central"
    engine_index: np.ndarray | None = None
    engine_draws: int = 0


def _cell_values(result: ScenarioResult, holder: str, model: str, horizon_years: int, pv: bool = False
                 ) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """(central, p5, p50, p95) of the holder's bill and of the U.S. extra interest at the horizon
    (with ``pv``: both in present value over the engine's cost horizon)."""
    item = "total_pv_usd_bn" if pv else "total_usd_bn"
    row = next((r for r in result.seller_rows
                if r["model"] == model and r["holder"] == holder and r["item"] == item), None)
    if row is None:
        raise InputError(f"the scenario result has no bill of {holder} under model {model!r}")
    c = float(row["central"])
    bill = (c, float(row.get("p5", c)), float(row.get("p50", c)), float(row.get("p95", c)))
    if not result.us_bill or model not in result.us_bill:
        raise InputError("the scenario result has no U.S. bill (treasury_leverage.scenario.us_bill missing?)")
    ub = result.us_bill[model]
    if pv:
        ci = float(ub["pv_extra_interest_usd_bn"])
        pb = ub.get("pv_extra_interest_bands_usd_bn")
        return bill, ((ci, *(float(v) for v in pb)) if pb else (ci, ci, ci, ci))  # type: ignore[return-value]
    j = list(ub["horizons_years"]).index(horizon_years)
    ci = float(ub["extra_interest_usd_bn"][j])
    bands = ub.get("extra_interest_bands_usd_bn")
    us = (ci, *(float(v) for v in bands[j])) if bands else (ci, ci, ci, ci)
    return bill, (us[0], us[1], us[2], us[3])


@dataclass(frozen=True)
class CoalitionCells:
    """Engine cells of several holders responding together: arrays ``(n_draws, n_us, R, ..., R)``.

    Attributes
    ----------
    members
        Resolved holder names (one response axis each, in this order).
    responses
        The response labels (the same menu for every member, ``"hold"`` first).
    member_bill_usd_bn, member_export_loss_usd_bn
        One array per member: its bill and its lost export earnings.
    us_interest_usd_bn, us_mortgage_usd_bn, tariff_revenue_usd_bn, us_consumer_cost_usd_bn
        The U.S.'s flows (revenue and buyers' cost summed over the members).
    info
        Provenance of the runs.
    member_counter_tariff_usd_bn
        One array per member: its net cost of its own counter-tariff (None: no such response).
    us_exporter_loss_usd_bn, us_export_tax_loss_usd_bn
        U.S. exporters' surplus loss from the members' counter-tariffs and the federal taxes lost
        on it (None: no such response).
    """

    members: tuple[str, ...]
    responses: tuple[str, ...]
    member_bill_usd_bn: tuple[FloatArray, ...]
    member_export_loss_usd_bn: tuple[FloatArray, ...]
    us_interest_usd_bn: FloatArray
    us_mortgage_usd_bn: FloatArray
    tariff_revenue_usd_bn: FloatArray
    us_consumer_cost_usd_bn: FloatArray
    info: EngineCells
    member_counter_tariff_usd_bn: tuple[FloatArray, ...] | None = None
    us_exporter_loss_usd_bn: FloatArray | None = None
    us_export_tax_loss_usd_bn: FloatArray | None = None

    def member_payoffs_usd_bn(self, w: PayoffWeights) -> tuple[FloatArray, ...]:
        """Each member's payoff: ``-(w_bill bill) - w_export export_loss - w_ct counter-tariff cost``."""
        ct: Sequence[FloatArray | float] = (self.member_counter_tariff_usd_bn
                                            or (0.0,) * len(self.member_bill_usd_bn))
        return tuple(np.asarray(-w.holder_bill * b - w.holder_export_loss * e - w.holder_counter_tariff * c)
                     for b, e, c in zip(self.member_bill_usd_bn, self.member_export_loss_usd_bn, ct,
                                        strict=True))

    def us_payoff_usd_bn(self, w: PayoffWeights) -> FloatArray:
        """The U.S. payoff, with the tariff's aims on every tariff action (all but the first)."""
        n_us = self.us_interest_usd_bn.shape[1]
        extra = (1,) * (self.us_interest_usd_bn.ndim - 2)
        aims = np.where(np.arange(n_us) > 0, w.us_tariff_aims_usd_bn, 0.0).reshape(1, n_us, *extra)
        exporter = 0.0 if self.us_exporter_loss_usd_bn is None else self.us_exporter_loss_usd_bn
        tax = 0.0 if self.us_export_tax_loss_usd_bn is None else self.us_export_tax_loss_usd_bn
        return np.asarray(-w.us_interest * self.us_interest_usd_bn - w.us_mortgage * self.us_mortgage_usd_bn
                          + w.tariff_revenue * self.tariff_revenue_usd_bn
                          - w.us_consumer_cost * self.us_consumer_cost_usd_bn
                          - w.us_exporter_loss * exporter - w.us_export_tax_loss * tax + aims)


def _check_inputs(tariffs_pct: Sequence[float], responses: Sequence[str | Response], draws: int
                  ) -> tuple[list[float], list[Response]]:
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise InputError(f"draws: expected a non-negative whole number, got {draws!r}")
    resp = [r if isinstance(r, Response) else parse_response(r) for r in responses]
    if not resp or resp[0].kind != "hold":
        raise InputError("responses: expected 'hold' first (the status quo the threats are measured against)")
    tariffs = [float(t) for t in tariffs_pct]
    if not tariffs or any(not (math.isfinite(t) and 0 <= t <= 200) for t in tariffs):
        raise InputError(f"tariffs_pct: expected tariff rates between 0 and 200 percent, "
                         f"got {list(tariffs_pct)}")
    return tariffs, resp


def coalition_cells(
    members: Sequence[str],
    *,
    tariffs_pct: Sequence[float],
    responses: Sequence[str | Response],
    draws: int = 0,
    seed: int = 0,
    models: Sequence[str] | None = None,
    weights: PayoffWeights | None = None,
    overrides: Mapping[str, float] | None = None,
    start: str | None = None,
) -> CoalitionCells:
    """Run the scenario engine for every (tariff, response profile) cell of several holders.

    The U.S. sets the same tariff on every member; each member picks a response from the same menu,
    and one engine run prices each profile: the members' sales add up in the yield path, so each
    member's mark-to-market depends on what the others do.

    Parameters
    ----------
    members
        Holders in the atlas (one is a single-holder game).
    tariffs_pct
        The U.S. actions: tariff rates in percent (0 = no tariff), in order.
    responses
        The response menu (:func:`parse_response` forms), ``"hold"`` first.
    draws
        Game draws (0: one draw per impact model at central values).
    seed
        Seed of the engine, the trade channel and the quantile draws.
    models
        Impact models (default :data:`DEFAULT_MODELS`: the pooled mixture, whose draws already
        mix the model families with explicit weights).
    weights
        Horizon and weights (default :meth:`PayoffWeights.from_presets`).
    overrides
        Preset overrides for the engine and the trade channel.
    start
        Scenario start date (default the latest curve).

    Returns
    -------
    CoalitionCells
    """
    from treasury_leverage._stages import stage
    from treasury_leverage.presets import preset_value
    from treasury_leverage.scenario import streams
    from treasury_leverage.scenario.engine import run_many
    from treasury_leverage.scenario.repo import REPO_PRESETS
    from treasury_leverage.scenario.seller import GDP_PRESETS
    from treasury_leverage.scenario.trade import trade_shortfall

    tariffs, resp = _check_inputs(tariffs_pct, responses, draws)
    if not members:
        raise InputError("members: expected at least one holder")
    if models is None:  # the default answer: the pooled mixture of the model families (issue 12)
        models = DEFAULT_MODELS
    w = PayoffWeights.from_presets(overrides) if weights is None else weights
    over = {key: float(v) for key, v in (overrides or {}).items() if key not in WEIGHT_PRESETS.values()
            and key not in _MORTGAGE_PRESETS[:1]}
    model_names = _model_names(models)
    eng_draws = min(math.ceil(draws / max(len(model_names), 1)), _MAX_ENGINE_DRAWS)
    # one basis for both sides (issue 13): present values over the engine's cost horizon
    pv = w.basis == "pv"
    horizon = w.horizon_years
    months = 12 * horizon
    k = len(members)
    profiles = list(itertools.product(range(len(resp)), repeat=k))
    results: dict[tuple[int, tuple[int, ...]], ScenarioResult] = {}
    hashes: dict[str, str] = {}
    cell_specs: dict[tuple[int, tuple[int, ...]], tuple[str, str]] = {}
    runs_by_spec: dict[str, dict[str, Any]] = {}
    for i, t in enumerate(tariffs):
        for prof in profiles:
            label = ", ".join(f"{m}: {resp[p].label}" for m, p in zip(members, prof, strict=True))
            spec: dict[str, Any] = {
                "name": f"game: {label} after a {t:g}% tariff",
                "actors": [_engine_actor(m, resp[p]) for m, p in zip(members, prof, strict=True)],
                "draws": eng_draws, "seed": seed, "overrides": over,
            }
            if t > 0:
                spec["trade"] = {"tariff_pct": dict.fromkeys(members, t), "months": min(months, 120)}
            if models is not None:
                spec["models"] = list(models)
            if start is not None:
                spec["start"] = start
            # a repo is a hold in the market: the same engine run as the hold profile it matches
            same = json.dumps({k: v for k, v in spec.items() if k != "name"}, sort_keys=True, default=str)
            runs_by_spec.setdefault(same, spec)
            cell_specs[(i, prof)] = (same, f"{t:g}% / {label}")
    # every cell in one batch: the cells share the model draws and the trade channel's unit kernels
    with stage("engine runs"):
        ran = dict(zip(runs_by_spec, run_many(list(runs_by_spec.values())), strict=True))
    for cell, (same, label) in cell_specs.items():
        results[cell] = ran[same]
        hashes[label] = ran[same].spec_hash
    first = results[(0, profiles[0])]
    names = tuple(str(h["holder"]) for h in first.holders[:k])
    model_names = tuple(first.models)
    n_models = len(model_names)
    n = n_models if draws == 0 else draws
    model_of_draw = np.arange(n) % n_models
    shape = (n, len(tariffs), *([len(resp)] * k))
    orig = preset_value(_MORTGAGE_PRESETS[0], overrides)
    pass_through = preset_value(_MORTGAGE_PRESETS[1], overrides)
    draw_notes: list[str] = []
    common = None
    if draws > 0:
        common, why = _aligned_draws(results, names, model_names, horizon)
        if common is None:
            draw_notes.append(f"exact joint draws unavailable ({why}): fell back to quantile draws")
    engine_index: np.ndarray | None = None
    if common is not None:
        engine_index = (np.arange(n) // n_models) % common[model_of_draw]
        bills, interest, mortgage = _exact_cells(results, names, model_names, shape, model_of_draw,
                                                 engine_index, horizon, orig, pv)
        short = [f"{m} ({c:,} of {eng_draws:,})" for m, c in zip(model_names, common.tolist(), strict=True)
                 if c < eng_draws]
        if short:
            draw_notes.append("the U.S. bill covers fewer engine draws than the holders' bills for "
                              + ", ".join(short) + ": the game uses that common prefix")
        if n > int(common.min()) * n_models:
            draw_notes.append(f"{n:,} game draws over {n_models} model(s) with {int(common.min()):,} "
                              "engine draws each: the engine draws are reused in turn")
        method = "exact"
    else:
        bills, interest, mortgage = _quantile_cells(results, names, model_names, shape, model_of_draw, draws,
                                                    seed, horizon, orig, pass_through,
                                                    list(first.maturities_years).index(10.0), pv)
        method = "central" if draws == 0 else "quantile"
    discount = 1.0
    end_discount = 1.0  # the U.S. bill's PV: extra debt at the horizon times this (engine _us_pv)
    if pv:
        from treasury_leverage.scenario.engine import _basis

        basis = _basis(first.start, over)
        discount = float(np.mean([basis.discount(y - 0.5) for y in range(1, horizon + 1)]))
        end_discount = basis.discount(float(horizon))
    repo_notes = _add_repo_costs(bills, resp, k, horizon, basis.discount if pv else None, over)
    from treasury_leverage.game.retaliation import counter_tariff_cells

    ct = counter_tariff_cells(resp, names, shape, horizon_years=horizon,
                              discount=basis.discount if pv else None, seed=seed, draws=draws,
                              engine_draws=eng_draws, engine_index=engine_index, overrides=over or None)
    exports = [np.zeros(shape) for _ in range(k)]
    revenue = np.zeros(shape)
    consumer = np.zeros(shape)
    trade_presets: list[str] = []
    trade_notes: list[str] = []
    tail = (np.newaxis,) * k
    for i, t in enumerate(tariffs):
        if t <= 0:
            continue
        for mi, name in enumerate(names):
            if engine_index is not None:
                # the draws the engine used for this member's purchase shortfall (actor index mi)
                tc = trade_shortfall(name, t, months=min(months, 120), draws=eng_draws,
                                     seed=streams.generator(seed, streams.trade_stream(mi)),
                                     overrides=over or None)
            else:
                tc = trade_shortfall(name, t, months=months, draws=draws, seed=seed, overrides=over or None)
            last = tc.purchase_shortfall_usd_bn[:, -1]
            mean = tc.purchase_shortfall_usd_bn.mean(axis=1)
            # average phase-in over the horizon: the annual figures are "once adjusted"; in present
            # value each year's flow is discounted at the start day's curve (mid-year)
            years = horizon * discount * np.where(last > 0, mean / np.where(last > 0, last, 1.0), 1.0)

            def per_draw(x: FloatArray, years: FloatArray = years) -> FloatArray:
                v = np.asarray(x * years, dtype=np.float64)
                if engine_index is not None and v.size > 1:
                    v = v[engine_index]  # the trade draw of each game draw's engine draw
                return np.asarray(np.broadcast_to(v, (n,))[(slice(None), *tail)])

            exports[mi][:, i] = per_draw(tc.export_loss_usd_bn)
            revenue[:, i] += _revenue_value(tc, horizon, end_discount, over, engine_index, n, tail)
            consumer[:, i] += per_draw(tc.us_consumer_cost_usd_bn)
            trade_presets.extend(tc.presets_used)
            trade_notes.extend(tc.notes)
    engine_presets = sorted({p for r in results.values() for ps in r.presets["models"].values() for p in ps}
                            | set(first.presets.get("seller", [])))
    gdp = {nm: preset_value(GDP_PRESETS[nm], overrides) for nm in names if nm in GDP_PRESETS}
    notes = [
        (f"payoffs in present value over {horizon} years at the start day's par curve, both sides on one "
         "basis: the holder's horizon total return (concession, carry, mark-to-market at the horizon, FX; "
         "engine total_pv_usd_bn), the U.S. extra interest (engine pv_extra_interest_usd_bn), trade flows "
         "discounted the same way (preset game_cost_basis_pv)" if pv else
         f"payoffs summed over {w.horizon_years} years, undiscounted; the seller's bill is struck at the end "
         "of its action (engine)"),
        "game draws: " + _method_note(method, n, n_models, eng_draws),
        *draw_notes,
        "mortgage cost: new fixed-rate loans lock the shifted rate for the rest of the horizon "
        f"({orig:,.0f} USD bn of originations a year, pass-through "
        + (f"{pass_through:g})" if method != "exact" else "drawn with the U.S. bill's draws)"),
        ("tariff revenue lowers Treasury borrowing: valued as the debt it saves at the horizon (revenue "
         "plus the interest saved at the average interest rate, the U.S. bill's machinery)"
         + (", discounted like the U.S. extra interest" if pv else "")),
        *repo_notes,
        *ct.notes,
        *dict.fromkeys(n for n in trade_notes if not n.startswith(("No bilateral", "2024 bilateral"))),
        *dict.fromkeys(n for n in trade_notes if n.startswith("No bilateral")),
        *dict.fromkeys(n for r in results.values() for n in r.notes if not n.startswith("trade channel:")),
    ]
    info = EngineCells(
        holder=" + ".join(names), models=model_names, model_of_draw=model_of_draw, spec_hashes=hashes,
        presets_used=tuple(dict.fromkeys([*engine_presets, *trade_presets, *_MORTGAGE_PRESETS,
                                          *WEIGHT_PRESETS.values(),
                                          *(REPO_PRESETS if repo_notes else ()), *ct.presets_used])),
        start=first.start.isoformat(), holdings_date=first.holdings_date.isoformat(), vintages=first.vintages,
        notes=tuple(notes),
        holdings_usd_bn=float(sum(float(h["holdings_usd_bn"]) for h in first.holders[:k])),
        gdp_usd_bn=sum(gdp.values()) if len(gdp) == k else None,
        draw_method=method, engine_index=engine_index, engine_draws=eng_draws,
    )
    return CoalitionCells(
        members=names, responses=tuple(r.label for r in resp), member_bill_usd_bn=tuple(bills),
        member_export_loss_usd_bn=tuple(exports), us_interest_usd_bn=interest, us_mortgage_usd_bn=mortgage,
        tariff_revenue_usd_bn=revenue, us_consumer_cost_usd_bn=consumer, info=info,
        member_counter_tariff_usd_bn=ct.member_cost_usd_bn,
        us_exporter_loss_usd_bn=ct.us_exporter_loss_usd_bn,
        us_export_tax_loss_usd_bn=ct.us_export_tax_loss_usd_bn,
    )


def _engine_actor(member: str, r: Response) -> dict[str, Any]:
    """The engine actor of a response: a FIMA repo or a counter-tariff trades nothing in the market
    (a hold)."""
    if r.kind in ("repo", "counter_tariff"):
        return {"holder": member, "hold": {}}
    return {"holder": member, r.kind: dict(r.action)}


def _add_repo_costs(bills: list[FloatArray], resp: Sequence[Response], k: int, horizon: int,
                    discount: Any, overrides: Mapping[str, float]) -> list[str]:
    """Add the facility's cost to each member's bill where it answers with a repo (in place)."""
    from treasury_leverage.scenario.repo import fima_repo_cost_usd_bn

    notes: list[str] = []
    for ri, r in enumerate(resp):
        if r.kind != "repo":
            continue
        cost = fima_repo_cost_usd_bn(float(r.action["amount_usd_bn"]), r.action.get("months"),
                                     horizon_years=horizon, discount=discount, overrides=overrides or None)
        for mi in range(k):
            idx: list[Any] = [slice(None)] * bills[mi].ndim
            idx[2 + mi] = ri
            bills[mi][tuple(idx)] += cost
        notes.append(f"'{r.label}': dollars raised at the Fed's FIMA repo facility, not sold: no market "
                     f"impact; the holder pays the facility's spread over IORB, USD {cost:,.2f}bn"
                     + (" in present value" if discount is not None else ""))
    return notes


def _revenue_value(tc: Any, horizon: int, end_discount: float, overrides: Mapping[str, float],
                   engine_index: np.ndarray | None, n: int, tail: tuple[None, ...]) -> FloatArray:
    """Tariff revenue as less Treasury borrowing: the debt it saves at the horizon (revenue plus
    the interest saved on it, :func:`~treasury_leverage.scenario.us_bill.borrowing_flow_debt_usd_bn`
    on the negative flow), times the horizon's discount factor on the PV basis -- the machinery and
    discounting of the U.S. extra interest, so the fiscal view nets like with like.

    Revenue phases in like the purchase shortfall (both follow the exporters' lost earnings).
    """
    from treasury_leverage.scenario.us_bill import borrowing_flow_debt_usd_bn

    sh = np.asarray(tc.purchase_shortfall_usd_bn, dtype=np.float64)
    last = sh[:, -1:]
    phase = np.where(last > 0, sh / np.where(last > 0, last, 1.0), 1.0)
    flow = -np.asarray(tc.tariff_revenue_usd_bn, dtype=np.float64)[:, None] / 12.0 * phase
    saved = -borrowing_flow_debt_usd_bn(flow, horizons_years=(horizon,), overrides=overrides or None)[:, 0]
    v = saved * end_discount
    if engine_index is not None and v.size > 1:
        v = v[engine_index]
    return np.asarray(np.broadcast_to(v, (n,))[(slice(None), *tail)])


def _model_names(models: Sequence[str] | None) -> tuple[str, ...]:
    """The impact models a run will use (to size the engine draws before running)."""
    from treasury_leverage.scenario.spec import parse_spec

    spec: dict[str, Any] = {"actors": []}
    if models is not None:
        spec["models"] = list(models)
    return tuple(parse_spec(spec).model_names())


def _method_note(method: str, n: int, n_models: int, eng_draws: int) -> str:
    if method == "central":
        return f"one per impact model at central values ({n_models} models)"
    if method == "exact":
        return (f"{n} draws, impact models in turn (draw d uses model d mod {n_models} and its engine draw "
                f"floor(d / {n_models})); exact joint draws: every cell, both players' bills and the trade "
                f"channel are read at that same engine draw ({eng_draws} engine draws per model and cell)")
    return (f"{n} draws, impact models in turn, each reading every cell at one shared quantile of the "
            f"engine's p5/p50/p95 bands (comonotonic quantile draws; {eng_draws} engine draws per cell)")


def _aligned_draws(results: Mapping[tuple[int, tuple[int, ...]], ScenarioResult], names: Sequence[str],
                   model_names: Sequence[str], horizon_years: int) -> tuple[np.ndarray | None, str]:
    """Per model, the engine draws every cell has for both bills (their common prefix), or why not.

    The cells must hold per-draw arrays of every member's bill and of the U.S. bill, drawn from the
    same parameters (equal fingerprints).
    """
    common = np.zeros(len(model_names), dtype=np.int64)
    for mk, model in enumerate(model_names):
        digests: set[str] = set()
        counts: list[int] = []
        for res in results.values():
            bd = getattr(res, "bill_draw_arrays", {}).get(model)
            if bd is None:
                return None, f"the engine result has no per-draw bills of {model}"
            if bd.us_extra_interest_usd_bn is None or bd.us_mortgage_shift_bp_years is None:
                return None, f"the engine result has no per-draw U.S. bill of {model}"
            if horizon_years not in bd.us_horizons_years:
                return None, f"the U.S. bill draws have no {horizon_years}-year horizon"
            if any(nm not in bd.holder_usd_bn for nm in names):
                return None, f"the engine result has no per-draw bill of every member under {model}"
            digests.add(bd.parameter_digest)
            counts.append(min(bd.n_draws, bd.n_us_draws))
        if len(digests) != 1:
            return None, f"the cells drew different parameters for {model}"
        common[mk] = min(counts)
        if common[mk] < 1:
            return None, f"no engine draws of {model}"
    return common, ""


def _exact_cells(results: Mapping[tuple[int, tuple[int, ...]], ScenarioResult], names: Sequence[str],
                 model_names: Sequence[str], shape: tuple[int, ...], model_of_draw: np.ndarray,
                 engine_index: np.ndarray, horizon_years: int, originations_usd_bn_per_year: float,
                 pv: bool = False) -> tuple[list[FloatArray], FloatArray, FloatArray]:
    """Members' bills, U.S. interest and mortgage cost of every cell at each game draw's engine draw."""
    bills = [np.zeros(shape) for _ in names]
    interest = np.zeros(shape)
    mortgage = np.zeros(shape)
    for (i, prof), res in results.items():
        for mk, model in enumerate(model_names):
            sel = model_of_draw == mk
            idx = engine_index[sel]
            cell = (sel, i, *prof)
            bd = res.bill_draws(model)
            for mi, name in enumerate(names):
                bills[mi][cell] = bd.holder_usd_bn[name]["total_pv_usd_bn" if pv else "total_usd_bn"][idx]
            j = bd.us_column(horizon_years)
            assert bd.us_extra_interest_usd_bn is not None and bd.us_mortgage_shift_bp_years is not None
            if pv:
                assert bd.us_pv_usd_bn is not None
                interest[cell] = bd.us_pv_usd_bn[idx]
            else:
                interest[cell] = bd.us_extra_interest_usd_bn[idx, j]
            # mortgage_cost_usd_bn of the draw's own mortgage-rate path (it is linear in the path)
            mortgage[cell] = originations_usd_bn_per_year / 12.0 * bd.us_mortgage_shift_bp_years[idx, j] / 1e4
    return bills, interest, mortgage


def _quantile_cells(results: Mapping[tuple[int, tuple[int, ...]], ScenarioResult], names: Sequence[str],
                    model_names: Sequence[str], shape: tuple[int, ...], model_of_draw: np.ndarray, draws: int,
                    seed: int, horizon_years: int, originations_usd_bn_per_year: float, pass_through: float,
                    col10: int, pv: bool = False) -> tuple[list[FloatArray], FloatArray, FloatArray]:
    """Central values (``draws=0``) or comonotonic quantile draws through the bands (the fallback)."""
    n = shape[0]
    from treasury_leverage.scenario import streams

    rng = streams.generator(seed, (streams.GAME_QUANTILE,))
    u = np.full(n, 0.5) if draws == 0 else rng.uniform(0.0, 1.0, n)
    bills = [np.zeros(shape) for _ in names]
    interest = np.zeros(shape)
    mortgage = np.zeros(shape)
    for (i, prof), res in results.items():
        for mk, model in enumerate(model_names):
            sel = model_of_draw == mk
            cell = (sel, i, *prof)
            ic = 0.0
            for mi, name in enumerate(names):
                (bc, b5, b50, b95), (ic, i5, i50, i95) = _cell_values(res, name, model, horizon_years, pv)
                bills[mi][cell] = bc if draws == 0 else quantile_values(b5, b50, b95, u[sel])
            interest[cell] = ic if draws == 0 else quantile_values(i5, i50, i95, u[sel])
            m_central = mortgage_cost_usd_bn(res.paths[model].central_month_bp[:, col10],
                                             horizon_years=horizon_years,
                                             originations_usd_bn_per_year=originations_usd_bn_per_year,
                                             passthrough=pass_through)
            # the mortgage shift is the 10-year shift scaled: it moves with the draw's interest bill
            scale = interest[cell] / ic if abs(ic) > 1e-12 else np.ones(int(sel.sum()))
            mortgage[cell] = m_central * scale
    return bills, interest, mortgage


def engine_components(
    holder: str,
    *,
    tariffs_pct: Sequence[float],
    responses: Sequence[str | Response],
    draws: int = 0,
    seed: int = 0,
    models: Sequence[str] | None = None,
    weights: PayoffWeights | None = None,
    overrides: Mapping[str, float] | None = None,
    start: str | None = None,
) -> tuple[PayoffComponents, EngineCells]:
    """Run the scenario engine for every (tariff, response) cell of one holder.

    Parameters are those of :func:`coalition_cells` with one holder.

    Returns
    -------
    (PayoffComponents, EngineCells)
        Arrays ``(n_draws, n_tariffs, n_responses)`` and the runs' provenance.
    """
    cells = coalition_cells([holder], tariffs_pct=tariffs_pct, responses=responses, draws=draws, seed=seed,
                            models=models, weights=weights, overrides=overrides, start=start)
    comps = PayoffComponents(
        holder_bill_usd_bn=cells.member_bill_usd_bn[0],
        holder_export_loss_usd_bn=cells.member_export_loss_usd_bn[0],
        us_interest_usd_bn=cells.us_interest_usd_bn, us_mortgage_usd_bn=cells.us_mortgage_usd_bn,
        tariff_revenue_usd_bn=cells.tariff_revenue_usd_bn,
        us_consumer_cost_usd_bn=cells.us_consumer_cost_usd_bn,
        holder_counter_tariff_usd_bn=(None if cells.member_counter_tariff_usd_bn is None
                                      else cells.member_counter_tariff_usd_bn[0]),
        us_exporter_loss_usd_bn=cells.us_exporter_loss_usd_bn,
        us_export_tax_loss_usd_bn=cells.us_export_tax_loss_usd_bn,
    )
    return comps, cells.info
