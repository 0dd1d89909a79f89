"""Defaults shared by the faces (CLI, web dashboard) so that they give the same numbers.

Kept import-free so that ``tlev --help`` and page rendering stay cheap.
"""

from __future__ import annotations

from typing import Final

__all__ = ["SCENARIO_DRAWS"]

#: Monte Carlo draws per impact model behind a scenario's p5-p95 bands, for `tlev scenario` and
#: the dashboard alike. 2,000 draws put the Monte Carlo error of a 5th/95th percentile at about
#: +/-0.5 percentage points of probability (sqrt(0.05 * 0.95 / 2000)), small beside the spread
#: between models, and keep the dashboard's default view (all 8 models) near 0.25 s on two cores
#: where 10,000 draws took about 1.3 s. Ask for more with --draws.
SCENARIO_DRAWS: Final = 2_000
