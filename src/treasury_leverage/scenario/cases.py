"""The standard question's cases: the scenarios every face asks about one holder.

Pause a year, run off two years, sell $100 bn, $300 bn and a quarter of the holdings over the
default sale window, and a coalition sale with a partner holder. The same list feeds the
assessment's scenario table (:mod:`treasury_leverage.assessment`), the brief and the game's
default responses, so that "the standard question" means one set of specs everywhere.

Decisions that used to live in the brief live here: who the coalition partner is, how much a
coalition member sells, and that a sale larger than the holdings is left out (with the reason)
rather than run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from treasury_leverage._defaults import SALE_DAYS

if TYPE_CHECKING:
    from treasury_leverage.scenario.spec import ScenarioSpec

__all__ = [
    "COALITION_SALE_USD_BN",
    "HEADLINE_CASE",
    "HEADLINE_SALE_USD_BN",
    "SCENARIO_CASES",
    "Case",
    "coalition_partner",
    "coalition_sale",
    "latest_holdings_usd_bn",
    "sale_exceeds_holdings",
    "standard_cases",
]

#: The scenarios of the standard question: key, description (``{holder}``, ``{partner}``,
#: ``{coalition_amount}`` and ``{days}`` filled in). The keys are released (brief JSON ``case``).
SCENARIO_CASES: Final[tuple[tuple[str, str], ...]] = (
    ("pause_12m", "{holder} stops net purchases for 12 months"),
    ("runoff_24m", "{holder} lets maturing Treasuries run off for 24 months"),
    ("sell_100bn_60d", "{holder} sells $100 bn over {days} business days"),
    ("sell_300bn_60d", "{holder} sells $300 bn over {days} business days"),
    ("sell_25pct_60d", "{holder} sells 25% of its holdings over {days} business days"),
    ("coalition_60d", "{holder} and {partner} each sell {coalition_amount} over {days} business days"),
)
#: The headline case of the standard question (the summary's, the dashboard's first view).
HEADLINE_CASE: Final = "sell_300bn_60d"
#: Its sale (USD bn).
HEADLINE_SALE_USD_BN: Final = 300.0
#: The joint sale of the coalition case and game: $300 bn each, or 25% each for a holder with less.
COALITION_SALE_USD_BN: Final = 300.0
#: The coalition's fallback sale (percent of each member's holdings) for a smaller holder.
_COALITION_SALE_PCT: Final = 25.0
#: What each case asks of the engine: ("pause", months), ("runoff", months), ("sell", amount).
_ACTIONS: Final[dict[str, tuple[str, float | str]]] = {
    "pause_12m": ("pause", 12),
    "runoff_24m": ("runoff", 24),
    "sell_100bn_60d": ("sell", 100.0),
    HEADLINE_CASE: ("sell", HEADLINE_SALE_USD_BN),
    "sell_25pct_60d": ("sell", "25%"),
}


@dataclass(frozen=True)
class Case:
    """One case of the standard question for one holder.

    Attributes
    ----------
    key
        The case's key (``"sell_300bn_60d"``).
    description
        What happens, in words, with the holder's name.
    spec
        The validated spec, or None when the case is left out.
    note
        Why the case is left out ("" when it runs).
    """

    key: str
    description: str
    spec: ScenarioSpec | None
    note: str = ""


def coalition_partner(holder: str) -> str | None:
    """The partner of the coalition case: China for Japan, Japan for any other single holder.

    None for the aggregate rows (all foreign or official holders act as one already).
    """
    from treasury_leverage.holdings.atlas import AGGREGATE_ROWS

    if holder in AGGREGATE_ROWS or holder == "All Other":
        return None
    return "China, Mainland" if holder == "Japan" else "Japan"


def latest_holdings_usd_bn(holder: str) -> float:
    """The holder's latest TIC holdings (USD bn): what the scenario engine sells from."""
    from treasury_leverage.data import api

    series = api.holdings(holder).dropna()
    return float(series.iloc[-1]) if len(series) else float("nan")


