// The checker: the dropped file goes to POST /api/check as it is; the answer is shown as the dashboard shows a report.
// Every string from the report reaches the page through textContent (NianbaoReport.el), never as HTML.
'use strict';
const $ = id => document.getElementById(id);
const {el} = NianbaoReport;

async function check(file) {
  $('state').textContent = 'checking ' + file.name + ' …';
  $('result').classList.add('hidden');
  const started = performance.now();
  try {
    const r = await fetch('../api/check?fileName=' + encodeURIComponent(file.name), {
      method: 'POST', body: file, headers: {'Content-Type': file.type || 'application/octet-stream'}});
    // our answers are JSON; the HTTP layer's own refusal of a body past its limit (413) is not
    const answer = (r.headers.get('Content-Type') || '').includes('json') ? await r.json() : {error: 'HTTP ' + r.status + ' ' + r.statusText};
    if (!r.ok) { $('state').textContent = file.name + ' cannot be checked: ' + answer.error; return; }
    show(answer);
    $('state').textContent = file.name + ' checked in ' + Math.round(performance.now() - started) + ' ms (' + answer.format
      + (answer.pages ? ', ' + answer.pages + ' pages' : '') + ')';
    $('state').dataset.done = 'true';
  } catch (e) { $('state').textContent = 'the check failed: ' + e; }
}

function show(v) {
  $('title').replaceChildren(el('span', (v.issuer ?? '(issuer not found)') + ' · ' + (v.reportYear ?? '(year not found)') + ' '),
    el('span', v.status, 'tag status-' + v.status));
  const meta = $('meta'); meta.replaceChildren();
  for (const [k, val] of [['status', v.status], ['province', v.province], ['region', v.region], ['division', v.divisionCode],
    ['template', v.template], ['report date', v.publishedDate], ['document number', v.documentNumber]]) meta.append(el('dt', k), el('dd', val ?? '–'));
  const warnings = [...(v.documentWarnings || []), ...(v.warnings || [])];
  $('warnings').replaceChildren(...(warnings.length ? warnings.map(w => el('li', w)) : [el('li', 'nothing')]));
  NianbaoReport.renderTables(v, $('sections'));
  NianbaoReport.renderFindings(v, document.querySelector('#findings tbody'), $('sections'));
  if (!v.findings.length) { const tr = el('tr'); tr.append(el('td', 'no finding: the tables add up', 'text')); document.querySelector('#findings tbody').append(tr); }
  $('result').classList.remove('hidden');
}

$('file').addEventListener('change', e => { if (e.target.files[0]) check(e.target.files[0]); });
const drop = $('drop');
drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) check(e.dataTransfer.files[0]); });
