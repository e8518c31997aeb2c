// zoneplan web page, part five: 指标看板, the quarterly review of the zones (季度晾晒). A year and a
// quarter drive every figure: the concentration gauge, the zone table (indicators against target,
// 完成率 and rank), the radar of 完成率 per zone; a time series per indicator and zone over every
// year held; the table as .xlsx (the server's). Loaded after app.js; uses its globals (state, TEXT,
// t(), el, $, api, percent). app.js calls dashboardTabShown (showTab), dashboardPlanLoaded
// (loadPlan) and dashboardLanguage (applyLanguage). Every figure is the API's (/indicators/yearly,
// /zones/{code}/indicators/series); the page only formats them. Names go in as text, never HTML.
'use strict';

const DASH_TEXT = {
  zh: { dbYear: '年度', dbQuarter: '季度', dbWholeYear: '全年', dbXlsx: '下载 .xlsx', dbLoading: '计算中…',
        dbPeriod: (p, end, d) => `统计期 ${p}(截至 ${end})· 辖区 ${d}`, dbNoYears: '尚无企业统计年度。',
        dbBelow: '未达目标', dbRank: (r, n) => `第 ${r}/${n} 名`, dbCompletion: '完成率', dbValue: '数值',
        dbExtra: '另列指标', dbSeries: '历年走势', dbIndicator: '指标', dbTargetRing: '目标(100%)',
        dbRadarHint: '各指标完成率(数值 ÷ 本期目标,逆向指标为目标 ÷ 数值);红色虚线为目标 100%。',
        dbTableHint: '每格:数值 / 完成率 / 排名;红色为未达本期目标。季度的流量指标按年度目标 × 季度 ÷ 4 比较。',
        dbNoTarget: '无目标', dbPeriodTarget: '本期目标', dbNoRadar: '本期无可比的目标指标。',
        dbIndicatorNames: {},
        dbQuarterIllustrative: '季度数据为示例(虚构):由各企业的年度统计按季节比例拆分生成,并非企业实际上报的季度数。' },
  en: { dbYear: 'Year', dbQuarter: 'Quarter', dbWholeYear: 'Whole year', dbXlsx: 'Download .xlsx', dbLoading: 'Computing…',
        dbPeriod: (p, end, d) => `Period ${p} (to ${end}) · jurisdiction ${d}`, dbNoYears: 'No statistics years held yet.',
        dbBelow: 'below target', dbRank: (r, n) => `rank ${r}/${n}`, dbCompletion: 'Completion', dbValue: 'Value',
        dbExtra: 'Extra column', dbSeries: 'Over the years', dbIndicator: 'Indicator', dbTargetRing: 'Target (100%)',
        dbQuarterIllustrative: 'The quarterly figures are illustrative (invented): each enterprise\'s yearly statistics split by a seasonal pattern, not figures it reported.',
        dbRadarHint: 'Completion of each target (value ÷ the period\'s target; target ÷ value where lower is better); the red dashed ring is 100%.',
        dbTableHint: 'Each cell: value / completion / rank; red where below the period\'s target. In a quarter, flows are compared with the annual target × quarter ÷ 4.',
        dbNoTarget: 'no target', dbPeriodTarget: 'Period target', dbNoRadar: 'No indicator with a target in this period.',
        dbIndicatorNames: { taxPerMu: 'Tax per mu', valueAddedPerMu: 'Value added per mu',
          aboveScaleOutput: 'Output of above-scale industry', leadingIndustryShare: 'Leading-industry share',
          rndShare: 'R&D share of revenue', fixedAssetInvestment: 'Fixed-asset investment',
          investmentGrowth: 'Investment growth', industrialLandMu: 'Industrial land (of the period)',
          concentrationShare: 'Share of the jurisdiction\'s industrial land', landSupplyRate: 'Land supply rate',
          landBuiltRate: 'Land built rate', industrialLandRate: 'Industrial land rate', floorAreaRatio: 'Floor area ratio',
          buildingDensity: 'Building density', industrialFloorAreaRatio: 'Industrial floor area ratio',
          industrialInvestmentIntensity: 'Industrial investment intensity',
          industrialTaxPerHectare: 'Industrial tax per hectare', idleLandRate: 'Idle land rate',
          concentration: 'Industrial-land concentration' } },
};
Object.assign(TEXT.zh, DASH_TEXT.zh);
Object.assign(TEXT.en, DASH_TEXT.en);

