// 提醒: what needs the user's attention now (GET /me/reminders — certificates about to expire, hours
// behind pace), on the landing page of each role (我的学时, 本单位) and as a count on that page's
// menu item. Phone first: a compact list (three items, the rest one tap away), collapsible for the
// session; "暂无提醒" on one line; a failure is one line with 重试, never the page's error.
import { get } from './api.js';
import { h, clear, fmtDate, errorText, loading } from './ui.js';
import { parseHash } from './state.js';

// Severity in words (never colour alone): urgent ≤ 30 days, warning ≤ 60 (and pace), info ≤ 90.
export const SEVERITY = { urgent: '紧急', warning: '注意', info: '提示' };
// What the due date is, by kind.
const DUE = { certificate_expiring: '到期日', certificates_expiring: '最早到期', behind_pace: '年度截止' };
const COLLAPSED = 'certhours.reminders.collapsed'; // sessionStorage: the panel stays folded for the session
const SHOWN = 3; // items shown before 显示全部

// One answer shared by the panel and the menu badge: { key (the user), at, items }. The landing page
// asks anew each time it is drawn; other pages reuse an answer up to five minutes old for the badge.
let cache = null;
let pending = null;
const userKey = (u) => (u ? `${u.id}:${u.username}:${u.role}` : '');

export function fetchReminders(user, { maxAge = 0 } = {}) {
  const key = userKey(user);
  if (cache && cache.key === key && Date.now() - cache.at <= maxAge) return Promise.resolve(cache.items);
  if (pending && pending.key === key) return pending.promise;
  // quiet401: an ended session is the page's own request to report (its reason, its redirect).
  const promise = get('/me/reminders', { quiet401: true }).then((r) => {
    const items = (r && r.items) || [];
    cache = { key, at: Date.now(), items };
    return items;
  }).finally(() => { if (pending && pending.promise === promise) pending = null; });
  pending = { key, promise };
  return promise;
}

// The count on the menu item of the user's landing page (a[data-home] in #nav), from the shared answer.
export function reminderBadge(user) {
  if (!user || user.must_change_password) return;
  fetchReminders(user, { maxAge: 5 * 60 * 1000 }).then((items) => drawBadge(items), () => drawBadge(null));
}

function drawBadge(items) {
  const link = document.querySelector('#nav a[data-home]');
  if (!link) return;
  link.querySelectorAll('.nav-badge').forEach((b) => b.remove());
  if (!items || items.length === 0) return;
  const top = items.some((i) => i.severity === 'urgent') ? 'urgent' : 'other';
  link.append(h('span', { class: `nav-badge nav-badge-${top}`, title: `${items.length} 条提醒` },
    h('span', { 'aria-hidden': 'true' }, String(items.length)), h('span', { class: 'sr-only' }, `（${items.length} 条提醒）`)));
}

