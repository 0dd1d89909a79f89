"""The house style for numbers and words (treasury_leverage._format)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from treasury_leverage._format import bp, csv_ready, house_style, money_bn, move_label, pct


def test_money_is_written_one_way() -> None:
    assert money_bn(21.94) == "$21.9bn"
    assert money_bn(300, 0) == "$300bn"
    assert money_bn(1185.5) == "$1,185.5bn"
    assert money_bn(-3.0) == "-$3.0bn"
    assert money_bn(3.0, signed=True) == "+$3.0bn"
    assert money_bn(float("nan")) == "" and money_bn(None) == ""


def test_bp_integers_or_one_decimal() -> None:
    assert bp(28.0) == "28 bp" and bp(2.54) == "2.5 bp" and bp(-47.2) == "-47 bp"
    assert bp(33.0, signed=True) == "+33 bp" and bp(5.0, unit=False) == "5.0"
    assert pct(10.0) == "10%" and pct(0.66, 2) == "0.66%"


def test_csv_ready_drops_float_noise_and_keeps_published_precision() -> None:
    frame = pd.DataFrame({"change_usd_bn": [866.0 - 722.8, 0.1234567], "yield_pct": [4.480000000000001, 1.0],
                          "shift_bp": [148.4812345, -0.004], "ratio": [1 / 3, 1e-7 + 1e-23]})
    out = csv_ready(frame)
    assert out["change_usd_bn"].tolist() == [143.2, 0.123]  # USD bn to the million (TIC SLT/SHL)
    assert out["yield_pct"].tolist() == [4.48, 1.0]
    assert out["shift_bp"].tolist() == [148.48, -0.0]
    assert out["ratio"].iloc[0] == pytest.approx(1 / 3, rel=1e-11) and out["ratio"].iloc[1] == 1e-7


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_csv_ready_never_moves_a_value_beyond_its_unit_precision(x: float) -> None:
    out = csv_ready(pd.DataFrame({"a_usd_bn": [x], "b": [x]}))
    assert abs(out["a_usd_bn"].iloc[0] - x) <= 0.0005 + 1e-9
    assert math.isclose(out["b"].iloc[0], x, rel_tol=1e-10, abs_tol=1e-300)


def test_moves_in_plain_english() -> None:
    assert move_label("runoff 24m") == "let maturing bonds run off for 24 months"
    assert move_label("pause 12m") == "pause purchases for 12 months"
    assert move_label("sell 300bn 20d") == "sell $300bn over 20 days"
    assert move_label("sell 25%") == "sell 25% of its holdings"
    assert move_label("tariff 10%") == "a 10% tariff"
    assert move_label("something else") == "something else"


def test_house_style_rewrites_prose_without_touching_numbers() -> None:
    text = ("'runoff 24m' after 'tariff 10%': costs Japan 22 USD bn and the U.S. 372 USD bn; Japan's "
            "threat to 'sell 300bn' is USD 300 bn, or $21.9 bn")
    out = house_style(text)
    assert out == ("let maturing bonds run off for 24 months after a 10% tariff: costs Japan $22bn and the "
                   "U.S. $372bn; Japan's threat to sell $300bn is $300bn, or $21.9bn")
