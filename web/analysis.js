// zoneplan web page, part four: 空间分析 (analysis), the analyses of the API that the other tabs do
// not show: overlaps, slivers and gaps; scattered industrial land outside the zones; each zone's
// split by division; the zone tree with rolled-up areas. Loaded after admin.js; uses app.js's
// globals (state, map, TEXT, t(), el, $, api, showInfo) and proposals.js's M2_PER_MU, problemText.
// app.js calls analysisTabShown (showTab), analysisPlanLoaded (loadPlan) and analysisLanguage
// (applyLanguage). Every figure comes from the API; the page converts units and takes ratios only.
// Names from the server go into the page as text (textContent), never as HTML.
'use strict';

// Texts of this tab, merged into app.js's tables so that data-i18n in index.html finds them.
const ANALYSIS_TEXT = {
  zh: { tabAnalysis: '空间分析', anOverlaps: '重叠与缝隙', anScattered: '零星工业用地', anAttribution: '按行政区划拆分',
        anTree: '区块树', anDownload: '下载 CSV', anXlsx: '下载 .xlsx', anTolerance: '容差(米)', anRecompute: '重新计算', anLoading: '计算中…',
        anToleranceInvalid: '容差须为 0–1000 米之间的数值。',
        anOverlapsHint: '重叠:不应重叠的两个区块相交;狭长重叠、缝隙:窄于容差的条带(多为数字化误差);超出上级:下级区块超出上级区块的部分。',
        anKinds: { OVERLAP: '重叠', SLIVER: '狭长重叠', OUTSIDE_PARENT: '超出上级', GAP: '缝隙' },
        anKind: '类型', anZones: '涉及区块', anAreaM2: '面积(m²)', anAreaMu: '面积(亩)', anNone: '未发现问题。',
        anProblemsTotal: (n, m2, mu) => `共 ${n} 处,合计 ${m2} m²(${mu} 亩)`, anToleranceUsed: '容差',
        anTarget: '目标', anTargetText: '原则上开发区(园区)外不再新增零星工业用地',
        anTargetSource: '杭州市开发区(园区)2025 年目标', anDivision: '统计范围', anScatteredCount: '零星工业用地宗数',
        anScatteredArea: '零星工业用地面积', anScatteredRule: '工业地块内点落在区划内且不在任何区块内,计其全部面积。',
        anOutsideZones: '开发区外工业用地(按区块边界切分)', anParcels: '宗',
        anByYear: '按年度新增', anByYearPending: '按年度的新增量需要地块的供地日期,接入供地记录后在此按年度显示。',
        anByYearRule: n => `按供地日期计入当年;无供地日期的 ${n} 宗不计入。`,
        anYear: '年度', anNewCount: '新增宗数', anNewMu: '新增面积(亩)', anMeets: '达标', anMisses: '未达标',
        anLargest: n => `面积最大的 ${n} 宗(下载含全部地块)`, anParcelId: '地块', anLandUse: '用地代码',
        anEnterprise: '企业', anCreditCode: '统一社会信用代码',
        anLevel: '区划级别', anLevels: { COUNTY: '县级', TOWN: '乡镇级' }, anZoneFilter: '区块', anAllZones: '全部区块',
        anDivisionName: '行政区划', anIndustrialMu: '工业用地(亩)', anShare: '占比', anOutsideDivisions: '不在任何区划内',
        anTotal: '合计', anTreeZone: '区块', anOwnMu: '本级(亩)', anOwnKm2: '本级(km²)', anRolledMu: '汇总(亩)',
        anRolledKm2: '汇总(km²)', anExpandAll: '全部展开', anCollapseAll: '全部折叠',
        anTreeHint: '汇总面积为本级与全部下级区块的并集面积,重叠部分只计一次。点击区块名称在地图上选中。',
        anOwnM2: '本级(m²)', anRolledM2: '汇总(m²)', anCode: '代码', anParent: '上级', anDepth: '层级' },
  en: { tabAnalysis: 'Analysis', anOverlaps: 'Overlaps and gaps', anScattered: 'Scattered industrial land',
        anAttribution: 'Split by division', anTree: 'Zone tree', anDownload: 'Download CSV', anXlsx: 'Download .xlsx', anTolerance: 'Tolerance (m)',
        anRecompute: 'Recompute', anLoading: 'Computing…', anToleranceInvalid: 'The tolerance must be a number from 0 to 1000 metres.',
        anOverlapsHint: 'Overlap: two zones that must not overlap do; sliver, gap: strips narrower than the tolerance (digitising errors, as a rule); outside parent: the part of a zone outside its parent.',
        anKinds: { OVERLAP: 'Overlap', SLIVER: 'Sliver', OUTSIDE_PARENT: 'Outside parent', GAP: 'Gap' },
        anKind: 'Kind', anZones: 'Zones', anAreaM2: 'Area (m²)', anAreaMu: 'Area (mu)', anNone: 'No problems found.',
        anProblemsTotal: (n, m2, mu) => `${n} in all, ${m2} m² (${mu} mu)`, anToleranceUsed: 'Tolerance',
        anTarget: 'Target', anTargetText: 'No new scattered industrial land outside development zones (parks), as a rule',
        anTargetSource: 'Hangzhou development zone (park) targets for 2025', anDivision: 'Division',
        anScatteredCount: 'Scattered industrial parcels', anScatteredArea: 'Scattered industrial land',
        anScatteredRule: 'An industrial parcel whose interior point lies in the division and in no zone; its whole area counts.',
        anOutsideZones: 'Industrial land outside the zones (cut at zone boundaries)', anParcels: 'parcels',
        anByYear: 'New by year', anByYearPending: 'New land by year needs the parcels\' land-supply dates; it is shown here once land-supply records are held.',
        anByYearRule: n => `Counted in the year of the parcel's supply date; ${n} without a supply date are left out.`,
        anYear: 'Year', anNewCount: 'New parcels', anNewMu: 'New area (mu)', anMeets: 'meets the target', anMisses: 'misses the target',
        anLargest: n => `The ${n} largest parcels (the download has them all)`, anParcelId: 'Parcel', anLandUse: 'Land use',
        anEnterprise: 'Enterprise', anCreditCode: 'Credit code',
        anLevel: 'Division level', anLevels: { COUNTY: 'County', TOWN: 'Township' }, anZoneFilter: 'Zone', anAllZones: 'All zones',
        anDivisionName: 'Division', anIndustrialMu: 'Industrial (mu)', anShare: 'Share', anOutsideDivisions: 'In no division',
        anTotal: 'Total', anTreeZone: 'Zone', anOwnMu: 'Own (mu)', anOwnKm2: 'Own (km²)', anRolledMu: 'Roll-up (mu)',
        anRolledKm2: 'Roll-up (km²)', anExpandAll: 'Expand all', anCollapseAll: 'Collapse all',
        anTreeHint: 'The roll-up is the area of the union of a zone and all zones below it: land covered twice counts once. Click a zone\'s name to select it on the map.',
        anOwnM2: 'Own (m²)', anRolledM2: 'Roll-up (m²)', anCode: 'Code', anParent: 'Parent', anDepth: 'Level' },
};
Object.assign(TEXT.zh, ANALYSIS_TEXT.zh);
Object.assign(TEXT.en, ANALYSIS_TEXT.en);

