"""Impact-model outputs of a scenario: central paths, parameter draws in chunks, bands.

Every impact model turns the scenario's two sales paths (daily over the sale horizon, monthly over
121 months) into yield shifts at :data:`~treasury_leverage.scenario.spec.MATURITIES_YEARS`, for
its central parameters and, with draws, for parameter draws through the models' vectorised
kernels (no loop over draws). Kernel outputs stay factored
(:class:`~treasury_leverage.impact.base.Separable`) where the model allows. Pure numerics: the
parameter draws come from the model's named stream (:mod:`.streams`); what a batch of scenarios
can share (draws, the trade channel's unit kernels) goes through :class:`.shared.SharedWork`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.scenario import streams
from treasury_leverage.scenario.plans import DAYS_PER_MONTH, TradeUnits
from treasury_leverage.scenario.shared import SharedWork
from treasury_leverage.scenario.spec import MATURITIES_YEARS, ScenarioSpec

if TYPE_CHECKING:
    from treasury_leverage.impact.base import ImpactModel, Separable

__all__ = ["ModelRun", "quantiles", "run_model"]

FloatArray = NDArray[np.float64]
_QUANTILES: Final = (5.0, 50.0, 95.0)
#: Draws per kernel call (bounds memory when a model returns full arrays).
_DRAW_CHUNK: Final = 10_000
#: Draws behind the yield-path bands of models whose output does not factor.
_ARRAY_BAND_DRAWS: Final = 20_000


def _row(out: FloatArray | Separable, index: int) -> FloatArray:
    """Shifts ``(n_draws, n_maturities)`` at one period of a kernel output."""
    from treasury_leverage.impact.base import Separable

    if isinstance(out, Separable):
        if out.draws_along == "period":
            return np.asarray(out.by_draw[:, index, None] * out.fixed[None, :])
        return np.asarray(out.fixed[index] * out.by_draw)
    return np.asarray(out[:, index, :])


def _slice_rows(out: FloatArray | Separable, rows: int, draws: slice) -> FloatArray:
    """The first ``rows`` periods for a slice of draws, materialised ``(n, rows, n_maturities)``."""
    from treasury_leverage.impact.base import Separable, separable_values

    if isinstance(out, Separable):
        if out.draws_along == "period":
            return separable_values(out.by_draw[draws, :rows], out.fixed, "period")
        return separable_values(out.by_draw[draws], out.fixed[:rows], "maturity")
    return np.asarray(out[draws, :rows, :])


def _n_draws(out: FloatArray | Separable) -> int:
    from treasury_leverage.impact.base import Separable

    return int(out.by_draw.shape[0] if isinstance(out, Separable) else out.shape[0])


def _bands(out: FloatArray | Separable, rows: int) -> FloatArray:
    """p5/p50/p95 ``(3, rows, n_maturities)`` over the draws of a kernel output."""
    from treasury_leverage.impact.base import Separable

    if isinstance(out, Separable):
        return np.asarray(out.quantiles()[:, :rows, :])
    return quantiles(np.asarray(out)[:, :rows, :])


@functools.lru_cache(maxsize=64)
def _positions(n: int) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], FloatArray]:
    """Order statistics below and above each quantile of ``n`` draws, all of them, and the weights."""
    pos = np.asarray(_QUANTILES) / 100.0 * (n - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    kth = np.unique(np.concatenate([lo, hi]))
    out = (lo, hi, kth, pos - lo)
    for a in out:
        a.flags.writeable = False
    return out


def quantiles(values: FloatArray) -> FloatArray:
    """p5/p50/p95 over axis 0 (linear interpolation, as ``numpy.percentile``), shape ``(3, ...)``.

    The draws are moved to a contiguous last axis and sorted there: several times faster than
    ``numpy.percentile`` along a strided first axis, and than a ``partition`` at the six order
    statistics (numpy's vectorised sort of contiguous rows beats its selection ~2.5x at 1,000
    draws). Both give the same order statistics, except which of +0 and -0 (equal, not the same
    bits) lands at a position: the few rows where a zero is read are partitioned as before, so
    the numbers are those of the partition bit for bit, signed zeros included. The input is left
    as it is (the work is on a copy: a 1-D input would otherwise be reordered in place).
    """
    n = values.shape[0]
    rest = values.shape[1:]
    flat = np.array(values.reshape(n, -1).T, dtype=np.float64, order="C", copy=True)
    lo, hi, kth, frac = _positions(n)
    flat.sort(axis=1)
    zero = np.flatnonzero((flat[:, kth] == 0.0).any(axis=1))
    if zero.size:
        redo = np.array(values.reshape(n, -1).T[zero], dtype=np.float64, order="C", copy=True)
        redo.partition(kth, axis=1)
        flat[zero] = redo
    out = flat[:, lo] * (1.0 - frac) + flat[:, hi] * frac
    return np.asarray(out.T.reshape((3, *rest)))


def _kernel(model: ImpactModel, path: Any, params: dict[str, FloatArray]) -> FloatArray | Separable:
    # the models' vectorised kernel (all draws at once); ImpactModel.impact() returns only bands,
    # and the bills need the shift of each draw
    return model._kernel(path, params)


@dataclass
class ModelRun:
    """One impact model's central outputs on the two grids and its parameter draws."""

    name: str
    model: Any
    point_day: Any
    point_month: Any
    params: dict[str, FloatArray] | None
    presets: tuple[str, ...]
    parameters: dict[str, float]
    citation: str
    source: str
    notes: str
    #: What fixes the parameter draws (name, overrides, draws, seed): the key of shared work.
    key: tuple[Any, ...] = ()
    shared: SharedWork | None = None

    def _memo(self, key: tuple[Any, ...], make: Any) -> Any:
        return make() if self.shared is None else self.shared.get((*self.key, *key), make)

    def chunks(self, day_path: Any, month_path: Any, units: Sequence[TradeUnits] = ()
               ) -> Iterator[tuple[slice, Any, Any]]:
        """``(draws, day output, month output)`` for successive chunks of the parameter draws.

        Chunks keep memory bounded when a model returns full arrays (``n x periods x maturities``).
        With trade-channel draws, each draw's deviation from the central shortfall is added
        through unit paths (the models are linear in the sales path).
        """
        if self.params is None:
            return
        n = len(next(iter(self.params.values())))
        shift_ok = [self._memo(("time invariant", u.day_key), lambda u=u: self._time_invariant(u))
                    for u in units]
        for lo in range(0, n, _DRAW_CHUNK):
            sl = slice(lo, min(lo + _DRAW_CHUNK, n))
            part = {k: v[sl] for k, v in self.params.items()}
            d_out, m_out = _kernel(self.model, day_path, part), _kernel(self.model, month_path, part)
            for unit, lti in zip(units, shift_ok, strict=True):
                coef = unit.deviation_usd_bn[sl]
                if lti:  # one kernel call per grid: month t's response is month 0's, t periods later
                    _, day0, month0 = unit.paths[0]
                    # the same in every scenario of a batch with this trade channel (a game's cells)
                    m_out = _add(m_out, self._memo(("month units", unit.key, lo), functools.partial(
                        self._delayed, month0, part, coef, 1)))
                    if day0 is not None:
                        d_out = _add(d_out, self._memo(("day units", unit.day_key, lo), functools.partial(
                            self._delayed, day0, part, coef, DAYS_PER_MONTH)))
                    continue
                for t, unit_day, unit_month in unit.paths:
                    m_out = _add_scaled(m_out, _kernel(self.model, unit_month, part), coef[:, t])
                    if unit_day is not None:
                        d_out = _add_scaled(d_out, _kernel(self.model, unit_day, part), coef[:, t])
            yield sl, d_out, m_out

    def _delayed(self, unit0: Any, part: dict[str, FloatArray], coef: FloatArray, step: int) -> Any:
        """The response to the unit flow of month 0, delayed month by month and scaled by ``coef``."""
        return _shifted_sum(_kernel(self.model, unit0, part), coef, step)

    def _time_invariant(self, unit: TradeUnits) -> bool:
        """Whether the response to month 1's unit flow is month 0's, delayed (checked at central values)."""
        from treasury_leverage.impact.base import kernel_values

        if len(unit.paths) < 2:
            return True
        point = {k: np.array([v]) for k, v in self.parameters.items()}
        for grid, step in ((2, 1), (1, DAYS_PER_MONTH)):
            first, second = unit.paths[0][grid], unit.paths[1][grid]
            if first is None or second is None:
                continue
            k0 = _kernel(self.model, first, point)
            direct = kernel_values(_kernel(self.model, second, point))
            shifted = kernel_values(_shifted_sum(k0, np.array([[0.0, 1.0]]), step))
            if not np.allclose(direct, shifted, rtol=1e-10, atol=1e-12):
                return False
        return True


