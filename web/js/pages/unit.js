// 本单位 (hr, admin): officers of a unit's subtree with their two progress bars; an officer's page;
// add/edit an officer; mark an officer as left.
import { get, getAll, post, patch, put, del, qs, download } from '../api.js';
import {
  h, clear, fmtDate, fmtHours, progressBar, statusChip, showError, showMessage, clearErrors, errorPanel, errorText, loading, field,
  unitOptions, yearOptions, confirmDialog, toast, downloadButton, beijingToday, fmtDateTime, KIND, OFFICER_STATUS, STATUS, CATEGORY, GRADE,
} from '../ui.js';
import { certsBlock } from '../cert-view.js';
import { units, homeUnit, setQuery, go, session, serverToday } from '../state.js';
import { hoursView } from '../hours-view.js';
import { csvImportPanel } from '../csv-import.js';
import { dataTable } from '../table.js';
import { remindersPanel } from '../reminders.js';
import { EXEMPT_REASON, exemptionText, claimCard } from '../claim-view.js';
import { actorLabel } from '../labels.js';

export const OFFICER_COLUMNS = [
  { name: 'name', alias: '姓名', required: true, zh: '姓名' },
  { name: 'id_number', alias: '身份证号', required: true, zh: '身份证号（18 位，设为文本格式）' },
  { name: 'unit_code', alias: '单位代码', required: true, zh: '单位代码' },
  { name: 'kind', alias: '人员类别', required: true, zh: '人员类别：enforcement 或 行政执法人员；police 或 人民警察' },
  { name: 'post_start', alias: '到岗日期', required: true, zh: '到岗日期（YYYY-MM-DD）' },
  { name: 'post_end', alias: '离岗日期', required: false, zh: '离岗日期（在岗则留空）' },
];

const PAGE = 100;
const UNFINISHED = 'unfinished'; // 未完成: 进行中 and 未达标 together

