"""The pooled answer: one mixture over independent model families, peak and permanent apart.

The models are not independent votes: several used to be one paper in other clothes. They are
grouped into four **families** (:data:`FAMILIES`): flow studies (Beltran et al. 2013, Kansas
City Fed 2025, Warnock & Warnock 2009), the stock/duration literature (Crawley et al. 2022; Li &
Wei 2013), the structural preferred-habitat model (Vayanos & Vila 2021) and execution (Almgren &
Chriss 2000). Labelled variants (Ahmed & Rebucci's surprise coefficient, a stress case; the
flow-plus-stock variant of Beltran) stay outside.

:class:`PooledMixture` is an :class:`~treasury_leverage.impact.base.ImpactModel` whose draw ``k``
is a draw of one family member: a uniform number (preset ``pool_family_selector``) picks the
family with probability proportional to its weight (presets ``pool_weight_*``, default equal,
user-settable through overrides) and, within the family, a member with equal probability; that
member's own parameter draw ``k`` gives the path. So p5/p50/p95 of the pooled draws are
quantiles of one probability distribution (not an envelope of bands), and everything computed
from draw ``k`` (yields, the holder's bill, the U.S. bill in the scenario engine) comes from the
same draw. At central parameters the pooled path is the weight-averaged central path of the
families (each family the average of its members).

:func:`pooled_answer` reports, at each maturity, the **peak** (end of the action: the last
period with a sale) and the **permanent** effect (after the transient has decayed: the model's
long run) separately, p5/p50/p95 over the pooled draws.

Arithmetic of the permanent part (the check the tests make): Japan sells USD 300bn of its
ladder (modified duration about 5.5 at today's curve), i.e. about ``300 * 5.5 / 8.0 = 205`` bn of
10-year equivalents. The stock literature gives 3-10 bp per USD 100bn of 10-year equivalents at
GDP USD 30tn (the QE duration literature: 10 bp per 1% of GDP = 3.3 bp per USD 100bn; D'Amico &
King's 10 bp per USD 100bn in the 2009 market), so the permanent 10-year effect should lie in
about ``2.05 * 3 = 6`` to ``2.05 * 10 = 21`` bp, central ``2.05 * 3.3 = 7`` bp. The flow family
keeps Beltran's own long run (scaled: 20 bp * 3.9/30.9 * 1.80 * 1.224 = 5.6 bp per USD 100bn of
10-year equivalents), the other members the anchor.

References
----------
Beltran, Kretchmer, Marquez & Thomas (2013), JIMF 32(1); Li & Wei (2013), IJCB 9(1); D'Amico & King
(2013), JFE 108(2); Crawley, Gagnon, Hebden & Trevino (2022), FEDS 2022-067; Vayanos & Vila (2021),
Econometrica 89(1); Almgren & Chriss (2000), J. Risk 3(2). ``tlev cite`` prints the full entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError
from treasury_leverage.impact.base import (
    MATURITIES_YEARS,
    ImpactModel,
    ParYields,
    SalesPath,
    Separable,
    _quantiles,
    kernel_values,
    parse_maturity,
)
from treasury_leverage.presets import preset_value, sample_presets

__all__ = ["FAMILIES", "FAMILY_WEIGHT_PRESETS", "POLICIES", "PooledAnswer", "PooledMixture", "apply_policy",
           "pooled_answer"]

FloatArray = NDArray[np.float64]

#: Family -> member models (registry names), the default pooled mixture.
FAMILIES: Final[dict[str, tuple[str, ...]]] = {
    "flow-study": ("beltran2013", "kcfed2025", "warnock2009"),
    "stock": ("duration_supply",),
    "habitat": ("habitat",),
    "execution": ("almgren_chriss",),
}
#: Family -> the preset of its weight.
FAMILY_WEIGHT_PRESETS: Final[dict[str, str]] = {
    "flow-study": "pool_weight_flow_study", "stock": "pool_weight_stock",
    "habitat": "pool_weight_habitat", "execution": "pool_weight_execution",
}
_SELECTOR: Final = "pool_family_selector"
#: Policy reactions (issue 12, item 6): none (default), the Treasury, the Fed.
POLICIES: Final = ("none", "treasury", "fed")


def _member_classes() -> dict[str, type[ImpactModel]]:
    from treasury_leverage.impact.combined import FlowPlusStock  # noqa: F401  (registry order)
    from treasury_leverage.impact.duration import DurationSupply
    from treasury_leverage.impact.empirical import Beltran2013, KCFed2025, Warnock2009
    from treasury_leverage.impact.execution import AlmgrenChriss
    from treasury_leverage.impact.habitat import PreferredHabitat

    return {c.name: c for c in (Beltran2013, KCFed2025, Warnock2009, DurationSupply, PreferredHabitat,
                                AlmgrenChriss)}


def _all_member_presets() -> tuple[str, ...]:
    names: list[str] = []
    classes = _member_classes()
    for members in FAMILIES.values():
        for m in members:
            names += classes[m].preset_names
    return tuple(dict.fromkeys([*names, *FAMILY_WEIGHT_PRESETS.values(), _SELECTOR]))


class PooledMixture(ImpactModel):
    """The default answer: a mixture over the four families with explicit weights (module docstring)."""

    name: ClassVar[str] = "pooled"
    family: ClassVar[str] = "pooled"
    citation: ClassVar[str] = "mixture of the flow-study, stock, habitat and execution families"
    source: ClassVar[str] = ("Pooled mixture of four families (flow studies: Beltran et al. 2013, Kansas "
                             "City Fed 2025, Warnock & Warnock 2009; stock: Crawley et al. 2022 / Li & Wei "
                             "2013; habitat: Vayanos & Vila 2021; execution: Almgren & Chriss 2000), equal "
                             "family weights by default")
    preset_names: ClassVar[tuple[str, ...]] = _all_member_presets()
    notes: ClassVar[str] = ("draw k = draw k of one member: family by weight (pool_weight_*), member "
                            "uniformly within it; central = weight-averaged central paths; Ahmed & Rebucci "
                            "(surprise, stress) and flow_plus_stock (a Beltran variant) are outside")

    def __init__(
        self,
        *,
        overrides: Mapping[str, float] | None = None,
        maturities_years: Sequence[float] = MATURITIES_YEARS,
        par_yields: ParYields = None,
    ) -> None:
        super().__init__(overrides=overrides, maturities_years=maturities_years, par_yields=par_yields)
        classes = _member_classes()
        self.members: dict[str, ImpactModel] = {}
        for members in FAMILIES.values():
            for m in members:
                cls = classes[m]
                own = {k: v for k, v in self.overrides.items() if k in cls.preset_names}
                self.members[m] = cls(overrides=own, maturities_years=self.maturities_years,
                                      par_yields=par_yields)
        weights = self.family_weights()
        if not all(np.isfinite(w) and w >= 0 for w in weights.values()) or sum(weights.values()) <= 0:
            raise InputError(f"pool weights {weights}: expected non-negative numbers, at least one positive "
                             f"(presets {', '.join(FAMILY_WEIGHT_PRESETS.values())})")

    def family_weights(self) -> dict[str, float]:
        """Family -> normalised weight (sums to 1)."""
        raw = {f: preset_value(p, self.overrides) for f, p in FAMILY_WEIGHT_PRESETS.items()}
        total = sum(raw.values())
        return {f: (w / total if total > 0 else w) for f, w in raw.items()}

    def member_weights(self) -> dict[str, float]:
        """Member model -> its probability in the mixture."""
        fw = self.family_weights()
        return {m: fw[f] / len(members) for f, members in FAMILIES.items() for m in members}

    def assign(self, selector: FloatArray) -> FloatArray:
        """Index of the member (in :data:`FAMILIES` order) of each draw, from its uniform selector."""
        weights = np.asarray(list(self.member_weights().values()))
        edges = np.cumsum(weights)
        edges[-1] = np.inf  # a selector of exactly 1 (or rounding) lands in the last member
        return np.asarray(np.searchsorted(edges, selector, side="right"), dtype=np.int64)

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray:
        sel = params[_SELECTOR]
        names = list(self.members)
        central = preset_value(_SELECTOR, self.overrides)
        if len(sel) == 1 and sel[0] == central and _SELECTOR not in self.overrides:
            # central parameters: the weight-averaged central path of the members
            out = np.zeros((1, path.n_periods + 1, len(self.maturities_years)))
            for name, w in self.member_weights().items():
                sub = {k: params[k] for k in self.members[name].preset_names}
                out += w * kernel_values(self.members[name]._kernel(path, sub))
            return out
        idx = self.assign(sel)
        result = np.zeros((len(sel), path.n_periods + 1, len(self.maturities_years)))
        for k, name in enumerate(names):
            rows = np.flatnonzero(idx == k)
            if rows.size == 0:
                continue
            member = self.members[name]
            sub = {p: params[p][rows] for p in member.preset_names}
            result[rows] = _values(member._kernel(path, sub))
        return result

    def family_of_draws(self, selector: FloatArray) -> list[str]:
        """Family of each draw (for reports)."""
        fam_of = {m: f for f, members in FAMILIES.items() for m in members}
        names = list(self.members)
        return [fam_of[names[i]] for i in self.assign(selector)]


def _values(out: FloatArray | Separable) -> FloatArray:
    return kernel_values(out)


@dataclass(frozen=True)
class PooledAnswer:
    """Peak and permanent yield effects (bp) of a sales path over the pooled draws.

    Attributes
    ----------
    maturities_years
        Columns.
    peak_bp, permanent_bp
        ``(n_draws, n_maturities)``: the effect at the end of the action (last period with a sale)
        and after the transient has decayed (the long run), one row per pooled draw.
    peak_bands_bp, permanent_bands_bp
        ``(3, n_maturities)`` p5/p50/p95 of those draws.
    member_of_draw
        Member model of each draw.
    family_weights
        Family -> weight used.
    end_period
        Index of the period read as the peak.
    """

    maturities_years: tuple[float, ...]
    peak_bp: FloatArray
    permanent_bp: FloatArray
    peak_bands_bp: FloatArray
    permanent_bands_bp: FloatArray
    member_of_draw: tuple[str, ...]
    family_weights: dict[str, float]
    end_period: int
    policy: str = "none"

    def band(self, maturity: str | float, which: str = "permanent") -> dict[str, float]:
        """``{"p5", "p50", "p95"}`` at one maturity of the ``"peak"`` or ``"permanent"`` effect."""
        col = self.maturities_years.index(parse_maturity(maturity))
        arr = self.peak_bands_bp if which == "peak" else self.permanent_bands_bp
        return {b: float(arr[i, col]) for i, b in enumerate(("p5", "p50", "p95"))}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: bands by maturity, weights, draws."""
        out: dict[str, Any] = {"family_weights": self.family_weights, "draws": int(self.peak_bp.shape[0]),
                               "end_period": self.end_period, "policy": self.policy, "maturities": {}}
        for j, m in enumerate(self.maturities_years):
            out["maturities"][f"{m:g}y"] = {
                "peak_bp": {b: float(self.peak_bands_bp[i, j]) for i, b in enumerate(("p5", "p50", "p95"))},
                "permanent_bp": {b: float(self.permanent_bands_bp[i, j])
                                 for i, b in enumerate(("p5", "p50", "p95"))},
            }
        return out


