"""The one interface of the price-impact models: a sales path in, a labelled yield-impact path out.

* :class:`SalesPath`: net sales in USD bn per period (a day or a month) by maturity bucket;
  positive = the holder sells (more supply for everyone else), negative = it buys.
* :class:`ImpactModel`: ``model.impact(path, draws=..., seed=...) -> ImpactResult``.
* :class:`ImpactResult`: yield changes in bp at maturities 1..30 years at the end of each period of
  the path, plus a long-run tail (the effect that remains long after the last sale), central values
  and, with parameter draws, p5/p50/p95 bands; it carries the model's preset names and the draws.

Shared pieces live here too: maturity parsing (``"5y"``, ``"6m"``), modified/Macaulay durations of
par bonds from :mod:`treasury_leverage.curves.bonds` (for 10-year equivalents), and the mapping of an
impact at a reference maturity to the whole curve (:data:`ACM_TP_BETA_5Y`).
"""

from __future__ import annotations

import functools
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.presets import get_preset, preset_value, sample_presets

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACM_TP_BETA_5Y",
    "ACM_TP_LONG_RATIO_10Y",
    "MATURITIES_YEARS",
    "PERIODS_PER_YEAR",
    "STANDARD_TENORS",
    "ImpactModel",
    "ImpactResult",
    "MaturityMapping",
    "ParYields",
    "Period",
    "SalesPath",
    "Separable",
    "kernel_values",
    "maturity_mapping",
    "par_durations",
    "par_yields_on",
    "parse_maturity",
    "ten_year_equivalents_usd_bn",
]

FloatArray = NDArray[np.float64]
Period = Literal["day", "month"]
MaturityMapping = Literal["acm", "flat"]

#: Maturities (years) at which every model reports yield changes.
MATURITIES_YEARS: Final = tuple(float(m) for m in range(1, 31))
#: Periods per year: business days and months.
PERIODS_PER_YEAR: Final[dict[str, float]] = {"day": 252.0, "month": 12.0}
#: Tenor labels offered in messages (the Treasury par-curve tenors).
STANDARD_TENORS: Final = ("1m", "2m", "3m", "4m", "6m", "1y", "2y", "3y", "5y", "7y", "10y", "20y", "30y")
#: Longest maturity a sale can have (years).
_MAX_MATURITY_YEARS: Final = 30.0
_QUANTILES: Final = (5.0, 50.0, 95.0)
_BAND_NAMES: Final = ("p5", "p50", "p95")

#: Regression slopes of monthly changes in the NY Fed's ACM term premium at 1..10 years on the
#: change at 5 years (no constant, 1961-06 to 2007-12, the bundled snapshot ``acm``); reproduced
#: by ``tests/impact/test_base.py`` from the data. Used to spread an impact measured at one
#: maturity across the curve; beyond 10 years (not published) we hold the 10-year slope.
ACM_TP_BETA_5Y: Final = (0.489, 0.738, 0.859, 0.937, 1.0, 1.056, 1.106, 1.15, 1.19, 1.224)
#: Beyond 10 years (the NY Fed publishes term premia only to 10 years): the same regression slope
#: at 15, 20, 25 and 30 years relative to the 10-year's, from our own ACM fit
#: (:func:`treasury_leverage.termpremium.estimate.fit_default`) whose pricing recursion is run out
#: to 360 months (fit on the default GSW sample to 2026-08; slopes of monthly changes 1961-06 to
#: 2007-12). Reproduced by ``tests/impact/test_base.py``. The long end moves a little more than the
#: 10-year, not by a copy of it.
ACM_TP_LONG_RATIO_10Y: Final = {15.0: 1.081, 20.0: 1.119, 25.0: 1.136, 30.0: 1.143}
_DURATION_SETTLE: Final = np.datetime64("2025-01-15")


# -- maturities and durations -----------------------------------------------------------------


