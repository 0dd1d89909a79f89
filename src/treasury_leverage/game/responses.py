"""Holder responses of the leverage game: the default menu and the parser of response texts.

A response (``"hold"``, ``"pause 12m"``, ``"sell 300bn"``, ``"repo 300bn"``, ``"counter-tariff 10%"``,
...) is read into a :class:`Response`: its label and the scenario action it maps to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from treasury_leverage._defaults import SALE_DAYS
from treasury_leverage.errors import InputError

__all__ = [
    "DEFAULT_RESPONSES",
    "Response",
    "parse_response",
]

#: The responses the game considers by default (hold first): the Treasury actions and the ordinary
#: weapon, a counter-tariff on U.S. exports matching the default U.S. tariff (preset
#: ``default_tariff_pct``), so "Treasuries as leverage" is compared with retaliation in kind.
DEFAULT_RESPONSES: Final = ("hold", "pause 12m", "runoff 24m", "sell 100bn", "sell 300bn", "sell 25%",
                            "counter-tariff 10%")


@dataclass(frozen=True)
class Response:
    """A holder response: its label and the scenario action it maps to."""

    label: str
    kind: str
    action: dict[str, Any] = field(default_factory=dict)


_RESPONSE_RE: Final = re.compile(
    r"^\s*(?P<kind>hold|pause|runoff|run-off|run off|sell|repo|counter-tariff|counter tariff|countertariff|"
    r"retaliate)\s*[: ]?\s*(?P<rest>.*?)\s*$", re.IGNORECASE)


def parse_response(text: str) -> Response:
    """Read a response such as ``"hold"``, ``"pause 12m"``, ``"runoff 24m"``, ``"sell 300bn"``,
    ``"sell 25%"`` or ``"sell 300bn 20d"`` (over 20 business days; default: preset
    ``default_sale_business_days``); a sale ending in ``keep`` (``"sell 300bn keep"``) keeps the
    dollars instead of the holder's default conversion.
    ``"repo 300bn"`` (or ``"repo 300bn 12m"``) raises the dollars at the Fed's FIMA repo facility
    instead of selling: no market action, the holder pays the facility's spread
    (:func:`treasury_leverage.scenario.repo.fima_repo_cost_usd_bn`). ``"counter-tariff 10%"`` (or
    ``"retaliate 10%"``) is the ordinary weapon: a 10% tariff on U.S. goods exports to the holder,
    no market action (:func:`treasury_leverage.scenario.retaliation.counter_tariff`).

    Raises
    ------
    InputError
        Naming the text and the accepted forms.
    """
    forms = ("'hold', 'pause 12m', 'runoff 24m', 'sell 300bn', 'sell 25%', 'sell 300bn 20d', "
             "'sell 300bn keep', 'repo 300bn', 'repo 300bn 12m', 'counter-tariff 10%'")
    m = _RESPONSE_RE.match(str(text))
    if not m:
        raise InputError(f"response {text!r}: expected one of the forms {forms}")
    kind = m["kind"].lower().replace("-", "").replace(" ", "")
    rest = m["rest"].lower().replace(" ", "")
    if kind == "hold":
        if rest:
            raise InputError(f"response {text!r}: 'hold' takes no amount")
        return Response("hold", "hold", {})
    if kind == "repo":  # raise dollars at the Fed's FIMA repo facility: no sale, no market impact
        mm = re.fullmatch(r"(?P<amt>\d+(\.\d+)?)bn((?P<months>\d+)(m|months?))?", rest)
        if not mm:
            raise InputError(f"response {text!r}: expected dollars raised in USD bn, e.g. 'repo 300bn' or "
                             "'repo 300bn 12m'")
        repo: dict[str, Any] = {"amount_usd_bn": float(mm["amt"])}
        label = f"repo {mm['amt']}bn"
        if mm["months"]:
            repo["months"] = int(mm["months"])
            label += f" {int(mm['months'])}m"
        return Response(label, "repo", repo)
    if kind in ("countertariff", "retaliate"):  # a tariff on U.S. exports: the ordinary weapon
        mm = re.fullmatch(r"(?P<pct>\d+(\.\d+)?)%", rest)
        if not mm or not 0 < float(mm["pct"]) <= 200:
            raise InputError(f"response {text!r}: expected a counter-tariff rate above 0 and up to 200 "
                             "percent of U.S. exports' customs value, e.g. 'counter-tariff 10%'")
        return Response(f"counter-tariff {mm['pct']}%", "counter_tariff", {"tariff_pct": float(mm["pct"])})
    if kind in ("pause", "runoff"):
        mm = re.fullmatch(r"(\d+)(m|months?)?", rest) if rest else None
        if rest and not mm:
            raise InputError(f"response {text!r}: expected a number of months, e.g. '{kind} 12m'")
        months = int(mm[1]) if mm else (12 if kind == "pause" else 24)
        return Response(f"{kind} {months}m", kind, {"months": months})
    mm = re.fullmatch(r"(?P<amt>\d+(\.\d+)?)(?P<unit>bn|%)((?P<days>\d+)(d|days))?(?P<keep>keep)?", rest)
    if not mm:
        raise InputError(f"response {text!r}: expected a sale in USD bn or percent of holdings, e.g. "
                         "'sell 300bn', 'sell 25%', 'sell 300bn 20d'")
    days = int(mm["days"]) if mm["days"] else SALE_DAYS
    amount = float(mm["amt"])
    key = "amount_usd_bn" if mm["unit"] == "bn" else "amount_pct"
    label = f"sell {mm['amt']}{mm['unit']}" + ("" if days == SALE_DAYS else f" {days}d")
    action: dict[str, Any] = {key: amount, "days": days}
    if mm["keep"]:  # keep the dollars (no conversion), whatever the holder's default
        label += " keep"
        action["convert_share"] = 0.0
    return Response(label, "sell", action)
