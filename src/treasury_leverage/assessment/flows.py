"""Is the holder quietly selling? Net purchases vs valuation over the stated window."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from treasury_leverage._defaults import FLOWS_WINDOW_MONTHS
from treasury_leverage.assessment._common import FRAME, Part, money, records, resolve_holder
from treasury_leverage.errors import TLError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FlowsPart", "QuietSelling", "flows_part", "quiet_selling"]

QuietSelling = Literal["yes", "no", "unclear", "not available"]


def quiet_selling(net_purchases_usd_bn: float, band_usd_bn: float) -> QuietSelling:
    """``"yes"`` when the holder sold on net beyond the estimation band, ``"no"`` when it bought on
    net beyond it, ``"unclear"`` otherwise."""
    if net_purchases_usd_bn < 0 and abs(net_purchases_usd_bn) > band_usd_bn:
        return "yes"
    if net_purchases_usd_bn > 0 and net_purchases_usd_bn > band_usd_bn:
        return "no"
    return "unclear"


@dataclass(frozen=True)
class FlowsPart(Part):
    """Recent net purchases vs valuation, and whether the holder is quietly selling.

    ``net_purchases_usd_bn`` is the change in holdings minus valuation over the window (series
    breaks left out); ``band_usd_bn`` is the half-width of its estimation band (months with an
    estimated valuation; zero if every month is reported). ``quiet_selling`` is
    :func:`quiet_selling` of the two. ``frame`` is the monthly table behind the chart.
    """

    holder: str
    available: bool
    start: str | None = None
    end: str | None = None
    months: int = 0
    change_usd_bn: float | None = None
    valuation_usd_bn: float | None = None
    net_purchases_usd_bn: float | None = None
    band_usd_bn: float | None = None
    net_purchases_12m_usd_bn: float | None = None
    months_reported: int = 0
    months_estimated: int = 0
    quiet_selling: QuietSelling = "not available"
    verdict: str = ""
    monthly: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    note: str = ""
    frame: Any = field(default=None, repr=False, compare=False, metadata=FRAME)

    label = "Recent flows: trades or prices?"

    def to_frame(self) -> pd.DataFrame:
        """Month by month: holdings, change, valuation, net purchases and their band (USD bn)."""
        import pandas as pd

        return pd.DataFrame(self.monthly)


def flows_part(holder: str, *, months: int = FLOWS_WINDOW_MONTHS, end: Any | None = None) -> FlowsPart:
    """Net purchases vs valuation over the last ``months`` months, with the verdict.

    Parameters
    ----------
    holder
        A holder name.
    months
        Length of the window, ending at the holder's latest month (or ``end``); preset
        ``default_flows_window_months``.
    end
        Last month of the window.
    """
    import numpy as np
    import pandas as pd

    from treasury_leverage.holdings.flows import flows, recent_window

    name = resolve_holder(holder)
    # the window every face asks "is it selling?" over
    first_month, last_month = recent_window(name, months, end)
    last = pd.Timestamp(last_month) + pd.offsets.MonthEnd(0)
    try:
        frame = flows(name, first_month, last_month)
    except TLError as exc:
        return FlowsPart(holder=name, available=False, note=f"The flow detective cannot split {name}'s "
                         f"changes: {exc}")
    ok = frame["net_purchases_usd_bn"].notna()
    net = float(frame.loc[ok, "net_purchases_usd_bn"].sum())
    change = float(frame.loc[ok, "change_usd_bn"].sum())
    valuation = float(frame.loc[ok, "valuation_usd_bn"].sum())
    band = float(np.sqrt((frame.loc[ok, "band_usd_bn"].fillna(0.0) ** 2).sum()))
    last12 = frame.loc[ok & (frame.index > last - pd.offsets.MonthEnd(12)), "net_purchases_usd_bn"]
    n_rep = int((ok & (frame["valuation_kind"] == "reported")).sum())
    n_est = int((ok & (frame["valuation_kind"] == "estimated")).sum())
    span = f"{frame.index.min():%b %Y}-{last:%b %Y}"
    quiet = quiet_selling(net, band)
    if quiet == "yes":
        answer = (f"Yes: {name} sold on net {money(abs(net))} of Treasuries over {span}, more than the "
                  f"estimation band (+/- {money(band)}).")
    elif quiet == "no":
        answer = (f"No: {name} bought on net {money(net)} of Treasuries over {span}, more than the "
                  f"estimation band (+/- {money(band)}).")
    else:
        answer = (f"Cannot tell: {name}'s net purchases over {span} were {money(net, sign=True)}, within the "
                  f"estimation band (+/- {money(band)}).")
    text = (f"{answer} Holdings changed by {money(change, sign=True)}, of which price moves (valuation) "
            f"{money(valuation, sign=True)} and trades {money(net, sign=True)}. Valuation is reported by the "
            f"TIC in {n_rep} of these months and estimated by repricing a ladder of bonds in {n_est}.")
    monthly = records(frame, ["holdings_usd_bn", "change_usd_bn", "valuation_usd_bn", "valuation_kind",
                              "net_purchases_usd_bn", "band_usd_bn"], index="date")
    return FlowsPart(
        holder=name,
        available=True,
        start=f"{frame.index.min():%Y-%m-%d}",
        end=f"{frame.index.max():%Y-%m-%d}",
        months=len(frame),
        change_usd_bn=change,
        valuation_usd_bn=valuation,
        net_purchases_usd_bn=net,
        band_usd_bn=band,
        net_purchases_12m_usd_bn=float(last12.sum()),
        months_reported=n_rep,
        months_estimated=n_est,
        quiet_selling=quiet,
        verdict=str(frame.attrs.get("verdict", "")),
        monthly=monthly,
        text=text,
        frame=frame,
    )
