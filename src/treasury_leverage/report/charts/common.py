"""What every chart shares: the source footer, the column check and :func:`save_chart`.

Rendering to PNG or SVG goes through vl-convert, which bundles Vega and runs offline.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["last_date_of", "require_columns", "save_chart", "source_line", "with_source_footer"]

_FORMATS: Final = (".png", ".svg")
_FOOTER_WIDTH: Final = 560


def _day(value: Any) -> str:
    import pandas as pd

    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    return str(value) if pd.isna(stamp) else f"{stamp:%Y-%m-%d}"


def last_date_of(frame: pd.DataFrame) -> str | None:
    """The last date a frame holds: its DatetimeIndex, else a ``date`` column, else None."""
    import pandas as pd

    if isinstance(frame.index, pd.DatetimeIndex) and len(frame.index):
        return _day(frame.index.max())
    if "date" in frame.columns and len(frame):
        return _day(pd.to_datetime(frame["date"]).max())
    return None


def source_line(
    attrs: Mapping[str, Any] | None = None,
    *,
    dataset: str | None = None,
    publisher: str | None = None,
    last_date: Any | None = None,
    vintage: Any | None = None,
    note: str | None = None,
) -> str:
    """The source-and-vintage footer of a chart: publisher, dataset, last date (and vintage).

    Values not passed are read from ``attrs`` (the provenance the data accessors attach:
    ``dataset``, ``source``, ``vintage``, ``last_date``); the publisher and the dataset's title
    come from the catalog.

    Examples
    --------
    ``Source: U.S. Treasury, Treasury International Capital (TIC) system - Major foreign holders
    of Treasury securities (TIC) [holdings]; data to 2026-06-30; vintage 2026-08-17``
    """
    from treasury_leverage.data.catalog import CATALOG

    a = dict(attrs or {})
    name = dataset or a.get("dataset")
    ds = CATALOG.get(str(name)) if name else None
    who = publisher or (ds.publisher if ds is not None else None) or a.get("source") or "treasury-leverage"
    what = f"{ds.title} [{ds.id}]" if ds is not None else (str(name) if name else None)
    parts = [f"Source: {who}" + (f" - {what}" if what else "")]
    if note:
        parts.append(note)
    end = last_date if last_date is not None else a.get("last_date")
    if end is not None:
        parts.append(f"data to {_day(end)}")
    vint = vintage if vintage is not None else a.get("vintage")
    if vint:
        parts.append(f"vintage {str(vint)[:10]}")
    return "; ".join(parts)


def with_source_footer(chart: Any, line: str) -> Any:
    """Add ``line`` under ``chart`` as a small grey footer (as analysts' TIC charts do).

    A concatenated chart gets the footer as its last row; any other chart is placed above the
    footer in a vertical concatenation that takes over its title, so the title stays on top.
    Every chart builder of the report modules ends with this.
    """
    import altair as alt
    import pandas as pd

    width = _FOOTER_WIDTH
    # The chart's own top-level width (what its spec's "width" is): read from the attribute,
    # not from chart.to_dict(), which converted every dataset of the chart once more.
    own = chart.get("width") if isinstance(chart, dict) else getattr(chart, "width", None)
    if isinstance(own, int | float) and not isinstance(own, bool):
        width = int(own)
    footer = (
        alt.Chart(pd.DataFrame({"footer": [line]}))
        .mark_text(align="left", baseline="middle", fontSize=10, color="#666666", limit=0)
        .encode(text=alt.Text("footer:N"), x=alt.XValue(0), y=alt.YValue(6))
        .properties(width=width, height=12)
    )
    if isinstance(chart, alt.VConcatChart):
        out = chart.copy(deep=False)
        out.vconcat = [*chart.vconcat, footer]
        return out
    inner = chart.copy(deep=False)
    title = inner.title
    inner.title = alt.Undefined
    out = alt.vconcat(inner, footer, spacing=4)
    if title is not alt.Undefined:
        out.title = title
    return out


def require_columns(frame: pd.DataFrame, columns: list[str], *, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what}: the frame lacks columns {missing}; it has {list(map(str, frame.columns))}"
        )


def save_chart(chart: Any, path: str | os.PathLike[str], *, scale: float = 2.0) -> Path:
    """Render a chart offline (vl-convert) to PNG or SVG, chosen by the file extension.

    The file is written atomically (temporary file, then ``os.replace``).

    Parameters
    ----------
    chart
        An Altair chart (or a Vega-Lite spec as a dict).
    path
        Target file ending in ``.png`` or ``.svg``; its folder must exist.
    scale
        PNG pixel scale (2 = crisp on high-density screens).

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    InputError
        Unknown extension, or a folder that does not exist.
    """
    import vl_convert as vlc

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in _FORMATS:
        raise InputError(
            f"chart file {str(target)!r}: unknown extension {suffix or '(none)'!r}; "
            f"expected one of {', '.join(_FORMATS)}"
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"chart file {str(target)!r}: folder {str(folder)!r} does not exist")
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    data: bytes
    if suffix == ".png":
        data = bytes(vlc.vegalite_to_png(spec, scale=scale))
    else:
        data = vlc.vegalite_to_svg(spec).encode("utf-8")
    from treasury_leverage._atomic import atomic_write_bytes

    atomic_write_bytes(target, data, shared=True)
    return target
