// zoneplan web page: the jurisdiction selector (辖区). A city holds its districts and counties,
// which hold towns (/api/jurisdictions, limited to the user's scope). Choosing one fits the map to
// its outline, limits the plan switch to the plans with a zone in it (the map, the dashboard and
// the analysis follow the plan), and shows its figures: zones and the area of their union in 亩,
// the city's never a sum of its districts' where zones overlap (the server's figures). Uses app.js's
// globals (state, map, outline, TEXT, t(), el, $, api, refreshPlans, loadPlan, clearEditing).
'use strict';

const JURISDICTION_TEXT = {
  zh: { jurisdiction: '辖区', jdZones: '区块', jdAreaMu: '面积(亩,并集)', jdSumMu: '各下级之和(亩)',
        jdChild: '下级区划', jdPlans: '统计的规划版本', jdNone: '(无)',
        jdRule: '面积为辖区内各区块边界并集的椭球面积,重叠部分只计一次;区块按其内点所在区划归属。' },
  en: { jurisdiction: 'Jurisdiction', jdZones: 'Zones', jdAreaMu: 'Area (mu, union)', jdSumMu: 'Sum of parts (mu)',
        jdChild: 'Division', jdPlans: 'Plan versions counted', jdNone: '(none)',
        jdRule: 'Areas are ellipsoidal areas of the union of the zones in the jurisdiction: overlaps count once; a zone belongs to the division holding its interior point.' },
};
Object.assign(TEXT.zh, JURISDICTION_TEXT.zh);
Object.assign(TEXT.en, JURISDICTION_TEXT.en);

const jdUi = { tree: [], current: null, parent: {} };

/** Whether division a lies in division b or under it (by the tree's parent links). */
function jdUnder(a, b) {
  for (let c = a, n = 0; c && n < 10; c = jdUi.parent[c], n++) if (c === b) return true;
  return false;
}

/**
 * Whether a list entry of a division (a programme's jurisdiction, a park's promoter or host, a
 * district's row) belongs on the page for the jurisdiction chosen: it lies in it or under it, or
 * above it (a city's programme concerns each of its districts). Everything, before a choice.
 */
function jdRelated(code) {
  const j = state.jurisdiction;
  if (!j) return true;
  if (!code) return false;
  return jdUnder(code, j) || jdUnder(j, code);
}

/** Flattens the tree into select options, indented by depth (towns included). */
function jdOptions(nodes, depth, out) {
  nodes.forEach(n => {
    out.push({ node: n, depth });
    jdOptions(n.children || [], depth + 1, out);
  });
  return out;
}

/**
 * Fills the selector and chooses the top jurisdiction holding the plan the page opens on (so the
 * page opens where it did), else the first.
 */
async function jurisdictionsStart(planId) {
  jdUi.tree = await api('/api/jurisdictions');
  const select = $('jurisdiction');
  const options = jdOptions(jdUi.tree, 0, []);
  options.forEach(({ node }) => (node.children || []).forEach(c => { jdUi.parent[c.code] = node.code; }));
  select.replaceChildren(...options.map(({ node, depth }) => {
    const o = el('option', '\u3000'.repeat(depth) + node.name);
    o.value = node.code;
    return o;
  }));
  select.addEventListener('change', () => chooseJurisdiction(select.value, true));
  let start = null;
  if (planId) {
    for (const root of jdUi.tree) {
      const j = await api(`/api/jurisdictions/${encodeURIComponent(root.code)}`);
      if (j.plans.some(p => p.id === planId)) { start = root.code; break; }
    }
  }
  if (!start && options.length) start = options[0].node.code;
  if (start) {
    select.value = start;
    await chooseJurisdiction(start, false);
  }
}

/** Shows a jurisdiction: outline, plans and figures; with reload, switches the map's plan too. */
async function chooseJurisdiction(code, reload) {
  const j = await api(`/api/jurisdictions/${encodeURIComponent(code)}`);
  jdUi.current = j;
  outline.clearLayers();
  try {
    outline.addData(await api(`/api/divisions/${encodeURIComponent(code)}`));
    if (outline.getBounds().isValid()) map.fitBounds(outline.getBounds());
  } catch (e) { /* no outline */ }
  state.jurisdiction = code;
  state.jurisdictionPlans = j.plans.map(p => p.id);
  const before = $('plan').value;
  await refreshPlans();
  // prefer a plan that is counted (not superseded), the newest such
  const counted = j.plans.filter(p => p.counted);
  if (reload && counted.length && !counted.some(p => p.id === $('plan').value)) {
    $('plan').value = counted[counted.length - 1].id;
  }
  if (reload && $('plan').value && $('plan').value !== before) {
    clearEditing();
    await loadPlan($('plan').value);
  }
  showJurisdictionFigures();
  // the tabs whose lists are by jurisdiction
  programmesJurisdictionChanged(); // programmes.js
  parksJurisdictionChanged(); // parks.js
}

function showJurisdictionFigures() {
  const box = $('jurisdiction-figures');
  const j = jdUi.current;
  if (!box || !j) return;
  const mu = v => (Math.round(v * 100) / 100).toLocaleString('zh-CN');
  const head = el('div');
  head.append(el('strong', j.name), ` · ${t().jdZones} ${j.figures.zones} · ${t().jdAreaMu} ${mu(j.figures.zoneAreaMu)}`);
  const rows = j.children.filter(c => c.zones > 0);
  const parts = [head];
  if (rows.length) {
    const tbl = el('table');
    const hr = el('tr');
    [t().jdChild, t().jdZones, t().jdAreaMu].forEach(h => hr.append(el('th', h)));
    tbl.append(hr);
    rows.forEach(c => {
      const tr = el('tr');
      tr.dataset.division = c.code;
      [c.name, String(c.zones), mu(c.zoneAreaMu)].forEach(v => tr.append(el('td', v)));
      tbl.append(tr);
    });
    const sum = el('tr');
    [t().jdSumMu, '', mu(j.childrenSumMu)].forEach(v => sum.append(el('td', v)));
    tbl.append(sum);
    parts.push(tbl);
  }
  parts.push(el('div', `${t().jdPlans}: ${j.countedPlans.length ? j.countedPlans.join(', ') : t().jdNone}`));
  const rule = el('div', t().jdRule);
  rule.style.fontSize = '.75rem';
  rule.style.opacity = '.8';
  parts.push(rule);
  box.replaceChildren(...parts);
  map.invalidateSize(); // the panel beside the map may have changed width
}

/** The chosen jurisdiction's plans, read again (a plan version may have been opened since). */
async function jurisdictionPlansNow() {
  if (!state.jurisdiction) return null;
  const j = await api(`/api/jurisdictions/${encodeURIComponent(state.jurisdiction)}`);
  return j.plans.map(p => p.id);
}

function jurisdictionsLanguage() {
  showJurisdictionFigures();
}
