// One officer's hours for a year: two progress bars, political hours apart, status in words,
// the behind-pace warning (with the hours an even pace reaches by now, and what follows a year
// that ends short), the trainings that counted — one compact line each — and, apart, the
// sessions recorded that have not ended yet. Used by 我的学时 and an officer's page.
import { get } from './api.js';
import {
  h, clear, fmtDate, fmtHours, progressBar, statusChip, errorPanel, loading, yearOptions, hoursShort, fmtRangeIn, CATEGORY,
} from './ui.js';
import { session } from './state.js';
import { exemptionsIn, exemptionText } from './claim-view.js';

export function statusSentence(r, exemptions = []) {
  const parts = [];
  for (const c of ['legal', 'business'])
    if (r[c].shortfall > 0) parts.push(`${CATEGORY[c]}还差 ${fmtHours(r[c].shortfall)} 学时`);
  switch (r.status) {
    case 'met': return '本年度学时已达标。';
    case 'exempt': return r.year < 2023 ? '2023 年以前无学时要求，免于考核。'
      : exemptionsIn(exemptions, r.year).length ? '本年度在岗期间均在学时减免期内，免于考核。' : '本年度不在岗，免于考核。';
    case 'in_progress': return `尚未达标：${parts.join('，')}。`;
    case 'not_met': return `${r.year}年度未达标：${parts.join('，')}。`;
    default: return '';
  }
}

// The behind-pace warning: per category behind, the hours an even pace reaches by as_of against
// the hours earned; how that figure is made; and what follows if the year ends short.
export function paceWarning(r, officer, { self = false } = {}) {
  const behind = ['legal', 'business'].filter((c) => r[c].behind_pace && r[c].shortfall > 0);
  if (!behind.length || r.status !== 'in_progress') return null;
  const police = officer && officer.kind === 'police';
  return h('div', { class: 'warn pace-box', role: 'note', 'aria-labelledby': 'pace-title' },
    h('p', { class: 'pace-title', id: 'pace-title' }, h('strong', {}, '进度落后'),
      `：截至${fmtDate(r.as_of)}，按全年时间进度`),
    // `expected` is the server's (GET /officers/{id}/hours): the rule has one home.
    h('ul', { class: 'pace-list' }, behind.map((c) => h('li', { dataset: { cat: c, expected: String(r[c].expected) } },
      `${CATEGORY[c]}：应有 `, h('strong', {}, `${fmtHours(r[c].expected)} 学时`), `，现有 ${fmtHours(r[c].earned)} 学时`))),
    h('p', { class: 'pace-how small' }, '按进度应有 = 全年要求 × 本年已在岗天数 ÷ 本年在岗总天数。'),
    h('p', { class: 'pace-then' }, h('strong', {}, '年底仍未达标：'),
      h('span', { class: 'flow' }, '年度未达标', ' → ', '列入年度退出审查',
        police ? null : [' → ', '可能被暂扣或收回行政执法证']),
      self ? '。请尽快参加培训。' : '。'));
}

// One line per training: title, dates, only the categories it credits. An external training (an
// approved claim, `source: "external"`) is marked 外部培训 with who ran it; it has no session page.
function trainingLines(items, year, { upcoming = false } = {}) {
  return h('ul', { class: 'tlines' }, items.map((t) => h('li', {
    class: `tline${t.source === 'external' ? ' tline-external' : ''}`,
    dataset: t.source === 'external' ? { claim: t.claim_id, source: 'external' } : { training: t.id },
  },
    h('span', { class: 'tline-title' }, t.title,
      t.source === 'external' ? [h('span', { class: 'chip chip-external' }, '外部培训'),
        t.provider ? h('span', { class: 'tline-provider muted small' }, ` ${t.provider}`) : null] : null),
    h('span', { class: 'tline-meta' },
      h('span', { class: 'tline-date' }, fmtRangeIn(year, t.start_date || t.end_date, t.end_date)),
      h('span', { class: 'tline-hours' }, hoursShort(t.hours)),
      upcoming ? h('span', { class: 'tline-when' }, `${fmtRangeIn(year, t.end_date, t.end_date)}结束后计入`) : null))));
}

