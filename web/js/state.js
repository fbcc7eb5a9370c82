// Shared state of the page: the logged-in user, the visible units, and navigation helpers.
import { get, getAll } from './api.js';
import { beijingToday } from './ui.js';

export const session = { user: null, units: null };

export function homeFor(user) {
  return user && user.role === 'officer' ? '#/me' : '#/unit';
}

export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  return { path, params: new URLSearchParams(i < 0 ? '' : raw.slice(i + 1)) };
}

export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

// Replaces the query part of the current route without a history step per keystroke — only
// while the page asking is the one shown (`isCurrent`, from render in app.js). A page's late
// load or pending timer must not write its query over the next route's: the browser changes
// location.hash before it fires hashchange, and a debounce can fire after the next page drew
// (#/certs?tab=exit became #/certs?unit=…&year=…, and a reload then showed 查找人员).
export function setQuery(params, isCurrent) {
  if (typeof isCurrent !== 'function') throw new Error('setQuery needs the page\'s isCurrent');
  if (!isCurrent()) return;
  const { path } = parseHash();
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, v);
  const q = s.toString();
  history.replaceState(null, '', `#${path}${q ? '?' + q : ''}`);
}

export async function units() {
  if (!session.units) session.units = (await getAll('/units')).items;
  return session.units;
}

// The unit a report or list starts from: the hr user's own unit, the root for an admin.
export async function homeUnit() {
  const list = await units();
  if (session.user && session.user.unit_id) return session.user.unit_id;
  const ids = new Set(list.map((u) => u.id));
  const root = list.find((u) => !ids.has(u.parent_id));
  return root ? root.id : null;
}

export function thisYear() {
  return session.today ? +session.today.slice(0, 4) : +beijingToday().slice(0, 4);
}

// "Today" as the server sees it (Asia/Shanghai, or CERTHOURS_TODAY): the default year everywhere.
export async function serverToday() {
  if (!session.today && session.user) {
    const r = session.user.role === 'officer'
      ? await get(`/officers/${session.user.officer_id}/hours`)
      : await get('/compliance?limit=1');
    session.today = r.as_of;
  }
  return session.today;
}
