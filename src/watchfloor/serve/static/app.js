/* watchfloor dashboard. Everything a page or feed said arrives as text and is put in the page
   with textContent (never innerHTML); the server's CSP allows no inline script or style. */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d0452f", "Explosions/Remote violence": "#f08a24", "Violence against civilians": "#7b3fa0",
  "Protests": "#2f8fd0", "Riots": "#2a9d6f", "Strategic developments": "#777777",
};
const state = { filters: {}, map: null, layer: null, weeks: [], brush: null, countries: null, provinces: null,
  provincesOf: new Set(), attributed: new Set() };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}
const svg = (tag, attrs) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
};

async function api(path, params, options) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function eventParams() {
  const f = state.filters, p = {};
  if (f.country) p.country = f.country;
  if (f.type) p.event_type = f.type;
  if (f.since || f.until) p.event_date = `${f.since || ""}|${f.until || ""}`;
  if (f.min > 0) p.min_fatalities = f.min;
  return p;
}

/* -- events view: map, timeline, table ----------------------------------------------------- */

async function loadFilters() {
  const [countries, types] = await Promise.all([api("/api/facets", { field: "country" }), api("/api/facets", { field: "event_type" })]);
  state.eventCountries = countries.facets.map(f => f.value).filter(Boolean);
  const fill = (select, facets) => { for (const f of facets) if (f.value) select.append(el("option", { value: f.value, text: `${f.value} (${f.events})` })); };
  fill(document.getElementById("f-country"), countries.facets);
  fill(document.getElementById("f-type"), types.facets);
  const legend = document.getElementById("legend");
  legend.replaceChildren(el("strong", { text: "Event type" }),
    ...Object.entries(TYPE_COLOURS).map(([t, c]) => { const s = el("span", { class: "swatch" }); s.style.background = c; return el("div", {}, s, t); }),
    el("div", {}, el("span", { class: "swatch area-swatch" }), "known only to its province or district: drawn as an area"),
    el("div", { text: "size: fatalities" }));
}

function marker(e) {
  const colour = TYPE_COLOURS[e.event_type] || "#444";
  const radius = 4 + 2 * Math.sqrt(e.fatalities || 0);
  const popup = el("div", {}, el("strong", { text: `${e.date || "?"} ${e.sub_event_type}` }), el("br"),
    `${[e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(", ")}`, el("br"),
    `${e.fatalities ?? "?"} killed; ${e.source_count} sources `, el("a", { href: `#event/${encodeURIComponent(e.id)}`, text: "open" }));
  if ((e.geo_precision || 1) >= 2) {
    // honest precision: a place known only to its district or province is an area, not a pin
    const area = L.circle([e.latitude, e.longitude], { radius: e.geo_precision >= 3 ? 60000 : 20000, color: colour,
      weight: 2, dashArray: "4 4", fillOpacity: 0.08, className: "event-area" });
    return opens(area.bindTooltip(popup), e);
  }
  return opens(L.circleMarker([e.latitude, e.longitude], { radius, color: colour, fillColor: colour, fillOpacity: 0.6,
    weight: 1, className: "event-point" }).bindTooltip(popup), e);
}

function opens(layer, e) {
  // a click opens the event; hovering shows what it is
  return layer.on("click", () => { location.hash = `#event/${encodeURIComponent(e.id)}`; });
}

async function loadEvents() {
  const params = eventParams();
  const page = await api("/api/events", { ...params, _size: 200 });
  const tbody = document.querySelector("#events-table tbody");
  tbody.replaceChildren(...page.events.map(e => el("tr", { "data-id": e.id, onclick: () => { location.hash = `#event/${encodeURIComponent(e.id)}`; } },
    el("td", { text: e.date || "?" }), el("td", { text: e.sub_event_type }),
    el("td", { text: [e.location, e.admin1, e.country].filter(Boolean).join(", ") }),
    el("td", { text: [e.actor1, e.actor2].filter(Boolean).join(" / ") }),
    el("td", { text: e.fatalities ?? "" }), el("td", { text: e.source_count }))));
  document.getElementById("f-summary").textContent =
    `${page.events.length}${page.next ? "+" : ""} events` + (params.event_date ? ` from ${params.event_date.replace("|", " to ")}` : "");
  state.layer.clearLayers();
  const points = page.events.filter(e => e.latitude !== null && e.longitude !== null);
  for (const e of points) state.layer.addLayer(marker(e));
  if (points.length) state.map.fitBounds(L.latLngBounds(points.map(e => [e.latitude, e.longitude])).pad(0.2), { maxZoom: 7 });
}

