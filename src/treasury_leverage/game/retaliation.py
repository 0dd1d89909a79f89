"""The counter-tariff response in the game's cells: the ordinary weapon beside the Treasury actions.

A ``counter-tariff`` response trades nothing in the Treasury market (its engine run is the hold
run), so its cells differ from the hold cells only by the counter-tariff's own flows
(:func:`treasury_leverage.scenario.retaliation.counter_tariff`): the holder's net cost, the U.S.
exporters' surplus loss and the federal taxes lost on it. They are put on the game's basis here:
annual flows phased in over the horizon, discounted month by month at the start day's curve on
the present-value basis (the discounting of the U.S. extra interest and of the tariff's trade
flows), and read at each game draw's own draw of the counter-tariff presets: with exact joint draws
game draw ``d`` reads counter-tariff draw ``engine_index[d]`` (the engine draw it reads in every
other cell), so a share of draws is a share of joint draws for both weapons.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    from treasury_leverage.game.solve import FloatArray

__all__ = ["CounterTariffCells", "counter_tariff_cells"]

#: Stream of the counter-tariff draws of the member at index i: ``[seed, 3100 + i]``.
_STREAM: Final = 3100


@dataclass(frozen=True)
class CounterTariffCells:
    """A counter-tariff's flows in every cell, arrays of the game's shape (USD bn over the horizon).

    Attributes
    ----------
    member_cost_usd_bn
        One array per member: its net cost of its own counter-tariff (zero elsewhere).
    us_exporter_loss_usd_bn
        U.S. exporters' surplus loss, summed over the members that counter-tariff.
    us_export_tax_loss_usd_bn
        Federal taxes lost on that income.
    presets_used
        Preset names behind the numbers (empty without a counter-tariff response).
    notes
        Modelling notes (empty without a counter-tariff response).
    """

    member_cost_usd_bn: tuple[FloatArray, ...]
    us_exporter_loss_usd_bn: FloatArray
    us_export_tax_loss_usd_bn: FloatArray
    presets_used: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def counter_tariff_cells(
    responses: Sequence[Any],
    members: Sequence[str],
    shape: tuple[int, ...],
    *,
    horizon_years: int,
    discount: Callable[[float], float] | None,
    seed: int,
    draws: int,
    engine_draws: int,
    engine_index: np.ndarray | None,
    overrides: Mapping[str, float] | None = None,
) -> CounterTariffCells:
    """Every member's counter-tariff flows in every cell of a game of ``shape``.

    Parameters
    ----------
    responses
        The response menu (:class:`~treasury_leverage.game.payoffs.Response` objects, one axis per
        member from axis 2 on).
    members
        Resolved member names.
    shape
        ``(n_draws, n_us, R, ..., R)``.
    horizon_years
        The payoffs' horizon.
    discount
        Discount factor by years from the start (present-value basis), or None (cash sums).
    seed
        The game's seed.
    draws
        The game's draws (0: central values).
    engine_draws, engine_index
        With exact joint draws: the engine draws per model and each game draw's engine draw; the
        counter-tariff is drawn ``engine_draws`` times and read at ``engine_index``.
    overrides
        Preset overrides.

    Returns
    -------
    CounterTariffCells
    """
    from treasury_leverage.scenario.retaliation import counter_tariff

    n = shape[0]
    costs = [np.zeros(shape) for _ in members]
    exporter = np.zeros(shape)
    tax = np.zeros(shape)
    presets: list[str] = []
    notes: list[str] = []
    for ri, r in enumerate(responses):
        if r.kind != "counter_tariff":
            continue
        for mi, name in enumerate(members):
            rng = np.random.default_rng([seed, _STREAM + mi])
            if draws == 0:
                ct = counter_tariff(name, float(r.action["tariff_pct"]), draws=0, overrides=overrides)
            elif engine_index is not None:
                ct = counter_tariff(
                    name,
                    float(r.action["tariff_pct"]),
                    draws=max(engine_draws, 1),
                    seed=rng,
                    overrides=overrides,
                )
            else:
                ct = counter_tariff(
                    name, float(r.action["tariff_pct"]), draws=n, seed=rng, overrides=overrides
                )
            years = ct.phase_in_years(horizon_years, discount)

            def per_draw(annual: Any, years: Any = years) -> FloatArray:
                v = np.asarray(annual * years, dtype=np.float64)
                if v.size > 1 and engine_index is not None:
                    v = v[engine_index]
                return np.asarray(np.broadcast_to(v, (n,)))

            idx: list[Any] = [slice(None)] * len(shape)
            idx[2 + mi] = ri
            sel = tuple(idx)
            extra = (np.newaxis,) * (len(shape) - 2)  # broadcast a draw vector over the other axes
            costs[mi][sel] += per_draw(ct.holder_net_cost_usd_bn)[(slice(None), *extra)]
            exporter[sel] += per_draw(ct.us_exporter_loss_usd_bn)[(slice(None), *extra)]
            tax[sel] += per_draw(ct.us_tax_loss_usd_bn)[(slice(None), *extra)]
            presets.extend(ct.presets_used)
            notes.extend(ct.notes)
    return CounterTariffCells(
        tuple(costs), exporter, tax, tuple(dict.fromkeys(presets)), tuple(dict.fromkeys(notes))
    )
