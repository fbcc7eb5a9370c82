// Small DOM helpers shared by the pages: element builder, Chinese dates and labels,
// progress bars, error placement next to the field that caused it, and a busy indicator.
import { ApiError } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    // Through the CSSOM, one declaration at a time: the server's CSP refuses style attributes.
    else if (k === 'style')
      for (const d of String(v).split(';')) {
        const at = d.indexOf(':');
        if (at > 0) el.style.setProperty(d.slice(0, at).trim(), d.slice(at + 1).trim());
      }
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// 2024-05-31 -> 2024年5月31日
export function fmtDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${+m[1]}年${+m[2]}月${+m[3]}日` : iso;
}

export function fmtRange(a, b) {
  return a === b ? fmtDate(a) : `${fmtDate(a)}至${fmtDate(b)}`;
}

export function fmtHours(n) {
  if (n === undefined || n === null) return '—';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

// A session's hours in one short line, only the categories it has: "法律 6 · 业务 30" ('0' when none).
export const CATEGORY_SHORT = { legal: '法律', business: '业务', political: '政治理论' };
export function hoursShort(hrs, { empty = '0' } = {}) {
  const parts = ['legal', 'business', 'political'].filter((c) => hrs && hrs[c] > 0).map((c) => `${CATEGORY_SHORT[c]} ${fmtHours(hrs[c])}`);
  return parts.length ? parts.join(' · ') : empty;
}

// 2025-06-16..2025-06-18 in a list of one year: "6月16日至6月18日" (the year only when it differs).
export function fmtRangeIn(year, a, b) {
  const short = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return iso || '';
    return +m[1] === +year ? `${+m[2]}月${+m[3]}日` : fmtDate(iso);
  };
  return !a || a === b ? short(b) : `${short(a)}至${short(b)}`;
}

export function fmtRate(num, den) {
  if (!den) return '—';
  return (Math.round((num / den) * 1000) / 10).toFixed(1) + '%';
}

export const CATEGORY = {
  legal: '公共法律知识',
  business: '业务知识和行政执法技能',
  political: '政治理论教育和党性教育',
};

export const STATUS = {
  met: '已达标',
  in_progress: '进行中',
  not_met: '未达标',
  exempt: '免于考核',
};

export const KIND = { enforcement: '行政执法人员', police: '人民警察' };
export const OFFICER_STATUS = { active: '在岗', left: '已离岗' };
export const MODE = { in_person: '线下', online: '线上' };
export const ROLE = { admin: '管理员（市司法局）', hr: '人事专员', officer: '执法人员' };

export function statusChip(status) {
  return h('span', { class: `chip chip-${status}` }, STATUS[status] || status);
}

// A labelled progress bar for one category: earned / required.
export function progressBar(cat, p, { compact = false } = {}) {
  const req = p.required || 0;
  const pct = req > 0 ? Math.min(100, (p.earned / req) * 100) : 100;
  const done = req > 0 ? p.earned >= req : true;
  const cls = ['bar', done ? 'bar-done' : p.behind_pace ? 'bar-behind' : 'bar-ok'].join(' ');
  const text = `${fmtHours(p.earned)}/${fmtHours(req)}`;
  const bar = h('div', {
    class: cls, role: 'progressbar', 'aria-label': `${CATEGORY[cat]} ${text} 学时`,
    'aria-valuemin': '0', 'aria-valuemax': String(req), 'aria-valuenow': String(p.earned),
    dataset: { cat },
  }, h('div', { class: 'bar-fill', style: `width:${pct.toFixed(1)}%` }));
  if (compact) {
    return h('div', { class: 'bar-compact', title: `${CATEGORY[cat]}：${text} 学时` },
      bar, h('span', { class: 'bar-num' }, text, p.behind_pace && !done ? h('span', { class: 'pace-flag', title: '进度落后' }, ' ⚠') : null));
  }
  return h('div', { class: 'bar-block' },
    h('div', { class: 'bar-head' }, h('span', { class: 'bar-label' }, CATEGORY[cat]),
      h('span', { class: 'bar-num' }, h('strong', {}, fmtHours(p.earned)), ` / ${fmtHours(req)} 学时`)),
    bar,
    h('div', { class: 'bar-foot' },
      req === 0 ? '本年度无要求' : done ? '已完成' : `还差 ${fmtHours(p.shortfall)} 学时`,
      p.behind_pace && !done ? h('span', { class: 'pace-warn' }, ' · 进度落后') : null));
}

// ---- errors ----

export function errorText(err) {
  if (err instanceof ApiError) return err.zh;
  return '出错了：' + (err && err.message ? err.message : String(err));
}

// Shows err inside `form`: next to the control whose data-field / name matches error.field,
// else in the form's general message box. The API's own wording stays visible as the detail.
export function showError(form, err) {
  clearErrors(form);
  const msg = errorText(err);
  const detail = err instanceof ApiError && err.rule ? `${err.rule}${err.field ? ' · ' + err.field : ''}` : '';
  return place(form, h('div', { class: 'field-error', role: 'alert' }, msg, detail ? h('div', { class: 'err-detail' }, detail) : null),
    err instanceof ApiError ? err.field : '');
}

// A message of the page's own (e.g. a required field checked before sending).
export function showMessage(form, text, fieldName) {
  clearErrors(form);
  return place(form, h('div', { class: 'field-error', role: 'alert' }, text), fieldName);
}

function place(form, box, f) {
  let target = null;
  if (f) {
    const candidates = [f, f.replace(/^records\[\d+\]\./, ''), f.split('.')[0], f.split('[')[0]];
    for (const c of candidates) {
      target = form.querySelector(`[data-field="${cssEscape(c)}"]`) || form.querySelector(`[name="${cssEscape(c)}"]`);
      if (target) break;
    }
  }
  if (target) {
    const wrap = target.closest('.field') || target;
    wrap.classList.add('has-error');
    const ctrl = wrap.matches('input,select,textarea') ? wrap : wrap.querySelector('input,select,textarea');
    if (ctrl) { ctrl.setAttribute('aria-invalid', 'true'); ctrl.focus({ preventScroll: false }); }
    if (wrap.matches('input,select,textarea')) wrap.after(box); else wrap.append(box);
  } else {
    let general = form.querySelector('.form-error');
    if (!general) { general = h('div', { class: 'form-error' }); form.prepend(general); }
    general.append(box);
    box.scrollIntoView({ block: 'nearest' });
  }
  return box;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\\]\[]/g, '\\$&');
}

// A page-level error panel (for loads that have no form).
export function errorPanel(err, retry) {
  return h('div', { class: 'panel panel-error', role: 'alert' },
    h('p', {}, errorText(err)),
    err instanceof ApiError ? h('p', { class: 'err-detail' }, `${err.code}：${err.message}`) : null,
    retry ? h('button', { type: 'button', onclick: retry }, '重试') : null);
}

// ---- toasts and busy ----

// A message in the corner. It belongs to the page that raised it: the next route change removes it
// (clearToasts, from app.js), so it never covers the next page. `carry`: it announces the navigation
// that follows (saved → the new record's page, logged out → 登录) and stays on that next page.
// A success goes after 4 s; an error stays until closed or the page changes, to be read in full.
export function toast(text, kind = 'ok', { carry = false } = {}) {
  const host = document.getElementById('toasts');
  const t = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: carry ? { carry: '1' } : {} },
    h('span', { class: 'toast-text' }, text));
  if (kind === 'error') {
    t.append(h('button', { type: 'button', class: 'toast-close', 'aria-label': '关闭提示', onclick: () => t.remove() }, '×'));
  } else {
    setTimeout(() => t.remove(), 4000);
  }
  host.append(t);
  return t;
}

// On a route change: the toasts of the page left are removed; those carried into this page stay
// (no longer carried: the next change removes them).
export function clearToasts() {
  const host = document.getElementById('toasts');
  if (!host) return;
  for (const t of [...host.children]) {
    if (t.dataset.carry) delete t.dataset.carry;
    else t.remove();
  }
}

export function loading(text = '正在加载…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

// A determinate progress line for long actions.
export function progressLine(label) {
  const bar = h('progress', { max: '100', value: '0', 'aria-label': label });
  const txt = h('span', { class: 'progress-text' }, label);
  const el = h('div', { class: 'progress-line', role: 'status' }, txt, bar);
  return {
    el,
    set(done, total, text) { bar.max = total; bar.value = done; txt.textContent = text || `${label} ${done}/${total}`; },
  };
}

// ---- forms ----

export function field(label, control, { hint, fieldName, cls } = {}) {
  const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
  return h('div', { class: 'field ' + (cls || ''), dataset: fieldName ? { field: fieldName } : undefined },
    h('label', { for: id }, label), control, hint ? h('div', { class: 'hint' }, hint) : null);
}

// `check`: the label of a box to tick before the confirm button works (an explicit second confirmation).
export function confirmDialog({ title, body, confirmText = '确定', danger = false, check }) {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', class: danger ? 'danger' : '', disabled: !!check, onclick: () => { dlg.close(); resolve(true); } }, confirmText);
    const box = check ? h('input', { type: 'checkbox', id: 'dlg-check' }) : null;
    if (box) box.addEventListener('change', () => { ok.disabled = !box.checked; });
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' },
      h('h2', { id: 'dlg-title' }, title),
      h('div', { class: 'dialog-body' }, body),
      box ? h('div', { class: 'field check dlg-check' }, box, h('label', { for: 'dlg-check' }, check)) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => { dlg.close(); resolve(false); } }, '取消'),
        ok));
    dlg.addEventListener('close', () => { dlg.remove(); resolve(false); });
    document.body.append(dlg);
    dlg.showModal();
  });
}

// ---- units ----

// Orders a flat unit list as a tree (depth-first) with depth for indentation.
export function unitTree(units) {
  const byParent = new Map();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const p = ids.has(u.parent_id) ? u.parent_id : null;
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p).push(u);
  }
  const out = [];
  const walk = (p, depth) => {
    for (const u of (byParent.get(p) || []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function unitOptions(units, selected, { all } = {}) {
  const opts = [];
  if (all) opts.push(h('option', { value: '' }, all));
  for (const u of unitTree(units))
    opts.push(h('option', { value: String(u.id), selected: String(u.id) === String(selected) }, '\u3000'.repeat(u.depth) + u.name));
  return opts;
}

export function yearOptions(from, to, selected) {
  const out = [];
  for (let y = to; y >= from; y--) out.push(h('option', { value: String(y), selected: y === +selected }, `${y}年`));
  return out;
}

// ---- certificates, assessments, audit ----

export const CERT_STATE = { valid: '有效', suspended: '暂扣', withdrawn: '收回', cancelled: '注销', expired: '过期', pending: '未生效' };
export const CERT_ACTION = { issue: '发证', suspend: '暂扣', restore: '恢复', withdraw: '收回', cancel: '注销' };
export const GRADE = { excellent: '优秀', competent: '称职', basically_competent: '基本称职', incompetent: '不称职' };
export const REASON_CODE = {
  not_on_post: '当日不在岗',
  police: '人民警察：其证件依《人民警察法》管理，不由本系统处理',
  no_certificate: '未取得行政执法证',
  certificate_valid: '持有当日有效的行政执法证',
  suspended: '行政执法证当日处于暂扣状态',
  withdrawn: '行政执法证已被收回',
  cancelled: '行政执法证已被注销',
  expired: '行政执法证已过有效期',
};

export function certChip(state) {
  return h('span', { class: `chip cert-${state}`, dataset: { state } }, CERT_STATE[state] || state);
}

// Every time is shown in Beijing time (Asia/Shanghai: UTC+8 all year, no daylight saving), whatever
// the browser's own zone: a user in another zone, or a PC set to UTC, reads the times the city does.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

// The fields of an instant in Beijing time: {y, mo, d, hh, mm, ss} (numbers).
export function beijingParts(t) {
  const d = new Date(t + BEIJING_OFFSET_MS);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mm: d.getUTCMinutes(), ss: d.getUTCSeconds() };
}

// Today's date in Beijing as YYYY-MM-DD (the server's `as_of` is preferred where there is one).
export function beijingToday() {
  const p = beijingParts(Date.now());
  return `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