def end_of_action(path: SalesPath) -> int:
    """Index of the last period with a non-zero sale (0 for an all-zero path)."""
    nz = np.flatnonzero(np.abs(path.sales_usd_bn).sum(axis=1) > 0)
    return int(nz[-1]) if nz.size else 0


def pooled_answer(
    path: SalesPath,
    *,
    draws: int = 100_000,
    seed: int | None = 0,
    maturities_years: Sequence[float] = MATURITIES_YEARS,
    overrides: Mapping[str, float] | None = None,
    par_yields: ParYields = None,
    policy: str = "none",
) -> PooledAnswer:
    """Peak and permanent effects of ``path`` over ``draws`` pooled draws (see the module docstring).

    ``policy`` (:data:`POLICIES`): ``"none"`` (default), ``"treasury"`` or ``"fed"``, applied by
    :func:`apply_policy`.

    Only the two rows needed are materialised per member, so 100,000 draws of a 60-day sale at
    10 maturities take a fraction of a second (benchmarks/bench_impact.py).

    Raises
    ------
    InputError
        For ``draws < 1``.
    """
    if int(draws) != draws or draws < 1:
        raise InputError(f"draws {draws!r}: expected a whole number >= 1")
    model = PooledMixture(overrides=overrides, maturities_years=maturities_years, par_yields=par_yields)
    params = sample_presets(model.preset_names, int(draws), seed=seed, overrides=model.overrides)
    end = end_of_action(path)
    idx = model.assign(params[_SELECTOR])
    n_m = len(model.maturities_years)
    peak = np.zeros((int(draws), n_m))
    perm = np.zeros((int(draws), n_m))
    names = list(model.members)
    for k, name in enumerate(names):
        rows = np.flatnonzero(idx == k)
        if rows.size == 0:
            continue
        member = model.members[name]
        out = member._kernel(path, {p: params[p][rows] for p in member.preset_names})
        peak[rows] = _row_of(out, end)
        perm[rows] = _row_of(out, -1)
    peak, perm = apply_policy(peak, perm, model.maturities_years, policy, overrides=model.overrides)
    return PooledAnswer(
        maturities_years=model.maturities_years, peak_bp=peak, permanent_bp=perm,
        peak_bands_bp=_quantiles(peak), permanent_bands_bp=_quantiles(perm),
        member_of_draw=tuple(names[i] for i in idx), family_weights=model.family_weights(), end_period=end,
        policy=policy,
    )


