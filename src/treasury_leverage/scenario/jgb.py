"""The JGB side of a Japanese sale or run-off: reported, not netted (issue 13, an option).

Where do the yen go? The sign depends on who sells:

* **An official sale (the Ministry of Finance) converts dollars into yen: an intervention.** That by
  itself buys no JGBs: the Foreign Exchange Fund Special Account funds itself with Financing Bills,
  and the yen it receives go to its yen balance and fewer Financing Bills (3-month bills). So the
  default share of converted proceeds that buys JGBs is 0 (preset
  ``official_proceeds_jgb_purchase_share``) and long JGB yields do not move; the Ministry holds no
  JGBs, so it has no JGB mark-to-market.
* **A private holder that repatriates** (life insurers, pension funds) sells Treasuries, converts and
  buys JGBs (preset ``private_repatriation_jgb_purchase_share`` of the proceeds): JGB yields fall by
  ``jgb_10y_bp_per_jpy_tn`` per JPY 1tn bought (the Bank of Japan's QQE purchases as the calibration)
  and Japanese private JGB holders gain ``holdings x duration x fall`` on their JGBs.

The report gives the case the scenario's action implies (its converted proceeds at the holder's
share) and, beside it, the repatriation case (the same amount repatriated by private holders). Both
are reported next to the holder's Treasury bill and never added to it: the JGB gain accrues to
other Japanese balance sheets (or, for the issuer, to lower funding costs), not to the seller.

References
----------
Bank of Japan (2016), 'Comprehensive Assessment ... The Background'; Fukunaga, Kato & Koeda (2015),
IMES Monetary and Economic Studies 33. Presets in :mod:`treasury_leverage.presets`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from treasury_leverage.presets import get_preset, preset_value

__all__ = ["JGB_HOLDERS", "JGB_PRESETS", "jgb_side"]

#: Holders whose home government bond market has presets (only Japan's JGBs).
JGB_HOLDERS: Final = ("Japan",)
#: The presets the JGB side rests on.
JGB_PRESETS: Final = (
    "jgb_10y_bp_per_jpy_tn",
    "official_proceeds_jgb_purchase_share",
    "private_repatriation_jgb_purchase_share",
    "japan_private_jgb_holdings_jpy_tn",
    "jgb_holdings_modified_duration_years",
    "fx_intervention_reference_jpy_per_usd",
)


def _case(
    usd_bn: float,
    share: float,
    holdings_jpy_tn: float,
    jpy_per_usd: float,
    overrides: Mapping[str, float] | None,
) -> dict[str, Any]:
    """Purchases, the 10-year JGB yield move (central and the preset's range) and the mark-to-market."""
    bp = preset_value("jgb_10y_bp_per_jpy_tn", overrides)
    p = get_preset("jgb_10y_bp_per_jpy_tn")
    lo, hi = (bp, bp) if overrides and "jgb_10y_bp_per_jpy_tn" in overrides else (p.low, p.high)
    dur = preset_value("jgb_holdings_modified_duration_years", overrides)
    purchases = usd_bn * share * jpy_per_usd / 1000.0  # JPY tn
    move = -bp * purchases + 0.0  # no "-0.0" when nothing is bought

    def mtm(m: float) -> float:  # gain (USD bn) of the holdings on a yield move of m bp
        return -holdings_jpy_tn * dur * m / 1e4 * 1000.0 / jpy_per_usd

    return {
        "proceeds_usd_bn": usd_bn,
        "jgb_purchase_share": share,
        "jgb_purchases_jpy_tn": purchases,
        "jgb_10y_change_bp": move,
        "jgb_10y_change_bp_range": [v + 0.0 for v in sorted([-hi * purchases, -lo * purchases])],
        "jgb_holdings_jpy_tn": holdings_jpy_tn,
        "jgb_mtm_gain_usd_bn": mtm(move),
        "jgb_mtm_gain_usd_bn_range": sorted([mtm(-lo * purchases), mtm(-hi * purchases)]),
    }


def jgb_side(info: Mapping[str, Any], overrides: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The JGB side of one holder's action, from its entry in a scenario result's ``holders``.

    Parameters
    ----------
    info
        The holder's entry (``holder``, ``action``, ``converted_usd_bn``, ``sell_usd_bn`` or
        ``matured_usd_bn``, ``home_per_usd_at_start``).
    overrides
        Preset values.

    Returns
    -------
    dict
        ``netted: False`` and a label; for Japan the ``action_case`` (the action's converted proceeds at
        the holder's JGB purchase share) and the ``repatriation_case`` (the same amount repatriated by
        private holders), each with JGB purchases (JPY tn), the 10-year JGB yield change (bp, central
        and range) and the mark-to-market gain of the JGB holdings concerned (USD bn); else
        ``available: False`` and why.
    """
    from treasury_leverage.scenario.seller import OFFICIAL_SELLERS

    holder = str(info["holder"])
    out: dict[str, Any] = {
        "label": "JGB side: reported, not netted (not in the holder's bill)",
        "netted": False,
    }
    if holder not in JGB_HOLDERS:
        return {
            **out,
            "available": False,
            "note": f"no home government bond presets for {holder}: the JGB side covers Japan only",
        }
    official = holder in OFFICIAL_SELLERS
    rate = info.get("home_per_usd_at_start")
    jpy_per_usd = (
        float(rate)
        if isinstance(rate, int | float) and rate == rate and rate > 0
        else preset_value("fx_intervention_reference_jpy_per_usd", overrides)
    )
    moved = float(info.get("sell_usd_bn") or info.get("matured_usd_bn") or 0.0)
    converted = float(info.get("converted_usd_bn") or 0.0)
    own_share = preset_value(
        "official_proceeds_jgb_purchase_share" if official else "private_repatriation_jgb_purchase_share",
        overrides,
    )
    private = preset_value("japan_private_jgb_holdings_jpy_tn", overrides)
    action = _case(converted, own_share, 0.0 if official else private, jpy_per_usd, overrides)
    repatriation = _case(
        moved,
        preset_value("private_repatriation_jgb_purchase_share", overrides),
        private,
        jpy_per_usd,
        overrides,
    )
    notes = [
        (
            "an official sale converts dollars into yen (intervention): the Ministry of Finance's yen "
            "retire Financing Bills rather than buy JGBs, so by itself it does not push long JGB yields down "
            "(preset official_proceeds_jgb_purchase_share); it holds no JGBs, so it has no JGB mark-to-market"
            if official
            else "a private holder that repatriates buys JGBs with part of the proceeds (preset "
            "private_repatriation_jgb_purchase_share)"
        ),
        "repatriation case: the same amount sold by Japanese private holders and repatriated; the JGB gain "
        "accrues to Japanese private JGB holders (preset japan_private_jgb_holdings_jpy_tn), not to the "
        "seller",
        "10-year JGB yield per JPY 1tn of purchases from the Bank of Japan's QQE (preset "
        "jgb_10y_bp_per_jpy_tn, range in *_range); applied as a parallel shift of the JGB holdings "
        "(modified duration preset jgb_holdings_modified_duration_years)",
    ]
    return {
        **out,
        "available": True,
        "holder_is_official": official,
        "jpy_per_usd": jpy_per_usd,
        "action_case": action,
        "repatriation_case": repatriation,
        "presets_used": list(JGB_PRESETS),
        "notes": notes,
    }
