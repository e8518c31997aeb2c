// zoneplan web page, part six: 亩均评价, the 亩均效益综合评价 of the stored enterprises (亩均论英雄).
// A year and a rule set drive the grade tile layer on the map (/tiles/grades, parcels coloured by
// their user's grade), the counts and 亩 by grade per zone, the list of enterprises by grade and the
// rule set used, shown readably; the list as .xlsx (the server's). Loaded after dashboard.js; uses
// app.js's globals (state, map, TEXT, t(), el, $, api). app.js calls mujuTabShown (showTab) and
// mujuLanguage (applyLanguage); dashboard.js calls mujuYearsKnown with the years held. Every figure is
// /api/evaluation/results's; the page only formats them. Names go in as text, never HTML.
'use strict';

const MUJU_TEXT = {
  zh: { tabMuju: '亩均评价', mjRuleSet: '评价规则', mjAutoRules: '本县适用规则(自动)', mjByZone: '各区块等级分布(企业数 / 亩)',
        mjList: '企业名单', mjGrade: '等级', mjAllGrades: '全部', mjFilter: '筛选', mjRules: '评价规则',
        mjNoRules: '本县没有亩均评价规则,已改用所选规则评价本县企业。', mjLoading: '评价中…',
        mjStatus: (d, y, rs, choice, n) => `${d} ${y} 年 · ${rs}(${choice})· 参评企业 ${n} 家`,
        mjShown: (n, total) => `显示前 ${n} 家,共 ${total} 家`, mjZone: '区块', mjUngraded: '未定等',
        mjTotal: '全县合计', mjRank: '排名', mjName: '企业名称', mjIndustry: '行业', mjSize: '规模', mjLandMu: '用地(亩)',
        mjScore: '总分', mjPopulation: '评价名单', mjLegend: '等级图例(地图 12 级以上显示地块)',
        mjGrades: { A: 'A 类(优先支持)', B: 'B 类(鼓励提升)', C: 'C 类(倒逼整治)', D: 'D 类(限制淘汰)', T: 'T 不定等级' },
        mjSelectors: { ABOVE_SIZE: '规上企业', BELOW_SIZE: '规下企业', BELOW_SIZE_MIN_MU: '规下企业(用地达下限)',
                       TENANT: '无自有用地的租用企业', ALL: '全部企业' },
        mjFormula: '得分 = Σ 指标值 ÷ 基准值 × 权重', mjBenchmark: '基准值', mjWeight: '权重', mjCap: '封顶',
        mjIndicator: '指标', mjMissing: '缺数据时', mjMissingRules: { ZERO: '该项计 0 分', POPULATION_AVERAGE: '取本名单该项平均分' },
        mjGradingRank: p => `按排名分等:A 前 ${p[0]}%,B 至 ${p[1]}%,C 至 ${p[2]}%,其余 D`,
        mjGradingScore: p => `按得分分等:A ≥ ${p[0]},B ≥ ${p[1]},C ≥ ${p[2]},其余 D`,
        mjExempt: (years, prefixes, g) => `不参评(${g} 类):投产不满 ${years} 年的企业;行业代码以 ${prefixes} 开头的企业`,
        mjSource: '来源', mjIllustrative: '规则含示意内容,见来源说明。', mjDivisionRules: '规则所属行政区' },
  en: { tabMuju: 'Per-mu evaluation', mjRuleSet: 'Rule set', mjAutoRules: 'The county\'s rules (automatic)',
        mjByZone: 'Grades per zone (enterprises / mu)', mjList: 'Enterprises', mjGrade: 'Grade', mjAllGrades: 'All',
        mjFilter: 'Filter', mjRules: 'Rule set used',
        mjNoRules: 'The county has no rules of its own: its enterprises are graded under the rule set chosen.',
        mjLoading: 'Evaluating…',
        mjStatus: (d, y, rs, choice, n) => `${d} ${y} · ${rs} (${choice}) · ${n} enterprises evaluated`,
        mjShown: (n, total) => `The first ${n} of ${total}`, mjZone: 'Zone', mjUngraded: 'Ungraded',
        mjTotal: 'County total', mjRank: 'Rank', mjName: 'Enterprise', mjIndustry: 'Industry', mjSize: 'Size',
        mjLandMu: 'Land (mu)', mjScore: 'Score', mjPopulation: 'List', mjLegend: 'Grades (parcels shown from zoom 12)',
        mjGrades: { A: 'A (supported first)', B: 'B (encouraged)', C: 'C (to improve)', D: 'D (restricted)', T: 'T (not graded)' },
        mjSelectors: { ABOVE_SIZE: 'Above-scale enterprises', BELOW_SIZE: 'Below-scale enterprises',
                       BELOW_SIZE_MIN_MU: 'Below-scale enterprises with enough land', TENANT: 'Tenants without land of their own',
                       ALL: 'All enterprises' },
        mjFormula: 'Score = Σ value ÷ benchmark × weight', mjBenchmark: 'Benchmark', mjWeight: 'Weight', mjCap: 'Cap',
        mjIndicator: 'Indicator', mjMissing: 'Missing data',
        mjMissingRules: { ZERO: 'the item scores 0', POPULATION_AVERAGE: 'the list\'s average score of the item' },
        mjGradingRank: p => `By rank: A the top ${p[0]}%, B to ${p[1]}%, C to ${p[2]}%, D the rest`,
        mjGradingScore: p => `By score: A ≥ ${p[0]}, B ≥ ${p[1]}, C ≥ ${p[2]}, D the rest`,
        mjExempt: (years, prefixes, g) => `Not graded (${g}): in production under ${years} years; industry codes starting ${prefixes}`,
        mjSource: 'Source', mjIllustrative: 'The rules are partly illustrative: see the source.', mjDivisionRules: 'Rules of division' },
};
Object.assign(TEXT.zh, MUJU_TEXT.zh);
Object.assign(TEXT.en, MUJU_TEXT.en);

