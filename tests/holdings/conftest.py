"""Readers of the raw TIC files, so tests compare our outputs with the published numbers."""

from __future__ import annotations

from pathlib import Path

import pytest


def _mfh_first_block(path: Path) -> dict[str, list[float]]:
    """Rows of the newest-year block of mfhhis01.txt: name -> values Dec..Jan (USD bn)."""
    rows: dict[str, list[float]] = {}
    started = False
    for line in path.read_text(encoding="latin-1").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if cells and cells[0] == "Country":
            if started:
                break
            started = True
            continue
        if not started or not cells[0] or cells[0].startswith("-"):
            continue
        values = [float(c) for c in cells[1:13] if c]
        if len(values) == 12:
            rows[cells[0].strip('"').split(" 2/")[0].strip()] = values
    return rows


def _slt_rows(path: Path, country: str) -> dict[str, dict[str, float | None]]:
    """SLT Table 1 rows of one country: 'YYYY-MM' -> machine column -> value (USD mn)."""
    lines = path.read_text(encoding="latin-1").splitlines()
    names = lines[8].split("\t")
    out: dict[str, dict[str, float | None]] = {}
    for line in lines[9:]:
        cells = line.split("\t")
        if len(cells) < len(names) or cells[0] != country:
            continue
        rec: dict[str, float | None] = {}
        for key, cell in zip(names, cells, strict=False):
            text = cell.strip()
            try:
                rec[key] = float(text)
            except ValueError:
                rec[key] = None
        out[cells[2]] = rec
    return out


@pytest.fixture(scope="session")
def mfh_2025(shared_data: Path) -> dict[str, list[float]]:
    return _mfh_first_block(shared_data / "tic" / "mfhhis01.txt")


@pytest.fixture(scope="session")
def slt_japan(shared_data: Path) -> dict[str, dict[str, float | None]]:
    return _slt_rows(shared_data / "tic" / "slt_table1.txt", "Japan")
