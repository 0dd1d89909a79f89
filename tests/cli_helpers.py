"""Running the ``tlev`` CLI in-process from tests (importable by name: tests/ is on sys.path)."""

from __future__ import annotations

import pytest

from treasury_leverage.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``tlev ARGS`` through :func:`main`; return (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