def parse_maturity(value: str | float) -> float:
    """A maturity in years from ``"5y"``, ``"6m"``, ``"10Y"``, ``"5"`` or a number.

    Raises
    ------
    UnknownNameError
        For text that is not a tenor (the message lists the nearest standard tenors).
    InputError
        For a maturity outside (0, 30] years or not a whole number of months.
    """
    try:
        return _parse_maturity(value)
    except TypeError:  # unhashable: parsed as it is (and refused below if it is no tenor)
        return _parse_maturity.__wrapped__(value)


@functools.lru_cache(maxsize=1024, typed=True)
def _parse_maturity(value: str | float) -> float:
    # memoised: every sales path parses its buckets, tens of thousands of times in a brief
    if isinstance(value, int | float) and not isinstance(value, bool):
        years = float(value)
    else:
        text = str(value).strip().lower()
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([ym]?)", text)
        if match is None:
            raise UnknownNameError("maturity", str(value), STANDARD_TENORS)
        number, unit = float(match.group(1)), match.group(2) or "y"
        years = number / 12.0 if unit == "m" else number
    if not (math.isfinite(years) and 0.0 < years <= _MAX_MATURITY_YEARS):
        raise InputError(f"maturity {value!r}: expected more than 0 and at most 30 years "
                         f"(e.g. {', '.join(STANDARD_TENORS[4:])})")
    months = years * 12.0
    if abs(months - round(months)) > 1e-6:
        raise InputError(f"maturity {value!r}: expected a whole number of months, got {months:g} months")
    return years


#: Par yields for durations: a flat yield (percent), a curve ``{maturity_years: par_yield_pct}``,
#: or ``None`` (the preset ``duration_par_yield_pct``).
ParYields = float | Mapping[float, float] | None


@functools.lru_cache(maxsize=256)
def _durations(maturities_years: tuple[float, ...], yields_pct: tuple[float, ...]
               ) -> tuple[FloatArray, FloatArray]:
    from treasury_leverage.curves.bonds import bond_risk

    months = np.rint(np.asarray(maturities_years) * 12.0).astype(np.int64)
    base = _DURATION_SETTLE.astype("datetime64[M]")
    day = _DURATION_SETTLE - base.astype("datetime64[D]")
    maturity = (base + months).astype("datetime64[D]") + day
    settle = np.full(months.shape, _DURATION_SETTLE)
    y = np.asarray(yields_pct)
    risk = bond_risk(settle, maturity, y, y)
    mod = np.atleast_1d(np.asarray(risk.modified_duration, dtype=np.float64))
    mac = np.atleast_1d(np.asarray(risk.macaulay_duration, dtype=np.float64))
    mod.setflags(write=False)
    mac.setflags(write=False)
    return mod, mac


def _yields_at(mats: tuple[float, ...], yield_pct: ParYields) -> tuple[float, ...]:
    if yield_pct is None:
        return (preset_value("duration_par_yield_pct"),) * len(mats)
    if isinstance(yield_pct, Mapping):
        if not yield_pct:
            raise InputError("par curve: expected at least one {maturity_years: par_yield_pct} point")
        points = sorted((float(k), float(v)) for k, v in yield_pct.items())
        xs, ys = zip(*points, strict=True)
        # linear in maturity, flat beyond the first and last points
        return tuple(float(v) for v in np.interp(mats, xs, ys))
    return (float(yield_pct),) * len(mats)


def par_durations(
    maturities_years: Sequence[float], *, yield_pct: ParYields = None
) -> tuple[FloatArray, FloatArray]:
    """Modified and Macaulay durations (years) of par Treasuries at the given maturities.

    Parameters
    ----------
    maturities_years
        Maturities in years (whole months).
    yield_pct
        Par yields in percent: a flat yield, a curve ``{maturity_years: par_yield_pct}``
        (interpolated linearly, e.g. from :func:`par_yields_on`), or ``None`` for the preset
        ``duration_par_yield_pct`` (4.5%).

    Returns
    -------
    tuple of arrays
        ``(modified, macaulay)``, from :func:`treasury_leverage.curves.bonds.bond_risk` for a
        bond with coupon = its par yield (semiannual, settling 2025-01-15).
    """
    mats = tuple(float(parse_maturity(m)) for m in maturities_years)
    return _durations(mats, _yields_at(mats, yield_pct))


