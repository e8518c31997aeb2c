// zoneplan web page: 合作园区 (cooperation parks, issue 14.3). The parks on the map (their boundaries
// are illustrative where the data says so, and the page says so), an info popup with each figure,
// its period and the source phrase as published, and the assessment view of a period: every
// district's and the promoter's figures without sharing (by territory, 属地) and with sharing (the
// park's rule), switched by a toggle. Every figure is /api/parks's; the page only formats them.
// Uses app.js's globals (state, map, TEXT, t(), el, $, api); hooks into the tab buttons and the
// language button by listening on the document, so app.js needs no change. Names go in as text.
'use strict';

const PARKS_TEXT = {
  zh: { tabParks: '合作园区', pkPeriod: '期间', pkView: '口径', pkTerritorial: '不共享(属地统计)', pkShared: '共享(考核口径)',
        pkParks: '特别合作园', pkAssessment: '考核视图', pkIllustrative: '示意边界(非官方)', pkPromoter: '推进主体',
        pkHosts: '所在区', pkRule: '共享规则', pkFigures: '公布数据', pkItem: '指标', pkValue: '数值', pkSource: '原文',
        pkDistrict: '区', pkRole: '角色', pkRoles: { promoter: '推进方', host: '属地', both: '推进方·属地', other: '其他' },
        pkShares: '属地面积占比', pkQuota: q => `新增建设用地指标:${q.body} ${q.year} 年下达 ${q.grantedMu} 亩,未分配 ${q.availableMu} 亩`,
        pkNoFigures: '该期间无数据', pkOrigin: { published: '公布', projects: '项目库' }, pkNotes: '说明',
        pkLoading: '加载中…', pkQuotaXlsx: '用地指标余额 .xlsx' },
  en: { tabParks: 'Cooperation parks', pkPeriod: 'Period', pkView: 'View', pkTerritorial: 'Without sharing (by territory)',
        pkShared: 'With sharing (assessment)', pkParks: 'Special cooperation parks', pkAssessment: 'Assessment',
        pkIllustrative: 'Illustrative boundary (not official)', pkPromoter: 'Promoter', pkHosts: 'Host districts',
        pkRule: 'Sharing rule', pkFigures: 'Published figures', pkItem: 'Item', pkValue: 'Value', pkSource: 'Source phrase',
        pkDistrict: 'District', pkRole: 'Role', pkRoles: { promoter: 'promoter', host: 'host', both: 'promoter · host', other: 'other' },
        pkShares: 'Share of area by district',
        pkQuota: q => `New construction land quota: ${q.grantedMu} mu granted to ${q.body} for ${q.year}, ${q.availableMu} mu not yet allocated`,
        pkNoFigures: 'No figures for this period', pkOrigin: { published: 'published', projects: 'project register' },
        pkNotes: 'Notes', pkLoading: 'Loading…', pkQuotaXlsx: 'Quota balances .xlsx' },
};
Object.assign(TEXT.zh, PARKS_TEXT.zh);
Object.assign(TEXT.en, PARKS_TEXT.en);

const pkUi = { shown: false, parks: null, names: {}, periods: null, result: null, quota: [], seq: 0 };
const pkLayer = L.geoJSON(null, {
  style: f => ({ color: '#c2185b', weight: 2, dashArray: f.properties.illustrative ? '6 4' : null, fillOpacity: 0.15 }),
  onEachFeature: (f, layer) => {
    layer.bindTooltip(el('span', f.properties.name), { sticky: true });
    layer.bindPopup(() => pkPopup(f.properties), { maxWidth: 460, maxHeight: 320 });
  },
});

function pkName(code) { return pkUi.names[code] ? `${pkUi.names[code]} ${code}` : code; }
function pkNumber(v) { return Number.isInteger(v) ? String(v) : (Math.round(v * 10000) / 10000).toString(); }

