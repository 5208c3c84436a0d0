// vnresolve review: the document list, the page with its word boxes, the review queue and the
// record tables. Plain browser JavaScript over the app's JSON API; nothing is fetched from elsewhere.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c));
  return node;
};
const enc = encodeURIComponent;
const state = { doc: null, name: null, page: 1, tab: "queue", queue: null, total: 0, current: 0, pageData: null, focus: null };

function say(text, error = false) {
  const s = $("#status");
  s.textContent = text;
  s.className = error ? "error" : "";
}

async function api(path, options = {}) {
  const r = await fetch(path, options);
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw Object.assign(new Error(data.error || r.statusText), { status: r.status });
  return data;
}

// -- routing ---------------------------------------------------------------------------------------

function parseHash() {
  const [path, query] = location.hash.slice(1).split("?");
  const params = new URLSearchParams(query || "");
  const m = /^\/doc\/(.+)$/.exec(path || "");
  return m ? { name: decodeURIComponent(m[1]), page: +(params.get("page") || 1), tab: params.get("tab") || "queue" } : null;
}

function go(name, page, tab) {
  location.hash = `#/doc/${enc(name)}?page=${page}&tab=${tab || state.tab}`;
}

window.addEventListener("hashchange", route);
window.addEventListener("load", route);

async function route() {
  const where = parseHash();
  try {
    if (!where) return await showList();
    const opening = where.name !== state.name;
    if (opening) {
      state.name = where.name;
      state.doc = await api(`/api/documents/${enc(where.name)}`);
      state.current = 0;
      state.queue = null;
    }
    state.tab = where.tab;
    state.page = Math.min(Math.max(1, where.page), state.doc.pages.length || 1);
    await showDocument();
    if (state.queue === null) {  // the page first; the queue of the whole document when it is made
      await loadQueue();
      await showDocument();
    }
  } catch (err) {
    say(err.message, true);
  }
}

// -- the document list -----------------------------------------------------------------------------

async function showList() {
  state.name = null;
  $("#crumb").textContent = "";
  const data = await api("/api/documents");
  const rows = data.documents.map((d) => el("tr", {},
    el("td", {}, el("a", { href: `#/doc/${enc(d.name)}?page=1&tab=queue` }, d.name)),
    el("td", {}, el("span", { class: "tag " + (d.status === "reviewed" ? "done" : "review") }, d.status)),
    el("td", {}, d.type || ""), el("td", {}, d.number || ""), el("td", {}, d.date || ""),
    el("td", {}, d.pages ?? ""), el("td", { class: "left", title: d.estimated ? "the restorer's doubtful changes; open the document for the full count" : "" },
      d.to_review === null || d.to_review === undefined ? "" : (d.estimated ? `≈${d.to_review}` : d.to_review))));
  $("#main").replaceChildren(el("h2", {}, `Documents in ${data.outdir}`),
    el("table", { id: "documents" }, el("tr", {}, ...["document", "status", "type", "number", "date", "pages",
      "left to review"].map((h) => el("th", {}, h))), rows));
  say(`${data.documents.length} documents`);
}

// -- the document view -----------------------------------------------------------------------------

async function loadQueue() {
  const q = await api(`/api/documents/${enc(state.name)}/queue?limit=25`);
  state.queue = q.items;
  state.total = q.total;
  state.current = Math.min(state.current, Math.max(0, q.items.length - 1));
}

async function refreshDocument() {
  state.doc = await api(`/api/documents/${enc(state.name)}`);
  await loadQueue();
}

function pageSize(number) {
  const p = state.doc.pages[number - 1];
  return p ? p.size : [1, 1];
}

async function showDocument() {
  const doc = state.doc;
  $("#crumb").textContent = `› ${state.name}`;
  state.pageData = await api(`/api/documents/${enc(state.name)}/pages/${state.page}`);
  const pane = el("section", { class: "pagepane" },
    el("div", { class: "pagebar" },
      el("button", { id: "prev", onclick: () => go(state.name, state.page - 1), disabled: state.page <= 1 }, "‹ page"),
      el("span", { id: "pageno" }, `Page ${state.page} / ${doc.pages.length}`),
      el("button", { id: "next", onclick: () => go(state.name, state.page + 1), disabled: state.page >= doc.pages.length }, "page ›"),
      el("button", { id: "archives", title: "write this document's PDF, ALTO and hOCR again with the corrections", onclick: writeArchives }, "write PDF/ALTO"),
      el("a", { href: `/api/documents/${enc(state.name)}/revision`, title: "the reviewed revision as Document JSON" }, "JSON"),
      el("span", { class: "hint" }, "red: low confidence · orange: doubtful · blue: stamp or signature")),
    pageBox());
  const tabs = ["queue", "text", "record", "indicators", "tasks"].map((t) =>
    el("button", { class: t === state.tab ? "on" : "", id: `tab-${t}`, onclick: () => go(state.name, state.page, t) }, t));
  const side = el("section", {}, el("div", { class: "tabs" }, tabs), el("div", { class: "panel", id: "panel" }, panel()));
  $("#main").replaceChildren(el("div", { class: "docview" }, pane, side));
  say(`revision ${doc.revision} · ` + (state.queue === null ? "" : `${state.total} left to review`) + (doc.unplaced.length ? ` · ${doc.unplaced.length} corrections not placed` : ""));
  if (state.tab === "queue" && state.queue) focusItem(state.current, false);
}