def par_yields_on(date: str | None = None) -> dict[float, float]:
    """The Treasury par yield curve (percent) on ``date`` or the last business day before it.

    Parameters
    ----------
    date
        ``YYYY-MM-DD``; default the latest curve in the data.

    Returns
    -------
    dict
        ``{maturity_years: par_yield_pct}`` for the tenors published that day.

    Raises
    ------
    InputError
        If there is no curve on or before ``date``.
    """
    from treasury_leverage.data import par_curve
    from treasury_leverage.data.sources.treasury import TENOR_YEARS

    frame = par_curve(end=date)
    row = frame.iloc[-1].dropna()
    return {float(TENOR_YEARS[str(k)]): float(v) for k, v in row.items()}


def ten_year_equivalents_usd_bn(
    sales_usd_bn: Any, maturities_years: Sequence[float], *, yield_pct: ParYields = None
) -> FloatArray:
    """Convert sales by maturity bucket into 10-year equivalents (USD bn).

    ``10yE = sum_i MV_i * ModDur_i / ModDur_10y`` over the last axis of ``sales_usd_bn``.

    References
    ----------
    our literature review (conversion rule); Gagnon, Raskin, Remache & Sack (2011)
    measure Fed holdings in 10-year equivalents the same way.
    """
    mod, _ = par_durations(tuple(maturities_years), yield_pct=yield_pct)
    ten, _ = par_durations((10.0,), yield_pct=yield_pct)
    weights = mod / ten[0]
    return np.asarray(sales_usd_bn, dtype=np.float64) @ weights


def maturity_mapping(
    reference_years: float,
    maturities_years: Sequence[float] = MATURITIES_YEARS,
    *,
    kind: MaturityMapping = "acm",
) -> FloatArray:
    """Relative yield response at each maturity to a unit response at ``reference_years``.

    ``"acm"``: slopes of ACM term-premium changes (:data:`ACM_TP_BETA_5Y` at 1..10 years,
    :data:`ACM_TP_LONG_RATIO_10Y` beyond, linearly interpolated) divided by the slope at the
    reference maturity. This is our choice [C]: a sale of notes and bonds works through the term
    premium, and the ACM loadings say how term premia at different maturities move together.
    Below one year the response falls linearly to zero at maturity zero: the policy rate anchors
    bills, and a term premium vanishes as maturity goes to zero, so a note/bond sale moves bill
    yields only as much as their (small) term premium. ``"flat"``: the same bp everywhere.
    """
    mats = np.asarray(maturities_years, dtype=np.float64)
    if kind == "flat":
        return np.ones_like(mats)
    if kind != "acm":
        raise UnknownNameError("maturity mapping", str(kind), ("acm", "flat"))
    grid, beta = _acm_grid()
    return np.interp(mats, grid, beta) / float(np.interp(reference_years, grid, beta))


@functools.lru_cache(maxsize=1)
def _acm_grid() -> tuple[FloatArray, FloatArray]:
    long_m = tuple(ACM_TP_LONG_RATIO_10Y)
    grid = np.array([0.0, *range(1, 11), *long_m])
    b10 = ACM_TP_BETA_5Y[-1]
    beta = np.array([0.0, *ACM_TP_BETA_5Y, *(b10 * ACM_TP_LONG_RATIO_10Y[m] for m in long_m)])
    return grid, beta


