"""Self-contained HTML: Vega-Lite charts embedded as JSON, the Vega bundle inlined, no network.

A page built with these helpers opens from a file with no connection: the Vega, Vega-Lite and
vega-embed libraries come from :func:`vl_convert.javascript_bundle` (vl-convert ships them), each
chart's spec sits in a ``<script type="application/json">`` block, and embedding is done with
the editor/export links switched off (they point at remote sites). :func:`remote_references`
finds any ``src=``/``href=`` (or CSS ``url()``/``@import``) a browser would fetch from a remote
host: the brief's tests assert it finds none.

:func:`write_chart_files` renders the PNG and SVG copies of a chart offline (vl-convert).
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

__all__ = [
    "EMBED_OPTIONS",
    "bundle_cache_key",
    "bundle_cached",
    "cached_text",
    "chart_spec",
    "embed_script",
    "javascript_bundle",
    "json_for_script",
    "prepare_bundle",
    "remote_references",
    "start_chart_pool",
    "vega_bundle",
    "vega_versions",
    "write_chart_files",
]

#: vega-embed options: SVG renderer (crisp, testable), no action menu (its links are remote).
EMBED_OPTIONS: Final[dict[str, Any]] = {"renderer": "svg", "actions": False}

# Attributes and CSS constructs through which a browser fetches something by itself.
_FETCHING: Final = re.compile(
    r"""(?:\b(?:src|href|srcset|poster|data|action|formaction|background)\s*=\s*["']?\s*"""
    r"""|url\(\s*["']?|@import\s+["']?)((?:https?:)?//[^\s"'<>)]+)""",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """The Vega + Vega-Lite + vega-embed JavaScript bundle (about 0.9 MB), built once per process.

    It defines ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``; inline it in a
    ``<script>`` tag. It is checked not to contain ``</script`` (which would end the tag early).
    Building it takes vl-convert 1.5-2 s, so it is also kept on disk (:func:`javascript_bundle`).
    """
    bundle = javascript_bundle()
    if "</script" in bundle.lower():  # pragma: no cover - a future bundle would need escaping
        bundle = re.sub(r"</(script)", r"<\\/\1", bundle, flags=re.IGNORECASE)
    return bundle


def javascript_bundle(snippet: str | None = None) -> str:
    """vl-convert's JavaScript bundle (with ``snippet`` appended), cached on disk.

    The bundle depends only on the vl-convert build (which pins the Vega, Vega-Lite and
    vega-embed versions it ships) and the snippet, so it is kept in the user cache folder
    (:func:`treasury_leverage.data.paths.cache_dir`, ``vega/``) under :func:`bundle_cache_key`;
    another vl-convert version or snippet is another key, hence a rebuilt bundle. The file is
    written atomically; an unwritable cache folder only costs the rebuild.
    """
    import vl_convert as vlc

    def build() -> str:
        if snippet is None:
            return str(vlc.javascript_bundle())  # type: ignore[call-arg]  # the stub omits the default
        return str(vlc.javascript_bundle(snippet))

    return cached_text(bundle_cache_key(snippet), build)


def bundle_cache_key(snippet: str | None = None) -> str:
    """File name of the cached bundle: vl-convert's and the bundled libraries' versions + snippet hash."""
    import hashlib

    versions = vega_versions()
    tag = "-".join(re.sub(r"[^0-9A-Za-z.]+", "_", versions[k])
                   for k in ("vl_convert", "vega", "vega_lite", "vega_embed"))
    digest = hashlib.sha256((snippet if snippet is not None else "<default>").encode()).hexdigest()[:12]
    return f"vega-bundle-{tag}-{digest}.js"


def cached_text(name: str, build: Callable[[], str], folder: Path | None = None) -> str:
    """``build()``'s text kept in ``folder/name`` (default the cache folder's ``vega/``).

    Read back when present and non-empty; otherwise built and written atomically (a reader sees
    the whole file or none). Errors of the cache folder are ignored: the text is then built.
    """
    from treasury_leverage._atomic import atomic_write_bytes

    if folder is None:
        from treasury_leverage.data.paths import cache_dir

        folder = cache_dir() / "vega"
    path = folder / name
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = path.read_text(encoding="utf-8")
        if text:
            return text
    text = build()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, text.encode("utf-8"))
    return text


def vega_versions() -> dict[str, str]:
    """Versions of vl-convert and the libraries it bundles (for provenance)."""
    return dict(_vega_versions())


@functools.lru_cache(maxsize=1)
def _vega_versions() -> dict[str, str]:
    """:func:`vega_versions`, asked of vl-convert once per process (~50 ms a time)."""
    import vl_convert as vlc

    return {
        "vl_convert": str(getattr(vlc, "__version__", "unknown")),
        "vega": str(vlc.get_vega_version()),
        "vega_embed": str(vlc.get_vega_embed_version()),
        "vega_lite": str(vlc.get_vegalite_versions()[-1]),
    }


def chart_spec(chart: Any) -> dict[str, Any]:
    """A chart's Vega-Lite spec as a plain dict (an Altair chart, or a spec dict).

    Non-finite numbers (NaN, inf), which JSON cannot carry, become ``None`` (a missing value to
    Vega), so that every spec can be embedded and rendered.
    """
    # Altair's JSON-schema validation is skipped here (it took about a third of the brief's
    # chart time); every chart the brief and the faces draw is validated against the Vega-Lite
    # schema by the tests (tests/report/test_chart_schema.py).
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    return dict(_finite(spec))


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def json_for_script(value: Any) -> str:
    """JSON text safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped as ``\\u003c``...

    JSON allows these escapes in strings, so the text parses to the same value, and no
    ``</script>`` or ``<!--`` inside the data can end the element early.
    """
    text = json.dumps(value, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def embed_script(chart_ids: list[str]) -> str:
    """JavaScript that embeds each chart: spec from ``#<id>-spec``, drawn into ``#<id>``.

    Once every chart has rendered, the ``<body>`` gets ``data-charts-rendered="<n>"`` (the
    browser test waits for it); a chart that fails shows its error in its container and sets
    ``data-chart-error`` there.
    """
    ids = json_for_script(chart_ids)
    opts = json_for_script(EMBED_OPTIONS)
    return (
        "(function(){\n"
        f"  var ids = {ids}, opts = {opts}, done = 0;\n"
        "  ids.forEach(function(id){\n"
        "    var el = document.getElementById(id);\n"
        "    var spec = JSON.parse(document.getElementById(id + '-spec').textContent);\n"
        "    vegaEmbed(el, spec, opts).then(function(){\n"
        "      el.setAttribute('data-rendered', 'true');\n"
        "    }).catch(function(err){\n"
        "      el.setAttribute('data-chart-error', String(err));\n"
        "      el.textContent = 'Chart could not be drawn: ' + err;\n"
        "    }).finally(function(){\n"
        "      done += 1;\n"
        "      if (done === ids.length) {\n"
        "        document.body.setAttribute('data-charts-rendered', String(done));\n"
        "      }\n"
        "    });\n"
        "  });\n"
        "  if (ids.length === 0) { document.body.setAttribute('data-charts-rendered', '0'); }\n"
        "})();\n"
    )


def remote_references(html: str) -> list[str]:
    """URLs on remote hosts that a browser would fetch by itself when opening ``html``.

    Looks at fetching attributes (``src``, ``href``, ``srcset``, ``poster``, ``data``,
    ``action``...) and CSS ``url()``/``@import``; URLs inside JSON data or JavaScript string
    literals (a spec's ``$schema``) are not fetched and not reported.

    Returns
    -------
    list of str
        The offending URLs (empty for a self-contained page).
    """
    return [m.group(1) for m in _FETCHING.finditer(html)]


def write_chart_files(chart: Any, folder: Path, stem: str, *, scale: float = 2.0) -> dict[str, Path]:
    """Render a chart to ``<folder>/<stem>.png`` and ``.svg`` offline (vl-convert).

    The chart is evaluated by Vega once: the SVG, then the PNG rasterised from that SVG
    (``vl_convert.svg_to_png``, which is what ``vegalite_to_png`` does internally, so the bytes are
    the same) -- this halves the rendering time of a brief's charts. A chart rendered before
    (the same spec, scale and vl-convert) comes from the render cache
    (:func:`treasury_leverage.report.rendered.rendered`), the same bytes. Each file is written
    atomically (a uniquely named sibling, then ``os.replace``), with the umask's permissions.

    Returns
    -------
    dict
        ``{"png": path, "svg": path}``.
    """
    from treasury_leverage.report.rendered import rendered

    folder.mkdir(parents=True, exist_ok=True)
    svg, png = rendered(chart_spec(chart), scale)
    return {"png": _write_shared(folder / f"{stem}.png", png),
            "svg": _write_shared(folder / f"{stem}.svg", svg.encode("utf-8"))}


def start_chart_pool(workers: int = 2, *, jobs: Sequence[Callable[[], Any]] = ()) -> Any:
    """Processes that render chart files, started (and vl-convert warmed up) ahead of time.

    Rendering a brief's charts takes about a second of vl-convert time on one core, plus about
    0.35 s to start its JavaScript runtime. A caller that knows charts will follow (``tlev
    brief``) starts this pool first: the processes start and warm up on the other core while the
    numbers are computed, and :func:`treasury_leverage.report.brief.write_brief` then renders the
    charts on them in parallel. The files are the same bytes (the same vl-convert calls).

    Parameters
    ----------
    workers
        Processes.
    jobs
        Preparations to run first, before the warm-up (picklable functions without arguments,
        such as :func:`prepare_bundle`); their futures are the pool's ``prepared`` list.

    Returns
    -------
    concurrent.futures.ProcessPoolExecutor
        Shut it down when done (``pool.shutdown()``).
    """
    from treasury_leverage._workers import process_pool

    pool = process_pool(workers)
    pool.prepared = [pool.submit(job) for job in jobs]  # type: ignore[attr-defined]
    for _ in range(workers):
        pool.submit(_warm_renderer)
    return pool


def bundle_cached() -> bool:
    """Whether the default Vega bundle is already in the cache folder (see :func:`javascript_bundle`)."""
    from treasury_leverage.data.paths import cache_dir

    path = cache_dir() / "vega" / bundle_cache_key()
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def prepare_bundle() -> None:
    """Build the default Vega bundle into the cache folder (a renderer process runs this while
    ``tlev brief`` computes; the brief's page then reads the file instead of building it)."""
    javascript_bundle()


def _warm_renderer() -> None:
    """Start vl-convert's JavaScript runtime in this process (its first render costs ~0.35 s)."""
    import vl_convert as vlc

    vlc.vegalite_to_svg({"data": {"values": [{"x": 0}]}, "mark": "point",
                         "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def _write_shared(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically, readable by others (unlike ``mkstemp``'s 0600)."""
    from treasury_leverage._atomic import atomic_write_bytes

    atomic_write_bytes(target, data, shared=True)
    return target
