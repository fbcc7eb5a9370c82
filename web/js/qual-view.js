// Qualification exams and certificate applications (申领 → 资格审查 → 审核 → 发证), the parts shared by
// 证件申领 (hr, admin), 资格考试 (admin) and 我的学时 (officer): the five checks of the review with
// ✓/✗ and their detail, an application's state and kind in words, an exam result's 合格/不合格.
import { get, qs } from './api.js';
import { h, clear, fmtDate, loading, errorText } from './ui.js';

// The checks in the order the API gives them (docs/api.md, "An application is …").
export const CHECK = {
  on_post: '在岗',
  exam_passed: '资格考试合格',
  training_met: '上年度学时达标',
  assessment_ok: '上年度考核',
  certificate_slot: '持证情况',
};
export const APP_KIND = { first: '首次申领', renewal: '换证' };
export const APP_STATE = { submitted: '待审核', approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' };

export function checkLabel(code) { return CHECK[code] || code; }

// "资格考试合格、上年度学时达标" from ['exam_passed', 'training_met'] (or a comma-separated string).
export function checkNames(codes) {
  const list = Array.isArray(codes) ? codes : String(codes || '').split(',').filter(Boolean);
  return list.map((c) => checkLabel(c.trim())).join('、');
}

// The review: one line per check, ✓ or ✗ (spoken as 符合 / 不符合), its label and the server's detail.
export function checksList(checks, { label = '资格审查' } = {}) {
  return h('ul', { class: 'checks', 'aria-label': label }, (checks || []).map((c) => h('li', {
    class: `check ${c.ok ? 'check-ok' : 'check-fail'}`, dataset: { code: c.code, ok: c.ok ? '1' : '0' },
  },
  h('span', { class: 'check-mark', 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'),
  h('span', { class: 'sr-only' }, c.ok ? '符合：' : '不符合：'),
  h('strong', { class: 'check-label' }, checkLabel(c.code)),
  c.detail ? h('span', { class: 'check-detail' }, c.detail) : null)));
}

// 资格审查 通过 / 未通过 as a chip.
export function qualifiedChip(qualified) {
  return h('span', { class: `chip ${qualified ? 'chip-met' : 'chip-not_met'}`, dataset: { qualified: qualified ? '1' : '0' } },
    qualified ? '资格审查通过' : '资格审查未通过');
}

export function appStateChip(a) {
  return h('span', { class: `chip app-${a.state}`, dataset: { state: a.state } }, a.state_name || APP_STATE[a.state] || a.state);
}

export function passChip(passed) {
  return h('span', { class: `chip ${passed ? 'chip-met' : 'chip-not_met'}`, dataset: { passed: passed ? '1' : '0' } }, passed ? '合格' : '不合格');
}

// 90 -> "90", 72.5 -> "72.5"
export function fmtScore(s) {
  if (s === null || s === undefined) return '—';
  return Number.isInteger(s) ? String(s) : String(Number(s).toFixed(1));
}

// The dates of an application in one line: 2025年10月9日提交 · 2025年10月11日已批准.
export function appDates(a) {
  return [`${fmtDate(a.submitted_on)}提交`, a.decided_on ? `${fmtDate(a.decided_on)}${a.state_name || APP_STATE[a.state] || ''}` : null]
    .filter(Boolean).join(' · ');
}

// What followed the decision: the certificate issued, or the reason given.
export function appOutcome(a) {
  return [
    a.certificate ? h('p', { class: 'app-cert' }, '证号 ', h('strong', { class: 'mono' }, a.certificate.number),
      h('span', { class: 'muted' }, `（${fmtDate(a.certificate.issued_on)}发证，有效期至${fmtDate(a.certificate.expires_on)}）`)) : null,
    a.reason ? h('p', { class: 'app-reason' }, a.state === 'withdrawn' ? '撤回原因：' : '驳回原因：', a.reason) : null,
  ];
}

// A read-only card of one application (我的学时; the review queue adds its buttons through `actions`).
export function applicationCard(a, { actions, showName = false } = {}) {
  return h('article', { class: `app-card app-card-${a.state}`, dataset: { app: a.id, state: a.state } },
    h('div', { class: 'row-between app-head' },
      h('h3', { class: 'app-title' }, showName ? `${a.name} · ` : '', a.kind_name || APP_KIND[a.kind] || a.kind, appStateChip(a)),
      actions || null),
    h('p', { class: 'muted app-meta' }, showName && a.unit_name ? `${a.unit_name} · ` : '', `申领编号 ${a.id} · ${appDates(a)}`),
    appOutcome(a),
    h('details', { class: 'app-checks', open: a.state === 'submitted' },
      h('summary', {}, `提交时的资格审查：`, qualifiedChip(a.qualified)),
      checksList(a.checks, { label: `申领 ${a.id} 的资格审查` })));
}

// Find an officer by name and pick one (证件申领, 资格考试 登记成绩): a search box, the matches as
// buttons, then the one chosen with 重新选择. Not a <form> of its own: it may sit inside one.
// `onPick(officer|null)` is called on each change.
export function officerPicker({ id, label = '按姓名查找人员', onPick, filter }) {
  const input = h('input', { id: `${id}-q`, type: 'search', placeholder: '输入姓名', autocomplete: 'off' });
  const go = h('button', { type: 'button', class: 'secondary', id: `${id}-find` }, '查找');
  const list = h('div', { class: 'pick-results', 'aria-live': 'polite' });
  const chosen = h('div', { class: 'pick-chosen', hidden: true });
  const searchRow = h('div', { class: 'pick-search' },
    h('div', { class: 'field' }, h('label', { for: input.id }, label), h('div', { class: 'inline-field' }, input, go)), list);
  const el = h('div', { class: 'picker-box', id }, searchRow, chosen);
  let seq = 0;
  let picked = null;
  async function search() {
    const q = input.value.trim();
    const my = ++seq;
    if (!q) { clear(list, h('p', { class: 'muted small' }, '请输入姓名。')); return; }
    clear(list, loading('正在查找…'));
    try {
      const data = await get('/officers' + qs({ q, status: 'active', limit: 20 }));
      if (my !== seq) return;
      const items = filter ? data.items.filter(filter) : data.items;
      clear(list, items.length === 0 ? h('p', { class: 'muted' }, `没有找到在岗人员“${q}”。`)
        : [h('p', { class: 'muted small' }, data.total > data.items.length ? `共 ${data.total} 人，显示前 ${data.items.length} 人` : `共 ${items.length} 人`),
          h('ul', { class: 'pick-list' }, items.map((o) => h('li', {},
            h('button', { type: 'button', class: 'secondary pick-btn', dataset: { officer: o.id }, onclick: () => pick(o) },
              `选择 ${o.name}`, h('span', { class: 'muted' }, `（${o.unit_name || ''}${o.kind === 'police' ? ' · 人民警察' : ''}）`)))))]);
    } catch (e) {
      if (my === seq) clear(list, h('p', { class: 'field-error', role: 'alert' }, errorText(e)));
    }
  }
  function pick(o) {
    picked = o;
    if (o) clear(list);
    searchRow.hidden = !!o;
    chosen.hidden = !o;
    if (o) {
      clear(chosen, h('p', { class: 'pick-name' }, '已选：', h('strong', {}, o.name), h('span', { class: 'muted' }, `（${[o.unit_name, o.kind ? (o.kind === 'police' ? '人民警察' : '行政执法人员') : ''].filter(Boolean).join(' · ')}）`), ' ',
        h('button', { type: 'button', class: 'link', id: `${id}-change`, onclick: () => { pick(null); input.focus(); } }, '重新选择')));
    } else {
      clear(chosen);
    }
    if (onPick) onPick(o);
  }
  go.addEventListener('click', search);
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } });
  return { el, input, pick, get officer() { return picked; } };
}
