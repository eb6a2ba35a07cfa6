// One report as ReportView (report-core) describes it: its three tables with each finding on its cells.
// Shared by the dashboard (aggregate-service) and the publishers' checker (parse-service), served from
// report-core's jar. Every string from a report reaches the page through textContent, never as HTML.
'use strict';
const NianbaoReport = (() => {
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function cellId(section, row, column) { return [section, row, column].join('/'); }

  /** The cells each finding is about, by cellId → the findings. */
  function findingsByCell(view) {
    const out = new Map();
    for (const f of view.findings || []) {
      for (const c of f.cells || []) {
        const id = cellId(c.section, c.row, c.column);
        if (!out.has(id)) out.set(id, []);
        out.get(id).push(f);
      }
    }
    return out;
  }

  /** The three tables into container: td.cell with data-section, data-row, data-column; a finding's cells get class finding. */
  function renderTables(view, container) {
    container.replaceChildren();
    const marked = findingsByCell(view);
    for (const s of view.sections || []) {
      container.append(el('h3', s.label + (s.found ? '' : ' — not found in the report')));
      const table = el('table'); table.className = 'report-table'; table.dataset.section = s.id;
      const head = el('tr'); head.append(el('th', '', 'text'));
      for (const c of s.columns) head.append(el('th', c.label));
      const thead = el('thead'); thead.append(head); table.append(thead);
      const body = el('tbody');
      for (const r of s.rows) {
        const tr = el('tr'); tr.dataset.row = r.row;
        tr.append(el('td', r.label, 'text'));
        for (const c of s.columns) {
          const cell = r.cells[c.id];
          const td = el('td', cell ? (cell.raw ?? (cell.value ?? '')) : '', 'cell');
          if (cell && cell.raw == null && cell.value != null) { td.classList.add('derived'); td.title = 'derived: ' + cell.value; }
          else if (cell && cell.value != null && String(cell.value) !== cell.raw) td.title = 'read as ' + cell.value;
          else if (cell && cell.value == null) td.title = 'missing (not zero)';
          td.dataset.section = s.id; td.dataset.row = r.row; td.dataset.column = c.id;
          const fs = marked.get(cellId(s.id, r.row, c.id));
          if (fs) {
            td.classList.add('finding');
            // an info says a rule could not be assessed there: marked, but not as an error
            if (!fs.some(f => f.severity === 'error')) td.classList.add(fs.some(f => f.severity === 'warning') ? 'warning' : 'info');
            td.title = fs.map(f => f.rule + ': ' + f.messageZh).join('\n');
          }
          tr.append(td);
        }
        body.append(tr);
      }
      table.append(body);
      container.append(table);
    }
  }

  /** Puts the focus on a finding's cells (or its row, when it names no column) in container. */
  function focus(container, f) {
    container.querySelectorAll('.focused').forEach(x => x.classList.remove('focused'));
    let first = null;
    for (const c of f.cells || []) {
      for (const td of container.querySelectorAll('td.cell')) {
        if (td.dataset.section === c.section && td.dataset.row === c.row && td.dataset.column === c.column) {
          td.classList.add('focused'); first = first || td;
        }
      }
    }
    if (!first && f.row) {
      for (const tr of container.querySelectorAll('table[data-section] tr')) {
        if (tr.dataset.row === f.row && tr.closest('table').dataset.section === f.section) { tr.classList.add('focused'); first = tr; }
      }
    }
    if (first) first.scrollIntoView({block: 'center'});
    return first;
  }

  function where(f) {
    return [f.section, f.row].filter(x => x).join('.') + (f.column ? '[' + f.column + ']' : '');
  }

  /** The findings as table rows; a click shows the finding on its cell. */
  function renderFindings(view, tbody, tablesContainer) {
    tbody.replaceChildren();
    for (const f of view.findings || []) {
      const tr = el('tr'); tr.dataset.finding = f.id;
      const sev = el('td', null, 'text'); sev.append(el('span', f.severity, 'tag ' + f.severity));
      const rule = el('td', null, 'text'); const b = el('button', f.rule, 'link'); rule.append(b);
      b.addEventListener('click', () => focus(tablesContainer, f));
      tr.append(sev, rule, el('td', where(f), 'text'), el('td', f.expected ?? ''), el('td', f.actual ?? ''), el('td', f.messageZh, 'text'));
      tbody.append(tr);
    }
  }

  /** Every cell as a flat row, for export. */
  function cellRows(view) {
    const out = [];
    for (const s of view.sections || []) for (const r of s.rows) for (const [column, c] of Object.entries(r.cells)) {
      out.push({section: s.id, row: r.row, column, raw: c.raw, value: c.value});
    }
    return out;
  }

  function findingRows(view) {
    return (view.findings || []).map(f => ({id: f.id, rule: f.rule, severity: f.severity, section: f.section, row: f.row, column: f.column,
      expected: f.expected, actual: f.actual, messageZh: f.messageZh, messageEn: f.messageEn}));
  }

  // ---- export: CSV (UTF-8 with a BOM, so Excel reads Chinese) and JSON, the column names of the API ----
  function csvText(v) {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = "'" + s; // a spreadsheet never runs a report's text as a formula
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(columns, rows) {
    const lines = [columns.join(',')];
    for (const r of rows) lines.push(columns.map(c => csvText(r[c])).join(','));
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  function download(name, format, columns, rows) {
    const body = format === 'csv' ? csv(columns, rows)
      : JSON.stringify(rows.map(r => Object.fromEntries(columns.map(c => [c, r[c] ?? null]))), null, 2);
    const blob = new Blob([body], {type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json'});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name + '.' + format;
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  /** A link only to a web page: a report's source URL never becomes a javascript: link. */
  function safeLink(url, text) {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return el('span', url ?? '');
    const a = el('a', text ?? url); a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
    return a;
  }

  return {el, renderTables, renderFindings, focus, cellRows, findingRows, csv, download, safeLink, where};
})();