const MJ_GRADES = ['A', 'B', 'C', 'D', 'T'];
// As the server's TileStyle.gradeColour.
const MJ_COLOURS = { A: '#2ca02c', B: '#1f77b4', C: '#ff7f0e', D: '#d62728', T: '#999999' };
const MJ_LIST_MAX = 100;

const mjUi = { shown: false, years: [], ruleSets: null, result: null, rules: {}, seq: 0, key: null };
// The grade layer: parcels coloured by grade, drawn by the server; on the map while the tab is shown.
const mjGradeTiles = L.tileLayer('', { minZoom: 12, maxZoom: 20, pane: 'zoneTiles', zIndex: 5, attribution: 'zoneplan 亩均评价' });

/** The county of the plan: the jurisdiction of the dashboard's figures (dbLoad fetches them). */
function mjDivision() {
  return (dbUi.result && dbUi.result.division && dbUi.result.division.code) || '';
}

function mjParams() {
  const p = new URLSearchParams({ division: mjDivision(), year: $('mj-year').value });
  if ($('mj-rule-set').value) p.set('ruleSet', $('mj-rule-set').value);
  return p;
}

async function mjLoadRuleSets() {
  if (mjUi.ruleSets) return;
  mjUi.ruleSets = await api('/api/evaluation/rule-sets');
  mjFillRuleSets();
}

function mjFillRuleSets() {
  const select = $('mj-rule-set');
  const current = select.value;
  const auto = el('option', t().mjAutoRules);
  auto.value = '';
  select.replaceChildren(auto, ...(mjUi.ruleSets || []).map(rs => {
    const o = el('option', `${rs.name} (v${rs.version})`);
    o.value = String(rs.id);
    return o;
  }));
  select.value = current;
}

