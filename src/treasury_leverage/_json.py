"""One JSON encoder for every face: numpy and pandas scalars, dates and NaN as plain JSON values.

The CLI (``--format json``), the brief (``brief.json``) and the scenario results
(``ScenarioResult.to_dict``) all pass their payloads through :func:`to_jsonable`, so a value is
written the same way everywhere: NaN and infinities become ``null``, numpy scalars Python
numbers, midnight timestamps ``YYYY-MM-DD``.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

__all__ = ["to_jsonable"]


def to_jsonable(obj: Any) -> Any:
    """Convert numpy/pandas scalars, timestamps and NaN into plain JSON values (NaN -> null)."""
    import datetime as dt

    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, str | bytes):
        with contextlib.suppress(ValueError, AttributeError):
            obj = obj.item()
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, dt.datetime):
        return obj.date().isoformat() if obj.time() == dt.time() else obj.isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return obj
