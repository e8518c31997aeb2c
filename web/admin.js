// zoneplan web page, part three: 系统管理 (administration), for users with the ADMIN role itself:
// users and their roles, plan versions, the audit log. Loaded after proposals.js; uses app.js's
// globals (state, map, t(), el, $, api, postJson, refreshPlans) and proposals.js's fmtWhen and
// actionButton. Every request goes through api()/postJson(); the server decides (these URLs are
// ADMIN-only) and its refusals are shown in its own words beside their translation.
'use strict';

const ADMIN_ROLES = ['VIEWER', 'PLANNER', 'APPROVER', 'LAND_BUREAU', 'ADMIN'];
const PLAN_STATUSES = ['DRAFT', 'APPROVED', 'SUPERSEDED'];

const adminUi = { view: 'users', users: null, usersError: null, selectedUser: null, plans: null, plansError: null,
                  audit: null, auditError: null, messages: {}, seq: { users: 0, plans: 0, audit: 0 } };

/** The ADMIN role itself (hasRole() answers true for an ADMIN whatever the role asked). */
function isAdmin() { return !!state.me && state.me.roles.includes('ADMIN'); }

// ---- small helpers

function roleText(role) { return t().roleNames[role] || role; }
function rolesText(roles) {
  return ADMIN_ROLES.filter(r => roles.includes(r)).map(roleText).join(state.lang === 'zh' ? '、' : ', ');
}
function planStatusText(s) { return t().planStatuses[s] || s; }
function auditActionText(a) { return t().auditActions[a] || a; }
/** Today in the browser's time zone, as YYYY-MM-DD. */
function localToday() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** [heading, the server's own detail] of a refused request. */
function adminProblem(err) {
  const p = err.problem;
  const key = p && String(p.type || '').replace('urn:zoneplan:problem:', '');
  const heading = (key && (t().adminProblems[key] || t().problems[key])) || t().serverSays;
  return [heading, p && p.detail ? p.detail : err.message];
}

/**
 * The message under a form: {key, arg} for a success (arg may be a function, for text that follows
 * the language) or {error} for a refusal. Kept, so that a language switch re-renders it.
 */
function setAdminMessage(id, message) {
  adminUi.messages[id] = message;
  renderAdminMessage(id);
  if ($(id)) $(id).scrollIntoView({ block: 'nearest' });
}

function renderAdminMessage(id) {
  const box = $(id);
  if (!box) return;
  const m = adminUi.messages[id];
  box.replaceChildren();
  box.className = 'admin-message';
  box.setAttribute('role', m && m.error ? 'alert' : 'status');
  if (!m) return;
  if (m.error) {
    const [heading, detail] = adminProblem(m.error);
    box.classList.add('problem');
    box.append(el('strong', `${heading}: `), el('span', detail));
  } else {
    const arg = typeof m.arg === 'function' ? m.arg() : m.arg;
    box.classList.add('good');
    box.append(el('span', arg ? `${t()[m.key]}: ${arg}` : t()[m.key]));
  }
}

function roleCheckbox(role, checked) {
  const label = el('label', null, 'check');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = 'role';
  box.value = role;
  box.checked = checked;
  box.defaultChecked = checked;
  const name = el('span', roleText(role));
  name.dataset.role = role;
  label.append(box, name);
  return label;
}

function checkedRoles(container) {
  return [...container.querySelectorAll('input[name=role]:checked')].map(b => b.value);
}

function labelled(text, input) {
  const label = el('label');
  label.append(el('span', text), input);
  return label;
}

function textInput(name, type, value) {
  const input = document.createElement('input');
  input.name = name;
  input.type = type;
  input.value = value;
  input.autocomplete = type === 'password' ? 'new-password' : 'off';
  return input;
}

function headRow(texts) {
  const tr = document.createElement('tr');
  for (const h of texts) tr.append(el('th', h));
  return tr;
}

// ---- views

function showAdminView(view) {
  adminUi.view = view;
  document.querySelectorAll('#admin-nav button').forEach(b => b.classList.toggle('active', b.dataset.view === view));
  document.querySelectorAll('#admin .admin-view').forEach(v => { v.hidden = v.id !== `admin-${view}`; });
  if (view === 'users') loadUsers();
  else if (view === 'plans') loadAdminPlans();
  else loadAudit();
}

/** The admin panel needs more room than the others: the aside widens while it is shown. */
function adminTabShown(shown) {
  const aside = document.querySelector('aside');
  if (aside.classList.contains('wide') !== shown) {
    aside.classList.toggle('wide', shown);
    map.invalidateSize();
  }
  if (shown && isAdmin()) showAdminView(adminUi.view);
}

// ---- users

async function loadUsers() {
  const seq = ++adminUi.seq.users;
  try {
    const users = await api('/api/users');
    if (seq !== adminUi.seq.users) return;
    Object.assign(adminUi, { users, usersError: null });
  } catch (err) {
    if (seq !== adminUi.seq.users) return;
    Object.assign(adminUi, { users: null, usersError: err });
  }
  renderUsers();
  renderUserDetail(false);
}

function renderUsers() {
  const box = $('user-table');
  box.replaceChildren();
  if (adminUi.usersError) { box.append(el('p', adminProblem(adminUi.usersError).join(': '), 'bad')); return; }
  if (!adminUi.users) return;
  if (!adminUi.users.length) { box.append(el('p', t().noUsers, 'hint')); return; }
  const tbl = el('table', null, 'admin-table');
  tbl.append(headRow([t().userName, t().displayName, t().userRoles, t().userState, t().userCreatedAt,
                      t().userCreatedBy, '']));
  for (const u of adminUi.users) {
    const tr = document.createElement('tr');
    tr.dataset.username = u.username;
    tr.dataset.enabled = String(u.enabled);
    tr.classList.toggle('selected', adminUi.selectedUser === u.username);
    tr.classList.toggle('disabled', !u.enabled);
    tr.append(el('td', u.username), el('td', u.displayName || '—', 'wrap'), el('td', rolesText(u.roles), 'roles'),
      el('td', u.enabled ? t().userEnabled : t().userDisabled, 'state'),
      el('td', u.createdAt ? fmtWhen(u.createdAt) : '—', 'meta'), el('td', u.createdBy || '—', 'meta'));
    const actions = el('td');
    actions.append(actionButton(null, t().manage, () => selectUser(u.username), 'link manage'));
    tr.append(actions);
    tbl.append(tr);
  }
  box.append(tbl);
}

function selectUser(username) {
  adminUi.selectedUser = adminUi.selectedUser === username ? null : username;
  delete adminUi.messages['user-detail-message'];
  renderUsers();
  renderUserDetail(false);
  if (adminUi.selectedUser) $('user-detail').scrollIntoView({ block: 'nearest' });
}

/**
 * The selected user's actions: display name and roles (saved together), enable or disable, a new
 * password. keepInputs: a re-render for the language keeps what was typed or ticked.
 */
function renderUserDetail(keepInputs) {
  const box = $('user-detail');
  const u = adminUi.users && adminUi.users.find(x => x.username === adminUi.selectedUser);
  const typed = keepInputs && u && box.dataset.username === u.username && $('user-edit')
    ? { displayName: $('user-edit').elements.displayName.value, roles: checkedRoles($('user-edit')),
        password: $('user-password-form').elements.password.value }
    : null;
  box.replaceChildren();
  box.hidden = !u;
  if (!u) { delete box.dataset.username; return; }
  box.dataset.username = u.username;
  box.append(el('h3', u.displayName ? `${u.username} · ${u.displayName}` : u.username));

  const edit = document.createElement('form');
  edit.id = 'user-edit';
  const roles = el('fieldset', null, 'role-checks');
  roles.append(el('legend', t().userRoles),
    ...ADMIN_ROLES.map(r => roleCheckbox(r, (typed ? typed.roles : u.roles).includes(r))));
  const buttons = el('div', null, 'buttons');
  buttons.append(actionButton('user-save', t().save, () => saveUser(u, edit)),
    actionButton('user-toggle', u.enabled ? t().disableUser : t().enableUser, () => toggleUser(u)));
  edit.append(labelled(t().displayName, textInput('displayName', 'text', typed ? typed.displayName : u.displayName || '')),
    roles, buttons);
  edit.addEventListener('submit', e => { e.preventDefault(); saveUser(u, edit); });

  const password = document.createElement('form');
  password.id = 'user-password-form';
  const passwordButtons = el('div', null, 'buttons');
  passwordButtons.append(actionButton('user-reset-password', t().resetPassword, () => resetPassword(u, password)));
  password.append(labelled(t().newPassword, textInput('password', 'password', typed ? typed.password : '')),
    el('p', t().passwordRule, 'hint'), passwordButtons);
  password.addEventListener('submit', e => { e.preventDefault(); resetPassword(u, password); });

  const message = el('div', null, 'admin-message');
  message.id = 'user-detail-message';
  box.append(edit, password, message);
  renderAdminMessage('user-detail-message');
}

async function createUser(event) {
  event.preventDefault();
  const f = $('user-form');
  const body = { username: f.elements.username.value.trim(), displayName: f.elements.displayName.value.trim() || null,
                 password: f.elements.password.value, roles: checkedRoles(f) };
  try {
    const created = await postJson('/api/users', body);
    f.reset();
    setAdminMessage('user-form-message', { key: 'userCreated', arg: created.username });
    await loadUsers();
  } catch (err) {
    // What was typed stays, so it can be corrected.
    setAdminMessage('user-form-message', { error: err });
  }
}

/** PUT /api/users/{username}, then the table from the server again (a refusal leaves it as it was). */
async function changeUser(username, body, done) {
  try {
    await postJson(`/api/users/${encodeURIComponent(username)}`, body, 'PUT');
    setAdminMessage('user-detail-message', done);
  } catch (err) {
    setAdminMessage('user-detail-message', { error: err });
  }
  await loadUsers();
}

function saveUser(u, form) {
  return changeUser(u.username, { displayName: form.elements.displayName.value.trim(), roles: checkedRoles(form) },
    { key: 'userSaved', arg: u.username });
}

function toggleUser(u) {
  return changeUser(u.username, { enabled: !u.enabled },
    { key: u.enabled ? 'userNowDisabled' : 'userNowEnabled', arg: u.username });
}

async function resetPassword(u, form) {
  try {
    await postJson(`/api/users/${encodeURIComponent(u.username)}/password`, { password: form.elements.password.value },
      'PUT');
    form.elements.password.value = '';
    setAdminMessage('user-detail-message', { key: 'passwordReset', arg: u.username });
  } catch (err) {
    setAdminMessage('user-detail-message', { error: err });
  }
}

// ---- plan versions

async function loadAdminPlans() {
  const seq = ++adminUi.seq.plans;
  try {
    const plans = await api('/api/plans');
    if (seq !== adminUi.seq.plans) return;
    Object.assign(adminUi, { plans, plansError: null });
  } catch (err) {
    if (seq !== adminUi.seq.plans) return;
    Object.assign(adminUi, { plans: null, plansError: err });
  }
  renderAdminPlans(false);
  fillCopyFrom();
}

/** keepInputs: a re-render for the language keeps each status chosen but not saved yet. */
function renderAdminPlans(keepInputs) {
  const box = $('plan-table');
  const chosen = {};
  if (keepInputs) box.querySelectorAll('tr[data-plan] select').forEach(s => { chosen[s.closest('tr').dataset.plan] = s.value; });
  box.replaceChildren();
  if (adminUi.plansError) { box.append(el('p', adminProblem(adminUi.plansError).join(': '), 'bad')); return; }
  if (!adminUi.plans) return;
  const tbl = el('table', null, 'admin-table');
  tbl.append(headRow([t().planIdLabel, t().planName, t().planDate, t().planState, '']));
  for (const p of adminUi.plans) {
    const tr = document.createElement('tr');
    tr.dataset.plan = p.id;
    tr.dataset.status = p.status;
    const select = document.createElement('select');
    select.name = 'status';
    select.replaceChildren(...PLAN_STATUSES.map(s => { const o = el('option', planStatusText(s)); o.value = s; return o; }));
    select.value = chosen[p.id] || p.status;
    const actions = el('td', null, 'plan-actions');
    actions.append(select, actionButton(null, t().save, () => savePlanStatus(p, select.value), 'plan-save'));
    tr.append(el('td', p.id), el('td', p.name, 'wrap'), el('td', p.date),
      (() => { const td = el('td'); td.append(el('span', planStatusText(p.status), `status status-${p.status}`)); return td; })(),
      actions);
    tbl.append(tr);
  }
  box.append(tbl);
}

function fillCopyFrom() {
  const select = $('plan-form').elements.copyFrom;
  const current = select.value;
  const none = el('option', t().emptyPlan);
  none.value = '';
  select.replaceChildren(none, ...(adminUi.plans || []).map(p => {
    const o = el('option', `${p.name} (${p.id})`);
    o.value = p.id;
    return o;
  }));
  select.value = [...select.options].some(o => o.value === current) ? current : '';
}

/** The page's plan switches offer what the server now has (a failure there is not this form's). */
async function plansChanged() {
  await loadAdminPlans();
  try { await refreshPlans(); } catch (e) { /* the switches keep their options */ }
}

async function createPlan(event) {
  event.preventDefault();
  const f = $('plan-form').elements;
  const body = { id: f.id.value.trim(), name: f.name.value.trim(), date: f.date.value || null,
                 copyFrom: f.copyFrom.value || null };
  try {
    const created = await postJson('/api/plans', body);
    $('plan-form').reset();
    f.date.value = localToday();
    setAdminMessage('plan-form-message', { key: 'planCreated', arg: `${created.name} (${created.id})` });
    await plansChanged();
  } catch (err) {
    setAdminMessage('plan-form-message', { error: err });
  }
}

async function savePlanStatus(p, status) {
  try {
    await postJson(`/api/plans/${encodeURIComponent(p.id)}`, { status }, 'PUT');
    setAdminMessage('plan-table-message', { key: 'planSaved', arg: () => `${p.id} · ${planStatusText(status)}` });
  } catch (err) {
    setAdminMessage('plan-table-message', { error: err });
  }
  await plansChanged();
}

// ---- audit log

async function loadAudit() {
  const seq = ++adminUi.seq.audit;
  try {
    const audit = await api('/api/audit?limit=100');
    if (seq !== adminUi.seq.audit) return;
    Object.assign(adminUi, { audit, auditError: null });
  } catch (err) {
    if (seq !== adminUi.seq.audit) return;
    Object.assign(adminUi, { audit: null, auditError: err });
  }
  renderAudit();
}

function renderAudit() {
  const box = $('audit-table');
  box.replaceChildren();
  if (adminUi.auditError) { box.append(el('p', adminProblem(adminUi.auditError).join(': '), 'bad')); return; }
  if (!adminUi.audit) return;
  if (!adminUi.audit.length) { box.append(el('p', t().noAudit, 'hint')); return; }
  const tbl = el('table', null, 'admin-table audit');
  tbl.append(headRow([t().auditAt, t().auditActor, t().auditAction, t().auditTarget, t().auditDetail]));
  for (const e of adminUi.audit) {
    const tr = document.createElement('tr');
    Object.assign(tr.dataset, { id: e.id, action: e.action, actor: e.actor || '', target: e.target || '' });
    const action = el('td', auditActionText(e.action));
    action.title = e.action;
    tr.append(el('td', fmtWhen(e.at), 'meta'), el('td', e.actor || '—'), action, el('td', e.target || '—'),
      el('td', e.detail || '', 'wrap detail'));
    tbl.append(tr);
  }
  box.append(tbl);
}

// ---- language and wiring

/** Called by app.js's applyLanguage. */
function adminLanguage() {
  document.querySelectorAll('#admin [data-role]').forEach(s => { s.textContent = roleText(s.dataset.role); });
  renderUsers();
  renderUserDetail(true);
  renderAdminPlans(true);
  fillCopyFrom();
  renderAudit();
  Object.keys(adminUi.messages).forEach(renderAdminMessage);
}

$('user-form').querySelector('fieldset').append(...ADMIN_ROLES.map(r => roleCheckbox(r, r === 'VIEWER')));
$('user-form').addEventListener('submit', createUser);
$('plan-form').addEventListener('submit', createPlan);
$('plan-form').elements.date.value = localToday();
$('audit-refresh').addEventListener('click', loadAudit);
document.querySelectorAll('#admin-nav button').forEach(b => b.addEventListener('click', () => showAdminView(b.dataset.view)));
document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => adminTabShown(b.dataset.tab === 'admin')));
