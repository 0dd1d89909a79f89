"""The seller's bill: price concession on what it sold, mark-to-market on what it kept, FX.

A holder's Treasuries are a ladder of par coupon bonds, one per bucket of its maturity profile
(:func:`treasury_leverage.holdings.maturity_profile`): bills at 3 months, long-term buckets at
their midpoints (0.5, 1.5, ... 9.5, 15, 25 years), each with a coupon equal to the start day's
par yield at its maturity (linear in maturity on the Treasury par curve), so it prices near par.
Three costs, all in USD bn:

* **realised concession**: what the sales lose against pre-scenario prices,
  ``sum_t sum_b q_tb (D_b x_tb - C_b x_tb^2 / 2)`` with ``x_tb`` the yield shift (decimal) at
  bucket ``b``'s maturity midway through day ``t`` (the mean of the shifts before and after the
  day's trades), ``D`` and ``C`` the bucket bond's modified duration and convexity
  (second-order Taylor expansion of the bond price; the sale moves yields as it goes);
* **mark-to-market**: the ladder that is left at the end of the action repriced with
  :func:`treasury_leverage.curves.bonds.bond_price` at the shocked yields,
  ``sum_b H_b (1 - P_b(y_b + s_b) / P_b(y_b))``; with many draws the price of each bucket bond is
  tabulated on a 1 bp grid of yields with the same function and interpolated (error < 1e-6 of
  the value);
* **FX**: converting ``X`` USD bn of proceeds into home currency strengthens it by
  ``k X / 100`` yen per dollar (preset ``fx_intervention_jpy_per_100bn``, from Japan's 2022 and
  2024 interventions), of which a share ``fx_effect_persistence_share`` lasts; the remaining
  dollar assets lose that percentage of their home-currency value:
  ``loss = remaining_usd_bn * persistence * k X / 100 / S_ref``.

References
----------
our literature review (seller's mark-to-market ``~ ModDur x dy x H`` and FX loss
``~ remaining USD reserves x %change``); 31 CFR Part 356, Appendix B (price from yield).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import ScenarioError
from treasury_leverage.units import DECIMAL_PER_BP

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.curves.bonds import BondSchedule
    from treasury_leverage.holdings.profile import MaturityProfile

__all__ = [
    "BILLS_MATURITY_YEARS",
    "FX_PRESETS",
    "GDP_PRESETS",
    "HOME_CURRENCY",
    "OFFICIAL_SELLERS",
    "Ladder",
    "allocate_sale",
    "build_ladder",
    "concession_usd_bn",
    "default_convert_share",
    "discount_factors",
    "fx_loss_usd_bn",
    "horizon_items",
    "interpolation_matrix",
]

FloatArray = NDArray[np.float64]

#: Remaining maturity (years) standing for a holder's bills.
BILLS_MATURITY_YEARS: Final = 0.25
#: Presets of the FX effect.
FX_PRESETS: Final = ("fx_intervention_jpy_per_100bn", "fx_intervention_reference_jpy_per_usd",
                     "fx_effect_persistence_share")
#: Holder (TIC name) -> preset with its nominal GDP in USD bn.
GDP_PRESETS: Final[dict[str, str]] = {
    "Japan": "gdp_japan_usd_bn", "China, Mainland": "gdp_china_usd_bn",
    "United Kingdom": "gdp_united_kingdom_usd_bn", "Canada": "gdp_canada_usd_bn",
    "Switzerland": "gdp_switzerland_usd_bn", "Taiwan": "gdp_taiwan_usd_bn", "India": "gdp_india_usd_bn",
    "Korea, South": "gdp_korea_usd_bn", "Saudi Arabia": "gdp_saudi_arabia_usd_bn",
    "Brazil": "gdp_brazil_usd_bn", "Hong Kong": "gdp_hong_kong_usd_bn",
    "Singapore": "gdp_singapore_usd_bn", "Norway": "gdp_norway_usd_bn",
}
#: Holder -> (home currency, FRED series of home currency per USD or None). Holders not listed
#: (aggregates, custodial and financial centres) get no FX effect.
HOME_CURRENCY: Final[dict[str, tuple[str, str | None]]] = {
    "Japan": ("JPY", "DEXJPUS"), "China, Mainland": ("CNY", "DEXCHUS"), "United Kingdom": ("GBP", None),
    "Canada": ("CAD", None), "Switzerland": ("CHF", None), "Taiwan": ("TWD", None), "India": ("INR", None),
    "Korea, South": ("KRW", None), "Saudi Arabia": ("SAR", None), "Brazil": ("BRL", None),
    "Hong Kong": ("HKD", None), "Singapore": ("SGD", None), "Norway": ("NOK", None),
}
#: Holders whose sale, in this toolkit's question, is an official act by the authority that also
#: manages the exchange rate (so by default it converts the proceeds: an intervention). The others
#: (financial centres, the United Kingdom, Canada, Norway's wealth fund) are mostly private or do
#: not defend a currency, so they keep dollars by default.
OFFICIAL_SELLERS: Final[dict[str, str]] = {
    "Japan": "Ministry of Finance (Foreign Exchange Fund Special Account)",
    "China, Mainland": "People's Bank of China / SAFE", "Saudi Arabia": "Saudi Central Bank",
    "Taiwan": "Central Bank of the Republic of China (Taiwan)", "India": "Reserve Bank of India",
    "Korea, South": "Bank of Korea", "Brazil": "Banco Central do Brasil",
    "Hong Kong": "Hong Kong Monetary Authority", "Singapore": "Monetary Authority of Singapore",
    "Switzerland": "Swiss National Bank",
}


def default_convert_share(holder: str, overrides: Mapping[str, float] | None = None, *,
                          action: Literal["sell", "runoff"] = "sell") -> tuple[float, str]:
    """The share of proceeds a holder converts by default, and why.

    An official seller converts its sale proceeds (preset ``official_sale_convert_share``: official
    sales have been interventions); its run-off proceeds by preset ``official_runoff_convert_share``
    (a run-off used as leverage is not an intervention: the dollars can stay in dollar assets).
    Private holders keep dollars.
    """
    from treasury_leverage.presets import preset_value

    if holder in OFFICIAL_SELLERS:
        if action == "runoff":
            share = preset_value("official_runoff_convert_share", overrides)
            return share, (f"official holder ({OFFICIAL_SELLERS[holder]}) letting paper run off: converts "
                           f"{share:.0%} of the redeemed dollars by default; a run-off is not an "
                           "intervention (preset official_runoff_convert_share)")
        share = preset_value("official_sale_convert_share", overrides)
        return share, (f"official seller ({OFFICIAL_SELLERS[holder]}): converts {share:.0%} of its "
                       "proceeds by default, as in an intervention (preset official_sale_convert_share)")
    return 0.0, "private or non-intervening holder: keeps its dollars by default (converts 0%)"


_TABLE_STEP_BP: Final = 1.0
_TABLE_LOW_BP: Final = -1000.0
_TABLE_HIGH_BP: Final = 5000.0
_DIRECT_LIMIT: Final = 20_000
_CHUNK_CELLS: Final = 2_000_000


def _maturity_dates(settle: np.datetime64, years: FloatArray) -> NDArray[np.datetime64]:
    """Maturity dates a whole number of months after ``settle`` (same day of month)."""
    months = np.rint(years * 12.0).astype(np.int64)
    base = settle.astype("datetime64[M]")
    day = settle - base.astype("datetime64[D]")
    return np.asarray((base + months).astype("datetime64[D]") + day)


@dataclass(frozen=True, eq=False)
class Ladder:
    """A holder's Treasuries as one par bond per maturity bucket.

    Attributes
    ----------
    holder
        Holder name.
    settle
        The start day.
    labels
        Bucket labels (``"bills"``, ``"0-1y"``, ...).
    maturities_years
        Remaining maturity of each bucket's bond.
    holdings_usd_bn
        Market value in each bucket.
    coupon_pct
        Coupon = start-day par yield at the bucket's maturity (so the bond prices near par).
    modified_duration, convexity
        Of each bucket bond at its par yield (years, years squared).
    """

    holder: str
    settle: np.datetime64
    labels: tuple[str, ...]
    maturities_years: FloatArray
    holdings_usd_bn: FloatArray
    coupon_pct: FloatArray
    modified_duration: FloatArray
    convexity: FloatArray
    maturity_dates: NDArray[np.datetime64] = field(repr=False)

    @property
    def total_usd_bn(self) -> float:
        """Total holdings (USD bn)."""
        return float(self.holdings_usd_bn.sum())

    def price_ratio(self, shift_bp: Any) -> FloatArray:
        """``P_b(y_b + s) / P_b(y_b)`` for yield shifts ``shift_bp`` of shape ``(..., n_buckets)``.

        Small inputs are priced directly with :func:`~treasury_leverage.curves.bonds.bond_price`;
        large ones (Monte Carlo draws) through a 1 bp table of the same function.
        """
        s = np.asarray(shift_bp, dtype=np.float64)
        if s.shape[-1] != len(self.labels):
            raise ScenarioError(f"shift_bp: expected a last axis of {len(self.labels)} buckets, "
                                f"got {s.shape}")
        if s.size <= _DIRECT_LIMIT:
            y = self.coupon_pct + s / 100.0
            # bond_price's numbers, with the buckets' coupon schedules located once per ladder
            # rather than once per draw and bucket at every call
            return np.asarray(self._schedule.price(y)) / self._base_price()
        grid, table = self._table()
        out = np.empty_like(s)
        for b in range(s.shape[-1]):
            out[..., b] = np.interp(s[..., b], grid, table[b])
        return out

    @functools.cached_property
    def _schedule(self) -> BondSchedule:
        """The bucket bonds' coupon schedules at the start day (for :meth:`price_ratio`)."""
        from treasury_leverage.curves.bonds import bond_schedule

        return bond_schedule(self.settle, self.maturity_dates, self.coupon_pct)

    @functools.cached_property
    def _base(self) -> FloatArray:
        from treasury_leverage.curves.bonds import bond_price

        return np.asarray(bond_price(self.settle, self.maturity_dates, self.coupon_pct, self.coupon_pct))

    def _base_price(self) -> FloatArray:
        return self._base

    @functools.cached_property
    def _tab(self) -> tuple[FloatArray, FloatArray]:
        from treasury_leverage.curves.bonds import bond_price

        grid = np.arange(_TABLE_LOW_BP, _TABLE_HIGH_BP + _TABLE_STEP_BP / 2, _TABLE_STEP_BP)
        y = self.coupon_pct[:, None] + grid[None, :] / 100.0
        y = np.maximum(y, -150.0)
        prices = np.asarray(bond_price(self.settle, self.maturity_dates[:, None], self.coupon_pct[:, None],
                                       y))
        return grid, prices / self._base[:, None]

    def _table(self) -> tuple[FloatArray, FloatArray]:
        return self._tab

    def loss_usd_bn(self, amounts_usd_bn: Any, shift_bp: Any) -> FloatArray:
        """Mark-to-market loss (USD bn, positive = loss) of ``amounts_usd_bn`` per bucket at ``shift_bp``."""
        ratio = self.price_ratio(shift_bp)
        return np.asarray(((1.0 - ratio) * np.asarray(amounts_usd_bn, dtype=np.float64)).sum(axis=-1))

    def frame(self) -> pd.DataFrame:
        """One row per bucket: maturity, holdings, coupon (= base par yield), duration, convexity."""
        import pandas as pd

        return pd.DataFrame({
            "bucket": list(self.labels), "maturity_years": self.maturities_years,
            "holdings_usd_bn": self.holdings_usd_bn, "coupon_pct": self.coupon_pct,
            "modified_duration_years": self.modified_duration, "convexity_years2": self.convexity,
        })