const AN_VIEWS = ['overlaps', 'scattered', 'attribution', 'tree'];
const AN_KINDS = ['OVERLAP', 'SLIVER', 'OUTSIDE_PARENT', 'GAP'];
// Slivers and gaps are metres wide: a heavy stroke keeps them visible at county scale.
const AN_KIND_STYLES = {
  OVERLAP: { color: '#b42318', weight: 2, fillColor: '#e74c3c', fillOpacity: 0.55 },
  SLIVER: { color: '#e6550d', weight: 6, opacity: 0.9, fillOpacity: 0.6 },
  OUTSIDE_PARENT: { color: '#6a3d9a', weight: 2, dashArray: '6 4', fillColor: '#9467bd', fillOpacity: 0.45 },
  GAP: { color: '#0570b0', weight: 6, opacity: 0.9, dashArray: '2 6', fillOpacity: 0.6 },
};
const AN_LARGEST = 50;
const AN_MAX_TOLERANCE_M = 1000; // AnalysisService.MAX_TOLERANCE_M

const anUi = { view: 'overlaps', shown: false, data: {}, errors: {}, seq: {}, collapsed: new Set(), zoneFilter: '' };

// Map layers of the tab: on the map only while the tab is shown, each with its own view.
const anOverlapLayer = L.geoJSON(null, {
  style: f => AN_KIND_STYLES[f.properties.kind] || AN_KIND_STYLES.OVERLAP,
  onEachFeature: (f, layer) => layer.bindTooltip(() => el('span', anProblemLabel(f.properties)), { sticky: true }),
});
// Thousands of parcels: drawn on one canvas rather than as SVG paths.
const anScatteredLayer = L.geoJSON(null, {
  renderer: L.canvas({ padding: 0.2 }),
  style: { color: '#8c2d04', weight: 1, fillColor: '#fd8d3c', fillOpacity: 0.7 },
  onEachFeature: (f, layer) => layer.bindTooltip(() => el('span', anParcelLabel(f.properties)), { sticky: true }),
});
const anHighlight = L.geoJSON(null, { style: { color: '#ffd400', weight: 4, fill: false }, interactive: false });

