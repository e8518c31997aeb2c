// zoneplan web page: zone maps for officials, boundary drawing for planners.
// Every figure shown comes from the API; the page computes no area of its own.
'use strict';

const TEXT = {
  zh: { title: '开发区(园区)规划', plan: '规划版本', hint: '点击地图上的区块查看面积。', lang: 'English',
        sampleNotice: '示例数据（虚构）',
        tabInfo: '区块信息', tabEdit: '边界编辑', logout: '退出', signedOut: '登录已失效,请重新登录',
        roleNames: { VIEWER: '查看', PLANNER: '规划编制', APPROVER: '审批', LAND_BUREAU: '自然资源局', ADMIN: '管理员' },
        // proposals.js: change proposals and zone history
        tabProposals: '变更方案', saveAsProposal: '存为变更方案', proposalTitle: '方案名称(可选)',
        proposalReason: '变更理由(必填)', reasonRequired: '请填写变更理由。', proposalStatus: '状态', statusAll: '全部',
        statusDRAFT: '草稿', statusSUBMITTED: '已提交', statusAPPROVED: '已批准', statusREJECTED: '已驳回', statusWITHDRAWN: '已撤回', withdraw: '撤回', refresh: '刷新',
        noProposals: '暂无变更方案。', reason: '理由', author: '起草人', createdAt: '起草时间', submittedAt: '提交时间',
        decidedBy: '审批人', decidedAt: '审批时间', decisionComment: '审批意见', affectedZones: '涉及区块',
        proposalTarget: '生效方式', targetApply: '修改本规划版本', targetNewVersion: '另立新规划版本', copiedFrom: '复制自',
        changes: '变更内容', opUPDATE: '新边界', opCREATE: '新增区块', opDELETE: '撤销区块', baseVersion: '起草时基于版本',
        effect: '方案影响', effectSubmitted: '提交时测算(已冻结)', effectDecided: '审批时重新测算',
        effectOnSubmit: '方案影响在提交时测算并冻结。', areaBeforeAfter: '面积(调整前 → 调整后)', totalDelta: '面积合计变化',
        effectConcentration: '工业用地集聚率(调整前 → 调整后)', noneFound: '无', whatIfUnavailable: '无法测算',
        submit: '提交', approve: '批准', reject: '驳回', commentRequired: '驳回时须填写审批意见。',
        history: '历史版本', historyOps: { CREATE: '新建', UPDATE: '修改', DELETE: '删除' }, currentVersion: '当前版本',
        why: '原因', proposal: '变更方案', diff: '对比', restore: '恢复', restored: '已恢复为',
        proposalProblems: { 'proposal-outdated': '方案起草后区块已被修改,需重新起草', 'invalid-transition': '方案当前状态不允许此操作',
                            'stale-version': '区块已被他人修改,请刷新后重试', 'no-changes': '方案没有任何变更',
                            'duplicate-change': '同一区块变更了两次' },
        // admin.js: 系统管理 (ADMIN only)
        tabAdmin: '系统管理', adminUsers: '用户', adminPlans: '规划版本', adminAudit: '审计日志',
        userName: '用户名', displayName: '显示名称', userPassword: '密码', userRoles: '角色', userState: '状态',
        userCreatedAt: '创建时间', userCreatedBy: '创建人', userEnabled: '启用', userDisabled: '已停用', manage: '管理',
        passwordRule: '至少 8 个字符,含字母、数字、其他字符中的两类。', newUser: '新建用户', createUser: '创建用户',
        userCreated: '已创建用户', userSaved: '已保存', disableUser: '停用', enableUser: '启用', userNowDisabled: '已停用用户',
        userNowEnabled: '已启用用户', newPassword: '新密码', resetPassword: '重置密码', passwordReset: '密码已重置',
        noUsers: '暂无用户。', planIdLabel: '编号', planName: '名称', planDate: '日期', planState: '状态',
        planStatuses: { DRAFT: '草稿', APPROVED: '已批复', SUPERSEDED: '已废止' }, newPlan: '新建规划版本',
        copyFrom: '复制自', emptyPlan: '(空白版本)', createPlan: '创建规划版本', planCreated: '已新建规划版本',
        planSaved: '已保存规划版本', auditLatest: '最近 100 条记录', auditAt: '时间', auditActor: '操作人',
        auditAction: '操作', auditTarget: '对象', auditDetail: '详情', noAudit: '暂无记录。',
        auditActions: { 'user.create': '新建用户', 'user.update': '修改用户', 'user.password': '设置密码',
                        'plan.create': '新建规划版本', 'plan.update': '修改规划版本', 'zone.create': '新建区块',
                        'zone.update': '修改区块', 'zone.delete': '删除区块', 'proposal.create': '起草变更方案',
                        'proposal.submit': '提交变更方案', 'proposal.approve': '批准变更方案', 'proposal.reject': '驳回变更方案',
                        'proposal.withdraw': '撤回变更方案', import: '导入数据',
                        'evaluation.rule-set.create': '新增亩均评价规则版本' },
        adminProblems: { 'weak-password': '密码强度不足', 'password-too-long': '密码过长', 'duplicate-username': '用户名已存在',
                         'invalid-username': '用户名格式无效', 'last-admin': '须保留至少一名启用的管理员',
                         'unknown-role': '未知角色', 'missing-role': '请至少选择一个角色', 'invalid-display-name': '显示名称无效',
                         'duplicate-plan': '规划版本编号已存在', 'invalid-plan-id': '规划版本编号无效',
                         'invalid-plan-name': '规划版本名称无效', 'invalid-date': '日期无效', 'invalid-status': '状态无效',
                         'user-not-found': '用户不存在', 'plan-not-found': '规划版本不存在', forbidden: '无权操作' },
        name: '名称', code: '代码', kind: '类型', parent: '上级', managedBy: '管理主体', area: '面积',
        drawNew: '新建区块', editSelected: '编辑所选区块', undoVertex: '撤销上一点', save: '保存', cancel: '取消',
        editHint: '新建:在地图上逐点绘制,点击第一个点结束;顶点会吸附到附近的区块边界。编辑:先点击区块,再拖动顶点。',
        liveArea: '面积', selectFirst: '请先在地图上点击要编辑的区块。', saved: '已保存', none: '(无)',
        multipartNotEditable: '该区块由多个部分组成,请通过导入或接口修改。', drawing: '绘制中…', serverSays: '服务器拒绝', atCoordinate: '位置',
        problems: { SELF_INTERSECTION: '边界自相交', UNCLOSED_RING: '边界环未闭合', TOO_FEW_POINTS: '顶点太少',
                    OUTSIDE_CHINA: '坐标超出中国范围', AXES_SWAPPED: '经纬度顺序颠倒', NOT_POLYGON: '不是面要素',
                    INVALID_TOPOLOGY: '拓扑无效', EMPTY: '几何为空', 'duplicate-code': '代码已存在',
                    'unknown-parent': '上级区块不存在', 'invalid-code': '代码格式无效', 'missing-property': '缺少必填项',
                    'invalid-parent': '上级设置无效', 'zone-has-children': '区块含有下级区块' },
        layerZones: '开发区区块', layerCounties: '县(市、区)界', legend: '图例', layerParcels: '地块(用地分类)',
        tabDashboard: '指标看板', tabExport: '数据导出', concentration: '工业用地集聚率', zoneTable: '区块指标',
        radar: '指标雷达图', zone: '区块', compare: '规划版本对比', compareRun: '对比', target: '目标',
        meets: '达标', misses: '未达标', industrialShare: '工业用地占比', taxPerMu: '亩均税收', statYear: '企业统计年度', noStatYear: '无企业统计',
        classes: '评价分类(A/B/C/D)', inefficient: '低效用地', areaBefore: '调整前', areaAfter: '调整后', delta: '变化',
        whatIf: '方案影响(未保存)', overlapsCreated: '新增重叠', concentrationChange: '集聚率', parcelsGained: '纳入地块',
        parcelsLost: '移出地块', exportLayer: '图层', exportFormat: '格式', exportCrs: '坐标系', exportEncoding: '编码',
        exportUnit: '面积单位', exportDownload: '下载', reportTitle: '成果图件与表格', reportPaper: '纸张', reportOrientation: '方向',
        reportPortrait: '纵向', reportLandscape: '横向', reportScale: '比例尺', reportFit: '适配区块', reportAtlas: '区块图集 PDF',
        reportZonesXlsx: '区块列表 .xlsx', reportPdf: '区块报告 PDF', layerZonesOpt: '开发区区块', layerParcelsOpt: '地块',
        layerDivisionsOpt: '行政区划', layerBoundaryPointsOpt: '界址点', thisValue: '本区块', added: '新增', removed: '调出',
        kinds: { PLATFORM: '平台', ZONE: '开发区', CORE: '核心区', SUBAREA: '片区', EXPANSION: '拓展区',
                 FUNCTIONAL: '功能分区', COOPERATION: '合作园' } },
  en: { title: 'Development zone plans', plan: 'Plan version', hint: 'Click a zone on the map to see its area.',
        sampleNotice: 'Illustrative sample data',
        lang: '中文', tabInfo: 'Zone', tabEdit: 'Edit boundaries', logout: 'Sign out', signedOut: 'Signed out: please sign in again',
        roleNames: { VIEWER: 'Viewer', PLANNER: 'Planner', APPROVER: 'Approver', LAND_BUREAU: 'Land bureau', ADMIN: 'Administrator' },
        // proposals.js: change proposals and zone history
        tabProposals: 'Proposals', saveAsProposal: 'Save as proposal', proposalTitle: 'Title (optional)',
        proposalReason: 'Reason (required)', reasonRequired: 'Please give the reason for the change.', proposalStatus: 'Status',
        statusAll: 'All', statusDRAFT: 'Draft', statusSUBMITTED: 'Submitted', statusAPPROVED: 'Approved',
        statusREJECTED: 'Rejected', statusWITHDRAWN: 'Withdrawn', withdraw: 'Withdraw', refresh: 'Refresh', noProposals: 'No proposals.', reason: 'Reason', author: 'Drafted by',
        createdAt: 'Drafted', submittedAt: 'Submitted', decidedBy: 'Decided by', decidedAt: 'Decided',
        decisionComment: 'Decision comment', affectedZones: 'Zones', proposalTarget: 'Applies to',
        targetApply: 'This plan version', targetNewVersion: 'A new plan version', copiedFrom: 'copied from',
        changes: 'Changes', opUPDATE: 'new boundary', opCREATE: 'new zone', opDELETE: 'removal',
        baseVersion: 'drafted against version', effect: 'Effect', effectSubmitted: 'At submission (frozen)',
        effectDecided: 'Recomputed at the decision', effectOnSubmit: 'The effect is computed and frozen on submission.',
        areaBeforeAfter: 'Area (before → after)', totalDelta: 'Total area change',
        effectConcentration: 'Industrial-land concentration (before → after)', noneFound: 'none',
        whatIfUnavailable: 'not available', submit: 'Submit', approve: 'Approve', reject: 'Reject',
        commentRequired: 'A rejection needs a comment.', history: 'History',
        historyOps: { CREATE: 'created', UPDATE: 'changed', DELETE: 'deleted' }, currentVersion: 'current',
        why: 'Why', proposal: 'Proposal', diff: 'Diff', restore: 'Restore', restored: 'Restored to',
        proposalProblems: { 'proposal-outdated': 'The zone changed since the proposal was drafted',
                            'invalid-transition': 'Not possible in the proposal\'s status',
                            'stale-version': 'Someone else changed the zone: reload and try again',
                            'no-changes': 'The proposal changes nothing', 'duplicate-change': 'A zone is changed twice' },
        // admin.js: administration (ADMIN only)
        tabAdmin: 'Administration', adminUsers: 'Users', adminPlans: 'Plan versions', adminAudit: 'Audit log',
        userName: 'User name', displayName: 'Display name', userPassword: 'Password', userRoles: 'Roles', userState: 'Status',
        userCreatedAt: 'Created', userCreatedBy: 'Created by', userEnabled: 'Enabled', userDisabled: 'Disabled', manage: 'Manage',
        passwordRule: 'At least 8 characters mixing two of letters, digits and other characters.', newUser: 'New user',
        createUser: 'Create user', userCreated: 'Created user', userSaved: 'Saved', disableUser: 'Disable',
        enableUser: 'Enable', userNowDisabled: 'Disabled user', userNowEnabled: 'Enabled user', newPassword: 'New password',
        resetPassword: 'Reset password', passwordReset: 'Password reset', noUsers: 'No users.', planIdLabel: 'Id',
        planName: 'Name', planDate: 'Date', planState: 'Status',
        planStatuses: { DRAFT: 'Draft', APPROVED: 'Approved', SUPERSEDED: 'Superseded' }, newPlan: 'New plan version',
        copyFrom: 'Copy of', emptyPlan: '(empty version)', createPlan: 'Create plan version', planCreated: 'Created plan version',
        planSaved: 'Saved plan version', auditLatest: 'The latest 100 entries', auditAt: 'Time', auditActor: 'Who',
        auditAction: 'Action', auditTarget: 'Target', auditDetail: 'Detail', noAudit: 'No entries.',
        auditActions: { 'user.create': 'user created', 'user.update': 'user changed', 'user.password': 'password set',
                        'plan.create': 'plan version created', 'plan.update': 'plan version changed', 'zone.create': 'zone created',
                        'zone.update': 'zone changed', 'zone.delete': 'zone deleted', 'proposal.create': 'proposal drafted',
                        'proposal.submit': 'proposal submitted', 'proposal.approve': 'proposal approved',
                        'proposal.reject': 'proposal rejected', 'proposal.withdraw': 'proposal withdrawn', import: 'data imported',
                        'evaluation.rule-set.create': 'evaluation rule set version added' },
        adminProblems: { 'weak-password': 'Weak password', 'password-too-long': 'Password too long',
                         'duplicate-username': 'User name taken', 'invalid-username': 'Invalid user name',
                         'last-admin': 'At least one enabled administrator must remain', 'unknown-role': 'Unknown role',
                         'missing-role': 'Choose at least one role', 'invalid-display-name': 'Invalid display name',
                         'duplicate-plan': 'Plan version id taken', 'invalid-plan-id': 'Invalid plan version id',
                         'invalid-plan-name': 'Invalid plan version name', 'invalid-date': 'Invalid date',
                         'invalid-status': 'Invalid status', 'user-not-found': 'No such user',
                         'plan-not-found': 'No such plan version', forbidden: 'Not allowed' },
        name: 'Name', code: 'Code', kind: 'Kind', parent: 'Parent', managedBy: 'Managed by', area: 'Area',
        drawNew: 'New zone', editSelected: 'Edit selected zone', undoVertex: 'Undo last vertex', save: 'Save',
        cancel: 'Cancel',
        editHint: 'New: click the vertices on the map, click the first one to finish; vertices snap to nearby zone boundaries. Edit: click a zone, then drag its vertices.',
        liveArea: 'Area', selectFirst: 'First click the zone to edit on the map.', saved: 'Saved', none: '(none)',
        multipartNotEditable: 'This zone has several parts: change it by import or through the API.', drawing: 'Drawing…', serverSays: 'Refused by the server', atCoordinate: 'at',
        problems: { SELF_INTERSECTION: 'Self-intersecting boundary', UNCLOSED_RING: 'Ring not closed',
                    TOO_FEW_POINTS: 'Too few vertices', OUTSIDE_CHINA: 'Outside China', AXES_SWAPPED: 'Latitude and longitude swapped',
                    NOT_POLYGON: 'Not a polygon', INVALID_TOPOLOGY: 'Invalid topology', EMPTY: 'Empty geometry',
                    'duplicate-code': 'Code already exists', 'unknown-parent': 'Unknown parent zone',
                    'invalid-code': 'Invalid code', 'missing-property': 'Missing property', 'invalid-parent': 'Invalid parent',
                    'zone-has-children': 'Zone has child zones' },
        layerZones: 'Zones', layerCounties: 'County boundaries', legend: 'Legend', layerParcels: 'Parcels (land use)',
        tabDashboard: 'Indicators', tabExport: 'Export', concentration: 'Industrial-land concentration', zoneTable: 'Zone indicators',
        radar: 'Indicator radar', zone: 'Zone', compare: 'Compare plan versions', compareRun: 'Compare', target: 'target',
        meets: 'meets the target', misses: 'below the target', industrialShare: 'Industrial share', taxPerMu: 'Tax per mu', statYear: 'Enterprise statistics year', noStatYear: 'no enterprise statistics',
        classes: 'Classes (A/B/C/D)', inefficient: 'Inefficient land', areaBefore: 'Before', areaAfter: 'After', delta: 'Change',
        whatIf: 'Effect (not saved)', overlapsCreated: 'New overlaps', concentrationChange: 'Concentration', parcelsGained: 'Parcels gained',
        parcelsLost: 'Parcels lost', exportLayer: 'Layer', exportFormat: 'Format', exportCrs: 'CRS', exportEncoding: 'Encoding',
        exportUnit: 'Area unit', exportDownload: 'Download', reportTitle: 'Map sheets and tables', reportPaper: 'Paper',
        reportOrientation: 'Orientation', reportPortrait: 'Portrait', reportLandscape: 'Landscape', reportScale: 'Scale',
        reportFit: 'Fit the zone', reportAtlas: 'Atlas (PDF)', reportZonesXlsx: 'Zone list .xlsx', reportPdf: 'Zone report (PDF)', layerZonesOpt: 'Zones', layerParcelsOpt: 'Parcels',
        layerDivisionsOpt: 'Divisions', layerBoundaryPointsOpt: 'Boundary points', thisValue: 'This zone', added: 'added', removed: 'removed',
        kinds: { PLATFORM: 'Platform', ZONE: 'Zone', CORE: 'Core area', SUBAREA: 'Sub-area',
                 EXPANSION: 'Expansion block', FUNCTIONAL: 'Functional area', COOPERATION: 'Cooperation park' } },
};
const KINDS = ['PLATFORM', 'ZONE', 'CORE', 'SUBAREA', 'EXPANSION', 'FUNCTIONAL', 'COOPERATION'];
const COLOURS = { PLATFORM: '#888', ZONE: '#1f77b4', CORE: '#d62728', SUBAREA: '#2ca02c',
                  EXPANSION: '#ff7f0e', FUNCTIONAL: '#9467bd', COOPERATION: '#8c564b' };