async function loadTimeline() {
  const p = eventParams();
  const base = { country: p.country, event_type: p.event_type };
  const [trend, surges] = await Promise.all([api("/api/trends", { ...base, every: "week" }), api("/api/surges", { ...base, by: "country" })]);
  const rows = trend.rows;
  const box = document.getElementById("timeline");
  box.replaceChildren();
  state.weeks = rows.map(r => r.period);
  if (!rows.length) return;
  const top = Math.max(1, ...rows.map(r => r.events)), w = 1000 / rows.length;
  for (const s of surges) {
    const start = state.weeks.findIndex(d => d >= s.start), end = s.end ? state.weeks.findIndex(d => d > s.end) : rows.length;
    if (start < 0) continue;
    box.append(svg("rect", { class: "surge", x: 1000 * start / rows.length, y: 0, width: 1000 * ((end < 0 ? rows.length : end) - start) / rows.length, height: 145 }));
  }
  rows.forEach((r, i) => box.append(svg("rect", { class: "bar", x: i * w, y: 145 - 140 * r.events / top, width: Math.max(1, w - 0.5), height: 140 * r.events / top, "data-period": r.period })));
  // fatalities on their own scale, as a line over the bars
  const worst = Math.max(1, ...rows.map(r => r.fatalities));
  box.append(svg("polyline", { class: "deaths", points: rows.map((r, i) => `${i * w + w / 2},${145 - 140 * r.fatalities / worst}`).join(" ") }));
  const first = svg("text", { class: "axis", x: 2, y: 158 }); first.textContent = rows[0].period;
  const last = svg("text", { class: "axis", x: 998, y: 158, "text-anchor": "end" }); last.textContent = rows[rows.length - 1].period;
  box.append(first, last);
}

function brushing() {
  const box = document.getElementById("timeline");
  let from = null, rect = null;
  const at = ev => { const b = box.getBoundingClientRect(); return Math.min(1, Math.max(0, (ev.clientX - b.left) / b.width)); };
  box.addEventListener("mousedown", ev => { from = at(ev); rect = svg("rect", { class: "brush", x: 1000 * from, y: 0, width: 0, height: 145 }); box.append(rect); });
  box.addEventListener("mousemove", ev => { if (from === null) return; const to = at(ev); rect.setAttribute("x", 1000 * Math.min(from, to)); rect.setAttribute("width", 1000 * Math.abs(to - from)); });
  box.addEventListener("mouseup", ev => {
    if (from === null || !state.weeks.length) return;
    const to = at(ev), n = state.weeks.length;
    const a = Math.floor(Math.min(from, to) * n), b = Math.min(n - 1, Math.floor(Math.max(from, to) * n));
    from = null;
    if (b <= a) return;
    const end = new Date(state.weeks[b]); end.setDate(end.getDate() + 6);
    state.filters.since = state.weeks[a];
    state.filters.until = end.toISOString().slice(0, 10);
    document.getElementById("f-since").value = state.filters.since;
    document.getElementById("f-until").value = state.filters.until;
    loadEvents().catch(showError);
  });
}

/* -- outlines: countries under the events; provinces of the countries with events, and of the
   countries in view once zoomed in. Drawn in a pane of their own, below the events. -------- */

const PROVINCES_FROM_ZOOM = 5;
const attributionText = s => String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);  // Leaflet sets it as HTML

function attribute(data) {
  if (data.attribution && !state.attributed.has(data.attribution)) {
    state.attributed.add(data.attribution);
    state.map.attributionControl.addAttribution(attributionText(data.attribution));
  }
}

function noOutlines(err) {
  // the map still works without them (a server whose outline data is missing answers 503)
  console.warn("watchfloor: outlines not drawn:", (err && err.message) || String(err));
}

