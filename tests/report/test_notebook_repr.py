"""Result objects show a summary and a small table in a notebook, not a dataclass dump."""

from __future__ import annotations

import pytest


def test_scenario_result_repr_html() -> None:
    from treasury_leverage.scenario.engine import run
    from treasury_leverage.scenario.spec import sell_spec

    result = run(sell_spec("japan", 300, models=["beltran2013"], draws=0))
    html = result._repr_html_()
    assert html.startswith('<div class="tlev-result">') and "<table" in html and "beltran2013" in html
    assert "array(" not in html and "USD bn" not in html  # no numpy dump; money in the house style
    assert len(html) < 20_000


def test_game_result_repr_html() -> None:
    pytest.importorskip("treasury_leverage.scenario.engine")
    from treasury_leverage.game import leverage_game

    result = leverage_game("japan", responses=["hold", "sell 100bn"], models=["beltran2013"])
    html = result._repr_html_()
    assert "<table" in html and "sell $100bn" in html and "array(" not in html


def test_impact_result_renders_a_card_not_a_dump() -> None:
    from treasury_leverage.impact import SalesPath, get_model

    res = get_model("beltran2013").impact(SalesPath.even(100.0, 3), draws=200, seed=0)
    html = res._repr_html_()
    assert "beltran2013" in html and "<table" in html
    # the 10-year end impact in the card equals the result's own number (to the card's rounding)
    assert f"{res.end_bp('10y'):.1f}"[:3] in html
    assert len(html) < 20_000  # a card, not the arrays
