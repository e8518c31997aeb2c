// zoneplan web page, part two: change proposals (变更方案) and zone history (历史版本).
// Loaded after app.js, whose globals it uses (state, map, t(), el, $, api, postJson, table, percent,
// loadPlan, refreshPlans, showInfo, showTab, showProblem, showProblemText, clearEditing, comparison).
// Every request goes through api()/postJson(); every text from the server is set as text, never as HTML.
'use strict';

const M2_PER_MU = 10000 / 15;

// Roles: hasRole() in app.js (from GET /api/me).

const PROPOSAL_STYLES = {
  proposed: { color: '#e6550d', weight: 3, dashArray: '6 4', fillColor: '#fd8d3c', fillOpacity: 0.25 },
  current: { color: '#333', weight: 2, dashArray: '2 4', fill: false },
  removed: { color: '#b42318', weight: 2, fillColor: '#e74c3c', fillOpacity: 0.4 },
};
/** A selected proposal's changes: proposed geometry, the zone as it is now, zones it would remove. */
const proposalLayer = L.geoJSON(null, { style: f => PROPOSAL_STYLES[f.properties.role], interactive: false }).addTo(map);
/** Land added and removed between a zone's version and its current one (the comparison's colours). */
const historyDiffLayer = L.geoJSON(null, { style: comparison.options.style, interactive: false }).addTo(map);

const proposalUi = { list: null, listError: null, selected: null, listSeq: 0, detailSeq: 0 };
const historyUi = { key: null, open: false, entries: null, error: null, loadedVersion: null, seq: 0,
                    diff: null, restored: null };

// ---- small formatters (figures come from the API; only units are converted)

function fmtSigned(x, digits) { return `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`; }
function fmtKm2(m2) { return (m2 / 1e6).toFixed(4); }
function fmtDelta(m2) { return `${fmtSigned(m2 / 1e6, 4)} km² (${fmtSigned(m2 / M2_PER_MU, 1)} 亩)`; }
function fmtWhen(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}
function statusText(s) { return t()[`status${s}`] || s; }
function operationText(op) { return t()[`op${op}`] || op; }
function zoneName(planId, code) {
  const f = planId === state.planId && state.features.find(x => x.properties.code === code);
  return f ? f.properties.name : null;
}
function zoneLabel(planId, code, name) {
  const n = name || zoneName(planId, code);
  return n ? `${code} ${n}` : code;
}
function problemText(err) {
  const p = err.problem;
  const key = p && String(p.type || '').replace('urn:zoneplan:problem:', '');
  const heading = (key && (t().proposalProblems[key] || t().problems[key])) || t().serverSays;
  return `${heading}: ${p && p.detail ? p.detail : err.message}`;
}
function actionButton(id, text, onClick, cls) {
  const b = el('button', text, cls);
  b.type = 'button';
  if (id) b.id = id;
  b.addEventListener('click', onClick);
  return b;
}

// ---- the edit tab: save the drawn or edited geometry as a proposal

/** Called by app.js's setMode: the proposal fields go with the save button. */
function proposalEditMode(mode) {
  const planner = hasRole('PLANNER');
  $('save-proposal').hidden = !planner;
  $('save-proposal').disabled = !mode;
  $('proposal-form').hidden = !mode || !planner;
}

async function saveAsProposal() {
  if (!state.editLayer) return;
  const form = $('proposal-form').elements;
  const reason = form.reason.value.trim();
  if (!reason) { showProblemText(t().reasonRequired); form.reason.focus(); return; }
  const geometry = state.editLayer.toGeoJSON(false).geometry;
  let change;
  let name;
  if (state.editCode) {
    const f = state.features.find(x => x.properties.code === state.editCode);
    const p = f.properties;
    name = p.name;
    change = { operation: 'UPDATE', code: p.code, baseVersion: p.version,
               feature: { type: 'Feature', geometry,
                          properties: { name: p.name, kind: p.kind, parent: p.parent, managedBy: p.managedBy,
                                        attributes: p.attributes } } };
  } else {
    const z = $('zone-form').elements;
    const code = z.code.value.trim();
    name = z.name.value.trim();
    if (!code || !z.code.checkValidity()) { showProblemText(t().problems['invalid-code']); z.code.focus(); return; }
    if (!name) { showProblemText(`${t().problems['missing-property']}: ${t().name}`); z.name.focus(); return; }
    change = { operation: 'CREATE', code,
               feature: { type: 'Feature', geometry,
                          properties: { code, name, kind: z.kind.value, parent: z.parent.value || null,
                                        managedBy: z.managedBy.value.trim() || null } } };
  }
  const title = form.title.value.trim() || `${name} · ${operationText(change.operation)}`;
  try {
    const created = await postJson('/api/proposals',
      { planId: state.planId, title, reason, target: { mode: 'APPLY' }, changes: [change] });
    clearEditing();
    $('proposal-form').reset();
    $('proposal-status').value = '';
    showTab('proposals');
    await openProposal(created.id);
  } catch (err) {
    showProblem(err);
  }
}

