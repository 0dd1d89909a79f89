"""Flow plus stock (a variant of Beltran et al.): their short run decaying to the QE stock anchor.

The literature memo's recommendation (our literature review, [C]) -- a temporary flow
effect on top of a permanent stock effect -- is now the structure of every flow-study model
(:mod:`.empirical`). This variant keeps Beltran et al.'s scaled short run but takes the permanent
part from the duration-supply literature (about 10 bp per 1% of GDP of 10-year equivalents)
instead of Beltran's own long run. Outside the pooled mixture.

References
----------
Beltran, Kretchmer, Marquez & Thomas (2013), *JIMF* 32(1) (flow part); Crawley, Gagnon, Hebden
& Trevino (2022), FEDS Note, and Li & Wei (2013), *IJCB* 9(1) (stock part).
"""

from __future__ import annotations

from typing import ClassVar

from treasury_leverage.impact.empirical import Beltran2013

__all__ = ["FlowPlusStock"]


class FlowPlusStock(Beltran2013):
    """VARIANT of Beltran et al.: their scaled short run decaying to the QE stock anchor.

    Since issue 12 every flow-study model is a transient plus a permanent part, so this model is
    :class:`~treasury_leverage.impact.empirical.Beltran2013` with the permanent part taken from the
    duration-supply literature instead of Beltran's own long run: a labelled variant, outside the
    pooled mixture (it would count Beltran twice).
    """

    name: ClassVar[str] = "flow_plus_stock"
    family: ClassVar[str] = "flow-study"
    in_pool: ClassVar[bool] = False
    variant: ClassVar[str] = "variant of beltran2013 (permanent part = the QE stock anchor)"
    long_run_preset: ClassVar[str | None] = None
    citation: ClassVar[str] = "Beltran et al. (2013) flow + Crawley et al. (2022) stock"
    source: ClassVar[str] = ("Beltran et al. (2013) JIMF 32(1) short-run excess (40-60 minus ~20 bp per "
                             "USD 100bn, decaying) + Crawley et al. (2022) / Li & Wei (2013) stock "
                             "effect (~10 bp per 1% of GDP of 10y-equivalents)")
    preset_names: ClassVar[tuple[str, ...]] = (
        "beltran2013_short_run_bp_per_100bn", "flow_decay_half_life_months",
        "flow_duration_maturity_years", "duration_par_yield_pct",
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn",
        "beltran2013_sample_marketable_debt_usd_bn", "us_marketable_debt_usd_bn",
    )
    notes: ClassVar[str] = ("The literature review's recommendation: temporary flow effect (Beltran "
                            "short-run excess, exponential decay, half-life preset) + permanent "
                            "duration-supply stock effect; long run = stock; ACM co-movement across "
                            "the curve")
