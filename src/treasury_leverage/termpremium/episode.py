"""Decompose a yield episode: expected short rates versus term premium, real versus inflation.

``decompose("2025-04-04", "2025-04-11")`` answers "what drove the jump in long yields": for each
maturity the change in the Treasury par yield is split, with the daily ACM estimates
(:func:`~treasury_leverage.termpremium.estimate.daily_term_premium`), into

* ``expected_rates_bp``: the change in the risk-neutral yield (the average expected short rate
  over the bond's life),
* ``term_premium_bp``: the change in the ACM term premium,
* ``residual_bp``: what the model does not attribute: par yield versus the model's fitted
  zero-coupon yield (coupon effects, curve-fit and model-fit errors);

so that ``change_bp = expected_rates_bp + term_premium_bp + residual_bp`` exactly. ACM stops at
ten years: longer maturities (20, 30 years) get the yield change only. The 10-year change is also
split into the TIPS real yield (FRED ``DFII10``) and breakeven inflation (``T10YIE``), and the
result carries the Kim-Wright 10-year term premium (``THREEFYTP10``), the effective fed funds
rate (``DFF``) and the yen (``DEXJPUS``) over the same window. Where a series does not cover
the episode the value is missing and a note says so.

References
----------
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138 (yield = risk-neutral yield +
term premium).
Kim, D. H. and J. H. Wright (2005), "An arbitrage-free three-factor term structure model and the
recent behavior of long-term yields and distant-horizon forward rates", FEDS 2005-33 (the
``THREEFYTP10`` series).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

__all__ = ["EPISODE_MATURITIES", "EpisodeResult", "decompose"]

#: Maturities (years) the par curve publishes; ACM splits those up to 10.
EPISODE_MATURITIES: Final = (1, 2, 3, 5, 7, 10, 20, 30)
_ACM_MAX_YEARS: Final = 10
#: A series value older than this (calendar days) before a date is not used for that date.
_STALE_DAYS: Final = 7

#: Indicators carried alongside the split: key -> (FRED id, label, unit, change unit).
_INDICATORS: Final = {
    "kim_wright_tp10": ("THREEFYTP10", "Kim-Wright 10-year term premium", "percent", "bp"),
    "fed_funds": ("DFF", "Effective federal funds rate", "percent", "bp"),
    "usdjpy": ("DEXJPUS", "Yen per U.S. dollar (noon buying rate)", "JPY per USD", "percent"),
}


@dataclass(frozen=True, eq=False)
class EpisodeResult:
    """The split of a yield episode; frames are labelled, :meth:`to_dict` keys carry units.

    Attributes
    ----------
    start, end
        The dates asked for.
    start_date, end_date
        The trading days used: the last par-yield day on or before ``start`` and ``end``.
    yields
        Index ``maturity_years``; columns ``yield_start_pct``, ``yield_end_pct`` (par, percent),
        ``change_bp``, ``expected_rates_bp``, ``term_premium_bp``, ``residual_bp`` (NaN where ACM
        has no split), ``tp_start_pct``, ``tp_end_pct`` (ACM term premium levels), ``note``.
    inflation
        The 10-year split, index ``component`` (``nominal``, ``real``, ``breakeven``,
        ``residual``); columns ``series_id``, ``start_pct``, ``end_pct``, ``change_bp``.
    indicators
        Index ``indicator`` (``kim_wright_tp10``, ``fed_funds``, ``usdjpy``); columns
        ``series_id``, ``label``, ``unit``, ``start_date``, ``start_value``, ``end_date``,
        ``end_value``, ``change``, ``change_unit``, ``note``.
    path
        Daily values over the window (index ``date``): par yields ``par_<m>y_pct`` and ACM
        ``tp_<m>y_pct``, ``rn_<m>y_pct``.
    notes
        Plain statements of what is missing or approximate.
    model
        The ACM sample and curve sources behind the daily values.
    curve
        Which zero curve the ACM split used on the start and end days (``GSW`` or a par fit).
    """

    start: pd.Timestamp
    end: pd.Timestamp
    start_date: pd.Timestamp
    end_date: pd.Timestamp
    yields: pd.DataFrame
    inflation: pd.DataFrame
    indicators: pd.DataFrame
    path: pd.DataFrame = field(repr=False)
    notes: tuple[str, ...] = ()
    model: str = ""
    curve: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON view: dates as ISO strings, NaN as ``None``, unit-carrying keys."""
        yields = []
        for years, row in self.yields.iterrows():
            yields.append(
                {
                    "maturity_years": int(years),
                    **{c: _num(row[c]) for c in _YIELD_NUMERIC},
                    "note": row["note"] or None,
                }
            )
        infl = self.inflation
        ten = {
            "nominal_start_pct": _num(infl.loc["nominal", "start_pct"]),
            "nominal_end_pct": _num(infl.loc["nominal", "end_pct"]),
            "change_bp": _num(infl.loc["nominal", "change_bp"]),
            "real_yield_start_pct": _num(infl.loc["real", "start_pct"]),
            "real_yield_end_pct": _num(infl.loc["real", "end_pct"]),
            "real_yield_bp": _num(infl.loc["real", "change_bp"]),
            "breakeven_start_pct": _num(infl.loc["breakeven", "start_pct"]),
            "breakeven_end_pct": _num(infl.loc["breakeven", "end_pct"]),
            "breakeven_bp": _num(infl.loc["breakeven", "change_bp"]),
            "residual_bp": _num(infl.loc["residual", "change_bp"]),
        }
        indicators: dict[str, Any] = {}
        for key, row in self.indicators.iterrows():
            value_unit = "pct" if row["unit"] == "percent" else "jpy_per_usd"
            entry: dict[str, Any] = {
                "series_id": row["series_id"],
                "start_date": _iso(row["start_date"]),
                f"start_{value_unit}": _num(row["start_value"]),
                "end_date": _iso(row["end_date"]),
                f"end_{value_unit}": _num(row["end_value"]),
            }
            if row["change_unit"] == "bp":
                entry["change_bp"] = _num(row["change"])
            else:
                entry["change_pct"] = _num(row["change"])
            entry["note"] = row["note"] or None
            indicators[str(key)] = entry
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "yields": yields,
            "ten_year_inflation_split": ten,
            "indicators": indicators,
            "notes": list(self.notes),
            "model": self.model,
            "curve": self.curve,
            "headline": self.headline(),
        }

    def headline(self) -> str:
        """One sentence: what carried the longest ACM maturity's change, and the 10y inflation split."""
        split = self.yields.dropna(subset=["term_premium_bp"])
        parts: list[str] = []
        if not split.empty:
            years = int(split.index.max())
            row = split.loc[years]
            change, tp, er = row["change_bp"], row["term_premium_bp"], row["expected_rates_bp"]
            share = f" ({100 * tp / change:.0f}% of the change)" if abs(change) >= 1.0 else ""
            parts.append(
                f"{years}-year yield {change:+.0f} bp: term premium {tp:+.0f} bp{share}, "
                f"expected short rates {er:+.0f} bp (ACM)"
            )
        kw = self.indicators.loc["kim_wright_tp10"] if "kim_wright_tp10" in self.indicators.index else None
        if kw is not None and _num(kw["change"]) is not None:
            parts.append(f"Kim-Wright 10-year term premium {kw['change']:+.0f} bp")
        infl = self.inflation["change_bp"]
        if _num(infl["real"]) is not None and _num(infl["breakeven"]) is not None:
            parts.append(
                f"10-year real yield {infl['real']:+.0f} bp, breakeven inflation {infl['breakeven']:+.0f} bp"
            )
        return "; ".join(parts) + "." if parts else ""

    def summary(self) -> str:
        """Plain-text table of the split, the 10-year inflation split, indicators and notes."""
        lines = [
            f"Yield episode {self.start_date:%Y-%m-%d} -> {self.end_date:%Y-%m-%d} "
            f"(asked {self.start:%Y-%m-%d} -> {self.end:%Y-%m-%d})",
            self.headline(),
            "",
            f"{'maturity':>8} {'start %':>8} {'end %':>8} {'change bp':>10} {'exp. rates bp':>14} "
            f"{'term prem. bp':>14} {'residual bp':>12}",
        ]
        for years, row in self.yields.iterrows():
            lines.append(
                f"{years:>7}y {_fmt(row['yield_start_pct'], 2):>8} {_fmt(row['yield_end_pct'], 2):>8} "
                f"{_fmt(row['change_bp'], 1):>10} {_fmt(row['expected_rates_bp'], 1):>14} "
                f"{_fmt(row['term_premium_bp'], 1):>14} {_fmt(row['residual_bp'], 1):>12}"
            )
        infl = self.inflation
        lines += [
            "",
            f"10-year: real yield (DFII10) {_fmt(infl.loc['real', 'change_bp'], 1)} bp, "
            f"breakeven inflation (T10YIE) {_fmt(infl.loc['breakeven', 'change_bp'], 1)} bp, "
            f"residual {_fmt(infl.loc['residual', 'change_bp'], 1)} bp",
        ]
        for key, row in self.indicators.iterrows():
            unit = row["change_unit"]
            hint = "; a fall is a stronger yen" if key == "usdjpy" else ""
            lines.append(
                f"{row['label']} ({row['series_id']}): {_fmt(row['start_value'], 2)} -> "
                f"{_fmt(row['end_value'], 2)} {row['unit']} ({_fmt(row['change'], 1)} {unit}{hint})"
            )
        if self.notes:
            lines += ["", *(f"Note: {n}" for n in self.notes)]
        if self.curve:
            lines += ["", f"Curve: {self.curve}"]
        if self.model:
            lines += ["", f"Model: {self.model}"]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        span = f"{self.start_date:%Y-%m-%d}..{self.end_date:%Y-%m-%d}"
        return f"<EpisodeResult {span} maturities {list(self.yields.index)}>"


