// zoneplan web page, part seven: 产业载体, programmes and their carriers (e.g. 萧山区"4286"产业载体).
// Choose a programme: counts and areas (亩, of the union of the members' boundaries: the server's)
// by category and by status, the "5个80%" shares of a year (null shares shown with the server's
// reason, never as 0), and the members on the map coloured by status with an info popup. A programme
// whose boundaries are made up carries a visible 示意/illustrative label. Loaded after muju.js; uses
// app.js's globals (state, map, TEXT, t(), el, $, api, table). app.js calls programmesTabShown
// (showTab) and programmesLanguage (applyLanguage). Names go in as text, never HTML.
'use strict';

const PROGRAMME_TEXT = {
  zh: { tabProgrammes: '产业载体', pgProgramme: '计划', pgYear: '年度', pgByCategory: '按类别', pgByStatus: '按推进状态',
        pgShares: '"5个80%"', pgName: '名称', pgTarget: '目标数', pgCount: '载体数', pgAreaMu: '面积(亩)',
        pgInside: '载体内', pgTotal: '全域', pgShare: '占比', pgGoal: '目标', pgMet: '达标', pgReason: '说明',
        pgYes: '是', pgNo: '否', pgNotAvailable: '无数据', pgIllustrative: '示意:边界为示意,非真实范围',
        pgIssuer: '发布单位', pgJurisdiction: '统计范围', pgNone: '暂无计划', pgCategory: '类别', pgStatus: '状态',
        pgPhrase: '原文', pgIndustries: '主导产业', pgZone: '区块', pgTotalRow: '合计(并集)', pgNoStatus: '未评定',
        pgAreaRule: '面积为各载体边界并集的椭球面积,重叠部分只计一次。' },
  en: { tabProgrammes: 'Programmes', pgProgramme: 'Programme', pgYear: 'Year', pgByCategory: 'By category',
        pgByStatus: 'By status', pgShares: '"5 × 80%" shares', pgName: 'Name', pgTarget: 'Target', pgCount: 'Carriers',
        pgAreaMu: 'Area (mu)', pgInside: 'In carriers', pgTotal: 'Jurisdiction', pgShare: 'Share', pgGoal: 'Target',
        pgMet: 'Met', pgReason: 'Note', pgYes: 'yes', pgNo: 'no', pgNotAvailable: 'not available',
        pgIllustrative: 'Illustrative: boundaries are made up, not surveyed', pgIssuer: 'Issued by',
        pgJurisdiction: 'Totals of', pgNone: 'No programme yet', pgCategory: 'Category', pgStatus: 'Status',
        pgPhrase: 'Source phrase', pgIndustries: 'Leading industries', pgZone: 'Zone', pgTotalRow: 'Total (union)',
        pgNoStatus: 'Not assessed',
        pgAreaRule: 'Areas are ellipsoidal areas of the union of the carriers\' boundaries: overlaps count once.' },
};
Object.assign(TEXT.zh, PROGRAMME_TEXT.zh);
Object.assign(TEXT.en, PROGRAMME_TEXT.en);

// Colours by the status's position in the programme's list (its order is the programme's).
const PG_COLOURS = ['#1a7f37', '#1f77b4', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];
const PG_NO_STATUS = '#999999';
const pgUi = { shown: false, list: null, programme: null, figures: null, shares: null, layer: null, seq: 0 };

const pgLayer = L.geoJSON(null, {
  style: f => ({ color: pgColour(f.properties.status), weight: 2, fillColor: pgColour(f.properties.status), fillOpacity: 0.35 }),
  // A DOM node, never a string (TooltipTextTest): the wrapper holds what pgPopup builds.
  onEachFeature: (f, layer) => layer.bindPopup(() => el('div').appendChild(pgPopup(f.properties)).parentNode),
});

function pgColour(status) {
  const i = pgUi.programme ? pgUi.programme.statuses.indexOf(status) : -1;
  return i < 0 ? PG_NO_STATUS : PG_COLOURS[i % PG_COLOURS.length];
}

function pgMu(x) { return x == null ? '—' : Number(x).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 0 }); }

function pgPopup(p) {
  const box = el('div', null, 'pg-popup');
  box.append(el('strong', p.zoneName || p.zoneCode));
  if (p.illustrative) box.append(el('div', t().pgIllustrative, 'pg-illustrative'));
  const rows = [[t().pgProgramme, p.programme], [t().pgCategory, p.category],
                [t().pgStatus, p.status || t().pgNoStatus]];
  if (p.statusPhrase) rows.push([t().pgPhrase, p.statusPhrase]);
  if (p.industries && p.industries.length) rows.push([t().pgIndustries, p.industries.map(i => `${i.code} ${i.name || ''}`.trim()).join('、')]);
  rows.push([t().pgAreaMu, `${pgMu(p.areaMu)} 亩`], [t().pgZone, `${p.planId} / ${p.zoneCode}`]);
  box.append(table(rows));
  return box;
}

function pgGrid(headers, rows, id) {
  const tbl = document.createElement('table');
  tbl.className = 'pg-table';
  if (id) tbl.id = id;
  const head = document.createElement('tr');
  headers.forEach(h => head.append(el('th', h)));
  tbl.append(head);
  for (const r of rows) {
    const tr = document.createElement('tr');
    r.forEach(v => tr.append(el('td', v == null ? '—' : String(v))));
    tbl.append(tr);
  }
  return tbl;
}

async function programmesTabShown(shown) {
  pgUi.shown = shown;
  if (!shown) { map.removeLayer(pgLayer); return; }
  pgLayer.addTo(map);
  if (!pgUi.list) {
    pgUi.list = await api('/api/programmes');
    pgFillList();
    if (pgOwnList().length) await pgLoad();
  }
}