/** Evaluates the year under the rules chosen; without rules of the county, under the nearest rule set. */
async function mjLoad() {
  const seq = ++mjUi.seq;
  if (!$('mj-year').value) return;
  $('mj-status').textContent = t().mjLoading;
  try {
    await mjLoadRuleSets();
    if (!dbUi.result) await dbLoad(); // the plan's county comes with the yearly indicators
    if (seq !== mjUi.seq) return;
    let r;
    try {
      r = await api(`/api/evaluation/results?${mjParams()}&planId=${encodeURIComponent(state.planId)}`);
    } catch (err) {
      if (!(err.problem && err.problem.type === 'urn:zoneplan:problem:rule-set-not-found') || $('mj-rule-set').value) throw err;
      // No rules for the county: the rule set of the latest year not after the chosen one (else the earliest).
      const year = Number($('mj-year').value);
      const sets = [...mjUi.ruleSets].sort((a, b) => a.year - b.year || a.id - b.id);
      const pick = [...sets].reverse().find(rs => rs.year <= year) || sets[0];
      if (!pick) throw err;
      $('mj-rule-set').value = String(pick.id);
      mjUi.noCountyRules = true;
      r = await api(`/api/evaluation/results?${mjParams()}&planId=${encodeURIComponent(state.planId)}`);
    }
    if (seq !== mjUi.seq) return;
    mjUi.result = r;
    if (!mjUi.rules[r.ruleSet.id]) mjUi.rules[r.ruleSet.id] = await api(`/api/evaluation/rule-sets/${r.ruleSet.id}`);
    if (seq !== mjUi.seq) return;
  } catch (err) {
    if (seq !== mjUi.seq) return;
    mjUi.result = null;
    $('mj-status').replaceChildren(el('span', err.message, 'bad'));
    for (const id of ['mj-zones', 'mj-list', 'mj-rules']) $(id).replaceChildren();
    mjTiles();
    return;
  }
  mjTiles();
  mjRender();
}

/** The tile URL follows the year, rule set and county of the results shown. */
function mjTiles() {
  const r = mjUi.result;
  if (!r) { if (map.hasLayer(mjGradeTiles)) mjGradeTiles.remove(); return; }
  const p = new URLSearchParams({ year: String(r.year), ruleSet: String(r.ruleSet.id), division: r.division.code });
  $('mj-xlsx').href = `/api/evaluation/results.xlsx?${p}`;
  $('mj-zones-xlsx').href = `/api/evaluation/results/zones.xlsx?${p}&planId=${encodeURIComponent(state.planId)}`;
  const url = `/tiles/grades/{z}/{x}/{y}{r}.png?${p}`;
  if (mjGradeTiles._url !== url) mjGradeTiles.setUrl(url);
  if (mjUi.shown && !map.hasLayer(mjGradeTiles)) mjGradeTiles.addTo(map);
}

function mjRender() {
  const r = mjUi.result;
  if (!r) return;
  const status = t().mjStatus(r.division.name, r.year, r.ruleSet.name, r.ruleSet.choiceLabel, r.enterprises.length);
  $('mj-status').replaceChildren(el('span', status));
  // The county's own rules were looked for and not found: the rule set shown is another's.
  if (mjUi.noCountyRules && r.ruleSet.divisionCode !== r.division.code) $('mj-status').append(el('br'), el('span', t().mjNoRules, 'bad'));
  mjLegend();
  mjZones(r);
  mjList();
  mjRules(mjUi.rules[r.ruleSet.id]);
}

function mjLegend() {
  const box = $('mj-legend');
  box.replaceChildren(el('span', t().mjLegend, 'hint'));
  for (const g of MJ_GRADES) {
    const item = el('span', null, 'mj-legend-item');
    const swatch = el('i');
    swatch.style.background = MJ_COLOURS[g];
    item.append(swatch, el('span', t().mjGrades[g]));
    box.append(item);
  }
}

function mjCell(count, mu) {
  const td = el('td');
  td.append(el('span', String(count), 'mj-count'), el('small', ` / ${mu.toFixed(0)}`));
  return td;
}

