// 审计日志 (admin): every change, newest first, filterable by entity and id, paged, with a compact
// before → after diff of the recorded JSON.
import { get, qs } from '../api.js';
import { h, clear, field, showError, clearErrors, errorPanel, loading, fmtDateTime } from '../ui.js';
import { ENTITY, entityLabel, actionLabel, label, pathLabel, lastKey, valueLabel, actorLabel } from '../labels.js';
import { setQuery } from '../state.js';

// The words for actions, entities and fields are in labels.js (one table for the whole UI).
export { ENTITY };
const PAGE = 50;

// Leaves that differ between two JSON values, as [path, before, after] (undefined = absent).
export function jsonDiff(a, b, path = '') {
  const isObj = (x) => x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => jsonDiff(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      // A whole element added or removed reads better as one line.
      if (i >= a.length) out.push([`${path}[${i}]`, undefined, b[i]]);
      else if (i >= b.length) out.push([`${path}[${i}]`, a[i], undefined]);
      else out.push(...jsonDiff(a[i], b[i], `${path}[${i}]`));
    }
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [[path, a, b]];
}

const LIMIT = 160;

// A recorded value in words: objects as 键：值 pairs with the keys in Chinese, enumerations and
// dates translated; long values cut at LIMIT characters. Returns nodes (keys marked .diff-key).
function short(v, key, entity) {
  if (v === undefined) return [];
  let left = LIMIT;
  const out = [];
  const put = (text, cls) => {
    if (left <= 0) return;
    const t = text.length > left ? text.slice(0, Math.max(0, left - 1)) + '…' : text;
    left -= text.length;
    out.push(cls ? h('span', { class: cls }, t) : t);
  };
  const walk = (x, k, top) => {
    if (Array.isArray(x)) {
      if (x.length === 0) { put('无'); return; }
      x.forEach((e, i) => { if (i) put('；'); walk(e, k, false); });
      return;
    }
    if (x && typeof x === 'object') {
      const entries = Object.entries(x).filter(([, y]) => y !== null && y !== '');
      if (!top) put('（');
      entries.forEach(([kk, y], i) => {
        if (i) put('，');
        put(label(kk, entity), 'diff-key');
        put('：');
        walk(y, kk, false);
      });
      if (!top) put('）');
      return;
    }
    put(valueLabel(k, x, entity));
  };
  walk(v, key, true);
  return out;
}

function diffView(before, after, entity) {
  if (before === null && after === null) return h('span', { class: 'muted' }, '—');
  if (before === null || before === undefined)
    return h('div', { class: 'diff' }, h('div', { class: 'diff-add' }, '＋ ', short(after, '', entity)));
  if (after === null || after === undefined)
    return h('div', { class: 'diff' }, h('div', { class: 'diff-del' }, '－ ', short(before, '', entity)));
  const d = jsonDiff(before, after);
  if (d.length === 0) return h('span', { class: 'muted' }, '无变化');
  const rows = d.slice(0, 8).map(([p, a, b]) => h('div', { class: 'diff-row', dataset: { path: p } },
    h('span', { class: 'diff-path' }, pathLabel(p, entity)), ' ',
    a === undefined ? null : h('span', { class: 'diff-del' }, short(a, lastKey(p), entity)),
    a !== undefined && b !== undefined ? ' → ' : null,
    b === undefined ? null : h('span', { class: 'diff-add' }, a === undefined ? '＋ ' : null, short(b, lastKey(p), entity))));
  return h('div', { class: 'diff' }, rows, d.length > 8 ? h('div', { class: 'muted' }, `另有 ${d.length - 8} 处变化`) : null);
}

export async function auditPage(main, { params, isCurrent }) {
  const state = { entity: params.get('entity') || '', id: params.get('entity_id') || '', page: Math.max(1, +params.get('page') || 1) };
  const entitySel = h('select', { id: 'a-entity', name: 'entity' }, h('option', { value: '' }, '全部'),
    Object.entries(ENTITY).map(([k, v]) => h('option', { value: k, selected: k === state.entity }, v)));
  const idInput = h('input', { id: 'a-id', name: 'entity_id', type: 'number', min: '1', step: '1', inputmode: 'numeric', value: state.id, placeholder: '如 12' });
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); state.id = idInput.value.trim(); state.page = 1; load(); } },
    field('对象类型', entitySel, { fieldName: 'entity' }),
    field('对象编号', idInput, { fieldName: 'entity_id' }),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, '筛选')));
  const results = h('div');
  clear(main, h('h1', {}, '审计日志'),
    h('p', { class: 'muted' }, '系统中的每一项变更（谁、何时、做了什么、变更前后），只能查看，不能修改或删除。'),
    form, results);
  entitySel.addEventListener('change', () => { state.entity = entitySel.value; state.page = 1; load(); });

  let seq = 0;
  async function load() {
    const my = ++seq;
    clearErrors(form);
    setQuery({ entity: state.entity, entity_id: state.id, page: state.page > 1 ? state.page : '' }, isCurrent);
    clear(results, loading('正在加载审计日志…'));
    let data;
    try {
      data = await get('/audit' + qs({ entity: state.entity, entity_id: state.id, limit: PAGE, offset: (state.page - 1) * PAGE }));
    } catch (e) {
      if (my !== seq) return;
      clear(results);
      if (e.field) showError(form, e); else clear(results, errorPanel(e, load));
      return;
    }
    if (my !== seq || !isCurrent()) return;
    const pages = Math.max(1, Math.ceil(data.total / PAGE));
    const from = data.total === 0 ? 0 : (state.page - 1) * PAGE + 1;
    const to = Math.min(data.total, state.page * PAGE);
    const pager = () => h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, '上一页'),
      h('span', { class: 'pager-text' }, `共 ${data.total} 条，第 ${from}–${to} 条（第 ${state.page}/${pages} 页）`),
      h('button', { type: 'button', class: 'secondary', disabled: state.page >= pages, onclick: () => { state.page++; load(); } }, '下一页'));
    clear(results, h('section', { class: 'panel' },
      pager(),
      data.items.length === 0 ? h('p', { class: 'muted' }, '没有符合条件的记录。') :
        h('table', { class: 'table stack audit-table' },
          h('thead', {}, h('tr', {}, h('th', {}, '时间（北京时间）'), h('th', {}, '操作人'), h('th', {}, '操作'), h('th', {}, '对象'), h('th', {}, '变更（前 → 后）'))),
          h('tbody', {}, data.items.map((e) => h('tr', { dataset: { entity: e.entity, action: e.action } },
            h('td', { 'data-label': '时间', class: 'nowrap' }, h('time', { datetime: e.at, title: '北京时间' }, fmtDateTime(e.at))),
            h('td', { 'data-label': '操作人', title: e.actor && actorLabel(e.actor) !== e.actor ? `账号 ${e.actor}` : null }, actorLabel(e.actor)),
            h('td', { 'data-label': '操作', class: 'audit-action' }, actionLabel(e.action, e.entity)),
            h('td', { 'data-label': '对象', class: 'audit-entity' }, entityLabel(e.entity), e.entity_id ? h('span', { class: 'muted' }, ` #${e.entity_id}`) : null),
            h('td', { 'data-label': '变更', class: 'diff-cell' }, diffView(e.before, e.after, e.entity)))))),
      data.total > PAGE ? pager() : null));
  }
  await load();
}
