"""``tlev bond price|yield``: a thin face over bond_analytics."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from treasury_leverage.cli.main import app, main
from treasury_leverage.curves.bonds import bond_analytics

ql = pytest.importorskip("QuantLib")

EXAMPLE = ["--settle", "2025-04-11", "--maturity", "2035-02-15", "--coupon", "4.625"]
KEYS = {"clean_price_per_100", "accrued_per_100", "dirty_price_per_100",
        "modified_duration_years", "macaulay_duration_years", "dv01_per_100", "convexity"}


def _quantlib_clean(yield_pct: float) -> float:
    s, m = ql.Date(11, 4, 2025), ql.Date(15, 2, 2035)
    sched = ql.Schedule(ql.Date(15, 2, 2025), m, ql.Period(ql.Semiannual), ql.NullCalendar(),
                        ql.Unadjusted, ql.Unadjusted, ql.DateGeneration.Backward, True)
    dc = ql.ActualActual(ql.ActualActual.Bond, sched)
    bond = ql.FixedRateBond(0, 100.0, sched, [0.04625], dc)
    rate = ql.InterestRate(yield_pct / 100, dc, ql.Compounded, ql.Semiannual)
    return ql.BondFunctions.cleanPrice(bond, rate, s)


def test_price_json() -> None:
    result = CliRunner().invoke(app, ["bond", "price", *EXAMPLE, "--yield", "4.48",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) >= KEYS
    assert out["clean_price_per_100"] == pytest.approx(_quantlib_clean(4.48), abs=1e-9)
    ref = bond_analytics("2025-04-11", "2035-02-15", 4.625, yield_pct=4.48)
    for key in KEYS:
        assert out[key] == pytest.approx(getattr(ref, key), rel=1e-15), key
    assert out["dirty_price_per_100"] == pytest.approx(
        out["clean_price_per_100"] + out["accrued_per_100"], abs=1e-12)


def test_yield_round_trips_the_price() -> None:
    runner = CliRunner()
    priced = json.loads(runner.invoke(app, ["bond", "price", *EXAMPLE, "--yield", "4.48",
                                            "-f", "json"]).stdout)
    clean = runner.invoke(app, ["bond", "yield", *EXAMPLE, "--price",
                                repr(priced["clean_price_per_100"]), "-f", "json"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.stdout)["yield_pct"] == pytest.approx(4.48, abs=1e-9)
    dirty = runner.invoke(app, ["bond", "yield", *EXAMPLE, "--dirty", "--price",
                                repr(priced["dirty_price_per_100"]), "-f", "json"])
    assert json.loads(dirty.stdout)["yield_pct"] == pytest.approx(4.48, abs=1e-9)


def test_price_table() -> None:
    result = CliRunner().invoke(app, ["bond", "price", *EXAMPLE, "--yield", "4.48"])
    assert result.exit_code == 0, result.output
    assert "Clean price" in result.stdout and "DV01" in result.stdout
    assert f"{_quantlib_clean(4.48):.6f}" in result.stdout


@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["bond", "price", "--settle", "2025-04-11", "--maturity", "2020-02-15",
          "--coupon", "4.625", "--yield", "4.48"], "maturity 2020-02-15 must be after settle"),
        (["bond", "yield", *EXAMPLE, "--price", "-5"], "price: expected a number > 0"),
        (["bond", "price", "--settle", "2025-02-30", "--maturity", "2035-02-15",
          "--coupon", "4.625", "--yield", "4.48"], "settle: could not read"),
    ],
)
def test_bad_input_is_one_line(capsys, argv: list[str], match: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.strip().count("\n") == 0
    assert match in err
    assert "Traceback" not in err
