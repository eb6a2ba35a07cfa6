// The dashboard: overview of a year → a province's issuers → one report, and the latest issues.
// Every string from a report reaches the page through textContent (NianbaoReport.el), never as HTML.
'use strict';
const {el, safeLink} = NianbaoReport;
const $ = id => document.getElementById(id);

const state = {
  rows: new Map(),        // province|year → summary row (GET /api/aggregates?view=summary, patched by SSE)
  activity: new Map(),    // province → {lastHour, lastDay}
  year: null,             // the year shown: a number, or 'unknown'
  yearChosen: false,      // until the user picks a year, the picker follows the latest year with data
  sort: {key: 'reports', dir: -1},
  issues: [],             // newest first, as shown
  issueKeys: new Set(),
  route: {view: 'overview'},
  province: null,         // {province, year, issuers: [...]}
  coverage: [],
  report: null,
};

// ---- formatting -----------------------------------------------------------------------------------
function keyOf(a) { return (a.province ?? 'unknown') + '|' + (a.reportYear ?? 'unknown'); }
function yearOf(a) { return a.reportYear ?? 'unknown'; }
function pct(v) { return v === null || v === undefined ? '–' : (100 * v).toFixed(1) + '%'; }
function status(s) { return s || {}; }

/** The overview's columns, computed from a summary row; the names are the API's (plus shareInvalid and findings, derived). */
function measures(a) {
  const s = status(a.reportsByStatus);
  const act = state.activity.get(a.province ?? 'unknown');
  return {
    province: a.province, reportYear: a.reportYear, reports: a.reports,
    valid: s.valid || 0, warnings: s.warnings || 0, invalid: s.invalid || 0,
    shareInvalid: a.reports > 0 ? (s.invalid || 0) / a.reports : null,
    disclosureRate: a.disclosureRate, reviewCorrectionRate: a.reviewCorrectionRate, litigationCorrectionRate: a.litigationCorrectionRate,
    findings: Object.values(a.findingsByRule || {}).reduce((x, y) => x + y, 0),
    lastDay: act ? act.lastDay.reports : null,
  };
}
const PROVINCE_COLUMNS = ['province', 'reportYear', 'reports', 'valid', 'warnings', 'invalid', 'shareInvalid', 'disclosureRate',
  'reviewCorrectionRate', 'litigationCorrectionRate', 'findings', 'lastDay'];

// ---- the year picker --------------------------------------------------------------------------------
function years() {
  const ys = new Set([...state.rows.values()].filter(a => a.reports > 0).map(yearOf));
  return [...ys].sort((a, b) => a === 'unknown' ? 1 : b === 'unknown' ? -1 : b - a);
}

/** Sets the picker's options and the year shown; says whether that year changed. */
function renderYears() {
  const select = $('year');
  const ys = years();
  const before = state.year;
  // reports arrive in any order (an earlier year's first): follow the latest year until the user picks one
  if (!state.yearChosen || !ys.includes(state.year)) state.year = ys.length ? ys.find(y => y !== 'unknown') ?? ys[0] : null;
  const current = [...select.options].map(o => o.value).join(',');
  if (current !== ys.join(',')) {
    select.replaceChildren(...ys.map(y => { const o = el('option', y === 'unknown' ? '(unknown year)' : y); o.value = y; return o; }));
  }
  if (state.year !== null) select.value = String(state.year);
  return String(before) !== String(state.year);
}

$('year').addEventListener('change', e => {
  state.year = e.target.value === 'unknown' ? 'unknown' : Number(e.target.value);
  state.yearChosen = true;
  renderOverview();
  loadNational();
});

// ---- the provinces table: rows kept and patched by key, never rebuilt ---------------------------------
function rowsOfYear() {
  return [...state.rows.values()].filter(a => a.reports > 0 && String(yearOf(a)) === String(state.year)).map(measures);
}

function compare(a, b) {
  const k = state.sort.key, x = a[k], y = b[k];
  if (x === y) return (a.province ?? '').localeCompare(b.province ?? '', 'zh');
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return (typeof x === 'string' ? x.localeCompare(y, 'zh') : x - y) * state.sort.dir;
}