// The exemptions of the year shown (学时减免): their days count as days not on post, so the
// requirement shrinks (the server's `required` says by how much).
function exemptionNote(list, year) {
  const mine = exemptionsIn(list, year);
  if (!mine.length) return null;
  return h('div', { class: 'exempt-note', role: 'note' },
    h('strong', {}, '学时减免：'), mine.map((e, i) => [i ? '；' : '', exemptionText(e)]),
    h('span', { class: 'muted small' }, '。减免期间按不在岗计算，学时要求相应折减。'));
}

// `data`: the answer of GET /officers/{id}/hours for this year when the caller already has it.
// `self`: the officer reads their own page (我的学时). `exemptions`: the officer's (学时减免).
export async function hoursView(host, officer, { year, onYear, data, self = false, exemptions = [] } = {}) {
  let r = data && (!year || data.year === +year) ? data : null;
  if (!r) {
    clear(host, loading('正在加载学时…'));
    try {
      r = await get(`/officers/${officer.id}/hours${year ? '?year=' + year : ''}`);
    } catch (e) {
      clear(host, errorPanel(e, () => hoursView(host, officer, { year, onYear, self, exemptions })));
      return null;
    }
  }
  if (!session.today && !year) session.today = r.as_of;
  const current = session.today ? +session.today.slice(0, 4) : r.year;
  const firstYear = Math.min(r.year, Math.max(2023, +officer.post_start.slice(0, 4)));
  const sel = h('select', { id: 'year-select', name: 'year' }, yearOptions(firstYear, Math.max(current, r.year), r.year));
  sel.addEventListener('change', () => onYear && onYear(+sel.value));

  const summary = h('section', { class: 'panel hours-summary', 'aria-labelledby': 'hours-title' },
    h('div', { class: 'row-between' },
      h('h2', { id: 'hours-title' }, `${r.year}年度学时`),
      h('div', { class: 'inline-field' }, h('label', { for: 'year-select' }, '年度'), sel)),
    h('p', { class: 'status-line' }, statusChip(r.status), ' ', h('span', { class: 'status-text' }, statusSentence(r, exemptions))),
    exemptionNote(exemptions, r.year),
    h('p', { class: 'muted small' }, `统计截至 ${fmtDate(r.as_of)}（按培训结束日期计入年度；尚未结束的培训不计入）`),
    paceWarning(r, officer, { self }),
    progressBar('legal', r.legal),
    progressBar('business', r.business),
    h('div', { class: 'political' },
      h('span', {}, CATEGORY.political),
      h('strong', {}, `${fmtHours(r.political.earned)} 学时`),
      h('span', { class: 'muted' }, '（单独记录，不计入以上两类）')));

  const sum = (k) => r.trainings.reduce((a, t) => a + (t.hours[k] || 0), 0);
  const totals = { legal: sum('legal'), business: sum('business'), political: sum('political') };
  const list = h('section', { class: 'panel trainings-counted', 'aria-labelledby': 'tr-title' },
    h('h2', { id: 'tr-title' }, `计入${r.year}年度的培训（${r.trainings.length} 次）`),
    r.trainings.length === 0 ? h('p', { class: 'muted' }, '本年度暂无已结束的培训记录。')
      : [trainingLines(r.trainings, r.year),
        h('p', { class: 'tlines-total' }, h('strong', {}, '合计：'), hoursShort(totals, { empty: '0 学时' }))]);
  const upcoming = r.upcoming || [];
  const later = upcoming.length === 0 ? null : h('section', { class: 'panel trainings-upcoming', 'aria-labelledby': 'up-title' },
    h('h2', { id: 'up-title' }, `尚未结束的培训（结束后计入）`),
    h('p', { class: 'muted small' }, `已登记${self ? '您' : ''}参加，但培训尚未结束：学时自结束日期起计入，现在不计入以上学时。`),
    trainingLines(upcoming, r.year, { upcoming: true }));
  clear(host, summary, list, later);
  return r;
}