def coalition_sale(holdings_usd_bn: float) -> tuple[str, str, str]:
    """Each coalition member's sale: (amount as ``sell_spec`` takes it, words, game response label).

    $300 bn each when the holder holds more; otherwise a quarter of each member's holdings.
    """
    if holdings_usd_bn > COALITION_SALE_USD_BN:
        return (f"{COALITION_SALE_USD_BN:g}", f"${COALITION_SALE_USD_BN:,.0f} bn",
                f"sell {COALITION_SALE_USD_BN:g}bn")
    return f"{_COALITION_SALE_PCT:g}%", "25% of its holdings", f"sell {_COALITION_SALE_PCT:g}%"


def _too_big(amount: float | str, name: str, holdings_usd_bn: float) -> str:
    """Why a sale of ``amount`` USD bn cannot be run ("" when it can)."""
    if isinstance(amount, str) or not sale_exceeds_holdings(amount, holdings_usd_bn):
        return ""
    return (f"a sale of {amount:,.1f} USD bn exceeds {name}'s holdings of {holdings_usd_bn:,.1f} USD bn; "
            "expected at most the holdings (left out)")


def standard_cases(
    holder: str,
    *,
    draws: int,
    seed: int,
    days: int = SALE_DAYS,
    start: str | None = None,
    holdings_usd_bn: float | None = None,
) -> tuple[Case, ...]:
    """The standard cases for ``holder`` (an atlas name), as specs built by the spec builders.

    Parameters
    ----------
    holder
        The holder's atlas name (resolved already).
    draws, seed
        Parameter draws per impact model and their seed.
    days
        Business days of each sale (preset ``default_sale_business_days``).
    start
        Scenario start (default: the engine's, the last day with holdings and a curve).
    holdings_usd_bn
        The holder's latest holdings (read when None); a sale larger than them is left out.

    Returns
    -------
    tuple of Case
        In the order of :data:`SCENARIO_CASES`; a left-out case has ``spec=None`` and a note.
    """
    from treasury_leverage.scenario.spec import parse_spec, pause_spec, runoff_spec, sell_spec

    held = latest_holdings_usd_bn(holder) if holdings_usd_bn is None else holdings_usd_bn
    partner = coalition_partner(holder)
    amount, words, _ = coalition_sale(held)
    out: list[Case] = []
    for key, template in SCENARIO_CASES:
        description = template.format(holder=holder, partner=partner or "", coalition_amount=words, days=days)
        spec: ScenarioSpec
        if key == "coalition_60d":
            if partner is None:
                out.append(Case(key, description.replace(" and  ", " and others "), None,
                                f"no coalition case for {holder}, an aggregate"))
                continue
            # each member's action as the one-holder builder makes it, joined in one spec
            members = [sell_spec(h, amount, days=days, draws=draws, seed=seed, start=start)
                       for h in (holder, partner)]
            spec = parse_spec({**members[0].model_dump(),
                               "actors": [m.actors[0].model_dump() for m in members]})
        else:
            kind, value = _ACTIONS[key]
            if kind == "pause":
                spec = pause_spec(holder, int(value), draws=draws, seed=seed, start=start)
            elif kind == "runoff":
                spec = runoff_spec(holder, int(value), draws=draws, seed=seed, start=start)
            else:
                why = _too_big(value, holder, held)
                if why:
                    out.append(Case(key, description, None, why))
                    continue
                spec = sell_spec(holder, value, days=days, draws=draws, seed=seed, start=start)
        # the name is part of the spec's hash: the brief's results keep their keys
        out.append(Case(key, description, parse_spec({**spec.model_dump(), "name": f"brief {key}"})))
    return tuple(out)


def sale_exceeds_holdings(amount_usd_bn: float, holdings_usd_bn: float) -> bool:
    """Whether a sale of ``amount_usd_bn`` is larger than the holdings (the engine refuses it).

    The standard cases and the game's standard responses leave such a sale out, with the reason,
    instead of failing the whole question.
    """
    return amount_usd_bn > holdings_usd_bn + 1e-9