const SNAP_PIXELS = 12;

const state = { whatIfSeq: 0, lang: 'zh', planId: null, features: [], selected: null, parents: new Set(),
                mode: null, drawer: null, editLayer: null, editCode: null, measureSeq: 0 };

const map = L.map('map').setView([29.45, 119.9], 11);
L.control.scale({ imperial: false }).addTo(map);
const outline = L.geoJSON(null, { style: { color: '#555', weight: 1.5, fill: false, dashArray: '4 3' },
                                  interactive: false }).addTo(map);
const counties = L.geoJSON(null, { style: { color: '#777', weight: 1, fill: false }, interactive: false,
  // as text, never HTML: a division's name comes from an uploaded file
  onEachFeature: (f, layer) => layer.bindTooltip(el('span', f.properties.name), { permanent: false, sticky: true }) });
// The zones are drawn by the server as PNG tiles (/tiles/zones/...), styled by kind, with their
// Chinese labels; the GeoJSON layer above them is invisible and takes the clicks and the snapping.
// Their own pane keeps them above whichever basemap is picked later.
map.createPane('zoneTiles').style.zIndex = 350;
const zoneTiles = L.tileLayer('', { maxZoom: 20, attribution: 'zoneplan', pane: 'zoneTiles' });
const zones = L.geoJSON(null, {
  // Zones with children take no clicks, so their parts stay clickable.
  style: f => ({ color: COLOURS[f.properties.kind] || '#333', opacity: 0, fillOpacity: 0,
                 interactive: !state.parents.has(f.properties.code) }),
  onEachFeature: (f, layer) => layer.on('click', () => { state.selected = f; showInfo(); }),
}).addTo(map);
const parcelTiles = L.tileLayer('/tiles/parcels/{z}/{x}/{y}{r}.png', { minZoom: 12, maxZoom: 20, pane: 'zoneTiles' });
const comparison = L.geoJSON(null, {
  style: f => f.properties.change === 'added'
    ? { color: '#1a7f37', fillColor: '#2ecc71', fillOpacity: 0.5, weight: 1 }
    : { color: '#b42318', fillColor: '#e74c3c', fillOpacity: 0.5, weight: 1 },
  interactive: false,
}).addTo(map);
const editing = new L.FeatureGroup().addTo(map);
const problems = L.layerGroup().addTo(map);

