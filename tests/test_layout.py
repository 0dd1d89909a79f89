"""Repository hygiene that the test runner itself depends on."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_test_module_names_are_unique() -> None:
    """Test folders are not packages (pytest's default import mode), so two test modules with the
    same file name in different folders collide at collection ("import file mismatch")."""
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert not [n for n, k in names.items() if k > 1]


def test_no_raw_official_file_is_committed() -> None:
    """The package ships only the snapshot our parsers build; raw publisher files stay outside."""
    root = TESTS.parent
    raw_names = {p.name for p in (root.parent / "shared" / "data").rglob("*") if p.is_file()}
    raw_names -= {"README.md", "SOURCES.md"}
    ours: set[str] = set()
    for _folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in {"venv", "build", "dist"}]
        ours.update(files)
    assert not (ours & raw_names)
