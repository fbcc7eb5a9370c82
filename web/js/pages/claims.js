// 学时认定 (hr, admin): the external trainings officers claimed, the queue oldest submitted first;
// a claim's page shows its evidence (an image inline, a PDF in the browser's viewer) beside the
// decision — 认定 with the hours pre-filled from the claim and lowered where the evidence shows less,
// or 不予认定 with a reason. Every state can be listed, so an approved claim is found again; the
// administrator may 撤销 an approved one (with a reason).
import { get, post, qs } from '../api.js';
import {
  h, clear, fmtDateTime, fmtHours, hoursShort, field, showError, showMessage, clearErrors, errorPanel,
  loading, toast, unitOptions, yearOptions, offsetPager, CATEGORY,
} from '../ui.js';
import { units, setQuery, thisYear, serverToday } from '../state.js';
import { actorLabel } from '../labels.js';
import {
  CLAIM_STATE, claimStateChip, evidenceView, fmtSpan, hoursLong, creditedLess, invalidateClaimCount, claimCountBadge, setClaimCount,
} from '../claim-view.js';

const PAGE = 50;
const CATS = ['legal', 'business', 'political'];
const STATE_ORDER = ['submitted', 'awaiting_evidence', 'approved', 'rejected', 'revoked', 'withdrawn'];

// ?state= of the page: absent = submitted (the queue), "all" = every state.
function stateParam(p) {
  const s = p.get('state');
  if (s === 'all') return '';
  return CLAIM_STATE[s] ? s : 'submitted';
}

