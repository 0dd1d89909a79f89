"""The United States' cost of a scenario in three labelled views (issue 13): fiscal, national, households.

The engine's U.S. bill is the federal government's extra interest (present value over the cost
horizon). Who bears it differs by view, and the views are the game's (:data:`
treasury_leverage.game.payoffs.US_VIEWS`), so a scenario and the game say the same thing:

* **fiscal**: the Treasury's extra interest, all of it (tariff revenue, where a scenario has a
  tariff, is netted in the game, which prices the trade channel's revenue);
* **national**: only the interest paid to foreign holders (preset ``us_debt_foreign_held_share``):
  interest paid to U.S. residents is a transfer among U.S. residents, labelled, not counted;
* **households**: the mortgage-rate pass-through (the rate shift is reported; its cost over the
  horizon is the game's households view).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from treasury_leverage.presets import preset_value

__all__ = ["us_views"]


def us_views(
    us_model: Mapping[str, Any], overrides: Mapping[str, float] | None = None, *, has_tariff: bool = False
) -> dict[str, Any]:
    """The fiscal, national and households views of one model's U.S. bill (an engine ``us_bill`` entry).

    Parameters
    ----------
    us_model
        The engine's U.S. bill of one model: ``pv_extra_interest_usd_bn`` (and its bands, if drawn),
        ``mortgage_rate_shift_bp_end``/``_peak``.
    overrides
        Preset values (``us_debt_foreign_held_share``).
    has_tariff
        Whether the scenario has a tariff (then the fiscal view's revenue is the game's).

    Returns
    -------
    dict
        ``fiscal_pv_usd_bn``, ``national_pv_usd_bn`` (with ``*_bands`` p5/p50/p95 when drawn), the
        mortgage-rate shift of the households view, the foreign share used and a label per view.
    """
    pv = float(us_model["pv_extra_interest_usd_bn"])
    foreign = preset_value("us_debt_foreign_held_share", overrides)
    out: dict[str, Any] = {
        "fiscal_pv_usd_bn": pv,
        "national_pv_usd_bn": foreign * pv,
        "households_mortgage_rate_shift_bp_end": us_model.get("mortgage_rate_shift_bp_end"),
        "households_mortgage_rate_shift_bp_peak": us_model.get("mortgage_rate_shift_bp_peak"),
        "foreign_held_share": foreign,
        "labels": {
            "fiscal": "the Treasury's extra interest (present value)"
            + ("; tariff revenue is netted in tlev game, which prices it" if has_tariff else ""),
            "national": (
                "interest paid to foreign holders only (preset us_debt_foreign_held_share); interest "
                "paid to U.S. residents is a transfer among them, not counted"
            ),
            "households": (
                "mortgage-rate pass-through: the shift is shown; its cost over the horizon is the "
                "game's households view (tlev game --us-view households)"
            ),
        },
        "presets_used": ["us_debt_foreign_held_share"],
    }
    bands = us_model.get("pv_extra_interest_bands_usd_bn")
    if bands:
        out["fiscal_pv_bands_usd_bn"] = [float(v) for v in bands]
        out["national_pv_bands_usd_bn"] = [foreign * float(v) for v in bands]
    return out