// ---- the proposals tab: list, detail, decisions

async function loadProposals() {
  const seq = ++proposalUi.listSeq;
  const status = $('proposal-status').value;
  try {
    const list = await api(`/api/proposals${status ? `?status=${encodeURIComponent(status)}` : ''}`);
    if (seq !== proposalUi.listSeq) return;
    proposalUi.list = list;
    proposalUi.listError = null;
  } catch (err) {
    if (seq !== proposalUi.listSeq) return;
    proposalUi.list = [];
    proposalUi.listError = err;
  }
  renderProposalList();
}

function renderProposalList() {
  const box = $('proposal-list');
  box.replaceChildren();
  if (proposalUi.listError) { box.append(el('li', problemText(proposalUi.listError), 'bad')); return; }
  if (!proposalUi.list) return;
  if (!proposalUi.list.length) { box.append(el('li', t().noProposals, 'hint')); return; }
  for (const p of proposalUi.list) {
    const item = el('li', null, 'proposal-item');
    item.dataset.id = p.id;
    item.dataset.status = p.status;
    item.tabIndex = 0;
    if (proposalUi.selected && proposalUi.selected.id === p.id) item.classList.add('selected');
    const head = el('div', null, 'proposal-head');
    head.append(el('strong', `#${p.id} ${p.title || ''}`), el('span', statusText(p.status), `status status-${p.status}`));
    item.append(head, el('div', `${t().reason}: ${p.reason || '—'}`, 'proposal-reason'));
    const dates = [`${t().author}: ${p.createdBy || '—'} · ${fmtWhen(p.createdAt)}`];
    if (p.submittedAt) dates.push(`${t().submittedAt}: ${fmtWhen(p.submittedAt)}`);
    if (p.decidedAt) dates.push(`${t().decidedBy}: ${p.decidedBy || '—'} · ${fmtWhen(p.decidedAt)}`);
    item.append(el('div', dates.join(' · '), 'meta'));
    item.append(el('div', `${t().affectedZones}: ${p.changes.map(c =>
      `${zoneLabel(p.planId, c.code, c.name)} (${operationText(c.operation)})`).join(', ')}`, 'meta'));
    if (p.effectAtSubmission) {
      item.append(el('div', `${t().effectSubmitted} · ${t().totalDelta}: ${fmtDelta(p.effectAtSubmission.totalDeltaM2)}`,
        'meta proposal-frozen'));
    }
    item.addEventListener('click', () => openProposal(p.id));
    item.addEventListener('keydown', e => { if (e.key === 'Enter') openProposal(p.id); });
    box.append(item);
  }
}

async function openProposal(id) {
  const seq = ++proposalUi.detailSeq;
  try {
    const p = await api(`/api/proposals/${encodeURIComponent(id)}`);
    if (seq !== proposalUi.detailSeq) return;
    proposalUi.selected = p;
    renderProposalDetail();
    drawProposal(p, true);
  } catch (err) {
    if (seq !== proposalUi.detailSeq) return;
    proposalUi.selected = null;
    $('proposal-detail').replaceChildren(el('p', problemText(err), 'bad'));
  }
  loadProposals();
}

function renderProposalDetail() {
  const box = $('proposal-detail');
  const p = proposalUi.selected;
  // A comment being typed survives a redraw of the same proposal (e.g. the language switch).
  const typing = $('decision-comment');
  const typed = typing && box.dataset.id === String(p && p.id) ? typing.value : '';
  box.replaceChildren();
  if (!p) return;
  box.dataset.id = p.id;
  box.dataset.status = p.status;
  const head = el('h2', `#${p.id} ${p.title || ''} `);
  head.append(el('span', statusText(p.status), `status status-${p.status}`));
  const target = p.target && p.target.mode === 'NEW_VERSION'
    ? `${t().targetNewVersion}: ${p.target.name || ''} (${p.target.planId}), ${t().copiedFrom} ${p.planId}`
    : `${t().targetApply}: ${p.planId}`;
  box.append(head, table([
    [t().reason, p.reason || '—'], [t().proposalTarget, target],
    [t().author, p.createdBy || '—'], [t().createdAt, fmtWhen(p.createdAt)], [t().submittedAt, fmtWhen(p.submittedAt)],
    [t().decidedBy, p.decidedBy || '—'], [t().decidedAt, fmtWhen(p.decidedAt)],
    [t().decisionComment, p.decisionComment || '—']]));
  box.append(el('h3', t().changes));
  const changes = el('ul', null, 'proposal-changes');
  for (const c of p.changes) {
    const li = el('li', `${zoneLabel(p.planId, c.code, c.name)}: ${operationText(c.operation)}`
      + (c.baseVersion != null ? ` (${t().baseVersion} v${c.baseVersion})` : ''));
    li.dataset.code = c.code;
    li.dataset.operation = c.operation;
    changes.append(li);
  }
  box.append(changes, el('h3', t().effect), effectTable(p));
  box.append(proposalActions(p, typed));
  const problem = el('div', null, 'problem');
  problem.id = 'proposal-problem';
  problem.setAttribute('role', 'alert');
  problem.hidden = true;
  box.append(problem);
}