// RFC 3339 (UTC or with an offset) -> 2025年10月15日 04:30:09, in Beijing time.
export function fmtDateTime(iso) {
  // A time without a zone is UTC, as the API writes them (never the browser's local time).
  const noZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso || '');
  const t = Date.parse(noZone ? iso.replace(' ', 'T') + 'Z' : iso || '');
  if (Number.isNaN(t)) return iso || '';
  const p = beijingParts(t);
  const z = (n) => String(n).padStart(2, '0');
  return `${p.y}年${p.mo}月${p.d}日 ${z(p.hh)}:${z(p.mm)}:${z(p.ss)}`;
}

// Calendar arithmetic on YYYY-MM-DD strings (UTC, no time-zone drift).
export function addDays(iso, n) {
  const t = Date.parse(iso + 'T00:00:00Z');
  return new Date(t + n * 86400000).toISOString().slice(0, 10);
}

// The default validity of a certificate issued on `iso`: five years less a day (2023-01-01 -> 2027-12-31).
export function defaultExpiry(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return '';
  const y = +m[1] + 5;
  // 2024-02-29 + 5 years has no Feb 29: the day before March 1.
  const d = new Date(Date.UTC(y, +m[2] - 1, +m[3]));
  if (d.getUTCMonth() !== +m[2] - 1) return addDays(`${y}-03-01`, -1);
  return addDays(d.toISOString().slice(0, 10), -1);
}

