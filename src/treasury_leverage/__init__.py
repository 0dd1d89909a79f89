"""treasury-leverage: could a foreign holder use its U.S. Treasuries as leverage, and at what cost?

>>> import treasury_leverage as tl
>>> a = tl.assess("japan")            # doctest: +SKIP
>>> print(a.summary())                # doctest: +SKIP

The package is layered (arrows point down only; ``tests/test_import_layers.py`` enforces it,
function-local imports included, and forbids cycles)::

    cli, web  ->  report  ->  assessment  ->  game  ->  scenario  ->  impact, holdings, termpremium
              ->  curves  ->  data  ->  settings, presets, bibliography, _defaults
              ->  errors, units, _format, _json, _atomic, _stages, _workers

Importing the top-level package is cheap: sub-packages are imported on first use.
:func:`assess` (:func:`treasury_leverage.assessment.assess`) is re-exported lazily (PEP 562):
the name is a table of contents, and the assessment layer is imported when it is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "assess"]

if TYPE_CHECKING:
    from treasury_leverage.assessment import assess

def __getattr__(name: str) -> Any:
    """The lazily re-exported names of ``__all__``, imported on first use (PEP 562)."""
    if name == "assess":
        from treasury_leverage.assessment import assess

        globals()[name] = assess  # later lookups skip this function
        return assess
    raise AttributeError(f"module 'treasury_leverage' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