/** The effect frozen at submission beside the one recomputed at the decision, change by change. */
function effectTable(p) {
  const frozen = p.effectAtSubmission;
  const decided = p.effectAtDecision;
  const tbl = el('table', null, 'effect');
  const head = document.createElement('tr');
  head.append(el('th', ''), el('th', t().effectSubmitted), el('th', t().effectDecided));
  tbl.append(head);
  const row = (key, label, value) => {
    const tr = document.createElement('tr');
    tr.dataset.row = key;
    tr.append(el('td', label), el('td', frozen ? value(frozen) : '—', 'effect-submitted'),
      el('td', decided ? value(decided) : '—', 'effect-decided'));
    tbl.append(tr);
  };
  p.changes.forEach((c, i) => {
    const item = e => (e.changes || []).find(x => x.code === c.code) || (e.changes || [])[i];
    const tr = document.createElement('tr');
    const th = el('th', `${zoneLabel(p.planId, c.code, c.name)} · ${operationText(c.operation)}`);
    th.colSpan = 3;
    tr.append(th);
    tbl.append(tr);
    const figure = f => e => { const x = item(e); return x ? f(x) : '—'; };
    row(`area-${c.code}`, t().areaBeforeAfter,
      figure(x => `${fmtKm2(x.areaBeforeM2)} → ${fmtKm2(x.areaAfterM2)} km²`));
    row(`delta-${c.code}`, t().delta, figure(x => fmtDelta(x.deltaM2)));
    row(`overlaps-${c.code}`, t().overlapsCreated, figure(x => {
      const o = x.overlapsCreated || [];
      return o.length ? o.map(v => `${zoneLabel(p.planId, v.zone, v.name)} ${(v.areaM2 / M2_PER_MU).toFixed(1)} 亩`).join('; ')
        : t().noneFound;
    }));
    if (c.operation === 'UPDATE') {
      row(`concentration-${c.code}`, t().effectConcentration, figure(x => (x.concentration
        ? `${percent(x.concentration.before.ratio)} → ${percent(x.concentration.after.ratio)}`
        : (x.whatIfUnavailable ? `${t().whatIfUnavailable}: ${x.whatIfUnavailable}` : '—'))));
      row(`parcels-${c.code}`, `${t().parcelsGained} / ${t().parcelsLost}`,
        figure(x => (x.parcelsGained ? `+${x.parcelsGained.count} / -${x.parcelsLost.count}` : '—')));
    }
  });
  row('total', t().totalDelta, e => fmtDelta(e.totalDeltaM2));
  const wrap = el('div', null, 'effect-box');
  wrap.append(tbl);
  if (!frozen) wrap.append(el('p', t().effectOnSubmit, 'hint'));
  return wrap;
}

function proposalActions(p, typed) {
  const box = el('div', null, 'proposal-actions');
  const mine = state.me && (state.me.username === p.createdBy || state.me.roles.includes('ADMIN'));
  if ((p.status === 'DRAFT' || p.status === 'SUBMITTED') && hasRole('PLANNER') && mine) {
    const buttons = el('div', null, 'buttons');
    if (p.status === 'DRAFT') buttons.append(actionButton('proposal-submit', t().submit, () => decide(p, 'submit')));
    buttons.append(actionButton('proposal-withdraw', t().withdraw, () => decide(p, 'withdraw')));
    box.append(buttons);
  }
  if (p.status === 'SUBMITTED' && hasRole('APPROVER')) {
    const label = el('label');
    const comment = document.createElement('textarea');
    comment.id = 'decision-comment';
    comment.rows = 2;
    comment.value = typed;
    label.append(el('span', t().decisionComment), comment);
    const buttons = el('div', null, 'buttons');
    buttons.append(actionButton('proposal-approve', t().approve, () => decide(p, 'approve')),
      actionButton('proposal-reject', t().reject, () => decide(p, 'reject')));
    box.append(label, buttons);
  }
  return box;
}