// ---- printing ----

// The line on top of a printed report (hidden on screen): the system, the report, what it covers and
// the day printed (`today`: the server's date, else Beijing's by this computer's clock).
export function printHead(title, parts, { today } = {}) {
  return h('div', { class: 'print-head' },
    h('strong', {}, '钦州市行政执法人员培训学时'), h('span', { class: 'print-title' }, title),
    parts.filter(Boolean).map((p) => h('span', {}, p)),
    h('span', {}, `打印日期 ${fmtDate(today || beijingToday())}`));
}

// A 打印 button for one part of a page (data-print-part="…"): the print stylesheet then prints that
// part alone (A4, no navigation, filters or buttons); Ctrl+P prints the whole page the same way.
export function printButton(label, part, { id } = {}) {
  return h('button', { type: 'button', class: 'secondary print-btn', id, dataset: { part }, onclick: () => printPart(part) }, label);
}

export function printPart(part) {
  document.body.dataset.print = part;
  const done = () => { delete document.body.dataset.print; window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
}

// ---- downloads ----

// A button that downloads `path()` from the API, showing bytes received while it runs and a
// Chinese error under it when it fails. `download` is api.js's fetch -> blob -> saved file.
export function downloadButton(label, path, download, { id, fallbackName } = {}) {
  const btn = h('button', { type: 'button', class: 'secondary', id }, label);
  const status = h('span', { class: 'dl-status', role: 'status', 'aria-live': 'polite' });
  const wrap = h('span', { class: 'dl' }, btn, status);
  btn.addEventListener('click', async () => {
    wrap.querySelectorAll('.field-error').forEach((e) => e.remove());
    btn.disabled = true;
    const bar = h('progress', { 'aria-label': `${label}进度` });
    clear(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' 正在生成…', bar);
    try {
      const r = await download(path(), {
        fallbackName,
        onProgress(got, total) {
          if (total) { bar.max = total; bar.value = got; }
          status.firstChild.nextSibling.textContent = ` 正在下载 ${(got / 1024).toFixed(0)}${total ? ' / ' + (total / 1024).toFixed(0) : ''} KB…`;
        },
      });
      clear(status, h('span', { class: 'dl-done' }, `已下载 ${r.name}（${(r.size / 1024).toFixed(1)} KB）`));
    } catch (e) {
      clear(status);
      wrap.append(h('div', { class: 'field-error', role: 'alert' }, `下载失败：${errorText(e)}`,
        e instanceof ApiError ? h('div', { class: 'err-detail' }, `${e.code}：${e.message}`) : null));
    } finally {
      btn.disabled = false;
    }
  });
  return wrap;
}

// 0.904 -> 90.4%
// 上一页 / 下一页 over a list the server pages ({total, limit, offset}); `go(offset)` loads another
// page. Nothing when one page holds it all.
export function offsetPager(data, go) {
  if (data.total <= data.limit) return null;
  const from = data.offset + 1;
  const to = Math.min(data.total, data.offset + data.items.length);
  return h('div', { class: 'pager' },
    h('button', { type: 'button', class: 'secondary', disabled: data.offset === 0, onclick: () => go(Math.max(0, data.offset - data.limit)) }, '上一页'),
    h('span', { class: 'pager-text' }, `共 ${data.total} 件，第 ${from}–${to} 件`),
    h('button', { type: 'button', class: 'secondary', disabled: to >= data.total, onclick: () => go(data.offset + data.limit) }, '下一页'));
}

export function pct(rate) {
  return rate === null || rate === undefined ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
