// zoneplan web page: 项目, the projects of the plan shown (/api/projects): counts and investment per
// zone for a year (the server's figures, /api/projects/figures?by=zone), the list, and the projects
// on the map (points and outlines) with an info popup; a click on a row opens its popup. Projects
// whose location is made up carry the 示意 label. Uses app.js's globals (state, map, TEXT, t(), el,
// $, api, table, hasRole). Names go in as text, never HTML.
'use strict';

const PROJECT_TEXT = {
  zh: { tabProjects: '项目', pjYear: '年度', pjAllYears: '全部年度', pjXlsx: '导出 .xlsx', pjByZone: '按区块',
        pjList: '项目清单', pjName: '项目名称', pjStage: '阶段', pjTotal: '总投资(万元)', pjYearInv: '年度投资(万元)',
        pjZone: '区块', pjCount: '项目数', pjLanding: '落地方式', pjLists: '所列清单', pjCredit: '统一社会信用代码',
        pjDates: '阶段日期', pjOutside: '不在任何区块', pjNone: '本规划版本暂无项目',
        pjIllustrative: '示意:项目位置与数据为示意', pjShown: (n, plan) => `${plan}:${n} 个项目` },
  en: { tabProjects: 'Projects', pjYear: 'Year', pjAllYears: 'All years', pjXlsx: 'Download .xlsx', pjByZone: 'By zone',
        pjList: 'Projects', pjName: 'Name', pjStage: 'Stage', pjTotal: 'Total investment (10k yuan)',
        pjYearInv: 'Investment of the year (10k yuan)', pjZone: 'Zone', pjCount: 'Projects', pjLanding: 'Landing mode',
        pjLists: 'Lists', pjCredit: 'Credit code', pjDates: 'Stage dates', pjOutside: 'In no zone',
        pjNone: 'No project in this plan version', pjIllustrative: 'Illustrative: project locations and figures are made up',
        pjShown: (n, plan) => `${plan}: ${n} projects` },
};
Object.assign(TEXT.zh, PROJECT_TEXT.zh);
Object.assign(TEXT.en, PROJECT_TEXT.en);

const pjUi = { shown: false, planId: null, features: [], figures: null, byId: new Map(), seq: 0 };

const pjLayer = L.geoJSON(null, {
  style: () => ({ color: '#d62728', weight: 2, fillOpacity: 0.25 }),
  pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6, color: '#d62728', fillColor: '#ff9896', fillOpacity: 0.9, weight: 2 }),
  // A DOM node, never a string (TooltipTextTest): the wrapper holds what pjPopup builds.
  onEachFeature: (f, layer) => {
    layer.bindPopup(() => el('div').appendChild(pjPopup(f.properties)).parentNode);
    pjUi.byId.set(f.properties.id, layer);
  },
});

function pjWan(x) { return x == null ? '—' : Number(x).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 2 }); }

function pjPopup(p) {
  const box = el('div', null, 'pj-popup');
  box.append(el('strong', p.name));
  if (p.illustrative) box.append(el('div', t().pjIllustrative, 'pg-illustrative'));
  const dates = Object.entries(p.stageDates || {}).map(([s, d]) => `${s} ${d}`).join('、');
  const rows = [[t().pjStage, p.stage], [t().pjTotal, pjWan(p.totalInvestmentWan)]];
  const year = $('pj-year').value;
  if (year) rows.push([t().pjYearInv, pjWan((p.yearlyInvestmentWan || {})[year])]);
  if (dates) rows.push([t().pjDates, dates]);
  if (p.landingMode) rows.push([t().pjLanding, p.landingMode]);
  if (p.lists && p.lists.length) rows.push([t().pjLists, p.lists.join('、')]);
  if (p.creditCode) rows.push([t().pjCredit, p.creditCode]);
  rows.push([t().pjZone, (p.zones && p.zones.length ? p.zones : [p.zoneCode || '—']).join('、')]);
  box.append(table(rows));
  return box;
}

function pjGrid(headers, rows, id) {
  const tbl = document.createElement('table');
  tbl.className = 'pg-table';
  tbl.id = id;
  const head = document.createElement('tr');
  headers.forEach(h => head.append(el('th', h)));
  tbl.append(head);
  rows.forEach(({ cells, projectId }) => {
    const tr = document.createElement('tr');
    cells.forEach(v => tr.append(el('td', v == null ? '—' : String(v))));
    if (projectId != null) {
      tr.dataset.project = String(projectId);
      tr.style.cursor = 'pointer';
      tr.addEventListener('click', () => pjOpen(projectId));
    }
    tbl.append(tr);
  });
  return tbl;
}