// ---- formatting (unit conversions only)

const anMu = m2 => m2 / M2_PER_MU;
const anFixed = (x, digits) => (x == null || !isFinite(x) ? '—' : x.toFixed(digits));
const anPercent = x => (x == null || !isFinite(x) ? '—' : `${(100 * x).toFixed(1)}%`);
function anZoneText(code) {
  const f = state.features.find(x => x.properties.code === code);
  return f ? `${f.properties.name} (${code})` : code;
}
function anProblemLabel(p) {
  const zones = [p.zoneA, p.zoneB].filter(Boolean).map(anZoneText).join(' / ');
  return `${t().anKinds[p.kind] || p.kind}: ${zones} · ${anFixed(p.areaM2, 1)} m²`;
}
function anParcelLabel(p) {
  return `${p.enterpriseName || '—'} · ${p.landUseCode} · ${anFixed(p.areaMu, 2)} 亩`;
}

/** A table with its heading row; columns from numericFrom on hold figures (right-aligned). */
function anTable(headers, numericFrom, cls) {
  const tbl = el('table', null, cls || 'an-table');
  const tr = document.createElement('tr');
  headers.forEach((h, i) => tr.append(el('th', h, i >= numericFrom ? 'num' : null)));
  tbl.append(tr);
  return tbl;
}
function anRow(cells, numericFrom) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => tr.append(el('td', c, i >= numericFrom ? 'num' : null)));
  return tr;
}
function anButton(text, onClick, cls) {
  const b = el('button', text, cls);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
function anError(box, err) {
  box.replaceChildren(el('p', problemText(err), 'problem'));
}

// ---- CSV download (beside the server's .xlsx of the same view, anXlsxHref)

/**
 * A CSV file as text: a UTF-8 byte-order mark (so that Excel reads the Chinese as UTF-8), CRLF line
 * ends, quotes where a cell needs them. Text cells that a spreadsheet would take for a formula
 * (=, +, -, @ first) get a leading apostrophe; numbers are written as numbers.
 */
function analysisCsv(headers, rows) {
  const cell = v => {
    if (v == null) return '';
    if (typeof v === 'number') return isFinite(v) ? String(v) : '';
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[headers, ...rows].map(r => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

function analysisDownload(fileName, headers, rows) {
  const blob = new Blob([analysisCsv(headers, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Figures in the files: m² to the centimetre², 亩 and ratios to 4 and 6 decimals.
const anRound = (x, digits) => (x == null || !isFinite(x) ? null : Number(x.toFixed(digits)));
const anCsvArea = a => [anRound(a.areaM2, 2), anRound(a.areaMu, 4), anRound(a.areaKm2, 6)];

const anFileName = what => `${state.planId}-${what}.csv`;

// ---- views and loading

function showAnalysisView(view) {
  anUi.view = view;
  document.querySelectorAll('#analysis-nav button').forEach(b => b.classList.toggle('active', b.dataset.view === view));
  document.querySelectorAll('#analysis .an-view').forEach(v => { v.hidden = v.id !== `an-${view}`; });
  anLayers();
  const d = anUi.data[view];
  if (!d || d.planId !== state.planId) anLoad(view);
  else anRender(view);
}

/** Only the layer of the view shown, and only while the tab is shown. */
function anLayers() {
  const want = layer => anUi.shown && ((layer === anOverlapLayer && anUi.view === 'overlaps')
    || (layer === anScatteredLayer && anUi.view === 'scattered') || layer === anHighlight);
  for (const layer of [anOverlapLayer, anScatteredLayer, anHighlight]) {
    if (want(layer) && !map.hasLayer(layer)) layer.addTo(map);
    if (!want(layer) && map.hasLayer(layer)) layer.remove();
  }
}

function anUrl(view) {
  const plan = `/api/plans/${encodeURIComponent(state.planId)}`;
  if (view === 'overlaps') {
    const tol = $('an-tolerance').value.trim();
    return `${plan}/overlaps${tol === '' ? '' : `?tolerance=${encodeURIComponent(tol)}`}`;
  }
  if (view === 'scattered') return `${plan}/scattered`;
  if (view === 'attribution') return `${plan}/attribution?level=${encodeURIComponent($('an-level').value)}`;
  return `${plan}/tree`;
}

async function anLoad(view) {
  if (!state.planId) return;
  if (view === 'overlaps') {
    const tol = $('an-tolerance').value.trim();
    const n = Number(tol);
    if (tol !== '' && !(n >= 0 && n <= AN_MAX_TOLERANCE_M)) {
      $('an-overlaps-list').replaceChildren(el('p', t().anToleranceInvalid, 'problem'));
      return;
    }
  }
  const seq = anUi.seq[view] = (anUi.seq[view] || 0) + 1;
  const planId = state.planId;
  $(`an-${view}-list`).replaceChildren(el('p', t().anLoading, 'hint'));
  try {
    const body = await api(anUrl(view));
    if (seq !== anUi.seq[view] || planId !== state.planId) return;
    anUi.data[view] = { planId, body };
    anUi.errors[view] = null;
  } catch (err) {
    if (seq !== anUi.seq[view]) return;
    anUi.data[view] = { planId, body: null };
    anUi.errors[view] = err;
  }
  if (view === 'overlaps') {
    anFillLayer(anOverlapLayer, anUi.data.overlaps.body);
    // The input shows the tolerance used (the server's default when it was empty).
    if (anUi.data.overlaps.body) $('an-tolerance').value = String(anUi.data.overlaps.body.toleranceM);
  }
  if (view === 'scattered') anFillLayer(anScatteredLayer, anUi.data.scattered.body);
  $(`an-${view}-xlsx`).href = anXlsxHref(view);
  anRender(view);
}

/**
 * The view's table as .xlsx from the server: the JSON endpoint's path with ".xlsx", the same
 * parameters (the tolerance used, the division level), so the file holds the rows shown.
 */
function anXlsxHref(view) {
  const d = anUi.data[view];
  let url = anUrl(view);
  if (view === 'overlaps' && d && d.body) {
    url = `/api/plans/${encodeURIComponent(state.planId)}/overlaps?tolerance=${encodeURIComponent(d.body.toleranceM)}`;
  }
  const q = url.indexOf('?');
  return q < 0 ? `${url}.xlsx` : `${url.slice(0, q)}.xlsx${url.slice(q)}`;
}

function anFillLayer(layer, collection) {
  layer.clearLayers();
  if (collection) layer.addData(collection.features.filter(f => f.geometry));
}

function anRender(view) {
  const box = $(`an-${view}-list`);
  if (anUi.errors[view]) { anError(box, anUi.errors[view]); return; }
  const d = anUi.data[view];
  if (!d || !d.body) { box.replaceChildren(); return; }
  if (view === 'overlaps') anRenderOverlaps(box, d.body);
  else if (view === 'scattered') anRenderScattered(box, d.body);
  else if (view === 'attribution') anRenderAttribution(box, d.body);
  else anRenderTree(box, d.body);
}

function anZoomTo(layer) {
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [60, 60], maxZoom: 17 });
}

// ---- overlaps, slivers and gaps

function anRenderOverlaps(box, fc) {
  const features = fc.features;
  const totalM2 = features.reduce((s, f) => s + f.properties.areaM2, 0);
  const summary = el('p', null, 'an-summary');
  summary.id = 'an-overlaps-summary';
  const counts = AN_KINDS.map(k => {
    const span = el('span', `${t().anKinds[k]} ${fc.counts[k] || 0}`, 'an-kind');
    const swatch = el('i', null, 'an-swatch');
    swatch.style.borderColor = AN_KIND_STYLES[k].color;
    span.prepend(swatch);
    return span;
  });
  const total = el('strong', t().anProblemsTotal(features.length, anFixed(totalM2, 1), anFixed(anMu(totalM2), 2)));
  total.id = 'an-overlaps-total';
  summary.append(total, el('br'), ...counts, el('span', ` · ${t().anToleranceUsed} ${fc.toleranceM} m`, 'meta'));
  if (!features.length) { box.replaceChildren(summary, el('p', t().anNone, 'hint')); return; }
  const tbl = anTable(['#', t().anKind, t().anZones, t().anAreaM2, t().anAreaMu], 3);
  tbl.id = 'an-overlaps-table';
  const layerOf = new Map(anOverlapLayer.getLayers().map(l => [l.feature, l]));
  features.forEach((f, i) => {
    const p = f.properties;
    const tr = anRow([String(i + 1), t().anKinds[p.kind] || p.kind,
      [p.zoneA, p.zoneB].filter(Boolean).map(anZoneText).join(' / '), anFixed(p.areaM2, 1), anFixed(p.areaMu, 2)], 3);
    Object.assign(tr.dataset, { index: i, kind: p.kind, areaM2: p.areaM2 });
    const swatch = el('i', null, 'an-swatch');
    swatch.style.borderColor = (AN_KIND_STYLES[p.kind] || AN_KIND_STYLES.OVERLAP).color;
    tr.children[1].prepend(swatch);
    tr.className = 'clickable';
    tr.tabIndex = 0;
    const zoom = () => {
      box.querySelectorAll('tr.selected').forEach(r => r.classList.remove('selected'));
      tr.classList.add('selected');
      const layer = layerOf.get(f);
      if (layer) { anZoomTo(layer); layer.openTooltip(); }
    };
    tr.addEventListener('click', zoom);
    tr.addEventListener('keydown', e => { if (e.key === 'Enter') zoom(); });
    tbl.append(tr);
  });
  box.replaceChildren(summary, tbl);
}

function anDownloadOverlaps() {
  const d = anUi.data.overlaps;
  if (!d || !d.body) return;
  const zoneName = code => { const f = state.features.find(x => x.properties.code === code); return f ? f.properties.name : ''; };
  analysisDownload(anFileName('overlaps'),
    [t().anKind, 'zoneA', `zoneA ${t().name}`, 'zoneB', `zoneB ${t().name}`, t().anAreaM2, t().anAreaMu, `${t().anTolerance}`],
    d.body.features.map(f => {
      const p = f.properties;
      return [t().anKinds[p.kind] || p.kind, p.zoneA, zoneName(p.zoneA), p.zoneB, zoneName(p.zoneB), anRound(p.areaM2, 2),
        anRound(p.areaMu, 4), d.body.toleranceM];
    }));
}

// ---- scattered industrial land

function anRenderScattered(box, fc) {
  const target = el('div', null, 'an-target');
  target.append(el('strong', `${t().anTarget}: `), el('span', t().anTargetText), el('div', t().anTargetSource, 'meta'));
  const figures = document.createElement('table');
  figures.className = 'an-figures';
  const row = (label, value, id) => {
    const tr = document.createElement('tr');
    const v = el('td', value, 'figure');
    if (id) v.id = id;
    tr.append(el('td', label), v);
    figures.append(tr);
  };
  row(t().anDivision, fc.division ? `${fc.division.name} (${fc.division.code})` : '—');
  row(t().anScatteredCount, `${fc.count} ${t().anParcels}`, 'an-scattered-count');
  row(t().anScatteredArea, `${anFixed(fc.totalMu, 1)} 亩`, 'an-scattered-total');
  row(t().anOutsideZones, `${anFixed(fc.outsideZonesMu, 1)} 亩`);
  const byYear = el('div', null, 'an-by-year');
  byYear.id = 'an-scattered-by-year';
  anRenderScatteredByYear(byYear, fc);
  const largest = [...fc.features].sort((a, b) => b.properties.areaM2 - a.properties.areaM2).slice(0, AN_LARGEST);
  const tbl = anTable([t().anParcelId, t().anEnterprise, t().anLandUse, t().anAreaMu], 3);
  const byId = new Map(anScatteredLayer.getLayers().map(l => [l.feature.id, l]));
  for (const f of largest) {
    const p = f.properties;
    const tr = anRow([String(p.id), p.enterpriseName || '—', p.landUseCode, anFixed(p.areaMu, 2)], 3);
    tr.className = 'clickable';
    tr.addEventListener('click', () => { const l = byId.get(f.id); if (l) { anZoomTo(l); l.openTooltip(); } });
    tbl.append(tr);
  }
  box.replaceChildren(target, figures, el('p', t().anScatteredRule, 'hint'), el('h3', t().anByYear), byYear,
    el('h3', t().anLargest(Math.min(AN_LARGEST, fc.features.length))), tbl);
}

/**
 * Scattered land by year against the target (no new scattered land): the `byYear` list of
 * /scattered ({year, newCount, newMu}: parcels counted in the year of their supply date), each year
 * meeting the target when nothing new was added; without supply dates the note says what is missing.
 */
function anRenderScatteredByYear(box, fc) {
  if (!Array.isArray(fc.byYear) || !fc.byYear.length) { box.replaceChildren(el('p', t().anByYearPending, 'hint')); return; }
  const tbl = anTable([t().anYear, t().anNewCount, t().anNewMu, t().anTarget], 1);
  tbl.id = 'an-by-year-table';
  for (const y of fc.byYear) {
    const tr = anRow([String(y.year), String(y.newCount), anFixed(y.newMu, 1), y.newCount === 0 ? t().anMeets : t().anMisses], 1);
    tr.lastChild.className = y.newCount === 0 ? 'good' : 'bad';
    tr.dataset.year = String(y.year);
    tbl.append(tr);
  }
  box.replaceChildren(tbl, el('p', t().anByYearRule(fc.unknownSupplyCount || 0), 'hint'));
}

function anDownloadScattered() {
  const d = anUi.data.scattered;
  if (!d || !d.body) return;
  analysisDownload(anFileName('scattered'),
    [t().anParcelId, t().anLandUse, t().anEnterprise, t().anCreditCode, t().anAreaM2, t().anAreaMu, t().anDivision],
    d.body.features.map(f => {
      const p = f.properties;
      return [p.id, p.landUseCode, p.enterpriseName, p.creditCode, anRound(p.areaM2, 2), anRound(p.areaMu, 4),
        d.body.division && d.body.division.name];
    }));
}

// ---- a zone's split by division

/** A zone's rows: each division, then the part in none (so the shares add up to 100%). */
function anSplitRows(z) {
  const rows = z.divisions.map(s => ({ code: s.code, name: s.name, areaM2: s.areaM2, industrialMu: s.industrialMu,
                                       share: s.share }));
  // Below a square metre the part outside is the divisions' own digitising noise.
  if (z.outsideDivisionsM2 >= 1) {
    rows.push({ code: '', name: t().anOutsideDivisions, areaM2: z.outsideDivisionsM2, industrialMu: null,
                share: z.areaM2 > 0 ? z.outsideDivisionsM2 / z.areaM2 : null, outside: true });
  }
  return rows;
}

function anFillZoneFilter(zones) {
  const select = $('an-zone');
  const current = anUi.zoneFilter;
  const all = el('option', t().anAllZones);
  all.value = '';
  select.replaceChildren(all, ...zones.map(z => { const o = el('option', `${z.name} (${z.code})`); o.value = z.code; return o; }));
  select.value = zones.some(z => z.code === current) ? current : '';
  anUi.zoneFilter = select.value;
}

function anRenderAttribution(box, body) {
  anFillZoneFilter(body.zones);
  const zones = body.zones.filter(z => !anUi.zoneFilter || z.code === anUi.zoneFilter);
  const parts = [];
  for (const z of zones) {
    const wrap = el('div', null, 'an-split');
    wrap.dataset.code = z.code;
    const tbl = anTable([t().anDivisionName, t().anAreaMu, t().anIndustrialMu, t().anShare], 1);
    const caption = el('caption', `${z.name} (${z.code}) · ${anFixed(anMu(z.areaM2), 1)} 亩`);
    tbl.prepend(caption);
    let shareSum = 0;
    let industrialSum = 0;
    for (const r of anSplitRows(z)) {
      const tr = anRow([r.name, anFixed(anMu(r.areaM2), 1), r.industrialMu == null ? '—' : anFixed(r.industrialMu, 1),
        anPercent(r.share)], 1);
      tr.dataset.division = r.code;
      if (r.outside) tr.className = 'meta';
      shareSum += r.share || 0;
      industrialSum += r.industrialMu || 0;
      tbl.append(tr);
    }
    const total = anRow([t().anTotal, anFixed(anMu(z.areaM2), 1), anFixed(industrialSum, 1), anPercent(shareSum)], 1);
    total.className = 'total';
    tbl.append(total);
    wrap.append(tbl);
    parts.push(wrap);
  }
  box.replaceChildren(...parts);
}

function anDownloadAttribution() {
  const d = anUi.data.attribution;
  if (!d || !d.body) return;
  const rows = [];
  for (const z of d.body.zones.filter(x => !anUi.zoneFilter || x.code === anUi.zoneFilter)) {
    for (const r of anSplitRows(z)) {
      rows.push([z.code, z.name, r.code, r.name, anRound(r.areaM2, 2), anRound(anMu(r.areaM2), 4), anRound(r.industrialMu, 4),
        anRound(r.share, 6)]);
    }
  }
  analysisDownload(anFileName(`attribution-${d.body.level}`),
    [t().anCode, t().anTreeZone, `${t().anDivisionName} ${t().anCode}`, t().anDivisionName, t().anAreaM2, t().anAreaMu,
     t().anIndustrialMu, t().anShare], rows);
}

// ---- the zone tree

function anRenderTree(box, body) {
  const tbl = anTable([t().anTreeZone, t().anOwnMu, t().anOwnKm2, t().anRolledMu, t().anRolledKm2], 1,
    'an-table an-tree');
  tbl.id = 'an-tree-table';
  const add = (node, depth, hidden) => {
    const tr = document.createElement('tr');
    tr.dataset.code = node.code;
    tr.hidden = hidden;
    const name = el('td', null, 'an-tree-name');
    name.style.paddingLeft = `${0.3 + depth * 1.1}rem`;
    const open = !anUi.collapsed.has(node.code);
    if (node.children.length) {
      const toggle = anButton(open ? '▾' : '▸', () => {
        if (anUi.collapsed.has(node.code)) anUi.collapsed.delete(node.code); else anUi.collapsed.add(node.code);
        anRender('tree');
      }, 'an-toggle');
      toggle.setAttribute('aria-expanded', String(open));
      name.append(toggle);
    } else {
      name.append(el('span', '', 'an-toggle-space'));
    }
    const link = anButton(node.name, () => anSelectZone(node.code), 'link');
    link.title = `${node.code} · ${t().kinds[node.kind] || node.kind}`;
    name.append(link, el('span', ` ${node.code}`, 'meta'));
    tr.append(name, el('td', anFixed(node.area.areaMu, 1), 'num'), el('td', anFixed(node.area.areaKm2, 2), 'num'),
      el('td', anFixed(node.rolledUp.areaMu, 1), 'num rolled-mu'), el('td', anFixed(node.rolledUp.areaKm2, 2), 'num'));
    if (state.selected && state.selected.properties.code === node.code) tr.classList.add('selected');
    tbl.append(tr);
    for (const c of node.children) add(c, depth + 1, hidden || !open);
  };
  body.roots.forEach(r => add(r, 0, false));
  box.replaceChildren(tbl);
}

function anTreeCodes(nodes, out = []) {
  for (const n of nodes) { if (n.children.length) out.push(n.code); anTreeCodes(n.children, out); }
  return out;
}

function anSetAllCollapsed(collapsed) {
  const d = anUi.data.tree;
  if (!d || !d.body) return;
  anUi.collapsed = new Set(collapsed ? anTreeCodes(d.body.roots) : []);
  anRender('tree');
}

/** Selects the zone as a click on the map does (the info panel follows), outlined and in view. */
function anSelectZone(code) {
  const f = state.features.find(x => x.properties.code === code);
  if (!f) return;
  state.selected = f;
  showInfo();
  anHighlight.clearLayers();
  anHighlight.addData(f);
  anZoomTo(anHighlight);
  document.querySelectorAll('#an-tree-table tr.selected').forEach(r => r.classList.remove('selected'));
  const row = document.querySelector(`#an-tree-table tr[data-code="${CSS.escape(code)}"]`);
  if (row) row.classList.add('selected');
}

function anDownloadTree() {
  const d = anUi.data.tree;
  if (!d || !d.body) return;
  const rows = [];
  const add = (n, depth, parent) => {
    rows.push([n.code, n.name, t().kinds[n.kind] || n.kind, parent, depth, ...anCsvArea(n.area), ...anCsvArea(n.rolledUp)]);
    n.children.forEach(c => add(c, depth + 1, n.code));
  };
  d.body.roots.forEach(r => add(r, 0, ''));
  analysisDownload(anFileName('tree'),
    [t().anCode, t().anTreeZone, t().kind, t().anParent, t().anDepth, t().anOwnM2, t().anOwnMu, t().anOwnKm2,
     t().anRolledM2, t().anRolledMu, t().anRolledKm2], rows);
}

// ---- hooks called by app.js

/** showTab: the tab's layers are on the map only while it is shown; it widens the side panel. */
function analysisTabShown(shown) {
  if (anUi.shown === shown) return;
  anUi.shown = shown;
  const aside = document.querySelector('aside');
  aside.classList.toggle('analysis-wide', shown);
  map.invalidateSize();
  if (!shown) anHighlight.clearLayers();
  if (shown) showAnalysisView(anUi.view);
  else anLayers();
}

/** loadPlan: a plan was (re)loaded, so every result is stale; the view shown is fetched again. */
function analysisPlanLoaded() {
  anUi.data = {};
  anUi.errors = {};
  anOverlapLayer.clearLayers();
  anScatteredLayer.clearLayers();
  anHighlight.clearLayers();
  if (anUi.shown) anLoad(anUi.view);
}

/** applyLanguage: the views are drawn again from the results held. */
function analysisLanguage() {
  const level = $('an-level');
  const current = level.value || 'COUNTY';
  level.replaceChildren(...Object.keys(t().anLevels).map(k => { const o = el('option', t().anLevels[k]); o.value = k; return o; }));
  level.value = current;
  for (const view of AN_VIEWS) if (anUi.data[view]) anRender(view);
}

document.querySelectorAll('#analysis-nav button').forEach(b => b.addEventListener('click', () => showAnalysisView(b.dataset.view)));
$('an-overlaps-run').addEventListener('click', () => anLoad('overlaps'));
$('an-tolerance').addEventListener('keydown', e => { if (e.key === 'Enter') anLoad('overlaps'); });
$('an-level').addEventListener('change', () => anLoad('attribution'));
$('an-zone').addEventListener('change', () => { anUi.zoneFilter = $('an-zone').value; anRender('attribution'); });
$('an-expand-all').addEventListener('click', () => anSetAllCollapsed(false));
$('an-collapse-all').addEventListener('click', () => anSetAllCollapsed(true));
$('an-overlaps-csv').addEventListener('click', anDownloadOverlaps);
$('an-scattered-csv').addEventListener('click', anDownloadScattered);
$('an-attribution-csv').addEventListener('click', anDownloadAttribution);
$('an-tree-csv').addEventListener('click', anDownloadTree);
