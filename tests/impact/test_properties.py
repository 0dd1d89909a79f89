"""Properties every impact model must have: zero sales -> zero; linear and monotone in size; units."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.impact.base import SalesPath
from treasury_leverage.impact.registry import MODELS, compare, compare_frame, get_model

NAMES = sorted(MODELS)
BUCKETS = (0.25, 2.0, 5.0, 10.0, 30.0)

paths = st.builds(
    lambda sales, period: SalesPath(np.asarray(sales), BUCKETS, period),
    st.lists(st.lists(st.floats(0, 200), min_size=5, max_size=5), min_size=1, max_size=8),
    st.sampled_from(["day", "month"]),
)


@pytest.mark.parametrize("name", NAMES)
def test_zero_sales_zero_impact(name: str) -> None:
    res = get_model(name).impact(SalesPath(np.zeros((3, 2)), (5.0, 30.0)), draws=100, seed=1)
    assert not res.impact_bp.any() and not res.long_run_bp.any()
    assert res.bands_bp is not None and not res.bands_bp.any()


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=25, deadline=None)
@given(path=paths, factor=st.floats(0.0, 5.0))
def test_linear_and_monotone_in_size(name: str, path: SalesPath, factor: float) -> None:
    model = get_model(name)
    base = model.impact(path)
    scaled = model.impact(path.scaled(factor))
    assert scaled.impact_bp == pytest.approx(factor * base.impact_bp, rel=1e-9, abs=1e-9)
    assert scaled.long_run_bp == pytest.approx(factor * base.long_run_bp, rel=1e-9, abs=1e-9)
    # sales (non-negative) never lower yields; more sales never move them less
    assert (base.impact_bp >= -1e-12).all()
    if factor >= 1:
        assert (scaled.impact_bp >= base.impact_bp - 1e-9).all()


@pytest.mark.parametrize("name", NAMES)
def test_purchases_mirror_sales(name: str) -> None:
    model = get_model(name)
    sell = model.impact(SalesPath.even(50, "7y", periods=3))
    buy = model.impact(SalesPath(-sell.sales.sales_usd_bn, (7.0,)))  # type: ignore[union-attr]
    assert buy.impact_bp == pytest.approx(-sell.impact_bp)


@pytest.mark.parametrize("name", NAMES)
def test_units_and_shapes(name: str) -> None:
    res = get_model(name).impact(SalesPath.even(100, "10y", periods=20, period="day"), draws=200, seed=2)
    assert res.impact_bp.shape == (20, 30) and res.long_run_bp.shape == (30,)
    assert res.bands_bp is not None and res.bands_bp.shape == (3, 21, 30)
    p5, p50, p95 = res.bands_bp
    assert (p5 <= p50 + 1e-12).all() and (p50 <= p95 + 1e-12).all()
    d = res.to_dict()
    assert d["sell_usd_bn"] == pytest.approx(100.0) and d["horizon_periods"] == 20
    assert all(k.endswith(("_bp", "_years")) for k in d["impacts"][0])
    # a 100bn sale moves the 10-year by a plausible amount in bp (not decimals, not percent)
    assert 0.5 < abs(res.end_bp("10y")) < 500


def test_unknown_model_and_override() -> None:
    with pytest.raises(UnknownNameError, match="beltran2013"):
        get_model("beltran")
    with pytest.raises(UnknownNameError):
        get_model("beltran2013", overrides={"no_such_preset": 1.0})
    with pytest.raises(InputError):
        get_model("beltran2013").impact(SalesPath.even(1, "5y"), draws=-1)


def test_compare_frame_has_every_family() -> None:
    results = compare(SalesPath.even(100, "10y"), draws=500, seed=0)
    frame = compare_frame(results)
    assert set(frame["family"]) == {"pooled", "flow-study", "stock", "habitat", "execution"}
    assert (frame["end_p5_bp"] <= frame["end_p95_bp"]).all()
    assert frame["source"].str.len().min() > 20


def test_public_names() -> None:
    import treasury_leverage.impact as impact

    assert {"SalesPath", "ImpactModel", "ImpactResult", "get_model", "compare", "MODELS",
            "Beltran2013", "DurationSupply", "PreferredHabitat"} <= set(impact.__all__)
    assert all(hasattr(impact, n) for n in impact.__all__)
