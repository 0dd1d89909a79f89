"""Where every number of an assessment comes from: data vintages, models, presets, seed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.assessment._common import Part
from treasury_leverage.errors import TLError

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.assessment.backdrop import BackdropPart
    from treasury_leverage.assessment.flows import FlowsPart
    from treasury_leverage.assessment.game import GamePart
    from treasury_leverage.assessment.holdings import HoldingsPart
    from treasury_leverage.assessment.scenarios import ScenarioTable

__all__ = ["DATASETS", "Provenance", "provenance_part"]

#: Datasets behind the parts.
DATASETS: Final = ("holdings", "mspd", "shl_history", "slt_table1", "bj_positions", "par_curve",
                   "gsw_params", "fred")


@dataclass(frozen=True)
class Provenance(Part):
    """Data vintages, assumptions, model descriptions, presets (with citations) and the seed."""

    generated_utc: str
    toolkit_version: str
    datasets: list[dict[str, Any]]
    assumptions: tuple[str, ...]
    models: dict[str, str]
    presets: list[dict[str, Any]]
    seed: int | None

    label = "Provenance"

    def summary(self) -> str:
        """The data vintages and presets in a few words."""
        data = ", ".join(f"{d.get('dataset')} {d.get('last_date')}" for d in self.datasets)
        seed = self.seed if self.seed is not None else "none"
        return (f"Data: {data}. {len(self.presets)} presets; seed {seed}; treasury_leverage "
                f"{self.toolkit_version}.")

    def to_frame(self) -> pd.DataFrame:
        """The presets used: name, value, range, unit, source, confidence."""
        import pandas as pd

        return pd.DataFrame(self.presets)


def provenance_part(
    *,
    backdrop: BackdropPart | None = None,
    flows: FlowsPart | None = None,
    scenario: ScenarioTable | None = None,
    holdings: HoldingsPart | None = None,
    game: GamePart | None = None,
) -> Provenance:
    """Data vintages, assumptions, model descriptions, presets (with citations) and the seed."""
    from treasury_leverage import __version__
    from treasury_leverage._json import to_jsonable
    from treasury_leverage.data import api

    status = api.status()
    used = status[status["dataset"].isin(DATASETS)]
    cols = [c for c in ("dataset", "publisher", "origin", "first_date", "last_date", "vintage") if c in used]
    datasets = [to_jsonable(r) for r in used[cols].to_dict(orient="records")]
    assumptions = [
        "Holdings are TIC market values, attributed to the custodian's country; no custody reallocation.",
        "Notes and bonds are spread over remaining maturities by DEFAULT_LT_WEIGHTS, an assumption "
        "(TIC publishes no maturity breakdown by country); bills share from the TIC annual survey.",
    ]
    models: dict[str, str] = {}
    if flows is not None and flows.available:
        models["flows"] = ("change = net purchases + valuation; valuation reported by TIC (SLT) or "
                           "Bertaut-Judson where published, else a calibrated par-curve ladder estimate")
    if backdrop is not None and backdrop.available:
        models["term_premium"] = backdrop.model
    names: list[str] = []
    if scenario is not None and scenario.available:
        names += scenario.presets
        draws = (f"{scenario.draws} parameter draws per model, seed {scenario.seed}" if scenario.draws
                 else "central parameter values (no draws)")
        models["scenario"] = f"scenario engine, impact models {', '.join(scenario.models)}; {draws}"
        for m, cite in scenario.model_citations.items():
            models[f"impact model {m}"] = cite
    if game is not None and game.available:
        names += game.presets
        draws = (f"each of {game.draws} draws, seed {game.seed}" if game.draws
                 else "each impact model at its central values")
        models["game"] = (f"sequential leverage game (U.S. {game.tariff} or none; holder responses), "
                          f"backward induction in {draws}")
    presets: list[dict[str, Any]] = []
    if names:
        from treasury_leverage.presets import get_preset

        for pname in sorted(set(names)):
            try:
                p = get_preset(pname)
            except TLError:
                presets.append({"name": pname, "source": "not in the preset registry"})
                continue
            presets.append({"name": p.name, "value": p.value, "low": p.low, "high": p.high, "unit": p.unit,
                            "source": p.source, "confidence": p.confidence})
    if holdings is not None and holdings.custodial:
        assumptions.append(holdings.custodial_note)
    return Provenance(
        generated_utc=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        toolkit_version=__version__,
        datasets=datasets,
        assumptions=tuple(assumptions),
        models=models,
        presets=presets,
        seed=(scenario.seed if scenario is not None and scenario.available
              else game.seed if game is not None and game.available else None),
    )