/** The popup of one park: who, where, the rule, the illustrative label and every figure with its source phrase. */
function pkPopup(p) {
  const box = el('div', null, 'pk-popup');
  box.append(el('h3', p.name));
  if (p.illustrative) box.append(el('p', t().pkIllustrative, 'pk-illustrative'));
  box.append(el('p', `${t().pkPromoter}:${p.promoter.name} (${p.promoter.code})`));
  box.append(el('p', `${t().pkHosts}:${p.hosts.map(pkName).join('、')}`));
  box.append(el('p', `${t().pkRule}:${p.sharingRule.label}${p.sharingRule.note ? `(${p.sharingRule.note})` : ''}`));
  const shares = Object.entries(p.territorialShares || {}).map(([c, s]) => `${pkName(c)} ${(s * 100).toFixed(4)}%`);
  box.append(el('p', `${t().pkShares}:${shares.join('、')}`));
  const table = el('table', null, 'pk-figures');
  const head = el('tr');
  [t().pkItem, t().pkPeriod, t().pkValue, t().pkSource].forEach(h => head.append(el('th', h)));
  table.append(head);
  for (const f of p.figures) {
    const row = el('tr');
    row.dataset.item = f.item;
    row.dataset.period = f.period;
    row.append(el('td', state.lang === 'zh' ? f.label : f.labelEn), el('td', f.period),
               el('td', `${f.valueText} ${f.unit}`), el('td', f.sourcePhrase || '', 'pk-source'));
    table.append(row);
  }
  box.append(table);
  return box;
}

async function pkLoad() {
  const seq = ++pkUi.seq;
  if (!pkUi.parks) {
    const [layer, periods, divisions] = await Promise.all(
      [api('/api/parks?format=geojson'), api('/api/parks/periods'), api('/api/divisions')]);
    divisions.forEach(d => { pkUi.names[d.code] = d.name; });
    pkUi.parks = layer;
    pkUi.periods = periods;
    const bodies = [...new Set(layer.features.map(f => f.properties.promoter.name))];
    pkUi.quota = (await Promise.all(bodies.map(b => api(`/api/quota/balances?body=${encodeURIComponent(b)}`)))).flat();
    const select = $('pk-period');
    select.replaceChildren(...periods.map(p => { const o = el('option', p); o.value = p; return o; }));
    const years = periods.filter(p => /^\d{4}$/.test(p));
    select.value = years.length ? years[years.length - 1] : (periods[0] || '');
  }
  pkDrawLayer();
  if (seq !== pkUi.seq) return;
  pkShowParks();
  await pkLoadAssessment();
  if (pkUi.shown && pkLayer.getLayers().length) map.fitBounds(pkLayer.getBounds(), { maxZoom: 12 });
}

async function pkLoadAssessment() {
  const period = $('pk-period').value;
  if (!period) return;
  const seq = ++pkUi.seq;
  $('pk-status').textContent = t().pkLoading;
  $('pk-xlsx').href = `/api/parks/assessment?period=${encodeURIComponent(period)}&format=xlsx`;
  const result = await api(`/api/parks/assessment?period=${encodeURIComponent(period)}`);
  if (seq !== pkUi.seq) return;
  pkUi.result = result;
  $('pk-status').textContent = '';
  pkShowAssessment();
}

/** The parks of the jurisdiction chosen (jurisdictions.js): promoted by it or lying in it. */
function pkOwnParks() {
  if (!pkUi.parks) return [];
  return pkUi.parks.features.filter(f => jdRelated(f.properties.promoter.code) || f.properties.hosts.some(jdRelated));
}

function pkDrawLayer() {
  pkLayer.clearLayers();
  pkLayer.addData({ type: 'FeatureCollection', features: pkOwnParks() });
}

/** Another jurisdiction was chosen: its parks, and its districts' rows of the assessment. */
function parksJurisdictionChanged() {
  if (!pkUi.parks) return;
  pkDrawLayer();
  pkShowParks();
  pkShowAssessment();
}

