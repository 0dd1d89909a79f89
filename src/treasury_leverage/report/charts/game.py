"""Chart of the leverage game's threats: U.S. cost per dollar of the holder's, coloured by verdict.

Rows are :class:`treasury_leverage.game.words.ThreatRow`; the verdict colours are the game's
three verdicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["threats_chart"]


def threats_chart(rows: Sequence[Any], tariff: str) -> Any:
    """One bar per threatened response: its leverage ratio, coloured by what carrying it out is.

    Parameters
    ----------
    rows
        Threat rows (``response``, ``leverage_ratio``, ``verdict``, ``credible_share_of_draws``,
        ``holder_cost_usd_bn``, ``us_cost_usd_bn``); a row without a ratio is left out.
    tariff
        The tariff as the game names it (``"tariff 10%"``), for the title.
    """
    import altair as alt
    import pandas as pd

    data = pd.DataFrame([
        {"response": r.response, "leverage_ratio": r.leverage_ratio, "verdict": r.verdict,
         "credible_pct": 100 * r.credible_share_of_draws, "holder_cost_usd_bn": r.holder_cost_usd_bn,
         "us_cost_usd_bn": r.us_cost_usd_bn}
        for r in rows if r.leverage_ratio is not None
    ])
    domain = ["credible", "uncertain", "self-destructive"]
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("response:N", sort=[r.response for r in rows], title=None),
        x=alt.X("leverage_ratio:Q", title="U.S. cost per dollar of the holder's own cost (median)"),
        color=alt.Color("verdict:N", title="Carrying it out", scale=alt.Scale(
            domain=domain, range=["#54a24b", "#eeca3b", "#e45756"]), legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("response:N"), alt.Tooltip("leverage_ratio:Q", format=",.1f"),
                 alt.Tooltip("verdict:N"),
                 alt.Tooltip("credible_pct:Q", format=".0f", title="credible in % of draws"),
                 alt.Tooltip("holder_cost_usd_bn:Q", format=",.1f"),
                 alt.Tooltip("us_cost_usd_bn:Q", format=",.1f")],
    ).properties(width=480, height=alt.Step(26), title=f"Threatened responses to a {tariff}")