const $ = id => document.getElementById(id);
const t = () => TEXT[state.lang];
// Roles from /api/me (implied roles included: ADMIN acts as every role). The server decides; this
// only hides what the user could not do anyway.
function hasRole(r) { return !state.me || state.me.roles.includes(r) || state.me.roles.includes('ADMIN'); }
function el(tag, text, cls) { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }

// ---- API

// Every call says it comes from the page (so a missing session answers 401, not the login form)
// and every write carries the CSRF token that /api/me hands out with the signed-in user.
async function api(url, options = {}) {
  const method = (options.method || 'GET').toUpperCase();
  const headers = { 'X-Requested-With': 'XMLHttpRequest', ...(options.headers || {}) };
  if (method !== 'GET' && method !== 'HEAD' && state.me && state.me.csrf) headers[state.me.csrf.header] = state.me.csrf.token;
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401) { window.location.assign('/login'); throw new Error(t().signedOut); }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) { const e = new Error(body && body.detail || response.statusText); e.problem = body; throw e; }
  return body;
}
const postJson = (url, body, method = 'POST', headers = {}) =>
  api(url, { method, headers: { 'Content-Type': 'application/geo+json', ...headers }, body: JSON.stringify(body) });

// ---- info panel

function percent(x) { return x == null ? '—' : `${(100 * x).toFixed(1)}%`; }