function pageBox() {
  const data = state.pageData;
  const box = el("div", { class: "pagebox" + (state.doc.has_image ? "" : " noimage"), id: "page" });
  if (state.doc.has_image) box.append(el("img", { src: `/api/documents/${enc(state.name)}/pages/${state.page}/image`, alt: `page ${state.page}` }));
  for (const w of data.words) {
    if (!w.box) continue;
    const [x0, y0, x1, y1] = w.box;
    box.append(el("div", {
      class: "w " + w.flags.join(" "), "data-id": w.id, title: `${w.text}` + (w.text !== w.original ? ` (OCR: ${w.original})` : "") + (w.score !== null ? ` · ${w.score}` : ""),
      style: `left:${x0 * 100}%;top:${y0 * 100}%;width:${(x1 - x0) * 100}%;height:${(y1 - y0) * 100}%`,
      onclick: () => selectWord(w.id),
    }));
  }
  if (state.focus && state.focus.page === state.page && state.focus.box) {
    const [x0, y0, x1, y1] = state.focus.box;
    box.append(el("div", { class: "region", style: `left:${x0 * 100}%;top:${y0 * 100}%;width:${(x1 - x0) * 100}%;height:${(y1 - y0) * 100}%` }));
  }
  return box;
}

function panel() {
  if (state.tab === "text") return el("div", { class: "text", id: "text" }, state.pageData.text);
  if (state.tab === "record") return recordPanel();
  if (state.tab === "indicators" || state.tab === "tasks") return itemsPanel(state.tab);
  return queuePanel();
}

// -- the queue -------------------------------------------------------------------------------------

function crop(item) {
  if (!state.doc.has_image || !item.box || !item.page) return null;
  const [x0, y0, x1, y1] = item.box;
  const [pw, ph] = pageSize(item.page);
  // the page at a fixed reading scale, the word in the middle with the words beside it
  const imgW = 1000, imgH = imgW * ph / pw, pad = 6;
  const width = Math.min(360, (x1 - x0) * imgW + 160);
  const height = Math.max(18, (y1 - y0) * imgH + 2 * pad);
  const left = (x0 + x1) / 2 * imgW - width / 2, top = y0 * imgH - pad;
  return el("div", { class: "crop", style: `width:${width}px;height:${height}px` },
    el("img", { src: `/api/documents/${enc(state.name)}/pages/${item.page}/image`, loading: "lazy", alt: "",
      style: `width:${imgW}px;left:${-left}px;top:${-top}px` }),
    el("div", { class: "region", style: `left:${x0 * imgW - left}px;top:${pad}px;width:${(x1 - x0) * imgW}px;height:${(y1 - y0) * imgH}px` }));
}

function queuePanel() {
  if (state.queue === null) return el("p", { id: "queue" }, "Finding the least sure words and fields…");
  const items = state.queue.map((item, i) => {
    const alts = item.alternatives.map((a, k) => el("button", { class: "alt", onclick: () => save(item, a) }, `${k + 1} ${a}`));
    const input = el("input", { value: item.old, class: "typed", "aria-label": "correct reading",
      onkeydown: (e) => { if (e.key === "Enter") { e.preventDefault(); save(item, e.target.value); } else if (e.key === "Escape") e.target.blur(); } });
    return el("div", { class: "item" + (i === state.current ? " current" : ""), "data-id": item.id, onclick: () => focusItem(i, false) },
      el("div", {}, el("b", {}, item.kind === "field" ? item.target.replace("metadata.", "") : item.old),
        " ", el("span", { class: "score" }, `page ${item.page ?? "?"} · ${item.score}` + (item.reason ? ` · ${item.reason}` : "") +
          (item.kind === "word" && item.original !== item.old ? ` · OCR read “${item.original}”` : ""))),
      item.context ? el("div", { class: "score" }, item.context) : null,
      crop(item),
      el("div", { class: "alts" }, alts),
      el("div", { class: "actions" }, input, el("button", { class: "accept", onclick: () => save(item, item.old) }, "accept ⏎"),
        el("button", { onclick: () => save(item, input.value) }, "save")));
  });
  return el("div", { id: "queue" },
    el("div", { class: "hint" }, `${state.total} left · j/k or ↓/↑: next/previous · Enter or a: accept · 1-9: pick an alternative · e: type the right text, then Enter`),
    items.length ? items : el("p", {}, "Nothing left to review."));
}

function focusItem(i, show = true) {
  if (!state.queue || !state.queue.length) return;
  state.current = Math.max(0, Math.min(i, state.queue.length - 1));
  const item = state.queue[state.current];
  document.querySelectorAll("#queue .item").forEach((n, k) => n.classList.toggle("current", k === state.current));
  const node = document.querySelectorAll("#queue .item")[state.current];
  if (node) node.scrollIntoView({ block: "nearest" });
  state.focus = item;
  if (show && item.page && item.page !== state.page) go(state.name, item.page, "queue");
  else highlight(item.kind === "word" ? item.id : null, item.box);
}

