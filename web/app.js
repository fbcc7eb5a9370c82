// certhours web UI: hash routing, the logged-in user, role-aware navigation.
import { get, del, setUnauthenticatedHandler, setPasswordChangeHandler } from './js/api.js';
import { h, clear, errorPanel, loading, ROLE, toast, clearToasts } from './js/ui.js';
import { session, homeFor, parseHash, go } from './js/state.js';
import { loginPage } from './js/pages/login.js';
import { myHoursPage } from './js/pages/my-hours.js';
import { unitPage, officerPage, officerFormPage } from './js/pages/unit.js';
import { trainingsPage, trainingPage } from './js/pages/trainings.js';
import { reportPage } from './js/pages/report.js';
import { certsPage, certOfficerPage } from './js/pages/certs.js';
import { auditPage } from './js/pages/audit.js';
import { rotationPage } from './js/pages/rotation.js';
import { usersPage } from './js/pages/users.js';
import { accountPage } from './js/pages/account.js';
import { applicationsPage } from './js/pages/applications.js';
import { examsPage, examPage } from './js/pages/exams.js';
import { reminderBadge } from './js/reminders.js';
import { claimsPage, claimPage } from './js/pages/claims.js';
import { claimCountBadge } from './js/claim-view.js';

const NAV = [
  { hash: '#/me', label: '我的学时', roles: ['officer'] },
  { hash: '#/unit', label: '本单位', roles: ['hr', 'admin'] },
  { hash: '#/trainings', label: '培训登记', roles: ['hr', 'admin'] },
  { hash: '#/claims', label: '学时认定', roles: ['hr', 'admin'] },
  { hash: '#/report', label: '年度报表', roles: ['hr', 'admin'] },
  { hash: '#/rotation', label: '轮训进度', roles: ['hr', 'admin'] },
  { hash: '#/applications', label: '证件申领', roles: ['hr', 'admin'] },
  { hash: '#/certs', label: '证件管理', roles: ['admin'] },
  { hash: '#/exams', label: '资格考试', roles: ['admin'] },
  { hash: '#/audit', label: '审计日志', roles: ['admin'] },
  { hash: '#/users', label: '用户管理', roles: ['admin'] },
];

// path pattern -> [page, roles, title]
const ROUTES = [
  [/^\/login$/, loginPage, null, '登录'],
  [/^\/me$/, myHoursPage, ['officer'], '我的学时'],
  [/^\/unit$/, unitPage, ['hr', 'admin'], '本单位'],
  [/^\/officers\/new$/, officerFormPage, ['hr', 'admin'], '新增人员'],
  [/^\/officers\/(\d+)\/edit$/, officerFormPage, ['hr', 'admin'], '编辑人员'],
  [/^\/officers\/(\d+)$/, officerPage, ['hr', 'admin'], '人员学时'],
  [/^\/trainings$/, trainingsPage, ['hr', 'admin'], '培训登记'],
  [/^\/trainings\/(\d+)$/, trainingPage, ['hr', 'admin'], '培训'],
  [/^\/claims$/, claimsPage, ['hr', 'admin'], '学时认定'],
  [/^\/claims\/(\d+)$/, claimPage, ['hr', 'admin'], '学时认定'],
  [/^\/report$/, reportPage, ['hr', 'admin'], '年度报表'],
  [/^\/rotation$/, rotationPage, ['hr', 'admin'], '轮训进度'],
  [/^\/certs$/, certsPage, ['admin'], '证件管理'],
  [/^\/certs\/officers\/(\d+)$/, certOfficerPage, ['admin'], '行政执法证'],
  [/^\/applications$/, applicationsPage, ['hr', 'admin'], '证件申领'],
  [/^\/exams$/, examsPage, ['admin'], '资格考试'],
  [/^\/exams\/(\d+)$/, examPage, ['admin'], '资格考试'],
  [/^\/audit$/, auditPage, ['admin'], '审计日志'],
  [/^\/users$/, usersPage, ['admin'], '用户管理'],
  [/^\/account$/, accountPage, null, '账号与安全'], // every logged-in user
];

// The browser tab and history name the page: "本单位 · 行政执法人员培训学时管理".
const APP_NAME = '行政执法人员培训学时管理';
function setTitle(...parts) {
  document.title = [...parts.filter(Boolean), APP_NAME].join(' · ');
}

// The first render asks who is logged in; a render that starts meanwhile (a hash change while
// the page is still loading) waits for the same answer instead of reading "nobody" and sending
// the user to 登录. A failure (not a 401) is asked again by the next render.
let sessionLoad = null;
async function loadSession() {
  // Only ask the server when this browser logged in before (the cookie itself is HttpOnly).
  if (!localStorage.getItem('certhours.loggedIn')) { session.user = null; return null; }
  try {
    session.user = await get('/me', { quiet401: true });
  } catch (e) {
    session.user = null;
    localStorage.removeItem('certhours.loggedIn');
    if (e.status !== 401) throw e;
  }
  session.units = null;
  return session.user;
}

