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

__all__ = ["MODELS", "compare", "compare_frame", "compare_peak_permanent", "get_model"]

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


def compare_peak_permanent(
    path: SalesPath,
    *,
    maturity: str | float = "10y",
    draws: int = 10_000,
    seed: int | None = 0,
    par_yields: ParYields = None,
    overrides: Mapping[str, float] | None = None,
    policy: str = "none",
) -> pd.DataFrame:
    """Families, the pooled line, and each model's peak and permanent effect at one maturity.

    ``policy`` (``none``, ``treasury``, ``fed``; :func:`~treasury_leverage.impact.pooled.apply_policy`)
    applies to the pooled line only.

    One row per model: ``model``, ``family``, ``role`` (``pooled``, ``member`` of the pooled
    mixture, ``variant`` or ``stress`` outside it), ``peak_p5_bp``/``peak_p50_bp``/``peak_p95_bp``
    (end of the action: the last period with a sale) and the same for ``permanent`` (the long run,
    after the transient has decayed), ``member_weight`` (probability in the mixture), ``citation``,
    ``source``. The pooled row comes from :func:`~treasury_leverage.impact.pooled.pooled_answer`
    with the same ``draws`` and ``seed``.
    """
    import pandas as pd

    from treasury_leverage.impact.pooled import FAMILIES, PooledMixture, end_of_action, pooled_answer

    years = parse_maturity(maturity)
    mats = (years,)
    own = {k: v for k, v in (overrides or {}).items() if k in PooledMixture.preset_names}
    pool = PooledMixture(overrides=own, maturities_years=mats, par_yields=par_yields)
    weights = pool.member_weights()
    ans = pooled_answer(path, draws=max(int(draws), 1), seed=seed, maturities_years=mats,
                        overrides=pool.overrides, par_yields=par_yields, policy=policy)
    rows: list[dict[str, Any]] = [{
        "model": "pooled", "family": "pooled", "role": "pooled",
        **{f"peak_{b}_bp": ans.band(years, "peak")[b] for b in ("p5", "p50", "p95")},
        **{f"permanent_{b}_bp": ans.band(years, "permanent")[b] for b in ("p5", "p50", "p95")},
        "member_weight": 1.0, "citation": PooledMixture.citation, "source": PooledMixture.source,
    }]
    end = end_of_action(path)
    order = [m for members in FAMILIES.values() for m in members]
    order += [n for n in MODELS if n not in order and n != "pooled"]
    for name in order:
        cls = MODELS[name]
        own = {k: v for k, v in (overrides or {}).items() if k in cls.preset_names}
        model = cls(overrides=own, maturities_years=mats, par_yields=par_yields)
        res = model.impact(path, draws=draws, seed=seed)
        if res.bands_bp is not None:
            peak = {b: float(res.bands_bp[i, end, 0]) for i, b in enumerate(("p5", "p50", "p95"))}
            perm = {b: float(res.bands_bp[i, -1, 0]) for i, b in enumerate(("p5", "p50", "p95"))}
        else:
            peak = dict.fromkeys(("p5", "p50", "p95"), float(res.impact_bp[end, 0]))
            perm = dict.fromkeys(("p5", "p50", "p95"), float(res.long_run_bp[0]))
        role = "member" if cls.in_pool else ("stress" if cls.variant.startswith("stress") else "variant")
        rows.append({"model": name, "family": cls.family, "role": role,
                     **{f"peak_{b}_bp": v for b, v in peak.items()},
                     **{f"permanent_{b}_bp": v for b, v in perm.items()},
                     "member_weight": weights.get(name, 0.0), "citation": res.citation, "source": res.source})
    frame = pd.DataFrame(rows)
    frame.attrs.update(unit="bp", maturity_years=years, draws=draws, seed=seed,
                       family_weights=pool.family_weights(), policy=policy)
    return frame