def par_yields_at(par_row: pd.Series, maturities_years: Sequence[float] | FloatArray) -> FloatArray:
    """Par yields (percent) at ``maturities_years`` from one day's par curve, linear, flat beyond the ends."""
    from treasury_leverage.curves.panel import tenor_years

    row = par_row.dropna()
    tenors = np.array([tenor_years(str(c)) for c in row.index])
    order = np.argsort(tenors)
    return np.asarray(np.interp(np.asarray(maturities_years, float), tenors[order],
                                row.to_numpy(dtype=float)[order]))


def build_ladder(
    holder: str,
    holdings_usd_bn: float,
    profile: MaturityProfile,
    par_row: pd.Series,
    *,
    settle: dt.date,
) -> Ladder:
    """The holder's ladder at ``settle``: profile shares x holdings, coupons from ``par_row``.

    Parameters
    ----------
    holder
        Holder name.
    holdings_usd_bn
        Total holdings (USD bn, market value).
    profile
        Its maturity profile (bills share and long-term bucket weights).
    par_row
        The start day's par curve (tenor label -> percent).
    settle
        The start day.
    """
    from treasury_leverage.curves.bonds import bond_risk
    from treasury_leverage.holdings.profile import LT_BUCKETS, bucket_label

    labels = ("bills", *(bucket_label(b) for b in LT_BUCKETS))
    mats = np.array([BILLS_MATURITY_YEARS, *((lo + hi) / 2.0 for lo, hi in LT_BUCKETS)])
    shares = np.array([profile.st_share, *((1.0 - profile.st_share) * w for w in profile.lt_weights)])
    s = np.datetime64(settle, "D")
    dates = _maturity_dates(s, mats)
    coupon = par_yields_at(par_row, mats)
    risk = bond_risk(s, dates, coupon, coupon)
    return Ladder(
        holder=holder, settle=s, labels=labels, maturities_years=mats,
        holdings_usd_bn=holdings_usd_bn * shares, coupon_pct=coupon,
        modified_duration=np.asarray(risk.modified_duration, dtype=np.float64),
        convexity=np.asarray(risk.convexity, dtype=np.float64), maturity_dates=dates,
    )


