"""The package's arrows point down the stack, and no two modules import each other.

The test reads every module's source (``ast``), collects each ``import`` of a
``treasury_leverage`` module, including imports inside functions and under ``TYPE_CHECKING``
(a function-local import is an arrow all the same: it only moves the cost to the call), and
checks two rules:

1. **Layers.** A module may import its own layer or a layer below, never one above::

       9  faces       cli, web, __main__
       8  report
       7  assessment  the canonical answer for one holder (``assess``): decides, words verdicts
       6  game
       5  scenario
       4  models      impact, holdings, termpremium   (may use each other, without cycles)
       3  curves
       2  data
       1  base        settings, bibliography, presets, _defaults (the faces' defaults, read
                      from presets)
       0  kernel      errors, units, _format, _json, _atomic, _stages, _workers
                      and the top-level ``treasury_leverage/__init__`` (the version, and
                      ``assess`` re-exported lazily)

   The small top-level modules sit at the bottom because every layer uses them: ``errors`` and
   ``units`` are vocabulary; ``_format``/``_json`` only format or encode values a caller hands
   them (no number is computed there); ``_atomic``, ``_stages`` and ``_workers`` are
   standard-library plumbing. ``presets`` and ``bibliography`` are the citation tables: they
   import ``errors`` (and each other, for type hints only) and nothing above; ``_defaults``
   turns the ``default_*`` presets into the values the faces' options take. ``settings`` reads
   the environment and is used by ``data``.

   The top-level package re-exports :func:`treasury_leverage.assess` lazily (PEP 562
   ``__getattr__``, and for type checkers under ``TYPE_CHECKING``): like a package
   ``__init__`` listing its submodules, that is a table of contents, not an arrow. Only an
   import inside the top-level ``__getattr__`` or its ``TYPE_CHECKING`` block, of names the
   package lists in ``__all__``, counts as such (:func:`_lazy_toc`); any other import there is
   checked like every arrow.

2. **No cycles** between modules. A package ``__init__`` re-exporting its submodules is not an
   arrow of its own for this purpose (it is a table of contents); a submodule importing its own
   package's ``__init__`` would be, and is checked.

An arrow that breaks a rule and cannot move yet is listed in :data:`ALLOWED` with the reason and
the condition for removing it; the test also fails when a listed exception has disappeared, so the
list only shrinks.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "treasury_leverage"
ROOT = "treasury_leverage"

LAYERS: dict[str, int] = {
    "cli": 9, "web": 9, "__main__": 9,
    "report": 8,
    "assessment": 7,
    "game": 6,
    "scenario": 5,
    "impact": 4, "holdings": 4, "termpremium": 4,
    "curves": 3,
    "data": 2,
    "settings": 1, "bibliography": 1, "presets": 1, "_defaults": 1,
    "errors": 0, "units": 0, "bounds": 0, "_format": 0, "_json": 0, "_atomic": 0,
    "_stages": 0, "_workers": 0, "": 0,
}

#: (importer, imported) arrows that break a rule today, each with why it stays and when it goes.
#: Empty since issue 15 (report.brief no longer imports cli._output; data.api no longer evaluates
#: Svensson curves; impact.execution no longer imports impact.registry).
ALLOWED: dict[tuple[str, str], str] = {}

#: Modules still spelling a basis point as a private ``_BP`` constant instead of
#: ``units.DECIMAL_PER_BP`` / ``units.BP_PER_DECIMAL``.
PRIVATE_BP_ALLOWED: dict[str, str] = {}


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    is_pkg = parts[-1] == "__init__"
    if is_pkg:
        parts = parts[:-1]
    return ".".join(parts), is_pkg


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        name, is_pkg = _module_name(path)
        out[name] = (path, is_pkg)
    return out


MODULES = _modules()


def _target(name: str) -> str:
    """The deepest known module that ``name`` (a module or a module attribute) lives in."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _lazy_toc(tree: ast.Module) -> set[int]:
    """Ids of the import nodes of the top-level package's lazy re-exports (a table of contents).

    An ``ImportFrom`` inside the module-level ``def __getattr__`` or ``if TYPE_CHECKING:`` whose
    every imported name is in the module's ``__all__``; nothing else.
    """
    public: set[str] = set()
    blocks: list[ast.AST] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                for t in node.targets):
            public = {e.value for e in getattr(node.value, "elts", []) if isinstance(e, ast.Constant)}
            continue
        lazy = isinstance(node, ast.FunctionDef) and node.name == "__getattr__"
        hints = (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
                 and node.test.id == "TYPE_CHECKING")
        if lazy or hints:
            blocks.append(node)
    return {id(n) for block in blocks for n in ast.walk(block)
            if isinstance(n, ast.ImportFrom) and n.names and all(a.name in public for a in n.names)}


