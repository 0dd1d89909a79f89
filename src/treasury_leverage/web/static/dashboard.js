// Dashboard of treasury-leverage: reads the JSON API and embeds the server's Vega-Lite charts
// with the locally served vega-embed. No logic of its own beyond checking the inputs.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const features = JSON.parse(document.body.dataset.features || "{}");
  const state = { seq: 0, holderSeq: 0, holder: null, holdings: null, impact: null, flows: null, scenario: null };
  window.tlevDashboard = state;

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
    for (const id of ["size", "horizon"]) { $(id).removeAttribute("aria-invalid"); }
  }

  function invalid(id, text) {
    $(id).setAttribute("aria-invalid", "true");
    showMessage(text);
    setState("invalid");
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

  async function embed(id, spec) {
    const el = $(id);
    if (!spec) { el.textContent = ""; return; }
    if (typeof window.vegaEmbed !== "function") { el.textContent = "Charts could not be loaded."; return; }
    await window.vegaEmbed(el, spec, { actions: false, renderer: "svg" });
  }

  function fmt(value) {
    return (value === null || value === undefined || Number.isNaN(value)) ? "n/a" : Number(value).toFixed(1);
  }

  function cell(row, value, tag) {
    const td = document.createElement(tag || "td");
    td.textContent = fmt(value);
    if (value !== null && value !== undefined) { td.dataset.value = String(value); }
    row.appendChild(td);
  }

  function readInputs() {
    const sizeText = $("size").value.trim();
    const horizonText = $("horizon").value.trim();
    const size = Number(sizeText);
    const horizon = Number(horizonText);
    if (sizeText === "" || !Number.isFinite(size)) {
      invalid("size", "Size: enter a number of USD billions, e.g. 300."); return null;
    }
    if (size < 0) {
      invalid("size", "Size: a sale cannot be negative; enter 0 or more USD billions."); return null;
    }
    if (state.holdings !== null && size > state.holdings) {
      invalid("size", "Size: " + size + " bn is more than " + state.holder + " holds (" +
              state.holdings.toFixed(1) + " bn)."); return null;
    }
    if (horizonText === "" || !Number.isInteger(horizon) || horizon < 1 || horizon > 504) {
      invalid("horizon", "Horizon: enter a whole number of business days from 1 to 504."); return null;
    }
    return {
      holder: $("holder").value, action: $("action").value, size: size, horizon: horizon,
      maturity: $("maturity").value, model: $("model").value,
    };
  }

  function impactQuery(inp) {
    const q = new URLSearchParams({ sell: String(inp.size), maturity: inp.maturity, model: inp.model,
                                    days: String(inp.horizon) });
    return q.toString();
  }

  function renderImpact(data, inp) {
    const res = data.results[0];
    const body = $("impact-table").querySelector("tbody");
    body.textContent = "";
    for (const row of res.impacts) {
      const tr = document.createElement("tr");
      tr.dataset.maturity = String(row.maturity_years);
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = row.maturity_years + "y";
      tr.appendChild(th);
      cell(tr, row.end_impact_bp);
      cell(tr, row.end_p5_bp);
      cell(tr, row.end_p95_bp);
      cell(tr, row.long_run_impact_bp);
      body.appendChild(tr);
    }
    $("impact-caption").textContent = inp.holder + " sells USD " + inp.size + " bn of " + inp.maturity +
      " over " + inp.horizon + " business days: " + res.model + " (" + res.citation + "), band " +
      data.band + " (" + res.draws + " draws).";
  }

  async function loadHolder(holder) {
    const mine = ++state.holderSeq;
    const enc = encodeURIComponent(holder);
    const info = await getJSON("/api/holders/" + enc);
    if (mine !== state.holderSeq) { return false; }
    const last = info.history[info.history.length - 1];
    state.holder = info.holder;
    state.holdings = last.holdings_usd_bn;
    $("holder-summary").textContent = info.holder + " held USD " + fmt(last.holdings_usd_bn) + " bn on " +
      last.date + " (" + fmt(last.share_of_foreign_pct) + "% of foreign holdings); bills " +
      fmt(info.maturity_profile.st_share_pct) + "% (" + info.maturity_profile.st_source + ").";
    const start = String(Number(last.date.slice(0, 4)) - 3) + last.date.slice(4, 7);
    const charts = [];
    if (features.holdings_charts) {
      charts.push(getJSON("/api/charts/holders/" + enc).then((s) => embed("holder-chart", s)));
      charts.push(getJSON("/api/charts/flows/" + enc + "?start=" + start).then((s) => embed("flows-chart", s)));
    }
    const flows = await getJSON("/api/flows/" + enc + "?start=" + start);
    if (mine !== state.holderSeq) { return false; }
    state.flows = flows;
    $("flows-verdict").textContent = flows.verdict;
    await Promise.all(charts);
    return true;
  }

  async function loadImpact(inp) {
    const q = impactQuery(inp);
    const [data, spec] = await Promise.all([getJSON("/api/impact?" + q), getJSON("/api/charts/impact?" + q)]);
    return { data: data, spec: spec };
  }

  async function update(holderChanged) {
    const mine = ++state.seq;
    clearMessage();
    setState("loading");
    $("status").textContent = "Updating...";
    try {
      if (holderChanged || state.holder === null) {
        state.holdings = null;
        const ok = await loadHolder($("holder").value);
        if (!ok || mine !== state.seq) { return; }
      }
      const inp = readInputs();
      if (inp === null) { $("status").textContent = ""; return; }
      const out = await loadImpact(inp);
      if (mine !== state.seq) { return; }
      state.impact = out.data;
      renderImpact(out.data, inp);
      await embed("impact-chart", out.spec);
      $("status").textContent = "Up to date.";
      setState("ready");
    } catch (err) {
      if (mine !== state.seq) { return; }
      showMessage(String(err.message || err));
      $("status").textContent = "";
      setState("error");
    }
  }

  function start() {
    $("controls").addEventListener("submit", (ev) => { ev.preventDefault(); update(false); });
    $("holder").addEventListener("change", () => update(true));
    for (const id of ["action", "size", "horizon", "maturity", "model"]) {
      $(id).addEventListener("change", () => update(false));
    }
    update(true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