def _bucket_of(ladder: Ladder, years: float) -> int:
    """Index of the ladder bucket holding a bond of remaining maturity ``years``."""
    if years < 1.0:
        return 0
    from treasury_leverage.holdings.profile import LT_BUCKETS

    for i, (lo, hi) in enumerate(LT_BUCKETS):
        if lo < years <= hi:
            return i + 1
    return len(LT_BUCKETS)


def allocate_sale(
    ladder: Ladder,
    amount_usd_bn: float,
    mix: str,
    *,
    buckets: Mapping[str, float] | None = None,
    field: str = "action",
) -> FloatArray:
    """Split a sale across the ladder's buckets (USD bn per bucket).

    ``pro-rata``: in proportion to the holdings; ``bills-first``: shortest buckets first;
    ``longest-first``: longest first; ``buckets``: explicit shares by maturity, each sold out of
    the bucket containing that maturity.

    Raises
    ------
    ScenarioError
        A sale larger than the holdings, or than a bucket's holdings (``{field}.buckets``).
    """
    held = ladder.holdings_usd_bn
    if amount_usd_bn > held.sum() + 1e-9:
        raise ScenarioError(f"invalid scenario: {field}.amount_usd_bn: a sale of {amount_usd_bn:,.1f} USD bn "
                            f"exceeds {ladder.holder}'s holdings of {held.sum():,.1f} USD bn")
    if mix == "pro-rata":
        return np.asarray(amount_usd_bn * held / held.sum()) if held.sum() > 0 else np.zeros_like(held)
    if mix in ("bills-first", "longest-first"):
        order = np.argsort(ladder.maturities_years)
        if mix == "longest-first":
            order = order[::-1]
        out = np.zeros_like(held)
        left = amount_usd_bn
        for b in order:
            take = min(left, float(held[b]))
            out[b] = take
            left -= take
        return out
    if mix == "buckets":
        from treasury_leverage.impact.base import parse_maturity

        out = np.zeros_like(held)
        for key, share in (buckets or {}).items():
            out[_bucket_of(ladder, parse_maturity(key))] += amount_usd_bn * share
        over = np.flatnonzero(out > held + 1e-9)
        if over.size:
            b = int(over[0])
            raise ScenarioError(
                f"invalid scenario: {field}.buckets: {out[b]:,.1f} USD bn to sell from {ladder.holder}'s "
                f"{ladder.labels[b]} bucket, which holds {held[b]:,.1f} USD bn; expected at most that")
        return out
    raise ScenarioError(f"invalid scenario: {field}.mix: unknown mix {mix!r}")