def _shifted_sum(k0: Any, coef: FloatArray, step: int) -> Any:
    """``sum_t coef[:, t] * K0`` delayed by ``t * step`` periods (the last row, the long run, undelayed)."""
    from treasury_leverage.impact.base import Separable, kernel_values

    n_t = coef.shape[1]
    if isinstance(k0, Separable) and k0.draws_along == "period":
        by = k0.by_draw
        rows = by.shape[1] - 1
        out = np.zeros((coef.shape[0], rows + 1))
        for t in range(n_t):
            lag = t * step
            if lag < rows:
                out[:, lag:rows] += coef[:, t, None] * by[:, : rows - lag]
            out[:, rows] += coef[:, t] * by[:, rows]
        return Separable(out, k0.fixed, "period")
    if isinstance(k0, Separable):  # a time path (fixed) times a curve per draw
        f = k0.fixed
        rows = f.shape[0] - 1
        lagged = np.zeros((n_t, rows + 1))
        for t in range(n_t):
            lag = t * step
            if lag < rows:
                lagged[t, lag:rows] = f[: rows - lag]
            lagged[t, rows] = f[rows]
        return np.asarray((coef @ lagged)[:, :, None] * k0.by_draw[:, None, :])
    # Period-major copies (periods, draws, maturities): each delay then reads and writes one
    # contiguous block instead of a strided slab per draw (about half the time at 1,000 draws x
    # 120 months). Every cell still adds its terms one delay after another in the same order, so
    # the sums are those of the draw-major loop bit for bit.
    arr = np.ascontiguousarray(np.moveaxis(kernel_values(k0), 1, 0))
    c_t = np.ascontiguousarray(coef.T)[:, :, None]  # (n_t, n_draws, 1)
    rows = arr.shape[0] - 1
    out3 = np.zeros((arr.shape[0], coef.shape[0], *arr.shape[2:]))
    buf = np.empty_like(arr[:rows])
    for t in range(n_t):
        lag = t * step
        if lag < rows:
            part = buf[: rows - lag]
            np.multiply(arr[: rows - lag], c_t[t], out=part)
            out3[lag:rows] += part
        out3[rows] += c_t[t] * arr[rows]
    return np.ascontiguousarray(np.moveaxis(out3, 0, 1))  # C order as before (same reductions later)