export async function unitPage(main, { params, isCurrent, user }) {
  const list = await units();
  const unitId = params.get('unit') || String(await homeUnit());
  const sortParam = /^(-?)(name|unit|legal|business|political|shortfall|status)$/.exec(params.get('sort') || '');
  const state = {
    unit: unitId, year: params.get('year') || '', status: params.get('status') || '',
    q: params.get('q') || '', behind: params.get('behind') === '1',
    sort: sortParam ? { key: sortParam[2], dir: sortParam[1] ? 'descending' : 'ascending' } : null,
  };
  const saveQuery = () => setQuery({ unit: state.unit, year: state.year, status: state.status, q: state.q, behind: state.behind ? 1 : '',
    sort: state.sort ? `${state.sort.dir === 'descending' ? '-' : ''}${state.sort.key}` : '' }, isCurrent);
  const unitSel = h('select', { id: 'u-unit', name: 'unit_id' }, unitOptions(list, state.unit));
  const yearSel = h('select', { id: 'u-year', name: 'year' });
  const statusSel = h('select', { id: 'u-status', name: 'status' },
    h('option', { value: '' }, '全部'),
    h('option', { value: UNFINISHED, selected: state.status === UNFINISHED }, '未完成（进行中＋未达标）'),
    ['not_met', 'in_progress', 'met', 'exempt'].map((s) =>
      h('option', { value: s, selected: s === state.status }, STATUS[s])));
  const search = h('input', { id: 'u-q', name: 'q', type: 'search', placeholder: '输入姓名', value: state.q });
  const behindBox = h('input', { id: 'u-behind', type: 'checkbox', checked: state.behind });
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    field('单位（含下级）', unitSel, { fieldName: 'unit_id' }),
    field('年度', yearSel, { fieldName: 'year' }),
    field('状态', statusSel, { fieldName: 'status' }),
    field('按姓名搜索', search, { fieldName: 'q' }),
    h('div', { class: 'field check' }, behindBox, h('label', { for: 'u-behind' }, '只看进度落后')));
  const summary = h('div', { class: 'summary-cards', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' });
  clear(main,
    h('div', { class: 'page-head row-between' }, h('h1', {}, '本单位'),
      h('a', { class: 'button', href: '#/officers/new' + (state.unit ? '?unit=' + state.unit : '') }, '＋ 新增人员')),
    remindersPanel(user || session.user, { onSame: showReminder }),
    filters, summary, results,
    csvImportPanel({
      id: 'imp-off', title: '导入人员名册', endpoint: '/imports/officers', columns: OFFICER_COLUMNS,
      intro: `批量登记人员：每行一人。单位代码：${list.slice(0, 3).map((u) => `${u.name} ${u.code}`).join('，')}…（只能导入您所管理的单位）。已登记的同一人（姓名、单位相同）会被跳过。`,
      sample: 'name,id_number,unit_code,kind,post_start,post_end\n张三,450702199001011234,' + ((list.find((u) => String(u.id) === state.unit) || list[0] || {}).code || '') + ',enforcement,2024-03-01,',
      // Admins (who see full ID numbers) can take the registered roster in these very columns.
      extra: session.user && session.user.role === 'admin'
        ? h('p', { class: 'export-as-import' }, '导出所选单位（含下级）已登记的人员，格式同上，可直接导入另一系统：',
          downloadButton('导出人员名册 CSV', () => '/officers/export' + qs({ unit_id: state.unit }), download,
            { id: 'dl-roster', fallbackName: 'officers.csv' }))
        : null,
      onDone: () => { session.units = null; return load(); },
    }));

  // 未完成 is two of the API's statuses, which ?status= takes together.
  const apiStatus = () => (state.status === UNFINISHED ? 'in_progress,not_met' : state.status);
  // The list as chosen (unit, year, status) as a file: the compliance sheet of those officers.
  const exportPath = (format) => '/compliance/export' + qs({ unit_id: state.unit, year: state.year, status: apiStatus(), format });
  const exports = h('div', { class: 'actions left unit-exports' }, h('span', {}, '导出所列人员：'),
    downloadButton('Excel（XLSX）', () => exportPath('xlsx'), download, { id: 'u-dl-xlsx', fallbackName: 'compliance.xlsx' }),
    downloadButton('CSV', () => exportPath('csv'), download, { id: 'u-dl-csv', fallbackName: 'compliance.csv' }));

  let rows = [];
  let data = null;
  let seq = 0;
  async function load() {
    const my = ++seq;
    clearErrors(filters);
    clear(results, loading('正在加载人员学时…'));
    // Only while this page is shown: a load finishing after the user moved on must not rewrite the new route's query.
    saveQuery();
    try {
      data = await get('/compliance' + qs({ unit_id: state.unit, year: state.year, status: apiStatus(), q: state.q, limit: 1000 }));
    } catch (e) {
      if (my !== seq) return;
      clear(results);
      if (e.field) showError(filters, e); else clear(results, errorPanel(e, load));
      return;
    }
    if (my !== seq || !isCurrent()) return;
    if (!session.today && !state.year) session.today = data.as_of;
    const current = session.today ? +session.today.slice(0, 4) : data.year;
    clear(yearSel, yearOptions(2023, Math.max(current, data.year), data.year));
    state.year = String(data.year);
    const s = data.summary;
    const counted = s.officers - s.exempt;
    clear(summary,
      card('在册人数', s.officers, ''), card('已达标', s.met, 'met'), card('进行中', s.in_progress, 'in_progress'),
      card('未达标', s.not_met, 'not_met'), s.exempt ? card('免于考核', s.exempt, 'exempt') : null,
      card('达标率', counted ? `${Math.round((s.met / counted) * 1000) / 10}%` : '—', ''));
    draw();
  }

  function card(label, value, status) {
    const btn = h('button', { type: 'button', class: `card ${status ? 'card-' + status : ''} ${state.status === status && status ? 'selected' : ''}`,
      onclick: () => { if (!status) return; state.status = state.status === status ? '' : status; statusSel.value = state.status; load(); } },
    h('span', { class: 'card-num' }, String(value)), h('span', { class: 'card-label' }, label));
    if (!status) btn.disabled = true;
    return btn;
  }

  const shortfall = (r) => r.legal.shortfall + r.business.shortfall;
  const STATUS_ORDER = { not_met: 0, in_progress: 1, met: 2, exempt: 3 };
  const COLUMNS = [
    { key: 'name', label: '姓名', sort: (r) => r.name, cell: (r) => {
      const behind = r.status === 'in_progress' && (r.legal.behind_pace || r.business.behind_pace);
      return [h('a', { href: `#/officers/${r.officer_id}?year=${data.year}` }, r.name),
        behind ? h('span', { class: 'badge-behind', title: '按全年时间进度，学时已落后' }, '进度落后') : null,
        exemptBadge(r.exemptions)];
    } },
    { key: 'unit', label: '单位', sort: (r) => r.unit_name, cell: (r) => r.unit_name },
    { key: 'legal', label: `${CATEGORY.legal}（学时）`, sortLabel: `${CATEGORY.legal}尚差学时`, firstDir: 'descending', thClass: 'bar-head-cell',
      tdClass: 'bar-cell', dataLabel: CATEGORY.legal, sort: (r) => r.legal.shortfall, cell: (r) => progressBar('legal', r.legal, { compact: true }) },
    { key: 'business', label: `${CATEGORY.business}（学时）`, sortLabel: `${CATEGORY.business}尚差学时`, firstDir: 'descending', thClass: 'bar-head-cell',
      tdClass: 'bar-cell', dataLabel: CATEGORY.business, sort: (r) => r.business.shortfall, cell: (r) => progressBar('business', r.business, { compact: true }) },
    { key: 'political', label: '政治理论', firstDir: 'descending', thClass: 'num', tdClass: 'num', sort: (r) => r.political.earned, cell: (r) => fmtHours(r.political.earned) },
    { key: 'shortfall', label: '尚差学时', firstDir: 'descending', thClass: 'num', tdClass: 'num shortfall-cell', sort: shortfall,
      cell: (r) => (r.status === 'exempt' ? '—' : fmtHours(shortfall(r))) },
    { key: 'status', label: '状态', sort: (r) => STATUS_ORDER[r.status], cell: (r) => [statusChip(r.status),
      r.status !== 'met' && r.status !== 'exempt'
        ? h('div', { class: 'shortfall' }, ['legal', 'business'].filter((c) => r[c].shortfall > 0)
          .map((c) => `${c === 'legal' ? '法律' : '业务'}差 ${fmtHours(r[c].shortfall)}`).join('，')) : null] },
  ];

  function draw() {
    const q = state.q.trim();
    // The API's compliance list pages the whole subtree; the name search and 进度落后 are applied here too.
    rows = data.items.filter((r) => (!q || r.name.includes(q) || r.id_number === q) &&
      (!state.behind || r.legal.behind_pace || r.business.behind_pace));
    const truncated = data.total > data.items.length
      ? h('p', { class: 'warn' }, `共 ${data.total} 人，仅显示前 ${data.items.length} 人，请选择下级单位缩小范围。`) : null;
    // Until 31 December a shortfall is 进行中: 未达标 is empty in the current year, and says why.
    const yearOpen = data.as_of < `${data.year}-12-31`;
    if (rows.length === 0) {
      clear(results, h('div', { class: 'panel empty-state' },
        h('p', {}, '没有符合条件的人员。'),
        yearOpen && (state.status === 'not_met' || state.status === UNFINISHED)
          ? h('p', { class: 'muted' }, `${data.year}年度尚未结束（统计截至 ${fmtDate(data.as_of)}）：学时尚未完成的人员在 12 月 31 日前均为“进行中”，`,
            '年底仍未完成的才计为“未达标”。', state.status === 'not_met' ? '请选择“未完成”或“进行中”查看尚差学时的人员。' : '')
          : null));
      return;
    }
    const sum = (f) => rows.reduce((a, r) => a + f(r), 0);
    const countable = rows.filter((r) => r.status !== 'exempt');
    const totals = {
      legalEarned: sum((r) => r.legal.earned), legalShort: sum((r) => r.legal.shortfall),
      businessEarned: sum((r) => r.business.earned), businessShort: sum((r) => r.business.shortfall),
      political: sum((r) => r.political.earned), unfinished: countable.filter((r) => shortfall(r) > 0).length,
    };
    const table = dataTable({
      idPrefix: 'u-list', rows, pageSize: PAGE, tableClass: 'table stack officers-table', sort: state.sort,
      caption: '人员学时一览', captionClass: 'sr-only', columns: COLUMNS,
      rowAttrs: (r) => ({ class: r.status === 'in_progress' && (r.legal.behind_pace || r.business.behind_pace) ? 'behind' : '', dataset: { officer: r.officer_id } }),
      onChange: (st) => { if (JSON.stringify(st.sort) !== JSON.stringify(state.sort)) { state.sort = st.sort; saveQuery(); } },
    });
    clear(results,
      h('p', { class: 'muted' }, `${data.year}年度，统计截至 ${fmtDate(data.as_of)}，共 ${rows.length} 人`),
      truncated,
      h('p', { class: 'totals-line', dataset: { legalShort: totals.legalShort, businessShort: totals.businessShort, unfinished: totals.unfinished } },
        h('strong', {}, `合计 ${rows.length} 人：`),
        `${CATEGORY.legal}已修 ${fmtHours(totals.legalEarned)} 学时、尚差 ${fmtHours(totals.legalShort)} 学时；`,
        `${CATEGORY.business}已修 ${fmtHours(totals.businessEarned)} 学时、尚差 ${fmtHours(totals.businessShort)} 学时；`,
        `政治理论 ${fmtHours(totals.political)} 学时；`, `${totals.unfinished} 人尚未完成。`),
      h('div', { class: 'legend bar-legend', role: 'note', 'aria-label': '进度条颜色说明' },
        h('span', {}, h('i', { class: 'sw sw-done' }), '已完成该类学时'),
        h('span', {}, h('i', { class: 'sw sw-ok' }), '进行中（按时间进度）'),
        h('span', {}, h('i', { class: 'sw sw-behind' }), '进度落后（⚠）'),
        yearOpen ? h('span', { class: 'muted' }, '年度结束前，尚差学时的人员为“进行中”；12 月 31 日后仍未完成即为“未达标”。') : null),
      exports,
      state.q.trim() || state.behind
        ? h('p', { class: 'hint' }, '导出按所选单位、年度和状态，不含姓名搜索和“只看进度落后”的筛选。') : null,
      table.el);
  }

  // A reminder whose link is this page (#/unit, #/unit?status=…): its filter applied here — the
  // officers behind pace, or the status it names — in the user's own unit, then the list in view.
  async function showReminder(item, p) {
    const status = p.get('status');
    state.status = status && (status === UNFINISHED || STATUS[status]) ? status : '';
    statusSel.value = state.status;
    state.behind = item.kind === 'behind_pace' || p.get('behind') === '1';
    behindBox.checked = state.behind;
    if (p.get('unit')) { state.unit = p.get('unit'); unitSel.value = state.unit; }
    await load();
    results.scrollIntoView({ block: 'start' });
  }

  let timer = null;
  unitSel.addEventListener('change', () => { state.unit = unitSel.value; load(); });
  yearSel.addEventListener('change', () => { state.year = yearSel.value; load(); });
  statusSel.addEventListener('change', () => { state.status = statusSel.value; load(); });
  behindBox.addEventListener('change', () => { state.behind = behindBox.checked; if (data) draw(); saveQuery(); });
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = search.value; if (data) draw(); saveQuery(); }, 150);
  });
  await load();
}