function areaRows(a) {
  return [[t().area, `${a.areaKm2.toFixed(2)} km²`], ['', `${a.areaHa.toFixed(2)} ha`], ['', `${a.areaMu.toFixed(0)} 亩`]];
}

function table(rows) {
  const tbl = document.createElement('table');
  for (const [k, v] of rows) { const tr = document.createElement('tr'); tr.append(el('td', k), el('td', v)); tbl.append(tr); }
  return tbl;
}

function showInfo() {
  const info = $('info');
  info.replaceChildren();
  if (!state.selected) { info.append(el('p', t().hint)); return; }
  const z = state.selected.properties;
  const rows = [[t().name, z.name], [t().code, z.code], [t().kind, t().kinds[z.kind] || z.kind],
    [t().parent, z.parent || '—'], [t().managedBy, z.managedBy || '—'], ...areaRows(z)];
  const ind = state.indicators && state.indicators.zones.find(x => x.code === z.code);
  const eff = state.efficiency && state.efficiency.zones.find(x => x.code === z.code);
  if (ind) {
    rows.push([t().industrialShare, percent(ind.values.industrialShare)]);
    // Tax and value added are the land users' statistics of one year (the latest held).
    rows.push([t().statYear, state.indicators.year == null ? t().noStatYear : String(state.indicators.year)]);
    rows.push([state.indicators.year == null ? t().taxPerMu : `${t().taxPerMu} (${state.indicators.year})`, ind.values.taxPerMuWan == null ? '—' : `${ind.values.taxPerMuWan.toFixed(1)} 万元/亩`]);
  }
  if (eff) {
    rows.push([t().classes, ['A', 'B', 'C', 'D'].map(g => eff.classes[g].parcels).join(' / ')]);
    rows.push([t().inefficient, `${eff.inefficientMu.toFixed(0)} 亩`]);
  }
  info.append(table(rows));
  // The zone's PDF report (map sheet, areas, 四至, indicators, boundary points), as the export tab sets it.
  const pdf = el('a', t().reportPdf, 'button download');
  pdf.href = `/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(z.code)}/report.pdf?${reportParams()}`;
  pdf.setAttribute('download', '');
  const buttons = el('div', null, 'buttons');
  buttons.append(pdf);
  info.append(buttons);
  historyPanel(info, z); // proposals.js
}

