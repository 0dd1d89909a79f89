"""Published Treasury auction results: yield -> price as the Treasury computes it.

The Treasury converts an auction's high yield into the price per 100 with the formula of
31 CFR 356, Appendix B (simple interest over the fraction of the first period). New issues settle
on their dated date, so both conventions give the published price; reopenings settle mid-period,
where only the Treasury convention reproduces it (the street convention differs by ~0.002).
Results as reported by The Bond Buyer's auction stories (prices to six or seven decimals).
"""

from __future__ import annotations

import pytest

from treasury_leverage.curves import bond_price
from treasury_leverage.errors import InputError

# settle (issue date), maturity, coupon %, high yield %, published price per 100
NEW_ISSUES = [
    ("2008-05-15", "2018-05-15", 3.875, 3.937, 99.491561),  # $15bn 10-year notes, May 2008
    ("2017-08-15", "2027-08-15", 2.25, 2.250, 100.0),  # $23bn 10-year notes, Aug 2017 (par)
]
REOPENINGS = [
    ("2010-03-15", "2020-02-15", 3.625, 3.735, 99.0904934),  # 9-year 11-month notes, Mar 2010
    ("2015-07-15", "2025-05-15", 2.125, 2.225, 99.118448),  # 9-year 10-month notes, Jul 2015
    ("2018-01-16", "2027-11-15", 2.25, 2.579, 97.156278),  # 9-year 10-month notes, Jan 2018
]


@pytest.mark.parametrize(("settle", "maturity", "coupon", "yld", "published"), NEW_ISSUES + REOPENINGS)
def test_treasury_convention_reproduces_published_auction_prices(
    settle: str, maturity: str, coupon: float, yld: float, published: float
) -> None:
    price = bond_price(settle, maturity, coupon, yld, convention="treasury")
    assert price == pytest.approx(published, abs=1e-6)


@pytest.mark.parametrize(("settle", "maturity", "coupon", "yld", "published"), NEW_ISSUES)
def test_conventions_agree_on_coupon_dates(
    settle: str, maturity: str, coupon: float, yld: float, published: float
) -> None:
    assert bond_price(settle, maturity, coupon, yld) == pytest.approx(published, abs=1e-6)


@pytest.mark.parametrize(("settle", "maturity", "coupon", "yld", "published"), REOPENINGS)
def test_street_convention_differs_mid_period(
    settle: str, maturity: str, coupon: float, yld: float, published: float
) -> None:
    gap = bond_price(settle, maturity, coupon, yld) - published
    assert 0.0005 < gap < 0.005  # compounding over a fraction discounts less than simple interest


def test_unknown_convention_is_rejected() -> None:
    with pytest.raises(InputError, match="street"):
        bond_price("2025-04-11", "2035-02-15", 4.625, 4.48, convention="bloomberg")  # type: ignore[arg-type]