// 减免: the officer has an exemption touching the year shown (GET /compliance items' `exemptions`);
// the periods and reasons in the tooltip, and spoken.
function exemptBadge(list) {
  if (!list || !list.length) return null;
  const text = list.map((e) => exemptionText(e)).join('；');
  return h('span', { class: 'badge-exempt', title: `学时减免：${text}`, dataset: { exemptions: String(list.length) } },
    '减免', h('span', { class: 'sr-only' }, `：${text}`));
}

// ---- an officer's page ----

export async function officerPage(main, { args, params, user, isCurrent, setTitle }) {
  const id = args[0];
  const officer = await get(`/officers/${id}`);
  if (setTitle) setTitle(officer.name, '本单位');
  await serverToday();
  const hoursHost = h('div');
  const certHost = h('div', { class: 'officer-certs' }, loading('正在加载执法证…'));
  const assessHost = h('div', { class: 'officer-assess' });
  const exemptHost = h('div', { class: 'officer-exemptions' }, loading('正在加载学时减免…'));
  const claimsHost = h('div', { class: 'officer-claims' });
  const left = officer.status === 'left';
  clear(main,
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/unit' }, '本单位'), ' › ', officer.name),
    h('div', { class: 'page-head row-between' },
      h('h1', {}, officer.name, left ? h('span', { class: 'chip chip-left' }, '已离岗') : null),
      h('div', { class: 'actions' },
        h('a', { class: 'button secondary', href: `#/officers/${id}/edit` }, '编辑'),
        left ? null : h('button', { type: 'button', class: 'danger', onclick: () => markLeft(officer) }, '标记离岗'))),
    h('section', { class: 'panel' },
      h('dl', { class: 'facts' },
        fact('所属单位', officer.unit_name), fact('人员类别', KIND[officer.kind]), fact('身份证号', officer.id_number),
        fact('到岗日期', fmtDate(officer.post_start)), fact('离岗日期', officer.post_end ? fmtDate(officer.post_end) : '—'),
        fact('状态', OFFICER_STATUS[officer.status] || officer.status))),
    h('div', { class: 'two-col' }, certHost, assessHost),
    hoursHost,
    exemptHost,
    claimsHost);
  const loadCerts = async () => {
    try {
      const certs = (await getAll(`/officers/${id}/certificates`)).items;
      clear(certHost, certsBlock(officer, certs, session.today, {
        emptyText: '尚未取得行政执法证。',
        extra: user.role === 'admin' && officer.kind !== 'police'
          ? h('a', { class: 'button secondary', href: `#/certs/officers/${id}` }, '在证件管理中办理')
          : h('span', { class: 'muted' }, user.role === 'admin' ? '' : '只读：证件由市司法局办理'),
      }));
    } catch (e) {
      clear(certHost, errorPanel(e, loadCerts));
    }
  };
  assessmentPanel(assessHost, officer, user);
  const certsDone = loadCerts();
  // The exemptions change the year's requirement: the hours are drawn again after each change.
  let exemptions = [];
  let shownYear = params.get('year') ? +params.get('year') : undefined;
  const show = async (year) => {
    shownYear = year;
    setQuery({ year }, isCurrent);
    await hoursView(hoursHost, officer, { year, onYear: show, exemptions });
  };
  const exemptDone = exemptionsPanel(exemptHost, officer, user, {
    onList: (list) => { exemptions = list; },
    onChange: () => show(shownYear),
  });
  const claimsDone = officerClaims(claimsHost, officer);
  await exemptDone;
  await show(shownYear);
  await Promise.all([certsDone, claimsDone]);
}

