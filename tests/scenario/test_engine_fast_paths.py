"""The engine's fast paths (issue 17e) give the numbers of the direct computations, bit for bit.

Each faster form replaces a computation whose numbers the released outputs carry; every test here
compares it with the original expression on inputs chosen to catch a reordered sum or a lost
signed zero (zeros of both signs, negative values, ties), with ``np.array_equal`` and the sign
bits, never a tolerance.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from treasury_leverage.impact.base import Separable, separable_values
from treasury_leverage.scenario.kernels import _Bands, _shifted_sum, quantiles


def _awkward(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Normal draws with zeros of both signs and ties sprinkled in."""
    a = rng.normal(size=shape)
    flat = a.reshape(-1)
    flat[::7] = 0.0
    flat[3::11] = -0.0
    flat[5::13] = 1.25  # ties
    return a


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(a.shape == b.shape and np.array_equal(a, b) and np.array_equal(np.signbit(a), np.signbit(b)))


# -- quantiles: a sort instead of a partition ---------------------------------------------------


def _partition_quantiles(values: np.ndarray) -> np.ndarray:
    """The previous implementation (numpy partition at the six order statistics)."""
    n = values.shape[0]
    flat = np.array(values.reshape(n, -1).T, dtype=np.float64, order="C", copy=True)
    pos = np.asarray((5.0, 50.0, 95.0)) / 100.0 * (n - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    flat.partition(np.unique(np.concatenate([lo, hi])), axis=1)
    frac = pos - lo
    return np.asarray((flat[:, lo] * (1.0 - frac) + flat[:, hi] * frac).T.reshape((3, *values.shape[1:])))


@pytest.mark.parametrize("shape", [(1,), (2,), (7,), (1000,), (1000, 8), (999, 5, 3), (20, 1)])
def test_quantiles_equal_the_partition_they_replace(shape: tuple[int, ...]) -> None:
    values = _awkward(np.random.default_rng(len(shape) * 100 + shape[0]), shape)
    before = values.copy()
    assert _same(quantiles(values), _partition_quantiles(values))
    assert _same(values, before)  # the input is left as it is (a 1-D input too)
    assert np.allclose(quantiles(values), np.percentile(values, [5, 50, 95], axis=0), rtol=0, atol=1e-12)


def test_quantiles_read_signed_zeros_as_the_partition_did() -> None:
    rng = np.random.default_rng(9)
    values = rng.choice(np.array([0.0, -0.0, 0.0, -0.0, 1.0, -1.0]), size=(1000, 40))
    values[:, :10] = rng.choice(np.array([0.0, -0.0]), size=(1000, 10))  # all-zero columns of both signs
    assert _same(quantiles(values), _partition_quantiles(values))


def test_quantiles_keep_nan_where_the_partition_did() -> None:
    values = _awkward(np.random.default_rng(3), (101, 4))
    values[10, 1] = np.nan
    assert np.array_equal(quantiles(values), _partition_quantiles(values), equal_nan=True)


# -- the trade channel's delayed sums -----------------------------------------------------------


def _draw_major_shifted_sum(arr: np.ndarray, coef: np.ndarray, step: int) -> np.ndarray:
    """The previous draw-major loop of ``_shifted_sum`` on a full array."""
    rows = arr.shape[1] - 1
    out = np.zeros((coef.shape[0], *arr.shape[1:]))
    for t in range(coef.shape[1]):
        lag = t * step
        if lag < rows:
            out[:, lag:rows] += arr[:, : rows - lag] * coef[:, t, None, None]
        out[:, rows] += coef[:, t, None] * arr[:, rows]
    return out


@pytest.mark.parametrize(("n", "periods", "n_t", "step"), [(50, 122, 120, 1), (30, 61, 120, 21),
                                                           (7, 22, 12, 21), (1, 5, 9, 1)])
def test_shifted_sum_equals_the_draw_major_loop(n: int, periods: int, n_t: int, step: int) -> None:
    rng = np.random.default_rng(periods)
    arr, coef = _awkward(rng, (n, periods, 8)), _awkward(rng, (n, n_t))
    out = _shifted_sum(arr, coef, step)
    assert out.flags.c_contiguous  # later reductions over it run in the same order as before
    assert _same(out, _draw_major_shifted_sum(arr, coef, step))


# -- factored outputs materialised -------------------------------------------------------------


@pytest.mark.parametrize(("along", "by_shape", "fixed_len"),
                         [("period", (40, 122), 8), ("maturity", (40, 8), 122), ("period", (0, 5), 8),
                          ("maturity", (3, 8), 1)])
def test_separable_values_are_the_broadcast_products(along: str, by_shape: tuple[int, int], fixed_len: int
                                                     ) -> None:
    rng = np.random.default_rng(fixed_len)
    by, fixed = _awkward(rng, by_shape), _awkward(rng, (fixed_len,))
    direct = (by[:, :, None] * fixed[None, None, :] if along == "period"
              else fixed[None, :, None] * by[:, None, :])
    got = separable_values(by, fixed, along)  # type: ignore[arg-type]
    assert got.flags.c_contiguous and _same(got, direct)
    assert _same(Separable(by, fixed, along).values(), direct)  # type: ignore[arg-type]


# -- the U.S. bill at the 10-year tenor ----------------------------------------------------------


def test_shift_at_a_grid_tenor_equals_the_einsum() -> None:
    from treasury_leverage.scenario.us_bill import _at_tenor, _interp_weights

    mats = np.array([1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0])
    shift = _awkward(np.random.default_rng(0), (60, 121, 8))
    shift[:, :5, 5] = -0.0  # -0 at the tenor: the einsum's sum starts from +0
    shift[:, 5:9, :] = -0.0
    for tenor in (10.0, 1.0, 30.0, 4.0, 12.5):  # on the grid (one weight) and between (two)
        w = _interp_weights(mats, tenor)
        assert _same(_at_tenor(shift, w), np.einsum("dmk,k->dm", shift, w)), tenor


def test_us_bill_without_the_breakdown_keeps_every_other_number() -> None:
    from treasury_leverage.scenario.us_bill import us_interest_bill

    shift = np.abs(_awkward(np.random.default_rng(1), (30, 121, 8))) * 10.0
    mats = (1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0)
    syn = {"bills": 6000.0, "notes": 15000.0, "bonds": 5000.0, "tips": 2000.0, "frn": 600.0}
    full = us_interest_bill(shift, mats, seed=np.random.default_rng(5), debt_usd_bn=syn)
    lean = us_interest_bill(shift, mats, seed=np.random.default_rng(5), debt_usd_bn=syn, contributions=False)
    assert full.contributions_usd_bn and lean.contributions_usd_bn == {}
    for f in dataclasses.fields(full):
        if f.name != "contributions_usd_bn":
            a, b = getattr(full, f.name), getattr(lean, f.name)
            assert (_same(a, b) if isinstance(a, np.ndarray) else a == b), f.name


# -- the bands' counting mode ---------------------------------------------------------------------


@pytest.mark.parametrize("kinds", ["sss", "aaa", "ssa", "sas", "s", "a"])
def test_bands_count_the_same_draws_without_computing_them(kinds: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from treasury_leverage.scenario import kernels

    monkeypatch.setattr(kernels, "_ARRAY_BAND_DRAWS", 25)  # small, so the cap matters
    rng = np.random.default_rng(len(kinds))
    fixed = rng.normal(size=8)
    chunks: list[Any] = []
    for k in kinds:
        by = rng.normal(size=(10, 6))
        chunks.append(Separable(by, fixed, "period") if k == "s" else Separable(by, fixed, "period").values())
    full, counted = _Bands(5), _Bands(5, values=False)
    for c in chunks:
        full.add(c)
        counted.add(c)
    bands, kept = full.result()
    none, kept_counted = counted.result()
    assert bands is not None and none is None
    assert kept_counted == kept


# -- batches sharing one memo, and the game's runs without path bands ---------------------------------


def test_batches_in_a_sharing_block_reuse_the_memo_and_keep_the_numbers() -> None:
    from treasury_leverage.scenario import shared as shared_mod
    from treasury_leverage.scenario.engine import run, run_many

    base = {"models": ["beltran2013", "habitat"], "draws": 40, "seed": 3}
    a = {**base, "actors": [{"holder": "Japan", "sell": {"amount_usd_bn": 100, "days": 20}}]}
    b = {**base, "actors": [{"holder": "Japan", "pause": {"months": 6}}]}
    with shared_mod.sharing() as work:
        first = run_many([a])
        misses = work.misses
        second = run_many([b])
        assert work.hits > 0 and work.misses < 2 * misses  # the model draws came from the first batch
        with shared_mod.sharing() as inner:
            assert inner is work  # nested blocks keep the outer memo
    assert shared_mod.active() is None
    assert first[0].to_dict() == run(a).to_dict() and second[0].to_dict() == run(b).to_dict()


def test_runs_without_path_bands_keep_every_other_number() -> None:
    from treasury_leverage.scenario.engine import run_many

    spec = {"models": ["pooled", "beltran2013"], "draws": 60, "seed": 1,
            "actors": [{"holder": "Japan", "sell": {"amount_usd_bn": 200, "days": 30}}]}
    (full,), (lean,) = run_many([spec]), run_many([spec], path_bands=False)
    for name, path in lean.paths.items():
        assert path.bands_day_bp is None and path.bands_month_bp is None
        assert full.paths[name].bands_month_bp is not None
        for f in dataclasses.fields(path):
            if f.name not in ("bands_day_bp", "bands_month_bp"):
                a, b = getattr(path, f.name), getattr(full.paths[name], f.name)
                assert (_same(a, b) if isinstance(a, np.ndarray) else a == b), f.name
    assert lean.seller_rows == full.seller_rows and lean.us_bill == full.us_bill and lean.notes == full.notes
    for name, bd in full.bill_draw_arrays.items():
        other = lean.bill_draw_arrays[name]
        assert bd.parameter_digest == other.parameter_digest
        assert _same(bd.us_pv_usd_bn, other.us_pv_usd_bn)
        for holder, items in bd.holder_usd_bn.items():
            assert all(_same(v, other.holder_usd_bn[holder][k]) for k, v in items.items())


# -- inputs memoised per CheckData ----------------------------------------------------------------


def test_check_spec_with_a_reused_check_data_resolves_as_a_fresh_one() -> None:
    from treasury_leverage.scenario.inputs import _par_panel
    from treasury_leverage.scenario.spec import check_data, check_spec, parse_spec

    specs = [parse_spec({"actors": [{"holder": h, "sell": {"amount_usd_bn": 10}}], "holdings_date": d})
             for h in ("japan", "China", "uk") for d in (None, "2015-06-30", "2024-01-15")]
    reused = check_data(_par_panel())
    for s in specs:
        assert check_spec(s, data=reused) == check_spec(s, data=check_data(_par_panel()))
    from treasury_leverage.errors import ScenarioError

    too_big = parse_spec({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 9000}}]})
    with pytest.raises(ScenarioError, match=r"exceeds Japan's holdings of .* USD bn \(\d{4}-\d{2}\)"):
        check_spec(too_big, data=reused)
    with pytest.raises(ScenarioError, match=r"actors\[0\]\.holder"):
        check_spec(parse_spec({"actors": [{"holder": "japn", "sell": {"amount_usd_bn": 1}}]}), data=reused)


