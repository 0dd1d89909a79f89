"""Every default number of the toolkit, with its source, range and how sure we are.

One registry (:data:`PRESETS`) of frozen :class:`Preset` records. A model never hard-codes an
elasticity, a volume or a rule of thumb: it names a preset, and its results carry the names of
the presets (and the parameter draws) they used, so any output can be traced to a page.

Confidence tags follow ``docs/literature.md`` (the project's literature memo):

``V``
    verified in a copy of the primary source;
``V2``
    verified only through a secondary source quoting the primary;
``C``
    computed or derived by us (arithmetic, rescaling, or a modelling assumption we state);
``R``
    recalled, not verified: provisional.

Distributions for parameter draws (:meth:`Preset.sample`):

``fixed``
    always ``value``;
``uniform``
    uniform on ``[low, high]``;
``triangular``
    triangular with mode ``value`` on ``[low, high]``;
``normal``
    mean ``value``, with ``low``/``high`` the 5th/95th percentiles (symmetric);
``lognormal``
    median ``value``, with ``low``/``high`` read as the 5th/95th percentiles (geometric mean
    of the two implied log-scale spreads).

Where the presets live: one module per topic, each a tuple ``ENTRIES`` of presets, merged here,
in the order listed below, into :data:`PRESETS` (the import fails on a name defined twice). A new
preset goes into the topic module it belongs to; a new topic module is added to ``_TOPICS``:

``presets.impact``
    the impact models: flow elasticities, duration supply, preferred habitat, execution;
``presets.us_bill``
    the United States' interest bill and the mortgage-rate pass-through;
``presets.trade``
    the trade channel: bilateral trade, import demand, tariff pass-through;
``presets.seller``
    the seller's bill: FX effect of converting, holders' GDP;
``presets.game``
    the leverage game's horizon and payoff weights;
``presets.faces``
    the ``default_*`` numbers every face (CLI, web, brief) shares;
``presets.basis``
    the present-value cost basis and official holders' choices;
``presets.responses``
    the holder's other levers: the Fed's FIMA repo, a counter-tariff;
``presets.proceeds``
    what a sale's or run-off's dollars do, and the JGB side of a repatriation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import UnknownNameError
from treasury_leverage.presets import basis, faces, game, impact, proceeds, responses, seller, trade, us_bill
from treasury_leverage.presets._model import Confidence, Distribution, Preset, merge_topics

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "PRESETS",
    "Confidence",
    "Distribution",
    "Preset",
    "get_preset",
    "preset_value",
    "presets_frame",
    "sample_presets",
]

#: The topic modules, in registry order: the order of the single table they were split from, so
#: that listings of every preset (:func:`presets_frame`) read as before.
_TOPICS: Final[tuple[ModuleType, ...]] = (impact, us_bill, trade, seller, game, faces, basis, responses,
                                          proceeds)

#: The registry: preset name -> :class:`Preset`.
PRESETS: Final[dict[str, Preset]] = merge_topics((t.__name__.rsplit(".", 1)[-1], t.ENTRIES) for t in _TOPICS)


def get_preset(name: str) -> Preset:
    """The preset called ``name``.

    Raises
    ------
    UnknownNameError
        If there is none; the message lists the closest names.
    """
    try:
        return PRESETS[name]
    except KeyError:
        raise UnknownNameError("preset", name, PRESETS) from None


def preset_value(name: str, overrides: Mapping[str, float] | None = None) -> float:
    """The central value of preset ``name``, or ``overrides[name]`` when given."""
    if overrides and name in overrides:
        return float(overrides[name])
    return get_preset(name).value


def sample_presets(
    names: Iterable[str],
    n: int,
    *,
    seed: int | np.random.Generator | None = None,
    overrides: Mapping[str, float] | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Independent draws of several presets from one seeded generator.

    Parameters
    ----------
    names
        Preset names; drawn in this order, so the same names and seed give the same draws.
    n
        Draws per preset.
    seed
        Seed or generator.
    overrides
        Names fixed at a value (drawn as a constant).

    Returns
    -------
    dict
        name -> array of ``n`` draws.
    """
    import numpy as np

    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    out: dict[str, NDArray[np.float64]] = {}
    for name in names:
        preset = get_preset(name)
        if overrides and name in overrides:
            out[name] = np.full(n, float(overrides[name]))
        else:
            out[name] = preset.sample(n, rng)
    return out


def presets_frame(names: Iterable[str] | None = None) -> Any:
    """A pandas frame of presets (all, or ``names``), one row each, indexed by name."""
    import pandas as pd

    chosen = [get_preset(n) for n in names] if names is not None else list(PRESETS.values())
    frame = pd.DataFrame([p.to_dict() for p in chosen]).set_index("name")
    return frame