// 学时减免 (exemptions): maternity leave, illness, secondment, full-time study… The days of an exemption
// count as days not on post, so the year's requirement shrinks; a year wholly exempt is 免于考核.
// Everyone who sees the officer sees them; hr and admin add one; the administrator deletes one.
async function exemptionsPanel(host, officer, user, { onList, onChange }) {
  const listHost = h('div', { class: 'ex-list-host', 'aria-live': 'polite' });
  const canAdd = user.role === 'hr' || user.role === 'admin';
  const canDelete = user.role === 'admin';
  const today = session.today || beijingToday();
  const current = +today.slice(0, 4);
  const from = h('input', { name: 'from', type: 'date', min: `${current - 1}-01-01`, max: `${current}-12-31` });
  const to = h('input', { name: 'to', type: 'date', min: `${current - 1}-01-01`, max: `${current}-12-31` });
  from.addEventListener('change', () => {
    if (from.value && (!to.value || to.value < from.value || to.value.slice(0, 4) !== from.value.slice(0, 4))) to.value = from.value;
    to.min = from.value || `${current - 1}-01-01`;
    to.max = from.value ? `${from.value.slice(0, 4)}-12-31` : `${current}-12-31`;
  });
  const code = h('select', { name: 'reason_code' }, h('option', { value: '' }, '请选择'),
    Object.entries(EXEMPT_REASON).map(([k, v]) => h('option', { value: k }, v)));
  const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '500' });
  const reasonLabel = h('span', {}, '说明（可选）');
  code.addEventListener('change', () => { reasonLabel.textContent = code.value === 'other' ? '说明（选择“其他”时必填）' : '说明（可选）'; });
  const btn = h('button', { type: 'submit', id: 'ex-submit' }, '登记减免');
  const form = canAdd ? h('form', { class: 'ex-form', id: 'ex-form', novalidate: true, 'aria-label': '登记学时减免' },
    h('div', { class: 'inline-fields' },
      field('起始日期', from, { fieldName: 'from' }),
      field('截止日期', to, { fieldName: 'to' }),
      field('减免原因', code, { fieldName: 'reason_code' })),
    field(reasonLabel, reason, { fieldName: 'reason' }),
    h('div', { class: 'actions left' }, btn)) : null;
  let list = [];

  async function load() {
    try {
      const r = await get(`/officers/${officer.id}/exemptions`);
      list = (r.items || []).slice().sort((a, b) => b.from.localeCompare(a.from));
    } catch (e) {
      clear(listHost, h('p', { class: 'field-error', role: 'alert' }, `未能读取学时减免：${errorText(e)}`));
      return false;
    }
    onList(list);
    clear(listHost, list.length === 0 ? h('p', { class: 'muted ex-empty' }, '未登记学时减免。')
      : h('ul', { class: 'ex-list' }, list.map((e) => h('li', { class: 'ex-item', dataset: { exemption: e.id } },
        h('div', { class: 'ex-text' },
          h('strong', { class: 'ex-dates' }, fmtRangeFull(e.from, e.to)), ' ',
          h('span', { class: 'chip chip-exempt ex-reason' }, e.reason_name || EXEMPT_REASON[e.reason_code] || e.reason_code),
          e.reason ? h('span', { class: 'ex-note' }, ` ${e.reason}`) : null,
          h('div', { class: 'muted small' }, `${actorLabel(e.created_by)} 登记于 ${fmtDateTimeShort(e.at)}`)),
        canDelete ? h('button', { type: 'button', class: 'secondary danger-text small-btn ex-delete', 'aria-label': `删除学时减免 ${exemptionText(e)}`,
          onclick: () => remove(e) }, '删除') : null))));
    return true;
  }

  async function remove(e) {
    const ok = await confirmDialog({
      title: '删除学时减免',
      body: h('div', {}, h('p', {}, `删除 ${officer.name} 的学时减免：${exemptionText(e)}？`),
        h('p', { class: 'muted' }, '删除后这些日子重新计入在岗天数，学时要求随之恢复。')),
      confirmText: '确认删除', danger: true,
    });
    if (!ok) return;
    try {
      await del(`/exemptions/${e.id}`);
      toast(`已删除学时减免：${exemptionText(e)}`);
    } catch (err) {
      toast(`删除失败：${err.zh || err.message}`, 'error');
    }
    await load();
    onChange();
  }

  if (form) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      if (!from.value) return showMessage(form, '请填写起始日期', 'from');
      if (!to.value) return showMessage(form, '请填写截止日期', 'to');
      if (!code.value) return showMessage(form, '请选择减免原因', 'reason_code');
      const body = { from: from.value, to: to.value, reason_code: code.value };
      if (reason.value.trim()) body.reason = reason.value.trim();
      btn.disabled = true;
      try {
        const r = await post(`/officers/${officer.id}/exemptions`, body);
        toast(`已登记 ${officer.name} 的学时减免：${exemptionText(r)}`);
        form.reset();
        reasonLabel.textContent = '说明（可选）';
        await load();
        onChange();
      } catch (e) {
        // 409 exemption_overlaps / exemption_year_closed, 422 dates: the server's own words, at the field
        showError(form, e);
      } finally {
        btn.disabled = false;
      }
    });
  }

  clear(host, h('section', { class: 'panel exemptions', 'aria-labelledby': 'ex-title' },
    h('h2', { id: 'ex-title' }, '学时减免'),
    h('p', { class: 'hint' }, '产假、病假、借调挂职、脱产学习等期间可减免学时：减免的日子按不在岗计算，学时要求相应折减；全年均在减免期内的免于考核。',
      canAdd ? '只能登记本年度或上一年度的期间，且不跨年、不与已登记的重叠。' : ''),
    listHost,
    form ? h('details', { class: 'ex-add', open: false }, h('summary', { id: 'ex-add-summary' }, '＋ 登记学时减免'), form) : null));
  await load();
}

