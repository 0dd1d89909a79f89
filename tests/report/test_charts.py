"""Chart builders and offline rendering (vl-convert)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.report import curve_chart, curve_move_chart, save_chart


def _curve_frame() -> pd.DataFrame:
    t = np.arange(1, 361) / 12
    return pd.DataFrame({"maturity_years": t, "zero_yield_pct": 4 + 0.5 * (1 - np.exp(-t / 2))})


def _move_frame() -> pd.DataFrame:
    t = np.array([0.25, 0.5, 1, 2, 5, 10, 30])
    start = 4 + 0.1 * np.log1p(t)
    return pd.DataFrame({"maturity_years": t, "start_pct": start, "end_pct": start + 0.004 * t * 10,
                         "change_bp": 4.0 * t, "fit_bp": 4.0 * t + 0.5})


def test_curve_chart_spec_names_the_fields_and_units() -> None:
    points = pd.DataFrame({"maturity_years": [1.0, 10.0], "zero_yield_pct": [4.3, 4.5]})
    spec = curve_chart(_curve_frame(), value_column="zero_yield_pct", value_title="Zero yield (%)",
                       points=points, title="A curve").to_dict()
    layers = spec["vconcat"][0]["layer"]  # the chart, then its source footer
    assert len(layers) == 2
    enc = layers[0]["encoding"]
    assert enc["x"]["field"] == "maturity_years" and enc["x"]["title"] == "Maturity (years)"
    assert enc["y"]["field"] == "zero_yield_pct" and enc["y"]["title"] == "Zero yield (%)"
    assert spec["title"] == "A curve"
    with pytest.raises(InputError, match="lacks columns"):
        curve_chart(_curve_frame(), value_column="par_yield_pct", value_title="x")


def test_move_chart_has_both_curves_and_the_change_in_bp() -> None:
    spec = curve_move_chart(_move_frame(), start_label="2025-04-04", end_label="2025-04-11",
                            title="Move", subtitle="level +49 bp", fitted_column="fit_bp").to_dict()
    top, bottom, _footer = spec["vconcat"]
    assert top["encoding"]["color"]["sort"] == ["2025-04-04", "2025-04-11"]
    assert top["encoding"]["y"]["field"] == "yield_pct"
    fields = {layer["encoding"]["y"]["field"] for layer in bottom["layer"]}
    assert {"zero_bp", "change_bp", "fit_bp"} <= fields
    assert spec["title"]["subtitle"] == "level +49 bp"
    # The curves' data carry both labels.
    datasets = spec["datasets"]
    labels = {row["curve"] for rows in datasets.values() for row in rows if "curve" in row}
    assert labels == {"2025-04-04", "2025-04-11"}
    with pytest.raises(InputError, match="change_bp"):
        curve_move_chart(_move_frame().drop(columns="change_bp"), start_label="a", end_label="b")


def test_save_chart_png_and_svg(tmp_path: Path) -> None:
    chart = curve_move_chart(_move_frame(), start_label="start", end_label="end", title="Unique title 7")
    png = save_chart(chart, tmp_path / "move.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert 600 < width < 3000 and 600 < height < 3000  # two panels at scale 2
    assert 10_000 < len(data) < 5_000_000
    small = save_chart(chart, tmp_path / "small.PNG", scale=1.0).read_bytes()
    assert int.from_bytes(small[16:20], "big") == pytest.approx(width / 2, abs=2)
    svg = save_chart(chart, tmp_path / "move.svg").read_text()
    assert svg.lstrip().startswith("<svg") and "Unique title 7" in svg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["move.png", "move.svg", "small.PNG"]


def test_save_chart_rejects_unknown_formats_and_missing_folders(tmp_path: Path) -> None:
    chart = curve_chart(_curve_frame(), value_column="zero_yield_pct", value_title="Zero yield (%)")
    with pytest.raises(InputError, match=r"expected one of \.png, \.svg"):
        save_chart(chart, tmp_path / "chart.pdf")
    with pytest.raises(InputError, match="does not exist"):
        save_chart(chart, tmp_path / "nowhere" / "chart.png")
    assert list(tmp_path.iterdir()) == []


def _footer_text(spec: dict) -> str:
    last = spec["vconcat"][-1]
    assert last["mark"]["type"] == "text" and last["encoding"]["text"]["field"] == "footer"
    return str(spec["datasets"][last["data"]["name"]][0]["footer"])


def test_every_chart_builder_carries_a_source_and_vintage_footer() -> None:
    """Publisher, dataset and last date under every chart (issue 14), from the frames' provenance."""
    from treasury_leverage.holdings import flows, holder_history, maturity_profile, ranking, runoff_schedule
    from treasury_leverage.report.holdings_charts import (
        flows_chart,
        holder_overview_chart,
        holdings_history_chart,
        maturity_profile_chart,
        ranking_chart,
        runoff_chart,
    )
    from treasury_leverage.report.termpremium_charts import episode_chart, term_premium_chart
    from treasury_leverage.termpremium import decompose, term_premium_series

    hist = holder_history("japan", "2024-01")
    tic = "U.S. Treasury, Treasury International Capital (TIC) system - Major foreign holders"
    text = _footer_text(holdings_history_chart(hist).to_dict())
    assert text.startswith(f"Source: {tic}") and f"data to {hist.index.max():%Y-%m-%d}" in text
    assert "vintage 2026-08-17" in text
    spec = holder_overview_chart(hist, runoff_schedule("japan"), name="Japan").to_dict()
    assert len(spec["vconcat"]) == 3 and tic in _footer_text(spec)  # one footer for both panels
    assert tic in _footer_text(ranking_chart(ranking(top=5)).to_dict())
    assert "data to" in _footer_text(runoff_chart(runoff_schedule("japan")).to_dict())
    assert "Source:" in _footer_text(maturity_profile_chart(maturity_profile("japan").table()).to_dict())
    frame = flows("japan", "2025-01", "2025-12")
    text = _footer_text(flows_chart(frame).to_dict())
    assert tic in text and "data to 2025-12-31" in text and "Bertaut-Judson" in text
    tp = term_premium_series(10, start="2024-01")
    text = _footer_text(term_premium_chart(tp, maturity_years=10).to_dict())
    assert "Federal Reserve Board (feds200628)" in text and f"data to {tp.index.max():%Y-%m-%d}" in text
    ep = decompose("2025-04-04", "2025-04-11")
    text = _footer_text(episode_chart(ep.yields, path=ep.path).to_dict())
    assert "U.S. Treasury, Office of Debt Management" in text and "data to 2025-04-11" in text
    assert curve_chart(_curve_frame(), value_column="zero_yield_pct", value_title="y",
                                    title="A curve").to_dict()["title"] == "A curve"  # the title stays on top