// The table's columns besides the targeted indicators (which come first).
const DB_DEFAULT_EXTRA = 'valueAddedPerMu';
const DB_TARGET_COLOUR = '#d62728';

const dbUi = { shown: false, planId: null, years: [], result: null, series: null, seq: 0, seriesSeq: 0 };
let radarChart = null;
let seriesChart = null;

function dbIndicatorName(info) {
  return (state.lang === 'en' && t().dbIndicatorNames[info.key]) || info.label;
}

function dbUnit(info) { return info.unit ? ` (${info.unit})` : ''; }

/** Numbers as officials read them: large sums without decimals, ratios with two. */
function dbNumber(v) {
  if (v == null) return '—';
  const a = Math.abs(v);
  return a >= 10000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : v.toFixed(2);
}

function dbPercent(ratio) { return ratio == null ? '—' : `${(100 * ratio).toFixed(1)}%`; }

function dbPlanUrl(path) { return `/api/plans/${encodeURIComponent(dbUi.planId)}${path}`; }

function dbParams() {
  const p = new URLSearchParams({ year: $('db-year').value });
  if ($('db-quarter').value) p.set('quarter', $('db-quarter').value);
  return p;
}

/** The years held: those of the first zone's series (every zone's series has the same years). */
async function dbLoadYears() {
  const planId = dbUi.planId;
  const zones = await api(`/api/plans/${encodeURIComponent(planId)}/zones`);
  const first = zones.features[0];
  let years = [];
  if (first) {
    const s = await api(`/api/plans/${encodeURIComponent(planId)}/zones/${encodeURIComponent(first.properties.code)}/indicators/series`);
    years = s.years;
  }
  if (planId !== dbUi.planId) return;
  dbUi.years = years;
  const select = $('db-year');
  const current = Number(select.value);
  select.replaceChildren(...years.map(y => { const o = el('option', String(y)); o.value = String(y); return o; }));
  select.value = String(years.includes(current) ? current : years[years.length - 1] || '');
  mujuYearsKnown(years); // muju.js
}

/** Fetches the period chosen and draws the gauge, table and radar. */
async function dbLoad() {
  const seq = ++dbUi.seq;
  if (!dbUi.years.length) {
    $('db-period').textContent = t().dbNoYears;
    return;
  }
  const params = dbParams();
  $('db-xlsx').href = `${dbPlanUrl('/indicators/yearly.xlsx')}?${params}`;
  $('db-period').textContent = t().dbLoading;
  try {
    const r = await api(`${dbPlanUrl('/indicators/yearly')}?${params}`);
    if (seq !== dbUi.seq) return;
    dbUi.result = r;
  } catch (err) {
    if (seq !== dbUi.seq) return;
    dbUi.result = null;
    $('db-period').replaceChildren(el('span', err.message, 'bad'));
    return;
  }
  showDashboard();
}

function showDashboard() {
  const r = dbUi.result;
  if (!r) return;
  $('db-period').textContent = t().dbPeriod(r.period, r.periodEnd, r.division ? r.division.name : (r.divisionProblem || '—'));
  // The sample's quarters are generated (sample.QuarterGenerator): said so while a quarter is shown.
  const sample = state.config && state.config.sampleData;
  $('db-quarter-notice').hidden = !(r.quarter != null && sample && sample.illustrative);
  dbGauge(r);
  dbTable(r);
  dbFillZoneSelects(r);
  drawRadar();
}

function dbGauge(r) {
  const box = $('gauge');
  box.replaceChildren();
  const c = r.plan.concentration;
  if (c.value == null) { box.append(el('p', c.reason || '—', 'hint')); return; }
  const target = c.periodTarget;
  box.append(gauge(c.value / 100, target == null ? 0 : target / 100));
  const parts = [];
  if (target != null) parts.push(`${t().target} ${target.toFixed(1)}%`, c.met ? t().meets : t().misses);
  if (r.plan.industrialTotalMu != null) {
    parts.push(`${r.plan.industrialInsideMu.toFixed(0)} / ${r.plan.industrialTotalMu.toFixed(0)} 亩`);
  }
  box.append(el('p', parts.join(' · '), c.met === false ? 'bad' : 'good'));
}