export async function claimsPage(main, { params, user, isCurrent, setTitle }) {
  const list = await units();
  await serverToday();
  const state = {
    state: stateParam(params),
    unit: list.some((u) => String(u.id) === params.get('unit')) ? params.get('unit') : '',
    year: /^\d{4}$/.test(params.get('year') || '') ? params.get('year') : '',
    offset: Math.max(0, +params.get('offset') || 0),
  };
  const saveQuery = () => setQuery({ state: state.state || 'all', unit: state.unit, year: state.year, offset: state.offset || '' }, isCurrent);
  const stateSel = h('select', { id: 'cl-state', name: 'state' },
    STATE_ORDER.map((s) => h('option', { value: s, selected: s === state.state }, s === 'submitted' ? '待认定（先提交的在前）' : CLAIM_STATE[s])),
    h('option', { value: '', selected: state.state === '' }, '全部状态'));
  const unitSel = h('select', { id: 'cl-unit', name: 'unit_id' }, unitOptions(list, state.unit, { all: user.role === 'admin' ? '全部单位' : '本单位（含下级）' }));
  const current = thisYear();
  const yearSel = h('select', { id: 'cl-year', name: 'year' }, h('option', { value: '' }, '全部年度'), yearOptions(2023, current, state.year));
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    field('状态', stateSel, { fieldName: 'state' }),
    field('单位', unitSel, { fieldName: 'unit_id' }),
    field('培训年度', yearSel, { fieldName: 'year' }));
  const results = h('div', { class: 'claims-results', 'aria-live': 'polite' });
  clear(main,
    h('h1', {}, '学时认定'),
    h('p', { class: 'muted' }, '执法人员申报的外部培训：查看证明材料后认定（可少于申报学时，不能多于），或不予认定并说明原因。',
      '认定的学时计入培训结束日期所在年度。'),
    filters, results);

  let seq = 0;
  async function load() {
    const my = ++seq;
    clearErrors(filters);
    clear(results, loading('正在加载申报…'));
    saveQuery();
    if (setTitle) setTitle(state.state === 'submitted' ? '' : CLAIM_STATE[state.state] || '全部', '学时认定');
    let data;
    try {
      data = await get('/claims' + qs({ state: state.state, unit_id: state.unit, year: state.year, limit: PAGE, offset: state.offset }));
    } catch (e) {
      if (my !== seq || !isCurrent()) return;
      clear(results);
      if (e.field) showError(filters, e); else clear(results, errorPanel(e, load));
      return;
    }
    if (my !== seq || !isCurrent()) return;
    // A page past the end (the last claim of the page decided elsewhere): the first page.
    if (data.items.length === 0 && state.offset > 0) { state.offset = 0; return load(); }
    if (state.state === 'submitted' && state.unit === '' && state.year === '') setClaimCount(data.total);
    const what = state.state ? `${CLAIM_STATE[state.state]}的申报` : '申报';
    clear(results,
      h('p', { class: 'muted', role: 'status', id: 'claims-count' }, `共 ${data.total} 件${what}`),
      data.items.length === 0
        ? h('div', { class: 'panel empty-state' }, h('p', {}, state.state === 'submitted' ? '没有待认定的申报。' : '没有符合条件的申报。'))
        : h('table', { class: 'table stack claims-table' },
          h('caption', { class: 'sr-only' }, `外部培训申报（${what}）`),
          h('thead', {}, h('tr', {}, ['人员', '单位', '培训名称', '举办单位', '培训日期', '申报学时', state.state === 'submitted' ? '提交时间' : '状态', ''].map((t, i) =>
            h('th', { scope: 'col' }, t || '操作')))),
          h('tbody', {}, data.items.map((c) => h('tr', { dataset: { claim: c.id, state: c.state } },
            h('td', { 'data-label': '人员', class: 'nowrap' }, h('a', { href: `#/officers/${c.officer_id}` }, c.name)),
            h('td', { 'data-label': '单位' }, c.unit_name || ''),
            h('td', { 'data-label': '培训名称', class: 'claim-title-cell' }, c.title),
            h('td', { 'data-label': '举办单位' }, c.provider),
            h('td', { 'data-label': '培训日期' }, fmtSpan(c.start_date, c.end_date)),
            h('td', { 'data-label': '申报学时', class: 'nowrap-md' }, hoursShort(c.hours)),
            state.state === 'submitted'
              ? h('td', { 'data-label': '提交时间' }, c.submitted_at ? fmtDateTime(c.submitted_at).replace(/:\d{2}$/, '') : '—')
              : h('td', { 'data-label': '状态' }, claimStateChip(c),
                c.credited && c.state === 'approved' ? h('div', { class: 'small muted' }, `认定 ${hoursShort(c.credited)}`) : null),
            h('td', { 'data-label': null, class: 'claim-open-cell' },
              h('a', { class: `button${c.state === 'submitted' ? '' : ' secondary'} claim-open`, href: `#/claims/${c.id}`,
                'aria-label': `${c.state === 'submitted' ? '查看并认定' : '查看'}：${c.name}的申报“${c.title}”` }, c.state === 'submitted' ? '查看并认定' : '查看')))))),
      offsetPager(data, (o) => { state.offset = o; load(); }));
  }

  stateSel.addEventListener('change', () => { state.state = stateSel.value; state.offset = 0; load(); });
  unitSel.addEventListener('change', () => { state.unit = unitSel.value; state.offset = 0; load(); });
  yearSel.addEventListener('change', () => { state.year = yearSel.value; state.offset = 0; load(); });
  await load();
}

// ---- one claim ----

// The body with `reason` when one was written; a blank one is left out, so that where a reason
// is required the server names that rule (required), not an empty text.
function withReason(body, text) {
  const reason = text.trim();
  return reason ? { ...body, reason } : body;
}