def test_parse_maturity_memo_keeps_its_errors_and_types() -> None:
    from treasury_leverage.errors import InputError, UnknownNameError
    from treasury_leverage.impact.base import parse_maturity

    assert parse_maturity("6m") == 0.5 and parse_maturity(10) == 10.0
    assert parse_maturity(np.float64(2.0)) == 2.0
    assert parse_maturity(np.array(5.0)) == 5.0  # unhashable: parsed without the memo
    bad_inputs = ((True, UnknownNameError), ("5x", UnknownNameError), (31.0, InputError), (0.1, InputError))
    for bad, err in bad_inputs:
        for _ in range(2):  # the second time would come from the memo if it cached errors
            with pytest.raises(err):
                parse_maturity(bad)


# -- the empirical models' transient state ---------------------------------------------------------


def test_transient_state_equals_the_column_loop() -> None:
    from treasury_leverage.impact.base import SalesPath
    from treasury_leverage.impact.registry import MODELS

    model = MODELS["beltran2013"]()
    rng = np.random.default_rng(2)
    sales = _awkward(rng, (61, 2))
    path = SalesPath(sales, (2.0, 10.0), "day")
    params = {model.half_life_preset: np.abs(rng.normal(6.0, 2.0, size=25)) + 0.5}
    q10 = np.asarray(sales @ np.array([0.3, 1.0]))
    rho = np.exp2(-(12.0 / 252.0) / params[model.half_life_preset])
    ref = np.empty((25, path.n_periods))
    e = np.zeros(25)
    for t, q_t in enumerate(q10):  # the previous loop
        e = e * rho + q_t
        ref[:, t] = e
    assert _same(model._transient_state(q10, path, params), ref)
