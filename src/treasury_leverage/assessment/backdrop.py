"""The yield backdrop: the latest yields and ACM term premium, and a yield episode decomposed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.assessment._common import FRAME, Part
from treasury_leverage.errors import TLError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EPISODE_END", "EPISODE_START", "BackdropPart", "backdrop_part"]

#: The April 2025 sell-off: Friday 4 April (10-year just under 4.0%) to Friday 11 April, about
#: +50 bp on the week (our literature review).
EPISODE_START: Final = "2025-04-04"
EPISODE_END: Final = "2025-04-11"


@dataclass(frozen=True)
class BackdropPart(Part):
    """The yield backdrop: latest yields and ACM term premium; an episode decomposed.

    ``term_premium_monthly`` (month-end 10-year ACM since 2000) and ``split`` (the episode's
    :class:`~treasury_leverage.termpremium.episode.EpisodeDecomposition`) are kept for the charts.
    """

    available: bool
    yields_date: str | None = None
    yield_10y_pct: float | None = None
    yield_30y_pct: float | None = None
    term_premium_10y_date: str | None = None
    term_premium_10y_pct: float | None = None
    term_premium_10y_change_12m_bp: float | None = None
    term_premium_10y_avg_since_2000_pct: float | None = None
    episode: dict[str, Any] = field(default_factory=dict)
    episode_headline: str = ""
    model: str = ""
    text: str = ""
    note: str = ""
    term_premium_monthly: Any = field(default=None, repr=False, compare=False, metadata=FRAME)
    split: Any = field(default=None, repr=False, compare=False, metadata=FRAME)

    label = "The yield backdrop"

    def to_frame(self) -> pd.DataFrame:
        """The episode's yield changes by maturity: total, expected short rates, term premium (bp)."""
        import pandas as pd

        return pd.DataFrame(self.episode.get("yields", []))


def backdrop_prepared() -> bool:
    """Whether this data's daily term premium was derived before (kept on disk).

    False on a fresh install or after a data update: then :func:`prepare_backdrop` is worth
    running in a helper process while the other sections are computed.
    """
    from treasury_leverage.data.derived import cache_folder

    try:
        return any(cache_folder().glob("acm-daily-*.npz"))
    except OSError:
        return False


def prepare_backdrop() -> None:
    """Derive what the backdrop needs and keep it on disk (the Svensson fits to the par curve and
    the daily ACM values), so that :func:`backdrop_part` in another process reads it.

    ``tlev brief`` runs this in one of its renderer processes on a fresh install; the fit is
    guarded by a file lock, so the brief's own process waits for it instead of fitting again.
    """
    from treasury_leverage.termpremium.estimate import term_premium_series

    term_premium_series(10, frequency="daily")


def backdrop_part(*, episode: tuple[str, str] = (EPISODE_START, EPISODE_END)) -> BackdropPart:
    """The latest term premium (daily ACM, toolkit estimate) and an episode split (default April 2025).

    Parameters
    ----------
    episode
        First and last day of the yield episode to decompose.
    """
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.termpremium.episode import decompose
    from treasury_leverage.termpremium.estimate import term_premium_series

    try:
        daily = term_premium_series(10, frequency="daily")
        monthly = term_premium_series(10, start="2000-01-01")
        split = decompose(episode[0], episode[1], maturities=(2, 5, 10, 30))
        par = api.par_curve()
    except TLError as exc:
        return BackdropPart(available=False, note=f"The term premium could not be estimated: {exc}")
    last_day = daily.index.max()
    tp = float(daily["term_premium_pct"].iloc[-1])
    year_ago = daily.loc[: last_day - pd.DateOffset(years=1), "term_premium_pct"]
    change_12m = 100.0 * (tp - float(year_ago.iloc[-1])) if len(year_ago) else None
    avg = float(monthly["term_premium_pct"].mean())
    curve = par[["10Y", "30Y"]].dropna()
    yday = curve.index.max()
    y10, y30 = float(curve.loc[yday, "10Y"]), float(curve.loc[yday, "30Y"])
    text = (f"On {last_day:%d %B %Y} the 10-year term premium (ACM, the toolkit's own estimate) was "
            f"{100 * tp:.0f} bp")
    if change_12m is not None:
        text += f", {change_12m:+.0f} bp over a year"
    text += f" (average since 2000: {100 * avg:.0f} bp). "
    text += f"Treasury par yields on {yday:%d %B %Y}: 10-year {y10:.2f}%, 30-year {y30:.2f}%. "
    headline = split.headline()
    if headline:
        text += (f"In the April 2025 sell-off ({split.start_date:%d %b} to {split.end_date:%d %b %Y}): "
                 f"{headline}")
    return BackdropPart(
        available=True,
        yields_date=f"{yday:%Y-%m-%d}",
        yield_10y_pct=y10,
        yield_30y_pct=y30,
        term_premium_10y_date=f"{last_day:%Y-%m-%d}",
        term_premium_10y_pct=tp,
        term_premium_10y_change_12m_bp=change_12m,
        term_premium_10y_avg_since_2000_pct=avg,
        episode=split.to_dict(),
        episode_headline=headline,
        model=split.model,
        text=text,
        term_premium_monthly=monthly,
        split=split,
    )
