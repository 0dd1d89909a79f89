"""treasury-leverage: could a foreign holder use its U.S. Treasuries as leverage, and at what cost?

The package is layered (arrows point down only; ``tests/test_import_layers.py`` enforces it,
function-local imports included, and forbids cycles)::

    cli, web  ->  report  ->  game  ->  scenario  ->  impact, holdings, termpremium
              ->  curves  ->  data  ->  settings, presets, bibliography, _defaults
              ->  errors, units, _format, _json, _atomic, _stages, _workers

Importing the top-level package is cheap: sub-packages are imported on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
