"""Term-premium and episode charts: the specs say what they show, and render offline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.report.charts import save_chart
from treasury_leverage.report.termpremium_charts import episode_chart, term_premium_chart


def _tp_frame() -> pd.DataFrame:
    idx = pd.date_range("2000-01-31", periods=24, freq="ME", name="date")
    tp = np.linspace(-0.5, 1.0, 24)
    rn = np.full(24, 3.0)
    return pd.DataFrame({"fitted_yield_pct": rn + tp, "risk_neutral_yield_pct": rn, "term_premium_pct": tp},
                        index=idx)


def _episode_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    yields = pd.DataFrame(
        {
            "change_bp": [28.0, 47.0, 44.0],
            "expected_rates_bp": [12.0, 14.0, np.nan],
            "term_premium_bp": [13.0, 33.0, np.nan],
            "residual_bp": [3.0, 0.0, np.nan],
        },
        index=pd.Index([2, 10, 30], name="maturity_years"),
    )
    days = pd.bdate_range("2025-04-04", "2025-04-11", name="date")
    path = pd.DataFrame(
        {"par_10y_pct": np.linspace(4.01, 4.48, 6), "tp_10y_pct": np.linspace(0.15, 0.48, 6),
         "rn_10y_pct": np.linspace(3.89, 4.03, 6)},
        index=days,
    )
    return yields, path


def test_term_premium_chart_spec() -> None:
    spec = term_premium_chart(_tp_frame(), maturity_years=10, title="t", subtitle="s").to_dict()
    data = next(iter(spec["datasets"].values()))
    assert len(data) == 3 * 24
    assert {row["series"] for row in data} == {
        "Term premium", "Expected short rates (risk-neutral yield)", "Zero-coupon yield (model fit)"}
    assert spec["vconcat"][0]["layer"][0]["encoding"]["y"]["title"] == "10-year, percent"
    assert spec["vconcat"][-1]["mark"]["type"] == "text"  # the source footer
    only_tp = term_premium_chart(_tp_frame(), maturity_years=5, show_yields=False).to_dict()
    assert {row["series"] for row in next(iter(only_tp["datasets"].values()))} == {"Term premium"}
    with pytest.raises(InputError, match="term_premium_pct"):
        term_premium_chart(_tp_frame().drop(columns=["term_premium_pct"]), maturity_years=10)


def test_episode_chart_stacks_the_split_and_marks_the_total() -> None:
    yields, path = _episode_frames()
    spec = episode_chart(yields, path=path, title="April 2025").to_dict()
    assert len(spec["vconcat"]) == 3  # bars on top, daily path below, source footer
    bars = [d for d in spec["datasets"].values() if d and "component" in d[0]]
    assert len(bars) == 1
    by_maturity: dict[str, float] = {}
    for row in bars[0]:
        by_maturity[row["maturity"]] = by_maturity.get(row["maturity"], 0.0) + row["value_bp"]
    # Stacked parts add up to the change; the 30y bar is the unsplit change.
    assert by_maturity == pytest.approx({"2y": 28.0, "10y": 47.0, "30y": 44.0})
    assert {r["component"] for r in bars[0] if r["maturity"] == "30y"} == {"Yield change (no ACM split)"}
    without_path = episode_chart(yields).to_dict()
    assert len(without_path["vconcat"]) == 2  # the bars and the source footer


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_charts_render_offline(tmp_path: Path, suffix: str) -> None:
    yields, path = _episode_frames()
    out = save_chart(episode_chart(yields, path=path), tmp_path / f"ep{suffix}")
    head = out.read_bytes()[:8]
    assert head == b"\x89PNG\r\n\x1a\n" if suffix == ".png" else out.read_text().lstrip().startswith("<svg")