async function drawCountries(fill) {
  const data = await api("/api/outlines", { level: "country" });
  if (fill) L.geoJSON(data, { pane: "land", renderer: L.svg({ pane: "land" }), interactive: false,
    style: { className: "land", stroke: false, fillColor: "#f7f5f0", fillOpacity: 0.85 } }).addTo(state.map);
  // provinces under the countries' borders, both above the land and below the events
  const renderer = L.svg({ pane: "outlines" });
  state.provinces = L.geoJSON(null, { pane: "outlines", renderer, interactive: false,
    style: { className: "outline-province", color: "#b3bcc8", weight: 0.6, fill: false } }).addTo(state.map);
  state.countries = L.geoJSON(data, { pane: "outlines", renderer, interactive: false,
    style: { className: "outline-country", color: "#6f7c8d", weight: 1, fill: false } }).addTo(state.map);
  attribute(data);
  state.map.on("moveend", () => provincesInView().catch(noOutlines));
}

async function drawProvinces(codes) {
  const wanted = codes.filter(c => !state.provincesOf.has(c)).slice(0, 60);
  if (!wanted.length) return;
  wanted.forEach(c => state.provincesOf.add(c));
  const data = await api("/api/outlines", { level: "admin1", country: wanted.join("|") });
  state.provinces.addData(data);
  state.countries.bringToFront();
  attribute(data);
}

function countryCodes(names) {
  // the countries' outlines carry watchfloor's names for them, the ones events carry
  const byName = new Map();
  state.countries.eachLayer(l => byName.set(l.feature.properties.name, l.feature.properties.iso2));
  return names.map(n => byName.get(n)).filter(Boolean);
}

function inView(layer, view) {
  // part by part: the bounds of Russia or the United States as a whole span the antimeridian
  if (!view.intersects(layer.getBounds())) return false;
  const latlngs = layer.getLatLngs(), polygons = L.LineUtil.isFlat(latlngs[0]) ? [latlngs] : latlngs;
  return polygons.some(rings => view.intersects(L.latLngBounds(rings[0])));
}

async function provincesInView() {
  if (!state.countries || state.map.getZoom() < PROVINCES_FROM_ZOOM) return;
  const view = state.map.getBounds(), codes = [];
  state.countries.eachLayer(l => { if (inView(l, view)) codes.push(l.feature.properties.iso2); });
  await drawProvinces(codes);
}

/* -- one event ------------------------------------------------------------------------------ */

function highlighted(text, evidence) {
  // non-overlapping spans, first field wins; each becomes a <mark> holding plain text
  const spans = [];
  for (const [field, list] of Object.entries(evidence || {})) for (const [s, e] of list || []) spans.push([s, e, field]);
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = []; let at = 0;
  for (const [s, e, field] of spans) {
    if (s < at || e <= s || e > text.length) continue;
    out.push(text.slice(at, s), el("mark", { "data-field": field, title: field, text: text.slice(s, e) }));
    at = e;
  }
  out.push(text.slice(at));
  return el("div", { class: "text" }, ...out);
}

