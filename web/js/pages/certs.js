// 证件管理 (admin): find an officer, issue a certificate, suspend/restore/withdraw/cancel it with a reason,
// eligibility on a date; certificates expiring soon; the exit review of a year (recommendations only,
// each listed officer marked with the admin's decision: 不予处理 / 暂扣 / 收回 / 注销).
import { get, getAll, post, put, del, qs, download } from '../api.js';
import {
  h, clear, fmtDate, fmtDateTime, field, showError, showMessage, clearErrors, errorPanel, errorText, loading, toast, confirmDialog,
  statusChip, unitOptions, yearOptions, certChip, defaultExpiry, printHead, printButton, downloadButton,
  KIND, OFFICER_STATUS, CERT_ACTION, GRADE, REASON_CODE,
} from '../ui.js';
import { units, homeUnit, setQuery, serverToday } from '../state.js';
import { certCard, POLICE_NOTE } from '../cert-view.js';
import { actorLabel } from '../labels.js';
import { sortableTable, dataTable } from '../table.js';

const TABS = [
  { key: '', label: '查找人员' },
  { key: 'expiring', label: '即将到期' },
  { key: 'exit', label: '退出审查' },
];

function tabs(active) {
  return h('nav', { class: 'tabs', 'aria-label': '证件管理' }, TABS.map((t) => h('a', {
    href: '#/certs' + (t.key ? '?tab=' + t.key : ''), class: t.key === active ? 'active' : '', 'aria-current': t.key === active ? 'page' : null,
  }, t.label)));
}

export async function certsPage(main, { params, isCurrent, setTitle }) {
  const tab = params.get('tab') || '';
  if (tab && setTitle) setTitle((TABS.find((t) => t.key === tab) || {}).label, '证件管理');
  const host = h('div');
  clear(main, h('h1', {}, '证件管理'), tabs(tab), host);
  if (tab === 'expiring') return expiringTab(host, params, isCurrent);
  if (tab === 'exit') return exitTab(host, params, isCurrent);
  return searchTab(host, params, isCurrent);
}

// ---- 查找人员 ----

async function searchTab(host, params, isCurrent) {
  const search = h('input', { id: 'c-q', name: 'q', type: 'search', placeholder: '输入姓名或完整身份证号', value: params.get('q') || '', autocomplete: 'off' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
    field('按姓名查找人员', search, { fieldName: 'q' }),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, '查找')));
  clear(host, form, results);
  let seq = 0;
  async function load() {
    const my = ++seq;
    const q = search.value.trim();
    setQuery({ q }, isCurrent);
    clearErrors(form);
    if (!q) { clear(results, h('p', { class: 'panel muted' }, '输入姓名查找人员，进入其证件页面办理发证、暂扣、恢复、收回、注销。')); return; }
    clear(results, loading('正在查找…'));
    try {
      const data = await get('/officers' + qs({ q, limit: 50 }));
      if (my !== seq || !isCurrent()) return;
      clear(results, data.items.length === 0 ? h('p', { class: 'panel muted' }, `没有找到“${q}”。`) : h('section', { class: 'panel' },
        h('p', { class: 'muted' }, data.total > data.items.length ? `共 ${data.total} 人，显示前 ${data.items.length} 人，请输入更完整的姓名。` : `共 ${data.total} 人`),
        h('table', { class: 'table stack search-table' },
          h('thead', {}, h('tr', {}, h('th', {}, '姓名'), h('th', {}, '单位'), h('th', {}, '人员类别'), h('th', {}, '状态'))),
          h('tbody', {}, data.items.map((o) => h('tr', { dataset: { officer: o.id } },
            h('td', { 'data-label': '姓名' }, h('a', { href: `#/certs/officers/${o.id}` }, o.name)),
            h('td', { 'data-label': '单位' }, o.unit_name || '—'),
            h('td', { 'data-label': '人员类别' }, KIND[o.kind] || o.kind),
            h('td', { 'data-label': '状态' }, OFFICER_STATUS[o.status] || o.status)))))));
    } catch (e) {
      if (my !== seq) return;
      clear(results);
      if (e.field) showError(form, e); else clear(results, errorPanel(e, load));
    }
  }
  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  await load();
  search.focus();
}

// ---- 即将到期 ----