function fillProvinceRow(tr, m) {
  const name = el('td', null, 'text');
  const b = el('button', m.province ?? '(unknown)', 'link');
  b.addEventListener('click', () => go('#/province/' + encodeURIComponent(m.province ?? 'unknown') + '/' + encodeURIComponent(m.reportYear ?? 'unknown')));
  name.append(b);
  tr.replaceChildren(name, el('td', m.reports), el('td', m.valid), el('td', m.warnings), el('td', m.invalid), el('td', pct(m.shareInvalid)),
    el('td', pct(m.disclosureRate)), el('td', pct(m.reviewCorrectionRate)), el('td', pct(m.litigationCorrectionRate)),
    el('td', m.findings), el('td', m.lastDay ?? '–'));
  tr.dataset.signature = JSON.stringify(m);
}

function flash(tr) { tr.classList.remove('changed'); void tr.offsetWidth; tr.classList.add('changed'); }

/** Puts the rows of the year in order, reusing each row's element: a changed row is refilled and flashes, the others stay as they are. */
function renderProvinces(changedKey) {
  const tbody = document.querySelector('#provinces tbody');
  const existing = new Map([...tbody.children].map(tr => [tr.dataset.key, tr]));
  const rows = rowsOfYear().sort(compare);
  const keep = new Set();
  for (const m of rows) {
    const key = keyOf(m);
    keep.add(key);
    let tr = existing.get(key);
    if (!tr) { tr = el('tr'); tr.dataset.key = key; }
    if (tr.dataset.signature !== JSON.stringify(m)) {
      fillProvinceRow(tr, m);
      if (key === changedKey) flash(tr);
    }
    tbody.append(tr); // moves an existing row into its place
  }
  for (const [key, tr] of existing) if (!keep.has(key)) tr.remove();
  document.querySelectorAll('#provinces th[data-sort]').forEach(th =>
    th.setAttribute('aria-sort', th.dataset.sort === state.sort.key ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none'));
}

document.querySelectorAll('#provinces th[data-sort]').forEach(th => th.addEventListener('click', () => {
  const key = th.dataset.sort;
  state.sort = state.sort.key === key ? {key, dir: -state.sort.dir} : {key, dir: key === 'province' ? 1 : -1};
  renderProvinces();
}));

// ---- the tile-grid map: one tile per province, coloured by the chosen measure -------------------------
const TILES = [
  ['黑龙江', 8, 0], ['内蒙古', 5, 1], ['北京', 6, 1], ['吉林', 8, 1],
  ['新疆', 1, 2], ['宁夏', 3, 2], ['山西', 4, 2], ['河北', 5, 2], ['天津', 6, 2], ['辽宁', 7, 2],
  ['甘肃', 2, 3], ['青海', 1, 3], ['陕西', 3, 3], ['河南', 4, 3], ['山东', 5, 3],
  ['西藏', 1, 4], ['四川', 2, 4], ['重庆', 3, 4], ['湖北', 4, 4], ['安徽', 5, 4], ['江苏', 6, 4],
  ['贵州', 3, 5], ['湖南', 4, 5], ['江西', 5, 5], ['浙江', 6, 5], ['上海', 7, 5],
  ['云南', 2, 6], ['广西', 3, 6], ['广东', 4, 6], ['福建', 5, 6], ['台湾', 6, 6],
  ['海南', 3, 7], ['香港', 4, 7], ['澳门', 5, 7],
];

function renderMap() {
  const map = $('map');
  const measure = $('measure').value;
  const byShort = new Map();
  for (const m of rowsOfYear()) if (m.province) {
    const t = TILES.find(([s]) => m.province.startsWith(s));
    if (t) byShort.set(t[0], m);
  }
  const values = [...byShort.values()].map(m => m[measure]).filter(v => v !== null && v !== undefined);
  const max = Math.max(0, ...values), min = Math.min(max, ...values);
  map.replaceChildren();
  for (const [short, col, row] of TILES) {
    const m = byShort.get(short);
    const tile = el('div', null, 'tile');
    tile.style.gridColumn = String(col + 1); tile.style.gridRow = String(row + 1);
    tile.append(el('span', short));
    tile.dataset.tile = short;
    const v = m ? m[measure] : null;
    if (m) {
      tile.dataset.province = m.province;
      tile.addEventListener('click', () => go('#/province/' + encodeURIComponent(m.province) + '/' + encodeURIComponent(m.reportYear ?? 'unknown')));
    }
    if (v !== null && v !== undefined) {
      const t = max > min ? (v - min) / (max - min) : 1;
      // light to dark blue; share invalid in red, where more is worse
      const hue = measure === 'shareInvalid' ? 4 : 214;
      tile.style.background = `hsl(${hue} 70% ${88 - 50 * t}%)`;
      if (t > 0.55) tile.classList.add('dark');
      tile.dataset.value = String(v);
      tile.append(el('small', measure === 'reports' ? v : pct(v)));
      tile.title = m.province + ': ' + (measure === 'reports' ? v : pct(v));
    } else {
      tile.title = short + ': no data';
    }
    map.append(tile);
  }
  $('legend').textContent = values.length ? `${$('measure').selectedOptions[0].textContent}: lightest ${fmt(measure, min)}, darkest ${fmt(measure, max)}` : 'no data for this year';
}
function fmt(measure, v) { return measure === 'reports' ? String(v) : pct(v); }
$('measure').addEventListener('change', renderMap);

// ---- national totals ---------------------------------------------------------------------------------
let nationalPending = null;
async function loadNational() {
  if (state.year === null) return;
  const q = state.year === 'unknown' ? '' : '?year=' + state.year + '&view=summary';
  try {
    const r = await fetch('/api/aggregates/national' + (q || '?view=summary'));
    if (!r.ok) return;
    const all = await r.json();
    const n = all.find(x => String(yearOf(x)) === String(state.year));
    const cards = $('national');
    cards.replaceChildren();
    $('national-year').textContent = state.year === 'unknown' ? '(unknown year)' : String(state.year);
    if (!n) return;
    const m = measures(n);
    for (const [label, v] of [['reports', m.reports], ['valid', m.valid], ['warnings', m.warnings], ['invalid', m.invalid],
      ['share invalid', pct(m.shareInvalid)], ['disclosure rate', pct(m.disclosureRate)], ['review correction', pct(m.reviewCorrectionRate)],
      ['litigation correction', pct(m.litigationCorrectionRate)], ['findings', m.findings]]) {
      const c = el('div', null, 'card'); c.append(el('b', v), el('span', label)); c.dataset.measure = label; cards.append(c);
    }
  } catch (e) { /* the next change asks again */ }
}
function nationalLater() { clearTimeout(nationalPending); nationalPending = setTimeout(loadNational, 300); }

function renderOverview(changedKey) {
  const yearChanged = renderYears();
  renderProvinces(changedKey);
  renderMap();
  renderIssueProvinces();
  return yearChanged;
}

// ---- loading and live updates --------------------------------------------------------------------------
// the service answers 503 while Kafka Streams rebalances or restores: ask again shortly, since live events
// only patch what changes after the page has loaded
let aggregatesRetry = null;
// a change that arrives while the summary is asked for may be newer than the answer: load again after it
// (a change before the request is in the answer: the store is as new as the feed or newer)
let aggregatesLoading = false, summaryAsked = false, changedWhileLoading = false;
function loadAggregatesLater(reason) {
  $('status').textContent = 'aggregates unavailable (' + reason + '), asking again…';
  clearTimeout(aggregatesRetry);
  aggregatesRetry = setTimeout(loadAggregates, 2000);
}

async function loadAggregates() {
  if (aggregatesLoading) { changedWhileLoading = true; return; }
  aggregatesLoading = true;
  changedWhileLoading = false;
  try {
    const act = await fetch('/api/activity');
    if (act.ok) state.activity = new Map((await act.json()).map(x => [x.province ?? 'unknown', x]));
    summaryAsked = true;
    const r = await fetch('/api/aggregates?view=summary');
    if (!r.ok) { loadAggregatesLater(r.status); return; }
    state.rows = new Map((await r.json()).map(a => [keyOf(a), a]));
    if ($('status').textContent.startsWith('aggregates unavailable')) $('status').textContent = 'live';
    renderOverview();
    if (state.route.view === 'province') renderProvinceYears();
    loadNational();
  } catch (e) { loadAggregatesLater(e); }
  finally {
    aggregatesLoading = false;
    summaryAsked = false;
    // once a second at most, however busy the live feed
    if (changedWhileLoading) { clearTimeout(aggregatesRetry); aggregatesRetry = setTimeout(loadAggregates, 1000); }
  }
}

/** One aggregate changed (the SSE event carries its summary row): patch that row, the map and the totals. */
function onAggregate(a) {
  const key = keyOf(a);
  if (summaryAsked) changedWhileLoading = true;
  if (a.reports > 0) state.rows.set(key, a); else state.rows.delete(key);
  const yearChanged = renderOverview(key);
  if (yearChanged || String(yearOf(a)) === String(state.year)) nationalLater();
  const p = state.route.view === 'province' ? state.route : null;
  if (p && (a.province ?? 'unknown') === p.province && String(yearOf(a)) === p.year) provinceLater();
  // the report shown may be the one that changed its bucket: read it again (a new version, a retraction)
  const shownReport = state.route.view === 'report' ? state.report : null;
  if (shownReport && (shownReport.province ?? 'unknown') === (a.province ?? 'unknown') && String(shownReport.reportYear ?? 'unknown') === String(yearOf(a))) reportLater();
}

// ---- latest issues ------------------------------------------------------------------------------------
function issueKey(i) { return i.findingId + '|' + i.action + '|' + i.at; }
function issueFilter() { return {province: $('issue-province').value, rule: $('issue-rule').value, severity: $('issue-severity').value}; }
function passes(i, f) { return (!f.province || i.province === f.province) && (!f.rule || i.rule === f.rule) && (!f.severity || i.severity === f.severity); }

function issueItem(i) {
  const li = el('li');
  li.dataset.rule = i.rule; li.dataset.severity = i.severity; li.dataset.province = i.province ?? '';
  li.append(el('span', i.action === 'WITHDRAWN' ? 'withdrawn' : i.severity, 'tag ' + (i.action === 'WITHDRAWN' ? 'WITHDRAWN' : i.severity)),
    el('strong', i.rule + ' '), el('span', (i.province ?? '?') + ' · ' + (i.issuer ?? '?') + ' · ' + (i.reportYear ?? '?')),
    el('div', i.messageZh));
  return li;
}

function knownRule(rule) {
  const select = $('issue-rule');
  if (![...select.options].some(o => o.value === rule)) { const o = el('option', rule); o.value = rule; select.append(o); }
}

/** The province filter offers every province with aggregates or issues. */
function renderIssueProvinces(more = []) {
  const select = $('issue-province');
  const provinces = [...new Set([...state.rows.values()].map(a => a.province).concat(more).filter(p => p))].sort((a, b) => a.localeCompare(b, 'zh'));
  for (const p of provinces) if (![...select.options].some(o => o.value === p)) { const o = el('option', p); o.value = p; select.append(o); }
}

async function loadIssues() {
  const f = issueFilter();
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
  try {
    const r = await fetch('/api/issues' + (q ? '?' + q : ''));
    if (!r.ok) return;
    const list = await r.json();
    state.issues = list; state.issueKeys = new Set(list.map(issueKey));
    list.forEach(i => knownRule(i.rule));
    renderIssueProvinces(list.map(i => i.province));
    $('issues').replaceChildren(...list.map(issueItem));
  } catch (e) { /* live issues still arrive */ }
}

function onIssue(i) {
  knownRule(i.rule);
  renderIssueProvinces([i.province]);
  const key = issueKey(i);
  if (state.issueKeys.has(key) || !passes(i, issueFilter())) return;
  state.issueKeys.add(key);
  state.issues.unshift(i);
  $('issues').prepend(issueItem(i));
  while (state.issues.length > 200) { state.issues.pop(); $('issues').lastChild.remove(); }
}
for (const id of ['issue-province', 'issue-rule', 'issue-severity']) $(id).addEventListener('change', loadIssues);

// ---- a province's issuers and the coverage of its publishers ----------------------------------------------
let provincePending = null;
function provinceLater() { clearTimeout(provincePending); provincePending = setTimeout(() => loadProvince(true), 300); }

async function loadProvince(live) {
  const {province, year} = state.route;
  $('province-title').textContent = (province === 'unknown' ? '(unknown province)' : province) + ' · ' + (year === 'unknown' ? '(unknown year)' : year);
  const r = await fetch('/api/provinces/' + encodeURIComponent(province) + '?year=' + encodeURIComponent(year));
  const tbody = document.querySelector('#issuers tbody');
  if (!r.ok) { tbody.replaceChildren(el('tr', null)); tbody.firstChild.append(el('td', 'not available: ' + r.status, 'text')); return; }
  const before = new Map((state.province?.issuers || []).map(i => [i.identity, JSON.stringify(i)]));
  state.province = await r.json();
  tbody.replaceChildren();
  for (const i of state.province.issuers) {
    const tr = el('tr'); tr.dataset.identity = i.identity;
    const name = el('td', null, 'text');
    const b = el('button', i.issuer ?? '(issuer unknown)', 'link');
    b.addEventListener('click', () => go('#/report/' + encodeURIComponent(i.identity)));
    name.append(b);
    const st = el('td', null, 'text'); st.append(el('span', i.status, 'tag status-' + i.status));
    const src = el('td', null, 'text'); if (i.sourceUrl) src.append(safeLink(i.sourceUrl, 'source'));
    tr.append(name, el('td', i.region ?? '', 'text'), st, el('td', i.findings), el('td', i.errors), el('td', i.publishedDate ?? '–', 'text'), src);
    if (live && before.get(i.identity) !== JSON.stringify(i)) flash(tr);
    tbody.append(tr);
  }
  renderProvinceYears();
  if (!live) loadCoverage();
}

/** A small bar chart per measure of the province, one bar per report year (the unknown year left out), from the summaries loaded. */
function renderProvinceYears() {
  const {province, year} = state.route;
  const rows = [...state.rows.values()].filter(a => (a.province ?? 'unknown') === province && a.reportYear !== null && a.reports > 0)
    .map(measures).sort((a, b) => a.reportYear - b.reportYear);
  const box = $('province-years');
  box.replaceChildren();
  if (!rows.length) { box.append(el('span', 'no report with a known year', 'muted')); return; }
  const SVG = 'http://www.w3.org/2000/svg';
  for (const [measure, label] of [['reports', 'reports'], ['shareInvalid', 'share invalid'], ['disclosureRate', 'disclosure rate'],
    ['reviewCorrectionRate', 'review correction rate'], ['litigationCorrectionRate', 'litigation correction rate']]) {
    const chart = el('div', null, 'chart'); chart.dataset.measure = measure;
    chart.append(el('div', label));
    const w = 22, h = 60, svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', String(rows.length * w)); svg.setAttribute('height', String(h + 14));
    const max = Math.max(0, ...rows.map(r => r[measure] ?? 0)) || 1;
    rows.forEach((r, i) => {
      const v = r[measure];
      const bar = document.createElementNS(SVG, 'rect');
      const bh = v === null || v === undefined ? 0 : Math.max(1, h * v / max);
      bar.setAttribute('x', String(i * w + 3)); bar.setAttribute('y', String(h - bh)); bar.setAttribute('width', String(w - 6)); bar.setAttribute('height', String(bh));
      if (String(r.reportYear) === String(year)) bar.setAttribute('class', 'current');
      const title = document.createElementNS(SVG, 'title'); title.textContent = r.reportYear + ': ' + (measure === 'reports' ? v : pct(v));
      bar.append(title); bar.dataset.year = String(r.reportYear); bar.dataset.value = v === null || v === undefined ? '' : String(v);
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('x', String(i * w + w / 2)); t.setAttribute('y', String(h + 12)); t.setAttribute('text-anchor', 'middle'); t.setAttribute('font-size', '9');
      t.textContent = String(r.reportYear).slice(2);
      svg.append(bar, t);
    });
    chart.append(svg);
    box.append(chart);
  }
}

async function loadCoverage() {
  const {province, year} = state.route;
  const tbody = document.querySelector('#coverage tbody');
  tbody.replaceChildren();
  state.coverage = [];
  $('coverage-note').textContent = '';
  if (year === 'unknown') { $('coverage-note').textContent = '(only for a known year)'; return; }
  try {
    const r = await fetch('/api/coverage?year=' + encodeURIComponent(year));
    if (!r.ok) { $('coverage-note').textContent = '(ingest-service\'s watcher did not answer: ' + r.status + ')'; return; }
    const c = await r.json();
    const p = (c.provinces || []).find(x => x.province === province);
    if (!p) { $('coverage-note').textContent = '(no publisher of this province is followed)'; return; }
    const late = new Set((p.late || []).map(x => x.publisher + '|' + x.url));
    for (const x of p.published || []) state.coverage.push({publisher: x.publisher, status: x.late || late.has(x.publisher + '|' + x.url) ? 'late' : 'published', publishedOn: x.publishedOn, url: x.url});
    for (const m of p.missing || []) state.coverage.push({publisher: m, status: 'missing', publishedOn: null, url: null});
    $('coverage-note').textContent = `(${p.published.length} published, ${(p.late || []).length} late, ${p.missing.length} missing; deadline ${c.deadline})`;
    for (const x of state.coverage) {
      const tr = el('tr'); tr.dataset.status = x.status;
      const st = el('td', null, 'text'); st.append(el('span', x.status, 'tag ' + (x.status === 'missing' ? 'error' : x.status === 'late' ? 'warning' : 'WITHDRAWN')));
      const link = el('td', null, 'text'); if (x.url) link.append(safeLink(x.url, 'report'));
      tr.append(el('td', x.publisher, 'text'), st, el('td', x.publishedOn ?? '–', 'text'), link);
      tbody.append(tr);
    }
  } catch (e) { $('coverage-note').textContent = '(coverage unavailable)'; }
}

let reportPending = null;
function reportLater() { clearTimeout(reportPending); reportPending = setTimeout(loadReport, 300); }

// ---- one report ----------------------------------------------------------------------------------------
async function loadReport() {
  const r = await fetch('/api/reports/' + encodeURIComponent(state.route.identity));
  if (!r.ok) { $('report-title').textContent = r.status === 404 ? 'no such report (a correction may have moved it)' : 'not available: ' + r.status; return; }
  const v = state.report = await r.json();
  $('report-title').textContent = (v.issuer ?? '(issuer unknown)') + ' · ' + (v.reportYear ?? '(year unknown)');
  const meta = $('report-meta'); meta.replaceChildren();
  const src = v.sourceUrl ? safeLink(v.sourceUrl) : el('span', '–');
  for (const [k, val] of [['status', v.status], ['province', v.province], ['region', v.region], ['division', v.divisionCode], ['template', v.template],
    ['report date', v.publishedDate], ['document number', v.documentNumber], ['received', v.receivedAt], ['identity', v.identity]]) {
    meta.append(el('dt', k), el('dd', val ?? '–'));
  }
  meta.append(el('dt', 'source'), (() => { const dd = el('dd'); dd.append(src); return dd; })());
  $('back-province').onclick = () => go('#/province/' + encodeURIComponent(v.province ?? 'unknown') + '/' + encodeURIComponent(v.reportYear ?? 'unknown'));
  $('warnings').replaceChildren(...(v.warnings.length ? v.warnings.map(w => el('li', w)) : [el('li', 'none')]));
  NianbaoReport.renderTables(v, $('sections'));
  NianbaoReport.renderFindings(v, document.querySelector('#findings tbody'), $('sections'));
  const versions = document.querySelector('#versions tbody'); versions.replaceChildren();
  for (const x of v.versions || []) {
    const tr = el('tr');
    const withdrew = el('td', x.withdrawn.length ? x.withdrawn.map(w => w.rule + ': ' + w.messageZh).join('；') : '–', 'text');
    const st = el('td', null, 'text'); st.append(el('span', x.status, 'tag status-' + x.status));
    tr.append(el('td', x.receivedAt ?? '', 'text'), el('td', x.reportId, 'text'), st, el('td', x.findings), withdrew);
    versions.append(tr);
  }
}

// ---- export: every table, as CSV (UTF-8 with a BOM) or JSON, with the API's column names ----------------
const EXPORTS = {
  provinces: () => [PROVINCE_COLUMNS, rowsOfYear().sort(compare)],
  issues: () => [['findingId', 'action', 'severity', 'rule', 'province', 'issuer', 'reportYear', 'section', 'row', 'column', 'expected', 'actual', 'messageZh', 'messageEn', 'at'], state.issues],
  issuers: () => [['identity', 'issuer', 'region', 'province', 'reportYear', 'status', 'findings', 'errors', 'publishedDate', 'sourceUrl', 'receivedAt'], state.province?.issuers || []],
  coverage: () => [['publisher', 'status', 'publishedOn', 'url'], state.coverage],
  findings: () => [['id', 'rule', 'severity', 'section', 'row', 'column', 'expected', 'actual', 'messageZh', 'messageEn'], NianbaoReport.findingRows(state.report || {})],
  cells: () => [['section', 'row', 'column', 'raw', 'value'], NianbaoReport.cellRows(state.report || {})],
  versions: () => [['reportId', 'receivedAt', 'status', 'findings', 'sourceUrl'], (state.report?.versions || [])],
};
for (const tools of document.querySelectorAll('[data-export]')) {
  tools.append('export ');
  for (const format of ['csv', 'json']) {
    const b = el('button', format.toUpperCase(), 'export');
    b.dataset.table = tools.dataset.export; b.dataset.format = format;
    tools.append(b, ' ');
  }
}
document.querySelectorAll('button.export').forEach(b => b.addEventListener('click', () => {
  const [columns, rows] = EXPORTS[b.dataset.table]();
  const suffix = b.dataset.table === 'provinces' ? '-' + state.year : '';
  NianbaoReport.download('nianbao-' + b.dataset.table + suffix, b.dataset.format, columns, rows);
}));

// ---- routes: #/ · #/province/P/Y · #/report/IDENTITY -------------------------------------------------------
function go(hash) { location.hash = hash; }
$('back-overview').addEventListener('click', () => go('#/'));

function route() {
  // an address mangled by hand (#/%E0) opens the overview instead of stopping the page
  const decode = p => { try { return decodeURIComponent(p); } catch (e) { return null; } };
  let parts = location.hash.replace(/^#\/?/, '').split('/').map(decode);
  if (parts.includes(null)) parts = [];
  if (parts[0] === 'province' && parts.length >= 3) state.route = {view: 'province', province: parts[1], year: parts[2]};
  else if (parts[0] === 'report' && parts.length >= 2) state.route = {view: 'report', identity: parts.slice(1).join('/')};
  else state.route = {view: 'overview'};
  $('overview').classList.toggle('hidden', state.route.view !== 'overview');
  $('province-view').classList.toggle('hidden', state.route.view !== 'province');
  $('report-view').classList.toggle('hidden', state.route.view !== 'report');
  if (state.route.view === 'province') { state.province = null; loadProvince(false); }
  if (state.route.view === 'report') loadReport();
  window.scrollTo(0, 0);
}
window.addEventListener('hashchange', route);

function connect() {
  const source = new EventSource('/api/live');
  source.onopen = () => { $('status').textContent = 'live'; loadAggregates(); loadIssues(); };
  source.onerror = () => { $('status').textContent = 'reconnecting…'; };
  source.addEventListener('aggregate', e => onAggregate(JSON.parse(e.data)));
  source.addEventListener('issue', e => onIssue(JSON.parse(e.data)));
}
setInterval(async () => {
  const act = await fetch('/api/activity').catch(() => null);
  if (act && act.ok) { state.activity = new Map((await act.json()).map(x => [x.province ?? 'unknown', x])); renderProvinces(); }
}, 60000);
fetch('/api/links').then(r => r.ok ? r.json() : null).then(links => {
  if (links && /^https?:\/\//.test(links.checker)) { $('checker').href = links.checker; $('checker').classList.remove('hidden'); }
}).catch(() => {});
route();
connect();