function showProposalProblem(text) {
  const box = $('proposal-problem');
  if (!box) return;
  box.replaceChildren(el('span', text));
  box.hidden = false;
}

/** Submit, approve or reject; a refusal shows the server's own words (its problem detail). */
async function decide(p, action) {
  const comment = $('decision-comment') ? $('decision-comment').value.trim() : '';
  if (action === 'reject' && !comment) { showProposalProblem(t().commentRequired); return; }
  const buttons = document.querySelectorAll('#proposal-detail .proposal-actions button');
  buttons.forEach(b => { b.disabled = true; });
  try {
    const done = await postJson(`/api/proposals/${encodeURIComponent(p.id)}/${action}`,
      action === 'submit' || action === 'withdraw' ? {} : { comment: comment || null });
    if (proposalUi.selected && proposalUi.selected.id === done.id) proposalUi.selected = done;
    if (done.status === 'APPROVED') await applied(done);
    renderProposalDetail();
    drawProposal(done, false);
    loadProposals();
  } catch (err) {
    buttons.forEach(b => { b.disabled = false; });
    showProposalProblem(problemText(err));
  }
}

/** After an approval: the plan's zones again, with the (first) changed zone selected. */
async function applied(p) {
  const planId = p.target && p.target.mode === 'NEW_VERSION' ? p.target.planId : p.planId;
  if (planId !== p.planId) await refreshPlans(); // app.js: the new version joins the switches
  if (planId !== state.planId) return;
  await loadPlan(state.planId);
  const codes = p.changes.map(c => c.code);
  state.selected = state.features.find(f => codes.includes(f.properties.code)) || null;
  showInfo();
}

function drawProposal(p, fit) {
  proposalLayer.clearLayers();
  for (const c of p.changes) {
    const current = p.planId === state.planId && state.features.find(f => f.properties.code === c.code);
    if (c.operation === 'DELETE' && current) {
      proposalLayer.addData({ type: 'Feature', properties: { role: 'removed', code: c.code }, geometry: current.geometry });
    }
    if (c.operation === 'UPDATE' && current && p.status !== 'APPROVED') {
      proposalLayer.addData({ type: 'Feature', properties: { role: 'current', code: c.code }, geometry: current.geometry });
    }
    if (c.geometry) {
      proposalLayer.addData({ type: 'Feature', properties: { role: 'proposed', code: c.code }, geometry: c.geometry });
    }
  }
  if (fit && proposalLayer.getLayers().length) map.fitBounds(proposalLayer.getBounds(), { padding: [40, 40], maxZoom: 16 });
}

// ---- zone history in the info panel

/** Called by app.js's showInfo: a collapsible history of the selected zone, loaded when opened. */
function historyPanel(info, z) {
  const key = `${state.planId}/${z.code}`;
  if (historyUi.key !== key) {
    Object.assign(historyUi, { key, open: false, entries: null, error: null, loadedVersion: null, diff: null, restored: null });
    historyDiffLayer.clearLayers();
  }
  const box = el('details', null, 'history');
  box.id = 'history';
  box.open = historyUi.open;
  const summary = el('summary', t().history);
  summary.id = 'history-toggle';
  const body = el('div');
  body.id = 'history-body';
  box.append(summary, body);
  info.append(box);
  renderHistory(z);
  box.addEventListener('toggle', () => {
    historyUi.open = box.open;
    // The panel may have been drawn again (figures arriving) between the click and this event.
    const shown = $('history');
    if (shown && shown !== box) shown.open = box.open;
    if (box.open && historyUi.loadedVersion !== z.version) loadHistory(z);
  });
  if (historyUi.open && historyUi.loadedVersion !== z.version) loadHistory(z);
}

async function loadHistory(z) {
  const key = historyUi.key;
  const seq = ++historyUi.seq;
  historyUi.loadedVersion = z.version;
  try {
    const entries = await api(`/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(z.code)}/history`);
    if (seq !== historyUi.seq || key !== historyUi.key) return;
    historyUi.entries = entries;
    historyUi.error = null;
  } catch (err) {
    if (seq !== historyUi.seq || key !== historyUi.key) return;
    historyUi.loadedVersion = null;
    historyUi.error = err;
  }
  renderHistory(z);
}

