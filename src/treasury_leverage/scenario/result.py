"""The labelled result of a scenario: yield paths with bands, both sides' bills, provenance.

:class:`ScenarioResult` holds arrays with their labels (maturities, days, months, models) and
turns them into frames (:meth:`~ScenarioResult.yield_frame`, :meth:`~ScenarioResult.seller_frame`,
:meth:`~ScenarioResult.summary_frame`) or one JSON-ready dict (:meth:`~ScenarioResult.to_dict`)
with units in the keys. It records what is needed to reproduce it exactly: the spec and its
hash, the data vintages, the presets each part used, draws and seed. With draws it also keeps,
per model, the draws behind the bills' bands, aligned draw by draw
(:meth:`~ScenarioResult.bill_draws`, a :class:`BillDraws`; not part of the JSON).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError, UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.scenario.spec import ScenarioSpec

__all__ = ["BillDraws", "ModelPath", "ScenarioResult"]

FloatArray = NDArray[np.float64]
_BANDS: Final = ("p5", "p50", "p95")
SUMMARY_MATURITIES: Final = (2.0, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class ModelPath:
    """One impact model's yield-shift path (bp) on the daily and monthly grids.

    Attributes
    ----------
    central_day_bp
        ``(n_days, n_maturities)`` central parameters, end of each business day.
    central_month_bp
        ``(n_months, n_maturities)`` end of each month 0..120.
    bands_day_bp, bands_month_bp
        ``(3, ...)`` p5/p50/p95 over parameter draws, or None without draws.
    parameters
        Central preset values the model used.
    family, variant, in_pool
        The model's family, what kind of variant it is (empty for a member of the pooled
        mixture) and whether it is in the pooled mixture.
    peak_bp, permanent_bp
        ``(n_maturities,)`` central shift at the end of the action (the peak) and after the
        transient has decayed (the long run).
    peak_bands_bp, permanent_bands_bp
        ``(3, n_maturities)`` p5/p50/p95 of those over the draws, or None without draws.
    """

    model: str
    citation: str
    source: str
    notes: str
    central_day_bp: FloatArray
    central_month_bp: FloatArray
    bands_day_bp: FloatArray | None
    bands_month_bp: FloatArray | None
    parameters: dict[str, float] = field(default_factory=dict)
    family: str = ""
    variant: str = ""
    in_pool: bool = True
    peak_bp: FloatArray | None = None
    permanent_bp: FloatArray | None = None
    peak_bands_bp: FloatArray | None = None
    permanent_bands_bp: FloatArray | None = None


@dataclass(frozen=True)
class BillDraws:
    """Both sides' bills of one impact model, draw by draw (index ``k`` = parameter draw ``k``).

    These are the draws behind the bands of ``seller_rows`` and ``us_bill``: the p5/p50/p95 of
    each array are those bands. Draw ``k`` of every array comes from the same draw of the model's
    parameters (and of the FX, trade-channel and U.S.-bill presets), so the arrays can be combined
    draw by draw (e.g. a holder's bill against the U.S.'s).

    Attributes
    ----------
    model
        The impact model.
    n_draws
        Draws of the holders' bills (the spec's ``draws``).
    holder_usd_bn
        Holder -> item -> ``(n_draws,)``; items ``concession_usd_bn``, ``mark_to_market_usd_bn``,
        ``fx_usd_bn``, ``total_usd_bn`` (positive = a loss to the holder).
    us_horizons_years
        Horizons (years) of the columns of the U.S. arrays.
    us_extra_interest_usd_bn
        ``(n_us_draws, n_horizons)`` cumulative extra federal interest, or None without a U.S. bill.
        ``n_us_draws`` may be smaller than ``n_draws`` (the first draws only; see the notes).
    us_pct_gdp
        ``(n_us_draws, n_horizons)`` the same in % of GDP.
    us_mortgage_shift_bp_years
        ``(n_us_draws, n_horizons)``: the mortgage-rate shift (bp) summed over the monthly cohorts
        of new fixed-rate loans within the horizon, each weighted by the years it pays in it.
        Monthly originations (USD bn) x this / 10^4 = extra mortgage interest (USD bn).
    parameter_digest
        Fingerprint of the parameter draws (the model's and the FX presets'): two results with the
        same digest for a model drew the same parameters.
    """

    model: str
    n_draws: int
    holder_usd_bn: dict[str, dict[str, FloatArray]]
    us_horizons_years: tuple[int, ...]
    us_extra_interest_usd_bn: FloatArray | None
    us_pct_gdp: FloatArray | None
    us_mortgage_shift_bp_years: FloatArray | None
    parameter_digest: str
    #: ``(n_us_draws,)`` present value of the U.S. extra interest over ``pv_horizon_years`` at the
    #: start day's par curve (the basis of the holders' ``total_usd_bn``), or None.
    us_pv_usd_bn: FloatArray | None = None
    pv_horizon_years: int = 10

    @property
    def n_us_draws(self) -> int:
        """Draws of the U.S. bill (0 without one): the first ``n_us_draws`` of the holders' draws."""
        return 0 if self.us_extra_interest_usd_bn is None else int(self.us_extra_interest_usd_bn.shape[0])

    def us_column(self, horizon_years: int) -> int:
        """Column of a horizon in the U.S. arrays."""
        try:
            return self.us_horizons_years.index(int(horizon_years))
        except ValueError:
            raise UnknownNameError("U.S. bill horizon", f"{horizon_years}y",
                                   [f"{h}y" for h in self.us_horizons_years]) from None