function mjZones(r) {
  const tbl = el('table');
  tbl.id = 'mj-zone-table';
  const head = el('tr');
  head.append(el('th', t().mjZone));
  for (const g of MJ_GRADES) { const th = el('th', g); th.style.color = MJ_COLOURS[g]; head.append(th); }
  head.append(el('th', t().mjUngraded));
  tbl.append(head);
  for (const z of r.zones || []) {
    const tr = el('tr');
    tr.dataset.code = z.code;
    const name = el('td', z.name);
    name.title = z.code;
    tr.append(name);
    for (const g of MJ_GRADES) {
      const td = mjCell(z.countByGrade[g] || 0, z.landMuByGrade[g] || 0);
      td.dataset.grade = g;
      tr.append(td);
    }
    tr.append(el('td', String(z.ungraded)));
    tbl.append(tr);
  }
  const total = el('tr', null, 'total');
  total.dataset.code = '';
  total.append(el('td', `${t().mjTotal} (${r.division.name})`));
  for (const g of MJ_GRADES) {
    const td = mjCell(r.countByGrade[g] || 0, r.landMuByGrade[g] || 0);
    td.dataset.grade = g;
    total.append(td);
  }
  total.append(el('td', '—'));
  tbl.append(total);
  $('mj-zones').replaceChildren(tbl);
}

function mjFillGrades() {
  const select = $('mj-grade');
  const current = select.value;
  const all = el('option', t().mjAllGrades);
  all.value = '';
  select.replaceChildren(all, ...MJ_GRADES.map(g => { const o = el('option', t().mjGrades[g]); o.value = g; return o; }));
  select.value = current;
}

/** The first MJ_LIST_MAX enterprises of the grade chosen whose name or credit code holds the filter. */
function mjList() {
  const r = mjUi.result;
  if (!r) return;
  const grade = $('mj-grade').value;
  const filter = $('mj-filter').value.trim().toLowerCase();
  const rows = r.enterprises.filter(e => (!grade || e.grade === grade)
    && (!filter || e.name.toLowerCase().includes(filter) || e.creditCode.toLowerCase().includes(filter)));
  $('mj-list-count').textContent = t().mjShown(Math.min(MJ_LIST_MAX, rows.length), rows.length);
  const tbl = el('table');
  tbl.id = 'mj-list-table';
  const head = el('tr');
  for (const h of [t().mjRank, t().mjName, t().mjIndustry, t().mjSize, t().mjLandMu, t().mjScore, t().mjGrade]) head.append(el('th', h));
  tbl.append(head);
  for (const e of rows.slice(0, MJ_LIST_MAX)) {
    const tr = el('tr');
    tr.dataset.code = e.creditCode;
    const name = el('td', e.name);
    name.title = `${e.creditCode} · ${e.populationName || ''}${e.exemption ? ` · ${e.exemption}` : ''}${e.note ? ` · ${e.note}` : ''}`;
    const industry = el('td', e.industryCode || '—');
    if (e.industryName) industry.title = e.industryName;
    const g = el('td', e.grade || '—', 'mj-grade');
    if (e.grade) g.style.color = MJ_COLOURS[e.grade];
    tr.append(el('td', e.rank == null ? '—' : String(e.rank)), name, industry, el('td', e.size || '—'),
      el('td', e.landMu.toFixed(1)), el('td', e.totalScore == null ? '—' : e.totalScore.toFixed(1)), g);
    tbl.append(tr);
  }
  $('mj-list').replaceChildren(tbl);
}

