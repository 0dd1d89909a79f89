"""One house style for numbers and words in reader-facing text (CLI, brief, dashboard).

Money is written ``$21.9bn`` (``-$3.0bn`` when negative), basis points as integers or with one
decimal (``28 bp``, ``2.5 bp``), percentages ``10%``; the term premium is always in bp. CSV keeps
the source's precision and drops float noise (``143.20000000000005`` -> ``143.2``). Actions read
as plain English ("sell $300bn over 60 days after a 10% tariff"), not internal labels.

Only presentation lives here: nothing in this module computes a number a reader is asked to
trust, so every face (CLI, web, report) can share it without sitting above the models.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "bp",
    "csv_ready",
    "house_style",
    "money_bn",
    "move_label",
    "number",
    "pct",
]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, digits: int = 1) -> str:
    """``1,185.5``: thousands separators, ``digits`` decimals, empty for a missing value."""
    if _missing(value):
        return ""
    return f"{value:,.{digits}f}"


def money_bn(value: float | None, digits: int = 1, *, signed: bool = False) -> str:
    """A USD amount given in billions: ``$21.9bn``, ``-$3.0bn`` (``+$3.0bn`` with ``signed``).

    Parameters
    ----------
    value
        USD bn; ``None`` or NaN gives an empty string.
    digits
        Decimals (0 for round amounts such as ``$300bn``).
    signed
        Write ``+`` before positive amounts (changes, flows).
    """
    if _missing(value):
        return ""
    assert value is not None
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    return f"{sign}${abs(value):,.{digits}f}bn"


def bp(value: float | None, digits: int | None = None, *, unit: bool = True, signed: bool = False) -> str:
    """Basis points as an integer (``28 bp``) or, below 10 bp, with one decimal (``2.5 bp``).

    Parameters
    ----------
    value
        Basis points; ``None`` or NaN gives an empty string.
    digits
        Force a number of decimals (0 or 1 in the house style).
    unit
        Append `` bp``.
    signed
        Write ``+`` before positive values (moves).
    """
    if _missing(value):
        return ""
    assert value is not None
    if digits is None:
        digits = 0 if abs(value) >= 10 else 1
    text = f"{value:+,.{digits}f}" if signed else f"{value:,.{digits}f}"
    return text + (" bp" if unit else "")


def pct(value: float | None, digits: int = 1) -> str:
    """A percentage: ``10%``, ``0.7%`` (trailing ``.0`` dropped)."""
    if _missing(value):
        return ""
    assert value is not None
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


# -- CSV ---------------------------------------------------------------------------------------

#: Decimals kept in CSV by unit suffix of the column name: USD bn to the million (TIC SLT and
#: SHL publish USD mn), percent and bp to 1e-4 / 1e-2 bp (par yields are published to 0.01%).
_CSV_DECIMALS: tuple[tuple[str, int], ...] = (
    ("_usd_bn", 3),
    ("_usd_bn_per_month", 3),
    ("_bn", 3),
    ("_pct", 4),
    ("_bp", 2),
    ("_years", 4),
)


def csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Round float columns for CSV: the unit's precision (by name suffix), else 12 significant digits.

    Rounding only removes representation noise and digits below the source's precision; the
    JSON output keeps full precision.
    """
    import numpy as np

    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype.kind != "f":
            continue
        name = str(col)
        decimals = next((d for suffix, d in _CSV_DECIMALS if name.endswith(suffix)), None)
        if decimals is not None:
            out[col] = series.round(decimals)
        else:
            values = series.to_numpy(dtype=np.float64)
            # 12 significant digits; values too small or large to scale safely are left as they are.
            safe = np.isfinite(values) & (np.abs(values) > 1e-200) & (np.abs(values) < 1e200)
            mag = np.floor(np.log10(np.abs(np.where(safe, values, 1.0))))
            scale = 10.0 ** (11 - mag)
            out[col] = np.where(safe, np.round(np.where(safe, values, 0.0) * scale) / scale, values)
    return out


# -- words -------------------------------------------------------------------------------------

