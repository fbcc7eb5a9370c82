// Shared state of the page: the logged-in user, the visible units, and navigation helpers.
import { get, getAll } from './api.js';

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

// Replaces the query part of the current route without a history step per keystroke.
export function setQuery(params) {
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
  return session.today ? +session.today.slice(0, 4) : new Date().getFullYear();
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
