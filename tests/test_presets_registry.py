"""The presets are split by topic and merged into one registry: nothing lost, nothing twice."""

from __future__ import annotations

import ast
import dataclasses
import pkgutil
from pathlib import Path

import pytest

import treasury_leverage.presets as presets
from treasury_leverage.errors import InputError
from treasury_leverage.presets import PRESETS, Preset, get_preset, preset_value, presets_frame
from treasury_leverage.presets._model import merge_topics

PACKAGE = Path(presets.__file__).parent


def _topic_files() -> set[str]:
    return {m.name for m in pkgutil.iter_modules([str(PACKAGE)]) if not m.name.startswith("_")}


def test_every_topic_module_is_merged() -> None:
    # a topic module missing from _TOPICS would leave its presets out of the registry silently
    assert {t.__name__.rsplit(".", 1)[-1] for t in presets._TOPICS} == _topic_files()


def test_registry_is_exactly_the_topic_modules_presets_in_order() -> None:
    merged = [p for topic in presets._TOPICS for p in topic.ENTRIES]
    # every topic preset is in the registry (the same object) and the registry holds nothing else
    assert [p.name for p in merged] == list(PRESETS)
    assert all(PRESETS[p.name] is p for p in merged)
    # no name twice across (or within) topic modules: the counts would differ
    assert len({p.name for p in merged}) == len(merged) == len(PRESETS)


def test_registry_keeps_the_order_of_the_single_table() -> None:
    # the first and last presets of the table the topics were split from, and its section order
    names = list(PRESETS)
    assert names[0] == "beltran2013_short_run_bp_per_100bn"
    assert names[-1] == "jgb_holdings_modified_duration_years"
    firsts = [t.ENTRIES[0].name for t in presets._TOPICS]
    assert firsts == sorted(firsts, key=names.index)
    assert list(presets_frame().index) == names


def test_topic_modules_hold_their_topic() -> None:
    # spot checks that a preset sits in the module its topic names (where a reader will look)
    home = {p.name: t.__name__.rsplit(".", 1)[-1] for t in presets._TOPICS for p in t.ENTRIES}
    assert home["beltran2013_short_run_bp_per_100bn"] == "impact"
    assert home["cbo2025_deficit_2026_usd_bn"] == "us_bill"
    assert home["import_demand_elasticity"] == "trade"
    assert home["fx_intervention_jpy_per_100bn"] == "seller"
    assert home["game_horizon_years"] == "game"
    assert home["fima_repo_spread_over_iorb_bp"] == "responses"
    assert home["jgb_10y_bp_per_jpy_tn"] == "proceeds"
    # every face default lives in faces.py, and faces.py holds nothing else
    assert {n for n, m in home.items() if n.startswith("default_")} == {
        n for n, m in home.items() if m == "faces"}


def test_topic_modules_import_only_the_model() -> None:
    # importing the package (or anything above layer 1) from a topic module would be a cycle
    for name in _topic_files():
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        ours = {m for m in imported if m and m.startswith("treasury_leverage")}
        assert ours == {"treasury_leverage.presets._model"}, name


def _p(name: str) -> Preset:
    return Preset(name, 1.0, 0.0, 2.0, "u", "fixed", "s", "C")


def test_merge_refuses_a_name_in_two_topics() -> None:
    with pytest.raises(InputError, match=r"'x_bp'.*'alpha'.*'beta'"):
        merge_topics([("alpha", [_p("x_bp"), _p("y_bp")]), ("beta", [_p("x_bp")])])


def test_merge_refuses_a_name_twice_in_one_topic() -> None:
    with pytest.raises(InputError, match=r"defined twice.*'alpha'.*'alpha'"):
        merge_topics([("alpha", [_p("x_bp"), _p("x_bp")])])


def test_merge_keeps_topic_then_entry_order() -> None:
    merged = merge_topics([("b", [_p("z"), _p("a")]), ("a", [_p("m")])])
    assert list(merged) == ["z", "a", "m"]


def test_accessors_read_the_one_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    # tests and users override a preset by replacing it in PRESETS; every accessor must see it
    name = "default_tariff_pct"
    monkeypatch.setitem(PRESETS, name, dataclasses.replace(PRESETS[name], value=25.0))
    assert get_preset(name).value == 25.0
    assert preset_value(name) == 25.0
    assert presets_frame([name]).loc[name, "value"] == 25.0
