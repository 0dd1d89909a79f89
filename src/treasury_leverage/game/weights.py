"""Payoff weights and the money flows they weigh: how each flow of a game cell enters the players'
payoffs.

:class:`PayoffWeights` holds the weight of every flow and the horizon (from the ``game_*`` presets,
after the U.S. view of :data:`US_VIEWS`); :class:`PayoffComponents` holds the flows themselves,
``(n_draws, n_us_actions, n_holder_actions)`` arrays in USD bn, and turns them into the two
players' payoffs and a :class:`~treasury_leverage.game.solve.SequentialGame`. The flows are built
from the scenario engine in :mod:`treasury_leverage.game.payoffs`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from treasury_leverage.errors import InputError
from treasury_leverage.game.solve import FloatArray, SequentialGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "US_VIEWS",
    "WEIGHT_PRESETS",
    "PayoffComponents",
    "PayoffWeights",
]

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
