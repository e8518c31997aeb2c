// zoneplan web page: 开放经济 (Xihu's headquarters economy and open-economy indicators, issue 14.8).
// The headquarters lists with the published totals beside the stored counts, the rewards of a year
// (published totals, their source phrase, and whether the stored rows add up to them), the firms on
// the map coloured by star level (illustrative, and the page says so), and the 一号开放工程 indicator
// system: the towns/streets (镇街) and platforms lagging their targets in a period, ranked by their
// completion and graded for 分级约谈 (thresholds as data, shown), with the review cadences and the
// indicators with their lead departments; .xlsx of both. Every figure is the server's; the page only
// formats. Uses app.js's globals (state, map, TEXT, t(), el, $, api, percent); hooks into the tab
// buttons and the language button on the document, so app.js needs no change. Text only, never HTML.
'use strict';

const XIHU_TEXT = {
  zh: { tabXihu: '开放经济', xhHq: '总部企业名单', xhList: '名单', xhKind: '类别', xhFirms: '企业', xhProjects: '项目',
        xhPublished: '公布数', xhStored: '入库数', xhSource: '原文', xhRewards: '星级培育奖励', xhYear: '年度',
        xhStar: '星级', xhAmount: '奖励(万元)', xhDistrict: '其中区级(万元)', xhTotal: '合计', xhEqual: '与公布数一致',
        xhNotEqual: '与公布数不一致', xhIllustrative: '示意:企业名称、星级、位置均为示意,仅名单总数与奖励总额为公布数',
        xhOpen: '一号开放工程指标', xhPeriod: '期间', xhUnitKind: '对象', xhAll: '全部', xhTown: '镇街', xhPlatform: '平台',
        xhLagging: '落后名单(分级约谈)', xhRank: '排名', xhName: '名称', xhCompletion: '完成率', xhAssessed: '考核指标',
        xhLags: '落后指标', xhGrade: '约谈等级', xhAction: '约谈方式', xhNoLag: '该期间无落后镇街、平台',
        xhGrades: '约谈分级阈值', xhBelow: '完成率低于', xhReviews: '调度机制', xhSystem: '指标体系',
        xhCategory: '类别', xhIndicator: '指标', xhLead: '牵头部门', xhBetter: '方向', xhHigher: '越高越好',
        xhLower: '越低越好', xhCadence: '调度', xhSystemIllustrative: '示意:指标名称与牵头部门未查到公开来源,为示意',
        xhXlsx: '下载 .xlsx', xhRule: '完成率:越高越好为 实际/目标,越低越好为 目标/实际;单位完成率为各指标完成率(超过 100% 按 100% 计)的平均。',
        xhCadences: { WEEKLY: '周例会', MONTHLY: '月调度', QUARTERLY: '季分析', YEARLY: '年总结' } },
  en: { tabXihu: 'Open economy', xhHq: 'Headquarters lists', xhList: 'List', xhKind: 'Kind', xhFirms: 'Firms',
        xhProjects: 'Projects', xhPublished: 'Published', xhStored: 'Stored', xhSource: 'Source phrase',
        xhRewards: 'Star-rating rewards', xhYear: 'Year', xhStar: 'Stars', xhAmount: 'Reward (10k yuan)',
        xhDistrict: 'Of which district (10k yuan)', xhTotal: 'Total', xhEqual: 'equals the published total',
        xhNotEqual: 'differs from the published total',
        xhIllustrative: 'Illustrative: firm names, stars and locations are made up; only the list totals and reward totals are published',
        xhOpen: 'Open-economy indicators', xhPeriod: 'Period', xhUnitKind: 'Units', xhAll: 'All', xhTown: 'Towns/streets',
        xhPlatform: 'Platforms', xhLagging: 'Lagging (graded talks)', xhRank: 'Rank', xhName: 'Name', xhCompletion: 'Completion',
        xhAssessed: 'Assessed', xhLags: 'Lagging', xhGrade: 'Grade', xhAction: 'Talk by', xhNoLag: 'Nobody lags in this period',
        xhGrades: 'Talk thresholds', xhBelow: 'Completion below', xhReviews: 'Reviews', xhSystem: 'Indicator system',
        xhCategory: 'Category', xhIndicator: 'Indicator', xhLead: 'Lead department', xhBetter: 'Better',
        xhHigher: 'higher', xhLower: 'lower', xhCadence: 'Reviewed',
        xhSystemIllustrative: 'Illustrative: indicator names and departments were not found published',
        xhXlsx: 'Download .xlsx',
        xhRule: 'Completion: actual/target where higher is better, target/actual where lower is better; a unit\'s completion is the mean of its indicators\' (capped at 100%).',
        xhCadences: { WEEKLY: 'weekly meeting', MONTHLY: 'monthly dispatch', QUARTERLY: 'quarterly analysis', YEARLY: 'yearly review' } },
};
Object.assign(TEXT.zh, XIHU_TEXT.zh);
Object.assign(TEXT.en, XIHU_TEXT.en);

