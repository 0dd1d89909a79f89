"""The brief's speed-ups change no output: memos on and off, the Vega bundle cache, one-pass charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vl_convert as vlc

from treasury_leverage._stages import recording, stage
from treasury_leverage.data import api
from treasury_leverage.data.paths import cache_dir
from treasury_leverage.report import html
from treasury_leverage.report.brief import build_brief
from treasury_leverage.scenario import debt_profile


def _plain(brief_dict: dict[str, Any]) -> dict[str, Any]:
    brief_dict["provenance"].pop("generated_utc", None)
    return brief_dict


def test_brief_is_identical_with_and_without_the_memos(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    with recording() as stages:
        cached = build_brief("japan", draws=40, seed=3)
    # every memo switched off: each call derives afresh from the data
    monkeypatch.setattr(debt_profile, "_composition_cached", debt_profile._composition_cached.__wrapped__)
    monkeypatch.setattr(debt_profile, "_mspd_lines", debt_profile._mspd_lines.__wrapped__)
    monkeypatch.setattr(api, "_par_curve_full", api._par_curve_full.__wrapped__)
    fresh = build_brief("japan", draws=40, seed=3)
    assert _plain(cached.to_dict()) == _plain(fresh.to_dict())
    # the stage timer saw the sections and the engine runs nested in them
    paths = {r.path: r for r in stages.records.values()}
    assert {"holdings section", "scenario section", "game section"} <= set(paths)
    runs = paths["scenario section > engine runs"]
    # the standard cases run through one call (scenario.engine.run_many), not one call per case
    assert runs.count == 1 and sum(r.available for r in cached.scenario.rows) == 6
    assert paths["scenario section"].wall_s >= runs.wall_s


def test_stage_is_a_no_op_without_a_recording() -> None:
    with stage("outside"):
        pass
    with recording() as rec:
        with stage("a"), stage("b"):
            pass
        with stage("a"):
            pass
    assert [(r.path, r.count) for r in rec.records.values()] == [("a > b", 1), ("a", 2)]
    assert rec.top(1)[0].path in ("a", "a > b") and rec.lines()[0].startswith("total")


def test_vega_bundle_cache_is_reused_and_rebuilt_when_the_key_changes(tmp_path: Path) -> None:
    built: list[str] = []

    def build(text: str) -> Any:
        def _build() -> str:
            built.append(text)
            return text
        return _build

    assert html.cached_text("bundle-v1.js", build("one"), tmp_path) == "one"
    assert html.cached_text("bundle-v1.js", build("other"), tmp_path) == "one"  # from disk
    assert built == ["one"]
    assert html.cached_text("bundle-v2.js", build("two"), tmp_path) == "two"  # new key: rebuilt
    assert built == ["one", "two"]
    (tmp_path / "bundle-v2.js").write_text("")  # an empty (damaged) file is rebuilt too
    assert html.cached_text("bundle-v2.js", build("again"), tmp_path) == "again"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_bundle_key_follows_vl_convert_and_the_snippet(monkeypatch: pytest.MonkeyPatch) -> None:
    key = html.bundle_cache_key()
    assert str(vlc.__version__) in key and key != html.bundle_cache_key("window.x = 1;")
    monkeypatch.setattr(html, "vega_versions", lambda: {"vl_convert": "9.9.9", "vega": "1", "vega_lite": "2",
                                                        "vega_embed": "3"})
    assert html.bundle_cache_key() != key and "9.9.9" in html.bundle_cache_key()


def test_cached_bundle_is_vl_converts_bundle() -> None:
    html.vega_bundle.cache_clear()
    first = html.vega_bundle()
    on_disk = list((cache_dir() / "vega").glob("vega-bundle-*.js"))
    assert len(on_disk) == 1 and on_disk[0].read_text(encoding="utf-8") == first
    html.vega_bundle.cache_clear()
    assert html.vega_bundle() == first == str(vlc.javascript_bundle())


def test_chart_files_are_the_bytes_vl_convert_renders(tmp_path: Path) -> None:
    spec = {"data": {"values": [{"x": 1, "y": 2.5}, {"x": 2, "y": float("nan")}]}, "mark": "line",
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "y": {"field": "y", "type": "quantitative"}}}
    files = html.write_chart_files(spec, tmp_path / "charts", "c")
    clean = html.chart_spec(spec)
    assert files["png"].read_bytes() == bytes(vlc.vegalite_to_png(clean, scale=2.0))
    assert files["svg"].read_text(encoding="utf-8") == vlc.vegalite_to_svg(clean)


def test_profile_flag_prints_the_stages_to_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from treasury_leverage.cli.main import main

    monkeypatch.chdir(tmp_path)
    try:
        main(["brief", "canada", "--draws", "0", "--profile"])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = err.splitlines()
    assert lines[0].startswith("where the time went") and lines[1].startswith("total")
    stages = [line.split("%", 1)[1].strip() for line in lines[2:]]
    assert "render charts (svg, png)" in stages and "scenario section" in stages
    # the game runs in a process of its own; its stages come back with its result
    assert any(s.startswith("game section (its own process, in parallel) > engine runs x") for s in stages)
    assert "game section (waiting for its process)" in stages
    assert "where the time went" not in out  # stdout keeps only the summary
    assert (tmp_path / "brief-canada" / "charts").is_dir()


def test_charts_rendered_on_the_pool_are_the_same_files(tmp_path: Path) -> None:
    from treasury_leverage.report.brief import write_brief

    b = build_brief("canada", draws=0)
    here = write_brief(b, tmp_path / "here")
    pool = html.start_chart_pool(1)
    try:
        there = write_brief(b, tmp_path / "there", chart_pool=pool)
    finally:
        pool.shutdown()
    mine = sorted(p.relative_to(here) for p in (here / "charts").iterdir())
    assert mine == sorted(p.relative_to(there) for p in (there / "charts").iterdir())
    assert len(mine) == 2 * len(b.charts)
    for rel in mine:
        assert (here / rel).read_bytes() == (there / rel).read_bytes(), rel