async function expiringTab(host, params, isCurrent) {
  const days = params.get('days') || '90';
  const sel = h('select', { id: 'x-days' }, ['30', '60', '90', '180', '365'].map((d) => h('option', { value: d, selected: d === days }, `${d} 天内`)));
  const results = h('div');
  clear(host, h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, field('到期时间', sel)), results);
  sel.addEventListener('change', () => { setQuery({ tab: 'expiring', days: sel.value }, isCurrent); load(); });
  async function load() {
    clear(results, loading('正在加载…'));
    try {
      const data = await getAll('/certificates/expiring' + qs({ days: sel.value }));
      if (!isCurrent()) return;
      clear(results, h('section', { class: 'panel' },
        h('h2', {}, `${sel.value} 天内到期的证件（${data.items.length} 本）`),
        h('p', { class: 'muted' }, '仍有效或暂扣中、将在期限内到期的行政执法证，请提前安排换证。'),
        data.items.length === 0 ? h('p', { class: 'muted' }, '没有即将到期的证件。') :
          sortableTable(h('table', { class: 'table stack expiring-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', dataset: { sort: 'text' } }, '姓名'), h('th', { scope: 'col', dataset: { sort: 'text' } }, '单位'),
              h('th', { scope: 'col', dataset: { sort: 'text' } }, '证号'), h('th', { scope: 'col', dataset: { sort: 'text' } }, '状态'),
              h('th', { scope: 'col', dataset: { sort: 'text' } }, '有效期至'), h('th', { scope: 'col', class: 'num', dataset: { sort: 'number' } }, '剩余天数'))),
            h('tbody', {}, data.items.map((c) => h('tr', { dataset: { cert: c.certificate_id }, class: c.days_left <= 30 ? 'behind' : '' },
              h('td', { 'data-label': '姓名' }, h('a', { href: `#/certs/officers/${c.officer_id}` }, c.name)),
              h('td', { 'data-label': '单位' }, c.unit_name || '—'),
              h('td', { 'data-label': '证号', class: 'mono' }, c.number),
              h('td', { 'data-label': '状态' }, certChip(c.state)),
              h('td', { 'data-label': '有效期至', dataset: { value: c.expires_on } }, fmtDate(c.expires_on)),
              h('td', { 'data-label': '剩余天数', class: 'num', dataset: { value: c.days_left } }, c.days_left === 0 ? '今日到期' : `${c.days_left} 天`))))))));
    } catch (e) {
      clear(results, errorPanel(e, load));
    }
  }
  await load();
}

// ---- 退出审查 ----

// The decision an admin records for a listed officer (GET/PUT /reviews/exit/{year}/officers/{id}).
// It records the decision only: the certificate itself is suspended, withdrawn or cancelled with the
// buttons of the officer's certificate page.
export const EXIT_DECISION = { no_action: '不予处理', suspend: '暂扣', withdraw: '收回', cancel: '注销' };
const SHOW = { '': '全部', pending: '待处理', handled: '已处理' };
const SHOW_PARAM = { pending: 'false', handled: 'true' };

