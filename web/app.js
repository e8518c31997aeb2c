// Placeholder page: shows the zones of a plan version from the zoneplan API.
// Every figure shown comes from the API; the page computes no area of its own.
'use strict';

const TEXT = {
  zh: { title: '开发区(园区)规划', plan: '规划版本', hint: '点击地图上的区块查看面积。', lang: 'English',
        name: '名称', code: '代码', kind: '类型', parent: '上级', managedBy: '管理主体', area: '面积',
        kinds: { PLATFORM: '平台', ZONE: '开发区', CORE: '核心区', SUBAREA: '片区', EXPANSION: '拓展区',
                 FUNCTIONAL: '功能分区', COOPERATION: '合作园' } },
  en: { title: 'Development zone plans', plan: 'Plan version', hint: 'Click a zone on the map to see its area.',
        lang: '中文', name: 'Name', code: 'Code', kind: 'Kind', parent: 'Parent', managedBy: 'Managed by',
        area: 'Area', kinds: { PLATFORM: 'Platform', ZONE: 'Zone', CORE: 'Core area', SUBAREA: 'Sub-area',
        EXPANSION: 'Expansion block', FUNCTIONAL: 'Functional area', COOPERATION: 'Cooperation park' } },
};
const COLOURS = { PLATFORM: '#888', ZONE: '#1f77b4', CORE: '#d62728', SUBAREA: '#2ca02c',
                  EXPANSION: '#ff7f0e', FUNCTIONAL: '#9467bd', COOPERATION: '#8c564b' };
let lang = 'zh';
let selected = null;
let parents = new Set();

const map = L.map('map').setView([29.45, 119.9], 11);
L.control.scale({ imperial: false }).addTo(map);
const outline = L.geoJSON(null, { style: { color: '#555', weight: 1.5, fill: false, dashArray: '4 3' } }).addTo(map);
// The zones are drawn by the server as PNG tiles (/tiles/zones/...); the GeoJSON layer above them
// is invisible and only takes the clicks.
const zoneTiles = L.tileLayer('', { maxZoom: 20, attribution: 'zoneplan' });
const zones = L.geoJSON(null, {
  // Parents (platform, zone) take no clicks, so their parts stay clickable.
  style: f => ({ opacity: 0, fillOpacity: 0, interactive: !parents.has(f.properties.code) }),
  onEachFeature: (f, layer) => layer.on('click', () => { selected = f.properties; showInfo(); }),
}).addTo(map);

function el(tag, text) { const e = document.createElement(tag); e.textContent = text; return e; }

function showInfo() {
  const t = TEXT[lang];
  const info = document.getElementById('info');
  info.replaceChildren();
  if (!selected) { info.append(el('p', t.hint)); return; }
  const z = selected;
  const table = document.createElement('table');
  const rows = [[t.name, z.name], [t.code, z.code], [t.kind, t.kinds[z.kind] || z.kind],
    [t.parent, z.parent || '—'], [t.managedBy, z.managedBy || '—'],
    [t.area, `${z.areaKm2.toFixed(2)} km²`], ['', `${z.areaHa.toFixed(2)} ha`], ['', `${z.areaMu.toFixed(0)} 亩`]];
  for (const [k, v] of rows) { const tr = document.createElement('tr'); tr.append(el('td', k), el('td', v)); table.append(tr); }
  info.append(table);
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = TEXT[lang][e.dataset.i18n]; });
  document.getElementById('lang').textContent = TEXT[lang].lang;
  showInfo();
}

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

async function loadPlan(planId) {
  zoneTiles.setUrl(`/tiles/zones/{z}/{x}/{y}{r}.png?plan=${encodeURIComponent(planId)}`);
  if (!map.hasLayer(zoneTiles)) zoneTiles.addTo(map);
  const collection = await json(`/api/plans/${encodeURIComponent(planId)}/zones`);
  zones.clearLayers();
  parents = new Set(collection.features.map(f => f.properties.parent).filter(Boolean));
  // Largest first, so smaller zones lie on top and get the clicks.
  collection.features.sort((a, b) => b.properties.areaM2 - a.properties.areaM2);
  zones.addData(collection);
  selected = null;
  showInfo();
}

async function start() {
  document.getElementById('lang').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });
  const plans = await json('/api/plans');
  const select = document.getElementById('plan');
  for (const p of plans) { const o = el('option', `${p.name} (${p.id})`); o.value = p.id; select.append(o); }
  select.value = plans.length ? plans[plans.length - 1].id : '';
  select.addEventListener('change', () => loadPlan(select.value));
  try { outline.addData(await json('/api/divisions/330726')); map.fitBounds(outline.getBounds()); } catch (e) { /* no outline */ }
  if (select.value) await loadPlan(select.value);
  applyLanguage();
}
start();