_YIELD_NUMERIC: Final = (
    "yield_start_pct",
    "yield_end_pct",
    "change_bp",
    "expected_rates_bp",
    "term_premium_bp",
    "residual_bp",
    "tp_start_pct",
    "tp_end_pct",
)


def _num(value: Any) -> float | None:
    import math

    if value is None:
        return None
    out = float(value)
    return None if math.isnan(out) else out


def _iso(value: Any) -> str | None:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _fmt(value: Any, digits: int) -> str:
    num = _num(value)
    return "n/a" if num is None else f"{num:+.{digits}f}" if digits == 1 else f"{num:.{digits}f}"


def _bp(diff_pct: float) -> float:
    """Percentage-point difference in bp; quoted data (2 decimals) give whole bp, not 46.99999..."""
    return round(diff_pct * 100.0, 9)


def _parse(label: str, value: Any) -> pd.Timestamp:
    import pandas as pd

    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise InputError(f"{label} {value!r} is not a date; expected YYYY-MM-DD")
    return pd.Timestamp(stamp).normalize()


def _check_maturities(maturities: Any) -> list[int]:
    mats = list(maturities)
    bad = [m for m in mats if isinstance(m, bool) or not isinstance(m, int) or m not in EPISODE_MATURITIES]
    if not mats or bad:
        raise InputError(
            f"maturities must be par-curve tenors in years, among {list(EPISODE_MATURITIES)}; got {mats}"
        )
    return sorted(set(mats))