_MOVE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^hold$"), "hold"),
    (re.compile(r"^no tariff$"), "no tariff"),
    (re.compile(r"^tariff (?P<n>[\d.]+)%$"), "a {n}% tariff"),
    (re.compile(r"^pause (?P<n>\d+)m$"), "pause purchases for {n} months"),
    (re.compile(r"^runoff (?P<n>\d+)m$"), "let maturing bonds run off for {n} months"),
    (re.compile(r"^sell (?P<n>[\d.,]+)bn (?P<d>\d+)d$"), "sell ${n}bn over {d} days"),
    (re.compile(r"^sell (?P<n>[\d.,]+)bn$"), "sell ${n}bn"),
    (re.compile(r"^sell (?P<n>[\d.]+)%$"), "sell {n}% of its holdings"),
    (re.compile(r"^counter-tariff (?P<n>[\d.]+)%$"), "put a {n}% counter-tariff on U.S. exports"),
    (re.compile(r"^repo (?P<n>[\d.,]+)bn (?P<m>\d+)m$"),
     "borrow ${n}bn at the Fed's FIMA repo facility for {m} months"),
    (re.compile(r"^repo (?P<n>[\d.,]+)bn$"), "borrow ${n}bn at the Fed's FIMA repo facility"),
)


def move_label(label: str) -> str:
    """A game or scenario move in plain English.

    ``'runoff 24m'`` -> "let maturing bonds run off for 24 months".

    Unknown labels come back unchanged.
    """
    text = label.strip()
    for pattern, template in _MOVE_PATTERNS:
        m = pattern.match(text)
        if m:
            return template.format(**m.groupdict())
    return label


# A quote opens only where no letter precedes it (so "Japan's" is not a quote).
_QUOTED_AFTER = re.compile(r"(?<!\w)'([^']+)' after '([^']+)'(?!\w)")
_QUOTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)")
_USD_BN_AFTER = re.compile(r"(-?)(\d[\d,]*(?:\.\d+)?) ?USD bn")
_USD_BEFORE = re.compile(r"USD ?(\d[\d,]*(?:\.\d+)?) ?(bn|tn)")
_DOLLAR_SPACE = re.compile(r"\$(\d[\d,]*(?:\.\d+)?) (bn|tn)\b")


def house_style(text: str) -> str:
    """Rewrite library prose into the house style, without touching its numbers.

    ``8 USD bn`` / ``USD 300 bn`` / ``$21.9 bn`` -> ``$8bn`` / ``$300bn`` / ``$21.9bn``;
    ``'runoff 24m' after 'tariff 10%'`` -> "let maturing bonds run off for 24 months after a 10%
    tariff"; other quoted move labels are spelled out the same way.
    """
    out = _QUOTED_AFTER.sub(lambda m: f"{move_label(m.group(1))} after {move_label(m.group(2))}", text)
    out = _QUOTED.sub(lambda m: move_label(m.group(1)) if move_label(m.group(1)) != m.group(1)
                      else m.group(0), out)
    out = _USD_BN_AFTER.sub(lambda m: f"{m.group(1)}${m.group(2)}bn", out)
    out = _USD_BEFORE.sub(lambda m: f"${m.group(1)}{m.group(2)}", out)
    out = _DOLLAR_SPACE.sub(lambda m: f"${m.group(1)}{m.group(2)}", out)
    return out


# -- notebooks ---------------------------------------------------------------------------------


def html_card(title: str, summary: str, frame: pd.DataFrame | None = None, *, max_rows: int = 20) -> str:
    """A result in a notebook: a title, its ``summary()`` lines and (optionally) a small table.

    Parameters
    ----------
    title
        Heading (plain text; escaped).
    summary
        The result's ``summary()`` text; one paragraph per line, in the house style.
    frame
        A summary table (first ``max_rows`` rows shown, floats to 2 decimals).
    max_rows
        Rows of ``frame`` shown.
    """
    from html import escape

    lines = "".join(f"<li>{escape(house_style(line.strip()))}</li>" for line in summary.splitlines()
                    if line.strip())
    table = ""
    if frame is not None and len(frame):
        table = frame.head(max_rows).to_html(index=False, float_format=lambda v: f"{v:,.2f}", border=0,
                                             na_rep="")
    return (f'<div class="tlev-result"><strong>{escape(title)}</strong>'
            f'<ul style="margin:0.3em 0">{lines}</ul>{table}</div>')


# Pointers to the project's internal literature memo, which is not shipped with the package.
_MEMO = re.compile(r"(?:``)?(?:\.\./shared/)?docs/literature\.md(?:``)?"
                   r"(?:,?\s+sections?\s+[\d.]+(?:\s*(?:and|-)\s*[\d.]+)?)?")


def reader_source(text: str) -> str:
    """A preset's ``source`` or ``notes`` for readers: no pointer to a file outside the package.

    The project's internal literature memo (not shipped) becomes "our literature review"; the
    works it summarises are in :data:`treasury_leverage.bibliography.REFERENCES`.
    """
    out = _MEMO.sub("our literature review", text)
    return out[:1].upper() + out[1:] if out else out