async function showEvent(id) {
  const view = document.getElementById("view-event");
  view.replaceChildren(el("p", { text: "loading..." }));
  const { event: e, reports, history } = await api(`/api/events/${encodeURIComponent(id)}`);
  const fields = ["date", "location", "admin1", "fatalities", "actor1", "sub_event_type"];
  const differs = fields.filter(f => new Set(reports.map(r => JSON.stringify(r.event[f] ?? null))).size > 1);
  view.replaceChildren(
    el("p", {}, el("a", { href: "#events", text: "back to events" })),
    el("h2", { id: "event-title", text: `${e.date || "?"}: ${e.sub_event_type} in ${[e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(", ")}` }),
    el("p", { text: `${e.actor1 || "?"} against ${e.actor2 || "-"}; killed ${e.fatalities ?? "?"} (best ${e.fatalities_best ?? "?"}, ` +
      `low ${e.fatalities_low ?? "?"}, high ${e.fatalities_high ?? "?"})${e.disputed ? ", disputed" : ""}; ${e.source_count} sources; precision ${e.geo_precision}` }),
    el("p", { class: "notes", text: e.notes || "" }),
    el("p", { class: differs.length ? "differs" : "", text: !reports.length ? `Imported from ${e.origin}: no reports stored.`
      : differs.length ? `The sources differ on: ${differs.join(", ")}` : "The sources agree on date, place, toll and actors." }),
    el("h3", { text: `Reports (${reports.length})` }),
    ...reports.map(r => el("div", { class: "report" },
      el("h4", { text: `${r.publisher || "?"}, ${r.published || "?"}: ${r.title || ""}` }),
      el("p", {}, ...fields.map(f => el("span", { class: `pill${differs.includes(f) ? " differs" : ""}`, text: `${f}: ${r.event[f] ?? "-"}` })),
        r.url && /^https?:\/\//.test(r.url) ? el("a", { href: r.url, rel: "noopener noreferrer", target: "_blank", text: "source" }) : ""),
      highlighted(r.text || "", r.evidence))),
    el("h3", { text: "History" }),
    el("ul", {}, ...history.map(h => el("li", { text: `${h.at} ${h.change} ${h.detail ? JSON.stringify(h.detail) : ""}` }))));
}

/* -- ledger, feeds, ingest ------------------------------------------------------------------ */

async function showLedger() {
  const view = document.getElementById("view-ledger");
  const { propositions } = await api("/api/propositions", { _size: 50 });
  view.replaceChildren(el("h2", { text: "Claims ledger" }), ...propositions.map(p => el("div", { class: "report proposition" },
    el("h4", { text: p.label }),
    el("p", {}, ...p.asserted_by.map(s => el("span", { class: "pill asserts", text: `asserts: ${s}` })),
      ...p.denied_by.map(s => el("span", { class: "pill denies", text: `denies: ${s}` }))),
    ...(p.claims || []).slice(0, 6).map(c => el("div", { class: "claim" },
      el("strong", { text: `${(c.speaker && c.speaker.text) || "?"} ${c.stance}` }), `: "${(c.content && c.content.text) || ""}" `,
      el("em", { text: `(${c.article_title || ""}, ${c.article_published || ""})` }))))));
}

async function showFeeds() {
  const view = document.getElementById("view-feeds");
  const [feeds, rules, sent] = await Promise.all([api("/api/feeds"), api("/api/alerts/rules"), api("/api/alerts/sent")]);
  const table = (head, rows) => el("table", { class: "table" }, el("thead", {}, el("tr", {}, ...head.map(h => el("th", { text: h })))),
    el("tbody", {}, ...rows.map(r => el("tr", {}, ...r.map(v => el("td", { text: v ?? "" }))))));
  view.replaceChildren(el("h2", { text: "Feeds" }),
    table(["feed", "status", "failures", "last poll", "next poll", "last error"], feeds.map(f => [f.url, f.status, f.failures, f.last_poll, f.next_poll, f.last_error])),
    el("h2", { text: "Alert rules" }), table(["name", "kind", "channels"], rules.map(r => [r.name, r.kind, (r.channels || []).join(", ")])),
    el("h2", { text: "Alerts sent" }), table(["sent", "rule", "subject", "level", "title"], sent.map(a => [a.sent_at, a.rule, a.subject, a.level, a.detail && a.detail.title])));
}

function ingestForms() {
  const status = document.getElementById("ingest-status");
  const token = () => sessionStorage.getItem("wf-token") || "";
  const tokenBox = document.getElementById("token");
  tokenBox.value = token();
  tokenBox.addEventListener("change", () => sessionStorage.setItem("wf-token", tokenBox.value));
  const post = (path, body) => api(path, {}, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` }, body: JSON.stringify(body) });
  document.getElementById("ingest-url").addEventListener("submit", async ev => {
    ev.preventDefault();
    try { const r = await post("/api/feeds", { url: document.getElementById("ingest-url-value").value }); status.textContent = `watching ${r.url}${r.added ? "" : " (already watched)"}`; }
    catch (err) { status.textContent = `refused: ${err.message}`; }
  });
  const follow = async job => {
    while (job.status === "queued" || job.status === "running") {
      status.textContent = `${job.status}: read ${job.progress.read}, stored ${job.progress.added}, extracted ${job.progress.extracted}`;
      await new Promise(done => setTimeout(done, 400));
      job = await api(job.status_url);
    }
    status.textContent = `${job.status}: stored ${job.progress.added}, extracted ${job.progress.extracted}, ` +
      `${job.progress.events} event reports, ${job.progress.claims} claims${job.error ? "; " + job.error : ""}`;
  };
  document.getElementById("ingest-text").addEventListener("submit", async ev => {
    ev.preventDefault();
    try {
      await follow(await post("/api/ingest", { articles: [{ title: document.getElementById("ingest-title").value,
        published: document.getElementById("ingest-published").value, text: document.getElementById("ingest-body").value }] }));
    } catch (err) { status.textContent = `refused: ${err.message}`; }
  });
  document.getElementById("ingest-file").addEventListener("submit", async ev => {
    ev.preventDefault();
    const file = document.getElementById("ingest-file-value").files[0];
    if (!file) return;
    try {
      // the server takes the bytes as they are; the name (not a path) tells it the format
      const name = file.name.replace(/[^\w.-]/g, "_").replace(/^\.+/, "");
      await follow(await api("/api/ingest", { name }, { method: "POST", body: file,
        headers: { "Content-Type": file.type || "application/octet-stream", Authorization: `Bearer ${token()}` } }));
    } catch (err) { status.textContent = `refused: ${err.message}`; }
  });
}

/* -- routing -------------------------------------------------------------------------------- */

function showError(err) {
  console.error("watchfloor:", err && err.stack ? err.stack : String(err));
  const box = document.querySelector(".view:not([hidden])") || document.body;
  box.prepend(el("p", { class: "error", text: `error: ${(err && err.message) || String(err)}` }));
}

async function route() {
  const [name, arg] = (location.hash.slice(1) || "events").split("/");
  const view = name === "event" ? "event" : name;
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.id === `nav-${name}`);
  if (name === "events") { state.map.invalidateSize(); }
  if (name === "event") await showEvent(decodeURIComponent(arg || ""));
  if (name === "ledger") await showLedger();
  if (name === "feeds") await showFeeds();
}

async function start() {
  state.map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 30], 2);
  const config = await api("/api/dashboard");
  if (config.basemap_url) L.tileLayer(config.basemap_url, { attribution: config.basemap_attribution, maxZoom: 12 }).addTo(state.map);
  state.map.createPane("land");  // both below the events' pane (app.css)
  state.map.createPane("outlines");
  const outlines = drawCountries(!config.basemap_url).catch(noOutlines);
  // no tile server by default: land from the outlines and a graticule, so the map is readable offline
  for (let lat = -60; lat <= 80; lat += 20) L.polyline([[lat, -180], [lat, 180]], { color: "#b8c4d0", weight: 1, interactive: false }).addTo(state.map);
  for (let lon = -180; lon <= 180; lon += 30) L.polyline([[-80, lon], [85, lon]], { color: "#b8c4d0", weight: 1, interactive: false }).addTo(state.map);
  state.layer = L.markerClusterGroup({ maxClusterRadius: 40 });
  state.map.addLayer(state.layer);
  document.getElementById("filters").addEventListener("submit", ev => {
    ev.preventDefault();
    state.filters = { country: document.getElementById("f-country").value, type: document.getElementById("f-type").value,
      since: document.getElementById("f-since").value, until: document.getElementById("f-until").value,
      min: Number(document.getElementById("f-min").value || 0) };
    Promise.all([loadEvents(), loadTimeline()]).catch(showError);
  });
  document.getElementById("f-clear").addEventListener("click", () => { document.getElementById("filters").reset(); state.filters = {}; Promise.all([loadEvents(), loadTimeline()]).catch(showError); });
  brushing();
  ingestForms();
  window.addEventListener("hashchange", () => route().catch(showError));
  await loadFilters();
  await Promise.all([loadEvents(), loadTimeline(), outlines.then(() => state.countries && drawProvinces(countryCodes(state.eventCountries)).catch(noOutlines))]);
  await route();
  document.body.dataset.ready = "yes";
}

start().catch(showError);
