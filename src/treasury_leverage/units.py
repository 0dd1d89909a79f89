"""Unit labels used in stored data, frames and JSON keys.

Yields and term premia are in percent, changes in basis points, holdings and money in USD
billions; raw TIC tables come in USD millions and are stored in their source unit.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BP", "BP_PER_DECIMAL", "CNY_PER_USD", "DECIMAL_PER_BP", "INDEX", "JPY_PER_USD", "PCT", "USD_BN",
    "USD_MN", "to_usd_bn",
]

PCT: Final = "percent"
BP: Final = "bp"
USD_BN: Final = "USD bn"
USD_MN: Final = "USD mn"
JPY_PER_USD: Final = "JPY per USD"
CNY_PER_USD: Final = "CNY per USD"
INDEX: Final = "index"

#: One basis point as a decimal fraction (multiply bp by it to get a rate or a price fraction).
DECIMAL_PER_BP: Final = 1e-4
#: Basis points in one unit of a decimal rate (multiply a decimal rate by it to get bp).
BP_PER_DECIMAL: Final = 1e4

_TO_BN: Final = {USD_BN: 1.0, USD_MN: 1e-3}


def to_usd_bn(unit: str) -> float:
    """Factor that converts a value in ``unit`` to USD billions.

    Raises
    ------
    ValueError
        If ``unit`` is not a dollar amount.
    """
    try:
        return _TO_BN[unit]
    except KeyError:
        raise ValueError(f"unit {unit!r} is not a USD amount; expected one of {sorted(_TO_BN)}") from None
