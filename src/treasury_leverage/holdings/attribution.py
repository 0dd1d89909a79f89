"""How much do foreign official flows explain monthly moves in long yields?

A regression (and a simple event study) of monthly changes in the 10-year Treasury yield, or in
a 10-year term premium, on foreign official net purchases of Treasuries alongside domestic
drivers we have data for: the fed funds rate, 10-year breakeven inflation, the 10-year real
yield and the dollar (yen per dollar; no broad dollar index is in the store). Ordinary least
squares with Newey-West (HAC) standard errors; R-squared is reported as is, with the increment
owed to the foreign flows.

Honest reading: these are contemporaneous associations, not causal effects. Official flows
respond to yields and the dollar (reserve managers sell to defend currencies when U.S. yields
jump), which biases the coefficient; the literature's identified estimates are in
Our literature review. Adding both breakeven and real yields to a regression of the
nominal yield makes it an identity (nominal = real + breakeven), so the default controls leave
the real yield out and the results carry a note when a user puts both in.

Foreign official net purchases (long-term Treasuries, USD bn) are spliced from the Fed's
Bertaut-Tryon series (1985-2011-06, foreign official incl. international organisations), the
Bertaut-Judson series (2011-07..2020-12, foreign official) and TIC SLT Table 1 (2023-02 on,
foreign official). The 2021-01..2023-01 gap is left empty unless ``fill_gap`` asks for the flow
detective's implied net purchases of the MFH "Foreign Official" row (bills included, so a
slightly different concept).

References
----------
Warnock, F. and Warnock, V. (2009), "International capital flows and U.S. interest rates",
JIMF 28(6) (monthly yield regression on foreign official flows with domestic controls).
Beltran, D., Kretchmer, M., Marquez, J. and Thomas, C. (2013), JIMF 32(1) (-$100bn official
flows: +40-60 bp on the 5-year yield in the short run). Newey, W. and West, K. (1987),
Econometrica 55(3), 703-708 (HAC covariance, Bartlett kernel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.errors import DataUnavailable, InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CONTROLS",
    "TARGETS",
    "AttributionResults",
    "EventStudyResults",
    "attribution",
    "event_study",
    "monthly_drivers",
    "official_net_purchases",
    "regress",
]

Target = Literal["yield_10y", "acm_tp_10y", "acm_tp_10y_model", "kw_tp_10y"]
Control = Literal["fed_funds", "breakeven_10y", "real_10y", "dollar_yen"]

#: Left-hand-side choices: (source, description). Changes are in basis points.
TARGETS: Final[dict[str, str]] = {
    "yield_10y": "10-year Treasury CMT yield (FRED DGS10), month-end change, bp",
    "acm_tp_10y": "NY Fed ACM 10-year term premium (ACMTP10), month-end change, bp",
    "acm_tp_10y_model": (
        "ACM 10-year term premium re-estimated by the toolkit (termpremium), month-end change, bp"
    ),
    "kw_tp_10y": "Kim-Wright 10-year term premium (FRED THREEFYTP10), month-end change, bp",
}
#: Controls: description. Rate changes in bp, the dollar in percent (log change x 100).
CONTROLS: Final[dict[str, str]] = {
    "fed_funds": "effective fed funds rate (DFF), month-end change, bp",
    "breakeven_10y": "10-year breakeven inflation (T10YIE), month-end change, bp",
    "real_10y": "10-year TIPS real yield (DFII10), month-end change, bp",
    "dollar_yen": "yen per dollar (DEXJPUS), month-end log change, percent",
}
DEFAULT_CONTROLS: Final[tuple[Control, ...]] = ("fed_funds", "breakeven_10y", "dollar_yen")
_FLOW: Final = "official_net_purchases_100bn"
_FRED: Final = {
    "yield_10y": "DGS10", "kw_tp_10y": "THREEFYTP10", "fed_funds": "DFF",
    "breakeven_10y": "T10YIE", "real_10y": "DFII10", "dollar_yen": "DEXJPUS",
}


def _month_end_last(series: pd.Series) -> pd.Series:
    """Last observation of each calendar month, indexed by the month-end."""
    s = series.dropna()
    out = s.groupby(s.index.to_period("M")).last()
    out.index = out.index.to_timestamp(how="end").normalize()
    out.index.name = "date"
    return out


def official_net_purchases(*, fill_gap: bool = False, as_of: Any | None = None) -> pd.DataFrame:
    """Monthly foreign official net purchases of long-term Treasuries, USD bn, with their source.

    Parameters
    ----------
    fill_gap
        Fill 2021-01..2023-01 and months after the last SLT row with the flow detective's implied
        net purchases of the MFH ``Foreign Official`` row (all Treasuries, valuation estimated).
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        Index ``date``: ``official_net_purchases_usd_bn``, ``source``.
    """
    import pandas as pd

    from treasury_leverage.data import api

    parts = []
    old = api.read("bj_official", series="FOI_All_Countries_and_IROs|treas_net_flow", as_of=as_of)
    parts.append(pd.DataFrame({"official_net_purchases_usd_bn": old.set_index("date")["value"] / 1000.0,
                               "source": "Fed Bertaut-Tryon (foreign official incl. IROs)"}))
    mid = api.read("bj_positions", series="FOI_All_Countries|treas_net_flow", as_of=as_of)
    mid = mid.set_index("date")["value"] / 1000.0
    parts.append(pd.DataFrame({"official_net_purchases_usd_bn": mid[mid.index > old["date"].max()],
                               "source": "Fed Bertaut-Judson (foreign official)"}))
    slt = api.slt_flows("Foreign Official", as_of=as_of)["treas_net_usd_bn"].dropna()
    parts.append(pd.DataFrame({"official_net_purchases_usd_bn": slt,
                               "source": "TIC SLT Table 1 (foreign official)"}))
    out = pd.concat(parts).sort_index()
    out = out[~out.index.duplicated(keep="last")]
    if fill_gap:
        from treasury_leverage.holdings.flows import flows

        est = flows("Foreign Official", start="2021-01", as_of=as_of)["net_purchases_usd_bn"].dropna()
        est = est[~est.index.isin(out.index)]
        out = pd.concat([out, pd.DataFrame({"official_net_purchases_usd_bn": est,
                                            "source": "flow detective (MFH Foreign Official, estimated)"})])
        out = out.sort_index()
    out.index.name = "date"
    return out


def monthly_drivers(
    target: Target = "yield_10y",
    controls: Sequence[Control] = DEFAULT_CONTROLS,
    *,
    fill_gap: bool = False,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """The regression data: monthly changes of the target and the drivers (rows with all present).

    Returns
    -------
    pandas.DataFrame
        Index ``date``: ``<target>_change_bp``, ``official_net_purchases_100bn`` (USD 100bn), and
        one column per control (``fed_funds_change_bp``... ``dollar_yen_change_pct``).
    """
    import numpy as np
    import pandas as pd

    from treasury_leverage.data import api

    if target not in TARGETS:
        raise InputError(f"target {target!r} is not known; expected one of {', '.join(TARGETS)}")
    bad = [c for c in controls if c not in CONTROLS]
    if bad:
        raise InputError(f"control {bad[0]!r} is not known; expected some of {', '.join(CONTROLS)}")
    cols: dict[str, pd.Series] = {}
    if target == "acm_tp_10y":
        level = _month_end_last(api.acm_published(as_of=as_of)["ACMTP10"])
    elif target == "acm_tp_10y_model":
        # Same level of the stack (a sibling model package), imported lazily; it has no as_of.
        from treasury_leverage.termpremium.estimate import term_premium_series

        level = _month_end_last(term_premium_series(10)["term_premium_pct"])
    else:
        level = _month_end_last(api.series(_FRED[target], as_of=as_of))
    cols[f"{target}_change_bp"] = 100.0 * level.diff()
    flows = official_net_purchases(fill_gap=fill_gap, as_of=as_of)["official_net_purchases_usd_bn"]
    cols[_FLOW] = flows / 100.0
    for c in controls:
        s = _month_end_last(api.series(_FRED[c], as_of=as_of))
        if c == "dollar_yen":
            cols["dollar_yen_change_pct"] = 100.0 * np.log(s).diff()
        else:
            cols[f"{c}_change_bp"] = 100.0 * s.diff()
    frame = pd.DataFrame(cols).dropna()  # level series are monthly without gaps, so diffs are 1-month
    frame.index.name = "date"
    if frame.empty:
        raise DataUnavailable(
            f"no month has {target} and all of {list(controls)} and official flows together"
        )
    return frame


@dataclass(frozen=True)
class AttributionResults:
    """Results of :func:`attribution` (statsmodels-style: labelled tables and a summary).

    Attributes
    ----------
    target
        The left-hand side.
    params
        Index: regressors; columns ``coef`` (bp per unit: per USD 100bn of official net purchases,
        per bp of a rate change, per percent of the dollar), ``se_hac``, ``t``, ``p``,
        ``ci_low``, ``ci_high`` (95%).
    r2, adj_r2
        R-squared and adjusted R-squared of the full regression.
    r2_without_flows
        R-squared with the official flows left out; ``r2 - r2_without_flows`` is what they add.
    nobs, start, end, hac_lags
        Sample size, first and last month, Newey-West lags.
    notes
        Caveats to print with the numbers.
    data
        The regression data.
    """

    target: str
    params: pd.DataFrame
    r2: float
    adj_r2: float
    r2_without_flows: float
    nobs: int
    start: str
    end: str
    hac_lags: int
    notes: list[str] = field(default_factory=list)
    data: pd.DataFrame | None = None

    @property
    def r2_from_flows(self) -> float:
        """Increment in R-squared owed to the official flows."""
        return self.r2 - self.r2_without_flows

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with unit-bearing keys (for JSON)."""
        return {
            "target": self.target,
            "target_description": TARGETS[self.target],
            "nobs": self.nobs, "start": self.start, "end": self.end, "hac_lags": self.hac_lags,
            "r2": self.r2, "adj_r2": self.adj_r2, "r2_without_official_flows": self.r2_without_flows,
            "r2_from_official_flows": self.r2_from_flows,
            "params": self.params.reset_index(names="regressor").to_dict(orient="records"),
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """A plain-text table and the caveats."""
        lines = [
            f"Monthly change in {TARGETS[self.target]}",
            f"OLS, Newey-West HAC standard errors ({self.hac_lags} lags); "
            f"{self.nobs} months {self.start}..{self.end}",
            f"R-squared {self.r2:.3f} (adjusted {self.adj_r2:.3f}); "
            f"without official flows {self.r2_without_flows:.3f} "
            f"-> official flows add {self.r2_from_flows:.3f}",
            f"{'regressor':34s} {'coef':>9s} {'se_hac':>9s} {'t':>7s} {'p':>7s}",
        ]
        for name, row in self.params.iterrows():
            lines.append(
                f"{name!s:34s} {row['coef']:9.3f} {row['se_hac']:9.3f} {row['t']:7.2f} {row['p']:7.3f}"
            )
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


def attribution(
    target: Target = "yield_10y",
    *,
    controls: Sequence[Control] = DEFAULT_CONTROLS,
    start: Any | None = None,
    end: Any | None = None,
    hac_lags: int | None = None,
    fill_gap: bool = False,
    as_of: Any | None = None,
) -> AttributionResults:
    """Regress monthly changes of a long yield or term premium on foreign official net purchases.

    Parameters
    ----------
    target
        ``"yield_10y"`` (default), ``"acm_tp_10y"`` (the NY Fed's ACM series where the store has
        it), ``"acm_tp_10y_model"`` (the toolkit's own ACM estimate, to the latest month) or
        ``"kw_tp_10y"`` (Kim-Wright, FRED).
    controls
        Domestic drivers (see :data:`CONTROLS`); default fed funds, breakeven and the dollar.
    start, end
        Sample window (months).
    hac_lags
        Newey-West lags; default ``floor(4 (T/100)^(2/9))``.
    fill_gap
        See :func:`official_net_purchases`.
    as_of
        Data vintage.

    Returns
    -------
    AttributionResults

    Raises
    ------
    InputError
        Unknown target or control, or fewer than 24 months in the window.

    References
    ----------
    Warnock and Warnock (2009), JIMF 28(6), eq. (1) (a yield regression on official flows and
    domestic controls). Newey and West (1987), Econometrica 55(3).
    """
    from dataclasses import replace

    from treasury_leverage.holdings.atlas import window

    frame = window(monthly_drivers(target, controls, fill_gap=fill_gap, as_of=as_of), start, end,
                   f"months with {target} and its drivers")
    results = regress(frame, target=target, hac_lags=hac_lags)
    notes = list(results.notes)
    if target == "yield_10y" and {"real_10y", "breakeven_10y"} <= set(controls):
        notes.append(
            "real yield + breakeven = nominal yield: with both controls the fit is close to an identity"
        )
    if target == "acm_tp_10y":
        notes.append("the stored ACM series ends where the bundled NY Fed file ends; see data status")
    return replace(results, notes=notes)


def regress(
    frame: pd.DataFrame, *, target: str = "yield_10y", hac_lags: int | None = None
) -> AttributionResults:
    """OLS of the first column of ``frame`` on the others (plus a constant), Newey-West errors.

    The pure kernel of :func:`attribution`: ``frame`` must have the official-flow column
    ``official_net_purchases_100bn`` among its regressors.

    Parameters
    ----------
    frame
        First column the dependent variable (bp), then the regressors.
    target
        Name of the dependent variable (a key of :data:`TARGETS`).
    hac_lags
        Newey-West lags; default ``floor(4 (T/100)^(2/9))``.

    Returns
    -------
    AttributionResults

    Raises
    ------
    InputError
        Fewer than 24 rows, no flow column, negative lags.
    """
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm

    if len(frame) < 24:
        raise InputError(f"only {len(frame)} months with {target} and its drivers in the window; need 24")
    if _FLOW not in frame.columns[1:]:
        raise InputError(f"the regressors lack {_FLOW!r}; got {list(frame.columns[1:])}")
    y = frame.iloc[:, 0]
    X = sm.add_constant(frame.iloc[:, 1:], has_constant="add")
    lags = int(hac_lags) if hac_lags is not None else int(np.floor(4 * (len(frame) / 100.0) ** (2 / 9)))
    if lags < 0:
        raise InputError(f"hac_lags {hac_lags} must be non-negative")
    # Bartlett-kernel Newey-West as in the paper: no small-sample (n / (n - k)) factor.
    fit = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": False})
    restricted = sm.OLS(y, X.drop(columns=[_FLOW])).fit()
    ci = fit.conf_int()
    params = pd.DataFrame({
        "coef": fit.params, "se_hac": fit.bse, "t": fit.tvalues, "p": fit.pvalues,
        "ci_low": ci[0], "ci_high": ci[1],
    })
    notes = [
        "contemporaneous association, not a causal effect: official flows also respond to yields "
        "and the dollar",
        f"{_FLOW}: coefficient in bp per USD 100bn of monthly net purchases (long-term Treasuries)",
    ]
    return AttributionResults(
        target=target, params=params, r2=float(fit.rsquared), adj_r2=float(fit.rsquared_adj),
        r2_without_flows=float(restricted.rsquared), nobs=int(fit.nobs),
        start=f"{frame.index.min():%Y-%m}", end=f"{frame.index.max():%Y-%m}", hac_lags=lags,
        notes=notes, data=frame,
    )


@dataclass(frozen=True)
class EventStudyResults:
    """Mean target change in months of large official net sales vs all other months.

    Attributes
    ----------
    table
        Index ``event`` / ``other`` (and ``event+1``, the month after): ``months``,
        ``mean_change_bp``, ``se_bp``.
    difference_bp, t_stat
        Event minus other months, Welch t statistic.
    threshold_usd_bn
        Sales at least this large (net purchases <= -threshold) define an event month.
    """

    target: str
    table: pd.DataFrame
    difference_bp: float
    t_stat: float
    threshold_usd_bn: float


def event_study(
    target: Target = "yield_10y",
    *,
    threshold_usd_bn: float = 25.0,
    start: Any | None = None,
    end: Any | None = None,
    as_of: Any | None = None,
) -> EventStudyResults:
    """Average change of the target in months when foreign official net sales exceed a threshold.

    Parameters
    ----------
    target
        As in :func:`attribution`.
    threshold_usd_bn
        Positive size of a "large sale" month, USD bn.
    start, end
        Sample window.
    as_of
        Data vintage.

    Raises
    ------
    InputError
        Non-positive threshold, or no event month in the window.
    """
    import numpy as np
    import pandas as pd

    from treasury_leverage.holdings.atlas import window

    if not threshold_usd_bn > 0:
        raise InputError(f"threshold_usd_bn {threshold_usd_bn} must be positive (a sale size)")
    frame = window(monthly_drivers(target, (), as_of=as_of), start, end, f"months with {target}")
    y = frame.iloc[:, 0]
    event = frame[_FLOW] * 100.0 <= -threshold_usd_bn
    if not event.any():
        raise InputError(
            f"no month with official net sales of ${threshold_usd_bn:g} bn or more in the window"
        )
    after = event.shift(1, fill_value=False)
    groups = {"event": y[event], "event+1": y[after], "other": y[~event & ~after]}
    rows = {k: {"months": len(v), "mean_change_bp": float(v.mean()),
                "se_bp": float(v.std(ddof=1) / np.sqrt(len(v))) if len(v) > 1 else float("nan")}
            for k, v in groups.items()}
    table = pd.DataFrame(rows).T
    table.index.name = "group"
    diff = rows["event"]["mean_change_bp"] - rows["other"]["mean_change_bp"]
    se = float(np.hypot(rows["event"]["se_bp"], rows["other"]["se_bp"]))
    t_stat = diff / se if se > 0 else float("nan")
    return EventStudyResults(target, table, diff, t_stat, float(threshold_usd_bn))