async function exitTab(host, params, isCurrent) {
  const list = await units();
  const today = await serverToday();
  const current = +today.slice(0, 4);
  let year = params.get('year') || String(current - 1);
  let unitId = params.get('unit') || String(await homeUnit());
  let show = SHOW[params.get('show') || ''] ? params.get('show') || '' : '';
  const yearSel = h('select', { id: 'e-year' }, yearOptions(2023, current, +year));
  const unitSel = h('select', { id: 'e-unit' }, unitOptions(list, unitId));
  const showSel = h('select', { id: 'e-show' }, Object.entries(SHOW).map(([v, t]) => h('option', { value: v, selected: v === show }, t)));
  const results = h('div', { class: 'print-part', dataset: { printPart: 'exit' } });
  clear(host,
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'e-year' }, '审查年度'), yearSel),
      h('div', { class: 'field' }, h('label', { for: 'e-unit' }, '单位（含下级）'), unitSel),
      h('div', { class: 'field' }, h('label', { for: 'e-show' }, '处理情况'), showSel)),
    results);

  // what is on screen: the review answered (year, counts), its rows, the table drawing them
  let view = null;
  let seq = 0;
  const countsText = (c) => `共 ${c.listed} 人 · 已处理 ${c.handled} · 待处理 ${c.pending}`;

  function drawCounts() {
    const c = view.counts;
    view.countsEl.textContent = countsText(c);
    view.titleEl.textContent = `${view.year}年度退出审查（${c.listed} 人）`;
    // the filter's options say how many each would list
    for (const o of showSel.options) o.textContent = `${SHOW[o.value]}（${o.value === 'pending' ? c.pending : o.value === 'handled' ? c.handled : c.listed}）`;
  }

  async function load() {
    const my = ++seq;
    setQuery({ tab: 'exit', year, unit: unitId, show }, isCurrent);
    clear(results, loading('正在审查…'));
    try {
      const data = await getAll('/reviews/exit' + qs({ year, unit_id: unitId, handled: SHOW_PARAM[show] }));
      if (my !== seq || !isCurrent()) return;
      const unitName = (list.find((u) => String(u.id) === String(unitId)) || {}).name || '';
      const counts = data.counts || { listed: data.items.length, handled: data.items.filter((r) => r.handled).length, pending: data.items.filter((r) => !r.handled).length };
      const reviewYear = String(data.year || year);
      const exportPath = (format) => () => '/reviews/exit/export' + qs({ year: reviewYear, unit_id: unitId, format });
      view = {
        year: reviewYear, counts,
        titleEl: h('h2', { id: 'exit-title' }),
        countsEl: h('p', { class: 'exit-counts', id: 'exit-counts', role: 'status' }),
      };
      const table = data.items.length === 0 ? null : dataTable({
        idPrefix: 'exit', rows: data.items, pageSize: 50, tableClass: 'table stack exit-table', printAll: true,
        rowAttrs: (r) => ({ dataset: { officer: r.officer_id, handled: r.handled ? r.handled.decision : '' }, class: r.handled ? 'exit-handled' : null }),
        search: { label: '查找', placeholder: '姓名、证号或单位',
          match: (r, q) => r.name.includes(q) || (r.certificate_number || '').includes(q) || (r.unit_name || '').includes(q) },
        emptyText: '没有符合条件的人员。',
        columns: [
          { key: 'name', label: '姓名', sort: (r) => r.name, cell: (r) => h('a', { href: `#/certs/officers/${r.officer_id}` }, r.name) },
          { key: 'unit', label: '单位', sort: (r) => r.unit_name || '', cell: (r) => r.unit_name || '—' },
          { key: 'number', label: '证号', sort: (r) => r.certificate_number, tdClass: 'cert-cell',
            cell: (r) => [h('span', { class: 'mono' }, r.certificate_number),
              r.certificate_state && r.certificate_state !== 'valid' ? certChip(r.certificate_state) : null] },
          { key: 'status', label: '学时状态', sort: (r) => r.status, cell: (r) => statusChip(r.status) },
          { key: 'grade', label: '考核等次', sort: (r) => (r.grade ? GRADE[r.grade] || r.grade : '未登记'), cell: (r) => (r.grade ? GRADE[r.grade] || r.grade : '未登记') },
          { key: 'reasons', label: '原因', cell: (r) => h('ul', { class: 'reasons' }, r.reasons.map((x, i) => h('li', { dataset: { code: (r.reason_codes || [])[i] || '' } }, x))) },
          { key: 'mark', label: '处理结果', sort: (r) => (r.handled ? r.handled.decision_name || EXIT_DECISION[r.handled.decision] : ''), tdClass: 'mark-cell',
            cell: (r) => markCell(r) },
        ],
      });
      view.table = table;
      clear(results, h('section', { class: 'panel exit-panel', 'aria-labelledby': 'exit-title' },
        printHead('退出审查', [`${unitName}（含下级）`, `${reviewYear}年度`, `共 ${counts.listed} 人`,
          show ? `仅列${SHOW[show]}` : null, data.as_of ? `审查日期 ${fmtDate(data.as_of)}` : null], { today }),
        h('div', { class: 'row-between' }, view.titleEl, printButton('打印退出审查名单', 'exit', { id: 'print-exit' })),
        view.countsEl,
        h('div', { class: 'warn exit-note', role: 'note' },
          h('p', {}, h('strong', {}, '仅为建议：'),
            `以下人员持有行政执法证，且${reviewYear}年度学时未达标或年度考核为“不称职”；是否暂扣、收回或注销其证件，由管理员逐人审核决定。`),
          h('p', {}, h('strong', {}, '“标记处理”只记录决定，不改变证件状态：'),
            '暂扣、收回、注销须点击姓名进入其证件页面，用相应按钮办理。证件处理后此人仍列在名单中，证号旁显示证件状态。')),
        h('div', { class: 'downloads actions left exit-downloads' }, h('span', { class: 'muted' }, '下载审查名单（含处理结果）：'),
          downloadButton('下载 CSV', exportPath('csv'), download, { id: 'exit-dl-csv', fallbackName: `exit-review-${reviewYear}.csv` }),
          downloadButton('下载 XLSX（Excel）', exportPath('xlsx'), download, { id: 'exit-dl-xlsx', fallbackName: `exit-review-${reviewYear}.xlsx` })),
        table ? table.el : h('p', { class: 'muted' }, show ? `没有${SHOW[show]}的人员。` : '没有需要审查的人员。')));
      drawCounts();
    } catch (e) {
      if (my === seq) clear(results, errorPanel(e, load));
    }
  }

  // The 处理结果 cell: the decision recorded (who, when, the note) with 更改 / 撤销, or 标记处理.
  function markCell(r) {
    const m = r.handled;
    if (!m) {
      return h('div', { class: 'exit-mark mark-pending' }, h('span', { class: 'chip mark-chip-pending' }, '待处理'),
        h('button', { type: 'button', class: 'secondary small-btn mark-btn', 'aria-label': `标记处理：${r.name}`, onclick: () => markDialog(r) }, '标记处理'));
    }
    const name = m.decision_name || EXIT_DECISION[m.decision] || m.decision;
    // the certificate not (yet) acted on as decided: the way to do it
    const todo = m.decision !== 'no_action' && r.certificate_state === 'valid';
    return h('div', { class: 'exit-mark', dataset: { decision: m.decision } },
      h('span', { class: `chip mark-chip mark-chip-${m.decision}` }, `已处理 · ${name}`),
      m.note ? h('p', { class: 'mark-note' }, m.note) : null,
      h('p', { class: 'mark-meta muted small' }, `${actorLabel(m.by)} · ${fmtDateTime(m.at)}`),
      todo ? h('p', { class: 'mark-todo small' }, h('a', { href: `#/certs/officers/${r.officer_id}` }, `证件仍有效：去证件页面办理${name}`)) : null,
      h('div', { class: 'mark-actions' },
        h('button', { type: 'button', class: 'secondary small-btn mark-btn', 'aria-label': `更改处理结果：${r.name}`, onclick: () => markDialog(r) }, '更改'),
        h('button', { type: 'button', class: 'secondary small-btn danger-text undo-btn', 'aria-label': `撤销处理标记：${r.name}`, onclick: () => undoMark(r) }, '撤销')));
  }

  // After a change: the row drawn anew (same page and order), focus back on it, the counts as the server has them.
  async function changed(r, before) {
    if (!view) return;
    const c = view.counts;
    if (!before && r.handled) { c.handled++; c.pending--; }
    if (before && !r.handled) { c.handled--; c.pending++; }
    if (view.table) view.table.redraw();
    drawCounts();
    const btn = results.querySelector(`tr[data-officer="${r.officer_id}"] .mark-btn`);
    if (btn) btn.focus();
    const mine = view;
    try {
      const fresh = await get('/reviews/exit' + qs({ year: view.year, unit_id: unitId, limit: 1 }));
      if (mine === view && fresh.counts) { view.counts = fresh.counts; drawCounts(); }
    } catch { /* the counts drawn stay */ }
  }

  function markDialog(r) {
    const m = r.handled;
    const decision = h('select', { name: 'decision', required: true },
      m ? null : h('option', { value: '' }, '请选择'),
      Object.entries(EXIT_DECISION).map(([v, t]) => h('option', { value: v, selected: m && m.decision === v }, t)));
    const note = h('textarea', { name: 'note', rows: '3', maxlength: '500' });
    note.value = m && m.note ? m.note : '';
    const counter = h('span', {}, `${note.value.length}/500 字`);
    note.addEventListener('input', () => { counter.textContent = `${note.value.length}/500 字`; });
    const ok = h('button', { type: 'submit' }, '保存');
    const form = h('form', { method: 'dialog', novalidate: true, class: 'action-form mark-form' },
      h('p', {}, `${view.year}年度 · 证号 ${r.certificate_number}，证件当前状态：`, certChip(r.certificate_state || 'valid')),
      h('p', { class: 'muted' }, '这里只记录审查决定，不改变证件状态。决定暂扣、收回或注销的，请在',
        h('a', { href: `#/certs/officers/${r.officer_id}`, onclick: () => dlg.close() }, `${r.name}的证件页面`), '用相应按钮办理。'),
      field('处理结果', decision, { fieldName: 'decision' }),
      field('备注（可选）', note, { fieldName: 'note', hint: counter }),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dlg.close() }, '取消'), ok));
    const dlg = h('dialog', { class: 'dialog mark-dialog', 'aria-labelledby': 'mark-title', dataset: { officer: r.officer_id } },
      h('h2', { id: 'mark-title' }, `${m ? '更改处理结果' : '标记处理'}：${r.name}`), form);
    const reviewYear = view.year;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      if (!decision.value) return showMessage(form, '请选择处理结果', 'decision');
      if (note.value.length > 500) return showMessage(form, '备注最多 500 字', 'note');
      ok.disabled = true;
      try {
        const saved = await put(`/reviews/exit/${reviewYear}/officers/${r.officer_id}`, { decision: decision.value, note: note.value.trim() });
        const before = r.handled;
        r.handled = saved;
        dlg.close();
        toast(`已标记 ${r.name}：${saved.decision_name || EXIT_DECISION[saved.decision]}`);
        await changed(r, before);
      } catch (e) {
        showError(form, e);
      } finally {
        ok.disabled = false;
      }
    });
    dlg.addEventListener('close', () => dlg.remove());
    document.body.append(dlg);
    dlg.showModal();
    decision.focus();
  }

  async function undoMark(r) {
    const m = r.handled;
    const name = m.decision_name || EXIT_DECISION[m.decision];
    const yes = await confirmDialog({
      title: `撤销对${r.name}的处理标记？`,
      body: h('p', {}, `撤销后，${r.name}回到“待处理”（原标记：${name}）。证件状态不受影响。`),
      confirmText: '撤销标记', danger: true,
    });
    if (!yes) return;
    try {
      await del(`/reviews/exit/${view.year}/officers/${r.officer_id}`);
      toast(`已撤销 ${r.name} 的处理标记`);
    } catch (e) {
      // already undone elsewhere (404): it is pending all the same
      if (!(e.status === 404 && e.rule === 'exit_mark_not_found')) { toast(`撤销失败：${errorText(e)}`, 'error'); return; }
    }
    r.handled = null;
    await changed(r, m);
  }

  yearSel.addEventListener('change', () => { year = yearSel.value; load(); });
  unitSel.addEventListener('change', () => { unitId = unitSel.value; load(); });
  showSel.addEventListener('change', () => { show = showSel.value; load(); });
  await load();
}