def apply_policy(
    peak_bp: FloatArray,
    permanent_bp: FloatArray,
    maturities_years: Sequence[float],
    policy: str = "none",
    *,
    overrides: Mapping[str, float] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Peak and permanent draws ``(n, n_maturities)`` after a policy reaction.

    * ``"none"``: unchanged (the default).
    * ``"treasury"``: the Treasury shifts issuance toward bills by a share ``s`` (preset
      ``policy_treasury_offset_share``) of the duration sold over the following year: the permanent
      part falls to ``(1 - s)`` of itself (Hamilton & Wu 2012: the swap's per-duration effect equals
      the stock anchor's); the peak, at the end of the sale, is unchanged.
    * ``"fed"``: market-functioning purchases cap the transient rise: where the 10-year peak of a draw
      exceeds the threshold ``T`` (preset ``policy_fed_threshold_bp``) and its permanent part, the
      whole peak curve is scaled so that the 10-year peak is ``max(T, permanent)``; the permanent
      part is unchanged (temporary purchases).

    Raises
    ------
    UnknownNameError
        For a policy not in :data:`POLICIES`.
    """
    from treasury_leverage.errors import UnknownNameError

    key = str(policy).strip().lower()
    if key not in POLICIES:
        raise UnknownNameError("policy", str(policy), POLICIES)
    peak, perm = np.array(peak_bp, dtype=np.float64), np.array(permanent_bp, dtype=np.float64)
    if key == "treasury":
        perm *= 1.0 - preset_value("policy_treasury_offset_share", overrides)
    elif key == "fed":
        mats = [float(m) for m in maturities_years]
        col = mats.index(10.0) if 10.0 in mats else int(np.argmin(np.abs(np.asarray(mats) - 10.0)))
        cap = np.maximum(preset_value("policy_fed_threshold_bp", overrides), perm[:, col])
        ten = peak[:, col]
        factor = np.where(ten > cap, cap / np.where(ten > 0, ten, 1.0), 1.0)
        peak *= factor[:, None]
    return peak, perm


def _row_of(out: FloatArray | Separable, index: int) -> FloatArray:
    if isinstance(out, Separable):
        if out.draws_along == "period":
            return np.asarray(out.by_draw[:, index, None] * out.fixed[None, :])
        return np.asarray(out.fixed[index] * out.by_draw)
    return np.asarray(out[:, index, :])