// ---- plans and zones

async function loadPlan(planId) {
  state.planId = planId;
  const collection = await api(`/api/plans/${encodeURIComponent(planId)}/zones`);
  state.features = collection.features;
  state.parents = new Set(collection.features.map(f => f.properties.parent).filter(Boolean));
  // Leaflet keeps its tiles when the URL is unchanged: a fresh one redraws them after an edit.
  zoneTiles.setUrl(`/tiles/zones/{z}/{x}/{y}{r}.png?plan=${encodeURIComponent(planId)}&t=${Date.now()}`);
  if (!map.hasLayer(zoneTiles)) zoneTiles.addTo(map);
  zones.clearLayers();
  // Largest first, so smaller zones lie on top and get the clicks.
  zones.addData([...collection.features].sort((a, b) => b.properties.areaM2 - a.properties.areaM2));
  state.selected = null;
  fillParents();
  showInfo();
  loadFigures(planId);
  analysisPlanLoaded(); // analysis.js
  dashboardPlanLoaded(planId); // dashboard.js
}

/** Indicators, efficiency and concentration of the plan, for the info panel (dashboard.js has its own). */
async function loadFigures(planId) {
  try {
    const [indicators, efficiency, concentration] = await Promise.all([
      api(`/api/plans/${encodeURIComponent(planId)}/indicators`),
      api(`/api/plans/${encodeURIComponent(planId)}/efficiency`),
      api(`/api/plans/${encodeURIComponent(planId)}/concentration`)]);
    if (planId !== state.planId) return;
    Object.assign(state, { indicators, efficiency, concentration });
  } catch (e) {
    Object.assign(state, { indicators: null, efficiency: null, concentration: null });
  }
  showInfo();
}

function fillParents() {
  const select = document.querySelector('#zone-form [name=parent]');
  select.replaceChildren(el('option', t().none));
  select.firstChild.value = '';
  for (const f of state.features) {
    const o = el('option', `${f.properties.name} (${f.properties.code})`);
    o.value = f.properties.code;
    select.append(o);
  }
}

// ---- drawing and editing

function setMode(mode) {
  state.mode = mode;
  $('undo-vertex').disabled = mode !== 'draw';
  $('save').disabled = !mode;
  $('cancel').disabled = !mode;
  $('zone-form').hidden = mode !== 'created' && mode !== 'draw';
  proposalEditMode(mode); // proposals.js
}

function clearEditing() {
  if (state.drawer) { state.drawer.disable(); state.drawer = null; }
  if (state.editLayer && state.editLayer.editing) state.editLayer.editing.disable();
  editing.clearLayers();
  problems.clearLayers();
  state.editLayer = null;
  state.editCode = null;
  $('live').replaceChildren();
  $('whatif').replaceChildren();
  $('problem').hidden = true;
  setMode(null);
}

function startDraw() {
  clearEditing();
  // allowIntersection: the server validates, and says where the ring crosses itself.
  state.drawer = new L.Draw.Polygon(map, { allowIntersection: true, showArea: false, showLength: false,
                                          shapeOptions: { color: '#e6550d', weight: 3 } });
  state.drawer.enable();
  setMode('draw');
  $('live').textContent = t().drawing;
  const form = $('zone-form');
  form.reset();
  form.elements.kind.value = 'FUNCTIONAL';
}

