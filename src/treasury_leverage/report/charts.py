"""Chart builders: a labelled DataFrame in, an Altair chart out; and :func:`save_chart`.

Builders take frames whose column names carry units (``maturity_years``, ``yield_pct``,
``change_bp``) so the axes can say what they show. Rendering to PNG or SVG goes through
vl-convert, which bundles Vega and runs offline.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["curve_chart", "curve_move_chart", "save_chart", "source_line", "with_source_footer"]

_WIDTH: Final = 560
_HEIGHT: Final = 300
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
    props = getattr(chart, "to_dict", None) and chart.to_dict(validate=False)
    if isinstance(props, dict) and isinstance(props.get("width"), int | float):
        width = int(props["width"])
    footer = (
        alt.Chart(pd.DataFrame({"footer": [line]}))
        .mark_text(align="left", baseline="middle", fontSize=10, color="#666666", limit=0)
        .encode(text="footer:N", x=alt.value(0), y=alt.value(6))
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


def _require(frame: pd.DataFrame, columns: list[str], *, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what}: the frame lacks columns {missing}; it has {list(map(str, frame.columns))}"
        )


def curve_chart(
    frame: pd.DataFrame, *, value_column: str, value_title: str,
    series_column: str | None = None, points: pd.DataFrame | None = None,
    title: str | None = None, source: str | None = None,
) -> alt.TopLevelMixin:
    """Line chart of one or more curves against maturity.

    Every chart carries a source-and-vintage footer (:func:`with_source_footer`): ``source``,
    or :func:`source_line` of ``frame.attrs`` (its ``date`` as the last date).

    Parameters
    ----------
    frame
        Long frame with ``maturity_years``, ``value_column`` and optionally ``series_column``
        (one line per label, e.g. ``"zero (NSS)"``).
    value_column, value_title
        The y column (e.g. ``"zero_yield_pct"``) and its axis title (e.g. ``"Zero yield (%)"``).
    series_column
        Column naming the line each row belongs to; ``None`` draws one line.
    points
        Optional observations drawn as dots (``maturity_years``, ``value_column`` and, if
        given, ``series_column``), e.g. the published par yields.
    title
        Chart title.
    source
        The footer line (default: :func:`source_line` of ``frame.attrs``).
    """
    import altair as alt

    _require(frame, ["maturity_years", value_column], what="curve_chart")
    x = alt.X("maturity_years:Q", title="Maturity (years)", scale=alt.Scale(domainMin=0))
    y = alt.Y(f"{value_column}:Q", title=value_title, scale=alt.Scale(zero=False))
    enc: dict[str, Any] = {"x": x, "y": y}
    if series_column is not None:
        _require(frame, [series_column], what="curve_chart")
        enc["color"] = alt.Color(f"{series_column}:N", title=None,
                                 legend=alt.Legend(orient="bottom"))
    base = alt.Chart(frame).mark_line(strokeWidth=2).encode(**enc)
    layers: list[Any] = [base]
    if points is not None:
        _require(points, ["maturity_years", value_column], what="curve_chart points")
        penc = dict(enc)
        if series_column is not None and series_column not in points.columns:
            penc.pop("color")
        layers.append(alt.Chart(points).mark_point(filled=True, size=40, color="black")
                      .encode(**penc, tooltip=["maturity_years", value_column]))
    chart = alt.layer(*layers) if len(layers) > 1 else base
    props: dict[str, Any] = {"width": _WIDTH, "height": _HEIGHT}
    if title:
        props["title"] = title
    line = source or source_line(frame.attrs, last_date=frame.attrs.get("date"))
    return with_source_footer(chart.properties(**props), line)


def curve_move_chart(
    frame: pd.DataFrame, *, start_label: str, end_label: str, value_title: str = "Yield (%)",
    title: str | None = None, subtitle: str | None = None, fitted_column: str | None = None,
    change_title: str = "Change (bp)", source: str | None = None,
) -> alt.TopLevelMixin:
    """Two panels: the start and end curves, and the change in basis points.

    Parameters
    ----------
    frame
        One row per maturity with ``maturity_years``, ``start_pct``, ``end_pct``,
        ``change_bp`` and, optionally, ``fitted_column`` (e.g. the level + slope + curvature
        part of the change, drawn as a line over the change).
    start_label, end_label
        Legend labels of the two curves (e.g. the dates).
    value_title
        Y title of the top panel (say par or zero).
    title, subtitle
        Chart title and a line under it (e.g. the level/slope/curvature numbers).
    fitted_column
        Column of a smooth fit of ``change_bp`` to overlay, or ``None``.
    change_title
        Y title of the bottom panel.
    source
        The footer line (default: :func:`source_line` of ``frame.attrs``).
    """
    import altair as alt
    import pandas as pd

    _require(frame, ["maturity_years", "start_pct", "end_pct", "change_bp"],
             what="curve_move_chart")
    long = pd.concat([
        pd.DataFrame({"maturity_years": frame["maturity_years"], "yield_pct": frame["start_pct"],
                      "curve": start_label}),
        pd.DataFrame({"maturity_years": frame["maturity_years"], "yield_pct": frame["end_pct"],
                      "curve": end_label}),
    ], ignore_index=True)
    x = alt.X("maturity_years:Q", title="Maturity (years)", scale=alt.Scale(domainMin=0))
    top = (
        alt.Chart(long).mark_line(point=True, strokeWidth=2)
        .encode(x=x, y=alt.Y("yield_pct:Q", title=value_title, scale=alt.Scale(zero=False)),
                color=alt.Color("curve:N", title=None, sort=[start_label, end_label],
                                legend=alt.Legend(orient="top")))
        .properties(width=_WIDTH, height=_HEIGHT)
    )
    change = frame[["maturity_years", "change_bp"]].copy()
    change["zero_bp"] = 0.0
    stems = alt.Chart(change).mark_rule(strokeWidth=3, color="#4c78a8").encode(
        x=x, y=alt.Y("zero_bp:Q", title=change_title), y2="change_bp:Q")
    heads = alt.Chart(change).mark_point(filled=True, size=50, color="#4c78a8").encode(
        x=x, y="change_bp:Q", tooltip=["maturity_years", "change_bp"])
    layers: list[Any] = [stems, heads]
    if fitted_column is not None:
        _require(frame, [fitted_column], what="curve_move_chart")
        fit = frame[["maturity_years", fitted_column]].rename(columns={fitted_column: "fit_bp"})
        layers.append(alt.Chart(fit).mark_line(color="#e45756", strokeDash=[4, 3])
                      .encode(x=x, y="fit_bp:Q"))
    bottom = alt.layer(*layers).properties(width=_WIDTH, height=180)
    chart = alt.vconcat(top, bottom)
    if title or subtitle:
        chart = chart.properties(title=alt.TitleParams(text=title or "", subtitle=subtitle or ""))
    return with_source_footer(chart, source or source_line(frame.attrs, last_date=frame.attrs.get("date")))


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
    # A uniquely named sibling (created with the umask's permissions, unlike mkstemp's 0600).
    tmp = folder / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