@dataclass(frozen=True)
class ScenarioResult:
    """Everything a scenario produced, labelled.

    Attributes
    ----------
    spec, spec_hash
        The spec and the hash of its canonical JSON (the key of the result).
    start, holdings_date
        The first day and the month-end of the holdings used.
    maturities_years
        Columns of the yield paths.
    n_days, n_months, days_per_month
        Lengths of the daily grid (the longest sale) and the monthly grid (121).
    paths
        Model name -> :class:`ModelPath`.
    seller_rows
        Tidy rows ``model, holder, action, item, central[, p5, p50, p95]`` of the holders' bills;
        items ``concession_usd_bn``, ``mark_to_market_usd_bn``, ``fx_usd_bn``, ``total_usd_bn``,
        ``total_pct_holdings``, ``total_pct_gdp``, ``fx_home_currency_bn`` (the FX loss in home
        currency at the start day's rate, e.g. JPY bn; null without a rate); positive = a loss
        to the holder.
    holders
        Per holder: holdings, what it sold or forwent, the pause baseline and its source, where
        its bill is struck, duration of its ladder, home currency.
    us_bill
        Model name -> the United States' bill (extra interest at 1/5/10 years, % of GDP, mortgage
        rate shift), or None when :mod:`treasury_leverage.scenario.us_bill` is not available.
    flows_day_usd_bn, flows_month_usd_bn
        All holders' net sales (sales-equivalent flows) per business day / month.
    flows_by_holder_month_usd_bn
        The same per holder by month.
    presets
        ``{"models": {model: [preset, ...]}, "seller": [preset, ...]}``.
    vintages
        Dataset -> vintage (and whether served from the user store or the bundled snapshot).
    notes
        Assumptions made on the way.
    bill_draw_arrays
        Model -> :class:`BillDraws` (empty without draws); read it through :meth:`bill_draws`.
        Kept out of :meth:`to_dict`.
    pooled
        The pooled answer's weights and checks (stock literature, CBO rule), or None when the
        ``pooled`` model did not run. The pooled numbers themselves are the ``pooled`` model's
        path, bills and U.S. bill (the default answer; :attr:`default_model`).
    """

    spec: ScenarioSpec
    spec_hash: str
    start: dt.date
    holdings_date: dt.date
    maturities_years: tuple[float, ...]
    n_days: int
    n_months: int
    days_per_month: int
    paths: dict[str, ModelPath]
    seller_rows: list[dict[str, Any]]
    holders: list[dict[str, Any]]
    us_bill: dict[str, Any] | None
    flows_day_usd_bn: FloatArray
    flows_month_usd_bn: FloatArray
    flows_by_holder_month_usd_bn: dict[str, FloatArray]
    presets: dict[str, Any]
    vintages: dict[str, str]
    notes: list[str] = field(default_factory=list)
    bill_draw_arrays: dict[str, BillDraws] = field(default_factory=dict, repr=False, compare=False)
    pooled: dict[str, Any] | None = None

    # -- access ---------------------------------------------------------------------------

    @property
    def models(self) -> list[str]:
        """Model names, in the order run."""
        return list(self.paths)

    @property
    def default_model(self) -> str:
        """The model whose numbers are the headline: ``pooled`` when it ran, else the first model."""
        return "pooled" if "pooled" in self.paths else next(iter(self.paths), "")

    def peak_permanent(self, model: str | None = None, maturity_years: float = 10.0) -> dict[str, Any]:
        """Peak (end of the action) and permanent (after decay) shift at one maturity, with bands (bp)."""
        name = model or self.default_model
        path = self.paths[name]
        col = self._col(maturity_years)
        out: dict[str, Any] = {}
        for key, central, bands in (("peak_bp", path.peak_bp, path.peak_bands_bp),
                                    ("permanent_bp", path.permanent_bp, path.permanent_bands_bp)):
            entry: dict[str, Any] = {"central": None if central is None else float(central[col])}
            if bands is not None:
                entry.update({b: float(bands[i, col]) for i, b in enumerate(_BANDS)})
            out[key] = entry
        return out

    @property
    def draws(self) -> int:
        """Parameter draws per model."""
        return int(self.spec.draws)

    @property
    def seed(self) -> int:
        """Seed of the draws."""
        return int(self.spec.seed)

    def _col(self, maturity_years: float) -> int:
        try:
            return self.maturities_years.index(float(maturity_years))
        except ValueError:
            raise UnknownNameError("maturity", f"{maturity_years:g}y",
                                   [f"{m:g}y" for m in self.maturities_years]) from None

    def end_point(self) -> tuple[str, int]:
        """Where the scenario's headline numbers are read: the end of the longest action.

        ``("day", i)`` on the daily grid or ``("month", i)`` on the monthly grid.
        """
        grids = [(h.get("bill_struck_at") or "month 1").split() for h in self.holders]
        if not grids:
            return ("month", 0)
        days = [(int(i) if g == "day" else int(i) * self.days_per_month, g, int(i) - 1) for g, i in grids]
        _, grid, index = max(days)
        return (grid, index)

    def shift_bp(self, model: str, maturity_years: float, *, grid: str = "month",
                 index: int | None = None, band: str | None = None) -> float:
        """The yield shift (bp) of ``model`` at one maturity and period (default: the end point).

        ``band`` = ``"p5"``, ``"p50"`` or ``"p95"`` (needs draws); None = central.
        """
        path = self.paths[model]
        if index is None:
            grid, index = self.end_point()
        col = self._col(maturity_years)
        if band is None:
            arr = path.central_day_bp if grid == "day" else path.central_month_bp
            return float(arr[index, col])
        bands = path.bands_day_bp if grid == "day" else path.bands_month_bp
        if bands is None:
            return self.shift_bp(model, maturity_years, grid=grid, index=index)
        return float(bands[_BANDS.index(band), index, col])

    def monthly_shift_bp(self, model: str, *, band: str | None = None) -> FloatArray:
        """``(n_months, n_maturities)`` monthly shift path of one model (central or a band)."""
        path = self.paths[model]
        if band is None or path.bands_month_bp is None:
            return path.central_month_bp
        return np.asarray(path.bands_month_bp[_BANDS.index(band)])

    def cost(self, model: str, holder: str, item: str = "total_usd_bn", *, band: str | None = None) -> float:
        """One number of a holder's bill (``band`` None = central)."""
        for row in self.seller_rows:
            if row["model"] == model and row["holder"] == holder and row["item"] == item:
                return float(row["central"] if band is None else row.get(band, row["central"]))
        raise UnknownNameError("bill entry", f"{model}/{holder}/{item}",
                               {f"{r['model']}/{r['holder']}/{r['item']}" for r in self.seller_rows})

    def bill_draws(self, model: str) -> BillDraws:
        """Both sides' bills of ``model`` draw by draw, aligned (the draws behind the bands).

        Raises
        ------
        UnknownNameError
            For a model not in the run.
        InputError
            For a run without draws.
        """
        if model not in self.paths:
            raise UnknownNameError("model", model, list(self.paths))
        if model not in self.bill_draw_arrays:
            raise InputError(f"bill draws of {model!r}: expected a run with draws > 0, this one has "
                             f"{self.draws} (central values only)")
        return self.bill_draw_arrays[model]

    def draws_frame(self, model: str) -> pd.DataFrame:
        """The aligned draws of :meth:`bill_draws` as one frame, one row per draw.

        Columns ``<holder key>_<item>`` (e.g. ``japan_total_usd_bn``) and, with a U.S. bill,
        ``us_extra_interest_<h>y_usd_bn``, ``us_pct_gdp_<h>y`` and
        ``us_mortgage_shift_bp_years_<h>y``; rows beyond the U.S. bill's draws are NaN there.
        """
        import pandas as pd

        bd = self.bill_draws(model)
        cols: dict[str, FloatArray] = {}
        for holder, items in bd.holder_usd_bn.items():
            for item, values in items.items():
                cols[f"{_holder_key(holder)}_{item}"] = values
        us = (("us_extra_interest_{}y_usd_bn", bd.us_extra_interest_usd_bn),
              ("us_pct_gdp_{}y", bd.us_pct_gdp),
              ("us_mortgage_shift_bp_years_{}y", bd.us_mortgage_shift_bp_years))
        for pattern, arr in us:
            if arr is None:
                continue
            for j, h in enumerate(bd.us_horizons_years):
                col = np.full(bd.n_draws, np.nan)
                col[: arr.shape[0]] = arr[: bd.n_draws, j]
                cols[pattern.format(h)] = col
        frame = pd.DataFrame(cols, index=pd.RangeIndex(bd.n_draws, name="draw"))
        frame.attrs.update(model=model, unit="USD bn", spec_hash=self.spec_hash,
                           parameter_digest=bd.parameter_digest)
        return frame

    # -- frames ---------------------------------------------------------------------------

    def yield_frame(self, grid: str = "month") -> pd.DataFrame:
        """Long frame ``model, day|month, maturity_years, shift_bp[, p5_bp, p50_bp, p95_bp]``."""
        import pandas as pd

        parts = []
        for name, path in self.paths.items():
            central = path.central_day_bp if grid == "day" else path.central_month_bp
            bands = path.bands_day_bp if grid == "day" else path.bands_month_bp
            n_t, n_m = central.shape
            first = 1 if grid == "day" else 0
            frame = pd.DataFrame({
                "model": name,
                grid: np.repeat(np.arange(first, first + n_t), n_m),
                "maturity_years": np.tile(np.asarray(self.maturities_years), n_t),
                "shift_bp": central.ravel(),
            })
            if bands is not None:
                for i, b in enumerate(_BANDS):
                    frame[f"{b}_bp"] = bands[i].ravel()
            parts.append(frame)
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        out.attrs.update(unit="bp", grid=grid, spec_hash=self.spec_hash)
        return out

    def flows_frame(self) -> pd.DataFrame:
        """Net sales (sales-equivalent flows, USD bn) by month and holder, and their total.

        Index ``month`` (0..120); one column per holder plus ``total_usd_bn``.
        """
        import pandas as pd

        by_holder = {f"{_holder_key(h)}_usd_bn": v for h, v in self.flows_by_holder_month_usd_bn.items()}
        frame = pd.DataFrame(by_holder, index=pd.RangeIndex(0, self.n_months, name="month"))
        frame["total_usd_bn"] = self.flows_month_usd_bn
        frame.attrs.update(unit="USD bn", sign="positive = supply the market must absorb",
                           spec_hash=self.spec_hash)
        return frame

    def seller_frame(self) -> pd.DataFrame:
        """The holders' bills, one row per model, holder and item (USD bn unless the item says %)."""
        import pandas as pd

        frame = pd.DataFrame(self.seller_rows)
        frame.attrs.update(unit="USD bn", sign="positive = loss to the holder", spec_hash=self.spec_hash)
        return frame

    def summary_frame(self, maturities: Sequence[float] = SUMMARY_MATURITIES) -> pd.DataFrame:
        """One row per model: yield shifts at the end point with bands, each holder's total, the U.S. bill."""
        import pandas as pd

        grid, index = self.end_point()
        rows = []
        for name, path in self.paths.items():
            row: dict[str, Any] = {"model": name, "citation": path.citation}
            for m in maturities:
                row[f"shift_{m:g}y_bp"] = self.shift_bp(name, m, grid=grid, index=index)
                if path.bands_day_bp is not None:
                    row[f"shift_{m:g}y_p5_bp"] = self.shift_bp(name, m, grid=grid, index=index, band="p5")
                    row[f"shift_{m:g}y_p95_bp"] = self.shift_bp(name, m, grid=grid, index=index, band="p95")
            for r in self.seller_rows:
                if r["model"] == name and r["item"] == "total_usd_bn":
                    key = _holder_key(r["holder"])
                    row[f"{key}_cost_usd_bn"] = r["central"]
                    if "p5" in r:
                        row[f"{key}_cost_p5_usd_bn"] = r["p5"]
                        row[f"{key}_cost_p95_usd_bn"] = r["p95"]
            if self.us_bill and name in self.us_bill:
                bill = self.us_bill[name]
                for h, v in zip(bill["horizons_years"], bill["extra_interest_usd_bn"], strict=True):
                    row[f"us_extra_interest_{h}y_usd_bn"] = v
                for h, band in zip(bill["horizons_years"], bill.get("extra_interest_bands_usd_bn", []),
                                   strict=False):
                    row[f"us_extra_interest_{h}y_p5_usd_bn"] = band[0]
                    row[f"us_extra_interest_{h}y_p95_usd_bn"] = band[2]
            rows.append(row)
        frame = pd.DataFrame(rows)
        frame.attrs.update(end_point=f"{grid} {index + 1}", spec_hash=self.spec_hash, unit="bp; USD bn")
        return frame

    # -- JSON -----------------------------------------------------------------------------

    def provenance(self) -> dict[str, Any]:
        """What reproduces the result: spec hash, draws, seed, data vintages, presets, package version."""
        pkg = _package_version()
        return {"spec_hash": self.spec_hash, "draws": self.draws, "seed": self.seed,
                "start": self.start.isoformat(), "holdings_date": self.holdings_date.isoformat(),
                "data_vintages": dict(self.vintages), "presets": self.presets, "package_version": pkg,
                "band": "p5/p50/p95 over parameter draws" if self.draws else "none (point estimate)"}

    def to_dict(self, *, full_paths: bool = True) -> dict[str, Any]:
        """JSON-ready dict with units in the keys.

        Parameters
        ----------
        full_paths
            Include the whole daily and monthly paths per model (``False``: only the end point).
        """
        grid, index = self.end_point()
        models = []
        for name, path in self.paths.items():
            entry: dict[str, Any] = {
                "model": name, "citation": path.citation, "source": path.source, "notes": path.notes,
                "parameters": path.parameters, "presets": self.presets["models"].get(name, []),
                "family": path.family, "variant": path.variant, "in_pool": path.in_pool,
                "end_shift_bp": {f"{m:g}y": self.shift_bp(name, m, grid=grid, index=index)
                                 for m in self.maturities_years},
            }
            if path.peak_bp is not None:
                entry["peak_permanent_bp"] = {f"{m:g}y": self.peak_permanent(name, m)
                                              for m in self.maturities_years}
            if path.bands_day_bp is not None:
                entry["end_shift_bands_bp"] = {
                    f"{m:g}y": {b: self.shift_bp(name, m, grid=grid, index=index, band=b) for b in _BANDS}
                    for m in self.maturities_years}
            if full_paths:
                entry["daily_shift_bp"] = path.central_day_bp.tolist()
                entry["monthly_shift_bp"] = path.central_month_bp.tolist()
                if path.bands_month_bp is not None and path.bands_day_bp is not None:
                    entry["daily_shift_bands_bp"] = {b: path.bands_day_bp[i].tolist()
                                                     for i, b in enumerate(_BANDS)}
                    entry["monthly_shift_bands_bp"] = {b: path.bands_month_bp[i].tolist()
                                                       for i, b in enumerate(_BANDS)}
            models.append(entry)
        return _clean({
            "name": self.spec.name, "spec": self.spec.to_json_dict(), "spec_hash": self.spec_hash,
            "start": self.start.isoformat(), "holdings_date": self.holdings_date.isoformat(),
            "maturities_years": list(self.maturities_years), "n_days": self.n_days, "n_months": self.n_months,
            "end_point": f"{grid} {index + 1}",
            "holders": self.holders, "models": models, "seller_bill": self.seller_rows,
            "us_bill": self.us_bill,
            "default_model": self.default_model,
            "pooled": self._pooled_dict(),
            "flows_month_usd_bn": self.flows_month_usd_bn.tolist(),
            "flows_day_usd_bn": self.flows_day_usd_bn.tolist(),
            "provenance": self.provenance(), "notes": list(self.notes),
        })

    def _pooled_dict(self) -> dict[str, Any] | None:
        """The headline: pooled 10-year peak and permanent effects, both bills, from the same draws."""
        if "pooled" not in self.paths:
            return None
        out: dict[str, Any] = dict(self.pooled or {})
        for m in self.maturities_years:
            out.setdefault("by_maturity", {})[f"{m:g}y"] = self.peak_permanent("pooled", m)
        out["ten_year"] = self.peak_permanent("pooled", 10.0)
        costs = {}
        for r in self.seller_rows:
            if r["model"] == "pooled" and r["item"] == "total_usd_bn":
                costs[r["holder"]] = {k: r.get(k) for k in ("central", "p5", "p50", "p95")}
        out["holder_total_cost_usd_bn"] = costs
        if self.us_bill and "pooled" in self.us_bill:
            bill = self.us_bill["pooled"]
            us: dict[str, Any] = {}
            bands = bill.get("extra_interest_bands_usd_bn") or []
            for j, h in enumerate(bill["horizons_years"]):
                entry = {"central": bill["extra_interest_usd_bn"][j]}
                if len(bands) > j:
                    entry.update(p5=bands[j][0], p50=bands[j][1], p95=bands[j][2])
                us[f"{h}y"] = entry
            out["us_extra_interest_usd_bn"] = us
        out["note"] = ("p5/p50/p95 over the pooled draws; yields, the holders' bills and the U.S. bill of "
                       "a draw come from the same draw of one family member")
        return out

    def summary(self) -> str:
        """A few lines per model: 10-year shift at the end point and each holder's total."""
        grid, index = self.end_point()
        lines = [f"scenario {self.spec_hash} from {self.start:%Y-%m-%d}; end point {grid} {index + 1}"]
        for name in self.paths:
            parts = [f"{name}: 10y {self.shift_bp(name, 10.0, grid=grid, index=index):+.1f} bp"]
            for h in self.holders:
                parts.append(f"{h['holder']} {self.cost(name, h['holder']):,.1f} USD bn")
            if self.us_bill and name in self.us_bill:
                extra = self.us_bill[name]["extra_interest_usd_bn"][-1]
                parts.append(f"U.S. 10y interest {extra:,.1f} USD bn")
            lines.append("  " + "; ".join(parts))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """Notebook view: the summary and the per-model table (not a dump of the arrays)."""
        from treasury_leverage._format import html_card

        frame = self.summary_frame().drop(columns="citation", errors="ignore")
        return html_card(f"Scenario {self.spec.name or self.spec_hash}", self.summary(), frame)


def _clean(obj: Any) -> Any:
    """Plain JSON values: numpy scalars to Python numbers, NaN and infinities to None."""
    from treasury_leverage._json import to_jsonable

    return to_jsonable(obj)


def _holder_key(holder: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in holder.lower()).strip("_").replace("__", "_")


@functools.lru_cache(maxsize=1)
def _package_version() -> str:
    """The installed package's version, looked up once (the lookup parses metadata: ~1 ms a run)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("treasury-leverage")
    except PackageNotFoundError:
        return "unknown"
