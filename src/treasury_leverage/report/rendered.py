"""Rendered charts (SVG and PNG) kept on disk, keyed by the chart's spec and the renderer.

vl-convert evaluates a chart with Vega to SVG and rasterises that to PNG: about 0.1-0.2 s a chart,
and a brief has eight. The files are a pure function of the Vega-Lite spec (data included), the
PNG scale and the vl-convert build (which pins Vega and the fonts it draws with), so a chart
rendered once is kept in the user cache folder (:func:`treasury_leverage.data.paths.cache_dir`,
``charts/vl-convert-<version>/``) under the SHA-256 of its canonical JSON and the scale. A brief
whose data did not change renders nothing; a new data vintage changes the specs, hence the keys.

Each entry is one file written atomically (:func:`treasury_leverage._atomic.atomic_write_bytes`)
that holds both renderings and the SHA-256 of each: a reader sees a whole entry or none, and an
entry whose content does not match its checksums (damaged on disk, edited) is ignored and
rendered again. An unwritable cache folder only costs the rendering.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Final

__all__ = ["RENDER_FORMAT", "render_cache_folder", "render_cache_warm", "render_key", "rendered"]

#: Bump when what an entry holds changes.
RENDER_FORMAT: Final = 1


def render_cache_folder() -> Path:
    """``<cache_dir>/charts/vl-convert-<version>``: one folder per renderer build."""
    import vl_convert as vlc

    from treasury_leverage.data.paths import cache_dir

    version = re.sub(r"[^0-9A-Za-z.]+", "_", str(getattr(vlc, "__version__", "unknown")))
    return cache_dir() / "charts" / f"vl-convert-{version}"


def render_cache_warm() -> bool:
    """Whether charts were rendered with this renderer before (its cache folder holds entries).

    ``tlev brief`` starts its renderer processes only when this is False: on a warm cache the
    brief's charts are usually all there, and the few that are not are rendered in-process.
    """
    folder = render_cache_folder()
    with contextlib.suppress(OSError):
        return any(p.suffix == ".json" for p in folder.iterdir())
    return False


def render_key(spec: dict[str, Any], scale: float) -> str:
    """File name of a chart's entry: SHA-256 of its canonical JSON, the scale and the format."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), allow_nan=False)
    digest = hashlib.sha256(f"{RENDER_FORMAT}|{scale!r}|{text}".encode()).hexdigest()
    return f"{digest[:40]}.json"


def rendered(spec: dict[str, Any], scale: float, *, folder: Path | None = None) -> tuple[str, bytes]:
    """The SVG text and PNG bytes of ``spec``: from the cache, else rendered (and kept).

    The PNG is rasterised from the SVG (``vl_convert.svg_to_png``, which is what
    ``vegalite_to_png`` does), so Vega evaluates the chart once.

    Parameters
    ----------
    spec
        A Vega-Lite spec with finite numbers only (:func:`treasury_leverage.report.html.chart_spec`).
    scale
        PNG pixel scale.
    folder
        The cache folder (default :func:`render_cache_folder`).
    """
    folder = render_cache_folder() if folder is None else folder
    path = folder / render_key(spec, scale)
    hit = _read(path)
    if hit is not None:
        return hit
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    png = bytes(vlc.svg_to_png(svg, scale=scale))
    _write(path, svg, png)
    return svg, png


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path) -> tuple[str, bytes] | None:
    """The entry at ``path`` if it is whole and matches its checksums, else None."""
    try:
        entry = json.loads(path.read_bytes())
        svg = entry["svg"].encode("utf-8")
        png = base64.b64decode(entry["png_base64"], validate=True)
        if (entry["format"] != RENDER_FORMAT or _sha(svg) != entry["svg_sha256"]
                or _sha(png) != entry["png_sha256"]):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return svg.decode("utf-8"), png


def _write(path: Path, svg: str, png: bytes) -> None:
    from treasury_leverage._atomic import atomic_write_bytes

    entry = {"format": RENDER_FORMAT, "svg": svg, "svg_sha256": _sha(svg.encode("utf-8")),
             "png_base64": base64.b64encode(png).decode("ascii"), "png_sha256": _sha(png)}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps(entry).encode("utf-8"))