/** The indicators with a target for some zone in the period, in the API's order. */
function dbTargeted(r) {
  return r.indicators.filter(i => i.level === 'ZONE' && r.zones.some(z => z.values[i.key] && z.values[i.key].target));
}

function dbTableColumns(r) {
  const cols = dbTargeted(r);
  const extra = r.indicators.find(i => i.key === $('db-extra').value);
  if (extra && !cols.includes(extra)) cols.push(extra);
  return cols;
}

function dbTable(r) {
  const box = $('zone-table');
  const cols = dbTableColumns(r);
  const tbl = el('table');
  tbl.id = 'db-table';
  const head = el('tr');
  head.append(el('th', t().name));
  for (const i of cols) {
    const th = el('th', `${dbIndicatorName(i)}${dbUnit(i)}`);
    th.dataset.key = i.key;
    head.append(th);
  }
  tbl.append(head);
  for (const z of r.zones) {
    const tr = el('tr');
    tr.dataset.code = z.code;
    const name = el('td', z.name);
    name.title = z.code;
    tr.append(name);
    for (const i of cols) {
      const v = z.values[i.key];
      const td = el('td');
      td.dataset.key = i.key;
      td.append(el('span', dbNumber(v.value), 'db-value'));
      if (v.value == null) td.title = v.reason || '';
      const sub = [];
      if (v.completion != null) sub.push(dbPercent(v.completion));
      if (v.rank != null) sub.push(t().dbRank(v.rank, v.ranked));
      if (sub.length) td.append(el('small', sub.join(' · ')));
      if (v.periodTarget != null) {
        const dir = v.target.direction === 'LE' ? '≤' : '≥';
        td.title = `${t().dbPeriodTarget} ${dir} ${dbNumber(v.periodTarget)} · ${v.target.source}`;
      }
      if (v.met === false) { td.classList.add('below'); td.title += ` · ${t().dbBelow}`; }
      tr.append(td);
    }
    tbl.append(tr);
  }
  box.replaceChildren(tbl);
}

function dbFillExtra(r) {
  const select = $('db-extra');
  const current = select.value || DB_DEFAULT_EXTRA;
  const options = r ? r.indicators.filter(i => i.level === 'ZONE') : [];
  select.replaceChildren(...options.map(i => { const o = el('option', dbIndicatorName(i)); o.value = i.key; return o; }));
  select.value = options.some(i => i.key === current) ? current : DB_DEFAULT_EXTRA;
  const series = $('db-series-indicator');
  const currentSeries = series.value || 'taxPerMu';
  series.replaceChildren(...options.map(i => { const o = el('option', dbIndicatorName(i)); o.value = i.key; return o; }));
  series.value = options.some(i => i.key === currentSeries) ? currentSeries : 'taxPerMu';
}

function dbFillZoneSelects(r) {
  if (!$('db-extra').options.length || state.lang !== dbUi.optionsLang) { dbFillExtra(r); dbUi.optionsLang = state.lang; }
  for (const id of ['radar-zone', 'db-series-zone']) {
    const select = $(id);
    const current = select.value;
    select.replaceChildren(...r.zones.map(z => { const o = el('option', z.name); o.value = z.code; return o; }));
    select.value = r.zones.some(z => z.code === current) ? current : (r.zones.find(z => z.code.endsWith('CORE')) || r.zones[0] || {}).code;
  }
  if (dbUi.series === null || dbUi.series.code !== $('db-series-zone').value) dbLoadSeries();
  else drawSeries();
}

/**
 * The radar of the chosen zone: one axis per indicator with a target, its 完成率 in percent of the
 * period's target (null where the period has no value), and the target ring at 100%.
 */
