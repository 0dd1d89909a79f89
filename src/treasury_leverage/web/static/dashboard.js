// Dashboard of treasury-leverage: reads the JSON API and embeds the server's Vega-Lite charts
// with the locally served vega-embed. No logic of its own beyond checking the inputs and
// laying the API's records out. With the scenario engine it runs POST /api/scenario (and the
// game, GET /api/game/{holder}); without it, GET /api/impact.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const features = JSON.parse(document.body.dataset.features || "{}");
  // Each holder's latest holdings and date, embedded by the server: the first view starts all its
  // requests at once instead of waiting for the holder's record first.
  const latest = JSON.parse(document.body.dataset.latest || "{}");
  // The library's defaults (presets), so the page asks what the CLI and the brief ask.
  const defaults = JSON.parse(document.body.dataset.defaults || "{}");
  const state = { seq: 0, holderSeq: 0, holder: null, holdings: null, impact: null, scenario: null,
                  game: null, flows: null, focus: null };
  window.tlevDashboard = state;

  // Labels of the seller's bill items; items the engine adds later are shown under their key.
  const SELLER_LABELS = {
    concession_usd_bn: "Concession on the sales (USD bn)",
    mark_to_market_usd_bn: "Mark-to-market on what it keeps (USD bn)",
    fx_usd_bn: "Currency effect (USD bn)",
    fx_home_currency_bn: "Currency effect (bn of home currency)",
    total_usd_bn: "Total (USD bn)",
    total_pct_holdings: "Total (% of its holdings)",
    total_pct_gdp: "Total (% of its GDP)",
  };

  function setState(value) { document.body.dataset.state = value; }

  function showMessage(text) {
    const box = $("message");
    box.textContent = text;
    box.hidden = false;
  }

  function clearMessage() {
    const box = $("message");
    box.textContent = "";
    box.hidden = true;
    for (const id of ["size", "horizon", "tariff"]) { if ($(id)) { $(id).removeAttribute("aria-invalid"); } }
  }

  function invalid(id, text) {
    $(id).setAttribute("aria-invalid", "true");
    showMessage(text);
    setState("invalid");
    return null;
  }

  // The API answers errors as {detail: "..."} or {detail: [{loc, msg}]}: one readable line.
  function errorText(body, status) {
    if (body && typeof body.detail === "string") { return body.detail; }
    if (body && Array.isArray(body.detail)) {
      return body.detail.map((d) => {
        const field = (d.loc || []).filter((x) => x !== "query" && x !== "path" && x !== "body").join(".");
        return (field ? field + ": " : "") + d.msg;
      }).join("; ");
    }
    return "the server answered " + status;
  }

  async function getJSON(url, options) {
    const res = await fetch(url, options);
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) { throw new Error(errorText(body, res.status)); }
    return body;
  }

  function postJSON(url, payload) {
    return getJSON(url, { method: "POST", headers: { "Content-Type": "application/json" },
                          body: JSON.stringify(payload) });
  }

  async function embed(id, spec) {
    const el = $(id);
    if (!spec) { el.textContent = ""; return; }
    if (typeof window.vegaEmbed !== "function") { el.textContent = "Charts could not be loaded."; return; }
    await window.vegaEmbed(el, spec, { actions: false, renderer: "svg" });
  }

  function fmt(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) { return "n/a"; }
    return Number(value).toLocaleString("en-US", { minimumFractionDigits: digits === undefined ? 1 : digits,
                                                   maximumFractionDigits: digits === undefined ? 1 : digits });
  }

  function cell(row, value, digits) {
    const td = document.createElement("td");
    td.textContent = fmt(value, digits);
    if (value !== null && value !== undefined) { td.dataset.value = String(value); }
    row.appendChild(td);
    return td;
  }

  function headerCell(row, text) {
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = text;
    row.appendChild(th);
  }

  function fillTable(id, rows) {
    const body = $(id).querySelector("tbody");
    body.textContent = "";
    for (const r of rows) { body.appendChild(r); }
  }

  function num(id) { return $(id) ? $(id).value.trim() : ""; }

  function readInputs() {
    const action = $("action").value;
    const size = Number(num("size"));
    const horizon = Number(num("horizon"));
    if (action === "sell") {
      if (num("size") === "" || !Number.isFinite(size)) {
        return invalid("size", "Size: enter a number of USD billions, e.g. 300.");
      }
      if (size < 0) { return invalid("size", "Size: a sale cannot be negative; enter more than 0 USD billions."); }
      if (features.scenario && size === 0) { return invalid("size", "Size: enter more than 0 USD billions."); }
      if (state.holdings !== null && size > state.holdings) {
        return invalid("size", "Size: " + size + " bn is more than " + state.holder + " holds (" +
                       fmt(state.holdings) + " bn).");
      }
      if (num("horizon") === "" || !Number.isInteger(horizon) || horizon < 1 || horizon > 504) {
        return invalid("horizon", "Horizon: enter a whole number of business days from 1 to 504.");
      }
    } else if (num("horizon") === "" || !Number.isInteger(horizon) || horizon < 1 || horizon > 120) {
      return invalid("horizon", "Horizon: enter a whole number of months from 1 to 120.");
    }
    const tariff = Number(num("tariff"));
    if ($("tariff") && (num("tariff") === "" || !Number.isFinite(tariff) || tariff <= 0 || tariff > 200)) {
      return invalid("tariff", "Tariff: enter a rate above 0 and at most 200 percent.");
    }
    return {
      holder: $("holder").value, action: action, size: size, horizon: horizon, tariff: tariff,
      maturity: $("maturity") ? $("maturity").value : (defaults.maturity || "10y"), model: $("model").value,
      draws: $("draws") ? Number($("draws").value) : 0,
    };
  }

  function describe(inp) {
    if (inp.action === "sell") {
      return inp.holder + " sells USD " + inp.size + " bn over " + inp.horizon + " business days";
    }
    const what = inp.action === "pause" ? "pauses its purchases" : "lets its bonds run off";
    return inp.holder + " " + what + " for " + inp.horizon + " months";
  }

  // -- impact only (no scenario engine) --------------------------------------------------------

  async function runImpact(inp) {
    const q = new URLSearchParams({ sell: String(inp.size), maturity: inp.maturity, model: inp.model,
                                    days: String(inp.horizon) }).toString();
    const [data, spec] = await Promise.all([getJSON("/api/impact?" + q), getJSON("/api/charts/impact?" + q)]);
    return () => {
      state.impact = data;
      const res = data.results[0];
      fillTable("impact-table", res.impacts.map((row) => {
        const tr = document.createElement("tr");
        tr.dataset.maturity = String(row.maturity_years);
        headerCell(tr, row.maturity_years + "y");
        cell(tr, row.end_impact_bp); cell(tr, row.end_p5_bp); cell(tr, row.end_p95_bp);
        cell(tr, row.long_run_impact_bp);
        return tr;
      }));
      $("impact-caption").textContent = describe(inp) + " of " + inp.maturity + ": " + res.model + " (" +
        res.citation + "), band " + data.band + " (" + res.draws + " draws).";
      return embed("impact-chart", spec);
    };
  }

  // -- scenario engine and game -----------------------------------------------------------------

  function actionSpec(inp) {
    if (inp.action === "sell") { return { kind: "sell", amount_usd_bn: inp.size, days: inp.horizon }; }
    return { kind: inp.action, months: inp.horizon };
  }

  function gameResponse(inp) {
    if (inp.action === "sell") { return "sell " + String(inp.size) + "bn " + inp.horizon + "d"; }
    return inp.action + " " + inp.horizon + "m";
  }

  // The tlev command that gives the same numbers (its defaults: all models, the draws preselected
  // in the page (data-default, the CLI's default), seed 0).
  function cliEquivalent(inp) {
    const holder = /^[A-Za-z0-9_.-]+$/.test(inp.holder) ? inp.holder : "'" + inp.holder.replace(/'/g, "") + "'";
    let cmd = "tlev scenario " + inp.action + " " + holder;
    cmd += inp.action === "sell" ? " " + inp.size + " --days " + inp.horizon : " --months " + inp.horizon;
    if (inp.model) { cmd += " --model " + inp.model; }
    const defaultDraws = $("draws") ? Number($("draws").dataset.default) : 0;
    if (inp.draws !== defaultDraws) { cmd += " --draws " + inp.draws; }
    return cmd;
  }

  function sellerRow(result, model, item) {
    return result.seller_bill.find((r) => r.model === model && r.item === item) || null;
  }

  function renderScenario(result, inp) {
    state.scenario = result;
    const focus = inp.model || result.models[0].model;
    state.focus = focus;
    const entry = result.models.find((m) => m.model === focus);
    const bands = entry.end_shift_bands_bp || null;
    fillTable("impact-table", result.maturities_years.map((m) => {
      const key = String(m) + "y";
      const tr = document.createElement("tr");
      tr.dataset.maturity = String(m);
      headerCell(tr, key);
      cell(tr, entry.end_shift_bp[key]);
      cell(tr, bands ? bands[key].p5 : null);
      cell(tr, bands ? bands[key].p95 : null);
      return tr;
    }));
    const draws = result.provenance.draws;
    $("impact-caption").textContent = describe(inp) + ". Yield shift at the end point (" + result.end_point +
      ") from " + result.start + ", " + focus + " (" + entry.citation + ")" +
      (draws ? ", band p5-p95 over " + draws + " draws." : ", central values (no draws).");
    const items = result.seller_bill.filter((r) => r.model === focus).map((r) => r.item)
      .filter((item, i, all) => all.indexOf(item) === i);
    $("cli-equivalent").textContent = cliEquivalent(inp);
    fillTable("seller-table", items.map((item) => {
      const row = sellerRow(result, focus, item);
      const tr = document.createElement("tr");
      tr.dataset.item = item;
      headerCell(tr, SELLER_LABELS[item] || item);
      cell(tr, row ? row.central : null);
      cell(tr, row && "p5" in row ? row.p5 : null);
      cell(tr, row && "p95" in row ? row.p95 : null);
      return tr;
    }));
    const bill = result.us_bill ? result.us_bill[focus] : null;
    fillTable("us-table", bill ? bill.horizons_years.map((h, i) => {
      const tr = document.createElement("tr");
      tr.dataset.horizon = String(h);
      headerCell(tr, h + " year" + (h > 1 ? "s" : ""));
      cell(tr, bill.extra_interest_usd_bn[i]);
      const band = bill.extra_interest_bands_usd_bn ? bill.extra_interest_bands_usd_bn[i] : null;
      cell(tr, band ? band[0] : null);
      cell(tr, band ? band[2] : null);
      cell(tr, bill.pct_gdp[i], 2);
      return tr;
    }) : []);
    $("bills-caption").textContent = "Model " + focus + "; positive = a loss. " +
      (bill ? "U.S.: extra interest on the debt, cumulative; mortgage rates " +
              fmt(bill.mortgage_rate_shift_bp_end) + " bp higher at the end." : "U.S. bill not available.");
    fillTable("models-table", result.models.map((m) => {
      const tr = document.createElement("tr");
      tr.dataset.model = m.model;
      headerCell(tr, m.model);
      cell(tr, m.end_shift_bp["10y"]);
      const total = result.seller_bill.filter((r) => r.model === m.model && r.item === "total_usd_bn")
        .reduce((acc, r) => acc + r.central, 0);
      cell(tr, total);
      const b = result.us_bill ? result.us_bill[m.model] : null;
      cell(tr, b ? b.extra_interest_usd_bn[b.extra_interest_usd_bn.length - 1] : null);
      return tr;
    }));
  }

  function renderGame(game) {
    state.game = game;
    const cred = game.credibility[0] || null;
    const ratio = cred ? cred.leverage_ratio : null;
    $("leverage-ratio").textContent = ratio ? fmt(ratio.p50) + " (p5-p95 " + fmt(ratio.p5) + " to " +
      fmt(ratio.p95) + ")" : "n/a";
    if (ratio) { $("leverage-ratio").dataset.value = String(ratio.p50); }
    $("credible-share").textContent = cred ? Math.round(100 * cred.credible_share_of_draws) +
      "% of " + game.n_draws + " draws" : "n/a";
    $("game-headline").textContent = game.headline || "";
    const list = $("verdicts");
    list.textContent = "";
    for (const v of game.verdicts) {
      const li = document.createElement("li");
      li.textContent = v;
      list.appendChild(li);
    }
  }

  // The scenario is asked for first and drawn as soon as it arrives; the game (slower, and
  // competing for the same server cores) is asked for once the scenario is in, so the chart never
  // waits for it.
  async function runScenario(inp) {
    const spec = { actors: [{ holder: inp.holder, action: actionSpec(inp) }], draws: inp.draws, seed: 0 };
    if (inp.model) { spec.models = [inp.model]; }
    const result = await postJSON("/api/scenario?chart=true", spec);
    let gameJob = Promise.resolve(null);
    if (features.game) {
      const q = new URLSearchParams({ response: gameResponse(inp), tariff_pct: String(inp.tariff),
                                      draws: String(Math.min(inp.draws, 1000)), seed: "0" });
      if (inp.model) { q.append("model", inp.model); }
      gameJob = getJSON("/api/game/" + encodeURIComponent(inp.holder) + "?" + q.toString());
      gameJob.catch(() => {});  // its error is reported where it is awaited, below
    }
    return async (current) => {
      renderScenario(result, inp);
      await embed("impact-chart", result.chart);
      const game = await gameJob;
      if (game && current()) { renderGame(game); }
    };
  }

  // -- holdings and flows -----------------------------------------------------------------------

  function flowsStart(date) {
    // the first month of the window of defaults.flows_window_months months ending at `date`
    const months = Number(defaults.flows_window_months) || 24;
    const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - (months - 1);
    return String(Math.floor(index / 12)) + "-" + String((index % 12) + 1).padStart(2, "0");
  }

  async function loadHolder(holder) {
    const mine = ++state.holderSeq;
    const enc = encodeURIComponent(holder);
    // With the embedded date, the charts and flows are asked for together with the holder's record.
    const early = latest[holder] ? flowsStart(latest[holder].date) : null;
    const fetchCharts = (start) => {
      if (!features.holdings_charts) { return []; }
      return [getJSON("/api/charts/holders/" + enc).then((s) => embed("holder-chart", s)),
              getJSON("/api/charts/flows/" + enc + "?start=" + start).then((s) => embed("flows-chart", s))];
    };
    let charts = early === null ? [] : fetchCharts(early);
    let flowsJob = early === null ? null : getJSON("/api/flows/" + enc + "?start=" + early);
    for (const job of [...charts, flowsJob]) { if (job) { job.catch(() => {}); } }
    const info = await getJSON("/api/holders/" + enc);
    if (mine !== state.holderSeq) { return false; }
    const last = info.history[info.history.length - 1];
    state.holder = info.holder;
    state.holdings = last.holdings_usd_bn;
    $("holder-summary").textContent = info.holder + " held USD " + fmt(last.holdings_usd_bn) + " bn on " +
      last.date + " (" + fmt(last.share_of_foreign_pct) + "% of foreign holdings); bills " +
      fmt(info.maturity_profile.st_share_pct) + "% (" + info.maturity_profile.st_source + ").";
    if ($("brief-link")) {
      $("brief-link").href = "/api/brief/" + enc;
      $("brief-link").textContent = "The one-page brief for " + info.holder;
    }
    const start = flowsStart(last.date);
    if (start !== early) {  // no embedded date, or another one: ask with the record's date
      charts = fetchCharts(start);
      flowsJob = getJSON("/api/flows/" + enc + "?start=" + start);
    }
    const flows = await flowsJob;
    if (mine !== state.holderSeq) { return false; }
    state.flows = flows;
    $("flows-verdict").textContent = flows.verdict;
    await Promise.all(charts);
    return true;
  }

  function relabel() {
    const sell = $("action").value === "sell";
    $("size-field").hidden = !sell;
    $("horizon-label").textContent = sell ? "Horizon (business days)" : "Horizon (months)";
    $("horizon").max = sell ? "504" : "120";
    $("horizon-help").textContent = sell ? "1 to 504 business days." : "1 to 120 months.";
  }

  async function update(holderChanged) {
    const mine = ++state.seq;
    const current = () => mine === state.seq;
    clearMessage();
    setState("loading");
    $("status").textContent = "Updating...";
    try {
      const newHolder = holderChanged || state.holder === null;
      if (newHolder) {
        const known = latest[$("holder").value];
        state.holdings = known ? known.holdings_usd_bn : null;  // the record's value replaces it
        state.holder = known ? $("holder").value : null;
      }
      // The scenario and the holder are asked for at once (the scenario first: it is the slowest
      // chart); each draws its charts when it arrives.
      const inp = readInputs();
      const resultJob = inp === null ? Promise.resolve(null) :
        (features.scenario ? runScenario(inp) : runImpact(inp))
          .then((render) => (current() ? render(current) : null));
      resultJob.catch(() => {});  // awaited below
      const holderJob = newHolder ? loadHolder($("holder").value) : Promise.resolve(true);
      if (inp === null) {
        await holderJob;
        if (current() && document.body.dataset.state !== "invalid") { $("status").textContent = ""; }
        return;
      }
      const [ok] = await Promise.all([holderJob, resultJob]);
      if (!ok || !current()) { return; }
      toAddress();
      $("status").textContent = "Up to date.";
      setState("ready");
    } catch (err) {
      if (!current()) { return; }
      showMessage(String(err.message || err));
      $("status").textContent = "";
      setState("error");
    }
  }

  // The controls live in the address too (?holder=Japan&size=300&horizon=60...), so a view can
  // be bookmarked or sent; values the page does not offer are ignored.
  const URL_FIELDS = ["holder", "action", "size", "horizon", "maturity", "model", "draws", "tariff"];

  function fromAddress() {
    const q = new URLSearchParams(window.location.search);
    for (const id of URL_FIELDS) {
      const el = $(id);
      if (!el || !q.has(id)) { continue; }
      const value = q.get(id);
      if (el.tagName === "SELECT") {
        const option = Array.from(el.options).find((o) => o.value === value && !o.disabled);
        if (option) { el.value = value; }
      } else {
        el.value = value;
      }
    }
  }

  function toAddress() {
    const q = new URLSearchParams();
    for (const id of URL_FIELDS) {
      const el = $(id);
      if (el && !(id === "size" && $("size-field").hidden)) { q.set(id, el.value); }
    }
    window.history.replaceState(null, "", "?" + q.toString());
  }

  function start() {
    $("controls").addEventListener("submit", (ev) => { ev.preventDefault(); update(false); });
    $("holder").addEventListener("change", () => update(true));
    $("action").addEventListener("change", () => {
      const sell = $("action").value === "sell";
      $("horizon").value = sell ? "60" : "12";  // a sensible horizon in the new unit
      relabel();
      update(false);
    });
    for (const id of ["size", "horizon", "maturity", "model", "draws", "tariff"]) {
      if ($(id)) { $(id).addEventListener("change", () => update(false)); }
    }
    fromAddress();
    relabel();
    update(true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