# -- the sales path ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SalesPath:
    """Net sales (USD bn) per period by maturity bucket; positive = the holder sells.

    Parameters
    ----------
    sales_usd_bn
        Array ``(n_periods, n_buckets)`` (a 1-d array is one bucket).
    buckets_years
        Maturity of each bucket in years (the bonds sold, e.g. 5.0 for 5-year notes).
    period
        ``"day"`` (business day) or ``"month"``.
    """

    sales_usd_bn: FloatArray
    buckets_years: tuple[float, ...]
    period: Period = "month"

    def __post_init__(self) -> None:
        if self.period not in PERIODS_PER_YEAR:
            raise UnknownNameError("period", str(self.period), PERIODS_PER_YEAR)
        buckets = tuple(parse_maturity(b) for b in self.buckets_years)
        arr = np.asarray(self.sales_usd_bn, dtype=np.float64)
        if arr.ndim == 1:
            arr = arr[:, None]
        if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] != len(buckets):
            raise InputError(f"sales_usd_bn: expected an array (n_periods >= 1, {len(buckets)} buckets), "
                             f"got shape {np.shape(self.sales_usd_bn)}")
        if not np.isfinite(arr).all():
            raise InputError("sales_usd_bn: expected finite numbers (USD bn), found NaN or infinity")
        if len(set(buckets)) != len(buckets):
            raise InputError(f"buckets_years: expected distinct maturities, got {buckets}")
        arr = arr.copy()
        arr.setflags(write=False)
        object.__setattr__(self, "sales_usd_bn", arr)
        object.__setattr__(self, "buckets_years", buckets)

    @classmethod
    def even(
        cls,
        total_usd_bn: float,
        maturity: str | float,
        *,
        periods: int = 1,
        period: Period = "month",
    ) -> SalesPath:
        """``total_usd_bn`` of one maturity sold in equal slices over ``periods`` periods.

        Raises
        ------
        InputError
            For a negative or non-finite size or fewer than one period.
        """
        try:
            size = float(total_usd_bn)
        except (TypeError, ValueError):
            size = math.nan
        if not math.isfinite(size) or size < 0:
            raise InputError(f"sale size {total_usd_bn!r}: expected a non-negative number of USD bn "
                             "(use a negative path through SalesPath(...) for purchases)")
        if int(periods) != periods or periods < 1:
            raise InputError(f"periods {periods!r}: expected a whole number >= 1")
        years = parse_maturity(maturity)
        sales = np.full((int(periods), 1), size / int(periods))
        return cls(sales, (years,), period)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, period: Period = "month") -> SalesPath:
        """A path from a frame: one row per period, one column per bucket labelled ``"5y"``,
        ``"6m"`` or a number of years; values in USD bn (positive = sales)."""
        buckets = tuple(parse_maturity(c) for c in frame.columns)
        return cls(frame.to_numpy(dtype=np.float64), buckets, period)

    def padded(self, extra_periods: int) -> SalesPath:
        """The same path followed by ``extra_periods`` periods without sales (to watch the decay)."""
        if int(extra_periods) != extra_periods or extra_periods < 0:
            raise InputError(f"extra_periods {extra_periods!r}: expected a whole number >= 0")
        zeros = np.zeros((int(extra_periods), self.sales_usd_bn.shape[1]))
        return SalesPath(np.vstack([self.sales_usd_bn, zeros]), self.buckets_years, self.period)

    @property
    def n_periods(self) -> int:
        """Number of periods."""
        return int(self.sales_usd_bn.shape[0])

    @property
    def period_years(self) -> float:
        """Length of one period in years."""
        return 1.0 / PERIODS_PER_YEAR[self.period]

    @property
    def total_usd_bn(self) -> float:
        """Net sales over the whole path (USD bn)."""
        return float(self.sales_usd_bn.sum())

    def cumulative_usd_bn(self) -> FloatArray:
        """Cumulative net sales by bucket at the end of each period, ``(n_periods, n_buckets)``."""
        return np.cumsum(self.sales_usd_bn, axis=0)

    def scaled(self, factor: float) -> SalesPath:
        """The same path with every sale multiplied by ``factor``."""
        return SalesPath(self.sales_usd_bn * factor, self.buckets_years, self.period)

    def to_frame(self) -> pd.DataFrame:
        """Frame ``period x bucket label`` in USD bn."""
        import pandas as pd

        cols = [_label(b) for b in self.buckets_years]
        frame = pd.DataFrame(self.sales_usd_bn, columns=cols,
                             index=pd.RangeIndex(1, self.n_periods + 1, name=self.period))
        frame.attrs["unit"] = "USD bn"
        return frame