// '#/unit?status=in_progress' -> { path: '/unit', params }
function splitHash(link) {
  const raw = String(link || '').replace(/^#/, '');
  const i = raw.indexOf('?');
  return { path: i < 0 ? raw : raw.slice(0, i), params: new URLSearchParams(i < 0 ? '' : raw.slice(i + 1)) };
}

function isCollapsed() {
  try { return sessionStorage.getItem(COLLAPSED) === '1'; } catch { return false; }
}
function setCollapsed(v) {
  try { if (v) sessionStorage.setItem(COLLAPSED, '1'); else sessionStorage.removeItem(COLLAPSED); } catch { /* private mode */ }
}

// The panel, drawn at once (loading) and filled when the answer comes. `onSame(item)`: a reminder
// whose link is the page already shown (我的学时's own pace, 本单位's officers behind pace) is shown
// by the page itself (scroll to it, filter) instead of a navigation that would change nothing.
export function remindersPanel(user, { onSame } = {}) {
  const body = h('div', { class: 'rem-body-host' }, loading('正在加载提醒…'));
  const count = h('span', { class: 'rem-count' });
  const toggle = h('button', { type: 'button', class: 'link rem-toggle', 'aria-controls': 'rem-body', hidden: true });
  const el = h('section', { class: 'panel reminders screen-only', 'aria-labelledby': 'rem-title', dataset: { state: 'loading' } },
    h('div', { class: 'rem-head' }, h('h2', { id: 'rem-title' }, '提醒', count), toggle),
    h('div', { id: 'rem-body' }, body));
  let items = [];
  let all = false;

  const fold = (collapsed) => {
    body.hidden = collapsed;
    toggle.textContent = collapsed ? '展开' : '收起';
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.setAttribute('aria-label', collapsed ? '展开提醒' : '收起提醒');
  };
  toggle.addEventListener('click', () => {
    const collapsed = !body.hidden;
    setCollapsed(collapsed);
    fold(collapsed);
  });

  function draw() {
    el.dataset.state = items.length ? 'list' : 'empty';
    if (items.length === 0) {
      // One line: the heading and 暂无提醒 side by side.
      clear(count);
      toggle.hidden = true;
      body.hidden = false;
      clear(body, h('p', { class: 'rem-empty muted' }, '暂无提醒'));
      return;
    }
    const bySev = Object.keys(SEVERITY).map((s) => [s, items.filter((i) => i.severity === s).length]).filter(([, n]) => n);
    clear(count, h('span', { class: 'rem-total' }, `共 ${items.length} 条`),
      h('span', { class: 'rem-sum' }, bySev.map(([s, n]) => `${SEVERITY[s]} ${n}`).join(' · ')));
    toggle.hidden = false;
    fold(isCollapsed());
    const shown = all ? items : items.slice(0, SHOWN);
    const more = items.length - shown.length;
    clear(body,
      h('ul', { class: 'rem-list' }, shown.map(itemEl)),
      more > 0 ? h('button', { type: 'button', class: 'link rem-more', onclick: () => { all = true; draw(); focusItem(SHOWN); } }, `显示全部 ${items.length} 条（另有 ${more} 条）`) : null);
  }

  function focusItem(i) {
    const a = el.querySelectorAll('.rem-link')[i];
    if (a) a.focus();
  }

  function itemEl(item) {
    // The due date once: marked up where the title already says it (高菲安的执法证将于2025年11月7日到期),
    // else on the line below (年度截止 2025年12月31日).
    const due = item.due_on ? fmtDate(item.due_on) : '';
    const at = due ? item.title.indexOf(due) : -1;
    const link = h('a', { class: 'rem-link', href: item.link || '#' }, at < 0 ? item.title
      : [item.title.slice(0, at), h('time', { class: 'rem-due-date', datetime: item.due_on }, due), item.title.slice(at + due.length)]);
    link.addEventListener('click', (ev) => {
      const target = splitHash(item.link);
      if (onSame && target.path === parseHash().path) {
        ev.preventDefault();
        onSame(item, target.params);
      }
    });
    return h('li', { class: `rem-item rem-${item.severity}`, dataset: { kind: item.kind, severity: item.severity } },
      h('span', { class: `chip rem-chip sev-${item.severity}` }, SEVERITY[item.severity] || item.severity),
      h('div', { class: 'rem-text' },
        h('p', { class: 'rem-title' }, link),
        h('p', { class: 'rem-meta' },
          item.detail ? h('span', { class: 'rem-detail' }, item.detail) : null,
          due && at < 0 ? h('span', { class: 'rem-due' }, `${DUE[item.kind] || '日期'} `, h('time', { class: 'rem-due-date', datetime: item.due_on }, due)) : null)));
  }

  async function load() {
    el.dataset.state = 'loading';
    clear(body, loading('正在加载提醒…'));
    body.hidden = false;
    try {
      items = await fetchReminders(user, { maxAge: 2000 });
    } catch (e) {
      el.dataset.state = 'error';
      clear(count);
      toggle.hidden = true;
      body.hidden = false;
      // A failure stays inside the panel: the page below works as usual.
      clear(body, h('p', { class: 'rem-error' }, `提醒暂时无法加载：${errorText(e)} `,
        h('button', { type: 'button', class: 'link', onclick: load }, '重试')));
      drawBadge(null);
      return;
    }
    draw();
    drawBadge(items);
  }
  load();
  return el;
}