function pkShowParks() {
  const list = $('pk-list');
  list.replaceChildren();
  if (!pkUi.parks) return;
  for (const f of pkOwnParks()) {
    const p = f.properties;
    const item = el('div', null, 'pk-park');
    item.dataset.park = p.id;
    const title = el('a', p.name);
    title.href = '#';
    title.addEventListener('click', e => {
      e.preventDefault();
      const layer = pkLayer.getLayers().find(l => l.feature.properties.id === p.id);
      // no animation: the popup opens on the final view, so its autopan is not undone by the move
      if (layer) { map.fitBounds(layer.getBounds(), { maxZoom: 14, animate: false }); layer.openPopup(); }
    });
    item.append(title);
    if (p.illustrative) item.append(el('span', t().pkIllustrative, 'pk-illustrative'));
    item.append(el('div', `${t().pkPromoter}:${p.promoter.name} · ${t().pkHosts}:${p.hosts.map(pkName).join('、')} · ${t().pkRule}:${p.sharingRule.label}`, 'hint'));
    list.append(item);
  }
  pkUi.quota.forEach(q => list.append(el('p', t().pkQuota(q), 'hint pk-quota')));
}

/** The assessment table: one row per district, one column per figure, territorial or shared values. */
function pkShowAssessment() {
  const box = $('pk-assessment');
  box.replaceChildren();
  const r = pkUi.result;
  if (!r) return;
  const shared = $('pk-shared').checked;
  const columns = [];
  const key = f => `${f.item}|${f.unit}|${f.origin}`;
  r.districts.forEach(d => d.figures.forEach(f => {
    if (!columns.some(c => key(c) === key(f))) columns.push(f);
  }));
  if (!columns.length) { box.append(el('p', t().pkNoFigures, 'hint')); return; }
  const table = el('table', null, 'pk-table');
  table.id = 'pk-assessment-table';
  const head = el('tr');
  head.append(el('th', t().pkDistrict), el('th', t().pkRole));
  columns.forEach(c => head.append(el('th',
    `${state.lang === 'zh' ? c.label : c.labelEn} (${c.unit}${c.origin === 'projects' ? ', ' + t().pkOrigin.projects : ''})`)));
  table.append(head);
  for (const d of r.districts.filter(x => jdRelated(x.code))) {
    const row = el('tr');
    row.dataset.code = d.code;
    const role = d.promoter && d.host ? 'both' : d.promoter ? 'promoter' : d.host ? 'host' : 'other';
    const name = d.promoter && d.promoterNames.length ? `${d.promoterNames.join('、')} / ${pkName(d.code)}` : pkName(d.code);
    row.append(el('td', name), el('td', t().pkRoles[role]));
    for (const c of columns) {
      const f = d.figures.find(x => key(x) === key(c));
      const cell = el('td', f ? pkNumber(shared ? f.shared : f.territorial) : '–', 'num');
      cell.dataset.item = c.item;
      row.append(cell);
    }
    table.append(row);
  }
  box.append(table);
  const notes = r.parks.flatMap(p => p.notes.map(n => `${p.name}:${n}`));
  if (notes.length) {
    box.append(el('h3', t().pkNotes));
    notes.forEach(n => box.append(el('p', n, 'hint')));
  }
}

function parksTabShown(shown) {
  if (shown === pkUi.shown) return;
  pkUi.shown = shown;
  if (shown) {
    pkLayer.addTo(map);
    pkLoad().catch(e => { $('pk-status').textContent = e.message; });
  } else {
    map.removeLayer(pkLayer);
  }
}

function parksLanguage() {
  pkShowParks();
  pkShowAssessment();
}

document.addEventListener('DOMContentLoaded', () => {
  $('pk-period').addEventListener('change', () => pkLoadAssessment().catch(e => { $('pk-status').textContent = e.message; }));
  $('pk-shared').addEventListener('change', pkShowAssessment);
  $('pk-territorial').addEventListener('change', pkShowAssessment);
});
// After app.js's own handlers (which run on the buttons themselves): the tab shown, the language.
document.addEventListener('click', e => {
  const tab = e.target.closest && e.target.closest('#tabs button');
  if (tab) parksTabShown(tab.dataset.tab === 'parks');
  if (e.target.id === 'lang') parksLanguage();
});
