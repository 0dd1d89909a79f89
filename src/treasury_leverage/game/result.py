"""The leverage game's answer as one labelled result: frames, a JSON dict and verdicts in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from treasury_leverage.game.coalition import (
    CoalitionAssessment,
    CoalitionEquilibrium,
    CoalitionGame,
    assess_joint_response,
    solve_coalition,
)
from treasury_leverage.game.credibility import (
    Deterrence,
    ResponseAssessment,
    assess_response,
    band,
    deterrence,
)
from treasury_leverage.game.payoffs import PayoffComponents, PayoffWeights
from treasury_leverage.game.solve import DEFAULT_TOL_USD_BN, Equilibrium, SequentialGame, TieBreak, solve_spe

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CoalitionResult", "GameResult", "analyse", "analyse_coalition"]

#: A verdict needs this share of draws to be stated without "in most draws"-style hedging
#: (:mod:`treasury_leverage.game.words` classifies threats by the same share).
CLEAR_SHARE: float = 0.9
_CLEAR: float = CLEAR_SHARE
#: Money effects smaller than this (USD bn, median) are called nil in the verdicts.
_NIL_USD_BN: float = 0.5


@dataclass(frozen=True)
class GameResult:
    """Equilibrium, credibility, leverage and deterrence of one leverage game.

    Attributes
    ----------
    game
        The game (payoffs in USD bn per draw).
    equilibrium
        Its subgame-perfect equilibrium, draw by draw.
    assessments
        Credibility and leverage of each (tariff, threatened response).
    deterrences
        Deterrence threshold of each (tariff, threatened response).
    components
        The money flows behind the payoffs (``None`` for a hand-made game).
    weights
        The payoff weights and horizon used (``None`` for a hand-made game).
    gdp_usd_bn
        The holder's GDP (for % of GDP), if known.
    us_gdp_usd_bn
        U.S. nominal GDP (for % of GDP), if given.
    provenance
        Data vintages, presets, models, draws, seed, engine spec hashes.
    notes
        Modelling notes.
    """

    game: SequentialGame
    equilibrium: Equilibrium
    assessments: tuple[ResponseAssessment, ...]
    deterrences: tuple[Deterrence, ...]
    components: PayoffComponents | None = None
    weights: PayoffWeights | None = None
    gdp_usd_bn: float | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    us_gdp_usd_bn: float | None = None

    @property
    def holder(self) -> str:
        """The holder's name."""
        return self.game.holder

    # -- frames -------------------------------------------------------------------------------

    def equilibrium_frame(self) -> pd.DataFrame:
        """Per U.S. action: how often the U.S. picks it, the holder's best response, payoffs (p50)."""
        import pandas as pd

        eq, g = self.equilibrium, self.game
        chosen = eq.us_choice_share()
        rows = []
        for j, a in enumerate(g.us_actions):
            shares = eq.response_share(j)
            best = max(shares, key=lambda k: shares[k])
            resp = eq.response[:, j]
            rows.append({
                "us_action": a,
                "us_choice_share_of_draws": chosen[a],
                "best_response": best,
                "best_response_share_of_draws": shares[best],
                "us_payoff_usd_bn_p50": float(np.median(g.us_payoff_usd_bn[np.arange(g.n_draws), j, resp])),
                "holder_payoff_usd_bn_p50": float(np.median(
                    g.holder_payoff_usd_bn[np.arange(g.n_draws), j, resp])),
            })
        return pd.DataFrame(rows)

    def credibility_frame(self) -> pd.DataFrame:
        """One row per (tariff, response): credibility share, both sides' costs, leverage ratio."""
        import pandas as pd

        rows = []
        for a in self.assessments:
            d = a.to_dict()
            rows.append({
                "tariff": a.tariff, "response": a.response,
                "credible_share_of_draws": d["credible_share_of_draws"],
                "holder_cost_usd_bn_p5": d["holder_cost_usd_bn"]["p5"],
                "holder_cost_usd_bn_p50": d["holder_cost_usd_bn"]["p50"],
                "holder_cost_usd_bn_p95": d["holder_cost_usd_bn"]["p95"],
                "us_cost_usd_bn_p5": d["us_cost_usd_bn"]["p5"],
                "us_cost_usd_bn_p50": d["us_cost_usd_bn"]["p50"],
                "us_cost_usd_bn_p95": d["us_cost_usd_bn"]["p95"],
                "leverage_ratio_p50": d["leverage_ratio"]["p50"],
                "resolve_needed_usd_bn_p50": d["resolve_needed_usd_bn"]["p50"],
            })
        return pd.DataFrame(rows)

    def deterrence_frame(self) -> pd.DataFrame:
        """One row per (tariff, response): the threshold belief ``p*`` with its band and shares."""
        import pandas as pd

        rows = []
        for dt in self.deterrences:
            d = dt.to_dict()
            q = dt.threshold_band()
            rows.append({
                "tariff": dt.tariff, "response": dt.response,
                "deterrence_threshold_prob_p5": q["p5"],
                "deterrence_threshold_prob_p50": q["p50"],
                "deterrence_threshold_prob_p95": q["p95"],
                "tariff_gain_usd_bn_p50": d["tariff_gain_usd_bn"]["p50"],
                "gain_if_retaliated_usd_bn_p50": d["gain_if_retaliated_usd_bn"]["p50"],
                "deterred_share_of_draws_at_half": dt.deterred_share(0.5),
                "undeterrable_share_of_draws": dt.undeterrable_share,
            })
        return pd.DataFrame(rows)

    def summary_frame(self) -> pd.DataFrame:
        """One row per (tariff, response), medians: credibility, both costs, leverage, deterrence.

        Costs in % of GDP are the horizon's cost over one year's GDP.
        """
        import pandas as pd

        rows = []
        for a, dt in zip(self.assessments, self.deterrences, strict=True):
            rows.append({
                "tariff": a.tariff, "response": a.response,
                "credible_share": a.credible_share,
                "holder_cost_usd_bn": float(np.median(a.holder_cost_usd_bn)),
                "holder_cost_pct_gdp": (100.0 * float(np.median(a.holder_cost_usd_bn)) / self.gdp_usd_bn
                                        if self.gdp_usd_bn else float("nan")),
                "us_cost_usd_bn": float(np.median(a.us_cost_usd_bn)),
                "us_cost_pct_gdp": (100.0 * float(np.median(a.us_cost_usd_bn)) / self.us_gdp_usd_bn
                                    if self.us_gdp_usd_bn else float("nan")),
                "leverage_ratio": band(a.leverage_ratio)["p50"],
                "resolve_needed_usd_bn": float(np.median(a.resolve_needed_usd_bn)),
                "threshold_prob": dt.threshold_band()["p50"],
                "deterred_at_half": dt.deterred_share(0.5),
            })
        return pd.DataFrame(rows)

    def deterrence_curve_frame(self, resolve_probs: Sequence[float] | None = None) -> pd.DataFrame:
        """Tidy: share of draws in which each tariff is deterred, by belief in the holder's resolve.

        Columns ``tariff, response, resolve_prob, deterred_share_of_draws`` (a chart's input).
        """
        import pandas as pd

        probs = list(np.linspace(0.0, 1.0, 21)) if resolve_probs is None else list(resolve_probs)
        rows = [{"tariff": dt.tariff, "response": dt.response, "resolve_prob": float(p),
                 "deterred_share_of_draws": share}
                for dt in self.deterrences for p, share in zip(probs, dt.curve(probs), strict=True)]
        return pd.DataFrame(rows)

    def payoff_frame(self) -> pd.DataFrame:
        """The money flows of every cell (medians, USD bn) and both payoffs."""
        import pandas as pd

        g = self.game
        base = (self.components.frame(g.us_actions, g.holder_actions) if self.components is not None else
                pd.DataFrame([{"us_action": a, "holder_response": r} for a in g.us_actions
                              for r in g.holder_actions]))
        base["us_payoff_usd_bn_p50"] = np.median(g.us_payoff_usd_bn, axis=0).ravel()
        base["holder_payoff_usd_bn_p50"] = np.median(g.holder_payoff_usd_bn, axis=0).ravel()
        return base

    # -- words and JSON -----------------------------------------------------------------------

    def verdicts(self) -> list[str]:
        """Plain-words verdicts, each with the numbers and the share of draws behind it."""
        g, eq, h = self.game, self.equilibrium, self.holder
        horizon = _horizon_words(self.weights)
        out: list[str] = []
        share = eq.us_choice_share()
        top = max(share, key=lambda k: share[k])
        hc = eq.holder_choice
        resp_share = np.bincount(hc, minlength=len(g.holder_actions)) / g.n_draws
        r_top = int(np.argmax(resp_share))
        out.append(f"Equilibrium (backward induction, {g.n_draws} draws): the U.S. chooses '{top}' in "
                   f"{share[top]:.0%} of draws and {h} answers with '{g.holder_actions[r_top]}' in "
                   f"{resp_share[r_top]:.0%}.")
        if _custodial(h):
            out.append(f"{h} is a custodial or financial centre: its TIC holdings belong largely to "
                       "investors elsewhere, so 'its' response is not one government's decision; read the "
                       "numbers as what a sale of that size would do.")
        for a in self.assessments:
            d = a.to_dict()
            cost, us = d["holder_cost_usd_bn"], d["us_cost_usd_bn"]
            cred = a.credible_share
            pct = ""
            if self.gdp_usd_bn:
                pct = f", {100 * cost['p50'] / self.gdp_usd_bn:.2f}% of its GDP"
            text = (f"'{a.response}' after '{a.tariff}': costs {h} {_bn(cost['p50'])} USD bn (p5-p95 "
                    f"{_bn(cost['p5'])} to {_bn(cost['p95'])}{pct}) and the U.S. {_bn(us['p50'])} USD bn "
                    f"({_bn(us['p5'])} to {_bn(us['p95'])}){horizon}")
            ratio = d["leverage_ratio"]["p50"]
            if np.isfinite(ratio):
                text += f": {ratio:,.1f} dollars of U.S. cost per dollar of its own"
            if cred >= _CLEAR:
                text += f". It leaves {h} no worse off than holding in {cred:.0%} of draws: credible."
            elif cred <= 1 - _CLEAR:
                need = d["resolve_needed_usd_bn"]["p50"]
                text += (f". It leaves {h} worse off than holding in {1 - cred:.0%} of draws: on money "
                         f"alone the threat is not credible (self-destructive); {h} would have to value "
                         f"retaliation at {need:,.0f} USD bn (p50) to carry it out.")
            else:
                text += f". Credible in {cred:.0%} of draws, self-destructive in {1 - cred:.0%}: uncertain."
            out.append(text)
        for dt in self.deterrences:
            out.append(_deterrence_words(dt, h))
        return out

    def headline(self) -> str:
        """One sentence for a brief: the threat that would cost the U.S. most, and what it takes.

        Picks, after the highest tariff, the response with the largest median U.S. cost; says
        whether it is credible on money alone, the two bills and their ratio, and the deterrence
        threshold (or the value of the tariff's other aims it depends on).
        """
        if not self.assessments:
            return f"No threat to assess for {self.holder}."
        last = self.assessments[-1].tariff
        cands = [(a, d) for a, d in zip(self.assessments, self.deterrences, strict=True) if a.tariff == last]
        a, dt = max(cands, key=lambda ad: float(np.median(ad[0].us_cost_usd_bn)))
        h = self.holder
        hc, uc = float(np.median(a.holder_cost_usd_bn)), float(np.median(a.us_cost_usd_bn))
        horizon = _horizon_words(self.weights)
        cred = a.credible_share
        verdict = ("credible" if cred >= _CLEAR else "not credible on money alone" if cred <= 1 - _CLEAR
                   else f"credible in {cred:.0%} of draws")
        ratio = band(a.leverage_ratio)["p50"]
        ratio_txt = f" ({ratio:,.0f} to 1)" if np.isfinite(ratio) and ratio >= 1.5 else ""
        text = (f"{h}'s threat to '{a.response}' after a '{last}' is {verdict}: it would cost {h} "
                f"{hc:,.0f} USD bn and the U.S. {uc:,.0f} USD bn{horizon}{ratio_txt}.")
        lo = float(np.median(dt.aims_break_even_usd_bn))
        q = dt.threshold_band()
        if dt.deterred_without_threat_share >= _CLEAR:
            loss = "" if abs(lo) < _NIL_USD_BN else f" ({lo:,.0f} USD bn)"
            num = "V" if abs(lo) < _NIL_USD_BN else f"(V - {lo:,.0f})"
            span = float(np.median(dt.tariff_gain_usd_bn - dt.gain_if_retaliated_usd_bn))
            text += (f" The tariff does not pay the U.S. in money even against {h}'s best money "
                     f"response{loss}; valued for its other aims at V USD bn, it is deterred if Washington "
                     f"gives the threat a chance above {num} / {span:,.0f} (medians).")
        elif dt.undeterrable_share >= _CLEAR:
            text += " Even carried out, it would not make the tariff a loss for the U.S."
        else:
            text += (f" It deters the tariff if Washington puts the chance of it being carried out above "
                     f"{_fmt_p(q['p50'])} (p50).")
        return text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with unit keys (``cost_usd_bn``, ``leverage_ratio``,
        ``deterrence_threshold_prob``, ``share_of_draws``)."""
        g, eq = self.game, self.equilibrium
        return {
            "holder": self.holder,
            "us_actions": list(g.us_actions),
            "holder_actions": list(g.holder_actions),
            "n_draws": g.n_draws,
            "equilibrium": {
                "tie_break": eq.tie_break,
                "us_choice_share_of_draws": eq.us_choice_share(),
                "best_response_share_of_draws": {a: eq.response_share(a) for a in g.us_actions},
                "us_payoff_usd_bn": band(eq.us_payoff_usd_bn),
                "holder_payoff_usd_bn": band(eq.holder_payoff_usd_bn),
            },
            "credibility": [a.to_dict() for a in self.assessments],
            "deterrence": [d.to_dict() for d in self.deterrences],
            "payoffs": self.payoff_frame().to_dict(orient="records"),
            "weights": None if self.weights is None else self.weights.to_dict(),
            "holder_gdp_usd_bn": self.gdp_usd_bn,
            "us_gdp_usd_bn": self.us_gdp_usd_bn,
            "headline": self.headline(),
            "verdicts": self.verdicts(),
            "provenance": self.provenance,
            "notes": list(self.notes) + list(eq.notes),
        }

    def summary(self) -> str:
        """The verdicts, one per line."""
        return "\n".join(self.verdicts())

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """Notebook view: the verdicts and the threat table (not a dump of the draws)."""
        from treasury_leverage._format import html_card

        return html_card(type(self).__name__, self.summary(), self.summary_frame())


def analyse(
    game: SequentialGame,
    *,
    tariffs: Sequence[str | int] | None = None,
    responses: Sequence[str | int] | None = None,
    no_tariff: str | int = 0,
    baseline: str | int = 0,
    tie_break: TieBreak = "first",
    components: PayoffComponents | None = None,
    weights: PayoffWeights | None = None,
    gdp_usd_bn: float | None = None,
    provenance: Mapping[str, Any] | None = None,
    notes: Sequence[str] = (),
    us_gdp_usd_bn: float | None = None,
    tol_usd_bn: float = DEFAULT_TOL_USD_BN,
) -> GameResult:
    """Solve a game and assess every threatened response to every tariff.

    Parameters
    ----------
    game
        The game.
    tariffs
        U.S. actions to assess (default all but ``no_tariff``).
    responses
        Threatened holder responses (default all but ``baseline``).
    no_tariff, baseline
        The U.S. and holder status quo (default the first action of each).
    tie_break
        Tie-break rule of the equilibrium.
    components, weights, gdp_usd_bn, provenance, notes, us_gdp_usd_bn
        Carried into the result.
    tol_usd_bn
        Payoffs within this distance (USD bn) are equal in the equilibrium: a player keeps its
        status quo (its first action) unless another action gains more (the leverage game passes
        the preset ``game_indifference_usd_bn``). Credibility is judged without it.
    """
    eq = solve_spe(game, tie_break=tie_break, tol_usd_bn=tol_usd_bn)
    z = game.us_index(no_tariff)
    b = game.holder_index(baseline)
    ts = ([i for i in range(len(game.us_actions)) if i != z] if tariffs is None
          else [game.us_index(t) for t in tariffs])
    rs = ([i for i in range(len(game.holder_actions)) if i != b] if responses is None
          else [game.holder_index(r) for r in responses])
    assessments = tuple(assess_response(game, t, r, baseline=b) for t in ts for r in rs)
    deterrences = tuple(deterrence(game, t, r, no_tariff=z, equilibrium=eq) for t in ts for r in rs)
    return GameResult(game=game, equilibrium=eq, assessments=assessments, deterrences=deterrences,
                      components=components, weights=weights, gdp_usd_bn=gdp_usd_bn,
                      provenance=dict(provenance or {}), notes=tuple(notes), us_gdp_usd_bn=us_gdp_usd_bn)


def _bn(value: float) -> str:
    """USD bn in words: whole billions from 10 up, one decimal below (a pause's -0.1 is not "-0")."""
    digits = 0 if abs(value) >= 10 else 1
    text = f"{value:,.{digits}f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text


def _fmt_p(p: float) -> str:
    return "never" if np.isinf(p) else f"{p:.2f}"


def _deterrence_words(dt: Deterrence, h: str) -> str:
    """One sentence on deterrence, with the numbers behind it."""
    q = dt.threshold_band()
    free, never = dt.deterred_without_threat_share, dt.undeterrable_share
    lo = float(np.median(dt.aims_break_even_usd_bn))
    hi = float(np.median(dt.aims_undeterrable_usd_bn))
    span = float(np.median(dt.tariff_gain_usd_bn - dt.gain_if_retaliated_usd_bn))
    if free >= _CLEAR:
        if abs(lo) < _NIL_USD_BN:
            text = (f"'{dt.tariff}' has no money effect in the model (no trade channel for this holder): it "
                    "pays only if Washington values its other aims")
        else:
            text = (f"'{dt.tariff}' costs the U.S. money even against {h}'s best money response "
                    f"({free:.0%} of draws; "
                    f"{lo:,.0f} USD bn, p50): it pays only if Washington values its other aims at more than "
                    "that")
        if span > 0:
            num = "aims" if abs(lo) < _NIL_USD_BN else f"(aims - {lo:,.0f})"
            text += (f"; then the threat to '{dt.response}' deters it when the chance of {h} carrying it out "
                     f"exceeds {num} / {span:,.0f} (medians), and nothing deters it once the "
                     f"aims are worth more than {hi:,.0f} USD bn.")
        else:
            text += "; the threat to '" + dt.response + "' adds no deterrence."
        return text
    if never >= _CLEAR:
        return (f"No belief in {h}'s resolve to '{dt.response}' deters '{dt.tariff}': even carried out, it "
                f"leaves the U.S. better off than no tariff in {never:.0%} of draws.")
    return (f"Calculated inaction: if the U.S. puts the chance that {h} would '{dt.response}' after "
            f"'{dt.tariff}' above {_fmt_p(q['p50'])} (p50; p5-p95 {_fmt_p(q['p5'])} to {_fmt_p(q['p95'])}), "
            f"the tariff costs the U.S. more than it gains; at even odds it is deterred in "
            f"{dt.deterred_share(0.5):.0%} of draws.")


@dataclass(frozen=True)
class CoalitionResult:
    """Several holders answering a tariff together: coordination, credibility, cost sharing.

    Attributes
    ----------
    game
        The coalition game (one response axis per member).
    joint, independent
        Its equilibria with coordinated (summed payoffs, side payments) and independent play.
    assessments
        Each symmetric joint threat (every member carries out the same response) after each
        tariff: credibility jointly and member by member, cost shares, leverage.
    joint_deterrence
        Deterrence of each tariff by each symmetric joint threat (the coalition as one holder).
    solo_deterrence
        Member -> deterrence by the same threat carried out by that member alone.
    weights, gdp_usd_bn, provenance, notes
        As in :class:`GameResult` (GDP summed over the members when all are known).
    """

    game: CoalitionGame
    joint: CoalitionEquilibrium
    independent: CoalitionEquilibrium
    assessments: tuple[CoalitionAssessment, ...]
    joint_deterrence: tuple[Deterrence, ...]
    solo_deterrence: dict[str, tuple[Deterrence, ...]]
    weights: PayoffWeights | None = None
    gdp_usd_bn: float | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def summary_frame(self) -> pd.DataFrame:
        """One row per (tariff, joint threat), medians: credibility with and without coordination,
        joint costs, leverage, deterrence jointly and by each member alone."""
        import pandas as pd

        rows = []
        for i, (a, dj) in enumerate(zip(self.assessments, self.joint_deterrence, strict=True)):
            row: dict[str, Any] = {
                "tariff": a.tariff, "threat": a.profile,
                "credible_joint_share": float(a.credible_joint.mean()),
                "credible_independent_share": float(a.credible_independent.mean()),
                "coalition_cost_usd_bn": float(np.median(-a.joint_gain_usd_bn)),
                "us_cost_usd_bn": float(np.median(a.us_cost_usd_bn)),
                "leverage_ratio": band(a.leverage_ratio)["p50"],
                "threshold_prob_joint": dj.threshold_band()["p50"],
            }
            for m, solo in self.solo_deterrence.items():
                row[f"threshold_prob_{_key(m)}_alone"] = solo[i].threshold_band()["p50"]
            for j, m in enumerate(a.members):
                row[f"cost_share_{_key(m)}"] = band(a.cost_share[j])["p50"]
            rows.append(row)
        return pd.DataFrame(rows)

    def verdicts(self) -> list[str]:
        """Plain-words verdicts on coordination, with the share of draws behind each."""
        g = self.game
        names = " and ".join(g.members)
        out: list[str] = []
        for eq, how in ((self.joint, "coordinating"), (self.independent, "each on its own")):
            share = eq.us_choice_share()
            top = max(share, key=lambda k: share[k])
            t = g.us_actions.index(top)
            resp = eq.response_share(t)
            best = max(resp, key=lambda k: resp[k])
            out.append(f"With {names} {how}: the U.S. chooses '{top}' in {share[top]:.0%} of draws and the "
                       f"members answer '{best}' in {resp[best]:.0%}.")
        if self.independent.no_pure_equilibrium.any():
            out.append(f"Without coordination the members' subgame has no pure equilibrium in "
                       f"{self.independent.no_pure_equilibrium.mean():.0%} of (draw, tariff) cells; they "
                       "were taken to hold there.")
        for i, a in enumerate(self.assessments):
            d = a.to_dict()
            cj, ci = float(a.credible_joint.mean()), float(a.credible_independent.mean())
            shares = ", ".join(f"{m} {d['cost_share'][m]['p50']:.0%}" for m in a.members)
            text = (f"Joint threat '{a.profile}' after '{a.tariff}': costs the coalition "
                    f"{d['joint_cost_usd_bn']['p50']:,.0f} USD bn (shared {shares}) and the U.S. "
                    f"{d['us_cost_usd_bn']['p50']:,.0f} USD bn (p50); credible with coordination in {cj:.0%} "
                    f"of draws, without in {ci:.0%}.")
            ratio = float(np.nanmedian(a.coordination_us_cost_ratio)) if np.isfinite(
                a.coordination_us_cost_ratio).any() else float("nan")
            if np.isfinite(ratio):
                text += f" Acting together costs the U.S. {ratio:.2f} times the sum of the solo threats."
            dj = self.joint_deterrence[i]
            joint_p = dj.threshold_band()["p50"]
            solos = "; ".join(f"{m} alone {_fmt_p(v[i].threshold_band()['p50'])}"
                              for m, v in self.solo_deterrence.items())
            text += (f" Deterrence threshold p* (p50): together {_fmt_p(joint_p)}; {solos}.")
            out.append(text)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with unit keys."""
        g = self.game
        return {
            "members": list(g.members),
            "us_actions": list(g.us_actions),
            "responses": list(g.member_actions[0]),
            "n_draws": g.n_draws,
            "equilibrium": {
                how: {"us_choice_share_of_draws": eq.us_choice_share(),
                      "response_share_of_draws": {a: eq.response_share(a) for a in g.us_actions},
                      "us_payoff_usd_bn": band(eq.us_payoff_usd_bn),
                      "member_payoff_usd_bn": {m: band(eq.member_payoff_usd_bn[j])
                                               for j, m in enumerate(g.members)},
                      "no_pure_equilibrium_share": float(eq.no_pure_equilibrium.mean())}
                for how, eq in (("joint", self.joint), ("independent", self.independent))
            },
            "threats": [a.to_dict() for a in self.assessments],
            "deterrence_joint": [d.to_dict() for d in self.joint_deterrence],
            "deterrence_alone": {m: [d.to_dict() for d in v] for m, v in self.solo_deterrence.items()},
            "weights": None if self.weights is None else self.weights.to_dict(),
            "coalition_gdp_usd_bn": self.gdp_usd_bn,
            "verdicts": self.verdicts(),
            "provenance": self.provenance,
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """The verdicts, one per line."""
        return "\n".join(self.verdicts())

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """Notebook view: the verdicts and the threat table (not a dump of the draws)."""
        from treasury_leverage._format import html_card

        return html_card(type(self).__name__, self.summary(), self.summary_frame())


def _key(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_").replace("__", "_")


def analyse_coalition(
    game: CoalitionGame,
    *,
    tie_break: TieBreak = "first",
    weights: PayoffWeights | None = None,
    gdp_usd_bn: float | None = None,
    provenance: Mapping[str, Any] | None = None,
    notes: Sequence[str] = (),
    tol_usd_bn: float = DEFAULT_TOL_USD_BN,
) -> CoalitionResult:
    """Solve a coalition game both ways and assess every symmetric joint threat after every tariff.

    The status quo is the first U.S. action and every member's first response (``"hold"``); the
    members must share one response menu. ``tol_usd_bn`` as in :func:`analyse`.
    """
    from treasury_leverage.errors import InputError

    menus = set(game.member_actions)
    if len(menus) != 1:
        raise InputError("coalition: the members must share one response menu to compare joint threats")
    menu = game.member_actions[0]
    joint = solve_coalition(game, coordination="joint", tie_break=tie_break, tol_usd_bn=tol_usd_bn)
    independent = solve_coalition(game, coordination="independent", tie_break=tie_break,
                                  tol_usd_bn=tol_usd_bn)
    jg = game.joint_game()
    jeq = solve_spe(jg, tie_break=tie_break, tol_usd_bn=tol_usd_bn)
    solo_games = {m: game.member_game(m) for m in game.members}
    solo_eqs = {m: solve_spe(sg, tie_break=tie_break, tol_usd_bn=tol_usd_bn) for m, sg in solo_games.items()}
    k = len(game.members)
    assessments, joint_det = [], []
    solo_det: dict[str, list[Deterrence]] = {m: [] for m in game.members}
    for t in range(1, len(game.us_actions)):
        for r in range(1, len(menu)):
            profile = (r,) * k
            assessments.append(assess_joint_response(game, t, profile))
            joint_det.append(deterrence(jg, t, game.profile_index(profile), equilibrium=jeq))
            for m in game.members:
                solo_det[m].append(deterrence(solo_games[m], t, r, equilibrium=solo_eqs[m]))
    return CoalitionResult(
        game=game, joint=joint, independent=independent, assessments=tuple(assessments),
        joint_deterrence=tuple(joint_det), solo_deterrence={m: tuple(v) for m, v in solo_det.items()},
        weights=weights, gdp_usd_bn=gdp_usd_bn, provenance=dict(provenance or {}), notes=tuple(notes),
    )


def _custodial(name: str) -> bool:
    from treasury_leverage.data.countries import is_custodial

    return bool(is_custodial(name))


def _horizon_words(weights: Any) -> str:
    """" over 10 years in present value" (or " over 5 years" on the cash basis; "" without weights)."""
    if weights is None:
        return ""
    pv = " in present value" if getattr(weights, "basis", "cash") == "pv" else ""
    return f" over {weights.horizon_years} years{pv}"
