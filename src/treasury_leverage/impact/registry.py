"""Model names -> classes, and the side-by-side comparison of all families for one sale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import UnknownNameError
from treasury_leverage.impact.base import ImpactModel, ImpactResult, ParYields, SalesPath, parse_maturity
from treasury_leverage.impact.combined import FlowPlusStock
from treasury_leverage.impact.duration import DurationSupply
from treasury_leverage.impact.empirical import AhmedRebucci2022, Beltran2013, KCFed2025, Warnock2009
from treasury_leverage.impact.execution import AlmgrenChriss
from treasury_leverage.impact.habitat import PreferredHabitat
from treasury_leverage.impact.pooled import PooledMixture

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MODELS", "compare", "compare_frame", "get_model"]

#: Registry of impact models by name (the CLI's ``--model`` choices).
MODELS: Final[dict[str, type[ImpactModel]]] = {
    cls.name: cls
    for cls in (PooledMixture, Beltran2013, KCFed2025, Warnock2009, DurationSupply, PreferredHabitat,
                AlmgrenChriss, FlowPlusStock, AhmedRebucci2022)
}


def get_model(
    name: str, *, overrides: Mapping[str, float] | None = None, par_yields: ParYields = None
) -> ImpactModel:
    """An instance of the model called ``name``.

    Raises
    ------
    UnknownNameError
        If there is no such model (the message lists the closest names).
    """
    key = name.strip().lower()
    if key not in MODELS:
        raise UnknownNameError("impact model", name, MODELS)
    return MODELS[key](overrides=overrides, par_yields=par_yields)


def compare(
    path: SalesPath,
    *,
    models: Sequence[str] | None = None,
    draws: int = 10_000,
    seed: int | None = 0,
    par_yields: ParYields = None,
) -> list[ImpactResult]:
    """Run several models (default: all) on the same path, each with its parameter draws."""
    names = list(MODELS) if models is None else list(models)
    return [get_model(n, par_yields=par_yields).impact(path, draws=draws, seed=seed) for n in names]


def compare_frame(
    results: Sequence[ImpactResult], *, maturities: Sequence[str | float] = ("2y", "5y", "10y", "30y")
) -> pd.DataFrame:
    """One row per model and maturity: end-of-path and long-run impacts with p5/p95, and sources."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for res in results:
        for m in maturities:
            end, lr = res.band(m, horizon="end"), res.band(m, horizon="long_run")
            rows.append({
                "model": res.model, "family": res.family, "maturity_years": parse_maturity(m),
                "end_impact_bp": res.end_bp(m), "end_p5_bp": end["p5"], "end_p95_bp": end["p95"],
                "long_run_impact_bp": res.long_run_at(m), "long_run_p5_bp": lr["p5"],
                "long_run_p95_bp": lr["p95"], "citation": res.citation, "source": res.source,
            })
    frame = pd.DataFrame(rows)
    frame.attrs["unit"] = "bp"
    return frame
