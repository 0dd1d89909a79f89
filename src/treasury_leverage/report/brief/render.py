"""Rendering the brief: the self-contained HTML page (Jinja template) and Markdown.

Content is decided in :mod:`treasury_leverage.assessment` and drawn in :mod:`.sections`; this
module only lays it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from treasury_leverage.report.brief._base import NOT_AVAILABLE, TEMPLATE, fmt, usd

if TYPE_CHECKING:
    from treasury_leverage.report.brief.document import Brief

__all__ = ["render_html", "render_markdown"]

_fmt = fmt


def _house_filters(env: Any) -> None:
    """Template filters for the house style and the shipped bibliography (issue 16)."""
    from treasury_leverage._format import house_style, move_label
    from treasury_leverage.bibliography import reader_source, references_for

    def refs(sources: Any) -> list[Any]:
        found: dict[str, Any] = {}
        for source in [sources] if isinstance(sources, str) else sources:
            found.update((r.key, r) for r in references_for(str(source)))
        return list(found.values())

    env.filters["style"] = lambda text: house_style(str(text))
    env.filters["move"] = lambda text: move_label(str(text))
    env.filters["reader"] = lambda text: reader_source(str(text))
    env.filters["refs"] = refs


def render_html(brief: Brief) -> str:
    """The self-contained HTML page (Vega bundle inlined, chart specs embedded, no network)."""
    import jinja2
    from markupsafe import Markup

    from treasury_leverage.report.html import embed_script, json_for_script, vega_bundle

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("treasury_leverage.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _fmt
    env.filters["usd"] = lambda v, sign=False: usd(v, sign=sign)
    _house_filters(env)
    charts = brief.charts
    template = env.get_template(TEMPLATE)
    return template.render(
        brief=brief,
        data=brief.to_dict(),
        specs=[(c.dom_id, json_for_script(c.spec)) for c in charts],
        bundle=Markup(vega_bundle()),
        embed=Markup(embed_script([c.dom_id for c in charts])),
        not_available=NOT_AVAILABLE,
    )


def _md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown (charts as links to ``charts/<key>.png``)."""
    h, fl, bd, sc = brief.holdings, brief.flows, brief.backdrop, brief.scenario
    gm, pv = brief.game, brief.provenance
    out = [f"# {brief.holder}: Treasury leverage brief", ""]
    if h.custodial:
        out += [f"> **Custodial centre.** {h.custodial_note}", ""]
    if h.series_end_note:
        out += [f"> **Old data.** {h.series_end_note}", ""]
    out += [f"## {h.title}", "", h.text, ""]
    out += _md_table(["holdings (USD bn)", "12m change (USD bn)", "share of foreign (%)",
                      "share of marketable (%)", "bills share (%)", "matures in 1y (USD bn)",
                      "matures in 2y (USD bn)"],
                     [[_fmt(h.holdings_usd_bn), _fmt(h.change_12m_usd_bn, sign=True),
                       _fmt(h.share_of_foreign_pct), _fmt(h.share_of_marketable_pct),
                       _fmt(h.bills_share_pct), _fmt(h.matures_1y_usd_bn), _fmt(h.matures_2y_usd_bn)]])
    out.append("")
    out += [f"![{c.title}](charts/{c.key}.png)" for c in h.charts] + [""]
    out += [f"## {fl.title}", ""]
    if fl.available:
        out += [fl.text, "", f"Detail: {fl.verdict}", ""]
        out += [f"![{c.title}](charts/{c.key}.png)" for c in fl.charts] + [""]
    else:
        out += [f"*{fl.note}*", ""]
    out += [f"## {bd.title}", ""]
    if bd.available:
        out += [bd.text, ""]
        out += _md_table(["maturity", "change (bp)", "expected short rates (bp)", "term premium (bp)"],
                         [[f"{r['maturity_years']}y", _fmt(r["change_bp"], 0, sign=True),
                           _fmt(r["expected_rates_bp"], 0, sign=True),
                           _fmt(r["term_premium_bp"], 0, sign=True)]
                          for r in bd.episode.get("yields", [])])
        out.append("")
        out += [f"![{c.title}](charts/{c.key}.png)" for c in bd.charts] + [""]
    else:
        out += [f"*{bd.note}*", ""]
    out += [f"## {sc.title}", ""]
    if sc.available:
        out += [sc.text, ""]
        out += _md_table(["scenario", "10y (bp)", "10y band (bp)", "30y (bp)", "30y band (bp)",
                          "holder's bill (USD bn)", "U.S. extra interest (USD bn)", "leverage ratio"],
                         [[r.description, _fmt(r.impact_10y_bp), f"{_fmt(r.impact_10y_p5_bp, 0)} to "
                           f"{_fmt(r.impact_10y_p95_bp, 0)}", _fmt(r.impact_30y_bp),
                           f"{_fmt(r.impact_30y_p5_bp, 0)} to {_fmt(r.impact_30y_p95_bp, 0)}",
                           _fmt(r.holder_cost_usd_bn),
                           f"{_fmt(r.us_cost_usd_bn)} ({r.us_cost_horizon_years}y)",
                           _fmt(r.leverage_ratio)] if r.available else [r.description, f"not run: {r.note}",
                                                                        "", "", "", "", "", ""]
                          for r in sc.rows])
        if "pooled" in sc.models:
            out += ["", "Pooled mixture of the model families (median; bands p5 to p95 over "
                    f"{sc.draws} pooled "
                    f"draws, seed {sc.seed}); per-model numbers ({', '.join(sc.models)}) in the JSON.", ""]
        else:
            out += ["", f"Median over the impact models ({', '.join(sc.models)}); bands: lowest p5 to "
                    "highest "
                    f"p95 over {sc.draws} parameter draws per model, seed {sc.seed}.", ""]
        out += [f"![{c.title}](charts/{c.key}.png)" for c in sc.charts] + [""]
    else:
        out += [f"*{sc.note}*", ""]
    out += [f"## {gm.title}", ""]
    if gm.available:
        out += [gm.text, ""] + ([f"**In one sentence:** {gm.headline}", ""] if gm.headline else [])
        out += _md_table(["threatened response", "carrying it out", "credible (% of draws)",
                          "holder's cost (USD bn)", "U.S. cost (USD bn)", "leverage ratio",
                          "deterrence threshold"],
                         [[r.response, r.verdict, _fmt(100 * r.credible_share_of_draws, 0),
                           _fmt(r.holder_cost_usd_bn), _fmt(r.us_cost_usd_bn), _fmt(r.leverage_ratio),
                           _fmt(r.deterrence_threshold_prob, 2) if r.deterrence_threshold_prob is not None
                           else "never"] for r in gm.rows])
        out += ["", *(f"- {s}" for s in gm.statements), "", gm.coalition_note, "",
                *(f"- {s}" for s in gm.coalition_statements), ""]
        out += [f"![{c.title}](charts/{c.key}.png)" for c in gm.charts] + [""]
    else:
        out += [f"*{gm.note}*", ""]
    out += [f"## {pv.title}", "",
            f"Generated {pv.generated_utc} by treasury_leverage {pv.toolkit_version}.", ""]
    out += _md_table(["dataset", "publisher", "last date", "vintage"],
                     [[d.get("dataset"), d.get("publisher"), d.get("last_date"), d.get("vintage")]
                      for d in pv.datasets])
    out.append("")
    out += [f"- {a}" for a in pv.assumptions]
    out += [f"- model ({k}): {v}" for k, v in pv.models.items()]
    out += [f"- preset {p['name']} = {p['value']} {p['unit']} ({p['source']}; {p['confidence']})"
            for p in pv.presets]
    out += [f"- seed: {pv.seed if pv.seed is not None else 'none (no random draws in this brief)'}", ""]
    return "\n".join(out)

