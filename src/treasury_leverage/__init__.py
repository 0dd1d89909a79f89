"""treasury-leverage: could a foreign holder use its U.S. Treasuries as leverage, and at what cost?

The package is layered (arrows point down only)::

    cli / web / report  ->  game, scenario, termpremium, holdings
                        ->  impact, curves, data.api  ->  data.store / data.snapshot

Importing the top-level package is cheap: sub-packages are imported on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