def _label(years: float) -> str:
    months = round(years * 12)
    return f"{months // 12}y" if months % 12 == 0 else f"{months}m"


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactResult:
    """Yield changes (bp) that a sales path causes, with bands and provenance.

    Attributes
    ----------
    model, family
        Model name (registry key) and family (``flow-study``, ``stock``, ``habitat``,
        ``execution``, ``pooled``).
    source
        The paper(s) behind the model and their headline.
    maturities_years
        Maturities of the columns.
    period
        ``"day"`` or ``"month"`` (rows of :attr:`impact_bp`).
    impact_bp
        ``(n_periods, n_maturities)``: yield change at the end of each period, central parameters.
    long_run_bp
        ``(n_maturities,)``: what remains long after the last sale.
    bands_bp
        ``(3, n_periods + 1, n_maturities)`` p5/p50/p95 over parameter draws (the last row is the
        long run), or ``None`` without draws.
    presets
        Names of the presets the model used (values in :attr:`parameters`).
    parameters
        Central value of each preset used (overrides included).
    parameter_draws
        Preset name -> array of the draws used (empty without draws).
    seed
        The seed of the draws.
    sales
        The input path.
    notes
        Modelling choices worth knowing (mapping across maturities, decay).
    citation
        Short citation, e.g. ``"Beltran et al. (2013)"``.
    """

    model: str
    family: str
    source: str
    maturities_years: tuple[float, ...]
    period: Period
    impact_bp: FloatArray
    long_run_bp: FloatArray
    bands_bp: FloatArray | None
    presets: tuple[str, ...]
    parameters: dict[str, float]
    parameter_draws: dict[str, FloatArray] = field(default_factory=dict)
    seed: int | None = None
    sales: SalesPath | None = None
    notes: str = ""
    citation: str = ""

    @property
    def n_draws(self) -> int:
        """Number of parameter draws behind :attr:`bands_bp` (0 = central values only)."""
        return 0 if not self.parameter_draws else len(next(iter(self.parameter_draws.values())))

    def _col(self, maturity: str | float) -> int:
        years = parse_maturity(maturity)
        try:
            return self.maturities_years.index(years)
        except ValueError:
            have = ", ".join(_label(m) for m in self.maturities_years)
            raise InputError(f"maturity {_label(years)}: this result has yield changes at {have}") from None

    def at(self, maturity: str | float) -> FloatArray:
        """Path of the central impact (bp) at one maturity, one value per period."""
        return np.asarray(self.impact_bp[:, self._col(maturity)])

    def peak_bp(self, maturity: str | float) -> float:
        """Largest central impact (bp, by absolute value, sign kept) over the path at a maturity."""
        path = self.at(maturity)
        return float(path[int(np.argmax(np.abs(path)))])

    def end_bp(self, maturity: str | float) -> float:
        """Central impact at the end of the last period (bp)."""
        return float(self.at(maturity)[-1])

    def long_run_at(self, maturity: str | float) -> float:
        """Long-run central impact at a maturity (bp)."""
        return float(self.long_run_bp[self._col(maturity)])

    def band(self, maturity: str | float, *, horizon: Literal["end", "long_run"] = "end") -> dict[str, float]:
        """p5/p50/p95 (bp) at a maturity at the end of the path or in the long run.

        Without draws all three equal the central value.
        """
        col = self._col(maturity)
        if self.bands_bp is None:
            v = self.end_bp(maturity) if horizon == "end" else self.long_run_at(maturity)
            return dict.fromkeys(_BAND_NAMES, v)
        row = -2 if horizon == "end" else -1
        return {name: float(self.bands_bp[i, row, col]) for i, name in enumerate(_BAND_NAMES)}

    def to_frame(self) -> pd.DataFrame:
        """Long frame: ``horizon`` (period number or ``"long_run"``), ``maturity_years``,
        ``impact_bp`` and, with draws, ``p5_bp``, ``p50_bp``, ``p95_bp``."""
        import pandas as pd

        n_p, n_m = self.impact_bp.shape
        values = np.vstack([self.impact_bp, self.long_run_bp[None, :]])
        horizon = [str(i) for i in range(1, n_p + 1)] + ["long_run"]
        frame = pd.DataFrame({
            "horizon": np.repeat(horizon, n_m),
            "maturity_years": np.tile(np.asarray(self.maturities_years), n_p + 1),
            "impact_bp": values.ravel(),
        })
        if self.bands_bp is not None:
            for i, name in enumerate(_BAND_NAMES):
                frame[f"{name}_bp"] = self.bands_bp[i].ravel()
        frame.attrs.update(model=self.model, unit="bp", period=self.period, presets=list(self.presets))
        return frame

    def to_wide(self, which: Literal["central", "p5", "p50", "p95"] = "central") -> pd.DataFrame:
        """Frame ``period x maturity_years`` of yield changes (bp), with a last row ``long_run``.

        Parameters
        ----------
        which
            Central values or one of the bands (bands need draws).
        """
        import pandas as pd

        if which == "central":
            values = np.vstack([self.impact_bp, self.long_run_bp[None, :]])
        elif self.bands_bp is None:
            raise InputError(f"band {which!r}: this result has no parameter draws; expected draws > 0")
        else:
            try:
                values = self.bands_bp[_BAND_NAMES.index(which)]
            except ValueError:
                raise UnknownNameError("band", str(which), ("central", *_BAND_NAMES)) from None
        index = pd.Index([*range(1, self.impact_bp.shape[0] + 1), "long_run"], name=self.period)
        columns = pd.Index(self.maturities_years, name="maturity_years")
        frame = pd.DataFrame(values, index=index, columns=columns)
        frame.attrs.update(model=self.model, unit="bp", which=which, presets=list(self.presets))
        return frame

    def to_dict(self, maturities: Sequence[str | float] = ("2y", "5y", "10y", "30y")) -> dict[str, Any]:
        """Summary for JSON output: end-of-path and long-run impacts with bands at some maturities."""
        rows = []
        for m in maturities:
            end, lr = self.band(m, horizon="end"), self.band(m, horizon="long_run")
            rows.append({
                "maturity_years": parse_maturity(m),
                "end_impact_bp": self.end_bp(m), "peak_impact_bp": self.peak_bp(m),
                "long_run_impact_bp": self.long_run_at(m),
                "end_p5_bp": end["p5"], "end_p50_bp": end["p50"], "end_p95_bp": end["p95"],
                "long_run_p5_bp": lr["p5"], "long_run_p50_bp": lr["p50"], "long_run_p95_bp": lr["p95"],
            })
        sales = self.sales
        return {
            "model": self.model, "family": self.family, "citation": self.citation, "source": self.source,
            "period": self.period,
            "horizon_periods": None if sales is None else sales.n_periods,
            "sell_usd_bn": None if sales is None else sales.total_usd_bn,
            "impacts": rows, "presets": list(self.presets), "parameters": self.parameters,
            "draws": self.n_draws, "seed": self.seed, "notes": self.notes,
        }

    def summary(self) -> str:
        """A few lines: model, source, impacts at 2/5/10/30 years."""
        lines = [f"{self.model} ({self.family}): {self.source}"]
        for row in self.to_dict()["impacts"]:
            lines.append(f"  {row['maturity_years']:>4g}y  end {row['end_impact_bp']:8.2f} bp  "
                         f"[{row['end_p5_bp']:.1f}, {row['end_p95_bp']:.1f}]  long run "
                         f"{row['long_run_impact_bp']:8.2f} bp")
        lines.append(f"  presets: {', '.join(self.presets)}; draws: {self.n_draws}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """Notebook view: the summary and the impacts at 2/5/10/30 years (not a dump of the arrays)."""
        import pandas as pd

        from treasury_leverage._format import html_card

        frame = pd.DataFrame(self.to_dict()["impacts"]).set_index("maturity_years")
        return html_card(f"Impact: {self.model} ({self.family})", self.summary(), frame)


# -- the model interface ----------------------------------------------------------------------


def _quantiles(values: FloatArray) -> FloatArray:
    """p5/p50/p95 along axis 0 (linear interpolation, as ``numpy.percentile``).

    The draws are copied to the last, contiguous axis and sorted in place there: numpy's
    vectorised sort of contiguous rows beats ``partition`` on strided columns several times.
    """
    n = values.shape[0]
    rest = values.shape[1:]
    flat = np.ascontiguousarray(values.reshape(n, -1).T)
    flat.sort(axis=1)
    pos = np.asarray(_QUANTILES) / 100.0 * (n - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    frac = pos - lo
    out = flat[:, lo] * (1.0 - frac) + flat[:, hi] * frac  # (cells, 3)
    return np.asarray(out.T.reshape((3, *rest)))


def separable_values(by_draw: FloatArray, fixed: FloatArray, draws_along: Literal["period", "maturity"]
                     ) -> FloatArray:
    """The full array of a factored output in C order: ``by_draw[n, p] * fixed[m]`` (``"period"``)
    or ``fixed[p] * by_draw[n, m]`` (``"maturity"``).

    Each value is the one product of the broadcast expression, so the numbers (signed zeros
    included) are the same; the products are written one fixed value at a time (a multiply of a
    whole draws x periods or draws x maturities slab), ~15-25% faster than numpy's broadcast
    over a last axis of a few maturities (the engine materialises these arrays for every bill).
    """
    by = np.asarray(by_draw)
    f = np.asarray(fixed)
    dtype = np.result_type(by, f)
    if draws_along == "period":
        out = np.empty((*by.shape, f.shape[0]), dtype=dtype)
        for k in range(f.shape[0]):
            np.multiply(by, f[k], out=out[:, :, k])
        return out
    out = np.empty((by.shape[0], f.shape[0], by.shape[1]), dtype=dtype)
    for p in range(f.shape[0]):
        np.multiply(f[p], by, out=out[:, p, :])
    return out


@dataclass(frozen=True)
class Separable:
    """Impacts for all draws that factor as a draw-dependent part times a fixed part.

    ``draws_along="period"``: ``values[n, p, m] = by_draw[n, p] * fixed[m]`` (a time path per
    draw spread across maturities with a fixed shape, e.g. the empirical models);
    ``draws_along="maturity"``: ``values[n, p, m] = fixed[p] * by_draw[n, m]`` (a curve shape per
    draw scaled by a fixed time path, e.g. the habitat model for one bucket).

    Quantiles commute with multiplication by a constant (reversed for a negative one), so bands
    come from the small ``by_draw`` array: exact, and ~10-30x cheaper than on the full array.
    """

    by_draw: FloatArray
    fixed: FloatArray
    draws_along: Literal["period", "maturity"]

    def values(self) -> FloatArray:
        """The full ``(n_draws, n_periods + 1, n_maturities)`` array."""
        return separable_values(self.by_draw, self.fixed, self.draws_along)

    def quantiles(self) -> FloatArray:
        """p5/p50/p95 ``(3, n_periods + 1, n_maturities)``, exact."""
        q = _quantiles(self.by_draw)  # (3, K)
        # a negative multiplier swaps p5 and p95 (positions are symmetric)
        pos = self.fixed[None, None, :] * q[:, :, None]
        neg = self.fixed[None, None, :] * q[::-1, :, None]
        out = np.where(self.fixed[None, None, :] >= 0, pos, neg)
        return np.asarray(out if self.draws_along == "period" else np.swapaxes(out, 1, 2))


def kernel_values(out: FloatArray | Separable) -> FloatArray:
    """The full array of a kernel's output (``Separable`` or already an array)."""
    return out.values() if isinstance(out, Separable) else out


class ImpactModel(ABC):
    """A price-impact model: ``impact(path) -> ImpactResult``.

    Subclasses set :attr:`name`, :attr:`family`, :attr:`source`, :attr:`preset_names` and
    implement :meth:`_kernel`, which maps parameter arrays (one value per draw) to impacts for all
    draws at once (vectorised: no Python loop over draws).

    Parameters
    ----------
    overrides
        Preset name -> value to use instead of the preset (fixed also in draws).
    maturities_years
        Maturities (years) of the output columns; default 1..30.
    par_yields
        Par yields for the durations that weigh sales of different maturities: a flat yield
        (percent), a curve ``{maturity_years: par_yield_pct}`` (e.g. :func:`par_yields_on`), or
        ``None`` for the preset ``duration_par_yield_pct``.
    """

    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    source: ClassVar[str] = ""
    citation: ClassVar[str] = ""
    preset_names: ClassVar[tuple[str, ...]] = ()
    notes: ClassVar[str] = ""
    #: Whether the model is a member of the default pooled mixture (False: a labelled variant).
    in_pool: ClassVar[bool] = True
    #: What kind of variant a model outside the pool is (e.g. a stress case), empty for members.
    variant: ClassVar[str] = ""

    def __init__(
        self,
        *,
        overrides: Mapping[str, float] | None = None,
        maturities_years: Sequence[float] = MATURITIES_YEARS,
        par_yields: ParYields = None,
    ) -> None:
        self.overrides = dict(overrides or {})
        self.par_yields = par_yields
        for key in self.overrides:
            if key not in self.preset_names:
                raise UnknownNameError(f"preset of model {self.name!r}", key, self.preset_names)
        self.maturities_years = tuple(parse_maturity(m) for m in maturities_years)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(overrides={self.overrides!r})"

    def _par(self, params: Mapping[str, FloatArray]) -> ParYields:
        """Par yields for durations: the model's curve, else the (fixed) preset in ``params``."""
        if self.par_yields is not None:
            return self.par_yields
        if "duration_par_yield_pct" in params:
            return float(params["duration_par_yield_pct"][0])
        return None

    def central_parameters(self) -> dict[str, float]:
        """Value of each preset the model uses (overrides applied)."""
        return {n: preset_value(n, self.overrides) for n in self.preset_names}

    @abstractmethod
    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray | Separable:
        """Impacts ``(n_draws, n_periods + 1, n_maturities)`` in bp; the last row is the long run.

        May return a :class:`Separable` factorisation instead of the full array (faster bands).
        """

    def impact(self, path: SalesPath, *, draws: int = 0, seed: int | None = None) -> ImpactResult:
        """Yield changes (bp) caused by ``path``.

        Parameters
        ----------
        path
            Net sales by period and maturity bucket.
        draws
            Number of parameter draws for p5/p50/p95 bands (0: central values only).
        seed
            Seed of the draws (same seed, same bands).

        Returns
        -------
        ImpactResult
        """
        if not isinstance(path, SalesPath):
            raise InputError(f"path: expected a SalesPath, got {type(path).__name__}")
        if int(draws) != draws or draws < 0:
            raise InputError(f"draws {draws!r}: expected a whole number >= 0")
        central = self.central_parameters()
        point = kernel_values(self._kernel(path, {k: np.array([v]) for k, v in central.items()}))[0]
        bands = None
        used: dict[str, FloatArray] = {}
        if draws:
            used = sample_presets(self.preset_names, int(draws), seed=seed, overrides=self.overrides)
            out = self._kernel(path, used)
            bands = out.quantiles() if isinstance(out, Separable) else _quantiles(out)
        return ImpactResult(
            model=self.name, family=self.family, source=self.source,
            maturities_years=self.maturities_years, period=path.period,
            impact_bp=point[:-1], long_run_bp=point[-1], bands_bp=bands,
            presets=self.preset_names, parameters=central, parameter_draws=used,
            seed=seed, sales=path, notes=self.notes, citation=self.citation or self.name,
        )

    def sources(self) -> list[str]:
        """The source line of every preset the model uses."""
        return [f"{n}: {get_preset(n).source}" for n in self.preset_names]