function startEdit() {
  if (!state.selected) { showProblemText(t().selectFirst); return; }
  clearEditing();
  const feature = state.selected;
  // Zones are stored as MultiPolygons; leaflet-draw edits a Polygon's vertices only.
  let geometry = feature.geometry;
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1) {
    geometry = { type: 'Polygon', coordinates: geometry.coordinates[0] };
  }
  if (geometry.type !== 'Polygon') { showProblemText(t().multipartNotEditable); return; }
  const layer = L.geoJSON(geometry, { style: { color: '#e6550d', weight: 3 } }).getLayers()[0];
  editing.addLayer(layer);
  // leaflet-draw's edit toolbar sets these before enabling; we enable editing directly.
  layer.options.original = L.extend({}, layer.options);
  layer.options.editing = L.extend({}, layer.options, { dashArray: '8, 6', fillOpacity: 0.1 });
  map.fitBounds(layer.getBounds(), { padding: [40, 40] });
  layer.editing.enable();
  state.editLayer = layer;
  state.editCode = feature.properties.code;
  setMode('edit');
  measure(layer.toGeoJSON(false).geometry);
  whatIf(state.editCode, layer.toGeoJSON(false).geometry);
}

/** Moves a point onto the nearest zone boundary within SNAP_PIXELS, if any (screen space). */
function snap(latlng) {
  const p = map.latLngToLayerPoint(latlng);
  let best = null;
  let bestDistance = SNAP_PIXELS;
  zones.eachLayer(layer => {
    const rings = layer.getLatLngs().flat(2);
    for (let i = 0; i < rings.length - 1; i++) {
      if (rings[i].lat === undefined || rings[i + 1].lat === undefined) continue;
      const a = map.latLngToLayerPoint(rings[i]);
      const b = map.latLngToLayerPoint(rings[i + 1]);
      // Nearest point chosen in screen space, placed on the segment as stored (straight in
      // degrees), so the snapped vertex lies exactly on the neighbour's boundary.
      const ab = b.subtract(a);
      const length2 = ab.x * ab.x + ab.y * ab.y;
      const f = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / length2));
      const d = a.add(ab.multiplyBy(f)).distanceTo(p);
      if (d < bestDistance) {
        bestDistance = d;
        best = L.latLng(rings[i].lat + f * (rings[i + 1].lat - rings[i].lat), rings[i].lng + f * (rings[i + 1].lng - rings[i].lng));
      }
      const v = a.distanceTo(p);
      if (v <= bestDistance + 2) { bestDistance = v; best = rings[i]; }
    }
  });
  return best;
}

map.on(L.Draw.Event.DRAWVERTEX, e => {
  const markers = e.layers.getLayers();
  const last = markers[markers.length - 1];
  const snapped = last && snap(last.getLatLng());
  if (snapped && state.drawer && state.drawer._poly) {
    // leaflet-draw keeps the vertices in its markers and its polyline; move both.
    last.setLatLng(snapped);
    const points = state.drawer._poly.getLatLngs();
    points[points.length - 1] = L.latLng(snapped.lat, snapped.lng);
    state.drawer._poly.redraw();
  }
  const latlngs = markers.map(m => m.getLatLng());
  if (latlngs.length >= 3) measure(ringGeometry(latlngs));
});

map.on(L.Draw.Event.CREATED, e => {
  editing.clearLayers();
  editing.addLayer(e.layer);
  state.editLayer = e.layer;
  state.drawer = null;
  setMode('created');
  measure(e.layer.toGeoJSON(false).geometry);
});

map.on(L.Draw.Event.EDITVERTEX, e => {
  const geometry = e.poly.toGeoJSON(false).geometry;
  measure(geometry);
  if (state.editCode) whatIf(state.editCode, geometry);
});

let whatIfTimer = null;
/** The analysis what-if of the edited zone, refreshed while the planner drags; nothing is saved. */
function whatIf(code, geometry) {
  clearTimeout(whatIfTimer);
  whatIfTimer = setTimeout(async () => {
    const seq = ++state.whatIfSeq;
    try {
      const w = await postJson(`/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(code)}/what-if`,
        { type: 'Feature', properties: {}, geometry });
      if (seq !== state.whatIfSeq) return;
      const created = w.overlaps.features.filter(f => f.properties.new);
      const overlapM2 = created.reduce((sum, f) => sum + f.properties.areaM2, 0);
      const c = w.concentration;
      const box = $('whatif');
      box.replaceChildren(el('strong', t().whatIf), table([
        [t().delta, `${w.area.deltaKm2 >= 0 ? '+' : ''}${w.area.deltaKm2.toFixed(4)} km²`],
        [t().overlapsCreated, created.length ? `${created.length} · ${(overlapM2 / 666.6666666666666).toFixed(1)} 亩` : '0'],
        [t().concentrationChange, `${percent(c.before.ratio)} → ${percent(c.after.ratio)}`],
        [t().parcelsGained, String(w.parcelsGained.count)], [t().parcelsLost, String(w.parcelsLost.count)]]));
    } catch (err) {
      if (seq === state.whatIfSeq) $('whatif').replaceChildren();
    }
  }, 150);
}

