"""U.S. Treasury TIC files on foreign holdings of U.S. Treasury securities: pure parsers.

Every parser takes the raw text (or bytes) of one published file and returns the tidy frame of
:mod:`treasury_leverage.data.sources._common` (``date, series_id, value, unit``), or raises
:class:`~treasury_leverage.errors.DataFormatError` naming the file, the line and what was
expected. Dates are month-ends. The format quirks are described in
``../shared/data/tic/SOURCES.md``; the choices made here are listed in each
parser's module.

One module per file family:

* :mod:`.mfh`: Major Foreign Holders, history and current Table 5 (:func:`parse_mfh`);
* :mod:`.slt`: SLT Table 1, long-term securities by country (:func:`parse_slt_table1`);
* :mod:`.survey`: the annual survey history, SHL (:func:`parse_shl_history`);
* :mod:`.csv_history`: the historical CSV tables, SLT aggregate and short-term custody
  (:func:`parse_slt2d_history`, :func:`parse_bltype_history`);
* :mod:`._common`: helpers they share (months, cells, headers, rounding bounds).

The catalog names a parser ``"tic:<function>"`` (:class:`treasury_leverage.data.catalog.RawFile`),
resolved as an attribute of this package, so every parser is re-exported here.
"""

from __future__ import annotations

from treasury_leverage.data.sources.tic.csv_history import parse_bltype_history, parse_slt2d_history
from treasury_leverage.data.sources.tic.mfh import MFH_HISTORY_URL, SLT_TABLE5_URL, parse_mfh
from treasury_leverage.data.sources.tic.slt import SLT_TABLE1_URL, parse_slt_table1
from treasury_leverage.data.sources.tic.survey import parse_shl_history

__all__ = [
    "MFH_HISTORY_URL",
    "SLT_TABLE1_URL",
    "SLT_TABLE5_URL",
    "parse_bltype_history",
    "parse_mfh",
    "parse_shl_history",
    "parse_slt2d_history",
    "parse_slt_table1",
]