/** The rule set as an official reads it: lists, indicators with benchmark and weight, grading. */
function mjRules(stored) {
  const box = $('mj-rules');
  box.replaceChildren();
  if (!stored) return;
  const rules = stored.rules;
  box.append(el('p', `${stored.name} · v${stored.version} · ${t().mjDivisionRules} ${stored.divisionCode} · ${stored.year}`, 'mj-rules-name'));
  box.append(el('p', t().mjFormula, 'hint'));
  for (const p of rules.populations) {
    const selector = p.selector || {};
    let who = t().mjSelectors[selector.kind] || selector.kind || '';
    if (selector.mu != null) who += ` ≥ ${selector.mu} 亩`;
    box.append(el('h3', `${p.name} · ${who}`));
    const tbl = el('table', null, 'mj-rules-table');
    const head = el('tr');
    for (const h of [t().mjIndicator, t().mjBenchmark, t().mjWeight, t().mjCap, t().mjMissing]) head.append(el('th', h));
    tbl.append(head);
    const labels = mjFormulaLabels();
    for (const i of p.indicators) {
      const tr = el('tr');
      const missing = i.ifMissing || p.missingData;
      tr.append(el('td', labels[i.formula] || i.formula), el('td', String(i.benchmark)), el('td', String(i.weight)),
        el('td', i.cap == null ? '—' : String(i.cap)), el('td', t().mjMissingRules[missing] || missing || '—'));
      tbl.append(tr);
    }
    box.append(tbl);
  }
  const grading = rules.grading || {};
  if (grading.method === 'RANK' && grading.cumulativePercent) box.append(el('p', t().mjGradingRank(grading.cumulativePercent)));
  else if (grading.minScores) box.append(el('p', t().mjGradingScore(grading.minScores)));
  else box.append(el('p', JSON.stringify(grading)));
  const ex = rules.exemptions;
  if (ex) box.append(el('p', t().mjExempt(ex.minYearsInProduction, (ex.industryPrefixes || []).join('、'), ex.grade || 'T')));
  if (rules.illustrative) box.append(el('p', t().mjIllustrative, 'bad'));
  if (rules.source) {
    const details = el('details');
    details.append(el('summary', t().mjSource), el('p', rules.source, 'hint'));
    box.append(details);
  }
}

/** The indicators' names as the results give them (item labels), by formula key. */
function mjFormulaLabels() {
  const out = {};
  for (const e of (mjUi.result && mjUi.result.enterprises) || []) {
    for (const i of e.items) out[i.formula] = i.label;
  }
  return out;
}

function mjNotice() {
  const sample = state.config && state.config.sampleData;
  const box = $('mj-notice');
  box.hidden = !(sample && sample.illustrative);
  if (!box.hidden) box.textContent = state.lang === 'zh' ? sample.note : sample.noteEn;
}

// ---- hooks called by app.js and dashboard.js

function mujuTabShown(shown) {
  if (mjUi.shown === shown) return;
  mjUi.shown = shown;
  document.querySelector('aside').classList.toggle('dashboard-wide', shown || dbUi.shown);
  map.invalidateSize();
  mjNotice();
  if (!shown) { if (map.hasLayer(mjGradeTiles)) mjGradeTiles.remove(); return; }
  // The parcels are drawn from zoom 12: the map comes close enough to see them (to the core area).
  if (map.getZoom() < 12) {
    const core = state.features.find(f => f.properties.kind === 'CORE') || state.features[0];
    if (core) map.fitBounds(L.geoJSON(core).getBounds());
    if (map.getZoom() < 12) map.setZoom(12);
  }
  if (mjUi.result) mjTiles();
  else mjLoad();
}

/** The statistics years held (from the dashboard): the year choice; the newest first chosen. */
function mujuYearsKnown(years) {
  mjUi.years = years;
  const select = $('mj-year');
  const current = Number(select.value);
  select.replaceChildren(...years.map(y => { const o = el('option', String(y)); o.value = String(y); return o; }));
  select.value = String(years.includes(current) ? current : years[years.length - 1] || '');
  mjUi.result = null;
  mjUi.noCountyRules = false;
  if (mjUi.shown) mjLoad();
}

function mujuLanguage() {
  mjFillGrades();
  if (mjUi.ruleSets) mjFillRuleSets();
  mjNotice();
  if (mjUi.result) mjRender();
}

$('mj-year').addEventListener('change', mjLoad);
$('mj-rule-set').addEventListener('change', mjLoad);
$('mj-grade').addEventListener('change', mjList);
$('mj-filter').addEventListener('input', mjList);