def _imports(module: str, path: Path, is_pkg: bool) -> set[tuple[str, int]]:
    """``(imported module, line)`` for every treasury_leverage import in ``path``.

    The top-level package's lazy re-exports (:func:`_lazy_toc`) are left out: a table of contents.
    """
    package = module if is_pkg else module.rsplit(".", 1)[0]
    found: set[tuple[str, int]] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    toc = _lazy_toc(tree) if module == ROOT else set()
    for node in ast.walk(tree):
        if id(node) in toc:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == ROOT:
                    found.add((_target(alias.name), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            if name.split(".")[0] != ROOT:
                continue
            for alias in node.names:
                found.add((_target(f"{name}.{alias.name}"), node.lineno))
    return found


def _layer_key(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _graph() -> dict[str, set[tuple[str, int]]]:
    return {m: _imports(m, p, pkg) for m, (p, pkg) in MODULES.items()}


GRAPH = _graph()


def test_every_module_has_a_layer() -> None:
    missing = sorted({_layer_key(m) for m in MODULES} - set(LAYERS))
    assert not missing, f"place these top-level modules/packages in LAYERS: {missing}"


def _upward() -> list[tuple[str, str, int]]:
    bad = []
    for src, targets in GRAPH.items():
        for dst, line in targets:
            if LAYERS[_layer_key(dst)] > LAYERS[_layer_key(src)]:
                bad.append((src, dst, line))
    return sorted(bad)


def test_no_upward_import() -> None:
    bad = [f"{s}:{line} -> {d}" for s, d, line in _upward() if (s, d) not in ALLOWED]
    assert not bad, "imports pointing up the stack:\n" + "\n".join(bad)


def _edges_for_cycles() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for src, targets in GRAPH.items():
        _, is_pkg = MODULES[src]
        for dst, _line in targets:
            if dst == src or (src, dst) in ALLOWED:
                continue
            # a package __init__ listing its own submodules is a table of contents, not an arrow
            if is_pkg and dst.startswith(src + "."):
                continue
            edges[src].add(dst)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle() -> None:
    cycles = _cycles(_edges_for_cycles())
    assert not cycles, "modules importing each other: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_every_allowed_exception_still_exists() -> None:
    """An exception that has been fixed is removed from the list, so the list only shrinks."""
    arrows = {(s, d) for s, targets in GRAPH.items() for d, _ in targets}
    assert not [k for k in ALLOWED if k not in arrows]


@pytest.mark.parametrize(
    ("edges", "expected"),
    [({"a": {"b"}, "b": {"a"}}, [["a", "b"]]), ({"a": {"b"}, "b": {"c"}}, [])],
)
def test_cycle_finder_finds_a_known_cycle(
    edges: dict[str, set[str]], expected: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(globals(), "MODULES", dict.fromkeys(("a", "b", "c"), (SRC, False)))
    assert _cycles(edges) == expected


def test_the_lazy_re_export_is_a_table_of_contents_and_nothing_else(tmp_path: Path) -> None:
    """``assess`` in the top-level ``__getattr__`` is no arrow; another name imported there is."""
    assert not {d for d, _ in GRAPH[ROOT] if d != ROOT}  # the real package: no arrow at all
    import treasury_leverage

    assert "assess" in treasury_leverage.__all__
    src = tmp_path / "__init__.py"
    src.write_text('__all__ = ["assess"]\n'
                   "def __getattr__(name):\n"
                   "    from treasury_leverage.assessment import assess\n"
                   "    from treasury_leverage.report.brief import build_brief\n"
                   "    return assess\n", encoding="utf-8")
    found = {d for d, _ in _imports(ROOT, src, is_pkg=True)}
    assert any(d.startswith("treasury_leverage.report") for d in found)
    assert not any(d.startswith("treasury_leverage.assessment") for d in found)
    # the same import in an ordinary function is an arrow
    src.write_text('__all__ = ["assess"]\ndef f():\n    from treasury_leverage.assessment import assess\n',
                   encoding="utf-8")
    assert any(d.startswith("treasury_leverage.assessment") for d, _ in _imports(ROOT, src, is_pkg=True))


def test_the_walker_sees_function_local_and_relative_imports(tmp_path: Path) -> None:
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from treasury_leverage.errors import InputError\n"
                   "from .units import BP\n", encoding="utf-8")
    found = {d for d, _ in _imports("treasury_leverage.data.m", src, is_pkg=False)}
    assert "treasury_leverage.errors" in found
    assert "treasury_leverage.data" in found or "treasury_leverage.data.units" in found


def test_a_basis_point_has_one_name_per_meaning() -> None:
    """``1e-4`` (bp -> decimal) and ``1e4`` (decimal -> bp) once shared the name ``_BP``."""
    from treasury_leverage.units import BP_PER_DECIMAL, DECIMAL_PER_BP

    assert pytest.approx(1.0) == DECIMAL_PER_BP * BP_PER_DECIMAL
    assert DECIMAL_PER_BP == 1e-4
    defining = set()
    for module, (path, _) in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else getattr(node, "targets", [])
            if any(isinstance(t, ast.Name) and t.id == "_BP" for t in targets):
                defining.add(module)
    assert defining == set(PRIVATE_BP_ALLOWED)


def test_par_curve_on_has_one_meaning() -> None:
    """Two different ``par_curve_on`` (a par panel row vs a data read) confused callers."""
    from treasury_leverage import curves, impact

    assert "par_curve_on" in curves.__all__ and "par_curve_on" not in impact.__all__
    assert "par_yields_on" in impact.__all__


#: Faces that still build an Altair chart themselves.
CHARTS_IN_FACES_ALLOWED: dict[str, str] = {}


def test_no_face_builds_a_chart() -> None:
    """Charts are built in report/charts (one module per topic); faces only save or serve them."""
    building = set()
    for module, (path, _) in MODULES.items():
        if _layer_key(module) not in {"cli", "web"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # an import for type hints only (under ``if TYPE_CHECKING:``) builds nothing
        hints = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                 for n in ast.walk(block)}
        for node in ast.walk(tree):
            if id(node) in hints:
                continue
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "altair" for n in names):
                building.add(module)
    assert building == set(CHARTS_IN_FACES_ALLOWED)