function ringGeometry(latlngs) {
  const ring = latlngs.map(p => [p.lng, p.lat]);
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

let measureTimer = null;
function measure(geometry) {
  clearTimeout(measureTimer);
  measureTimer = setTimeout(async () => {
    const seq = ++state.measureSeq;
    try {
      const a = await postJson('/api/measure', geometry);
      if (seq !== state.measureSeq) return;
      problems.clearLayers();
      $('problem').hidden = true;
      const live = $('live');
      live.replaceChildren(el('span', `${t().liveArea}: `),
        el('span', `${a.areaMu.toFixed(1)} 亩`, 'figure'), el('span', ` · ${a.areaHa.toFixed(2)} ha · ${a.areaKm2.toFixed(4)} km²`));
    } catch (err) {
      if (seq === state.measureSeq) showProblem(err);
    }
  }, 120);
}

function showProblemText(text) {
  const box = $('problem');
  box.replaceChildren(el('span', text));
  box.hidden = false;
}

/** Shows a problem-details answer, with a marker at the coordinate it names. */
function showProblem(err) {
  problems.clearLayers();
  const p = err.problem;
  const box = $('problem');
  const key = p && (p.reason || String(p.type || '').replace('urn:zoneplan:problem:', ''));
  const heading = (key && t().problems[key]) || t().serverSays;
  // The server's own words stay beside the translation: they name the coordinate.
  box.replaceChildren(el('strong', `${heading}: `), el('span', p ? p.detail : err.message));
  box.hidden = false;
  $('live').replaceChildren(el('span', `${t().liveArea}: —`));
  if (p && Array.isArray(p.coordinate)) {
    const at = L.latLng(p.coordinate[1], p.coordinate[0]);
    L.circleMarker(at, { radius: 9, color: '#c0392b', weight: 3, fillOpacity: 0.2, className: 'problem-marker' })
      .bindTooltip(el('span', p.detail)).addTo(problems);
  }
}

async function save() {
  if (!state.editLayer) return;
  const geometry = state.editLayer.toGeoJSON(false).geometry;
  try {
    let saved;
    if (state.editCode) {
      const p = state.selected.properties;
      saved = await postJson(`/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(state.editCode)}`,
        { type: 'Feature', properties: { name: p.name, kind: p.kind, parent: p.parent, managedBy: p.managedBy,
                                         attributes: p.attributes }, geometry }, 'PUT',
        // The version this page read: the server refuses (412) if someone changed the zone since.
        { 'If-Match': `"v${p.version}"` });
    } else {
      const form = $('zone-form');
      const code = form.elements.code.value.trim();
      saved = await postJson(`/api/plans/${encodeURIComponent(state.planId)}/zones/${encodeURIComponent(code)}`,
        { type: 'Feature', properties: { code, name: form.elements.name.value, kind: form.elements.kind.value,
                                         parent: form.elements.parent.value || null,
                                         managedBy: form.elements.managedBy.value || null }, geometry });
    }
    clearEditing();
    await loadPlan(state.planId);
    state.selected = state.features.find(f => f.properties.code === saved.properties.code) || null;
    showInfo();
    $('live').textContent = t().saved;
  } catch (err) {
    showProblem(err);
  }
}

function updateExportLink() {
  const f = $('export-form').elements;
  const params = new URLSearchParams({ layer: f.layer.value, format: f.format.value, crs: f.crs.value,
                                       encoding: f.encoding.value, unit: f.unit.value });
  $('export-link').href = `/api/plans/${encodeURIComponent(f.plan.value)}/export?${params}`;
  // The PDF atlas and the zone list (.xlsx) of the plan chosen above (reports, issue 11).
  const plan = encodeURIComponent(f.plan.value);
  $('atlas-link').href = `/api/plans/${plan}/atlas.pdf?${reportParams()}`;
  $('zones-xlsx').href = `/api/plans/${plan}/zones?format=xlsx`;
}

/** Paper, orientation and scale of the PDF reports, from the export tab's report form. */
function reportParams() {
  const r = $('report-form').elements;
  return new URLSearchParams({ paper: r.paper.value, orientation: r.orientation.value, scale: r.scale.value });
}

// ---- basemaps, layers, legend

let layersControl = null;
const legend = L.control({ position: 'bottomright' });
legend.onAdd = () => L.DomUtil.create('div', 'legend');

function drawLegend() {
  const box = legend.getContainer();
  if (!box) return;
  box.replaceChildren(el('strong', t().legend));
  for (const k of KINDS) {
    const row = el('div');
    const swatch = el('i');
    swatch.style.borderColor = COLOURS[k];
    swatch.style.background = COLOURS[k] + '59';
    row.append(swatch, el('span', t().kinds[k]));
    box.append(row);
  }
}

/** Basemaps from /api/config; "none" keeps the page offline. A GCJ-02 basemap switches the map CRS. */
function buildLayerControl(config) {
  if (layersControl) layersControl.remove();
  if (!state.baseLayers) {
    // Built once; only the control is rebuilt when the language changes.
    state.baseLayers = config.basemaps.map(b => {
      const layer = b.urls.length
        ? L.layerGroup(b.urls.map(u => L.tileLayer(u, { subdomains: '01234567', maxZoom: 18, attribution: b.attribution })))
        : L.layerGroup();
      layer.datum = b.datum;
      layer.basemapId = b.id;
      if (b.id === config.defaultBasemap) layer.addTo(map);
      return { config: b, layer };
    });
  }
  const bases = {};
  for (const { config: b, layer } of state.baseLayers) bases[state.lang === 'zh' ? b.nameZh : b.nameEn] = layer;
  layersControl = L.control.layers(bases, { [t().layerZones]: zoneTiles, [t().layerParcels]: parcelTiles, [t().layerCounties]: counties },
                                   { collapsed: true }).addTo(map);
}

map.on('baselayerchange', e => {
  const crs = e.layer.datum === 'GCJ02' ? Gcj02.crs : L.CRS.EPSG3857;
  if (map.options.crs === crs) return;
  const center = map.getCenter();
  map.options.crs = crs;
  map.setView(center, map.getZoom(), { reset: true });
});

// ---- tabs, language, start

function showTab(name) {
  document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('.tab').forEach(s => { s.hidden = s.id !== name; });
  analysisTabShown(name === 'analysis'); // analysis.js
  dashboardTabShown(name === 'dashboard'); // dashboard.js
  mujuTabShown(name === 'muju'); // muju.js
  programmesTabShown(name === 'programmes').catch(e => { $('pg-status').textContent = e.message; }); // programmes.js
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t()[e.dataset.i18n]; });
  $('lang').textContent = t().lang;
  showUser();
  const kind = document.querySelector('#zone-form [name=kind]');
  const current = kind.value;
  kind.replaceChildren(...KINDS.map(k => { const o = el('option', t().kinds[k]); o.value = k; return o; }));
  kind.value = current || 'FUNCTIONAL';
  fillParents();
  showInfo();
  dashboardLanguage(); // dashboard.js
  mujuLanguage(); // muju.js
  programmesLanguage(); // programmes.js
  drawLegend();
  if (state.config) buildLayerControl(state.config);
  proposalsLanguage(); // proposals.js
  adminLanguage(); // admin.js
  jurisdictionsLanguage(); // jurisdictions.js
  projectsLanguage(); // projects.js
  analysisLanguage(); // analysis.js
}