export async function claimPage(main, { args, user, isCurrent, setTitle }) {
  const id = +args[0];
  const c = await get(`/claims/${id}`);
  if (!isCurrent()) return;
  draw(c);

  function draw(c, { decided } = {}) {
    if (setTitle) setTitle(c.title, '学时认定');
    // The panels the server offers (the claim's allowed_actions); a claim of the reviewer's own
    // officer record is submitted but not theirs to decide.
    const allowed = c.allowed_actions || [];
    const decide = allowed.includes('approve') ? decisionPanel(c)
      : c.state === 'submitted' ? h('p', { class: 'panel muted own-claim-note', role: 'note' }, '这是您本人的申报：须由其他人事专员或管理员认定。') : null;
    const revoke = allowed.includes('revoke') ? revokePanel(c) : null;
    clear(main,
      h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/claims' }, '学时认定'), ' › ', c.title),
      h('div', { class: 'page-head' },
        h('h1', { class: 'claim-h1' }, c.title, claimStateChip(c)),
        h('p', { class: 'muted claim-who' }, h('a', { href: `#/officers/${c.officer_id}` }, c.name), ` · ${c.unit_name || ''} · 申报编号 ${c.id}`)),
      decided ? decided : null,
      h('div', { class: 'claim-layout' },
        h('section', { class: 'panel claim-evidence', 'aria-labelledby': 'ev-title' },
          h('h2', { id: 'ev-title' }, '证明材料'), evidenceView(c)),
        h('div', { class: 'claim-side' },
          h('section', { class: 'panel claim-facts', 'aria-labelledby': 'cf-title' },
            h('h2', { id: 'cf-title' }, '申报内容'),
            h('dl', { class: 'facts' },
              fact('培训名称', c.title), fact('举办单位', c.provider), fact('培训日期', fmtSpan(c.start_date, c.end_date)),
              fact('申报学时', hoursLong(c.hours), 'claimed'),
              c.credited ? fact(c.state === 'revoked' ? '原认定学时（已撤销）' : '认定学时', [hoursLong(c.credited),
                c.state === 'approved' && creditedLess(c) ? h('span', { class: 'muted small' }, '（少于申报）') : null], 'credited') : null,
              fact('状态', c.state_name || CLAIM_STATE[c.state]),
              fact('申报', `${actorLabel(c.created_by)} ${fmtDateTime(c.created_at)}`),
              c.submitted_at ? fact('证明上传', fmtDateTime(c.submitted_at)) : null,
              c.decided_at ? fact(c.state === 'revoked' ? '撤销' : '认定', `${actorLabel(c.decided_by)} ${fmtDateTime(c.decided_at)}`) : null,
              c.reason ? fact(c.state === 'rejected' ? '未通过原因' : c.state === 'revoked' ? '撤销原因' : '说明', c.reason, 'reason') : null)),
          decide, revoke)));
  }

  function fact(k, v, key) {
    return [h('dt', {}, k), h('dd', { dataset: key ? { fact: key } : undefined }, v || '—')];
  }

  async function after(r, text) {
    invalidateClaimCount();
    claimCountBadge(user, { maxAge: 0 });
    toast(text);
    // The next claim waiting, to go on with the queue.
    let next = null;
    try {
      const q = await get('/claims' + qs({ state: 'submitted', limit: 1 }));
      next = q.items && q.items[0];
    } catch { /* no link to the next one */ }
    if (!isCurrent()) return;
    draw(r, { decided: h('div', { class: 'panel decided-note', role: 'status' },
      h('p', {}, h('strong', {}, text)),
      h('div', { class: 'actions left' },
        next ? h('a', { class: 'button', href: `#/claims/${next.id}`, id: 'claim-next' }, `下一件：${next.name} · ${next.title}`) : h('span', { class: 'muted' }, '没有其他待认定的申报。'),
        h('a', { class: 'button secondary', href: '#/claims' }, '返回学时认定'))) });
  }

  // 认定 with the hours pre-filled (never more than claimed), 不予认定 with a reason.
  function decisionPanel(c) {
    const inputs = Object.fromEntries(CATS.map((k) => [k, h('input', { name: `hours.${k}`, type: 'number', inputmode: 'decimal', min: '0', max: String(c.hours[k] || 0),
      step: '0.5', value: String(c.hours[k] || 0), disabled: !(c.hours[k] > 0), class: 'hours-input' })]));
    const note = h('textarea', { name: 'reason', rows: '2', maxlength: '500' });
    const approve = h('button', { type: 'submit', id: 'claim-approve' }, '认定');
    const reject = h('button', { type: 'button', id: 'claim-reject', class: 'danger' }, '不予认定');
    const form = h('form', { class: 'decide-claim-form', novalidate: true },
      h('fieldset', { class: 'credit-fields', dataset: { field: 'hours' } },
        h('legend', {}, '认定学时（已按申报填好；证明材料显示的较少时改小）'),
        CATS.map((k) => field(`${CATEGORY[k]}（申报 ${fmtHours(c.hours[k] || 0)}）`, inputs[k], { fieldName: `hours.${k}` }))),
      field('说明（可选；不予认定时必填）', note, { fieldName: 'reason' }),
      h('div', { class: 'actions left' }, approve, reject));
    if (c.evidence === undefined || c.evidence === null)
      form.prepend(h('p', { class: 'warn' }, '尚未上传证明材料。'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const hours = {};
      for (const k of CATS) {
        const raw = inputs[k].value.trim();
        const v = raw === '' ? 0 : Number(raw);
        if (!Number.isFinite(v) || v < 0) return showMessage(form, `${CATEGORY[k]}学时“${raw}”不正确`, `hours.${k}`);
        hours[k] = v;
      }
      const body = withReason({ decision: 'approve', hours }, note.value);
      approve.disabled = true;
      reject.disabled = true;
      try {
        const r = await post(`/claims/${c.id}/decision`, body);
        await after(r, `已认定 ${r.name}“${r.title}”：${hoursShort(r.credited || hours)} 学时`);
      } catch (e) {
        showError(form, e);
        if (e.status === 409) reloadSoon();
      } finally {
        approve.disabled = false;
        reject.disabled = false;
      }
    });
    reject.addEventListener('click', async () => {
      clearErrors(form);
      approve.disabled = true;
      reject.disabled = true;
      try {
        // Left out when blank: the server requires it (原因为必填项, at the field), one home for that rule.
        const r = await post(`/claims/${c.id}/decision`, withReason({ decision: 'reject' }, note.value));
        await after(r, `已不予认定 ${r.name}“${r.title}”`);
      } catch (e) {
        showError(form, e);
        if (e.status === 409) reloadSoon();
      } finally {
        approve.disabled = false;
        reject.disabled = false;
      }
    });
    return h('section', { class: 'panel claim-decide', 'aria-labelledby': 'cd-title' },
      h('h2', { id: 'cd-title' }, '认定'),
      h('p', { class: 'muted small' }, `${c.name}申报 ${fmtSpan(c.start_date, c.end_date)} 的培训，计入 ${c.end_date.slice(0, 4)} 年度。`),
      form);
  }

  // 撤销 (admin): an approved claim's hours no longer count; a reason is required.
  function revokePanel(c) {
    const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '500' });
    const btn = h('button', { type: 'submit', class: 'danger', id: 'claim-revoke' }, '撤销认定');
    const form = h('form', { class: 'revoke-form', novalidate: true },
      field('撤销原因（必填）', reason, { fieldName: 'reason' }),
      h('div', { class: 'actions left' }, btn));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      btn.disabled = true;
      try {
        const r = await post(`/claims/${c.id}/revoke`, withReason({}, reason.value));
        await after(r, `已撤销 ${r.name}“${r.title}”的认定：其学时不再计入`);
      } catch (e) {
        showError(form, e);
        if (e.status === 409) reloadSoon();
      } finally {
        btn.disabled = false;
      }
    });
    return h('details', { class: 'panel claim-revoke' },
      h('summary', {}, '撤销认定'),
      h('p', { class: 'muted small' }, '认定有误时撤销：已认定的学时不再计入该人员的年度学时。'),
      form);
  }

  // A 409 means the claim moved meanwhile (withdrawn, decided by someone else): shown as it is now,
  // the message staying visible above.
  function reloadSoon() {
    get(`/claims/${id}`).then((r) => {
      if (!isCurrent() || r.state === 'submitted') return;
      const msg = main.querySelector('.field-error');
      draw(r, { decided: msg ? h('div', { class: 'panel panel-error', role: 'alert' }, msg.cloneNode(true)) : null });
    }, () => {});
  }
}