def interpolation_matrix(from_years: Sequence[float], to_years: Sequence[float] | FloatArray) -> FloatArray:
    """Matrix ``W`` (from x to) with ``values_at_to = values_at_from @ W``: linear, flat beyond the ends."""
    f = np.asarray(from_years, dtype=np.float64)
    eye = np.eye(len(f))
    return np.stack([np.interp(np.asarray(to_years, float), f, eye[i]) for i in range(len(f))])


def concession_usd_bn(
    factor: Any, sales_usd_bn: FloatArray, ladder: Ladder, w: FloatArray
) -> FloatArray:
    """Realised price concession (USD bn) of daily sales, for every draw.

    Parameters
    ----------
    factor
        The daily yield shifts of the impact model at the path maturities, as the model's kernel
        returned them (:class:`~treasury_leverage.impact.base.Separable` or an array
        ``(n_draws, n_days + 1, n_maturities)``, last row the long run).
    sales_usd_bn
        ``(n_days, n_buckets)`` the holder's sales.
    ladder
        The holder's ladder (durations, convexities).
    w
        Interpolation matrix from the path maturities to the ladder's maturities.

    Returns
    -------
    numpy.ndarray
        ``(n_draws,)``: ``sum_t sum_b q_tb (D_b x_tb - C_b x_tb^2 / 2)`` with ``x`` the mid-day shift.
    """
    from treasury_leverage.impact.base import Separable

    q = np.asarray(sales_usd_bn, dtype=np.float64)
    n_days = q.shape[0]
    d, c = ladder.modified_duration, ladder.convexity

    def mid(rows: FloatArray, axis: int) -> FloatArray:
        # rows along `axis` are the shift at the end of each day; the day's trades see the mean of
        # the shift before them (0 before the first day) and after them
        r = np.moveaxis(np.asarray(rows), axis, 0)[:n_days]
        out = r.copy()
        out[1:] += r[:-1]
        out *= 0.5 * DECIMAL_PER_BP
        return np.asarray(np.moveaxis(out, 0, axis))

    if isinstance(factor, Separable) and factor.draws_along == "period":
        a = mid(factor.by_draw, 1)  # (n, T)
        g = factor.fixed @ w  # (B,)
        lin = q @ (d * g)
        quad = q @ (c * g * g)
        return np.asarray(a @ lin - 0.5 * (a * a) @ quad)
    if isinstance(factor, Separable):
        f = mid(factor.fixed, 0)  # (T,)
        h = factor.by_draw @ w  # (n, B)
        return np.asarray(h @ (d * (f @ q)) - 0.5 * (h * h) @ (c * ((f * f) @ q)))
    arr = np.asarray(factor)
    out = np.empty(arr.shape[0])
    step = max(1, _CHUNK_CELLS // max(n_days * len(d), 1))
    for lo in range(0, arr.shape[0], step):
        x = mid(arr[lo: lo + step, :n_days, :], 1) @ w  # (chunk, T, B), decimals
        out[lo: lo + step] = (np.einsum("ntb,tb->n", x, q * d)
                              - 0.5 * np.einsum("ntb,tb->n", x * x, q * c))
    return out


def fx_loss_usd_bn(
    converted_usd_bn: float,
    remaining_usd_bn: Any,
    params: Mapping[str, Any],
) -> FloatArray:
    """Loss (USD bn at the start rate) on the remaining dollar assets from converting proceeds.

    ``remaining * persistence * (k * converted / 100) / S_ref`` with ``k`` yen per USD 100bn;
    vectorised over draws of the parameters (and of ``remaining``).
    """
    k = np.asarray(params["fx_intervention_jpy_per_100bn"], dtype=np.float64)
    ref = np.asarray(params["fx_intervention_reference_jpy_per_usd"], dtype=np.float64)
    keep = np.asarray(params["fx_effect_persistence_share"], dtype=np.float64)
    pct = keep * k * converted_usd_bn / 100.0 / ref
    return np.asarray(np.asarray(remaining_usd_bn, dtype=np.float64) * pct)


# -- one basis: present values over a horizon -------------------------------------------------


def discount_factors(times_years: Any, curve_years: Any, curve_pct: Any) -> FloatArray:
    """Discount factors at ``times_years`` from the baseline par curve (``curve_years``, ``curve_pct``).

    ``DF(t) = (1 + y(t)/200)^(-2t)`` with ``y(t)`` the par yield at ``t`` (linear, flat beyond the
    ends): par yields stand for zero rates, an approximation of a few bp at the long end of a
    gently sloped curve, the same for both sides of the bill.
    """
    t = np.asarray(times_years, dtype=np.float64)
    cy = np.asarray(curve_years, dtype=np.float64)
    order = np.argsort(cy)
    y = np.interp(t, cy[order], np.asarray(curve_pct, dtype=np.float64)[order])
    return np.asarray((1.0 + y / 200.0) ** (-2.0 * t))


def _semiannual_price(coupon_pct: FloatArray, yield_pct: Any, years: FloatArray) -> FloatArray:
    """Price per 1 of face of a bond with ``round(2 years)`` semiannual coupons left, at a coupon date."""
    n = np.maximum(np.rint(2.0 * np.asarray(years, dtype=np.float64)), 1.0)
    v = 1.0 / (1.0 + np.asarray(yield_pct, dtype=np.float64) / 200.0)
    annuity = np.where(np.abs(v - 1.0) < 1e-12, n, (1.0 - v**n) / np.maximum(1.0 - v, 1e-300))
    return np.asarray(coupon_pct / 200.0 * v * annuity + v**n)


def _income_schedule(start_years: float, horizon_years: float) -> tuple[FloatArray, FloatArray]:
    """Coupon dates (counted back from the horizon every half year) and the share of a year each pays.

    Extra income of ``s`` bp on ``R`` from ``start`` to the horizon is ``R s (H - start)`` in cash:
    half-year coupons back from ``H``, the earliest a stub of what is left.
    """
    span = horizon_years - start_years
    if span <= 0:
        return np.zeros(0), np.zeros(0)
    n = int(np.ceil(2.0 * span - 1e-9))
    times = np.asarray(horizon_years - 0.5 * np.arange(n, dtype=np.float64))
    share = np.full(n, 0.5)
    share[-1] = span - 0.5 * (n - 1)
    return times, share


@functools.lru_cache(maxsize=4096)
def _income_factors(start_years: float, horizon_years: float, curve_years: tuple[float, ...],
                    curve_pct: tuple[float, ...]) -> tuple[float, float]:
    """Years of income from ``start_years`` to the horizon, discounted and in cash (one per bp-year).

    ``share @ DF(times)`` and ``share.sum()`` of :func:`_income_schedule`: the same for every draw,
    chunk, model and scenario on one curve, so computed once (engine batches call thousands of times).
    """
    times, share = _income_schedule(start_years, horizon_years)
    df = discount_factors(times, np.asarray(curve_years), np.asarray(curve_pct))
    return float(share @ df), float(share.sum())


def horizon_items(
    ladder: Ladder,
    remaining_usd_bn: Any,
    *,
    horizon_years: float,
    reinvest_shift_bp: Any,
    terminal_shift_bp: Any,
    curve_years: Any,
    curve_pct: Any,
    proceeds_usd_bn: float = 0.0,
    proceeds_years: float = 0.0,
    proceeds_shift_bp: Any = 0.0,
) -> dict[str, FloatArray]:
    """The holder's horizon items (USD bn, positive = a loss), discounted and in cash, per draw.

    The holder keeps ``remaining_usd_bn`` (per bucket) to the horizon ``H``. Its bonds' own coupons
    do not change with the yields; what changes is:

    * **carry** (reinvestment): a bucket maturing at ``M_b < H`` is reinvested to the horizon in a
      bond maturing at ``H``, at the shifted yield: ``s_b = reinvest_shift_bp[:, b]`` (the shift at
      ``M_b`` for maturity ``H - M_b``) more a year on ``R_b`` from ``M_b`` to ``H``; the dollar
      proceeds the holder keeps from a sale are reinvested the same way from ``proceeds_years``.
      Entered as a negative cost (a gain when yields rise);
    * **horizon mark-to-market**: a bucket maturing after ``H`` is still held at ``H``; its value
      then, at the shift ``terminal_shift_bp[:, b]`` (the shift at ``H`` for maturity
      ``M_b - H``) against the baseline curve: ``R_b (1 - P(c_b, y + s) / P(c_b, y))`` with ``y``
      the baseline par yield at ``M_b - H`` (the baseline curve is held).

    Discounted items use :func:`discount_factors` (the baseline curve); cash items add the same
    amounts undiscounted.

    Parameters
    ----------
    ladder
        The holder's ladder (maturities, coupons).
    remaining_usd_bn
        ``(n_buckets,)`` what it keeps.
    horizon_years
        The horizon ``H``.
    reinvest_shift_bp, terminal_shift_bp
        ``(n_draws, n_buckets)`` as above (columns of buckets on the other side of ``H`` are
        ignored).
    curve_years, curve_pct
        The baseline par curve.
    proceeds_usd_bn, proceeds_years, proceeds_shift_bp
        Dollar proceeds kept and reinvested, when, and their shift ``(n_draws,)`` or scalar.

    Returns
    -------
    dict
        ``carry_usd_bn``, ``horizon_mark_to_market_usd_bn`` (present values) and
        ``carry_cash_usd_bn``, ``horizon_mark_to_market_cash_usd_bn`` (undiscounted), each
        ``(n_draws,)``.
    """
    r = np.asarray(remaining_usd_bn, dtype=np.float64)
    s_in = np.atleast_2d(np.asarray(reinvest_shift_bp, dtype=np.float64))
    s_out = np.atleast_2d(np.asarray(terminal_shift_bp, dtype=np.float64))
    n = max(s_in.shape[0], s_out.shape[0])
    h = float(horizon_years)
    carry_pv = np.zeros(n)
    carry_cash = np.zeros(n)
    mats = ladder.maturities_years
    curve = (tuple(np.asarray(curve_years, dtype=np.float64).tolist()),
             tuple(np.asarray(curve_pct, dtype=np.float64).tolist()))
    for b in range(len(mats)):
        if mats[b] < h and r[b] > 0:
            pv_years, cash_years = _income_factors(float(mats[b]), h, *curve)
            carry_pv -= r[b] * s_in[:, b] * DECIMAL_PER_BP * pv_years
            carry_cash -= r[b] * s_in[:, b] * DECIMAL_PER_BP * cash_years
    if proceeds_usd_bn > 0 and proceeds_years < h:
        pv_years, cash_years = _income_factors(float(proceeds_years), h, *curve)
        sp = np.asarray(proceeds_shift_bp, dtype=np.float64)
        carry_pv = carry_pv - proceeds_usd_bn * sp * DECIMAL_PER_BP * pv_years
        carry_cash = carry_cash - proceeds_usd_bn * sp * DECIMAL_PER_BP * cash_years
    late = np.flatnonzero((mats > h) & (r > 0))
    mtm_cash = np.zeros(n)
    if late.size:
        left = mats[late] - h
        order = np.argsort(np.asarray(curve_years, dtype=np.float64))
        y0 = np.interp(left, np.asarray(curve_years, float)[order], np.asarray(curve_pct, float)[order])
        base = _semiannual_price(ladder.coupon_pct[late], y0, left)
        shocked = _semiannual_price(ladder.coupon_pct[late], y0 + s_out[:, late] / 100.0, left)
        mtm_cash = np.asarray(((1.0 - shocked / base) * r[late]).sum(axis=-1))
    mtm_pv = mtm_cash * float(discount_factors([h], curve_years, curve_pct)[0])
    return {"carry_usd_bn": np.asarray(carry_pv), "horizon_mark_to_market_usd_bn": np.asarray(mtm_pv),
            "carry_cash_usd_bn": np.asarray(carry_cash),
            "horizon_mark_to_market_cash_usd_bn": np.asarray(mtm_cash)}