def _add(base: Any, extra: Any) -> Any:
    """Sum of two kernel outputs, factored when both share the fixed part."""
    from treasury_leverage.impact.base import Separable, kernel_values

    if (isinstance(base, Separable) and isinstance(extra, Separable) and base.draws_along == "period"
            and extra.draws_along == "period" and np.array_equal(base.fixed, extra.fixed)):
        return Separable(base.by_draw + extra.by_draw, base.fixed, "period")
    return kernel_values(base) + kernel_values(extra)


def _add_scaled(base: Any, unit: Any, coef: FloatArray) -> Any:
    """``base + coef[n] * unit`` for kernel outputs, staying factored when both share the fixed part."""
    from treasury_leverage.impact.base import Separable, kernel_values

    if (isinstance(base, Separable) and isinstance(unit, Separable) and base.draws_along == "period"
            and unit.draws_along == "period" and np.array_equal(base.fixed, unit.fixed)):
        return Separable(base.by_draw + coef[:, None] * unit.by_draw, base.fixed, "period")
    return kernel_values(base) + coef[:, None, None] * kernel_values(unit)


def _draw_model(name: str, overrides: dict[str, float], spec: ScenarioSpec
                ) -> tuple[Any, dict[str, float], dict[str, FloatArray] | None]:
    """A model, its central parameters and its parameter draws (from the model's named stream)."""
    from treasury_leverage.impact.registry import MODELS
    from treasury_leverage.presets import sample_presets

    model = MODELS[name](overrides=overrides, maturities_years=MATURITIES_YEARS)
    central = model.central_parameters()
    params = None
    if spec.draws:
        rng = streams.generator(spec.seed, streams.model_stream(name))
        params = sample_presets(model.preset_names, spec.draws, seed=rng, overrides=overrides)
    return model, central, params