const XH_STAR_COLOURS = { 5: '#b71c1c', 4: '#e65100', 3: '#f9a825', 2: '#2e7d32', 1: '#1565c0' };
const xhUi = { shown: false, lists: null, rewards: null, system: null, lagging: null, seq: 0 };
const xhLayer = L.geoJSON(null, {
  pointToLayer: (f, latlng) => L.circleMarker(latlng, {
    radius: 5, weight: 1, color: '#333', fillOpacity: 0.85,
    fillColor: XH_STAR_COLOURS[f.properties.starLevel] || '#777' }),
  onEachFeature: (f, layer) => layer.bindPopup(() => xhPopup(f.properties)),
});

// The platforms of 西湖区"三城一谷六小镇" (illustrative boundaries: dashed), under the firms.
const XH_PROGRAMME = 'xihu-3c1g6t';
const xhPlatforms = L.geoJSON(null, {
  style: () => ({ color: '#6a1b9a', weight: 2, dashArray: '6 4', fillOpacity: 0.08 }),
  onEachFeature: (f, layer) => layer.bindTooltip(el('span', `${f.properties.zoneName}(${f.properties.category})`), { sticky: true }),
});

function xhPopup(p) {
  const box = el('div', null, 'xh-popup');
  box.append(el('strong', p.name));
  if (p.illustrative) box.append(el('div', t().xhIllustrative, 'pg-illustrative'));
  box.append(table([[t().xhList, `${p.list}(${p.listKind})`], [t().xhStar, p.starLevel == null ? '—' : '★'.repeat(p.starLevel)],
                    [t().xhPlatform, `${p.planId || ''} / ${p.zoneCode || ''}`]]));
  return box;
}