// ---- one officer's certificates ----

export async function certOfficerPage(main, { args, isCurrent, setTitle }) {
  const id = args[0];
  const [officer, today] = await Promise.all([get(`/officers/${id}`), serverToday()]);
  if (setTitle) setTitle(`${officer.name}的行政执法证`, '证件管理');
  const police = officer.kind === 'police';
  const certsHost = h('div', { class: 'certs-host' });
  const issueHost = h('div');
  const eligHost = h('section', { class: 'panel', 'aria-labelledby': 'elig-title' });
  clear(main,
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: '#/certs' }, '证件管理'), ' › ', officer.name),
    h('div', { class: 'page-head row-between' },
      h('h1', {}, `${officer.name}的行政执法证`, officer.status === 'left' ? h('span', { class: 'chip chip-left' }, '已离岗') : null),
      h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: `#/officers/${id}` }, '人员学时与考核'))),
    h('section', { class: 'panel' }, h('dl', { class: 'facts' },
      fact('所属单位', officer.unit_name), fact('人员类别', KIND[officer.kind]), fact('身份证号', officer.id_number),
      fact('到岗日期', fmtDate(officer.post_start)), fact('离岗日期', officer.post_end ? fmtDate(officer.post_end) : '—'),
      fact('状态', OFFICER_STATUS[officer.status]))),
    police ? h('div', { class: 'panel note-police', role: 'note' }, h('h2', {}, '人民警察'), h('p', {}, POLICE_NOTE),
      h('p', { class: 'muted' }, '本页只提供其能否独立执法的查询，不提供发证或证件处理。')) : null,
    issueHost, certsHost, eligHost);

  let certs = [];
  async function loadCerts() {
    clear(certsHost, loading('正在加载证件…'));
    try {
      certs = (await getAll(`/officers/${id}/certificates`)).items;
    } catch (e) {
      clear(certsHost, errorPanel(e, loadCerts));
      return;
    }
    if (!isCurrent()) return;
    const sorted = certs.slice().sort((a, b) => b.issued_on.localeCompare(a.issued_on) || b.id - a.id);
    clear(certsHost, h('section', { class: 'panel', 'aria-labelledby': 'certs-title' },
      h('h2', { id: 'certs-title' }, `证件（${certs.length} 本）`),
      sorted.length === 0 ? h('p', { class: 'muted' }, police ? '无。' : '此人尚未取得行政执法证。') :
        sorted.map((c) => certCard(c, today, { actions: police ? null : actionBar(c) }))));
    if (!police) drawIssue();
  }

  function actionBar(cert) {
    // What the transition table allows today, as the server says (certificate.allowed_actions).
    const allowed = cert.allowed_actions || [];
    if (allowed.length === 0)
      return h('div', { class: 'cert-actions muted' }, cert.state === 'cancelled' ? '已注销，不能再办理' : '当前状态下无可办理的操作');
    return h('div', { class: 'cert-actions actions' }, allowed.map((a) => h('button', {
      type: 'button', class: a === 'restore' ? '' : a === 'suspend' ? 'secondary' : 'danger', dataset: { action: a },
      onclick: () => actionDialog(cert, a, today, refreshAll),
    }, CERT_ACTION[a])));
  }

  function drawIssue() {
    const live = certs.some((c) => c.state === 'valid' || c.state === 'suspended');
    const number = h('input', { name: 'number', required: true, maxlength: '40', autocomplete: 'off', spellcheck: 'false' });
    const issued = h('input', { name: 'issued_on', type: 'date', required: true, value: today });
    const expires = h('input', { name: 'expires_on', type: 'date', value: defaultExpiry(today) });
    let touched = false;
    expires.addEventListener('input', () => { touched = true; });
    issued.addEventListener('change', () => { if (!touched) expires.value = defaultExpiry(issued.value); hint.textContent = expiryHint(); });
    const expiryHint = () => `默认：发证日期起五年减一天（${fmtDate(defaultExpiry(issued.value)) || '—'}），证件在该日仍有效`;
    const hint = h('span', {}, expiryHint());
    const btn = h('button', { type: 'submit' }, '发证');
    const form = h('form', { class: 'form-grid issue-form', novalidate: true },
      field('证号', number, { fieldName: 'number', hint: '4 至 40 位字母、数字或“-”' }),
      field('发证日期', issued, { fieldName: 'issued_on' }),
      h('div', { class: 'field', dataset: { field: 'expires_on' } }, h('label', { for: 'i-exp' }, '有效期至（可选）'), expires, h('div', { class: 'hint' }, hint)),
      h('div', { class: 'actions wide' }, btn));
    expires.id = 'i-exp';
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      if (!number.value.trim()) return showMessage(form, '请填写证号', 'number');
      if (!issued.value) return showMessage(form, '请填写发证日期', 'issued_on');
      const body = { number: number.value.trim(), issued_on: issued.value };
      if (expires.value && expires.value !== defaultExpiry(issued.value)) body.expires_on = expires.value;
      btn.disabled = true;
      try {
        const c = await post(`/officers/${id}/certificates`, body);
        toast(`已发证 ${c.number}`);
        await refreshAll();
      } catch (e) {
        showError(form, e);
      } finally {
        btn.disabled = false;
      }
    });
    const title = h('h2', { id: 'issue-title' }, '发证');
    clear(issueHost, officer.status === 'left'
      ? h('section', { class: 'panel muted' }, '此人已离岗，不能发证。')
      : live
        ? h('details', { class: 'panel issue-panel' }, h('summary', {}, '发新证（须先收回或注销现有证件）'), form)
        : h('section', { class: 'panel issue-panel', 'aria-labelledby': 'issue-title' }, title, form));
  }

  // eligibility on a date
  const on = h('input', { type: 'date', id: 'elig-on', name: 'on', value: today });
  const eligResult = h('div', { class: 'elig-result', 'aria-live': 'polite' });
  const eligForm = h('form', { class: 'inline-field elig-form', onsubmit: (e) => { e.preventDefault(); loadElig(); } },
    h('label', { for: 'elig-on' }, '日期'), on, h('button', { type: 'submit' }, '查询'));
  clear(eligHost, h('h2', { id: 'elig-title' }, '能否独立执法'), eligForm, eligResult);
  let eligSeq = 0;
  async function loadElig() {
    const my = ++eligSeq;
    clearErrors(eligForm);
    if (!on.value) return showMessage(eligForm, '请选择日期', 'on');
    clear(eligResult, loading('正在查询…'));
    eligResult.setAttribute('aria-busy', 'true');
    try {
      const e = await get(`/officers/${id}/eligibility` + qs({ on: on.value }));
      if (my !== eligSeq) return;
      clear(eligResult, eligibilityView(e));
    } catch (err) {
      if (my !== eligSeq) return;
      clear(eligResult);
      showError(eligForm, err);
    } finally {
      if (my === eligSeq) eligResult.removeAttribute('aria-busy');
    }
  }
  // After an issue or an action the answer may have changed: both are read again (the date chosen stays).
  async function refreshAll() {
    await Promise.all([loadCerts(), loadElig()]);
  }
  await refreshAll();
}