def run_model(name: str, spec: ScenarioSpec, day_path: Any, month_path: Any,
              shared: SharedWork | None = None) -> ModelRun:
    """One impact model's central outputs on both grids, with its parameter draws.

    Scenarios of a batch with the same model, overrides, draws and seed share the model and its
    draws (``shared``).
    """
    from treasury_leverage.impact.registry import MODELS

    overrides = {k: v for k, v in spec.overrides.items() if k in MODELS[name].preset_names}
    key = ("model", name, tuple(sorted(overrides.items())), spec.draws, spec.seed)
    made = (_draw_model(name, overrides, spec) if shared is None
            else shared.get(key, lambda: _draw_model(name, overrides, spec)))
    model, central, params = made
    point = {k: np.array([v]) for k, v in central.items()}
    return ModelRun(name, model, _kernel(model, day_path, point), _kernel(model, month_path, point), params,
                    tuple(model.preset_names), central, model.citation or name, model.source, model.notes,
                    key=key, shared=shared)


class _Bands:
    """p5/p50/p95 of a path over draws that arrive in chunks.

    Factored chunks (:class:`~treasury_leverage.impact.base.Separable` with the same fixed part)
    give exact bands over all draws from their small draw-dependent parts; full arrays are kept
    for the first ``_ARRAY_BAND_DRAWS`` draws only (their bands come from those). With
    ``values=False`` only the number of draws the bands would rest on is counted (a caller that
    reads no bands: the engine's note about them stays the same).
    """

    def __init__(self, rows: int, values: bool = True) -> None:
        self.rows = rows
        self.values = values
        self.factors: list[FloatArray] = []
        self.factored = 0  # draws in the factored parts so far
        self.fixed: FloatArray | None = None
        self.along = ""
        self.arrays: list[FloatArray] = []
        self.in_arrays = False  # a chunk did not factor: arrays from then on
        self.kept = 0
        self.seen = 0

    def add(self, out: Any) -> None:
        from treasury_leverage.impact.base import Separable

        n = _n_draws(out)
        self.seen += n
        if isinstance(out, Separable) and not self.in_arrays and (
                self.fixed is None
                or (out.draws_along == self.along and np.array_equal(out.fixed, self.fixed))):
            self.fixed, self.along = out.fixed, out.draws_along
            self.factored += n
            if self.values:
                self.factors.append(np.asarray(out.by_draw))
            return
        self.in_arrays = True
        if self.factored:  # mixed outputs: fall back to arrays for everything seen so far
            assert self.fixed is not None
            if self.values:
                prev = Separable(np.concatenate(self.factors), self.fixed, self.along)  # type: ignore[arg-type]
                self.arrays.append(_slice_rows(prev, self.rows, slice(0, _ARRAY_BAND_DRAWS)))
            self.kept = min(self.factored, _ARRAY_BAND_DRAWS)
            self.factors, self.fixed, self.factored = [], None, 0
        take = max(0, min(n, _ARRAY_BAND_DRAWS - self.kept))
        if take:
            if self.values:
                self.arrays.append(_slice_rows(out, self.rows, slice(0, take)))
            self.kept += take

    def result(self) -> tuple[FloatArray | None, int]:
        """Bands ``(3, rows, n_maturities)`` (None when not computed) and the draws behind them."""
        from treasury_leverage.impact.base import Separable

        if self.factored:
            assert self.fixed is not None
            if not self.values:
                return None, self.seen
            sep = Separable(np.concatenate(self.factors), self.fixed, self.along)  # type: ignore[arg-type]
            return _bands(sep, self.rows), self.seen
        if not self.values:
            return None, self.kept
        # one chunk (up to 10,000 draws): its rows as they are (quantiles copies them anyway)
        arrays = self.arrays[0] if len(self.arrays) == 1 else np.concatenate(self.arrays)
        return quantiles(arrays), self.kept