function xhGrid(headers, rows, id) {
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

async function xihuTabShown(shown) {
  xhUi.shown = shown;
  if (!shown) { map.removeLayer(xhLayer); map.removeLayer(xhPlatforms); return; }
  xhPlatforms.addTo(map);
  xhLayer.addTo(map);
  if (!xhUi.lists) {
    const [lists, system, firms, platforms] = await Promise.all([
      api('/api/headquarters/lists'), api('/api/open-indicators'), api('/api/headquarters/firms?format=geojson'),
      api(`/api/programmes/${XH_PROGRAMME}/members`).catch(() => null)]);
    Object.assign(xhUi, { lists, system });
    xhLayer.clearLayers();
    xhLayer.addData(firms);
    xhPlatforms.clearLayers();
    if (platforms) xhPlatforms.addData(platforms);
    xhFillSelects();
    await Promise.all([xhLoadRewards(), xhLoadLagging()]);
  }
  if (xhLayer.getLayers().length) map.fitBounds(xhLayer.getBounds(), { maxZoom: 13 });
}

function xhFillSelects() {
  const periods = $('xh-period');
  if (!periods.options.length) {
    const list = xhUi.system.periods.slice().reverse();
    periods.replaceChildren(...list.map(p => { const o = el('option', p); o.value = p; return o; }));
  }
  const kind = $('xh-kind');
  const current = kind.value;
  kind.replaceChildren(...[['', t().xhAll], ['镇街', t().xhTown], ['平台', t().xhPlatform]]
    .map(([v, label]) => { const o = el('option', label); o.value = v; return o; }));
  kind.value = current;
  const years = $('xh-year');
  if (!years.options.length && xhUi.rewards) {
    years.replaceChildren(...xhUi.rewards.years.slice().reverse().map(y => { const o = el('option', String(y)); o.value = String(y); return o; }));
    years.value = String(xhUi.rewards.year);
  }
}

async function xhLoadRewards() {
  const year = $('xh-year').value || '2023';
  xhUi.rewards = await api(`/api/headquarters/rewards?year=${encodeURIComponent(year)}`);
  xhFillSelects();
  xhDraw();
}

async function xhLoadLagging() {
  const period = $('xh-period').value;
  if (!period) { xhUi.lagging = null; xhDraw(); return; }
  const kind = $('xh-kind').value;
  const query = `period=${encodeURIComponent(period)}${kind ? `&kind=${encodeURIComponent(kind)}` : ''}`;
  const seq = ++xhUi.seq;
  const lagging = await api(`/api/open-indicators/lagging?${query}`);
  if (seq !== xhUi.seq) return;
  xhUi.lagging = lagging;
  $('xh-lagging-xlsx').href = `/api/open-indicators/lagging.xlsx?${query}`;
  xhDraw();
}

function xhDraw() {
  if (!xhUi.lists) return;
  $('xh-illustrative').textContent = t().xhIllustrative;
  const pub = Object.fromEntries(xhUi.lists.published.map(f => [f.item, f]));
  const rows = xhUi.lists.lists.map(l => [l.kind, l.name, l.firms, l.projects]);
  rows.push([t().xhStored, '', xhUi.lists.stored.firms, xhUi.lists.stored.projects]);
  rows.push([t().xhPublished, '', pub.firms ? `${pub.firms.value} ${pub.firms.unit}` : '—', pub.projects ? `${pub.projects.value} ${pub.projects.unit}` : '—']);
  const lists = [xhGrid([t().xhKind, t().xhList, t().xhFirms, t().xhProjects], rows, 'xh-list-table')];
  if (pub.firms) lists.push(el('p', `${t().xhSource}:${pub.firms.sourcePhrase}(${pub.firms.source})`, 'hint'));
  $('xh-lists').replaceChildren(...lists);

  const r = xhUi.rewards;
  if (r) {
    const stars = r.byStar.map(s => [s.starLevel == null ? '—' : '★'.repeat(s.starLevel), s.firms, s.amountWan, s.districtWan]);
    stars.push([t().xhTotal, r.total.firms, r.total.amountWan, r.total.districtWan]);
    const parts = [xhGrid([t().xhStar, t().xhFirms, t().xhAmount, t().xhDistrict], stars, 'xh-reward-table')];
    for (const f of r.published) {
      const check = r.checks.find(c => c.item === f.item);
      parts.push(el('p', `${t().xhPublished}:${f.value} ${f.unit}${check ? `(${check.equal ? t().xhEqual : t().xhNotEqual})` : ''}`, 'xh-published'));
    }
    if (r.published.length) parts.push(el('p', `${t().xhSource}:${r.published[0].sourcePhrase}(${r.published[0].source})`, 'hint'));
    $('xh-rewards').replaceChildren(...parts);
  }

  const s = xhUi.system;
  const l = xhUi.lagging;
  const lag = [];
  if (l && l.lagging.length) {
    lag.push(xhGrid([t().xhRank, t().xhName, t().xhUnitKind, t().xhCompletion, t().xhAssessed, t().xhLags, t().xhGrade, t().xhAction],
      l.lagging.map(e => [e.rank, e.unitName, e.kind, percent(e.completion), e.assessed, e.lagging, e.grade, e.action]), 'xh-lagging-table'));
    // Each row's lagging indicators as its tooltip: name, lead department, completion.
    lag[0].querySelectorAll('tr').forEach((tr, i) => {
      if (i > 0) tr.title = l.lagging[i - 1].lags.map(x => `${x.name}(${x.leadDepartment})${percent(x.ratio)}`).join('\n');
    });
  } else if (l) {
    lag.push(el('p', t().xhNoLag, 'hint'));
  }
  lag.push(el('p', t().xhRule, 'hint'));
  $('xh-lagging').replaceChildren(...lag);
  $('xh-grades').replaceChildren(xhGrid([t().xhGrade, t().xhAction, t().xhBelow],
    s.talkGrades.map(g => [g.grade, g.action, percent(g.belowRatio)]), 'xh-grade-table'));
  $('xh-reviews').replaceChildren(el('p', s.reviews.map(x => `${x.name}(${t().xhCadences[x.cadence] || x.cadence})`).join('、')));
  const ind = [];
  for (const c of s.categories) {
    for (const i of c.indicators) {
      ind.push([c.name, i.name, i.unit, i.better === 'HIGHER' ? t().xhHigher : t().xhLower, i.leadDepartment,
                i.reviews.map(x => t().xhCadences[x] || x).join('、')]);
    }
  }
  const sys = [xhGrid([t().xhCategory, t().xhIndicator, '', t().xhBetter, t().xhLead, t().xhCadence], ind, 'xh-system-table')];
  if (s.illustrative) sys.unshift(el('p', t().xhSystemIllustrative, 'sample-notice pg-illustrative'));
  $('xh-system').replaceChildren(...sys);
}

function xihuLanguage() {
  if (xhUi.system) xhFillSelects();
  xhDraw();
}

document.addEventListener('DOMContentLoaded', () => {
  $('xh-year').addEventListener('change', () => xhLoadRewards().catch(e => { $('xh-status').textContent = e.message; }));
  $('xh-period').addEventListener('change', () => xhLoadLagging().catch(e => { $('xh-status').textContent = e.message; }));
  $('xh-kind').addEventListener('change', () => xhLoadLagging().catch(e => { $('xh-status').textContent = e.message; }));
});
// After app.js's own handlers (which run on the buttons themselves): the tab shown, the language.
document.addEventListener('click', e => {
  const tab = e.target.closest && e.target.closest('#tabs button');
  if (tab) xihuTabShown(tab.dataset.tab === 'xihu').catch(err => { $('xh-status').textContent = err.message; });
  if (e.target.id === 'lang') xihuLanguage();
});