function fmtRangeFull(a, b) {
  return a === b ? fmtDate(a) : `${fmtDate(a)}至${fmtDate(b)}`;
}

function fmtDateTimeShort(iso) {
  return fmtDateTime(iso).replace(/:\d{2}$/, '');
}

// The officer's external training claims (hr, admin read them; 学时认定 decides them).
async function officerClaims(host, officer) {
  try {
    const r = await get(`/officers/${officer.id}/claims`);
    const items = r.items || [];
    clear(host, h('section', { class: 'panel officer-claims-panel', 'aria-labelledby': 'oc-title' },
      h('h2', { id: 'oc-title' }, `外部培训申报（${items.length} 件）`),
      items.length === 0 ? h('p', { class: 'muted' }, '暂无外部培训申报。')
        : h('div', { class: 'claim-list' }, items.map((c) => claimCard(c, { link: `#/claims/${c.id}`, thumb: true })))));
  } catch (e) {
    // A server without claims (404 on the route) shows nothing; anything else says so.
    if (e.status === 404 && e.rule === 'route_not_found') { clear(host); return; }
    clear(host, h('section', { class: 'panel' }, h('h2', {}, '外部培训申报'), errorPanel(e, () => officerClaims(host, officer))));
  }
}

// 年度考核: one grade per officer per year (hr and admin). The recorded grades come from
// GET /officers/{id}/assessments (every role that sees the officer): the year chosen shows its grade.
async function assessmentPanel(host, officer, user) {
  const current = session.today ? +session.today.slice(0, 4) : +beijingToday().slice(0, 4);
  const first = Math.max(2023, +officer.post_start.slice(0, 4));
  const yearSel = h('select', { name: 'year', id: 'as-year' }, yearOptions(Math.min(first, current), current, current - 1 >= first ? current - 1 : current));
  const gradeSel = h('select', { name: 'grade', id: 'as-grade' }, h('option', { value: '' }, '请选择'),
    Object.entries(GRADE).map(([k, v]) => h('option', { value: k }, v)));
  const recorded = new Map();
  const recordedLine = h('p', { class: 'muted recorded-grades' });
  const btn = h('button', { type: 'submit' }, '保存考核等次');
  const form = h('form', { class: 'assess-form', novalidate: true },
    h('div', { class: 'inline-fields' },
      field('考核年度', yearSel, { fieldName: 'year' }),
      field('考核等次', gradeSel, { fieldName: 'grade' })),
    h('div', { class: 'actions left' }, btn));
  const drawRecorded = () => {
    recordedLine.textContent = recorded.size
      ? '已登记：' + [...recorded.entries()].sort((a, b) => b[0] - a[0]).map(([y, g]) => `${y}年 ${GRADE[g] || g}`).join('，')
      : '尚未登记考核等次。';
    gradeSel.value = recorded.get(+yearSel.value) || '';
  };
  yearSel.addEventListener('change', () => { clearErrors(form); const g = recorded.get(+yearSel.value); gradeSel.value = g || ''; });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!gradeSel.value) return showMessage(form, '请选择考核等次', 'grade');
    btn.disabled = true;
    try {
      const r = await put(`/officers/${officer.id}/assessments/${yearSel.value}`, { grade: gradeSel.value });
      recorded.set(+r.year, r.grade);
      drawRecorded();
      toast(`已登记 ${officer.name} ${r.year}年度考核：${GRADE[r.grade] || r.grade_name}`);
    } catch (e) {
      showError(form, e);
    } finally {
      btn.disabled = false;
    }
  });
  clear(host, h('section', { class: 'panel', 'aria-labelledby': 'as-title' },
    h('h2', { id: 'as-title' }, '年度考核'),
    h('p', { class: 'hint' }, '年度考核为“不称职”或学时未达标的持证人员，将列入次年的退出审查。'),
    form, recordedLine));
  // Until the recorded grades are read, the form shows nothing it might overwrite unseen.
  recordedLine.textContent = '正在读取已登记的考核等次…';
  gradeSel.disabled = true;
  btn.disabled = true;
  try {
    const list = await getAll(`/officers/${officer.id}/assessments`);
    for (const a of list.items) recorded.set(+a.year, a.grade);
    drawRecorded();
  } catch (e) {
    recordedLine.textContent = `未能读取已登记的考核等次：${errorText(e)}`;
  } finally {
    gradeSel.disabled = false;
    btn.disabled = false;
  }
}