function highlight(wordId, box) {
  document.querySelectorAll("#page .w.focus, #page .region").forEach((n) => n.classList.contains("region") ? n.remove() : n.classList.remove("focus"));
  const word = wordId && document.querySelector(`.w[data-id="${wordId}"]`);
  if (word) word.classList.add("focus");
  else if (box && $("#page")) {
    const [x0, y0, x1, y1] = box;
    $("#page").append(el("div", { class: "region", style: `left:${x0 * 100}%;top:${y0 * 100}%;width:${(x1 - x0) * 100}%;height:${(y1 - y0) * 100}%` }));
  }
}

function selectWord(id) {
  const i = (state.queue || []).findIndex((item) => item.id === id);
  if (i >= 0) {
    if (state.tab !== "queue") go(state.name, state.page, "queue");
    focusItem(i);
    return;
  }
  const w = state.pageData.words.find((x) => x.id === id);
  const [, line, word] = /^p\d+\.l(\d+)\.w(\d+)$/.exec(id).map(Number);
  const text = prompt(`Correct “${w.text}” (OCR read “${w.original}”)`, w.text);
  if (text !== null) save({ kind: "word", target: id, old: w.text, where: { page: state.page, line, word, bbox: null, original: w.original } }, text);
}

async function save(item, text) {
  const where = item.where || {};
  if (item.kind === "word" && !where.bbox) where.bbox = null;
  try {
    const r = await api(`/api/documents/${enc(state.name)}/corrections`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ kind: item.kind, target: item.target, where, old: item.old, new: text }),
    });
    await refreshDocument();
    await showDocument();
    say(`saved (revision ${r.revision}) · ${state.total} left to review`);
  } catch (err) {
    if (err.status === 409) { await refreshDocument(); await showDocument(); }
    say(`not saved: ${err.message}`, true);
  }
}

async function writeArchives() {
  try {
    say("writing…");
    const r = await api(`/api/documents/${enc(state.name)}/archives`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    say(r.written.length ? `written: ${r.written.join(", ")}` : "this document has no PDF, ALTO or hOCR in the folder");
  } catch (err) {
    say(`not written: ${err.message}`, true);
  }
}

document.addEventListener("keydown", (e) => {
  if (!state.name || state.tab !== "queue" || e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey || e.altKey) return;
  const item = (state.queue || [])[state.current];
  if (e.key === "j" || e.key === "ArrowDown") { e.preventDefault(); focusItem(state.current + 1); }
  else if (e.key === "k" || e.key === "ArrowUp") { e.preventDefault(); focusItem(state.current - 1); }
  else if (!item) return;
  else if (e.key === "Enter" || e.key === "a") { e.preventDefault(); save(item, item.old); }
  else if (/^[1-9]$/.test(e.key) && item.alternatives[+e.key - 1] !== undefined) { e.preventDefault(); save(item, item.alternatives[+e.key - 1]); }
  else if (e.key === "e" || e.key === "/") {
    e.preventDefault();
    const input = document.querySelectorAll("#queue .item")[state.current].querySelector("input.typed");
    input.focus();
    input.select();
  }
});

// -- the record, indicators and tasks --------------------------------------------------------------

function cellInput(target, value, doubt, page, box) {
  const input = el("input", { value, "data-target": target, class: doubt ? "doubt" : "" });
  let sent = false;  // Enter and the change event that follows are one edit
  const where = { page: page ?? null, box: box ?? null };
  const commit = () => { if (!sent && input.value !== value) { sent = true; save({ kind: "field", target, old: value, where }, input.value); } };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); commit(); } });
  input.addEventListener("change", commit);
  return input;
}

function regionLink(page, box) {
  if (!page) return "";
  return el("a", { href: "#", onclick: (e) => { e.preventDefault(); state.focus = { page, box }; if (page === state.page) highlight(null, box); else go(state.name, page); } }, `page ${page}`);
}

function recordPanel() {
  const rows = state.doc.record.fields.map((f) => el("tr", { class: f.doubt ? "doubt-row" : "" },
    el("th", {}, f.label), el("td", {}, cellInput(f.target, f.value, f.doubt || (f.confidence !== null && f.confidence < 0.8), f.page, f.box)),
    el("td", {}, regionLink(f.page, f.box))));
  return el("table", { id: "record" }, rows);
}

function itemsPanel(kind) {
  const table = state.doc.record[kind];
  if (!table.rows.length) return el("p", {}, `No ${kind}.`);
  const head = el("tr", {}, el("th", {}, "id"), ...table.columns.map((c) => el("th", {}, c)), el("th", {}, ""));
  const rows = table.rows.map((r) => el("tr", {}, el("td", {}, r.id),
    ...table.columns.map((c) => el("td", {}, cellInput(`${kind}.${r.id}.${c}`, r.cells[c], false, r.page, r.box))),
    el("td", {}, regionLink(r.page, r.box))));
  return el("table", { id: kind }, head, rows);
}
