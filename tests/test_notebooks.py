"""The worked examples in notebooks/ execute top to bottom against the bundled snapshot.

Kept as jupytext ``.py`` files (reviewable diffs); each is turned into a notebook and run in a
fresh kernel by nbclient, so a change that breaks an example, or one of the assertions the
examples make about the published numbers, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.py"))


def test_the_three_worked_examples_are_there() -> None:
    assert {p.stem for p in NOTEBOOKS} >= {"japan_leverage", "china_selling", "april_2025"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path: Path, tmp_path: Path) -> None:
    jupytext = pytest.importorskip("jupytext")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")

    notebook = jupytext.read(path)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert html, "no rich output: the result objects should render as HTML in a notebook"
