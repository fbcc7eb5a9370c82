// One officer's hours for a year: two progress bars, political hours apart, status in words,
// the behind-pace warning and the trainings that counted. Used by 我的学时 and an officer's page.
import { get } from './api.js';
import { h, clear, fmtDate, fmtRange, fmtHours, progressBar, statusChip, errorPanel, loading, yearOptions, CATEGORY, MODE } from './ui.js';
import { session } from './state.js';

export function statusSentence(r) {
  const parts = [];
  for (const c of ['legal', 'business'])
    if (r[c].shortfall > 0) parts.push(`${CATEGORY[c]}还差 ${fmtHours(r[c].shortfall)} 学时`);
  switch (r.status) {
    case 'met': return '本年度学时已达标。';
    case 'exempt': return r.year < 2023 ? '2023 年以前无学时要求，免于考核。' : '本年度不在岗，免于考核。';
    case 'in_progress': return `尚未达标：${parts.join('，')}。`;
    case 'not_met': return `${r.year}年度未达标：${parts.join('，')}。`;
    default: return '';
  }
}

export async function hoursView(host, officer, { year, onYear } = {}) {
  clear(host, loading('正在加载学时…'));
  let r;
  try {
    r = await get(`/officers/${officer.id}/hours${year ? '?year=' + year : ''}`);
  } catch (e) {
    clear(host, errorPanel(e, () => hoursView(host, officer, { year, onYear })));
    return null;
  }
  if (!session.today && !year) session.today = r.as_of;
  const current = session.today ? +session.today.slice(0, 4) : r.year;
  const firstYear = Math.min(r.year, Math.max(2023, +officer.post_start.slice(0, 4)));
  const sel = h('select', { id: 'year-select', name: 'year' }, yearOptions(firstYear, Math.max(current, r.year), r.year));
  sel.addEventListener('change', () => onYear && onYear(+sel.value));

  const behind = ['legal', 'business'].filter((c) => r[c].behind_pace && r[c].shortfall > 0);
  const summary = h('section', { class: 'panel hours-summary', 'aria-labelledby': 'hours-title' },
    h('div', { class: 'row-between' },
      h('h2', { id: 'hours-title' }, `${r.year}年度学时`),
      h('div', { class: 'inline-field' }, h('label', { for: 'year-select' }, '年度'), sel)),
    h('p', { class: 'status-line' }, statusChip(r.status), ' ', h('span', { class: 'status-text' }, statusSentence(r))),
    h('p', { class: 'muted' }, `统计截至 ${fmtDate(r.as_of)}（按培训结束日期计入年度）`),
    behind.length && r.status === 'in_progress'
      ? h('div', { class: 'warn', role: 'note' }, h('strong', {}, '进度落后：'),
        `按全年时间进度，${behind.map((c) => CATEGORY[c]).join('和')}的学时已落后，请尽快参加培训。`)
      : null,
    progressBar('legal', r.legal),
    progressBar('business', r.business),
    h('div', { class: 'political' },
      h('span', {}, CATEGORY.political),
      h('strong', {}, `${fmtHours(r.political.earned)} 学时`),
      h('span', { class: 'muted' }, '（单独记录，不计入以上两类）')));

  const rows = r.trainings.map((t) => h('tr', {},
    h('td', { 'data-label': '培训' }, t.title),
    h('td', { 'data-label': '日期' }, fmtRange(t.start_date || t.end_date, t.end_date)),
    h('td', { 'data-label': '公共法律知识', class: 'num' }, fmtHours(t.hours.legal)),
    h('td', { 'data-label': '业务知识和行政执法技能', class: 'num' }, fmtHours(t.hours.business)),
    h('td', { 'data-label': '政治理论', class: 'num' }, fmtHours(t.hours.political))));
  const sum = (k) => r.trainings.reduce((a, t) => a + (t.hours[k] || 0), 0);
  const list = h('section', { class: 'panel', 'aria-labelledby': 'tr-title' },
    h('h2', { id: 'tr-title' }, `计入${r.year}年度的培训（${r.trainings.length} 次）`),
    r.trainings.length === 0 ? h('p', { class: 'muted' }, '本年度暂无培训记录。')
      : h('table', { class: 'table stack' },
        h('thead', {}, h('tr', {}, h('th', {}, '培训'), h('th', {}, '日期'), h('th', { class: 'num' }, '公共法律知识'),
          h('th', { class: 'num' }, '业务知识和行政执法技能'), h('th', { class: 'num' }, '政治理论教育和党性教育'))),
        h('tbody', {}, rows),
        h('tfoot', {}, h('tr', {}, h('th', { colspan: '2' }, '合计'), h('td', { class: 'num', 'data-label': '公共法律知识' }, fmtHours(sum('legal'))),
          h('td', { class: 'num', 'data-label': '业务知识和行政执法技能' }, fmtHours(sum('business'))), h('td', { class: 'num', 'data-label': '政治理论' }, fmtHours(sum('political')))))));
  clear(host, summary, list);
  return r;
}

export { MODE, errorPanel };