/** The programmes of the jurisdiction chosen (jurisdictions.js): of it, under it or above it. */
function pgOwnList() {
  return pgUi.list ? pgUi.list.filter(p => jdRelated(p.divisionCode)) : [];
}

function pgFillList() {
  const select = $('pg-programme');
  const current = select.value;
  const own = pgOwnList();
  select.replaceChildren(...own.map(p => { const o = el('option', p.name); o.value = p.id; return o; }));
  if (own.some(p => p.id === current)) select.value = current;
  $('pg-status').textContent = own.length ? '' : t().pgNone;
  const years = $('pg-year');
  if (!years.options.length) {
    const now = new Date().getFullYear();
    for (let y = now; y >= now - 8; y--) { const o = el('option', String(y)); o.value = String(y); years.append(o); }
  }
}

async function pgLoad() {
  const id = $('pg-programme').value;
  if (!id) return;
  const seq = ++pgUi.seq;
  const base = `/api/programmes/${encodeURIComponent(id)}`;
  $('pg-figures-xlsx').href = `${base}/figures?format=xlsx`;
  const [programme, figures, members] = await Promise.all([api(base), api(`${base}/figures`), api(`${base}/members`)]);
  if (seq !== pgUi.seq) return;
  Object.assign(pgUi, { programme, figures });
  pgLayer.clearLayers();
  pgLayer.addData(members);
  if (pgUi.shown && pgLayer.getLayers().length) map.fitBounds(pgLayer.getBounds(), { maxZoom: 13 });
  await pgLoadShares();
}

async function pgLoadShares() {
  const id = $('pg-programme').value;
  const seq = pgUi.seq;
  const query = `/api/programmes/${encodeURIComponent(id)}/shares?year=${encodeURIComponent($('pg-year').value)}`;
  $('pg-shares-xlsx').href = `${query}&format=xlsx`;
  const shares = await api(query);
  if (seq !== pgUi.seq) return;
  pgUi.shares = shares;
  pgDraw();
}

function pgDraw() {
  const p = pgUi.programme;
  if (!p) return;
  $('pg-illustrative').hidden = !p.illustrative;
  $('pg-illustrative').textContent = t().pgIllustrative;
  $('pg-status').textContent = `${t().pgIssuer}:${p.issuer}(${p.level})`;
  const f = pgUi.figures;
  const cat = f.byCategory.map(g => [g.name, g.targetCount, g.count, pgMu(g.areaMu)]);
  cat.push([t().pgTotalRow, p.categories.reduce((s, c) => s + (c.targetCount || 0), 0) || null, f.total.count, pgMu(f.total.areaMu)]);
  $('pg-categories').replaceChildren(pgGrid([t().pgName, t().pgTarget, t().pgCount, t().pgAreaMu], cat, 'pg-category-table'),
                                     el('p', t().pgAreaRule, 'hint'));
  const legend = document.createElement('div');
  const status = f.byStatus.map(g => {
    const swatch = el('span', '■ ', 'pg-swatch');
    swatch.style.color = g.name === '未评定' ? PG_NO_STATUS : pgColour(g.name);
    const item = el('span', `${g.name === '未评定' ? t().pgNoStatus : g.name} `);
    item.prepend(swatch);
    legend.append(item);
    return [g.name === '未评定' ? t().pgNoStatus : g.name, g.count, pgMu(g.areaMu)];
  });
  $('pg-statuses').replaceChildren(legend, pgGrid([t().pgStatus, t().pgCount, t().pgAreaMu], status, 'pg-status-table'));
  const s = pgUi.shares;
  const rows = s.shares.map(x => [
    x.name,
    x.inside == null ? '—' : `${Number(x.inside).toLocaleString()} ${x.unit}`,
    x.total == null ? '—' : `${Number(x.total).toLocaleString()} ${x.unit}`,
    x.share == null ? t().pgNotAvailable : percent(x.share),
    x.target == null ? '—' : percent(x.target),
    x.met == null ? '—' : (x.met ? t().pgYes : t().pgNo),
    x.reason || '',
  ]);
  $('pg-shares').replaceChildren(
    el('p', `${t().pgJurisdiction}:${s.jurisdiction}`, 'hint'),
    pgGrid([t().pgName, t().pgInside, t().pgTotal, t().pgShare, t().pgGoal, t().pgMet, t().pgReason], rows, 'pg-share-table'));
  // Definitions as the tables' tooltips: what each share counts.
  $('pg-share-table').querySelectorAll('tr').forEach((tr, i) => { if (i > 0) tr.title = s.shares[i - 1].definition; });
}

/** Another jurisdiction was chosen: its programmes only, the first one shown. */
function programmesJurisdictionChanged() {
  if (!pgUi.list) return;
  const before = $('pg-programme').value;
  pgFillList();
  if (!pgOwnList().length) {
    pgUi.programme = null;
    pgLayer.clearLayers();
    ['pg-categories', 'pg-statuses', 'pg-shares'].forEach(id => $(id).replaceChildren());
    $('pg-illustrative').hidden = true;
    return;
  }
  if ($('pg-programme').value !== before || !pgUi.programme) {
    pgLoad().catch(e => { $('pg-status').textContent = e.message; });
  }
}

function programmesLanguage() {
  if (pgUi.list) pgFillList();
  pgDraw();
}

$('pg-programme').addEventListener('change', () => pgLoad().catch(e => { $('pg-status').textContent = e.message; }));
$('pg-year').addEventListener('change', () => pgLoadShares().catch(e => { $('pg-status').textContent = e.message; }));