export function eligibilityView(e) {
  const ok = e.can_enforce_independently;
  return h('div', { class: `elig ${ok ? 'elig-yes' : 'elig-no'}`, dataset: { answer: ok ? 'yes' : 'no' } },
    h('p', { class: 'elig-answer' }, `${fmtDate(e.on)}能否独立执法：`, h('strong', {}, ok ? '是' : '否'),
      e.certificate_number ? h('span', { class: 'muted' }, `（证号 ${e.certificate_number}）`) : null),
    h('ul', { class: 'reasons' }, e.reason_codes.map((c, i) => h('li', { dataset: { code: c } },
      REASON_CODE[c] || c, e.reasons[i] ? h('div', { class: 'err-detail' }, e.reasons[i]) : null))));
}

function fact(k, v) {
  return [h('dt', {}, k), h('dd', {}, v || '—')];
}

// A dialog asking for the effective date, the reason (required except restore) and, for a suspension,
// its last day. API errors are shown inside it, next to the field they name; it stays open until done.
function actionDialog(cert, action, today, done) {
  const label = CERT_ACTION[action];
  const eff = h('input', { type: 'date', name: 'effective_on', value: today, required: true });
  const reason = h('textarea', { name: 'reason', rows: '3', maxlength: '500', required: action !== 'restore' });
  const until = action === 'suspend' ? h('input', { type: 'date', name: 'until' }) : null;
  const ok = h('button', { type: 'submit', class: action === 'restore' || action === 'suspend' ? '' : 'danger' }, `确认${label}`);
  const note = {
    suspend: '暂扣期间不能独立执法。填写暂扣截止日期的，次日起自动恢复有效；也可提前“恢复”。',
    restore: '恢复后证件即为有效。',
    withdraw: '收回后不能恢复，如再上岗须重新发证。',
    cancel: '注销是最终状态，不能撤销。',
  }[action];
  const form = h('form', { method: 'dialog', novalidate: true, class: 'action-form' },
    h('p', {}, `证号 ${cert.number}，当前状态：`, certChip(cert.state)),
    h('p', { class: action === 'withdraw' || action === 'cancel' ? 'warn' : 'muted' }, note),
    field('生效日期', eff, { fieldName: 'effective_on' }),
    field(action === 'restore' ? '原因（可选）' : '原因（必填）', reason, { fieldName: 'reason' }),
    until ? field('暂扣截止日期（可选，含当日）', until, { fieldName: 'until', hint: '留空表示暂扣至恢复为止' }) : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => dlg.close() }, '取消'), ok));
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'act-title', dataset: { action } },
    h('h2', { id: 'act-title' }, `${label}证件`), form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (!eff.value) return showMessage(form, '请填写生效日期', 'effective_on');
    if (action !== 'restore' && !reason.value.trim()) return showMessage(form, `${label}须填写原因`, 'reason');
    const body = { action, effective_on: eff.value };
    if (reason.value.trim()) body.reason = reason.value.trim();
    if (until && until.value) body.until = until.value;
    ok.disabled = true;
    try {
      await post(`/certificates/${cert.id}/actions`, body);
      dlg.close();
      toast(`已${label}证件 ${cert.number}`);
      await done();
    } catch (e) {
      showError(form, e);
      // The certificate changed meanwhile (another admin, another tab): show its state as it is now.
      if (e.status === 409) done();
    } finally {
      ok.disabled = false;
    }
  });
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  (action === 'restore' ? eff : reason).focus();
}