function showUser() {
  if (!state.me) return;
  const main = ['ADMIN', 'APPROVER', 'PLANNER', 'LAND_BUREAU', 'VIEWER'].find(r => state.me.assignedRoles.includes(r));
  $('user').textContent = `${state.me.displayName} · ${t().roleNames[main] || main}`;
  $('user').title = state.me.username;
}

// Tabs and actions the user's roles do not allow are not shown (the server refuses them anyway).
function applyRoles() {
  const hide = (selector, hidden) => document.querySelectorAll(selector).forEach(e => { e.hidden = hidden; });
  hide('#tabs button[data-tab=edit]', !hasRole('PLANNER'));
  hide('#tabs button[data-tab=export]', !hasRole('LAND_BUREAU'));
  // hasRole() is true for an ADMIN whatever the role: the ADMIN tab needs the role itself.
  hide('#tabs button[data-tab=admin]', !(state.me && state.me.roles.includes('ADMIN')));
}

/**
 * Fills the plan version switches (map, comparison, export) from /api/plans, keeping each one's
 * choice when it still exists; a new choice is the newest version (the comparison's "from": the
 * oldest). Does not reload the map: the map's plan only changes when its choice is gone.
 */
async function refreshPlans() {
  const plans = await api('/api/plans');
  if (state.jurisdiction) state.jurisdictionPlans = await jurisdictionPlansNow(); // jurisdictions.js
  const newest = plans.length ? plans[plans.length - 1].id : '';
  const fill = (select, label, fallback) => {
    const current = select.value;
    select.replaceChildren(...plans.map(p => { const o = el('option', label(p)); o.value = p.id; return o; }));
    select.value = plans.some(p => p.id === current) ? current : fallback;
  };
  // The map's switch holds the plans of the jurisdiction chosen (jurisdictions.js), if any.
  const own = state.jurisdictionPlans ? plans.filter(p => state.jurisdictionPlans.includes(p.id)) : plans;
  const ownNewest = own.length ? own[own.length - 1].id : '';
  const fillOwn = (select, label, fallback) => {
    const current = select.value;
    select.replaceChildren(...own.map(p => { const o = el('option', label(p)); o.value = p.id; return o; }));
    select.value = own.some(p => p.id === current) ? current : fallback;
  };
  fillOwn($('plan'), p => `${p.name} (${p.id})`, ownNewest);
  fill($('compare-from'), p => p.id, plans.length ? plans[0].id : '');
  fill($('compare-to'), p => p.id, newest);
  fill($('export-form').elements.plan, p => p.name, newest);
  updateExportLink();
  return plans;
}

async function start() {
  state.me = await api('/api/me');
  $('logout-form').elements[state.me.csrf.parameter].value = state.me.csrf.token;
  applyRoles();
  proposalsRolesChanged(); // proposals.js
  $('lang').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  $('compare-run').addEventListener('click', runCompare);
  $('export-form').addEventListener('change', updateExportLink);
  $('report-form').addEventListener('change', () => { updateExportLink(); showInfo(); });
  $('draw-new').addEventListener('click', startDraw);
  $('edit-selected').addEventListener('click', startEdit);
  $('undo-vertex').addEventListener('click', () => state.drawer && state.drawer.deleteLastVertex());
  $('save').addEventListener('click', save);
  $('cancel').addEventListener('click', clearEditing);
  await refreshPlans();
  const select = $('plan');
  select.addEventListener('change', () => { clearEditing(); loadPlan(select.value); });
  legend.addTo(map);
  state.config = await api('/api/config');
  const sample = state.config.sampleData;
  $('sample-notice').hidden = !(sample && sample.illustrative);
  if (sample) $('sample-notice').title = `${sample.note}\n${sample.noteEn}`;
  applyLanguage();
  counties.addData(await api('/api/divisions?format=geojson'));
  // The jurisdiction selector (jurisdictions.js) chooses the outline, the plans and the figures.
  await jurisdictionsStart(select.value);
  if (select.value) await loadPlan(select.value);
}
// After every script of the page (proposals.js) has run.
document.addEventListener('DOMContentLoaded', start);