function fact(k, v) {
  return [h('dt', {}, k), h('dd', {}, v || '—')];
}

async function markLeft(officer) {
  const dateInput = h('input', { type: 'date', id: 'left-date', name: 'post_end', value: session.today || '', required: true });
  const form = h('form', { class: 'left-form', novalidate: true }, field('离岗日期', dateInput, { fieldName: 'post_end' }));
  const police = officer.kind === 'police';
  const body = h('div', {},
    h('p', {}, `将「${officer.name}」（${officer.unit_name}）标记为已离岗。`),
    police
      ? h('p', {}, '此人为人民警察，其证件依《人民警察法》管理，本系统不作处理。')
      : h('p', { class: 'warn' }, h('strong', {}, '注意：'), '其名下状态为“有效”或“暂扣”的行政执法证将被',
        h('strong', {}, '收回'), '（收回自离岗日期起生效），收回后不能恢复，如再上岗需重新发证。'),
    h('p', {}, '离岗日期之后的年度不再对其考核学时。'),
    form);
  const ok = await confirmDialog({ title: '确认标记离岗', body, confirmText: '确认离岗并收回证件', danger: true });
  if (!ok) return;
  const date = dateInput.value;
  try {
    await patch(`/officers/${officer.id}`, date ? { status: 'left', post_end: date } : { status: 'left' });
    toast(`已将 ${officer.name} 标记为离岗`, 'ok', { carry: true });
    go(`#/officers/${officer.id}`);
  } catch (e) {
    toast(`标记离岗失败：${e.zh || e.message}`, 'error');
  }
}

