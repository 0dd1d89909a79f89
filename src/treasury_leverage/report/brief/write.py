"""Writing the brief into a folder, atomically: HTML, chart files, ``brief.json``, ``brief.md``."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from treasury_leverage.report.brief.document import Brief

__all__ = ["BRIEF_MARKER", "Format", "check_brief_target", "is_brief_folder", "write_brief"]

Format = Literal["html", "md", "json"]


#: Written into every brief folder; a folder is replaced only if it carries this file (or is empty).
BRIEF_MARKER = ".tlev-brief"


def is_brief_folder(path: Path) -> bool:
    """Whether ``path`` is a folder :func:`write_brief` wrote (it carries :data:`BRIEF_MARKER`) or
    an empty folder, so that it may be replaced whole.

    Files that merely look like a brief's (``brief-x.html``) do not count: only the marker the
    brief itself wrote does, so a user's folder is never deleted.
    """
    if path.is_symlink() or not path.is_dir():
        return False
    return (path / BRIEF_MARKER).is_file() or not any(path.iterdir())


def check_brief_target(out_dir: str | os.PathLike[str]) -> Path:
    """Check, before any work, that a brief can be written to ``out_dir``; return its absolute path.

    Raises
    ------
    InputError
        ``out_dir`` is a file or a symbolic link, the current folder, a folder :func:`write_brief`
        did not write, or its parent folder cannot be created or written to.
    """
    from treasury_leverage.errors import InputError

    target = Path(out_dir).absolute()
    shown = str(out_dir)
    if target.is_symlink():
        raise InputError(f"--out {shown!r} is a symbolic link; expected a plain folder name")
    if target.exists() and not target.is_dir():
        raise InputError(f"--out {shown!r} is a file; expected a folder (it will be created)")
    if target.exists() and (target.resolve() == Path.cwd().resolve() or not is_brief_folder(target)):
        raise InputError(f"--out {shown!r} already exists and holds other files; expected a new "
                         "folder, an empty one or a previous brief's (which is replaced whole)")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".probe", dir=parent)
        os.rmdir(probe)
    except OSError as exc:
        raise InputError(f"--out {shown!r}: cannot write into folder {str(parent)!r} "
                         f"({exc.strerror or type(exc).__name__}); expected a writable folder") from None
    return target


def write_brief(
    brief: Brief,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    formats: Iterable[Format] = ("html",),
    chart_files: bool = True,
    chart_pool: Any | None = None,
) -> Path:
    """Write the brief into a folder, atomically; return the folder.

    Everything is written into a temporary sibling folder first, which then replaces ``out_dir``
    (an existing folder is moved aside and removed only after the rename), so a failure leaves
    the previous folder, or none, never a half-written one. An existing ``out_dir`` is replaced
    only if it holds nothing but a previous brief (:func:`is_brief_folder`): a folder with other
    files is refused, never deleted.

    Parameters
    ----------
    brief
        From :func:`build_brief`.
    out_dir
        Target folder; ``./brief-<slug>`` if None.
    formats
        ``"html"`` (``brief-<slug>.html``), ``"md"`` (``brief.md``), ``"json"`` (``brief.json``).
        The HTML is always written.
    chart_files
        Also write ``charts/<key>.png`` and ``.svg`` for every chart.
    chart_pool
        An executor to render the chart files on in parallel
        (:func:`treasury_leverage.report.html.start_chart_pool`); default: in this process.

    Raises
    ------
    InputError
        ``out_dir`` is a file, a symbolic link, the current folder, or a folder holding anything
        but a brief (see :func:`check_brief_target`).
    """
    import json

    from treasury_leverage._stages import stage
    from treasury_leverage.errors import InputError
    from treasury_leverage.report.brief.render import render_html, render_markdown
    from treasury_leverage.report.html import write_chart_files

    wanted = set(formats) | {"html"}
    unknown = wanted - {"html", "md", "json"}
    if unknown:
        raise InputError(f"brief formats {sorted(unknown)}: expected html, md or json")
    target = check_brief_target(out_dir if out_dir is not None else Path(f"brief-{brief.slug}"))
    parent = target.parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    jobs: list[Any] = []
    try:
        os.chmod(tmp, 0o755)  # mkdtemp makes it owner-only; the brief is meant to be shared
        (tmp / BRIEF_MARKER).write_text("written by treasury-leverage (tlev brief); this folder is "
                                        "replaced whole by the next brief written here\n", encoding="utf-8")
        # On a pool, the charts render while this process writes the page.
        jobs += [chart_pool.submit(write_chart_files, chart.spec, tmp / "charts", chart.key)
                for chart in brief.charts] if chart_files and chart_pool is not None else []
        with stage("write html"):
            (tmp / f"brief-{brief.slug}.html").write_text(render_html(brief), encoding="utf-8")
        if chart_files:
            with stage("render charts (svg, png)"):
                if chart_pool is None:
                    for chart in brief.charts:
                        write_chart_files(chart.spec, tmp / "charts", chart.key)
                for job in jobs:
                    job.result()
        if "json" in wanted:
            with stage("write json"):
                (tmp / "brief.json").write_text(json.dumps(brief.to_dict(), indent=2, allow_nan=False) + "\n",
                                                encoding="utf-8")
        if "md" in wanted:
            with stage("write markdown"):
                (tmp / "brief.md").write_text(render_markdown(brief), encoding="utf-8")
        old = None
        if target.exists():
            old = parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except OSError:
            if old is not None:  # put the previous brief back
                os.replace(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        for job in jobs:  # no chart job may write into the folder once it is removed
            if not job.cancel():
                with contextlib.suppress(Exception):
                    job.result()
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return target