function pjOpen(id) {
  const layer = pjUi.byId.get(id);
  if (!layer) return;
  if (layer.getLatLng) map.setView(layer.getLatLng(), Math.max(map.getZoom(), 13));
  else map.fitBounds(layer.getBounds(), { maxZoom: 15 });
  layer.openPopup();
}

function pjFillYears() {
  const years = $('pj-year');
  if (years.options.length) return;
  const all = el('option', t().pjAllYears);
  all.value = '';
  years.append(all);
  const now = new Date().getFullYear();
  for (let y = now; y >= now - 8; y--) { const o = el('option', String(y)); o.value = String(y); years.append(o); }
}

async function projectsTabShown(shown) {
  pjUi.shown = shown;
  if (!shown) { map.removeLayer(pjLayer); return; }
  pjFillYears();
  $('pj-xlsx').hidden = !hasRole('LAND_BUREAU');
  pjLayer.addTo(map);
  await pjLoad();
}

async function pjLoad() {
  const planId = state.planId;
  if (!planId) return;
  const seq = ++pjUi.seq;
  const year = $('pj-year').value;
  const q = new URLSearchParams({ planId });
  if (year) q.set('year', year);
  const fq = new URLSearchParams({ by: 'zone', planId });
  if (year) fq.set('year', year);
  const [layer, figures] = await Promise.all([api(`/api/projects?${q}`), api(`/api/projects/figures?${fq}`)]);
  if (seq !== pjUi.seq) return;
  Object.assign(pjUi, { planId, features: layer.features, figures });
  pjUi.byId.clear();
  pjLayer.clearLayers();
  pjLayer.addData({ type: 'FeatureCollection', features: layer.features.filter(f => f.geometry) });
  pjDraw();
}

function pjDraw() {
  if (!pjUi.figures) return;
  const year = $('pj-year').value;
  $('pj-status').textContent = pjUi.features.length ? t().pjShown(pjUi.features.length, pjUi.planId) : t().pjNone;
  const illustrative = pjUi.features.some(f => f.properties.illustrative);
  $('pj-illustrative').hidden = !illustrative;
  $('pj-illustrative').textContent = t().pjIllustrative;
  const g = pjUi.figures;
  const rows = g.groups.filter(x => x.projects > 0).map(x => ({ cells: [x.name || x.code, x.projects, pjWan(x.totalInvestmentWan), year ? pjWan(x.investmentWan) : '—'] }));
  const o = g.outsideZones;
  if (o && o.projects > 0) rows.push({ cells: [t().pjOutside, o.projects, pjWan(o.totalInvestmentWan), year ? pjWan(o.investmentWan) : '—'] });
  $('pj-figures').replaceChildren(pjGrid([t().pjZone, t().pjCount, t().pjTotal, t().pjYearInv], rows, 'pj-figure-table'));
  const list = pjUi.features.map(f => {
    const p = f.properties;
    return { projectId: p.id, cells: [p.name, p.stage, pjWan(p.totalInvestmentWan), (p.zones && p.zones.length ? p.zones : [p.zoneCode || '—']).join('、')] };
  });
  $('pj-list').replaceChildren(pjGrid([t().pjName, t().pjStage, t().pjTotal, t().pjZone], list, 'pj-table'));
}

function projectsLanguage() {
  const all = $('pj-year').options[0];
  if (all && all.value === '') all.textContent = t().pjAllYears;
  pjDraw();
}

$('pj-year').addEventListener('change', () => pjLoad().catch(e => { $('pj-status').textContent = e.message; }));
// The tab switch (app.js's showTab) and the map's plan: follow both.
document.addEventListener('click', e => {
  const b = e.target.closest && e.target.closest('#tabs button');
  if (!b) return;
  projectsTabShown(b.dataset.tab === 'projects').catch(err => { $('pj-status').textContent = err.message; });
});
$('plan').addEventListener('change', () => { if (pjUi.shown) setTimeout(() => pjLoad().catch(() => {}), 0); });