function renderHistory(z) {
  const body = $('history-body');
  if (!body) return;
  body.replaceChildren();
  if (historyUi.restored != null) body.append(el('p', `${t().restored} v${historyUi.restored}`, 'good'));
  if (historyUi.error) body.append(el('p', problemText(historyUi.error), 'bad'));
  if (historyUi.diff) body.append(diffSummary(historyUi.diff));
  if (!historyUi.entries) { if (!historyUi.error) body.append(el('p', '…', 'hint')); return; }
  const list = el('ol', null, 'history-list');
  for (const h of [...historyUi.entries].reverse()) {
    const li = el('li');
    li.dataset.version = h.version;
    const current = h.version === z.version;
    const head = el('div');
    head.append(el('strong', `v${h.version}`), el('span', ` ${t().historyOps[h.operation] || h.operation}`));
    if (current) head.append(el('span', ` · ${t().currentVersion}`, 'good'));
    if (h.area) head.append(el('span', ` · ${h.area.areaKm2.toFixed(4)} km²`, 'history-area'));
    li.append(head, el('div', `${h.changedBy || '—'} · ${fmtWhen(h.changedAt)}`, 'meta history-who'),
      el('div', `${t().why}: ${h.reason || '—'}`, 'history-why'));
    if (h.proposalId != null) {
      const link = actionButton(null, `${t().proposal} #${h.proposalId}`, () => {
        showTab('proposals');
        openProposal(h.proposalId);
      }, 'link history-proposal');
      li.append(link);
    }
    if (!current && h.area) {
      const buttons = el('div', null, 'buttons');
      buttons.append(actionButton(null, t().diff, () => showDiff(z, h.version), 'history-diff'));
      if (hasRole('PLANNER')) buttons.append(actionButton(null, t().restore, () => restoreVersion(z, h.version), 'history-restore'));
      li.append(buttons);
    }
    list.append(li);
  }
  body.append(list);
}

function diffSummary(d) {
  const box = el('div', null, 'history-diff-result');
  box.id = 'history-diff-result';
  box.append(el('strong', `${t().diff} v${d.from} → v${d.to}`),
    el('div', `${t().delta}: ${fmtDelta(d.deltaM2)}`, 'history-delta'),
    el('div', `${t().added} ${(d.addedM2 / M2_PER_MU).toFixed(1)} 亩 · ${t().removed} ${(d.removedM2 / M2_PER_MU).toFixed(1)} 亩`, 'meta'));
  return box;
}

async function showDiff(z, version) {
  try {
    const d = await api(`/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(z.code)}/diff`
      + `?from=${encodeURIComponent(version)}&to=${encodeURIComponent(z.version)}`);
    historyUi.diff = d;
    historyUi.error = null;
    historyDiffLayer.clearLayers();
    if (d.added && d.added.coordinates.length) historyDiffLayer.addData({ type: 'Feature', properties: { change: 'added' }, geometry: d.added });
    if (d.removed && d.removed.coordinates.length) historyDiffLayer.addData({ type: 'Feature', properties: { change: 'removed' }, geometry: d.removed });
    if (historyDiffLayer.getLayers().length) map.fitBounds(historyDiffLayer.getBounds(), { padding: [40, 40], maxZoom: 16 });
  } catch (err) {
    historyUi.error = err;
  }
  renderHistory(z);
}

/** Makes an earlier version current again, sending the version this page read (If-Match). */
async function restoreVersion(z, version) {
  try {
    await api(`/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(z.code)}/restore`
      + `?version=${encodeURIComponent(version)}`, { method: 'POST', headers: { 'If-Match': `"v${z.version}"` } });
  } catch (err) {
    historyUi.error = err;
    renderHistory(z);
    return;
  }
  const code = z.code;
  await loadPlan(state.planId);
  state.selected = state.features.find(f => f.properties.code === code) || null;
  // Same zone: historyPanel keeps the panel open and reloads it for the new version.
  Object.assign(historyUi, { restored: version, diff: null, error: null });
  historyDiffLayer.clearLayers();
  showInfo();
}

// ---- language and wiring

/** Called by app.js's applyLanguage. */
function proposalsLanguage() {
  renderProposalList();
  renderProposalDetail();
}

/** Shows or hides the actions by the user's roles again: call when state.me changes. */
function proposalsRolesChanged() {
  proposalEditMode(state.mode);
  renderProposalDetail();
  if (state.selected) showInfo();
}

$('save-proposal').addEventListener('click', saveAsProposal);
$('proposal-status').addEventListener('change', loadProposals);
$('proposal-refresh').addEventListener('click', loadProposals);
document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => {
  if (b.dataset.tab === 'proposals') loadProposals();
  else proposalLayer.clearLayers();
}));
proposalEditMode(null);