function drawRadar() {
  const r = dbUi.result;
  if (!r || !window.Chart) return;
  const zone = r.zones.find(z => z.code === $('radar-zone').value);
  if (!zone) return;
  const axes = dbTargeted(r);
  $('radar-hint').textContent = axes.length ? t().dbRadarHint : t().dbNoRadar;
  const values = axes.map(i => { const c = zone.values[i.key].completion; return c == null ? null : 100 * c; });
  const data = {
    labels: axes.map(dbIndicatorName),
    datasets: [
      { label: `${zone.name} · ${t().dbCompletion} (%)`, data: values,
        borderColor: '#1f4e79', backgroundColor: 'rgba(31,78,121,.25)', spanGaps: false },
      { label: t().dbTargetRing, data: axes.map(() => 100),
        borderColor: DB_TARGET_COLOUR, backgroundColor: 'rgba(214,39,40,.05)', borderDash: [4, 3], pointRadius: 0 },
    ],
  };
  const top = Math.max(120, ...values.filter(v => v != null).map(v => Math.ceil(v / 20) * 20));
  const options = { animation: false, scales: { r: { min: 0, max: top, ticks: { stepSize: 20, backdropColor: 'transparent' } } } };
  if (radarChart) { radarChart.data = data; radarChart.options = options; radarChart.update(); }
  else radarChart = new Chart($('radar-chart'), { type: 'radar', data, options });
}

async function dbLoadSeries() {
  const code = $('db-series-zone').value;
  if (!code) return;
  const seq = ++dbUi.seriesSeq;
  $('db-series-xlsx').href = dbPlanUrl(`/zones/${encodeURIComponent(code)}/indicators/series.xlsx`);
  try {
    const s = await api(dbPlanUrl(`/zones/${encodeURIComponent(code)}/indicators/series`));
    if (seq !== dbUi.seriesSeq) return;
    dbUi.series = s;
  } catch (err) {
    if (seq !== dbUi.seriesSeq) return;
    dbUi.series = null;
    $('db-series-hint').replaceChildren(el('span', err.message, 'bad'));
    return;
  }
  drawSeries();
}

/** One point per year held; the period's target (where one applies) as a dashed line. */
function drawSeries() {
  const s = dbUi.series;
  if (!s || !window.Chart) return;
  const key = $('db-series-indicator').value;
  const info = s.indicators.find(i => i.key === key);
  if (!info) return;
  const years = s.points.map(p => String(p.year));
  const values = s.points.map(p => p.values[key].value);
  const targets = s.points.map(p => p.values[key].periodTarget);
  const datasets = [{ label: `${s.name} · ${dbIndicatorName(info)}${dbUnit(info)}`, data: values,
                      borderColor: '#1f4e79', backgroundColor: '#1f4e79', tension: 0 }];
  if (targets.some(v => v != null)) {
    datasets.push({ label: t().target, data: targets, borderColor: DB_TARGET_COLOUR, borderDash: [4, 3], pointRadius: 0 });
  }
  $('db-series-hint').textContent = s.points.map(p => `${p.year}: ${dbNumber(p.values[key].value)}`).join(' · ');
  const data = { labels: years, datasets };
  const options = { animation: false, plugins: { legend: { labels: { boxWidth: 12 } } } };
  if (seriesChart) { seriesChart.data = data; seriesChart.update(); }
  else seriesChart = new Chart($('db-series-chart'), { type: 'line', data, options });
}

// ---- gauge (SVG, no library)

