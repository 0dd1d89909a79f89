"""Data: official sources, the vintaged store, the bundled snapshot and the public accessors.

>>> import treasury_leverage.data as tld
>>> tld.holdings("japan").loc["2025-12-31"]   # doctest: +SKIP
1185.5

Names are loaded lazily so that importing the package stays cheap. The live refresh is
``treasury_leverage.data.update.update()`` (``tlev data update``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "acm_published",
    "export",
    "gsw_parameters",
    "gsw_zero_curve",
    "holders",
    "holdings",
    "mspd",
    "par_curve",
    "read",
    "series",
    "slt_flows",
    "sql",
    "status",
    "survey_holdings",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("treasury_leverage.data.api"), name)
    raise AttributeError(f"module 'treasury_leverage.data' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