def _value_at(series: pd.Series, day: pd.Timestamp) -> tuple[pd.Timestamp | None, float]:
    """Last observation on or before ``day`` unless older than :data:`_STALE_DAYS`."""
    import pandas as pd

    upto = series.loc[:day].dropna()
    if upto.empty:
        return None, float("nan")
    when = pd.Timestamp(upto.index[-1])
    if (day - when).days > _STALE_DAYS:
        return None, float("nan")
    return when, float(upto.iloc[-1])


def _coverage_note(name: str, series: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> str | None:
    """Say why a series has no value at the episode's dates (ends before, starts after, gap)."""
    clean = series.dropna()
    if clean.empty:
        return f"{name}: no observations in the data"
    first, last = clean.index.min(), clean.index.max()
    if last < end - _stale():
        return (
            f"{name}: data stop on {last:%Y-%m-%d}, before the episode end {end:%Y-%m-%d}; "
            "no value over the window"
        )
    if first > start:
        return (
            f"{name}: data start on {first:%Y-%m-%d}, after the episode start {start:%Y-%m-%d}; "
            "no value over the window"
        )
    return f"{name}: no observation within {_STALE_DAYS} days before {start:%Y-%m-%d} or {end:%Y-%m-%d}"


def _stale() -> pd.Timedelta:
    import pandas as pd

    return pd.Timedelta(days=_STALE_DAYS)


def _fred(series_id: str) -> pd.Series:
    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.errors import DataUnavailable

    try:
        return tld.series(series_id)
    except DataUnavailable:
        return pd.Series(dtype="float64", name=series_id)


def decompose(
    start: str | dt.date | pd.Timestamp,
    end: str | dt.date | pd.Timestamp,
    *,
    maturities: tuple[int, ...] | list[int] = (2, 5, 10, 30),
) -> EpisodeResult:
    """Split the change in Treasury yields between two days into expected rates and term premium.

    Parameters
    ----------
    start, end
        First and last day of the episode (``YYYY-MM-DD``). Each is moved back to the last day
        with Treasury par yields on or before it (a weekend start uses the Friday before).
    maturities
        Par-curve tenors in years (1, 2, 3, 5, 7, 10, 20, 30). ACM splits those up to 10 years;
        20 and 30 years get the par-yield change only.

    Returns
    -------
    EpisodeResult
        ``yields`` (per maturity: change in bp and its split), ``inflation`` (10-year real
        yield versus breakeven), ``indicators`` (Kim-Wright term premium, fed funds, yen),
        ``path`` (daily values), ``notes`` and ``model``.

    Raises
    ------
    InputError
        ``end`` not after ``start``, a date outside the par-yield data, no trading day in the
        window, or unknown maturities.

    References
    ----------
    Adrian, Crump and Moench (2013): zero yield = risk-neutral yield + term premium, the daily
    values from the monthly estimates.
    """
    import numpy as np
    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.termpremium.estimate import curve_used_on, daily_term_premium

    lo, hi = _parse("START", start), _parse("END", end)
    mats = _check_maturities(maturities)
    if hi <= lo:
        raise InputError(
            f"END {hi:%Y-%m-%d} is {'the same day as' if hi == lo else 'before'} START {lo:%Y-%m-%d}; "
            "expected START < END"
        )
    par = tld.par_curve()
    acm_mats = [m for m in mats if m <= _ACM_MAX_YEARS]
    daily = daily_term_premium(maturities=acm_mats or (10,))
    first = max(par.index.min(), daily.index.min())
    last = min(par.index.max(), daily.index.max())
    if lo < first or hi > last:
        raise InputError(
            f"the episode {lo:%Y-%m-%d} -> {hi:%Y-%m-%d} is outside the data: Treasury par yields "
            f"and daily ACM values cover {first:%Y-%m-%d} to {last:%Y-%m-%d}"
        )
    days = par.index[(par.index <= hi) & (par.index >= first)]
    d0 = pd.Timestamp(par.index[par.index <= lo][-1])
    d1 = pd.Timestamp(days[-1])
    if d1 <= d0:
        raise InputError(
            f"no Treasury trading day between START {lo:%Y-%m-%d} and END {hi:%Y-%m-%d} "
            f"(both map to {d0:%Y-%m-%d}); widen the window"
        )
    notes: list[str] = []
    if d0 != lo or d1 != hi:
        notes.append(
            f"No par yields on {', '.join(f'{a:%Y-%m-%d}' for a, b in ((lo, d0), (hi, d1)) if a != b)}: "
            f"the last trading day before is used ({d0:%Y-%m-%d} -> {d1:%Y-%m-%d})."
        )

    rows = []
    for m in mats:
        col = f"{m}Y"
        y0, y1 = float(par.at[d0, col]), float(par.at[d1, col])
        change_bp = _bp(y1 - y0)
        row: dict[str, Any] = {
            "maturity_years": m,
            "yield_start_pct": y0,
            "yield_end_pct": y1,
            "change_bp": change_bp,
            "expected_rates_bp": np.nan,
            "term_premium_bp": np.nan,
            "residual_bp": np.nan,
            "tp_start_pct": np.nan,
            "tp_end_pct": np.nan,
            "note": "",
        }
        if np.isnan(change_bp):
            missing = [f"{d:%Y-%m-%d}" for d, v in ((d0, y0), (d1, y1)) if np.isnan(v)]
            row["note"] = f"no {m}-year par yield published on {', '.join(missing)}"
            notes.append(f"The Treasury published no {m}-year par yield on {', '.join(missing)}.")
        elif m > _ACM_MAX_YEARS:
            row["note"] = "ACM stops at 10 years: yield change only"
        else:
            tp0, tp1 = daily.at[d0, f"ACMTP{m:02d}"], daily.at[d1, f"ACMTP{m:02d}"]
            rn0, rn1 = daily.at[d0, f"ACMRNY{m:02d}"], daily.at[d1, f"ACMRNY{m:02d}"]
            row["tp_start_pct"], row["tp_end_pct"] = float(tp0), float(tp1)
            row["expected_rates_bp"] = float(rn1 - rn0) * 100.0
            row["term_premium_bp"] = float(tp1 - tp0) * 100.0
            # Exact identity by construction: what the model's zero curve does not carry.
            row["residual_bp"] = change_bp - row["expected_rates_bp"] - row["term_premium_bp"]
        rows.append(row)
    yields = pd.DataFrame(rows).set_index("maturity_years")
    long = [m for m in mats if m > _ACM_MAX_YEARS and not np.isnan(yields.at[m, "change_bp"])]
    if long:
        notes.append(
            f"ACM term premia exist for 1-10 years only: the {', '.join(f'{m}-year' for m in long)} "
            "change is reported without a split into expected rates and term premium."
        )

    inflation = _inflation_split(par, d0, d1, notes)
    indicators = _indicators(d0, d1, notes)

    path_cols: dict[str, pd.Series] = {}
    window = slice(d0, d1)
    for m in mats:
        path_cols[f"par_{m}y_pct"] = par.loc[window, f"{m}Y"]
        if m <= _ACM_MAX_YEARS:
            path_cols[f"tp_{m}y_pct"] = daily.loc[window, f"ACMTP{m:02d}"]
            path_cols[f"rn_{m}y_pct"] = daily.loc[window, f"ACMRNY{m:02d}"]
    path = pd.DataFrame(path_cols)
    path.index.name = "date"
    used = {d: curve_used_on(d) for d in (d0, d1)}
    if set(used.values()) == {"GSW"}:
        curve = (f"GSW daily curve (the Fed's Svensson curve, feds200628) on {d0:%Y-%m-%d} and {d1:%Y-%m-%d}")
    else:
        curve = "; ".join(
            f"{d:%Y-%m-%d}: " + ("GSW daily curve (feds200628)" if u == "GSW" else
                                 "Svensson fit to the Treasury par yields, level-corrected to GSW "
                                 "(no GSW curve that day)")
            for d, u in used.items())
    return EpisodeResult(
        start=lo,
        end=hi,
        start_date=d0,
        end_date=d1,
        yields=yields,
        inflation=inflation,
        indicators=indicators,
        path=path,
        notes=tuple(notes),
        model=f"{daily.attrs.get('model', '')}; daily curves: {daily.attrs.get('curve_source', '')}",
        curve=curve,
    )


def _inflation_split(par: pd.DataFrame, d0: pd.Timestamp, d1: pd.Timestamp, notes: list[str]) -> pd.DataFrame:
    """10-year par yield = TIPS real yield + breakeven inflation (+ rounding residual)."""
    import numpy as np
    import pandas as pd

    nominal = (float(par.at[d0, "10Y"]), float(par.at[d1, "10Y"]))
    parts: dict[str, tuple[str, float, float]] = {"nominal": ("10Y par (= DGS10)", *nominal)}
    components = (("real", "DFII10", "TIPS real yield"), ("breakeven", "T10YIE", "breakeven inflation"))
    for key, sid, name in components:
        s = _fred(sid)
        (w0, v0), (w1, v1) = _value_at(s, d0), _value_at(s, d1)
        if w0 is None or w1 is None:
            notes.append(_coverage_note(f"10-year {name} ({sid})", s, d0, d1) or "")
        parts[key] = (sid, v0, v1)
    frame = pd.DataFrame(
        [(k, sid, a, b, _bp(b - a)) for k, (sid, a, b) in parts.items()],
        columns=["component", "series_id", "start_pct", "end_pct", "change_bp"],
    ).set_index("component")
    change = frame["change_bp"]
    resid = change["nominal"] - change["real"] - change["breakeven"]
    frame.loc["residual"] = ["", np.nan, np.nan, resid]
    return frame


def _indicators(d0: pd.Timestamp, d1: pd.Timestamp, notes: list[str]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    rows = []
    for key, (sid, label, unit, change_unit) in _INDICATORS.items():
        s = _fred(sid)
        (w0, v0), (w1, v1) = _value_at(s, d0), _value_at(s, d1)
        note = ""
        if w0 is None or w1 is None:
            note = _coverage_note(f"{label} ({sid})", s, d0, d1) or ""
            notes.append(note)
        # Yields change in bp; the yen in percent (a fall in JPY per USD is a stronger yen).
        change = _bp(v1 - v0) if change_unit == "bp" else (v1 / v0 - 1.0) * 100.0 if v0 else np.nan
        rows.append(
            {
                "indicator": key,
                "series_id": sid,
                "label": label,
                "unit": unit,
                "start_date": w0 if w0 is not None else pd.NaT,
                "start_value": v0,
                "end_date": w1 if w1 is not None else pd.NaT,
                "end_value": v1,
                "change": change,
                "change_unit": change_unit,
                "note": note,
            }
        )
    return pd.DataFrame(rows).set_index("indicator")
