"""The scenario specification: who does what, which models, how many draws.

A :class:`ScenarioSpec` is plain data (pydantic v2), loadable from YAML or JSON and buildable from
CLI flags (:func:`sell_spec`, :func:`pause_spec`, :func:`runoff_spec`). Structural mistakes (a
negative horizon, an unknown maturity mix, an unknown model, one holder with two actions) are
caught when the spec is built; mistakes that need the data (an unknown holder, a sale larger
than the holding, a start date outside the data) are caught by :func:`check_spec` before the
engine runs. Either way the error is a :class:`~treasury_leverage.errors.ScenarioError` whose
message starts with the field path (``actors[0].action.days: ...``).

A YAML spec::

    actors:
      - holder: japan
        sell: {amount_usd_bn: 300, days: 60, mix: longest-first}
      - holder: china
        pause: {months: 12}
    trade: {tariff_pct: {japan: 25}}
    models: [beltran2013, habitat]
    draws: 10000
    seed: 1
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from treasury_leverage._defaults import SALE_DAYS
from treasury_leverage.bounds import MAX_AMOUNT_USD_BN, MAX_OVERRIDE_MAGNITUDE, MAX_SEED
from treasury_leverage.errors import ScenarioError, TLError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MATURITIES_YEARS",
    "MONTHS",
    "Actor",
    "HoldAction",
    "PauseAction",
    "ResolvedSpec",
    "RunoffAction",
    "ScenarioSpec",
    "SellAction",
    "TradeBlock",
    "check_spec",
    "load_spec",
    "parse_spec",
    "pause_spec",
    "runoff_spec",
    "sell_spec",
    "spec_hash",
]

#: Maturities (years) of the scenario's yield-curve path (shared with the U.S. bill and sweeps).
MATURITIES_YEARS: Final = (1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0)
#: Months of the monthly path: 0..120 (month 0 = the end of the first month).
MONTHS: Final = 121
#: Longest sale horizon in business days (two years).
_MAX_DAYS: Final = 504

Mix = Literal["pro-rata", "bills-first", "longest-first", "buckets"]
Schedule = Literal["even", "front-loaded", "almgren-chriss"]


class _Base(BaseModel):
    # NaN and infinities are never a valid amount, share or override (JSON's NaN/Infinity and
    # YAML's .nan/.inf would otherwise pass every ge/le bound or poison the results).
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class SellAction(_Base):
    """Sell Treasuries over ``days`` business days.

    Attributes
    ----------
    amount_usd_bn, amount_pct
        Size of the sale: USD bn (market value) or percent of the holder's holdings; exactly one.
    days
        Business days over which the sale is spread (1..504).
    mix
        Which maturities go: ``pro-rata`` to the holder's maturity profile, ``bills-first``
        (shortest first), ``longest-first``, or ``buckets`` (explicit shares in ``buckets``).
    buckets
        With ``mix: buckets``: maturity (``"2y"``, ``"6m"``, ``"10y"``) -> share of the sale;
        shares sum to one. Each maturity is sold out of the profile bucket containing it.
    schedule
        ``even`` slices, ``front-loaded`` (linearly declining, twice the average on day one),
        or the ``almgren-chriss`` optimal trajectory for ``risk_aversion_per_usd_bn``.
    risk_aversion_per_usd_bn
        Almgren-Chriss ``lambda`` (per USD bn) for the optimal schedule.
    convert_share
        Share (0..1) of the proceeds sold for home currency (drives the FX effect); None (the
        default) = the holder's default: ``official_sale_convert_share`` for an official seller
        (:data:`treasury_leverage.scenario.seller.OFFICIAL_SELLERS`), 0 for the others.
    """

    kind: Literal["sell"] = "sell"
    amount_usd_bn: float | None = Field(default=None, gt=0, le=MAX_AMOUNT_USD_BN)
    amount_pct: float | None = Field(default=None, gt=0, le=100)
    days: int = Field(default=SALE_DAYS, ge=1, le=_MAX_DAYS)
    mix: Mix = "pro-rata"
    buckets: dict[str, float] | None = None
    schedule: Schedule = "even"
    risk_aversion_per_usd_bn: float = Field(default=0.01, ge=0)
    convert_share: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _one_amount(self) -> SellAction:
        if (self.amount_usd_bn is None) == (self.amount_pct is None):
            raise ValueError("give exactly one of amount_usd_bn (USD bn) or amount_pct (% of holdings)")
        if self.mix == "buckets":
            if not self.buckets:
                raise ValueError("mix 'buckets' needs buckets: {maturity: share}, e.g. {'10y': 1.0}")
            from treasury_leverage.impact.base import parse_maturity

            for key, share in self.buckets.items():
                parse_maturity(key)
                if not (math.isfinite(share) and share >= 0):
                    raise ValueError(f"buckets[{key!r}]: expected a share >= 0, got {share}")
            total = sum(self.buckets.values())
            if abs(total - 1.0) > 1e-6:
                raise ValueError(f"buckets: shares sum to {total:.6g}; expected 1")
        elif self.buckets:
            raise ValueError(f"buckets are only used with mix 'buckets', not {self.mix!r}")
        return self


class PauseAction(_Base):
    """Stop net purchases for ``months`` months, against a baseline purchase path.

    Attributes
    ----------
    months
        Length of the pause (1..120).
    baseline_usd_bn_per_month
        Purchases that the pause forgoes each month; default the official part (presets
        ``official_share_of_tic_*``) of the holder's average net purchases over the trailing
        ``baseline_months`` (from the flow detective), shown in the result.
    baseline_months
        Window of the trailing average (default: preset ``pause_baseline_months``).
    """

    kind: Literal["pause"] = "pause"
    months: int = Field(ge=1, le=MONTHS - 1)
    baseline_usd_bn_per_month: float | None = Field(default=None, ge=-MAX_AMOUNT_USD_BN, le=MAX_AMOUNT_USD_BN)
    baseline_months: int | None = Field(default=None, ge=1, le=120)


class RunoffAction(_Base):
    """Let maturing holdings run off (no reinvestment) for ``months`` months.

    Attributes
    ----------
    months
        Length of the run-off (1..120); amounts from the holder's run-off schedule.
    convert_share
        Share (0..1) of the redeemed cash sold for home currency; None (the default) = the
        holder's default: ``official_runoff_convert_share`` (0: a run-off is not an intervention)
        for an official holder, 0 for the others.
    """

    kind: Literal["runoff"] = "runoff"
    months: int = Field(ge=1, le=MONTHS - 1)
    convert_share: float | None = Field(default=None, ge=0, le=1)


class HoldAction(_Base):
    """Do nothing (the baseline)."""

    kind: Literal["hold"] = "hold"


Action = Annotated[SellAction | PauseAction | RunoffAction | HoldAction, Field(discriminator="kind")]
_KINDS: Final = ("sell", "pause", "runoff", "hold")


class Actor(_Base):
    """One holder and its one action.

    ``{"holder": "japan", "sell": {...}}`` is accepted as shorthand for
    ``{"holder": "japan", "action": {"kind": "sell", ...}}``.
    """

    holder: str = Field(min_length=1)
    action: Action

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "action" not in data:
            given = [k for k in _KINDS if k in data]
            if len(given) > 1:
                raise ValueError(f"one action per actor; got {', '.join(given)} (overlapping actions)")
            if given:
                kind = given[0]
                body = data[kind] or {}
                if not isinstance(body, Mapping):
                    raise ValueError(f"{kind}: expected a mapping of its parameters, got {body!r}")
                rest = {k: v for k, v in data.items() if k != kind}
                return {**rest, "action": {"kind": kind, **body}}
        return data


class TradeBlock(_Base):
    """The trade channel: U.S. tariffs on holders' exports -> fewer dollars recycled into Treasuries.

    Attributes
    ----------
    tariff_pct
        Holder -> tariff rate in percent (0..200).
    months
        Months over which the shortfall in purchases is computed (1..120).
    """

    tariff_pct: dict[str, float]
    months: int = Field(default=12, ge=1, le=MONTHS - 1)

    @field_validator("tariff_pct")
    @classmethod
    def _rates(cls, value: dict[str, float]) -> dict[str, float]:
        for holder, rate in value.items():
            if not (math.isfinite(rate) and 0 <= rate <= 200):
                raise ValueError(f"tariff for {holder!r}: expected 0..200 percent, got {rate}")
        return value


class ScenarioSpec(_Base):
    """What the holders do, which impact models price it, and the Monte Carlo settings.

    Attributes
    ----------
    name
        A label for the result.
    actors
        Holders and their actions (empty = the baseline: nothing happens).
    trade
        Optional trade channel.
    models
        Impact models (registry names); default all, reported side by side.
    draws
        Parameter draws per model for the p5/p50/p95 bands (0 = point estimate; at most
        200,000, which keeps the per-model draw arrays under ~0.5 GB).
    seed
        Seed of the draws (same seed, same result).
    start
        Day the scenario starts. Default: the last day with both holdings and a curve (the curve
        day at or before the actors' latest published holdings month, so a scenario does not
        silently price holdings that are months old on a newer curve); ``"latest"``: the latest
        par curve in the data, with the latest holdings taken as unchanged since their month.
    holdings_date
        Use the holdings of the last month-end at or before this date (default: the latest at or
        before ``start``); must not be after ``start``.
    overrides
        Preset name -> value (fixed, also in draws); applied to every model that uses the preset
        and to the seller's presets.
    jgb
        Also report the JGB side of each Japanese action (:func:`treasury_leverage.scenario.jgb.jgb_side`:
        JGB purchases, the 10-year JGB yield move, the JGB mark-to-market; reported, not netted).
        Default off; off is left out of the spec's hash, so older specs keep theirs.
    """

    name: str = ""
    actors: list[Actor] = Field(default_factory=list)
    trade: TradeBlock | None = None
    models: list[str] | None = None
    draws: int = Field(default=0, ge=0, le=200_000)
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    start: dt.date | Literal["latest"] | None = None
    holdings_date: dt.date | None = None
    overrides: dict[str, float] = Field(default_factory=dict)
    jgb: bool = False

    @field_validator("overrides")
    @classmethod
    def _override_magnitudes(cls, value: dict[str, float]) -> dict[str, float]:
        # A preset override far outside any published estimate (1e300) is a typo, and the
        # engine would carry it into every number; the bound is the toolkit's one magnitude cap.
        for name, v in value.items():
            if abs(v) > MAX_OVERRIDE_MAGNITUDE:
                raise ValueError(f"override {name} = {v:g}: expected a magnitude of at most "
                                 f"{MAX_OVERRIDE_MAGNITUDE:g}")
        return value

    @field_validator("models")
    @classmethod
    def _models(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        from treasury_leverage.errors import UnknownNameError
        from treasury_leverage.impact.registry import MODELS

        out = []
        for name in value:
            key = name.strip().lower()
            if key not in MODELS:
                raise ValueError(str(UnknownNameError("impact model", name, MODELS)))
            if key not in out:
                out.append(key)
        if not out:
            raise ValueError("expected at least one impact model (or leave models out for all)")
        return out

    @field_validator("holdings_date", mode="before")
    @classmethod
    def _month(cls, value: Any) -> Any:
        # "2025-06" means the June 2025 holdings: the month's last day.
        if isinstance(value, str) and len(value.strip()) == 7:
            import calendar

            try:
                year, month = (int(x) for x in value.strip().split("-"))
                return dt.date(year, month, calendar.monthrange(year, month)[1])
            except ValueError:
                raise ValueError(f"expected YYYY-MM or YYYY-MM-DD, got {value!r}") from None
        return value

    @field_validator("overrides")
    @classmethod
    def _overrides(cls, value: dict[str, float]) -> dict[str, float]:
        from treasury_leverage.presets import get_preset

        for key, v in value.items():
            get_preset(key)
            if not math.isfinite(v):
                raise ValueError(f"override {key!r}: expected a finite number, got {v}")
        return value

    @model_validator(mode="after")
    def _no_overlap(self) -> ScenarioSpec:
        from treasury_leverage.data.countries import name_key

        seen: dict[str, int] = {}
        for i, actor in enumerate(self.actors):
            key = name_key(actor.holder)
            if key in seen:
                raise ValueError(f"actors[{i}]: holder {actor.holder!r} already has an action in "
                                 f"actors[{seen[key]}]; one action per holder (overlapping actions)")
            seen[key] = i
        return self

    def model_names(self) -> list[str]:
        """The impact models to run (all registered models when ``models`` is None)."""
        from treasury_leverage.impact.registry import MODELS

        return list(MODELS) if self.models is None else list(self.models)

    def to_json_dict(self) -> dict[str, Any]:
        """The spec as plain JSON data (what :func:`spec_hash` hashes)."""
        out = self.model_dump(mode="json")
        if out.get("holdings_date") is None:  # absent = default: older specs keep their hash
            out.pop("holdings_date", None)
        if not out.get("jgb"):  # the JGB report is off by default: older specs keep their hash
            out.pop("jgb", None)
        return out


# -- errors -----------------------------------------------------------------------------------


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("sell", "pause", "runoff", "hold") and out.endswith("action"):
            continue  # the discriminated union's tag adds nothing for the reader
        else:
            out += ("." if out else "") + str(part)
    return out or "spec"


def _wrap(exc: ValidationError) -> ScenarioError:
    """One ScenarioError naming the field of each problem (first three)."""
    parts = []
    for err in exc.errors()[:3]:
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        loc = tuple(err.get("loc", ()))
        # a whole-spec check already names its field (e.g. "actors[1]: ...")
        parts.append(f"{_path(loc)}: {msg}" if loc else msg)
    more = len(exc.errors()) - 3
    text = "; ".join(parts) + (f"; and {more} more" if more > 0 else "")
    return ScenarioError(f"invalid scenario: {text}")


def parse_spec(data: Mapping[str, Any] | ScenarioSpec) -> ScenarioSpec:
    """A validated :class:`ScenarioSpec` from a mapping (or the spec itself).

    Raises
    ------
    ScenarioError
        The message names the field path of the problem, e.g. ``actors[0].action.days``.
    """
    if isinstance(data, ScenarioSpec):
        return data
    if not isinstance(data, Mapping):
        raise ScenarioError(f"invalid scenario: expected a mapping of fields, got {type(data).__name__}")
    try:
        return ScenarioSpec.model_validate(dict(data))
    except ValidationError as exc:
        raise _wrap(exc) from None
    except TLError as exc:  # e.g. an unknown preset in overrides raised inside a validator
        raise ScenarioError(f"invalid scenario: {exc}") from None


def load_spec(path: str | Path) -> ScenarioSpec:
    """Read a spec from a ``.yaml``/``.yml`` or ``.json`` file.

    Raises
    ------
    ScenarioError
        Unreadable file, malformed YAML/JSON, or an invalid spec (field path in the message).
    """
    p = Path(path)
    if p.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise ScenarioError(f"scenario file {str(p)!r}: expected a .yaml, .yml or .json file")
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"scenario file {str(p)!r}: cannot be read ({exc.strerror or exc})") from None
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScenarioError(f"scenario file {str(p)!r}: malformed JSON at line {exc.lineno}: {exc.msg}") \
                from None
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise ScenarioError(f"scenario file {str(p)!r}: malformed YAML{where}") from None
    if data is None:
        data = {}
    return parse_spec(data)


def spec_hash(spec: ScenarioSpec) -> str:
    """SHA-256 (hex, first 16 characters) of the spec's canonical JSON: the key of a result."""
    text = json.dumps(spec.to_json_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# -- builders for the CLI ---------------------------------------------------------------------


def _common(models: list[str] | None, draws: int, seed: int, start: str | dt.date | None,
            holdings_date: str | dt.date | None = None, jgb: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"models": models, "draws": draws, "seed": seed, "start": start}
    if holdings_date is not None:
        out["holdings_date"] = holdings_date
    if jgb:
        out["jgb"] = True
    return out


def sell_spec(
    holder: str,
    amount: float | str,
    *,
    days: int = SALE_DAYS,
    mix: str = "pro-rata",
    schedule: str = "even",
    convert_share: float | None = None,
    buckets: Mapping[str, float] | None = None,
    models: list[str] | None = None,
    draws: int = 0,
    seed: int = 0,
    start: str | dt.date | None = None,
    holdings_date: str | dt.date | None = None,
    jgb: bool = False,
) -> ScenarioSpec:
    """One holder sells ``amount`` (USD bn, or ``"25%"`` of its holdings) over ``days`` (``jgb``: also
    report the JGB side)."""
    sell: dict[str, Any] = {"days": days, "mix": mix, "schedule": schedule, "convert_share": convert_share}
    if buckets is not None:
        sell["buckets"] = dict(buckets)
    text = str(amount).strip()
    try:
        if text.endswith("%"):
            sell["amount_pct"] = float(text[:-1])
        else:
            sell["amount_usd_bn"] = float(text)
    except ValueError:
        raise ScenarioError(f"invalid scenario: actors[0].action.amount: expected USD bn (300) or a "
                            f"percent of holdings (25%), got {amount!r}") from None
    return parse_spec({"actors": [{"holder": holder, "sell": sell}],
                       **_common(models, draws, seed, start, holdings_date, jgb)})


def pause_spec(
    holder: str,
    months: int,
    *,
    baseline_usd_bn_per_month: float | None = None,
    models: list[str] | None = None,
    draws: int = 0,
    seed: int = 0,
    start: str | dt.date | None = None,
    holdings_date: str | dt.date | None = None,
) -> ScenarioSpec:
    """One holder stops net purchases for ``months`` months."""
    pause: dict[str, Any] = {"months": months, "baseline_usd_bn_per_month": baseline_usd_bn_per_month}
    return parse_spec({"actors": [{"holder": holder, "pause": pause}],
                       **_common(models, draws, seed, start, holdings_date)})


def runoff_spec(
    holder: str,
    months: int,
    *,
    convert_share: float | None = None,
    models: list[str] | None = None,
    draws: int = 0,
    seed: int = 0,
    start: str | dt.date | None = None,
    holdings_date: str | dt.date | None = None,
    jgb: bool = False,
) -> ScenarioSpec:
    """One holder lets maturing Treasuries run off for ``months`` months (``jgb``: also report the
    JGB side)."""
    body = {"months": months, "convert_share": convert_share}
    return parse_spec({"actors": [{"holder": holder, "runoff": body}],
                       **_common(models, draws, seed, start, holdings_date, jgb)})


# -- checks against the data ------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedSpec:
    """A spec checked against the data: holder names resolved, dates and sizes fixed.

    Attributes
    ----------
    spec
        The spec as given.
    holders
        Resolved holder name of each actor (same order).
    holdings_usd_bn
        Each actor's holdings at ``holdings_date`` (USD bn, market value).
    sell_usd_bn
        Each actor's sale size in USD bn (0 for other actions).
    start
        The scenario's first day (a par-curve date).
    holdings_date
        Month-end of the holdings used (the last one at or before ``start``).
    tariffs
        Resolved holder -> tariff (percent) of the trade block.
    notes
        What was assumed while resolving (e.g. holdings older than the start date).
    """

    spec: ScenarioSpec
    holders: tuple[str, ...]
    holdings_usd_bn: tuple[float, ...]
    sell_usd_bn: tuple[float, ...]
    start: dt.date
    holdings_date: dt.date
    tariffs: dict[str, float]
    notes: tuple[str, ...]


def _resolve_holder(name: str, pool: list[str], field: str) -> str:
    from treasury_leverage.data.countries import resolve_country
    from treasury_leverage.errors import UnknownNameError

    try:
        return resolve_country(name, pool)
    except UnknownNameError as exc:
        raise ScenarioError(f"invalid scenario: {field}: {exc}") from None


@dataclass(frozen=True)
class CheckData:
    """What :func:`check_spec` reads: the days with a par curve and the holdings (read once for a batch).

    Attributes
    ----------
    curve
        The par-curve panel without its empty rows.
    holdings
        Holdings by holder (wide, USD bn), and ``held`` its months with any holdings.
    """

    curve: pd.DataFrame
    holdings: pd.DataFrame
    held: pd.DataFrame

    # What every check reads from these frames, derived once (a batch checks many specs against
    # one CheckData; each derivation costs about a millisecond of pandas). Plain dicts on the
    # instance: the frames never change under it.
    @functools.cached_property
    def pool(self) -> list[str]:
        """The holders (columns of the holdings)."""
        return list(self.holdings.columns)

    @functools.cached_property
    def curve_days(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The first and last day with a par curve."""
        return self.curve.index.min(), self.curve.index.max()

    @functools.cached_property
    def first_held(self) -> pd.Timestamp:
        """The first month with any holdings."""
        return self.held.index.min()

    @functools.cached_property
    def _memo(self) -> dict[Any, Any]:
        return {}

    def resolve(self, name: str, field: str) -> str:
        """The holder ``name`` means (:func:`~treasury_leverage.data.countries.resolve_country`)."""
        key = ("resolve", name)
        if key not in self._memo:
            self._memo[key] = _resolve_holder(name, self.pool, field)  # errors are not memoised
        return str(self._memo[key])

    def holder_series(self, name: str) -> pd.Series:
        """The months with holdings of ``name`` (``holdings[name].dropna()``)."""
        key = ("series", name)
        if key not in self._memo:
            self._memo[key] = self.holdings[name].dropna()
        series: pd.Series = self._memo[key]
        return series


def check_data(par: pd.DataFrame | None = None) -> CheckData:
    """The data :func:`check_spec` checks against (``par``: the par-curve panel, default the data's)."""
    from treasury_leverage.data import api

    par = api.par_curve() if par is None else par
    wide = api.holdings()
    return CheckData(curve=par.dropna(how="all"), holdings=wide, held=wide.dropna(how="all"))


def check_spec(spec: ScenarioSpec, *, par: pd.DataFrame | None = None, data: CheckData | None = None
               ) -> ResolvedSpec:
    """Check a spec against the data: holders exist, sales fit the holdings, dates are covered.

    Parameters
    ----------
    spec
        A parsed spec.
    par
        The par-curve panel (default :func:`treasury_leverage.data.par_curve`).
    data
        The data already read (:func:`check_data`); ``par`` is then not used.

    Raises
    ------
    ScenarioError
        Naming the field: ``actors[i].holder`` (unknown holder, with the closest names),
        ``actors[i].action.amount_usd_bn`` (larger than the holding), ``start`` (outside the
        data), ``trade.tariff_pct`` (unknown holder).
    """
    import pandas as pd

    data = check_data(par) if data is None else data
    valid = data.curve
    first_curve, last_curve = data.curve_days
    first_hold = data.first_held
    notes: list[str] = []
    if spec.start == "latest":
        start = last_curve
    elif spec.start is None:
        # The last day with both holdings and a curve: the curve day at or before the actors'
        # latest holdings month-end (the oldest of them in a coalition).
        latest = []
        for i, actor in enumerate(spec.actors):
            name = data.resolve(actor.holder, f"actors[{i}].holder")
            latest.append(data.holder_series(name).index.max())
        anchor = min(latest) if latest else data.held.index.max()
        anchor = min(max(anchor, first_curve), last_curve)
        start = valid.index[valid.index.searchsorted(anchor, side="right") - 1]
    else:
        start = pd.Timestamp(spec.start)
        lo = max(first_curve, first_hold)
        if start < lo or start > last_curve:
            raise ScenarioError(f"invalid scenario: start: {start:%Y-%m-%d} is outside the data; expected a "
                                f"date from {lo:%Y-%m-%d} (holdings and curves) to {last_curve:%Y-%m-%d}")
        start = valid.index[valid.index.searchsorted(start, side="right") - 1]
    holders: list[str] = []
    amounts: list[float] = []
    sells: list[float] = []
    hold_dates = []
    hold_cut = start
    if spec.holdings_date is not None:
        hold_cut = pd.Timestamp(spec.holdings_date)
        if hold_cut < first_hold:
            raise ScenarioError(f"invalid scenario: holdings_date: {spec.holdings_date:%Y-%m-%d} is before "
                                f"the first holdings month {first_hold:%Y-%m}; expected a date from "
                                f"{first_hold:%Y-%m} to the start {start:%Y-%m-%d}")
        if hold_cut > start:
            raise ScenarioError(f"invalid scenario: holdings_date: {hold_cut:%Y-%m-%d} is after the start "
                                f"{start:%Y-%m-%d}; expected holdings from before the scenario starts")
    for i, actor in enumerate(spec.actors):
        name = data.resolve(actor.holder, f"actors[{i}].holder")
        held = data.holder_series(name)
        # the months at or before the cut (``held.loc[:hold_cut]`` on the sorted month-ends)
        n_held = int(held.index.searchsorted(hold_cut, side="right"))
        if n_held == 0:
            raise ScenarioError(f"invalid scenario: actors[{i}].holder: no holdings of {name} at or before "
                                f"{hold_cut:%Y-%m-%d}")
        h = float(held.iloc[n_held - 1])
        hold_dates.append(held.index[n_held - 1])
        act = actor.action
        sell = 0.0
        if isinstance(act, SellAction):
            if act.amount_pct is not None:
                sell = h * act.amount_pct / 100.0
            else:
                assert act.amount_usd_bn is not None
                sell = act.amount_usd_bn
                if sell > h + 1e-9:
                    raise ScenarioError(
                        f"invalid scenario: actors[{i}].action.amount_usd_bn: a sale of {sell:,.1f} USD bn "
                        f"exceeds {name}'s holdings of {h:,.1f} USD bn ({held.index[n_held - 1]:%Y-%m}); "
                        "expected at most the holdings")
        holders.append(name)
        amounts.append(h)
        sells.append(sell)
    hold_date = max(hold_dates) if hold_dates else data.held.loc[:hold_cut].index.max()
    if hold_dates and (start - min(hold_dates)).days > 62:
        months = (start.year - min(hold_dates).year) * 12 + start.month - min(hold_dates).month
        which = "chosen with holdings_date" if spec.holdings_date is not None else "the latest published"
        notes.append(f"holdings are as of {min(hold_dates):%Y-%m} ({which}), {months} months before the "
                     f"scenario start {start:%Y-%m-%d}; they are taken as unchanged since then "
                     "(choose another month with --holdings-date, or an earlier --start)")
    tariffs: dict[str, float] = {}
    if spec.trade is not None:
        for key, rate in spec.trade.tariff_pct.items():
            tariffs[data.resolve(key, f"trade.tariff_pct[{key!r}]")] = float(rate)
    return ResolvedSpec(
        spec=spec, holders=tuple(holders), holdings_usd_bn=tuple(amounts), sell_usd_bn=tuple(sells),
        start=pd.Timestamp(start).date(), holdings_date=pd.Timestamp(hold_date).date(),
        tariffs=tariffs, notes=tuple(notes),
    )
