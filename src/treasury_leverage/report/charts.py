"""Chart builders: a labelled DataFrame in, an Altair chart out; and :func:`save_chart`.

Builders take frames whose column names carry units (``maturity_years``, ``yield_pct``,
``change_bp``) so the axes can say what they show. Rendering to PNG or SVG goes through
vl-convert, which bundles Vega and runs offline.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["curve_chart", "curve_move_chart", "save_chart"]

_WIDTH: Final = 560
_HEIGHT: Final = 300
_FORMATS: Final = (".png", ".svg")


def _require(frame: pd.DataFrame, columns: list[str], *, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what}: the frame lacks columns {missing}; it has {list(map(str, frame.columns))}"
        )


def curve_chart(
    frame: pd.DataFrame, *, value_column: str, value_title: str,
    series_column: str | None = None, points: pd.DataFrame | None = None,
    title: str | None = None,
) -> alt.TopLevelMixin:
    """Line chart of one or more curves against maturity.

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
    return chart.properties(**props)


def curve_move_chart(
    frame: pd.DataFrame, *, start_label: str, end_label: str, value_title: str = "Yield (%)",
    title: str | None = None, subtitle: str | None = None, fitted_column: str | None = None,
    change_title: str = "Change (bp)",
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
    return chart


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