/** A half-circle gauge of the concentration ratio with a tick at the target (SVG, no library). */
function gauge(ratio, target) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 200 120');
  const arc = (from, to, colour, width) => {
    const a = Math.PI * (1 - from), b = Math.PI * (1 - to);
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', `M ${100 + 80 * Math.cos(a)} ${100 - 80 * Math.sin(a)} A 80 80 0 0 1 ${100 + 80 * Math.cos(b)} ${100 - 80 * Math.sin(b)}`);
    p.setAttribute('stroke', colour); p.setAttribute('stroke-width', width); p.setAttribute('fill', 'none');
    svg.append(p);
  };
  arc(0, 1, '#e5e7eb', 18);
  arc(0, Math.max(0.001, Math.min(1, ratio)), ratio >= target ? '#1a7f37' : '#d97706', 18);
  const ta = Math.PI * (1 - target);
  const tick = document.createElementNS(ns, 'line');
  tick.setAttribute('x1', 100 + 66 * Math.cos(ta)); tick.setAttribute('y1', 100 - 66 * Math.sin(ta));
  tick.setAttribute('x2', 100 + 96 * Math.cos(ta)); tick.setAttribute('y2', 100 - 96 * Math.sin(ta));
  tick.setAttribute('stroke', '#111'); tick.setAttribute('stroke-width', 3);
  svg.append(tick);
  const text = document.createElementNS(ns, 'text');
  text.setAttribute('x', 100); text.setAttribute('y', 95); text.setAttribute('text-anchor', 'middle');
  text.setAttribute('font-size', 26); text.setAttribute('id', 'gauge-value');
  text.textContent = percent(ratio);
  svg.append(text);
  return svg;
}

// ---- comparison of plan versions

async function runCompare() {
  const from = $('compare-from').value;
  const to = $('compare-to').value;
  const box = $('compare-result');
  try {
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    $('compare-xlsx').hidden = true;
    const r = await api(`/api/compare?${query}`);
    $('compare-xlsx').href = `/api/compare.xlsx?${query}`;
    $('compare-xlsx').hidden = false;
    const tbl = document.createElement('table');
    const head = document.createElement('tr');
    for (const h of [t().name, t().areaBefore, t().areaAfter, t().delta]) head.append(el('th', h));
    tbl.append(head);
    comparison.clearLayers();
    for (const z of r.zones) {
      const tr = document.createElement('tr');
      tr.dataset.code = z.code;
      const sign = z.deltaKm2 > 0.005 ? '+' : '';
      tr.append(el('td', z.name || z.code), el('td', z.areaBeforeKm2.toFixed(2)), el('td', z.areaAfterKm2.toFixed(2)),
        el('td', `${sign}${z.deltaKm2.toFixed(2)}`));
      tbl.append(tr);
      if (z.added) comparison.addData({ type: 'Feature', properties: { change: 'added' }, geometry: z.added });
      if (z.removed) comparison.addData({ type: 'Feature', properties: { change: 'removed' }, geometry: z.removed });
    }
    const c = r.concentration;
    box.replaceChildren(tbl, el('p', `${t().concentration}: ${percent(c.before.ratio)} → ${percent(c.after.ratio)}`
      + ` · ${t().added} / ${t().removed}`));
  } catch (err) {
    box.replaceChildren(el('p', err.message, 'bad'));
  }
}

// ---- hooks called by app.js

function dashboardTabShown(shown) {
  if (dbUi.shown === shown) return;
  dbUi.shown = shown;
  document.querySelector('aside').classList.toggle('dashboard-wide', shown);
  map.invalidateSize();
  if (shown && !dbUi.result) dbLoad();
}

/** loadPlan: the years of the new plan now, its figures when the tab is shown. */
async function dashboardPlanLoaded(planId) {
  dbUi.planId = planId;
  dbUi.result = null;
  dbUi.series = null;
  try {
    await dbLoadYears();
  } catch (err) {
    $('db-period').replaceChildren(el('span', err.message, 'bad'));
    return;
  }
  if (dbUi.shown) await dbLoad();
}

function dashboardLanguage() {
  const q = $('db-quarter');
  const current = q.value;
  q.replaceChildren(el('option', t().dbWholeYear), ...[1, 2, 3, 4].map(n => { const o = el('option', `Q${n}`); o.value = String(n); return o; }));
  q.firstChild.value = '';
  q.value = current;
  if (dbUi.result) { dbFillExtra(dbUi.result); dbUi.optionsLang = state.lang; showDashboard(); }
}

$('db-year').addEventListener('change', dbLoad);
$('db-quarter').addEventListener('change', dbLoad);
$('db-extra').addEventListener('change', () => dbUi.result && dbTable(dbUi.result));
$('radar-zone').addEventListener('change', drawRadar);
$('db-series-zone').addEventListener('change', dbLoadSeries);
$('db-series-indicator').addEventListener('change', drawSeries);
