"""Verbosity for the whole CLI: ``-v`` logs, ``-q`` silences, and a spinner for slow steps.

Progress goes to stderr (stdout stays clean for ``--format json|csv``), only when stderr is a
terminal and ``--quiet`` was not given; each step is also logged at INFO level, which ``-v``
shows.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

__all__ = ["configure", "is_quiet", "note", "step"]

_STATE = {"quiet": False, "verbose": 0}
_log = logging.getLogger("treasury_leverage.cli")


def configure(*, verbose: int = 0, quiet: bool = False) -> None:
    """Set the verbosity: ``-v`` INFO logs, ``-vv`` DEBUG, ``-q`` only errors."""
    _STATE["quiet"] = quiet
    _STATE["verbose"] = verbose
    level = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr,
                        force=True)
    logging.getLogger("treasury_leverage").setLevel(level)


def is_quiet() -> bool:
    """True after ``--quiet``."""
    return bool(_STATE["quiet"])


def note(text: str) -> None:
    """A note for the reader on stderr (a substituted date, a file written), unless ``--quiet``."""
    _log.info(text)
    if not _STATE["quiet"]:
        sys.stderr.write(f"{text}\n")


@contextlib.contextmanager
def step(description: str) -> Iterator[None]:
    """Show a spinner with ``description`` on stderr while the block runs (a slow step).

    Parameters
    ----------
    description
        What is being done, e.g. "Running the scenarios (1000 draws)".
    """
    _log.info(description)
    if _STATE["quiet"] or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status(description):
        yield
    console.print(f"[dim]{description}: done[/dim]", highlight=False)
