"""Rendered chart files kept on disk: vl-convert's bytes, keyed by the spec, checked on read; and
a brief computed from the warm disk caches is the brief computed from the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import vl_convert as vlc

from treasury_leverage.report import html, rendered
from treasury_leverage.report.brief import build_brief, write_brief

_SPEC: dict[str, Any] = {
    "data": {"values": [{"x": 1, "y": 2.5}, {"x": 2, "y": None}]}, "mark": "line",
    "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}},
}


def _no_render(*args: object, **kwargs: object) -> Any:
    raise AssertionError("vl-convert was called: the chart was not served from the render cache")


def test_a_rendered_chart_is_served_from_the_cache_with_vl_converts_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg, png = rendered.rendered(_SPEC, 2.0, folder=tmp_path)
    assert svg == vlc.vegalite_to_svg(_SPEC) and png == bytes(vlc.vegalite_to_png(_SPEC, scale=2.0))
    assert [p.name for p in tmp_path.iterdir()] == [rendered.render_key(_SPEC, 2.0)]
    monkeypatch.setattr(vlc, "vegalite_to_svg", _no_render)
    assert rendered.rendered(_SPEC, 2.0, folder=tmp_path) == (svg, png)
    # another spec, or another scale, is another entry (and would be rendered)
    other = {**_SPEC, "mark": "point"}
    assert rendered.render_key(other, 2.0) != rendered.render_key(_SPEC, 2.0)
    assert rendered.render_key(_SPEC, 1.0) != rendered.render_key(_SPEC, 2.0)
    with pytest.raises(AssertionError, match="not served from the render cache"):
        rendered.rendered(other, 2.0, folder=tmp_path)


@pytest.mark.parametrize("damage", ["png", "svg", "truncate"])
def test_a_damaged_entry_is_rendered_again(tmp_path: Path, damage: str) -> None:
    svg, png = rendered.rendered(_SPEC, 2.0, folder=tmp_path)
    path = tmp_path / rendered.render_key(_SPEC, 2.0)
    text = path.read_text(encoding="utf-8")
    if damage == "truncate":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    else:
        entry = json.loads(text)
        if damage == "png":  # another valid base64 payload, not the rendered PNG
            entry["png_base64"] = entry["png_base64"][:-8] + "AAAAAAA="
        else:
            entry["svg"] = entry["svg"].replace("<svg", "<svg data-x='1'", 1)
        path.write_text(json.dumps(entry), encoding="utf-8")
    assert rendered.rendered(_SPEC, 2.0, folder=tmp_path) == (svg, png)
    assert json.loads(path.read_text(encoding="utf-8"))["png_sha256"] == rendered._sha(png)


def test_the_cache_is_warm_once_a_chart_was_rendered(tmp_path: Path) -> None:
    assert not rendered.render_cache_warm()
    html.write_chart_files(_SPEC, tmp_path, "c")
    assert rendered.render_cache_warm()
    assert rendered.render_cache_folder().name == f"vl-convert-{vlc.__version__}"


def _new_process() -> None:
    """Forget the in-process memos of the data and derived results: only the disk caches are left."""
    from treasury_leverage.data import api
    from treasury_leverage.holdings import calibration, profile, valuation
    from treasury_leverage.termpremium import estimate

    for fn in (api._wide_cached, api._units_cached, api._par_curve_full, api._gsw_full,
               valuation.month_end_par_curve, valuation._estimate_frame, valuation.reported_valuation,
               calibration.calibrate, profile.st_lt_history, estimate._inputs_for, estimate._panel_for,
               estimate._fit_for, estimate._daily_zero_for, estimate._daily_for, estimate._gsw_days_for):
        fn.cache_clear()  # type: ignore[attr-defined]


def test_a_brief_from_the_warm_caches_is_the_brief_from_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_process()
    cold = build_brief("japan", draws=20, seed=2)
    first = write_brief(cold, tmp_path / "cold", formats=("json",))
    _new_process()
    from treasury_leverage.data import derived

    kept = {p.name.split("-")[0] for p in derived.cache_folder().iterdir()}
    assert {"wide", "acm", "units"} <= kept
    # nothing is derived again from the Parquet files, and no chart is rendered again
    monkeypatch.setattr("treasury_leverage.data.store.Store.read", _no_render)
    monkeypatch.setattr(vlc, "vegalite_to_svg", _no_render)
    warm = build_brief("japan", draws=20, seed=2)
    second = write_brief(warm, tmp_path / "warm", formats=("json",))
    a, b = cold.to_dict(), warm.to_dict()
    a["provenance"].pop("generated_utc")
    b["provenance"].pop("generated_utc")
    assert a == b
    assert [c.spec for c in cold.charts] == [c.spec for c in warm.charts]
    for path in sorted((first / "charts").iterdir()):
        assert path.read_bytes() == (second / "charts" / path.name).read_bytes(), path.name
