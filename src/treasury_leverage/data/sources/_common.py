"""Shared plumbing for the per-publisher parsers.

Every parser is a pure function ``parse_*(raw, *, source=...) -> DataFrame`` that takes the raw
text or bytes of one published file and returns a *tidy* frame with exactly the columns
:data:`TIDY_COLUMNS`:

``date``
    ``datetime64[ns]``; month-end for monthly data, the observation day for daily data.
``series_id``
    ``str``; unique per date within a dataset. Multi-dimensional tables encode their dimensions
    as ``"<entity>|<measure>"`` (for example ``"Japan|treas_net"``).
``value``
    ``float64``, in ``unit``; missing observations are dropped, never stored as NaN.
``unit``
    ``str``, one of the labels in :mod:`treasury_leverage.units`.

Parsers validate what they read and raise :class:`~treasury_leverage.errors.DataFormatError`
naming the file, the line and what was expected; they never raise anything else on bad input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from treasury_leverage.errors import DataFormatError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TIDY_COLUMNS", "decode_text", "finish_tidy"]

TIDY_COLUMNS: Final = ("date", "series_id", "value", "unit")


def decode_text(raw: str | bytes, *, source: str) -> str:
    """Decode a published text file (UTF-8, optional BOM) and normalise line endings.

    Parameters
    ----------
    raw
        The file's bytes, or text already decoded.
    source
        Name of the file, for error messages.

    Raises
    ------
    DataFormatError
        If the bytes are not UTF-8 or the file is empty.
    """
    if isinstance(raw, bytes | bytearray):
        try:
            text = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = bytes(raw)[: exc.start].count(b"\n") + 1
            raise DataFormatError(
                f"not UTF-8 text (byte 0x{bytes(raw)[exc.start]:02x} at offset {exc.start}); "
                "expected the publisher's UTF-8 file",
                source=source,
                line=line,
            ) from None
    else:
        text = raw.removeprefix("\ufeff")
    if "\x00" in text:
        raise DataFormatError("contains NUL bytes; expected a text file", source=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataFormatError("file is empty", source=source)
    return text


def finish_tidy(frame: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """Coerce a parser's output to the tidy contract and check it.

    Drops rows whose value is missing, casts dtypes, sorts by ``series_id, date`` and checks that
    ``(date, series_id)`` is unique and every value finite.

    Raises
    ------
    DataFormatError
        If columns are missing, a date did not parse, or a ``(date, series_id)`` pair repeats.
    """
    import numpy as np
    import pandas as pd

    missing = [c for c in TIDY_COLUMNS if c not in frame.columns]
    if missing:
        raise DataFormatError(f"parser produced no {missing} column(s)", source=source)
    out = frame.loc[:, list(TIDY_COLUMNS)].copy()
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    out = out[np.isfinite(out["value"].to_numpy())]
    if out.empty:
        raise DataFormatError("no data rows found", source=source)
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    if out["date"].isna().any():
        raise DataFormatError("a date did not parse", source=source)
    out["series_id"] = out["series_id"].astype(str)
    out["unit"] = out["unit"].astype(str)
    dup = out.duplicated(["date", "series_id"], keep=False)
    if dup.any():
        first = out[dup].iloc[0]
        raise DataFormatError(
            f"series {first['series_id']!r} has two values for {first['date']:%Y-%m-%d}; "
            "expected one value per date and series",
            source=source,
        )
    return out.sort_values(["series_id", "date"], kind="stable").reset_index(drop=True)