// ---- add / edit ----

export async function officerFormPage(main, { args, params, setTitle }) {
  const id = args[0];
  const list = await units();
  const officer = id ? await get(`/officers/${id}`) : null;
  if (officer && setTitle) setTitle(`编辑 ${officer.name}`, '本单位');
  const name = h('input', { name: 'name', required: true, maxlength: '50', value: officer ? officer.name : '', autocomplete: 'off' });
  const idNumber = h('input', { name: 'id_number', required: true, maxlength: '18', autocomplete: 'off', inputmode: 'text',
    value: officer ? officer.id_number : '', disabled: !!officer });
  const unit = h('select', { name: 'unit_id', required: true },
    unitOptions(list, officer ? officer.unit_id : params.get('unit') || (await homeUnit()), { all: '请选择单位' }));
  const kind = h('select', { name: 'kind', disabled: !!officer },
    Object.entries(KIND).map(([k, v]) => h('option', { value: k, selected: officer && officer.kind === k }, v)));
  const postStart = h('input', { name: 'post_start', type: 'date', required: true, value: officer ? officer.post_start : '', disabled: !!officer });
  const postEnd = h('input', { name: 'post_end', type: 'date', value: officer && officer.post_end ? officer.post_end : '' });
  const btn = h('button', { type: 'submit' }, officer ? '保存修改' : '登记人员');
  const form = h('form', { class: 'panel form-grid', novalidate: true },
    field('姓名', name, { fieldName: 'name' }),
    field('身份证号', idNumber, { fieldName: 'id_number', hint: officer ? '身份证号登记后不可修改' : '18 位，末位可为 X' }),
    field('所属单位', unit, { fieldName: 'unit_id' }),
    field('人员类别', kind, { fieldName: 'kind' }),
    field('到岗日期', postStart, { fieldName: 'post_start' }),
    field('离岗日期', postEnd, { fieldName: 'post_end', hint: officer ? '如需标记离岗，请在人员页面点击“标记离岗”' : '仍在岗请留空' }),
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: officer ? `#/officers/${id}` : '#/unit' }, '取消'), btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!name.value.trim()) return showMessage(form, '请填写姓名', 'name');
    if (!officer && !idNumber.value.trim()) return showMessage(form, '请填写身份证号', 'id_number');
    if (!unit.value) return showMessage(form, '请选择所属单位', 'unit_id');
    if (!officer && !postStart.value) return showMessage(form, '请填写到岗日期', 'post_start');
    btn.disabled = true;
    try {
      let saved;
      if (officer) {
        const change = {};
        if (name.value.trim() !== officer.name) change.name = name.value.trim();
        if (+unit.value !== officer.unit_id) change.unit_id = +unit.value;
        if ((postEnd.value || null) !== officer.post_end) change.post_end = postEnd.value || null;
        if (Object.keys(change).length === 0) { go(`#/officers/${id}`); return; }
        saved = await patch(`/officers/${id}`, change);
        toast('已保存', 'ok', { carry: true });
      } else {
        const body = { name: name.value.trim(), id_number: idNumber.value.trim().toUpperCase(), unit_id: +unit.value,
          kind: kind.value, post_start: postStart.value };
        if (postEnd.value) body.post_end = postEnd.value;
        saved = await post('/officers', body);
        toast(`已登记 ${saved.name}`, 'ok', { carry: true });
      }
      go(`#/officers/${saved.id}`);
    } catch (e) {
      showError(form, e);
    } finally {
      btn.disabled = false;
    }
  });
  clear(main,
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/unit' }, '本单位'), ' › ',
      officer ? h('a', { href: `#/officers/${id}` }, officer.name) : null, officer ? ' › ' : null, officer ? '编辑' : '新增人员'),
    h('h1', {}, officer ? `编辑 ${officer.name}` : '新增人员'),
    form);
  name.focus();
}
