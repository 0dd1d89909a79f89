"""The scenario spec: YAML/JSON loading, CLI builders, errors that name the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treasury_leverage.data import api
from treasury_leverage.errors import ScenarioError
from treasury_leverage.scenario.spec import (
    MATURITIES_YEARS,
    PauseAction,
    ScenarioSpec,
    SellAction,
    check_spec,
    load_spec,
    parse_spec,
    sell_spec,
    spec_hash,
)

YAML = """
name: coalition
actors:
  - holder: japan
    sell: {amount_usd_bn: 300, days: 60, mix: longest-first, convert_share: 0.5}
  - holder: china
    pause: {months: 12}
trade: {tariff_pct: {japan: 25}}
models: [beltran2013, Habitat]
draws: 1000
seed: 7
"""


def test_maturities_are_the_contract_tuple() -> None:
    assert MATURITIES_YEARS == (1, 2, 3, 5, 7, 10, 20, 30)


def test_yaml_and_json_give_the_same_spec(tmp_path: Path) -> None:
    y = tmp_path / "s.yaml"
    y.write_text(YAML)
    spec = load_spec(y)
    assert isinstance(spec.actors[0].action, SellAction) and spec.actors[0].action.mix == "longest-first"
    assert isinstance(spec.actors[1].action, PauseAction) and spec.actors[1].action.months == 12
    assert spec.models == ["beltran2013", "habitat"]  # normalised
    assert spec.trade is not None and spec.trade.tariff_pct == {"japan": 25}
    j = tmp_path / "s.json"
    j.write_text(json.dumps(spec.to_json_dict()))
    again = load_spec(j)
    assert again == spec and spec_hash(again) == spec_hash(spec)


def test_hash_changes_with_any_field() -> None:
    a = sell_spec("japan", 300, days=60)
    assert spec_hash(a) == spec_hash(sell_spec("japan", 300, days=60))
    assert spec_hash(a) != spec_hash(sell_spec("japan", 300, days=61))
    assert spec_hash(a) != spec_hash(sell_spec("japan", 300, days=60, seed=1))


def test_percent_amount_from_the_cli_string() -> None:
    spec = sell_spec("japan", "25%")
    act = spec.actors[0].action
    assert isinstance(act, SellAction) and act.amount_pct == 25 and act.amount_usd_bn is None


@pytest.mark.parametrize(("data", "field"), [
    ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 10, "days": 0}}]}, "actors[0].action.days"),
    ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": -5}}]}, "actors[0].action.amount_usd_bn"),
    ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 5, "mix": "random"}}]},
     "actors[0].action.mix"),
    ({"actors": [{"holder": "japan", "sell": {}}]}, "actors[0].action"),
    ({"actors": [{"holder": "japan", "pause": {"months": -1}}]}, "actors[0].action.months"),
    ({"actors": [{"holder": "japan", "runoff": {"months": 0}}]}, "actors[0].action.months"),
    ({"actors": [{"holder": "japan", "hold": {}}, {"holder": "Japan", "pause": {"months": 3}}]}, "actors[1]"),
    ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 5}, "pause": {"months": 2}}]}, "actors[0]"),
    ({"models": ["beltran"]}, "models"),
    ({"draws": -1}, "draws"),
    ({"trade": {"tariff_pct": {"japan": -3}}}, "trade.tariff_pct"),
    ({"overrides": {"no_such_preset": 1.0}}, "overrides"),
    ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 5, "mix": "buckets",
                                              "buckets": {"10y": 0.5}}}]}, "actors[0].action"),
])
def test_structural_errors_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_spec(data)
    assert str(info.value).startswith(f"invalid scenario: {field}")


def test_unknown_model_suggests_the_closest() -> None:
    with pytest.raises(ScenarioError, match="beltran2013"):
        parse_spec({"models": ["beltran"]})


def test_malformed_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [\n  - holder: japan\n")
    with pytest.raises(ScenarioError, match="malformed YAML at line"):
        load_spec(bad)
    with pytest.raises(ScenarioError, match=r"expected a \.yaml"):
        load_spec(tmp_path / "x.txt")
    with pytest.raises(ScenarioError, match="cannot be read"):
        load_spec(tmp_path / "missing.yaml")


def test_data_checks_name_the_field() -> None:
    with pytest.raises(ScenarioError, match=r"actors\[0\]\.holder: unknown country 'japn'.*Japan"):
        check_spec(parse_spec({"actors": [{"holder": "japn", "hold": {}}]}))
    held = float(api.holdings("japan").iloc[-1])
    with pytest.raises(ScenarioError,
                       match=r"actors\[0\]\.action\.amount_usd_bn: a sale of .* exceeds Japan"):
        check_spec(sell_spec("japan", held + 1))
    with pytest.raises(ScenarioError, match="start: 1900-01-02 is outside the data"):
        check_spec(parse_spec({"start": "1900-01-02"}))
    with pytest.raises(ScenarioError, match=r"trade\.tariff_pct\['narnia'\]"):
        check_spec(parse_spec({"trade": {"tariff_pct": {"narnia": 10}}}))


def test_resolution_against_the_data() -> None:
    held = api.holdings("japan")
    res = check_spec(sell_spec("japan", "10%", start="2024-03-15"))
    assert res.holders == ("Japan",)
    assert res.start.isoformat() == "2024-03-15"
    assert res.holdings_date.isoformat() == "2024-02-29"  # the last month-end before the start
    assert res.holdings_usd_bn[0] == pytest.approx(float(held.loc["2024-02-29"]))
    assert res.sell_usd_bn[0] == pytest.approx(0.1 * float(held.loc["2024-02-29"]))
    # a weekend start moves back to the last curve date
    assert check_spec(parse_spec({"start": "2024-03-17"})).start.isoformat() == "2024-03-15"


def test_empty_spec_is_valid() -> None:
    spec = ScenarioSpec()
    assert spec.actors == [] and spec.draws == 0 and spec.model_names()