async function logout() {
  try { await del('/session', { quiet401: true }); } catch { /* already gone */ }
  session.user = null;
  session.units = null;
  localStorage.removeItem('certhours.loggedIn');
  toast('已退出登录', 'ok', { carry: true });
  go('#/login');
}

function renderChrome() {
  const bar = document.getElementById('topbar');
  const user = session.user;
  bar.hidden = !user;
  if (!user) return;
  const { path } = parseHash();
  const nav = document.getElementById('nav');
  const account = document.getElementById('account-link');
  if (account) {
    account.classList.toggle('active', path === '/account');
    if (path === '/account') account.setAttribute('aria-current', 'page'); else account.removeAttribute('aria-current');
  }
  // Until a required password change is done, no page but 账号与安全 is reachable: no menu.
  clear(nav, user.must_change_password ? [] : NAV.filter((n) => n.roles.includes(user.role)).map((n) => {
    const active = path === n.hash.slice(1) || (n.hash === '#/unit' && path.startsWith('/officers')) ||
      (n.hash === '#/trainings' && path.startsWith('/trainings')) || (n.hash === '#/certs' && path.startsWith('/certs')) ||
      (n.hash === '#/exams' && path.startsWith('/exams')) || (n.hash === '#/claims' && path.startsWith('/claims'));
    // The landing page's item carries the count of 提醒 (reminders.js).
    return h('a', { href: n.hash, class: active ? 'active' : '', 'aria-current': active ? 'page' : null,
      dataset: n.hash === homeFor(user) ? { home: '1' } : undefined }, n.label);
  }));
  reminderBadge(user);
  claimCountBadge(user);
  // On a phone the role is left out (the bar keeps to one line above the menu).
  clear(document.getElementById('who'), h('span', { class: 'who-name' }, user.username), h('span', { class: 'who-role' }, `（${ROLE[user.role] || user.role}）`));
}

let renderSeq = 0;
export async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  const { path, params } = parseHash();
  if (!sessionLoad) sessionLoad = loadSession();
  try {
    await sessionLoad;
  } catch (e) {
    sessionLoad = null;
    if (seq === renderSeq) clear(main, errorPanel(e, render));
    return;
  }
  if (seq !== renderSeq) return;
  const user = session.user;
  if (!user && path !== '/login') { location.replace('#/login'); return; }
  // A password the administrator reset (or a new account's): set a new one before anything else.
  if (user && user.must_change_password && path !== '/account') { location.replace('#/account'); return; }
  if (user && (path === '/login' || path === '/')) { location.replace(homeFor(user)); return; }
  // A page is drawn for this route: the previous page's messages go with it (those announcing
  // this very navigation, toast(…, { carry: true }), stay until the next one).
  clearToasts();
  renderChrome();
  const route = ROUTES.find(([re]) => re.test(path));
  if (!route) {
    setTitle('页面不存在');
    clear(main, h('div', { class: 'panel' }, h('h1', {}, '页面不存在'), h('p', {}, h('a', { href: homeFor(user) }, '返回首页'))));
    return;
  }
  const [re, page, roles, title] = route;
  setTitle(title);
  if (roles && !roles.includes(user.role)) {
    setTitle('无权访问');
    clear(main, h('div', { class: 'panel panel-error', role: 'alert' }, h('h1', {}, '无权访问'),
      h('p', {}, '您的账号（' + (ROLE[user.role] || user.role) + '）不能查看此页面。'),
      h('p', {}, h('a', { href: homeFor(user) }, '返回首页'))));
    return;
  }
  const args = re.exec(path).slice(1);
  // Current = no newer render started and the location is still this route (hashchange comes
  // after the location changes, so the sequence number alone is late).
  const isCurrent = () => seq === renderSeq && parseHash().path === path;
  // A page names what it shows once loaded (an officer's name, a tab): "张三 · 本单位 · …".
  const pageTitle = (...parts) => { if (isCurrent()) setTitle(...parts); };
  // Each render draws into its own container: a page still loading when the user moves on
  // writes into a detached node, never over the page that replaced it.
  const view = h('div', { class: 'view' }, loading());
  clear(main, view);
  try {
    await page(view, { params, args, user, isCurrent, setTitle: pageTitle });
  } catch (e) {
    if (seq === renderSeq) clear(view, errorPanel(e, render));
  }
  if (seq === renderSeq) main.focus({ preventScroll: true });
}

setUnauthenticatedHandler(() => {
  if (session.user) toast('登录已过期，请重新登录', 'error', { carry: true });
  session.user = null;
  localStorage.removeItem('certhours.loggedIn');
  if (parseHash().path !== '/login') location.hash = '#/login';
});

setPasswordChangeHandler(() => {
  if (session.user) session.user.must_change_password = true;
  if (parseHash().path !== '/account') location.hash = '#/account';
});

document.getElementById('logout').addEventListener('click', logout);
window.addEventListener('hashchange', render);
render();
