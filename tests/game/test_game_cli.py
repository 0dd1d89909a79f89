"""``tlev game``: JSON with unit keys, a table, and one-line errors."""

from __future__ import annotations

import json

import pytest

from cli_helpers import run_cli as run


def test_game_json(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("treasury_leverage.scenario.engine", reason="the scenario engine (issue 7) is not in")
    code, out, _ = run(capsys, "game", "japan", "-r", "hold", "-r", "pause 12m", "--model", "beltran2013",
                       "--set", "game_weight_us_mortgage=0", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["holder"] == "Japan" and d["holder_actions"] == ["hold", "pause 12m"]
    assert d["weights"]["game_weight_us_mortgage"] == 0.0
    cred = d["credibility"][0]
    assert {"credible_share_of_draws", "holder_cost_usd_bn", "us_cost_usd_bn", "leverage_ratio"} <= set(cred)
    assert d["verdicts"]


def test_game_table(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("treasury_leverage.scenario.engine", reason="the scenario engine (issue 7) is not in")
    code, out, _ = run(capsys, "game", "japan", "-t", "25", "-r", "sell 100bn", "--model", "beltran2013",
                       "--aims", "50")
    assert code == 0
    assert "The leverage game: Japan" in out and "a 25% tariff" in out and "sell 100bn" in out
    assert "USD bn" not in out and "$" in out  # the house style: "$9bn", never "9 USD bn"


def test_game_coalition_json(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("treasury_leverage.scenario.engine", reason="the scenario engine (issue 7) is not in")
    code, out, _ = run(capsys, "game", "japan", "--with", "china", "-r", "sell 100bn", "--model",
                       "beltran2013",
                       "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["members"] == ["Japan", "China, Mainland"] and d["responses"] == ["hold", "sell 100bn"]
    assert set(d["equilibrium"]) == {"joint", "independent"}
    assert set(d["deterrence_alone"]) == {"Japan", "China, Mainland"}


@pytest.mark.parametrize(
    ("args", "message"),
    [(("game", "atlantis"), "unknown holder 'atlantis'"),
     (("game", "japan", "-r", "dump"), "response 'dump'"),
     (("game", "japan", "--set", "no_such_preset=1"), "unknown preset"),
     (("game", "japan", "--horizon", "3", "--model", "beltran2013"), "horizon_years"),
     (("game", "japan", "--with", "atlantis"), "unknown country 'atlantis'")],
)
def test_game_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                  message: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err and err.count("\n") == 1
